"""Oracle 3: PyTorch's float64 autograd, wherever `import torch` works.

dark follows PyTorch at the points where a derivative is a choice (abs and
relu at 0, ties in max and min), so here the graphs may also sit right on
those kinks, and the results must agree exactly.
"""

import pytest
from catalog import OPERATIONS
from gradients import assert_matches, dark_gradient, written_graphs, written_kink_graphs
from hypothesis import given, settings

torch = pytest.importorskip("torch", reason="PyTorch is not installed: no torch oracle")

pytestmark = pytest.mark.provides("backward")

TORCH = {row.name: row.torch(torch) for row in OPERATIONS}


def scalar(value):
    return torch.tensor(value, dtype=torch.float64)


def torch_gradient(graph):
    """The root's value and its gradient by each leaf, from torch's autograd."""
    leaves = [scalar(value).requires_grad_() for value in graph.leaves]
    root = graph.build(TORCH, leaves, constant=scalar)[-1]
    root.backward()
    gradient = [0.0 if leaf.grad is None else leaf.grad.item() for leaf in leaves]
    return root.item(), gradient


@settings(max_examples=200)
@given(written_graphs)
def test_gradient_matches_torch(graph):
    assert_matches(graph, *torch_gradient(graph))


@settings(max_examples=300)
@given(written_kink_graphs)
def test_gradient_at_kinks_equals_torch(graph):
    assert dark_gradient(graph) == torch_gradient(graph), str(graph)
