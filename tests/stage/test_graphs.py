"""The drawn graphs hold what the oracle tests promise: checked, not assumed."""

import pytest
from builtin_operations import NAMES
from graphs import PIECEWISE_LINEAR, graphs, is_node, kink_graphs
from hypothesis import given, settings

pytestmark = pytest.mark.provides("harness")


@settings(max_examples=50)
@given(graphs())
def test_a_drawn_graph_has_every_operation_sharing_and_pow_by_a_node(graph):
    assert {step.operation for step in graph.steps} == set(NAMES)
    assert any(step.operation == "pow" and is_node(step.arguments[1]) for step in graph.steps)
    assert graph.consumers(0) >= 3
    operation_nodes = range(len(graph.leaves), graph.size)
    assert any(graph.consumers(i) >= 2 for i in operation_nodes)


@settings(max_examples=50)
@given(kink_graphs())
def test_a_kink_graph_uses_only_piecewise_linear_operations(graph):
    assert {step.operation for step in graph.steps} == set(PIECEWISE_LINEAR)
    assert all(value == int(value) for value in graph.leaves)
