"""Loading a stage: a bad stage stops the run loudly, and features select tests.

Each check runs pytest in a subprocess, on the real suite or on a scratch copy of the
stage suite's conftest.py. All of them start at once and run side by side.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

STAGE_TESTS = Path(__file__).resolve().parents[1] / "stage"
REPO_ROOT = STAGE_TESTS.parents[1]
PROVIDES_SCALAR = '[tool.dark]\nprovides = ["nodes"]\n'
PROBES = (
    "import pytest\n\n"
    "@pytest.mark.provides('nodes')\ndef test_declared(): pass\n\n"
    "@pytest.mark.provides('nodes', 'backward')\ndef test_later(): pass\n\n"
    "@pytest.mark.provides('no_grad')\ndef test_later_too(): pass\n"
)
UNMARKED = "def test_probe(): pass\n"
MISSPELT = "import pytest\n\n@pytest.mark.provides('scalr')\ndef test_probe(): pass\n"


def make_stage(folder, pyproject, package_init=""):
    (folder / "dark").mkdir(parents=True)
    (folder / "dark" / "__init__.py").write_text(package_init)
    if pyproject is not None:
        (folder / "pyproject.toml").write_text(pyproject)
    return folder


def scratch_suite(folder, test_source):
    """The stage suite's conftest.py, its helpers and the repo's settings beside one test."""
    folder.mkdir()
    for helper in STAGE_TESTS.glob("*.py"):
        if not helper.name.startswith("test_"):
            shutil.copy(helper, folder / helper.name)
    shutil.copy(REPO_ROOT / "pyproject.toml", folder / "pyproject.toml")
    shutil.copy(REPO_ROOT / "stages.py", folder / "stages.py")
    (folder / "test_probe.py").write_text(test_source)
    return folder


def start_pytest(stage, cwd, *arguments):
    """Start pytest with DARK_STAGE=stage (None: unset)."""
    environment = {key: value for key, value in os.environ.items() if key != "DARK_STAGE"}
    if stage is not None:
        environment["DARK_STAGE"] = str(stage)
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=cwd,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Every scenario's exit code and output, by name."""
    tmp = tmp_path_factory.mktemp("harness")
    good_stage = make_stage(tmp / "stage", PROVIDES_SCALAR)
    suite = ("tests/stage", "--collect-only", "-q")
    scenarios = {
        "unset": (None, REPO_ROOT, *suite),
        "missing": (tmp / "nowhere", REPO_ROOT, *suite),
        "no package": (tmp, REPO_ROOT, *suite),
        "no pyproject": (make_stage(tmp / "a", None), REPO_ROOT, *suite),
        "no declaration": (make_stage(tmp / "b", '[project]\nname = "dark"\n'), REPO_ROOT, *suite),
        "unknown feature": (
            make_stage(tmp / "c", '[tool.dark]\nprovides = ["scalr"]\n'),
            REPO_ROOT,
            *suite,
        ),
        "import error": (
            make_stage(tmp / "d", PROVIDES_SCALAR, "raise ImportError('half-written')\n"),
            REPO_ROOT,
            *suite,
        ),
        "relative": ("dark-1", tmp, str(STAGE_TESTS / "test_nodes.py"), "--collect-only"),
        "package itself": (REPO_ROOT / "dark-1" / "dark", REPO_ROOT, *suite),
        "features": (good_stage, scratch_suite(tmp / "probes", PROBES)),
        "unmarked": (good_stage, scratch_suite(tmp / "unmarked", UNMARKED)),
        "misspelt": (good_stage, scratch_suite(tmp / "misspelt", MISSPELT)),
    }
    started = {name: start_pytest(*scenario) for name, scenario in scenarios.items()}
    try:
        outputs = {name: process.communicate(timeout=120)[0] for name, process in started.items()}
    finally:
        for process in started.values():
            process.kill()  # a no-op for those that finished
    return {name: (started[name].returncode, output) for name, output in outputs.items()}


BROKEN_STAGES = {
    "unset": "set DARK_STAGE",
    "missing": "is not a folder",
    "no package": "holds no dark/ package",
    "no pyproject": "no pyproject.toml",
    "no declaration": "does not declare [tool.dark] provides",
    "unknown feature": "unknown features ['scalr']",
    "import error": "fails to import",
    "package itself": f"give the folder that holds it, STAGE={REPO_ROOT / 'dark-1'}",
}


@pytest.mark.parametrize("case", BROKEN_STAGES)
def test_a_stage_that_cannot_load_stops_the_run(runs, case):
    code, output = runs[case]
    assert code != 0
    assert BROKEN_STAGES[case] in output
    assert "collected" not in output
    if case == "import error":
        assert "ImportError: half-written" in output


def test_a_relative_stage_is_found_from_the_repo_root(runs):
    code, output = runs["relative"]
    assert code == 0, output
    assert f"dark stage: {REPO_ROOT / 'dark-1'} provides" in output


def test_tests_for_undeclared_features_are_deselected_and_counted(runs):
    code, output = runs["features"]
    assert code == 0, output
    assert "1 passed, 2 deselected" in output
    assert "stage does not provide backward (1), no_grad (1)" in output
    last = output.rstrip().splitlines()[-1]  # a finished copy ends with one line saying so
    assert last.startswith("PASSED: ") and last.endswith(": all 1 tests pass."), output


@pytest.mark.parametrize(
    ("case", "message"), [("unmarked", "names no feature"), ("misspelt", "unknown features")]
)
def test_a_test_without_a_known_feature_is_an_error(runs, case, message):
    code, output = runs[case]
    assert code == pytest.ExitCode.USAGE_ERROR, output
    assert message in output
