"""`make exercise`: the learner's starting copy of every stage that lists tasks.

Each repo stage with `[[tool.dark.tasks]]` is turned into a skeleton once per module,
and the skeleton is checked as a learner meets it: it imports, every listed body
raises its task's NotImplementedError, nothing else changed, and the README and the
articles point to each task. A small made-up stage checks the generator's errors.
"""

import ast
import importlib
import inspect
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest

import exercise
import stages

STAGES_WITH_TASKS = [
    folder for folder in stages.repo_stages() if stages.declaration(folder).get("tasks")
]
DOCS = stages.REPO / "docs"


@pytest.fixture(scope="module", params=STAGES_WITH_TASKS, ids=lambda folder: folder.name)
def made(request, tmp_path_factory):
    """(stage, skeleton folder, number of stubs) for one repo stage."""
    into = tmp_path_factory.mktemp(request.param.name) / "my-dark"
    stub_count = exercise.write_exercise(request.param, into)
    return request.param, into, stub_count


@pytest.fixture
def import_dark(monkeypatch):
    """stages.import_dark, with sys.path and the cached `dark` restored afterwards."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    yield stages.import_dark
    stages.forget_dark()


def tasks_of(folder):
    return stages.declaration(folder)["tasks"]


def files_in(folder):
    """{path inside the folder: bytes} for every file, caches left out."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and "__pycache__" not in path.parts
    }


def functions_of(module, name):
    """The plain functions behind `name` ('f', 'Class.f' or 'Class') in `module`."""
    owner, _, attribute = name.rpartition(".")
    if owner:
        found = [inspect.getattr_static(getattr(module, owner), attribute)]
    else:
        found = [getattr(module, attribute)]
    if inspect.isclass(found[0]):
        found = list(vars(found[0]).values())
    functions = []
    for thing in found:
        if isinstance(thing, staticmethod | classmethod):
            functions.append(thing.__func__)
        elif isinstance(thing, property):
            functions += [f for f in (thing.fget, thing.fset, thing.fdel) if f is not None]
        elif inspect.isfunction(thing):
            functions.append(thing)
    return functions


def call_with_nones(function):
    """Call `function` with None for every argument it requires; a stub raises at once."""
    required = [
        parameter
        for parameter in inspect.signature(function).parameters.values()
        if parameter.default is parameter.empty
        and parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD)
    ]
    function(*[None] * len(required))


def public_names(dark):
    """{module name: its names} for `dark` and every submodule it imported."""
    return {
        name: sorted(vars(module))
        for name, module in sys.modules.items()
        if name == dark.__name__ or name.startswith("dark.")
    }


def test_the_skeleton_imports_with_the_stages_names(made, import_dark):
    stage, into, _ = made
    expected = public_names(import_dark(stage))
    assert public_names(import_dark(into)) == expected


def test_every_listed_body_raises_its_task_and_nothing_else_does(made, import_dark):
    stage, into, stub_count = made
    import_dark(into)
    called = 0
    for task in tasks_of(stage):
        for entry in task["code"]:
            file_name, _, name = entry.partition(":")
            module = importlib.import_module(f"dark.{file_name.removesuffix('.py')}")
            functions = functions_of(module, name)
            assert functions, f"task {task['id']}: {entry} is not in the skeleton"
            for function in functions:
                with pytest.raises(NotImplementedError) as raised:
                    call_with_nones(function)
                message = str(raised.value)
                assert message.startswith(f"Task {task['id']}: write {name}"), message
                assert message.endswith(f"See {stages.section_url(task['section'])}"), message
                called += 1
    assert called == stub_count
    # Every stub is one raise; the stage itself holds none of them.
    written = "".join(path.read_text() for path in (into / "dark").glob("*.py"))
    assert written.count("raise NotImplementedError(") - stub_count == "".join(
        path.read_text() for path in (stage / "dark").glob("*.py")
    ).count("raise NotImplementedError(")


