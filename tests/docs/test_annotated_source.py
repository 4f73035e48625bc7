"""The annotated source shows every line of code once, true, and laid out by the rules.

The rules (hooks/annotate.py): a `def` or `class` and its docstring are in one row, and
no statement is cut across rows, except a top-level class, which may be cut between
its methods.
"""

import ast
import inspect
import io
import re
import sys
import tokenize
from pathlib import Path

import pytest

import stages

HOOKS = Path(__file__).resolve().parents[2] / "hooks"
sys.path.insert(0, str(HOOKS))
import annotate  # noqa: E402
from pysource import DEFINES  # noqa: E402

sys.path.remove(str(HOOKS))

NOT_CODE = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
MODULES = [path for stage in stages.repo_stages() for path in sorted(stage.glob("dark/**/*.py"))]
module_ids = [path.relative_to(stages.REPO).as_posix() for path in MODULES]


def row_of_line(rows):
    """Line number -> index of the row that shows it as code."""
    return {number: index for index, row in enumerate(rows) for number, _ in row.lines}


def code_line_numbers(source):
    """Lines holding code: a token that is not a comment, outside every docstring.

    A docstring is the string that opens a module, class or function, or the string
    right under an assignment (an attribute docstring).
    """
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, *DEFINES)) and ast.get_docstring(node) is not None:
            docstrings.update(range(node.body[0].lineno, node.body[0].end_lineno + 1))
        body = getattr(node, "body", None)
        body = body if isinstance(body, list) else []  # a lambda's body is one expression
        for above, statement in zip(body, body[1:], strict=False):
            string = isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            if isinstance(above, ast.Assign) and string:
                docstrings.update(range(statement.lineno, statement.end_lineno + 1))
    holding_code = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type not in NOT_CODE and token.string:
            holding_code.update(range(token.start[0], token.end[0] + 1))
    return holding_code - docstrings


@pytest.fixture(params=MODULES, ids=module_ids)
def module(request):
    source = request.param.read_text(encoding="utf-8")
    return source, annotate.rows(source)


def test_every_line_of_code_is_shown_once_at_its_number(module):
    source, rows = module
    lines = source.splitlines()
    shown = [(number, text) for row in rows for number, text in row.lines]
    numbers = [number for number, _ in shown]
    assert len(numbers) == len(set(numbers)), "a line is shown twice"
    for number, text in shown:
        assert lines[number - 1] == text, f"line {number} is shown as {text!r}"
    assert code_line_numbers(source) <= set(numbers)


def test_every_comment_is_shown_as_code_or_prose(module):
    source, rows = module
    shown = row_of_line(rows)
    prose = "\n".join(line for row in rows for line in row.prose)
    for number, line in enumerate(source.splitlines(), start=1):
        comment = line.strip()
        if comment.startswith("#") and number not in shown:
            assert comment.removeprefix("#").strip() in prose, f"line {number} is lost"


def test_a_definition_and_its_docstring_share_a_row(module):
    source, rows = module
    shown = row_of_line(rows)
    for node in ast.walk(ast.parse(source)):
        docstring = isinstance(node, DEFINES) and ast.get_docstring(node)
        if not docstring:
            continue
        row = rows[shown[node.lineno]]
        first_line = inspect.cleandoc(docstring).splitlines()[0]
        in_code = node.body[0].lineno in shown and shown[node.body[0].lineno] == shown[node.lineno]
        assert in_code or first_line in row.prose, f"line {node.lineno}: {node.name}"


def test_no_statement_is_cut_across_rows(module):
    source, rows = module
    shown = row_of_line(rows)
    tree = ast.parse(source)
    cut_between_members = {id(node) for node in tree.body if isinstance(node, ast.ClassDef)}
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and id(node) not in cut_between_members:
            span = range(node.lineno, node.end_lineno + 1)
            holding = {shown[number] for number in span if number in shown}
            assert len(holding) <= 1, f"line {node.lineno} is cut across rows {holding}"


def rows_of(source):
    return [(row.prose, [number for number, _ in row.lines]) for row in annotate.rows(source)]


def test_comments_and_docstrings_become_the_prose_of_their_row():
    source = (
        '"""Module."""\n'
        "import os\n"
        "\n"
        "# Why f.\n"
        "#\n"
        "# More.\n"
        "@staticmethod\n"
        "def f():\n"
        '    """Doc."""\n'
        "    # stays code\n"
        "    return 1\n"
        "\n"
        "\n"
        "g = f\n"
        '"""What g is."""\n'
    )
    assert rows_of(source) == [
        (["", "Module.", ""], [2]),
        (["Why f.", "", "More.", "", "Doc.", ""], [7, 8, 10, 11]),
        (["", "What g is.", ""], [14]),
    ]


def test_a_class_is_cut_only_between_its_members():
    source = (
        "class A:\n"
        '    """A class."""\n'
        "\n"
        "    x = 1\n"
        "\n"
        "    def plain(self):\n"
        "        return 1\n"
        "\n"
        "    def told(self):\n"
        '        """Told."""\n'
        "        def inner():\n"
        '            """Stays code."""\n'
    )
    assert rows_of(source) == [
        (["", "A class.", ""], [1, 3, 4, 5, 6, 7]),
        (["", "Told.", ""], [9, 11, 12]),
    ]


def test_a_one_line_definition_stays_code():
    assert rows_of('def f(): """Doc."""\n') == [([], [1])]


def test_the_page_anchors_every_definition_on_its_line():
    source = (
        'class Mul:\n    """Doc."""\n\n'
        "    @staticmethod\n    def _f(a):\n        pass\n\n\n"
        "mul = 1\n"
    )
    page = annotate.page_markdown("dark-1/dark/ops.py", "", source)
    anchors = dict(re.findall(r'data-line="(\d+)" id="([^"]+)"', page))
    assert anchors == {"1": "ops.Mul", "4": "ops.Mul._f", "9": "ops.mul"}
    gap = re.search(r'class="annotated__line annotated__line--gap" data-line="(\d+)"', page)
    assert gap[1] == "3"  # the docstring on line 2 was lifted into the prose


def test_source_pages_live_under_their_stage():
    assert annotate.source_page_uri("dark-1/dark/ops.py") == "source/dark-1/ops.md"
    assert annotate.source_page_uri("dark-2/dark/nn/layer.py") == "source/dark-2/nn/layer.md"
    assert annotate.source_page_uri("dark-1/samples/quadratic.py") is None
