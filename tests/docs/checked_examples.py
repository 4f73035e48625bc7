"""Python examples that prove what they print: the Sybil parser and evaluator of the rule.

The rule that tells an output comment from a prose one is written in the docstring of
tests/docs/conftest.py. This module applies it to the docs pages (through that conftest)
and to a stage's README and docstrings (tests/stage/test_readme.py), so one rule holds
everywhere.
"""

import ast
import functools
import importlib
import io
import re
import tokenize
from contextlib import redirect_stdout
from unittest import SkipTest

import pytest
from sybil import Document
from sybil.document import PythonDocStringDocument
from sybil.example import SybilFailure
from sybil.parsers.markdown import CodeBlockParser, SkipParser

# A fence's info string: `python`, `py`, or the braced `{.python}`, then any attributes.
PYTHON_INFO = re.compile(r"\{?\.?(python|py)\b")
IMPORTS_TORCH = re.compile(r"^\s*(import|from)\s+torch\b", re.MULTILINE)
# A content tab's first line, `=== "PyTorch"`: every block in that tab is PyTorch code.
TAB = re.compile(r'=== "([^"]*)"')
# Statements whose output cannot fit in one trailing comment.
COMPOUND = (ast.For, ast.While, ast.With, ast.Try, ast.If)


@functools.cache
def torch_importable():
    try:
        importlib.import_module("torch")
    except ImportError:
        return False
    return True


class PythonBlocks(CodeBlockParser):
    """Every Python fence, including those with a title or other attributes."""

    language = "python"

    def __call__(self, document):
        for region in self.lexers(document):
            if PYTHON_INFO.match(region.lexemes["arguments"]):
                region.parsed = region.lexemes["source"]
                region.evaluator = self.evaluate
                # A block in a PyTorch tab may use what an earlier one imported or made.
                region.needs_torch = bool(IMPORTS_TORCH.search(region.parsed)) or (
                    tab_of(document.text, region.start) == "PyTorch"
                )
                yield region

    def evaluate(self, example):
        if example.region.needs_torch and not torch_importable():
            pytest.skip("needs PyTorch, which is not installed here (pip install torch)")
        return run_and_compare(example)


def tab_of(text, start):
    """The title of the content tab whose indented body holds the fence at `start`, or None.

    A tab's body is indented under its `=== "Title"` line, so the nearest line from the
    fence's own upwards that starts at column 0 is that title line, or else the block is
    in no tab.
    """
    for line in reversed(text[: text.find("\n", start)].splitlines()):
        if line and not line[0].isspace():
            title = TAB.fullmatch(line.rstrip())
            return title and title.group(1)
    return None


class Docstrings(PythonDocStringDocument):
    """The docstrings of a module, as Sybil reads them, without importing the module.

    Their examples `import dark` themselves, so the stage under test is the one they see.
    """

    def __init__(self, text, path):
        Document.__init__(self, text, path)


def parse(path):
    """A Markdown file, or a Python module's docstrings, as a Sybil document."""
    document_type = Docstrings if str(path).endswith(".py") else Document
    return document_type.parse(str(path), PythonBlocks(), SkipParser())


def failures(document):
    """Run every example of `document` in order; return what failed, as Sybil words it."""
    found = []
    for example in document:
        try:
            example.evaluate()
        except SkipTest:
            continue
        except SybilFailure as failure:
            found.append(str(failure))
    return found


def run_and_compare(example):
    """Run the block one top-level statement at a time, checking each output comment."""
    # Padded as Sybil pads it, so that line numbers are the document's own.
    source = "\n" * (example.line + example.parsed.line_offset) + example.parsed
    tree = ast.parse(source, example.path)
    comments = comments_by_line(source)
    printed = io.StringIO()
    shown_up_to = 0
    try:
        for statement in tree.body:
            module = ast.Module(body=[statement], type_ignores=[])
            with redirect_stdout(printed):
                exec(compile(module, example.path, "exec", dont_inherit=True), example.namespace)
            expected = expected_output(statement, comments)
            if expected is None:
                continue
            got = printed.getvalue()[shown_up_to:]
            shown_up_to = len(printed.getvalue())
            if got.removesuffix("\n") != expected:
                return (
                    f"line {statement.lineno}: the comment shows\n{indent(expected)}\n"
                    f"but the code printed\n{indent(got.removesuffix(chr(10)))}"
                )
    finally:
        example.namespace.pop("__builtins__", None)  # exec adds it; Sybil removes it too
    unshown = printed.getvalue()[shown_up_to:]
    if unshown:
        return (
            f"the block printed\n{indent(unshown.removesuffix(chr(10)))}\n"
            "but no comment shows it: put `# <output>` after the print, or the output "
            "lines under the loop"
        )
    return None


def comments_by_line(source):
    """{line number: (column, text)} for every comment in `source`."""
    found = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = (token.start[1], token.string)
    return found


def expected_output(statement, comments):
    """What the rule says `statement` prints, or None where it shows no output."""
    is_print = (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Call)
        and isinstance(statement.value.func, ast.Name)
        and statement.value.func.id == "print"
    )
    if not (is_print or isinstance(statement, COMPOUND)):
        return None
    if is_print and statement.end_lineno in comments:
        return shown_text(comments[statement.end_lineno][1])
    lines = []
    line = statement.end_lineno + 1
    while line in comments and comments[line][0] == 0:
        lines.append(shown_text(comments[line][1]))
        line += 1
    return "\n".join(lines) if lines else None


def shown_text(comment):
    """`# 40.0` shows `40.0`: the hash and one space are the comment's, the rest is output."""
    text = comment.removeprefix("#")
    return text.removeprefix(" ")


def indent(text):
    return "\n".join("    " + line for line in text.split("\n"))