def without_bodies(source):
    """The module's syntax tree with every function cut down to its docstring."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            node.body = [statement for statement in node.body[:1] if ast.get_docstring(node)]
    return ast.dump(tree)


def test_only_function_bodies_and_the_readme_change(made):
    stage, into, _ = made
    copied, original = files_in(into), files_in(stage)
    assert copied.keys() == original.keys()
    for path, text in copied.items():
        if path == "README.md":
            continue
        if path.startswith("dark/"):
            assert without_bodies(text) == without_bodies(original[path]), path
        else:
            assert text == original[path], path


def test_regenerating_gives_identical_files(made):
    stage, into, _ = made
    first = files_in(into)
    again = into.parent / "again"
    exercise.write_exercise(stage, into.parent / "again")
    # The README names the folder it was written to; nothing else may differ.
    readme = first.pop("README.md").replace(str(into).encode(), str(again).encode())
    second = files_in(again)
    assert second.pop("README.md") == readme
    assert second == first


def test_the_readme_lists_every_task_in_order_with_its_link(made):
    stage, into, _ = made
    readme = (into / "README.md").read_text()
    places = []
    for task in tasks_of(stage):
        row = f"| {task['id']} | {task['title']} |"
        assert row in readme
        assert f"({stages.section_url(task['section'])})" in readme
        places.append(readme.index(row))
    assert places == sorted(places)
    assert f"make test STAGE={into}\n" in readme


def test_the_stubs_are_formatted_like_the_repo(made):
    _, into, _ = made
    ruff = Path(sys.executable).parent / "ruff"
    settings = ["--isolated", "--line-length", "100", into / "dark"]
    for command in (["format", "--check"], ["check", "--select", "E501"]):
        result = subprocess.run([ruff, *command, *settings], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr


def anchors(page):
    """The heading ids of a docs page, made the way mkdocs makes them."""
    converter = markdown.Markdown(extensions=["toc", "fenced_code"])
    converter.convert(page.read_text(encoding="utf-8"))
    ids, tokens = set(), list(converter.toc_tokens)
    while tokens:
        token = tokens.pop()
        ids.add(token["id"])
        tokens += token["children"]
    return ids


@pytest.mark.parametrize("stage", STAGES_WITH_TASKS, ids=lambda folder: folder.name)
def test_each_task_is_taught_where_its_section_points(stage):
    for task in tasks_of(stage):
        page_name, _, anchor = task["section"].partition("#")
        page = DOCS / page_name
        assert page.is_file(), f"task {task['id']}: no docs page {page_name}"
        assert anchor in anchors(page), f"task {task['id']}: {page_name} has no #{anchor}"
        assert f'!!! example "Your turn: Task {task["id"]}"' in page.read_text(), (
            f"task {task['id']}: {page_name} does not show it as an exercise"
        )


@pytest.mark.parametrize("stage", STAGES_WITH_TASKS, ids=lambda folder: folder.name)
def test_each_task_is_graded_by_rules_the_stage_declares(stage):
    provides = set(stages.declaration(stage)["provides"])
    for task in tasks_of(stage):
        assert task["rules"], f"task {task['id']} names no rule"
        assert set(task["rules"]) <= provides, f"task {task['id']}: {task['rules']}"


def test_the_untouched_skeleton_reports_every_task_not_started(made):
    """As a learner first runs `make test STAGE=<skeleton>`: quick, no error, every task."""
    stage, into, _ = made
    began = time.monotonic()
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "tests/stage", "-p", "no:cacheprovider"],
        cwd=stages.REPO,
        env={**os.environ, "DARK_STAGE": str(into)},
        capture_output=True,
        text=True,
        timeout=240,
    )
    output = process.stdout
    assert time.monotonic() - began < 120, output
    counts = re.search(r"^=* ?\d+ failed.* in [\d.]+s", output, re.MULTILINE)
    assert counts and "error" not in counts[0], output  # a stub met in a fixture: a failure
    lines = output.splitlines()
    assert len(lines) < 150, output  # a short report, not a wall of red
    headings = [i for i, line in enumerate(lines) if line.startswith(("  ✓ T", "  ✗ T", "  · T"))]
    assert len(headings) == len(tasks_of(stage)), output
    for task, i in zip(tasks_of(stage), headings, strict=True):
        assert lines[i].startswith(f"  · Task {task['id']} ") and "not started" in lines[i], output
        assert lines[i + 1] == f"      See {stages.section_url(task['section'])}", output


# A made-up stage, to check the generator on its own.
SOURCE = '''\
"""A stage of one module."""


def double(x):
    """Twice x."""
    # The solution's prose goes with its body,
    return 2 * x
    # and so does a comment after its last line.


class Box:
    @property
    def size(self):
        return 1

    @size.setter
    def size(self, value):
        pass
'''
TASK = """
[[tool.dark.tasks]]
id = "{id}"
title = "a title"
section = "{section}"
rules = ["nodes"]
code = {code}
"""


def made_up_stage(folder, *tasks):
    (folder / "dark").mkdir(parents=True)
    (folder / "dark" / "__init__.py").write_text("from .core import Box, double\n")
    (folder / "dark" / "core.py").write_text(SOURCE)
    table = "[tool.dark]\nprovides = ['nodes']\n"
    (folder / "pyproject.toml").write_text(table + "".join(TASK.format(**t) for t in tasks))
    return folder


def task(code, id="1.1", section="page.md#anchor"):
    return {"id": id, "section": section, "code": str(code).replace("'", '"')}


def test_a_made_up_stage_gets_its_stubs(tmp_path, import_dark):
    stage = made_up_stage(tmp_path / "stage", task(["core.py:double"]), task(["core.py:Box"], "2"))
    assert exercise.write_exercise(stage, tmp_path / "copy") == 3
    core = (tmp_path / "copy" / "dark" / "core.py").read_text()
    assert "prose" not in core and "comment" not in core and '"""Twice x."""' in core
    dark = import_dark(tmp_path / "copy")
    with pytest.raises(NotImplementedError, match=r"^Task 1\.1: write double \(a title\)"):
        dark.double(1)
    with pytest.raises(NotImplementedError, match=r"^Task 2: write Box\.size"):
        dark.Box().size = 3


@pytest.mark.parametrize(
    ("tasks", "complaint"),
    [
        ([], "declares no [[tool.dark.tasks]]"),
        ([task(["core.py:triple"])], "core.py defines no function or class triple"),
        ([task(["core.py:Box.volume"])], "core.py defines no function or class Box.volume"),
        ([task(["other.py:double"])], "expected 'file.py:Name'"),
        ([task(["double"])], "expected 'file.py:Name'"),
        ([task([])], "code lists nothing to write"),
        ([task(["core.py:double"]), task(["core.py:double"], "1.2")], "task 1.1 lists double"),
        ([task(["core.py:double"]), task(["core.py:Box"])], "this id is used twice"),
        ([task(["core.py:double"], section="page.md")], "needs a #anchor"),
    ],
)
def test_a_wrong_task_list_fails_loudly_and_writes_nothing(tmp_path, tasks, complaint):
    stage = made_up_stage(tmp_path / "stage", *tasks)
    with pytest.raises(exercise.ExerciseError) as raised:
        exercise.write_exercise(stage, tmp_path / "copy")
    assert complaint in str(raised.value)
    assert not (tmp_path / "copy").exists()


def test_a_task_without_every_key_fails_loudly(tmp_path):
    stage = made_up_stage(tmp_path / "stage", task(["core.py:double"]))
    pyproject = stage / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('rules = ["nodes"]\n', ""))
    with pytest.raises(exercise.ExerciseError, match="expected"):
        exercise.write_exercise(stage, tmp_path / "copy")


def test_an_existing_folder_is_never_overwritten(tmp_path):
    (tmp_path / "mine.py").write_text("my work\n")
    stage = STAGES_WITH_TASKS[0]
    command = [sys.executable, "exercise.py", str(stage), str(tmp_path)]
    result = subprocess.run(command, capture_output=True, text=True, cwd=stages.REPO)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "not empty" in result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["mine.py"]
