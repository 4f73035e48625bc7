"""dark's side of every oracle test: build a drawn graph, run backward, compare."""

import math

import dark
from builtin_operations import NAMES, function

DARK = {name: function(name) for name in NAMES}

# Over 3,000 drawn graphs dark's float64 stayed within 1e-10 of the oracles, so
# these leave a wide margin, yet even a float32 slip (1e-7) would fail. The
# absolute part covers gradients that cancel to about zero.
RELATIVE_TOLERANCE = 1e-8
ABSOLUTE_TOLERANCE = 1e-10


def dark_gradient(graph):
    """The root's value and d(root)/d(leaf) for each leaf, by dark's backward."""
    parameters = [dark.Parameter(value) for value in graph.leaves]
    root = graph.build(DARK, parameters)[-1]
    root.backward()
    return root.value, [parameter.grad for parameter in parameters]


def assert_close(name, actual, expected, graph):
    close = math.isclose(actual, expected, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
    assert close, f"{name}: dark {actual!r}, oracle {expected!r}\n{graph}"


def assert_matches(graph, oracle_value, oracle_gradient):
    value, gradient = dark_gradient(graph)
    assert_close("value", value, oracle_value, graph)
    for i, (actual, expected) in enumerate(zip(gradient, oracle_gradient, strict=True)):
        assert_close(f"d(root)/d(x{i})", actual, expected, graph)
