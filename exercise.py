"""Write a learner's starting copy of a stage: `make exercise STAGE=dark-1 INTO=../my-dark`.

The copy holds the stage's files with the body of every function that a task lists
replaced by `raise NotImplementedError("Task 1.N: ...")`, and a README.md that lists
the tasks in order. The tasks live in the stage's pyproject.toml, one table each:

    [[tool.dark.tasks]]
    id = "1.6"
    title = "backward: add every consumer's share, in topological order"
    section = "module-1/implementation.md#step-2-walk-the-order"   (page in docs/, anchor)
    rules = ["backward"]                                            (what the harness checks)
    code = ["node.py:Node.backward"]                                (file in dark/, name)

A name in `code` is a function, a method (`Class.method`, every definition of that
name, so a property's getter and setter both), or a class (every method defined in
it). Only bodies go: signatures, docstrings, classes, module-level names and imports
stay, so the copy imports and the harness can report each task as not written yet.
The copy is made from the stage as it is now, so it cannot drift from the stage.
"""

import ast
import json
import shutil
import sys
import textwrap
from pathlib import Path

import stages

TASK_KEYS = {"id", "title", "section", "rules", "code"}
# Never copied: caches, build output, and anything hidden.
NOT_COPIED = ("__pycache__", "*.pyc", "*.egg-info", ".*", "build", "dist", "out")
LINE_LENGTH = 100  # the repo's ruff setting, so the stubs read like the rest of the code

README = """\
# Your own {stage}

This is the `{stage}` stage of Dark with {stub_count} function bodies taken out. Each one now
raises `NotImplementedError` naming its task. Write them back one task at a time, in this
order: each task is taught by the article section it links to, and each builds on the ones
before it.

| Task | What to write | Where | Article |
| ---- | ------------- | ----- | ------- |
{rows}

## Check your work

From the Dark repository, with no install (the harness imports this folder itself):

```sh
make test STAGE={into}
```

The summary at the end gives each task's tests passed, its first failing rule, or
"not written yet"; `make test STAGE={into} ARGS=-v` adds full tracebacks. The links above
point to the site as `make serve` shows it (the same pages are in the repository's `docs/`).
"""


class ExerciseError(Exception):
    """The stage's task list is wrong, or the copy cannot be written."""


def read_tasks(stage):
    """The stage's tasks, checked: every key present, ids unique, sections with anchors."""
    tasks = stages.declaration(stage).get("tasks")
    if not tasks:
        raise ExerciseError(f"{stage} declares no [[tool.dark.tasks]] in its pyproject.toml")
    seen = set()
    for task in tasks:
        where = f"{stage}/pyproject.toml, task {task.get('id', '?')}"
        if set(task) != TASK_KEYS:
            raise ExerciseError(f"{where}: keys {sorted(task)}, expected {sorted(TASK_KEYS)}")
        if task["id"] in seen:
            raise ExerciseError(f"{where}: this id is used twice")
        seen.add(task["id"])
        if "#" not in task["section"]:
            raise ExerciseError(f"{where}: section {task['section']!r} needs a #anchor")
        if not task["code"]:
            raise ExerciseError(f"{where}: code lists nothing to write")
    return tasks


def definitions(tree, name):
    """(qualified name, function definition) for each function `name` refers to.

    `name` is 'f', 'Class.f' or 'Class'; a class stands for every method written in it.
    """
    found = [tree]
    for part in name.split("."):
        found = [
            node
            for parent in found
            for node in parent.body
            if isinstance(node, ast.FunctionDef | ast.ClassDef) and node.name == part
        ]
    return [
        (name if node is function else f"{name}.{function.name}", function)
        for node in found
        for function in (node.body if isinstance(node, ast.ClassDef) else [node])
        if isinstance(function, ast.FunctionDef)
    ]


def body_lines(function, lines):
    """The 1-based (first, last) lines of `function`'s body after its docstring.

    Comments inside the body go with it: they are the solution's prose.
    """
    body = function.body
    if ast.get_docstring(function) is not None:
        first = body[0].end_lineno + 1
    else:
        if body[0].lineno == function.lineno:
            raise ExerciseError(f"{function.name}: put its body on lines of its own")
        first = body[0].lineno
        while lines[first - 2].lstrip().startswith("#"):  # comments just above the code
            first -= 1
    last = function.end_lineno
    # Comment lines after the last statement, still indented under the def.
    inside = " " * (function.col_offset + 1)
    while (
        last < len(lines)
        and lines[last].startswith(inside)
        and lines[last].lstrip().startswith("#")
    ):
        last += 1
    return first, last


