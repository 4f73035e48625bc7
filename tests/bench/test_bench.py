"""The benchmark keeps working: a run at tiny sizes for every stage that has a suite.

Timings are not checked here: on a shared machine they are noise.
"""

import subprocess
import sys
from pathlib import Path

import pytest

import stages
from bench import suite_for
from bench.report import Results, draw_chart
from bench.timing import Case

ROOT = Path(__file__).resolve().parents[2]
BENCHED = [folder for folder in stages.repo_stages() if suite_for(folder)]


def test_the_first_stage_has_a_suite():
    assert BENCHED[:1] == stages.repo_stages()[:1]


@pytest.mark.parametrize("folder", BENCHED, ids=lambda folder: folder.name)
def test_a_quick_run_times_every_case_and_writes_table_and_chart(folder, tmp_path):
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
    for case in suite_for(folder).cases(quick=True):
        assert table.count(f"| {case.label} ") == 3  # ratios, ns per node, ms per step
    engines_row = next(line for line in table.splitlines() if line.startswith("| engines "))
    engines = engines_row.split("|")[2].strip().split("; ")
    ran = [text.split()[0] for text in engines if "left out" not in text]
    header = " | ".join(f"{name} ns" for name in ran)
    assert f"| case | nodes | {header} |" in " ".join(table.split())
    assert (tmp_path / f"{folder.name}.svg").read_text(encoding="utf-8").startswith("<?xml")


def test_a_stage_without_a_suite_is_refused(tmp_path):
    (tmp_path / "dark").mkdir()
    (tmp_path / "dark" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.dark]\nstage = 99\n", encoding="utf-8")
    command = [sys.executable, "-m", "bench", "--stage", str(tmp_path), "--quick"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "no benchmark for this stage" in run.stderr


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
