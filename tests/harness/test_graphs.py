"""The drawn graphs hold what the oracle tests promise: checked, not assumed."""

from catalog import NAMES, PIECEWISE_LINEAR
from graphs import graphs, is_node, kink_graphs
from hypothesis import given, settings

# A copy with a few operations written: its graphs use those, and only those.
A_FEW = ("mul", "add", "exp", "log")


@settings(max_examples=50)
@given(graphs())
def test_a_drawn_graph_has_every_operation_sharing_and_pow_by_a_node(graph):
    assert {step.operation for step in graph.steps} == set(NAMES)
    assert any(step.operation == "pow" and is_node(step.arguments[1]) for step in graph.steps)
    assert graph.consumers(0) >= 3
    operation_nodes = range(len(graph.leaves), graph.size)
    assert any(graph.consumers(i) >= 2 for i in operation_nodes)


@settings(max_examples=50)
@given(graphs(A_FEW))
def test_a_graph_drawn_for_a_few_operations_uses_only_those_and_shares_nodes(graph):
    assert {step.operation for step in graph.steps} == set(A_FEW)
    assert graph.consumers(0) >= 3
    assert any(graph.consumers(i) >= 2 for i in range(len(graph.leaves), graph.size))


@settings(max_examples=50)
@given(kink_graphs())
def test_a_kink_graph_uses_only_piecewise_linear_operations(graph):
    assert {step.operation for step in graph.steps} == set(PIECEWISE_LINEAR)
    assert all(value == int(value) for value in graph.leaves)
