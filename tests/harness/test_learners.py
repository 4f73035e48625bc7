"""The real stage suite, run on learner copies: what it reports, how long, how much.

Each copy runs as a learner runs it (pytest on tests/stage with DARK_STAGE, default
output), each timed alone. The copies are in tests/learners/. The untouched exercise
skeleton is graded the same way by tests/harness/test_exercise.py, for every stage.
"""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
LEARNERS = REPO_ROOT / "tests" / "learners"
# The limits the issue sets, for 2 busy cores.
SECONDS = {"first-draft": 180, "nodes-only": 180}
MOST_LINES = 150
FIRST_DRAFT_FAULTS = {
    "sets instead of adding": "backward sets a shared node's grad instead of adding to it",
    "exponential": "doubling diamond took more than 2 s: does it revisit shared nodes once",
    "recursion": "RecursionError on a chain 100,000 deep",
    "pow calls itself": "dark.pow never returns (RecursionError): does its _f call `pow`",
}


def run(folder, timeout):
    """The stage suite on `folder`, as `make test STAGE=folder` runs it."""
    environment = {**os.environ, "DARK_STAGE": str(folder)}
    command = [sys.executable, "-m", "pytest", "tests/stage", "-p", "no:cacheprovider"]
    return subprocess.run(
        command,
        cwd=REPO_ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="module")
def runs():
    """{copy: (exit code, output, seconds)}, one copy after the other, each timed alone."""
    folders = {name: LEARNERS / name for name in SECONDS}
    found = {}
    for name, folder in folders.items():
        began = time.monotonic()
        process = run(folder, timeout=2 * SECONDS[name])
        found[name] = (process.returncode, process.stdout, time.monotonic() - began)
    return found


@pytest.mark.parametrize("copy", list(SECONDS))
def test_a_copy_runs_in_time_with_short_output_and_no_collection_error(runs, copy):
    code, output, seconds = runs[copy]
    assert code == pytest.ExitCode.TESTS_FAILED, output
    assert seconds < SECONDS[copy], f"{copy} took {seconds:.0f} s"
    assert len(output.splitlines()) < MOST_LINES, output
    counts = next(line for line in output.splitlines() if line.startswith("=") and " in " in line)
    assert "error" not in counts, output  # no collection error, no error in a fixture
    assert "Traceback" not in output, output


@pytest.mark.parametrize("fault", FIRST_DRAFT_FAULTS)
def test_the_first_draft_summary_names_each_fault(runs, fault):
    output = runs["first-draft"][1]
    assert FIRST_DRAFT_FAULTS[fault] in output, output


def summary_lines(output, heading):
    """The summary lines of the group whose heading starts with `heading`."""
    lines = output[output.index("dark stage ") :].splitlines()
    start = next(i for i, line in enumerate(lines) if line[4:].startswith(heading))
    end = next(
        (i for i in range(start + 1, len(lines)) if not lines[i].startswith("      ")),
        len(lines),
    )
    return lines[start:end]


def test_the_nodes_only_copy_passes_its_node_tests_and_the_rest_are_not_written(runs):
    output = runs["nodes-only"][1]
    nodes = summary_lines(output, "nodes:")
    # Every node test passes; the few that also use mul wait for it.
    assert nodes[0].startswith(("  ✓ nodes:", "  · nodes:")), output
    assert len(nodes) == 1, output
    for family in ("apply", "mul_pow", "operations", "order", "zero_grad", "no_grad"):
        assert "not started (not written yet:" in summary_lines(output, f"{family}:")[0]


def test_a_wrong_partial_is_named_by_its_operation(tmp_path):
    """dark-1 with Mul's two partials swapped: the summary names mul, not a graph holding it."""
    copy = tmp_path / "swapped-mul"
    shutil.copytree(REPO_ROOT / "dark-1", copy, ignore=shutil.ignore_patterns("__pycache__"))
    ops = copy / "dark" / "ops.py"
    right = "return dldy * b, dldy * a"
    assert right in ops.read_text(encoding="utf-8"), "Mul._df is not written as expected"
    ops.write_text(ops.read_text(encoding="utf-8").replace(right, "return dldy * a, dldy * b"))
    output = run(copy, timeout=2 * SECONDS["first-draft"]).stdout
    task = summary_lines(output, "Task 1.3 ")
    assert task[1].endswith("match the oracles [mul]"), output
    assert task[2].strip().startswith("Mul._df("), output
    # hypothesis's failing example, written over several lines, back on one
    assert "oracles(name='mul', data=data(...), dldy=" in task[3], output


def test_an_array_in_a_failed_assertion_is_shown_on_one_line(tmp_path):
    """dark-2 whose Parameter makes new zeros at each read: `w.grad is held` fails."""
    copy = tmp_path / "forgetful-parameter"
    shutil.copytree(REPO_ROOT / "dark-2", copy, ignore=shutil.ignore_patterns("__pycache__"))
    node = copy / "dark" / "node.py"
    right, wrong = "self._grad = np.zeros_like", "return np.zeros_like"
    assert right in node.read_text(encoding="utf-8"), "Parameter.grad is not written as expected"
    node.write_text(node.read_text(encoding="utf-8").replace(right, wrong))
    command = [sys.executable, "-m", "pytest", "tests/stage/test_tensor_invariants.py"]
    output = subprocess.run(
        command,
        cwd=REPO_ROOT,
        env={**os.environ, "DARK_STAGE": str(copy)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=SECONDS["first-draft"],
    ).stdout
    task = summary_lines(output, "Task 2.4 ")
    assert task[1].endswith("first failing rule: a parameter grad adds up in the array you hold")
    shown = "assert array([[6., 6.], [6., 6.], [6., 6.]]) is array([[0., 0.], [0., 0.], [0., 0.]])"
    assert task[2].strip() == shown, output
