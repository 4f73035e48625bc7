"""Load the copy of `dark` named by DARK_STAGE, test what it declares, and report per task.

`make test STAGE=dark-1` sets DARK_STAGE. Any folder that holds a `dark/` package and
declares `[tool.dark] provides = [...]` in its pyproject.toml can be tested, such as a
reader's own copy of a stage, finished or half written. Every test is marked with the rule
family that grades it (`@pytest.mark.provides("backward")`, see families.py); a test of a
family the stage does not declare is deselected.

No test module touches `dark` while it is imported (they use `under_test.dark`), so a name
the copy lacks fails only the tests that use it, reported as "not written yet".

By default the output is short: a dot per test while it runs, then one summary per task
(or per family), with the first failing rule of each and its smallest example. `-v` shows
pytest's usual tracebacks as well: `make test STAGE=... ARGS=-v`.
"""

import functools
import os
import re
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest
import under_test
from families import FAMILIES
from hypothesis import HealthCheck, Phase, settings
from hypothesis.internal.conjecture import engine as hypothesis_engine
from time_limits import time_limit
from under_test import KnownFault, NotWrittenYet, what_is_unwritten

import stages

# Derandomized: every run draws the same examples, so a failure reproduces.
# No deadline: timings on a busy two-core machine say nothing about correctness.
# One failure per test: the smallest example of the first bug found, never every variant.
# No explain phase: it traces every line of a failing example, which is slow, and under
# Python 3.11 tracing a copy's runaway recursion can overflow the C stack (a crash).
settings.register_profile(
    "dark",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    report_multiple_bugs=False,
    phases=[phase for phase in Phase if phase is not Phase.explain],
)
settings.load_profile("dark")
# Hypothesis may shrink a failure for 5 minutes; a learner should not wait for that. It
# has no public setting for this, so the module's constant is set (read at each shrink).
hypothesis_engine.MAX_SHRINKING_SECONDS = 10

# The wall-clock limit of every test. The slowest test of a finished copy takes a few
# seconds on a busy two-core machine; a stuck or exponential copy fails here instead.
TEST_SECONDS = 45
# Message lines longer than this are cut in the summary.
LINE_WIDTH = 160


@dataclass
class Stage:
    folder: Path
    families: set
    tasks: list


@dataclass
class Result:
    family: str
    rule: str
    example: str
    outcome: str  # "passed", "failed", "fault" (a recognised mistake), "unwritten", "skipped"
    message: str = ""
    alone: bool = False  # a check of one operation on its own, which names the culprit


# The tests that differentiate one operation alone. When one fails, it is the first rule a
# summary shows: "mul's partials are wrong" says more than a graph that merely holds mul.
ONE_OPERATION_ALONE = "test_partials.py"


stage = None
deselection_note = None
results = {}  # nodeid: Result, in the order the tests ran


def stop(message, returncode=pytest.ExitCode.USAGE_ERROR):
    pytest.exit(f"dark stage: {message}", returncode=returncode)


def find_folder(name):
    """DARK_STAGE as given, if absolute; else relative to the cwd, then to the repo."""
    path = Path(name)
    if path.is_absolute():
        return path
    for base in (Path.cwd(), stages.REPO):
        if (base / path).is_dir():
            return (base / path).resolve()
    return path


def check_folder(name, folder):
    if not folder.is_dir():
        places = " and ".join(map(str, dict.fromkeys([Path.cwd(), stages.REPO])))
        stop(f"{name!r} is not a folder (looked in {places})")
    if folder.name == "dark" and (folder / "__init__.py").is_file():
        stop(
            f"{folder} is the dark package itself: "
            f"give the folder that holds it, STAGE={folder.parent}"
        )
    if not (folder / "dark" / "__init__.py").is_file():
        stop(f"{folder} holds no dark/ package (no dark/__init__.py)")
    if not (folder / "pyproject.toml").is_file():
        stop(f"{folder} has no pyproject.toml declaring [tool.dark] provides = [...]")


def read_declaration(folder):
    pyproject = folder / "pyproject.toml"
    try:
        declared = stages.declaration(folder)
    except ValueError as error:  # tomllib.TOMLDecodeError
        stop(f"{pyproject} is not valid TOML ({error})")
    families = declared.get("provides")
    if families is None:
        stop(f"{pyproject} does not declare [tool.dark] provides = [...]")
    if not isinstance(families, list) or not all(isinstance(name, str) for name in families):
        stop(f"{pyproject}: [tool.dark] provides must be a list of rule family names")
    unknown = set(families) - FAMILIES.keys()
    if unknown:
        stop(f"{pyproject} declares unknown features {sorted(unknown)}; known: {sorted(FAMILIES)}")
    return set(families), declared.get("tasks", [])


