"""The benchmark keeps working: a run at tiny sizes, and its node counts.

Timings are not checked here: on a shared machine they are noise.
"""

import importlib
import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from bench import chart
from bench.cases import QUICK, make_cases, mlp_problem
from bench.data import MLP_SIZES, mlp_nodes
from bench.results import Results

ROOT = Path(__file__).resolve().parents[2]
STAGE = "dark-1"
TORCH_INSTALLED = importlib.util.find_spec("torch") is not None
ENGINES = ["dark", "micrograd"] + (["torch"] if TORCH_INSTALLED else [])


def test_a_quick_run_times_every_workload_and_writes_table_and_chart(tmp_path):
    command = [sys.executable, "-m", "bench", "--stage", STAGE, "--quick", "--out", str(tmp_path)]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    table = (tmp_path / f"{STAGE}.md").read_text(encoding="utf-8")
    assert table in run.stdout  # what is printed is what the page shows
    for case in make_cases(QUICK):
        assert f"| {case.label} " in table
    for engine in ENGINES:
        assert f"| {engine} ms " in table
    if not TORCH_INSTALLED:
        assert "torch: not installed" in table
    assert table.count("PASS") + table.count("FAIL") + table.count("n/a") == 5
    assert (tmp_path / f"{STAGE}.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


@pytest.fixture
def workloads(request, monkeypatch):
    """The workload module of one engine; dark comes from the stage folder."""
    name = request.param
    if name == "torch" and not TORCH_INSTALLED:
        pytest.skip("torch is not installed")
    if name == "dark":
        monkeypatch.syspath_prepend(str(ROOT / STAGE))
        for module in [m for m in sys.modules if m == "dark" or m.startswith("dark.")]:
            monkeypatch.delitem(sys.modules, module)
        monkeypatch.delitem(sys.modules, "bench.dark_workloads", raising=False)
    return importlib.import_module(f"bench.{name}_workloads")


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


@pytest.mark.parametrize("workloads", ENGINES, indirect=True)
def test_every_engine_builds_the_counted_number_of_nodes(workloads):
    leaf = workloads.leaf
    assert operation_results(workloads.chain(leaf(0.3), leaf(0.9), leaf(0.1), 7)) == 3 * 7
    assert operation_results(workloads.diamonds(leaf(-0.25), 7)) == 2 * 7
    weights, inputs = [leaf(1.0)] * 7, [workloads.constant(2.0)] * 7
    assert operation_results(workloads.wide_sum(weights, inputs)) == 2 * 7 - 1
    loss = workloads.loss(*mlp_problem(workloads, 3), alpha=1e-4)
    assert operation_results(loss) == mlp_nodes(MLP_SIZES, 3)


def test_the_chart_depends_only_on_the_results(tmp_path):
    cases = make_cases(QUICK)
    engines = ["dark", "micrograd"]
    results = Results(
        stage=STAGE,
        repeat=2,
        cases=cases,
        engines=engines,
        versions={name: "1.0" for name in engines},
        missing={},
        timings={case.label: {name: [1e6, 2e6] for name in engines} for case in cases},
        memory={},
        survives={},
        cycles={},
        deep_n=max(QUICK.chain),
        shallow_n=min(QUICK.chain),
        default_limit=1000,
        raised_limit=2000,
        machine={"CPU": "Some CPU, 2 cores", "Python": "3.11.7 (CPython)"},
    )
    chart.draw(results, tmp_path / "first.png")
    chart.draw(results, tmp_path / "second.png")
    assert (tmp_path / "first.png").read_bytes() == (tmp_path / "second.png").read_bytes()
