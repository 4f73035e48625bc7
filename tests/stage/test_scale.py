"""Scale: deep chains without recursion, shared nodes without blow-up, linear time."""

import gc
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager

import dark
import pytest

pytestmark = pytest.mark.provides("operations", "backward")

DEPTH = 100_000


@contextmanager
def time_limit(seconds, what):
    """Fail instead of hanging, for a backward that is exponential or quadratic."""
    if not hasattr(signal, "setitimer"):  # Windows: no alarm, so no limit
        yield
        return

    def fail(signum, frame):
        pytest.fail(f"{what} took over {seconds} s", pytrace=False)

    previous = signal.signal(signal.SIGALRM, fail)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def count_nodes():
    gc.collect()
    # type(), not isinstance(): some libraries' objects compute __class__ lazily.
    return sum(issubclass(type(thing), dark.Node) for thing in gc.get_objects())


def test_a_chain_100000_deep_under_the_default_recursion_limit():
    assert sys.getrecursionlimit() == 1000
    nodes_before = count_nodes()
    x, step = dark.Parameter(0.5), dark.Parameter(1e-5)
    with time_limit(30, "a 100,000-deep chain"):
        y = x
        for _ in range(DEPTH):
            y = dark.add(y, step)
        y.backward()
        assert (x.grad, step.grad) == (1.0, float(DEPTH))
        y.zero_grad()
        assert (x.grad, step.grad) == (0.0, 0.0)
        assert repr(y).startswith("Node(value=")
        assert str(y) == repr(y)
        del y
    assert count_nodes() == nodes_before + 2  # x and step: the chain is freed


def test_a_doubling_diamond_60_deep_gives_exactly_2_to_the_60():
    x = dark.Parameter(1.0)
    y = x
    for _ in range(60):
        y = dark.add(y, y)
    with time_limit(10, "backward through 60 diamonds"):
        y.backward()
    assert y.value == 2.0**60
    assert x.grad == 2.0**60


@pytest.mark.provides("custom_operation")
def test_a_doubling_diamond_differentiates_each_add_once():
    calls = Counter()

    class CountedAdd(dark.Add):
        @staticmethod
        def _df(dldy, y, a, b):
            calls["add"] += 1
            return dark.Add._df(dldy, y, a, b)

    y = dark.Parameter(1.0)
    for _ in range(60):
        y = CountedAdd.apply(y, y)
    with time_limit(10, "backward through 60 diamonds"):
        y.backward()
    assert calls["add"] == 60


def ladder(size):
    """size steps of y[i] = (y[i-1] + y[i-2]) / 2: every node feeds two others."""
    x = dark.Parameter(0.5)
    previous, current = x, dark.sin(x)
    for _ in range(size):
        previous, current = current, dark.mul(dark.add(previous, current), 0.5)
    return current


def best_times(size, repeats):
    """The fastest forward (building) and backward over `repeats` runs, with gc paused."""
    forward = backward = float("inf")
    for _ in range(repeats):
        gc.disable()
        try:
            start = time.perf_counter()
            root = ladder(size)
            built = time.perf_counter()
            root.backward()
            done = time.perf_counter()
        finally:
            gc.enable()
        forward, backward = min(forward, built - start), min(backward, done - built)
    return forward, backward


def test_backward_time_is_linear_in_graph_size():
    """backward/forward stays about constant from 10³ to 10⁵ steps.

    A quadratic backward would make the ratio 100 times larger at 10⁵ than at
    10³; an exponential one (no memory of visited nodes) would not finish the
    ladder at all. The bounds are loose so a busy machine cannot trip them.
    """
    ratios = {}
    with time_limit(30, "timing backward on ladders up to 10⁵ steps"):
        for size, repeats in ((1_000, 7), (10_000, 5), (100_000, 3)):
            forward, backward = best_times(size, repeats)
            ratios[size] = backward / forward
    assert max(ratios.values()) < 10, ratios
    assert ratios[100_000] < 5 * ratios[1_000], ratios
