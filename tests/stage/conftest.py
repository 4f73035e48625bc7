"""Load the stage named by DARK_STAGE and run only the tests for what it provides.

`make test STAGE=dark-1` sets DARK_STAGE. Any folder that holds a `dark/`
package and declares `[tool.dark] provides = [...]` in its pyproject.toml can
be tested, such as a reader's own copy of a stage. Every test names the
features it needs with `@pytest.mark.provides(...)`; a test for a feature the
stage does not declare is deselected, so it never reaches a later stage's API.
"""

import importlib
import os
import sys
import tomllib
import traceback
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO_ROOT = Path(__file__).resolve().parents[2]

# Every feature a stage may declare. A name outside this list is a typo, and a
# typo would otherwise deselect its tests silently, forever.
FEATURES = {
    "harness": "the harness's own checks; they run for every stage",
    "scalar": "Node, Constant and Parameter holding Python floats",
    "operations": "the 17 built-in operations, their values and domains",
    "backward": "backward() and zero_grad()",
    "no_grad": "the no_grad() context manager",
    "custom_operation": "subclassing dark.Operation",
}
ALWAYS_PROVIDED = {"harness"}

# Derandomized: every run draws the same examples, so a failure reproduces.
# No deadline: timings on a busy two-core machine say nothing about correctness.
settings.register_profile(
    "dark",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("dark")


class Stage:
    """The folder under test and the features it declares."""

    def __init__(self, folder, features):
        self.folder = folder
        self.features = features


stage = None
deselection_note = None


def find_folder(name):
    """DARK_STAGE as given, if absolute; else relative to the cwd, then to the repo."""
    path = Path(name)
    if path.is_absolute():
        return path
    for base in (Path.cwd(), REPO_ROOT):
        if (base / path).is_dir():
            return (base / path).resolve()
    return path


def read_features(folder):
    pyproject = folder / "pyproject.toml"
    if not pyproject.is_file():
        stop(f"{folder} has no pyproject.toml declaring [tool.dark] provides = [...]")
    try:
        declared = tomllib.loads(pyproject.read_text())["tool"]["dark"]["provides"]
    except (tomllib.TOMLDecodeError, KeyError) as error:
        stop(f"{pyproject} does not declare [tool.dark] provides = [...] ({error!r})")
    if not isinstance(declared, list) or not all(isinstance(name, str) for name in declared):
        stop(f"{pyproject}: [tool.dark] provides must be a list of feature names")
    unknown = set(declared) - FEATURES.keys()
    if unknown:
        stop(f"{pyproject} declares unknown features {sorted(unknown)}; known: {sorted(FEATURES)}")
    return set(declared)


def import_stage(folder):
    """Import `dark` from `folder` and nowhere else."""
    sys.path.insert(0, str(folder))
    for name in [name for name in sys.modules if name == "dark" or name.startswith("dark.")]:
        del sys.modules[name]
    try:
        module = importlib.import_module("dark")
    except Exception:
        stop(f"{folder}/dark fails to import:\n{traceback.format_exc()}", returncode=1)
    if Path(module.__file__).resolve().parent != (folder / "dark").resolve():
        stop(f"`import dark` found {module.__file__}, not the stage in {folder}")


def stop(message, returncode=pytest.ExitCode.USAGE_ERROR):
    pytest.exit(f"dark stage: {message}", returncode=returncode)


def pytest_configure(config):
    global stage
    name = os.environ.get("DARK_STAGE")
    if not name:
        stop("set DARK_STAGE to a stage folder, e.g. `make test STAGE=dark-1`")
    folder = find_folder(name)
    if not folder.is_dir():
        places = " and ".join(map(str, dict.fromkeys([Path.cwd(), REPO_ROOT])))
        stop(f"{name!r} is not a folder (looked in {places})")
    if not (folder / "dark" / "__init__.py").is_file():
        stop(f"{folder} holds no dark/ package (no dark/__init__.py)")
    features = read_features(folder)
    import_stage(folder)
    stage = Stage(folder, features)


def pytest_report_header(config):
    return f"dark stage: {stage.folder} provides {', '.join(sorted(stage.features))}"


def pytest_collection_modifyitems(config, items):
    global deselection_note
    provided = stage.features | ALWAYS_PROVIDED
    kept, deselected, missing_counts = [], [], Counter()
    for item in items:
        needed = {feature for mark in item.iter_markers("provides") for feature in mark.args}
        if not needed:
            raise pytest.UsageError(
                f"{item.nodeid} names no feature: add @pytest.mark.provides(...)"
            )
        unknown = needed - FEATURES.keys()
        if unknown:
            raise pytest.UsageError(f"{item.nodeid} needs unknown features {sorted(unknown)}")
        missing = needed - provided
        if missing:
            deselected.append(item)
            missing_counts.update(missing)
        else:
            kept.append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
        counts = ", ".join(f"{feature} ({n})" for feature, n in sorted(missing_counts.items()))
        deselection_note = (
            f"deselected {len(deselected)} tests: {stage.folder.name} does not provide {counts}"
        )


def pytest_report_collectionfinish(config, start_path, items):
    return deselection_note or []


@pytest.fixture
def stage_folder():
    """The folder under test, for tests that read its files rather than import them."""
    return stage.folder
