"""dark's side of every oracle test: build a drawn graph, run backward, compare.

The graphs drawn for a copy hold only the operations it has written (see
`under_test.available_operations`), so the oracles check a half-written copy too.
"""

import math

from catalog import PIECEWISE_LINEAR
from graphs import graphs, kink_graphs
from hypothesis import strategies as st
from under_test import available_operations, dark, require_operations

# Over 3,000 drawn graphs dark's float64 stayed within 1e-10 of the oracles, so
# these leave a wide margin, yet even a float32 slip (1e-7) would fail. The
# absolute part covers gradients that cancel to about zero.
RELATIVE_TOLERANCE = 1e-8
ABSOLUTE_TOLERANCE = 1e-10


def graph_operations():
    """The copy's written operations; add and mul at least, for the guards and the root."""
    require_operations("add", "mul")
    return available_operations()


# Deferred: the copy is asked what it has only when the first test draws a graph.
written_graphs = st.deferred(lambda: graphs(graph_operations()))
written_kink_graphs = st.deferred(
    lambda: kink_graphs([name for name in graph_operations() if name in PIECEWISE_LINEAR])
)


def dark_gradient(graph, leaves=None, seed=None):
    """The root's value and d(root)/d(leaf) for each leaf, by dark's backward.

    At the drawn leaves, or at `leaves` if given; `seed`, if given, is backward's gradient.
    """
    functions = {step.operation: getattr(dark, step.operation) for step in graph.steps}
    parameters = [dark.Parameter(value) for value in (graph.leaves if leaves is None else leaves)]
    root = graph.build(functions, parameters)[-1]
    root.backward(*([] if seed is None else [seed]))
    return root.value, [parameter.grad for parameter in parameters]


def assert_close(name, actual, expected, graph):
    close = math.isclose(actual, expected, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
    assert close, f"{name}: dark {actual!r}, oracle {expected!r}\n{graph}"


def assert_matches(graph, oracle_value, oracle_gradient):
    value, gradient = dark_gradient(graph)
    assert_close("value", value, oracle_value, graph)
    for i, (actual, expected) in enumerate(zip(gradient, oracle_gradient, strict=True)):
        assert_close(f"d(root)/d(x{i})", actual, expected, graph)
