"""The benchmark keeps working: a run at tiny sizes for every stage that has a suite.

Timings are not checked here: on a shared machine they are noise.
"""

import subprocess
import sys
from pathlib import Path

import pytest

import stages
from bench import suite_for
from bench.report import Results, draw_chart, render
from bench.timing import Case, run

ROOT = Path(__file__).resolve().parents[2]
BENCHED = [folder for folder in stages.repo_stages() if suite_for(folder)]


def test_the_first_stage_has_a_suite():
    assert BENCHED[:1] == stages.repo_stages()[:1]


@pytest.fixture
def quick_cases(monkeypatch):
    """A suite's cases at quick sizes, its stage's `dark` imported first, as a run does."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # given back as it was afterwards

    def cases(folder):
        stages.import_dark(folder)
        return suite_for(folder).cases(folder, quick=True)

    yield cases
    stages.forget_dark()
    for sample in stages.REPO.glob("dark-*/samples/*.py"):
        sys.modules.pop(sample.stem, None)  # imported by a suite, with that stage's `dark`


@pytest.mark.parametrize("folder", BENCHED, ids=lambda folder: folder.name)
def test_a_quick_run_times_every_case_and_writes_table_and_chart(folder, tmp_path, quick_cases):
    command = [
        sys.executable,
        "-m",
        "bench",
        "--stage",
        str(folder),
        "--quick",
        "--out",
        str(tmp_path),
    ]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr

    table = (tmp_path / f"{folder.name}.md").read_text(encoding="utf-8")
    assert table in run.stdout  # what is printed is what the page shows
    for case in quick_cases(folder):
        # ratios, µs per node where a case counts nodes, ms per step; and each target
        assert table.count(f"| {case.label} ") == 2 + bool(case.nodes) + len(case.targets)
    engines_row = next(line for line in table.splitlines() if line.startswith("| engines "))
    engines = engines_row.split("|")[2].strip().split("; ")
    ran = [text.split()[0] for text in engines if "left out" not in text]
    header = " | ".join(f"{name} ms" for name in ran)
    assert f"| case | {header} |" in " ".join(table.split())
    assert "1 thread" in table  # numpy's BLAS, limited by threadpoolctl
    assert (tmp_path / f"{folder.name}.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_a_stage_without_a_suite_is_refused(tmp_path):
    (tmp_path / "dark").mkdir()
    (tmp_path / "dark" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.dark]\nstage = 99\n", encoding="utf-8")
    command = [sys.executable, "-m", "bench", "--stage", str(tmp_path), "--quick"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "no benchmark for this stage" in run.stderr


class Engine:
    """An engine whose every step answers `answer`."""

    def __init__(self, name, answer):
        self.NAME, self.answer = name, answer


def test_engines_that_disagree_stop_the_run():
    case = Case("T0", 1, None, 1, lambda engine, n: lambda: (engine.answer, None), rel_tol=1e-3)
    run([case], [Engine("a", [1.0, 2.0]), Engine("b", [1.0, 2.0005])], repeat=1)  # within 1e-3
    with pytest.raises(RuntimeError, match=r"T0: b computed \[1.0, 2.01\], a \[1.0, 2.0\]"):
        run([case], [Engine("a", [1.0, 2.0]), Engine("b", [1.0, 2.01])], repeat=1)


def test_a_case_that_no_engine_runs_is_reported_as_skipped(capsys):
    case = Case("T9 no data", 1, None, 1, lambda engine, n: None)
    assert run([case], [Engine("a", 1.0), Engine("b", 1.0)], repeat=1) == {
        "T9 no data": {"a": [], "b": []}
    }
    assert capsys.readouterr().out.split() == ["[1/1]", "T9", "no", "data", "skipped"]


def test_the_engines_that_have_a_case_take_turns_going_first_after_an_untimed_step():
    calls = []

    def prepare(engine, n):
        if engine.NAME in ("b", "d"):
            return None  # like T5, which only dark and the floor have
        return lambda: (calls.append(engine.NAME), (1.0, None))[1]

    engines = [Engine(name, 1.0) for name in "abcd"]
    run([Case("T5", 1, None, 2, prepare)], engines, repeat=4)
    # Each engine runs 1 untimed step and then 2 timed ones, and "a" and "c" alternate.
    assert ["".join(calls[i : i + 6]) for i in range(0, 24, 6)] == ["aaaccc", "cccaaa"] * 2


def test_cases_an_engine_sits_out_show_a_dash_and_targets_their_verdict():
    cases = [
        Case("T1 both", 1, None, 1, None, targets={"b": 1.0}),
        Case("T2 a only", 1, 10, 1, None, targets={"b": 1.0}),
        Case("T3 none", 1, None, 1, None, targets={"c": 1.0}),
    ]
    timings = {
        "T1 both": {"a": [3e6, 1e6], "b": [2e6, 2e6]},
        "T2 a only": {"a": [1e6, 1e6], "b": []},
        "T3 none": {"a": [], "b": []},
    }
    results = Results("dark-9", 2, cases, ["a", "b"], timings, {"machine": "x"}, checks=[])
    rows = [line.replace(" ", "") for line in render(results).splitlines()]
    assert "|T1both|a/b|1.00(0.50–1.50)|≤1.0|met|" in rows
    assert "|T2aonly|a/b|—|≤1.0|—,notrun|" in rows
    assert "|T3none|a/c|—|≤1.0|—,notrun|" in rows
    assert "|T2aonly|10|100.00|—|" in rows  # µs per node; b has no time
    assert "|T3none|—|—|" in rows  # ms per step


def test_the_chart_depends_only_on_the_results(tmp_path):
    cases = [Case(f"W{i} case", 10, 30, 1, prepare=None) for i in range(3)]
    engines = ["dark", "micrograd", "torch"]
    timings = {
        case.label: {name: [1e6 * (i + 1), 2e6] for i, name in enumerate(engines)} for case in cases
    }
    machine = {"CPU": "Some CPU, 2 cores", "Python": "3.11.7 (CPython)"}
    results = Results("dark-1", 2, cases, engines, timings, machine, checks=[])
    draw_chart(results, tmp_path / "first.svg")
    draw_chart(results, tmp_path / "second.svg")
    assert (tmp_path / "first.svg").read_bytes() == (tmp_path / "second.svg").read_bytes()
