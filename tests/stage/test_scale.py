"""Scale: deep chains without recursion, shared nodes without blow-up, linear time."""

import gc
import sys
import time
from collections import Counter
from contextlib import contextmanager

import numpy as np
import pytest
from time_limits import time_limit
from under_test import KnownFault, dark

pytestmark = pytest.mark.provides("order")

DEPTH = 100_000
REVISITS = "does it revisit shared nodes once per path?"


@contextmanager
def no_recursion(what):
    """Turn a RecursionError into the sentence that says what it means."""
    try:
        yield
    except RecursionError:
        raise KnownFault(
            f"RecursionError on {what}: the article's section on deep graphs shows why"
        ) from None


def count_nodes():
    gc.collect()
    # type(), not isinstance(): some libraries' objects compute __class__ lazily.
    return sum(issubclass(type(thing), dark.Node) for thing in gc.get_objects())


def test_a_chain_100000_deep_under_the_default_recursion_limit():
    assert sys.getrecursionlimit() == 1000
    nodes_before = count_nodes()
    x, step = dark.Parameter(0.5), dark.Parameter(1e-5)
    with (
        time_limit(30, "a 100,000-deep chain took over 30 s"),
        no_recursion("a chain 100,000 deep"),
    ):
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


def diamonds(levels, add):
    """y = x + x, then y + y, `levels` times: 2^levels paths from the root down to x."""
    x = dark.Parameter(1.0)
    y = x
    for _ in range(levels):
        y = add(y, y)
    return x, y


def test_a_doubling_diamond_30_deep_takes_no_time():
    x, y = diamonds(30, dark.add)
    meaning = f"backward on a 30-level doubling diamond took more than 2 s: {REVISITS}"
    with time_limit(2, meaning), no_recursion("a 30-level doubling diamond"):
        y.backward()
    assert x.grad == 2.0**30


def test_a_doubling_diamond_60_deep_gives_exactly_2_to_the_60():
    x, y = diamonds(60, dark.add)
    meaning = f"backward on a 60-level doubling diamond took more than 10 s: {REVISITS}"
    with time_limit(10, meaning), no_recursion("a 60-level doubling diamond"):
        y.backward()
    assert y.value == 2.0**60
    assert x.grad == 2.0**60


def test_a_doubling_diamond_differentiates_each_add_once():
    calls = Counter()
    add_class = dark.add(1.0, 2.0).op

    class CountedAdd(add_class):
        @staticmethod
        def _df(dldy, y, a, b):
            calls["add"] += 1
            return add_class._df(dldy, y, a, b)

    x, y = diamonds(60, CountedAdd.apply)
    meaning = f"backward on a 60-level doubling diamond took more than 10 s: {REVISITS}"
    with time_limit(10, meaning), no_recursion("a 60-level doubling diamond"):
        y.backward()
    assert calls["add"] == 60


def ladder(size, start):
    """size steps of y[i] = (y[i-1] + y[i-2]) / 2: every node feeds two others."""
    x = dark.Parameter(start)
    previous, current = x, dark.sin(x)
    for _ in range(size):
        previous, current = current, dark.mul(dark.add(previous, current), 0.5)
    return current


def best_times(size, repeats, start, finish):
    """The fastest forward (building) and backward over `repeats` runs, with gc paused."""
    forward = backward = float("inf")
    for _ in range(repeats):
        gc.disable()
        try:
            start_time = time.perf_counter()
            root = finish(ladder(size, start))
            built = time.perf_counter()
            root.backward()
            done = time.perf_counter()
        finally:
            gc.enable()
        forward, backward = min(forward, built - start_time), min(backward, done - built)
    return forward, backward


def one_number(node):
    return node


def summed(node):
    return dark.sum(node)


@pytest.mark.parametrize(
    ("start", "finish"),
    [
        pytest.param(0.5, one_number, id="numbers"),
        # Where values are arrays: (4, 4) arrays, summed to one number at the root.
        pytest.param(
            np.full((4, 4), 0.5), summed, id="arrays", marks=pytest.mark.provides("order", "arrays")
        ),
    ],
)
def test_backward_time_is_linear_in_graph_size(start, finish):
    """backward/forward stays about constant from 10³ to 5·10⁴ steps.

    A quadratic backward would make the ratio 50 times larger at 5·10⁴ than at
    10³; an exponential one (no memory of visited nodes) would not finish the
    ladder at all. The bounds are loose so a busy machine cannot trip them, and
    the sizes small enough that a slower stage (arrays) stays well inside the limit.
    """
    ratios = {}
    meaning = f"backward on ladders of 10³ to 5·10⁴ steps took over 30 s: {REVISITS}"
    with time_limit(30, meaning), no_recursion("a ladder 1,000 steps long"):
        for size, repeats in ((1_000, 5), (10_000, 3), (50_000, 2)):
            forward, backward = best_times(size, repeats, start, finish)
            ratios[size] = backward / forward
    assert max(ratios.values()) < 10, ratios
    assert ratios[50_000] < 5 * ratios[1_000], ratios