def stub(message, indent):
    """`raise NotImplementedError(message)`, split into strings that fit the line length."""
    one_line = f"{indent}raise NotImplementedError({json.dumps(message, ensure_ascii=False)})"
    if len(one_line) <= LINE_LENGTH:
        return [one_line]
    inner = indent + "    "
    # drop_whitespace=False keeps every space, so the pieces add up to the message.
    pieces = textwrap.wrap(
        message,
        LINE_LENGTH - len(inner) - 2,
        break_long_words=False,
        break_on_hyphens=False,  # an address stays in one piece
        drop_whitespace=False,
    )
    return [
        f"{indent}raise NotImplementedError(",
        *(f"{inner}{json.dumps(piece, ensure_ascii=False)}" for piece in pieces),
        f"{indent})",
    ]


def stubbed_sources(package, tasks):
    """{file name: new text} for every file a task touches, and the number of stubs."""
    edits = {}  # file name -> [(first, last, replacement lines)]
    owner = {}  # (file name, line) -> task id, so no body is claimed twice
    for task in tasks:
        for entry in task["code"]:
            file_name, colon, name = entry.partition(":")
            where = f"task {task['id']}, code {entry!r}"
            path = package / file_name
            if not colon or not path.is_file():
                raise ExerciseError(f"{where}: expected 'file.py:Name' with a file in {package}")
            lines = path.read_text(encoding="utf-8").splitlines()
            found = definitions(ast.parse("\n".join(lines)), name)
            if not found:
                raise ExerciseError(f"{where}: {file_name} defines no function or class {name}")
            for qualified_name, function in found:
                key = (file_name, function.lineno)
                if key in owner:
                    raise ExerciseError(
                        f"{where}: task {owner[key]} lists {qualified_name} already"
                    )
                owner[key] = task["id"]
                first, last = body_lines(function, lines)
                indent = " " * function.body[0].col_offset
                message = (
                    f"Task {task['id']}: write {qualified_name} ({task['title']}). "
                    f"See {stages.section_url(task['section'])}"
                )
                edits.setdefault(file_name, []).append((first, last, stub(message, indent)))
    sources = {}
    for file_name, file_edits in edits.items():
        lines = (package / file_name).read_text(encoding="utf-8").splitlines()
        # From the bottom up, so that each edit leaves the line numbers above it valid.
        for first, last, replacement in sorted(file_edits, reverse=True):
            lines[first - 1 : last] = replacement
        sources[file_name] = "\n".join(lines) + "\n"
    return sources, len(owner)


def readme(stage, into, tasks, stub_count):
    rows = "\n".join(
        f"| {task['id']} | {task['title']} | "
        f"{', '.join(f'`{entry}`' for entry in task['code'])} | "
        f"[{task['section']}]({stages.section_url(task['section'])}) |"
        for task in tasks
    )
    return README.format(stage=stage.name, stub_count=stub_count, rows=rows, into=into)


def write_exercise(stage, into):
    """Write the starting copy of `stage` into the folder `into`; return the stub count."""
    stage, into_path = Path(stage), Path(into)
    if (stage / "__init__.py").is_file():
        raise ExerciseError(f"{stage} is the package itself: give the stage, {stage.parent}")
    if not (stage / "dark" / "__init__.py").is_file():
        raise ExerciseError(f"{stage} holds no dark/ package: give a stage folder, e.g. dark-1")
    if into_path.exists() and (not into_path.is_dir() or any(into_path.iterdir())):
        raise ExerciseError(f"{into} already exists and is not empty: choose another INTO")
    tasks = read_tasks(stage)
    sources, stub_count = stubbed_sources(stage / "dark", tasks)
    shutil.copytree(
        stage, into_path, ignore=shutil.ignore_patterns(*NOT_COPIED), dirs_exist_ok=True
    )
    for file_name, text in sources.items():
        (into_path / "dark" / file_name).write_text(text, encoding="utf-8")
    (into_path / "README.md").write_text(
        readme(stage.resolve(), into, tasks, stub_count), encoding="utf-8"
    )
    return stub_count


def main(arguments):
    if len(arguments) != 2:
        sys.exit("usage: make exercise STAGE=dark-1 INTO=../my-dark")
    stage, into = arguments
    try:
        stub_count = write_exercise(stage, into)
    except ExerciseError as error:
        sys.exit(f"make exercise: {error}")
    print(f"{into}: {stage} with {stub_count} bodies to write; start with its README.md")
    print(f"check it with: make test STAGE={into}")


if __name__ == "__main__":
    main(sys.argv[1:])
