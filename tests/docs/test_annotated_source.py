"""The annotated source shows every line of code exactly once, at its real line number."""

import ast
import importlib.util
import io
import tokenize
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MODULES = sorted(REPO.glob("dark-*/dark/**/*.py"))
NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}


def load_annotate():
    spec = importlib.util.spec_from_file_location("annotate", REPO / "hooks" / "annotate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


annotate = load_annotate()


def shown_lines(source):
    """Line number -> text of every line the page shows as code."""
    return {
        chunk.first_line + offset: line
        for section in annotate.sections(source)
        for chunk in section.chunks
        for offset, line in enumerate(chunk.lines)
    }


def code_line_numbers(source):
    """Lines holding code: a token that is not a comment, outside every docstring."""
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            if ast.get_docstring(node) is not None:
                docstrings.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
    tokens = tokenize.generate_tokens(io.StringIO(source).readline)
    holding_code = set()
    for token in tokens:
        if token.type not in NOT_CODE and token.string:
            holding_code.update(range(token.start[0], token.end[0] + 1))
    return holding_code - docstrings


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(REPO)))
def test_stage_module_is_shown_whole_and_true(path):
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    shown = shown_lines(source)
    for number, line in shown.items():
        assert lines[number - 1] == line, f"line {number} is shown as {line!r}"
        assert "--8<--" not in line, f"line {number}: a snippet marker is shown"
    assert code_line_numbers(source) <= shown.keys()


def test_a_marker_splits_the_code_and_keeps_the_numbers():
    source = 'def f():\n    # --8<-- [start:body]\n    return "```"\n    # --8<-- [end:body]\n'
    (section,) = annotate.sections(source)
    assert [(chunk.first_line, chunk.lines) for chunk in section.chunks] == [
        (1, ["def f():"]),
        (3, ['    return "```"']),
    ]
    # A longer fence than any run of backticks in the code.
    assert annotate.code_block(section.chunks[1]).startswith('````python linenums="3"')


def test_comments_and_docstrings_become_prose():
    source = '"""Module.\n\n    example\n"""\nimport os\n\n# Why x.\nx = 1  # stays code\n'
    first, second = annotate.sections(source)
    assert "    example" in first.prose  # indented deeper than the docstring: a code block
    assert [(chunk.first_line, chunk.lines) for chunk in first.chunks] == [(5, ["import os"])]
    assert second.prose == ["Why x."]
    assert second.chunks[0].lines == ["x = 1  # stays code"]


def test_a_one_line_definition_stays_code():
    assert shown_lines('def f(): """Doc."""\n') == {1: 'def f(): """Doc."""'}