def pytest_configure(config):
    global stage
    name = os.environ.get("DARK_STAGE")
    if not name:
        stop("set DARK_STAGE to a stage folder, e.g. `make test STAGE=dark-1`")
    folder = find_folder(name)
    check_folder(name, folder)
    families, tasks = read_declaration(folder)
    try:
        under_test.Copy.module = stages.import_dark(folder)
        under_test.Copy.families = frozenset(families)
    except Exception:
        stop(f"{folder}/dark fails to import:\n{traceback.format_exc()}", returncode=1)
    stage = Stage(folder, families, tasks)
    if config.option.verbose <= 0:
        # The summary below replaces tracebacks, the list of failures and warnings.
        config.option.tbstyle = "no"
        config.option.reportchars = "N"
        config.option.disable_warnings = True


def pytest_report_header(config):
    return f"dark stage: {stage.folder} provides {', '.join(sorted(stage.families))}"


def families_of(item):
    """The families a test needs; the first one grades it."""
    marker = item.get_closest_marker("provides")
    if marker is None or not marker.args:
        raise pytest.UsageError(f"{item.nodeid} names no feature: add @pytest.mark.provides(...)")
    unknown = set(marker.args) - FAMILIES.keys()
    if unknown:
        raise pytest.UsageError(f"{item.nodeid} needs unknown features {sorted(unknown)}")
    return marker.args


def stop_at_stubs(test):
    """`test`, with a stub's NotImplementedError made final, so hypothesis does not shrink it."""

    @functools.wraps(test)
    def run(*arguments, **keywords):
        try:
            return test(*arguments, **keywords)
        except NotImplementedError as stub:
            raise NotWrittenYet(f"not written yet: {what_is_unwritten(stub)}") from stub

    run.stops_at_stubs = True
    return run


def pytest_collection_modifyitems(config, items):
    global deselection_note
    kept, deselected, missing = [], [], {}
    for item in items:
        given = getattr(getattr(item, "function", None), "hypothesis", None)
        if given is not None and not getattr(given.inner_test, "stops_at_stubs", False):
            given.inner_test = stop_at_stubs(given.inner_test)
        absent = [family for family in families_of(item) if family not in stage.families]
        (deselected if absent else kept).append(item)
        for family in absent:
            missing[family] = missing.get(family, 0) + 1
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept
        counts = ", ".join(f"{family} ({n})" for family, n in sorted(missing.items()))
        deselection_note = (
            f"deselected {len(deselected)} tests: {stage.folder.name} does not provide {counts}"
        )


def pytest_report_collectionfinish(config, start_path, items):
    return deselection_note or []


UNWRITTEN_IN_SETUP = pytest.StashKey[BaseException]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    # A fixture that meets a stub (or a missing name) is not an error of the harness: keep
    # it for the test to raise, so that it fails as "not written yet", as a test body would.
    try:
        return (yield)
    except (NotWrittenYet, NotImplementedError) as unwritten:
        item.stash[UNWRITTEN_IN_SETUP] = unwritten
        return None


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    if UNWRITTEN_IN_SETUP in item.stash:
        raise item.stash[UNWRITTEN_IN_SETUP]
    meaning = (
        f"ran over {TEST_SECONDS} s, the harness's limit for one test: "
        "is a step exponential, or stuck in a loop?"
    )
    with time_limit(TEST_SECONDS, meaning):
        return (yield)


def rule_words(item):
    return item.originalname.removeprefix("test_").replace("_", " ")


def stub_behind(error):
    """A skeleton's stub (NotImplementedError "Task ...") that `error` was raised while handling.

    Such as pytest.raises(NotImplementedError, match="_f") meeting a stub's message.
    """
    cause = error.__context__
    while cause is not None:
        if isinstance(cause, NotImplementedError) and str(cause).startswith("Task "):
            return cause
        cause = cause.__context__
    return None


def explain(error):
    """The outcome a failure stands for, and its message for the summary."""
    error = stub_behind(error) or error
    # A stub met in another process: a sample script that a test runs, say.
    elsewhere = re.search(r"\bNotImplementedError: (Task \S+?):", str(error))
    if elsewhere and not isinstance(error, NotImplementedError):
        return "unwritten", elsewhere[1]
    if isinstance(error, NotWrittenYet):
        return "unwritten", str(error).removeprefix("not written yet: ")
    if isinstance(error, NotImplementedError):
        return "unwritten", what_is_unwritten(error)
    if isinstance(error, KnownFault):
        return "fault", str(error)
    owner = getattr(error, "obj", None)
    if isinstance(error, AttributeError) and getattr(owner, "__name__", "") == "dark":
        return "unwritten", f"dark.{error.name}"  # `import dark` used directly
    if isinstance(error, AttributeError) and type(owner).__module__.startswith("dark"):
        return "unwritten", f"{type(owner).__name__}.{error.name}"  # a method not written yet
    text = str(error) if isinstance(error, AssertionError) else f"{type(error).__name__}: {error}"
    for note in getattr(error, "__notes__", []):
        if note.startswith(("Failing test case", "Falsifying example")):
            text += "\n" + note
    return "failed", text


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    # Hypothesis would write a patch file for each failure, and print how to apply it.
    item.__dict__.pop("_hypothesis_failing_examples", None)
    report = yield
    if report.when == "call" or (report.when == "setup" and not report.passed):
        example = item.callspec.id if hasattr(item, "callspec") else ""
        result = Result(families_of(item)[0], rule_words(item), example, report.outcome)
        result.alone = item.path.name == ONE_OPERATION_ALONE
        if report.failed:
            result.outcome, result.message = explain(call.excinfo.value)
        results[item.nodeid] = result
    return report


