"""Switching graph recording off, as `torch.no_grad()` does."""

from contextlib import contextmanager


class GraphRecording:
    """Whether operations remember their inputs. Read by `Operation.apply`."""

    enabled = True


@contextmanager
def no_grad():
    """Build no graph inside the block: results are plain leaves.

    Useful for evaluation and for updates you do not want differentiated.
    The previous setting comes back when the block ends, even on an error,
    so blocks nest. Like the rest of dark, this is not thread-aware.
    """
    previous = GraphRecording.enabled
    GraphRecording.enabled = False
    try:
        yield
    finally:
        GraphRecording.enabled = previous
