"""Switching graph recording off, as `torch.no_grad()` does, and anomaly checks on."""

from contextlib import contextmanager


class GraphRecording:
    """Whether operations remember their inputs. Read by `Operation.apply`."""

    enabled = True


class AnomalyDetection:
    """Whether operations check for NaN and infinity. Read by `Operation`."""

    enabled = False


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


@contextmanager
def detect_anomaly():
    """Raise FloatingPointError where a NaN or an infinity is born, as torch's does.

    Inside the block, an operation whose inputs are all finite but whose value
    is not raises, naming the operation; so does a `_df` that turns finite values
    into a non-finite partial during `backward()`. Outside it, values simply follow
    IEEE (log(0) is -inf), as numpy's do. The checks cost a pass over every array,
    so they are off by default.
    """
    previous = AnomalyDetection.enabled
    AnomalyDetection.enabled = True
    try:
        yield
    finally:
        AnomalyDetection.enabled = previous
