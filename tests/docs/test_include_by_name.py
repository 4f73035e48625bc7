"""Articles include stage code by name (hooks/include_by_name.py); each form gets its lines.

Unit tests pin what each form resolves to, in dark-1 and in small sources; a real
strict build with a missing name is in test_site_build.py.
"""

import ast
import logging
import sys
from types import SimpleNamespace

import pytest

import stages

REPO = stages.REPO
HOOKS = REPO / "hooks"
sys.path.insert(0, str(HOOKS))
import include_by_name  # noqa: E402

sys.path.remove(str(HOOKS))

OPS = "dark-1/dark/ops.py"
NODE = "dark-1/dark/node.py"


def source_lines(stage_file, first, last):
    return (REPO / stage_file).read_text(encoding="utf-8").splitlines()[first - 1 : last]


def node_of(stage_file, *path):
    """The ast node of a top-level name, or of a class member: ("Node", "backward")."""
    body = ast.parse((REPO / stage_file).read_text(encoding="utf-8")).body
    for name in path:
        (found,) = [
            node
            for node in body
            if getattr(node, "name", None) == name
            or any(getattr(target, "id", None) == name for target in getattr(node, "targets", []))
        ]
        body = getattr(found, "body", [])
    return found


def test_a_class_is_its_lines_with_its_decorators_and_comments():
    mul = node_of(OPS, "Mul")
    code, first = include_by_name.listing(REPO, OPS, ["Mul"])
    assert code.splitlines() == source_lines(OPS, mul.lineno, mul.end_lineno)
    assert first.name == "Mul" and first.first_line == mul.lineno


def test_a_method_comes_out_at_column_0():
    backward = node_of(NODE, "Node", "backward")
    code, _ = include_by_name.listing(REPO, NODE, ["Node.backward"])
    expected = [line.removeprefix("    ") for line in source_lines(NODE, backward.lineno, 999)]
    assert code.splitlines() == expected[: backward.end_lineno - backward.lineno + 1]
    assert code.startswith("def backward(self):")


def test_several_names_come_in_order_with_an_assignment_docstring():
    code, first = include_by_name.listing(REPO, OPS, ["Mul", "mul"])
    class_code, _ = include_by_name.listing(REPO, OPS, ["Mul"])
    binding = node_of(OPS, "mul")
    docstring = source_lines(OPS, binding.lineno + 1, binding.lineno + 1)[0]
    assert code == f"{class_code}\n\n\nmul = Mul.apply\n{docstring}"
    assert docstring.startswith('"""')
    assert first.name == "Mul"


def test_the_whole_file():
    code, first = include_by_name.listing(REPO, "dark-1/dark/graph.py", None)
    assert code == (REPO / "dark-1/dark/graph.py").read_text(encoding="utf-8").rstrip("\n")
    assert first is None


def test_comments_right_above_and_decorators_are_included(tmp_path):
    (tmp_path / "m.py").write_text(
        "x = 1\n# Not this: a blank line follows.\n\n# Why.\n@property\ndef f():\n    pass\n"
    )
    code, first = include_by_name.listing(tmp_path, "m.py", ["f"])
    assert code == "# Why.\n@property\ndef f():\n    pass"
    assert (first.first_line, first.head_line) == (4, 5)


@pytest.mark.parametrize(
    ("stage_file", "names", "problem"),
    [
        (OPS, ["Mull"], "dark-1/dark/ops.py defines no 'Mull'"),
        (NODE, ["backward"], "did you mean Node.backward?"),
        ("dark-1/dark/nothing.py", None, "dark-1/dark/nothing.py does not exist"),
    ],
)
def test_what_is_missing_is_named(stage_file, names, problem):
    with pytest.raises(LookupError, match=problem.replace("?", r"\?")):
        include_by_name.listing(REPO, stage_file, names)


def render(markdown, page_uri="module-1/part.md"):
    page = SimpleNamespace(file=SimpleNamespace(src_uri=page_uri))
    config = SimpleNamespace(
        config_file_path=str(REPO / "mkdocs.yml"), extra={"stages": ["dark-1"]}
    )
    return include_by_name.on_page_markdown(markdown, page, config, files=None)


def test_a_page_gets_the_code_and_a_caption_that_links_to_it():
    page = render(
        '=== "Dark"\n\n    ```python\n    --8<-- "dark-1/dark/ops.py:mul"\n    ```\nNext.'
    )
    binding = node_of(OPS, "mul")
    assert page.splitlines()[2:6] == [
        "    ```python",
        "    mul = Mul.apply",
        "    " + source_lines(OPS, binding.lineno + 1, binding.lineno + 1)[0],
        "    ```",
    ]
    caption = (
        f"    [ops.py, line {binding.lineno} · annotated source](../source/dark-1/ops.md#ops.mul)"
    )
    assert caption in page.splitlines()
    assert "    {: .listing-source }" in page.splitlines()
    assert page.endswith("\nNext.")


def test_only_stage_files_in_python_blocks_are_included():
    untouched = (
        '```python\n--8<-- "bench/timing.py:chain"\n```\n'
        '```text\n--8<-- "dark-1/dark/ops.py:Mul"\n```\n'
        '--8<-- "dark-1/dark/ops.py:Mul"\n'
    )
    assert render(untouched) == untouched


def test_a_whole_module_links_to_its_page_and_a_sample_to_none():
    page = render('```python\n--8<-- "dark-1/dark/graph.py"\n```\n', page_uri="index.md")
    assert "[graph.py · annotated source](source/dark-1/graph.md)" in page
    sample = render('```python\n--8<-- "dark-1/samples/quadratic.py"\n```\n')
    assert "annotated source" not in sample
    assert sample.count("\n") > 3  # the file, included


def test_a_missing_name_is_a_warning_naming_page_file_and_name(caplog):
    with caplog.at_level(logging.WARNING):
        render('```python\n--8<-- "dark-1/dark/ops.py:Mull"\n```\n', page_uri="module-1/x.md")
    (record,) = caplog.records
    message = record.getMessage()
    assert "module-1/x.md" in message and OPS in message and "'Mull'" in message