@pytest.fixture
def stage_folder():
    """The folder under test, for tests that read its files rather than import them."""
    return stage.folder


# The summary, printed last.


def groups():
    """(heading, families, task or None) for each task, else for each declared family."""
    if stage.tasks:
        found = [
            (f"Task {task['id']}  {task['title']}", set(task["rules"]), task)
            for task in stage.tasks
        ]
        covered = set().union(*(rules for _, rules, _ in found))
        others = sorted({result.family for result in results.values()} - covered)
        if others:
            found.append((f"rules in no task: {', '.join(others)}", set(others), None))
        return found
    return [
        (f"{family}: {FAMILIES[family]}", {family}, None)
        for family in FAMILIES
        if family in stage.families
    ]


def cut(line):
    return line if len(line) <= LINE_WIDTH else line[: LINE_WIDTH - 1] + "…"


def compact(message):
    """A failure message in at most two lines: its first, then the rest run together.

    An array that pytest shows in a failed assertion keeps its line breaks as `\\n`
    and its indent: both become one space, so the array fits on the line. A call
    written over several lines (hypothesis's failing example) goes back on one.
    """
    lines = [re.sub(r"(\\n|\s)+", " ", line).strip() for line in message.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return []
    rest = ""
    for line in lines[1:]:
        if line.startswith("+"):
            continue
        if rest.endswith("(") or line.startswith(")"):
            rest = rest.removesuffix(",") + line
        else:
            rest += (" " if rest.endswith(",") else "; " if rest else "") + line
    return [cut(lines[0])] + ([cut(rest)] if rest else [])


def stubs_left(task):
    """Whether the copy still holds a skeleton's stub for `task`, reached by a test or not."""
    stub = f'"Task {task["id"]}:'
    return any(stub in path.read_text("utf-8") for path in (stage.folder / "dark").glob("*.py"))


def group_lines(heading, group_results, task):
    passed = sum(result.outcome in ("passed", "skipped") for result in group_results)
    total = len(group_results)
    if passed == total:
        return [f"  ✓ {heading}: {passed}/{total} passed"]
    unwritten = list(dict.fromkeys(r.message for r in group_results if r.outcome == "unwritten"))
    if task and f"Task {task['id']}" not in unwritten and stubs_left(task):
        # Its tests stop at an earlier task's stub first, but this task's are there too.
        unwritten.append(f"Task {task['id']}")
    if task:  # the task's own stubs first
        unwritten.sort(key=lambda missing: missing != f"Task {task['id']}")
    missing = "; ".join(unwritten[:3]) + (
        f"; and {len(unwritten) - 3} more" if len(unwritten) > 3 else ""
    )
    faults = list(dict.fromkeys(r.message for r in group_results if r.outcome == "fault"))
    failed = [result for result in group_results if result.outcome == "failed"]
    if not faults and not failed:
        if passed and not (task and f"Task {task['id']}" in unwritten):
            return [cut(f"  · {heading}: {passed}/{total} passed, the rest wait for: {missing}")]
        already = f"; {passed} of {total} tests pass already" if passed else ""
        lines = [cut(f"  · {heading}: not started (not written yet: {missing}{already})")]
        return lines + ([f"      See {stages.section_url(task['section'])}"] if task else [])
    lines = [f"  ✗ {heading}: {passed}/{total} passed"]
    lines.extend(f"      {cut(message)}" for message in faults[:3])
    if failed:
        first = next((result for result in failed if result.alone), failed[0])
        example = f" [{first.example}]" if first.example else ""
        lines.append(cut(f"      first failing rule: {first.rule}{example}"))
        lines.extend(f"        {line}" for line in compact(first.message))
    if unwritten:
        count = sum(result.outcome == "unwritten" for result in group_results)
        lines.append(cut(f"      not written yet, for {count} tests: {missing}"))
    return lines


def summary():
    everything = list(results.values())
    if everything and all(result.outcome in ("passed", "skipped") for result in everything):
        skipped = sum(result.outcome == "skipped" for result in everything)
        aside = f" ({skipped} skipped: see why with ARGS=-rs)" if skipped else ""
        return [f"PASSED: {stage.folder}: all {len(everything) - skipped} tests pass{aside}."]
    lines = [f"dark stage {stage.folder}: what passes, and the first thing to fix in each part"]
    for heading, families, task in groups():
        group_results = [result for result in everything if result.family in families]
        if group_results:
            lines.extend(group_lines(heading, group_results, task))
    lines.append("Full tracebacks: make test STAGE=... ARGS=-v (or pytest -v).")
    return lines


def pytest_unconfigure(config):
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    if stage is None or reporter is None or not results:
        return
    for line in summary():
        reporter.write_line(line)
