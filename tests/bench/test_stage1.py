"""Stage 1's suite: every engine builds the number of nodes the tables divide by."""

import importlib
import importlib.util
import sys

import pytest

import stages
from bench.stage1 import mlp_problem
from bench.stage1.data import MLP_SIZES, mlp_nodes

TORCH_INSTALLED = importlib.util.find_spec("torch") is not None
STAGE_1 = next(f for f in stages.repo_stages() if stages.declaration(f).get("stage") == 1)


@pytest.fixture(params=["dark", "micrograd", "torch"])
def workloads(request, monkeypatch):
    """The workload module of one engine; dark's comes with the stage's own `dark`."""
    if request.param == "torch" and not TORCH_INSTALLED:
        pytest.skip("torch is not installed")
    if request.param == "dark":
        monkeypatch.setattr(sys, "path", list(sys.path))
        monkeypatch.delitem(sys.modules, "bench.stage1.dark_workloads", raising=False)
        stages.import_dark(STAGE_1)
    return importlib.import_module(f"bench.stage1.{request.param}_workloads")


def operation_results(root):
    """Count the distinct results of operations in the graph below `root`, leaves left out."""
    if hasattr(root, "grad_fn"):  # torch: the graph is made of backward functions
        functions, stack = set(), [root.grad_fn]
        while stack:
            function = stack.pop()
            if function is not None and function not in functions:
                functions.add(function)
                stack.extend(parent for parent, _ in function.next_functions)
        return sum(type(f).__name__ != "AccumulateGrad" for f in functions)
    if hasattr(root, "_prev"):  # micrograd: leaves have an empty _op
        parents, made_by_op = "_prev", lambda value: value._op != ""
    else:  # dark: leaves have no op
        parents, made_by_op = "inputs", lambda node: node.op is not None
    seen, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(getattr(node, parents))
    return sum(made_by_op(node) for node in seen)


def test_every_engine_builds_the_counted_number_of_nodes(workloads):
    leaf = workloads.leaf
    assert operation_results(workloads.chain(leaf(0.3), leaf(0.9), leaf(0.1), 7)) == 3 * 7
    assert operation_results(workloads.diamonds(leaf(-0.25), 7)) == 2 * 7
    weights, inputs = [leaf(1.0)] * 7, [workloads.constant(2.0)] * 7
    assert operation_results(workloads.wide_sum(weights, inputs)) == 2 * 7 - 1
    loss = workloads.loss(*mlp_problem(workloads, 3), alpha=1e-4)
    assert operation_results(loss) == mlp_nodes(MLP_SIZES, 3)


def test_without_torch_the_run_leaves_it_out_and_says_so(quick_run_without):
    table = quick_run_without(STAGE_1, "torch")
    assert "torch not installed, left out" in table
    assert "dark / micrograd" in table and "dark / torch" not in table
