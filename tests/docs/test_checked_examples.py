"""The output check itself: a wrong or unshown output fails, and prose comments stay prose."""

import sys
import textwrap

import pytest
from sybil import Document

import stages
from tests.docs.checked_examples import PythonBlocks, failures, parse


def checked(markdown):
    """The failures of the Python blocks in `markdown`, run as the docs tests run them."""
    document = Document(textwrap.dedent(markdown), "example.md")
    for region in PythonBlocks()(document):
        document.add(region)
    return failures(document)


def test_a_print_and_its_comment_agree():
    assert checked("```python\nprint(2 * 20)  # 40\n```\n") == []


def test_a_wrong_comment_fails_and_shows_both():
    [failure] = checked("```python\nprint(2 * 20)  # 41\n```\n")
    assert "the comment shows\n    41\nbut the code printed\n    40" in failure


def test_a_loop_shows_its_lines_underneath_with_the_header_before_it():
    block = """
        ```python
        print("k square")
        for k in range(3):
            print(k, k * k)
        # k square
        # 0 0
        # 1 1
        # 2 4
        ```
    """
    assert checked(block) == []
    [failure] = checked(block.replace("# 2 4", "# 2 5"))
    assert "2 5" in failure and "2 4" in failure


def test_a_print_of_several_lines_shows_them_underneath():
    assert checked("```python\nprint('a\\nb')\n# a\n# b\n```\n") == []


def test_comments_that_are_not_outputs_are_prose():
    block = """
        ```python
        # a comment above a line
        x = 2 * 10**2 + 5  # 2x² + 5, not an output
        for _ in range(2):
            x = x + 1  # inside a loop

        # after a loop, with a blank line between
        print(x)  # 207
        ```
    """
    assert checked(block) == []


def test_output_that_no_comment_shows_fails():
    [failure] = checked("```python\nprint('hidden')\nx = 1\n```\n")
    assert "no comment shows it" in failure and "hidden" in failure


def test_a_loop_that_prints_less_than_its_comment_shows_fails():
    [failure] = checked("```python\nfor k in range(0):\n    print(k)\n# 0\n```\n")
    assert "the comment shows\n    0" in failure


def test_a_repr_without_op_fails_the_stage_readme(monkeypatch):
    """The issue's case: dropping `op=` from Node's repr must fail a checked example."""
    readme = stages.repo_stages()[0] / "README.md"
    monkeypatch.setattr(sys, "path", list(sys.path))  # import_dark's entry goes afterwards
    dark = stages.import_dark(readme.parent)
    try:
        assert failures(parse(readme)) == []

        def repr_without_op(node):
            return f"{type(node).__name__}(value={node.value!r}, grad={node.grad!r})"

        monkeypatch.setattr(dark.Node, "__repr__", repr_without_op)
        found = failures(parse(readme))
    finally:
        stages.forget_dark()
    assert any("op=Mul" in failure for failure in found), found


def test_a_block_in_a_pytorch_tab_is_skipped_without_pytorch(monkeypatch):
    """It may use what an earlier PyTorch block made, without importing torch itself."""
    from tests.docs import checked_examples

    markdown = """\
    ```python
    print(1)  # 1
    ```

    === "Dark"

        ```python
        print(2)  # 2
        ```

    === "PyTorch"

        ```python
        print(t)  # tensor(2.)
        ```

    ```python
    print(3)  # 3
    ```
    """
    document = Document(textwrap.dedent(markdown), "example.md")
    regions = list(PythonBlocks()(document))
    assert [region.needs_torch for region in regions] == [False, False, True, False]
    for region in regions:
        document.add(region)
    monkeypatch.setattr(checked_examples, "torch_importable", lambda: False)
    outcomes = []
    for example in document:
        try:
            example.evaluate()
            outcomes.append("ran")
        except pytest.skip.Exception:
            outcomes.append("skipped")  # not a NameError for `t`
    assert outcomes == ["ran", "ran", "skipped", "ran"]
