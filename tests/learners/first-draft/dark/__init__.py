"""The first draft of stage 1, as the seed article wrote it: one module, recursive backward."""

from .draft import *  # noqa: F403
