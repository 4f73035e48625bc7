"""Give each stage's `dark` package a name of its own for the API reference.

Every stage names its package `dark`, and mkdocstrings keeps one module collection per
build: with all stages on its path, `::: dark` would show the first stage on every page.
So each stage is exposed as `dark_1`, `dark_2`, ... in .cache/api (a symlink to the
stage's package), which mkdocs.yml lists in the handler's `paths`. Relative imports
inside the package keep every cross-reference within its own stage.
"""

import os
from pathlib import Path

from mkdocs.plugins import event_priority

ALIASES = ".cache/api"


@event_priority(100)  # before mkdocstrings reads its paths
def on_config(config):
    root = Path(config.config_file_path).parent
    folder = root / ALIASES
    folder.mkdir(parents=True, exist_ok=True)
    for stage in config.extra["stages"]:
        alias = folder / stage.replace("-", "_")
        target = os.path.relpath(root / stage / "dark", folder)
        if not alias.is_symlink() or os.readlink(alias) != target:
            alias.unlink(missing_ok=True)
            alias.symlink_to(target, target_is_directory=True)
