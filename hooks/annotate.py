"""Turn a Python module into an annotated-source page: prose beside the code it explains.

It reads like nn.labml.ai. The page is a column of rows; each row holds prose on the left
and code on the right. The prose is made of the module's comments and docstrings:

- the comment lines right above a statement, and the docstring of a `class` or `def`
  (or of an assignment, the string under it), are the prose of the row that starts with
  that statement; so a `def` line and its docstring are always in one row;
- rows start only at top-level statements and at the statements of a top-level class
  (its methods), and only where there is prose to show; a function is never cut;
- comments inside a function stay in its code, where they sit.

Each code line keeps its real number; a docstring lifted into the prose leaves a gap in
the numbers, marked by a dashed line. Lines wrap instead of scrolling sideways.
"""

import ast
import html
import inspect
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import PythonLexer
from pysource import (
    DEFINES,
    anchor,
    attribute_docstring,
    definitions,
    full_line_comments,
    head_line,
    is_string,
)

# A Google-style docstring section ("Attributes:") whose indented entries become a list.
DOCSTRING_SECTION = re.compile(r"(Args|Arguments|Attributes|Raises|Returns|Yields):")
DOCSTRING_ENTRY = re.compile(r"(\w+)( \(.*?\))?: (.*)")


@dataclass
class Row:
    """Prose (Markdown lines) beside code: (line number, text) for each line shown."""

    prose: list = field(default_factory=list)
    lines: list = field(default_factory=list)


def source_page_uri(stage_file):
    """The annotated page of a stage file (`dark-1/dark/ops.py`), or None if it has none."""
    stage, package, *inside = PurePosixPath(stage_file).parts
    if package != "dark" or not inside or not inside[-1].endswith(".py"):
        return None
    return PurePosixPath("source", stage, *inside).with_suffix(".md").as_posix()


def docstring_markdown(text):
    """Turn Google-style sections of a docstring into Markdown lists."""
    lines, in_section = [], False
    for line in text.splitlines():
        if DOCSTRING_SECTION.fullmatch(line):
            lines += [f"**{line}**", ""]
            in_section = True
        elif in_section and line.startswith("    "):
            entry = line.strip()
            named = DOCSTRING_ENTRY.fullmatch(entry)
            if line.startswith("     "):  # indented deeper: continues the previous entry
                lines[-1] += f" {entry}"
            elif named:
                lines.append(f"- `{named[1]}`{named[2] or ''}: {named[3]}")
            else:
                lines.append(f"- {entry}")
        else:
            in_section = in_section and not line
            lines.append(line)
    return lines


def own_docstring(statement, lines):
    """The docstring of a class or def, unless it shares the `def` line (then it is code)."""
    if isinstance(statement, DEFINES) and is_string(statement.body[0]):
        string = statement.body[0]
        if not lines[string.lineno - 1][: string.col_offset].strip():
            return string
    return None


def rows(source):
    """Split a module into rows of prose and code (see the module's docstring)."""
    tree = ast.parse(source)
    lines = source.splitlines()
    comments = full_line_comments(source)
    lifted = set()  # lines shown as prose, so not as code
    starts = {1: []}  # the first line of each row -> its prose

    def prose_of(string):
        lifted.update(range(string.lineno, string.end_lineno + 1))
        return ["", *docstring_markdown(inspect.cleandoc(string.value.value)), ""]

    def comments_above(line, after):
        """The comment lines (and blank lines among them) right above `line`."""
        first = line
        while first - 1 > after and (first - 1 in comments or not lines[first - 2].strip()):
            first -= 1
        while first < line and first not in comments:  # blank lines above them are not prose
            first += 1
        return list(range(first, line))

    def walk(body, after):
        for index, statement in enumerate(body):
            if is_string(statement) and (index == 0 or attribute_docstring(body, index - 1)):
                continue  # the prose of what it documents
            head = head_line(statement)
            leading = comments_above(head, after)
            prose = [comments.get(number, "#").removeprefix("#").strip() for number in leading]
            docstring = own_docstring(statement, lines) or attribute_docstring(body, index)
            prose += prose_of(docstring) if docstring else []
            if prose:
                lifted.update(leading)
                first = leading[0] if leading else head
                starts[first] = starts.get(first, []) + prose
            if isinstance(statement, ast.ClassDef) and body is tree.body:
                walk(statement.body, head)
            after = (attribute_docstring(body, index) or statement).end_lineno

    if tree.body and is_string(tree.body[0]):
        starts[1] = prose_of(tree.body[0])
    walk(tree.body, 0)
    boundaries = sorted(starts)
    result = []
    for first, end in zip(boundaries, [*boundaries[1:], len(lines) + 1], strict=True):
        code = [(number, lines[number - 1]) for number in range(first, end)]
        code = [(number, text) for number, text in code if number not in lifted]
        while code and not code[-1][1].strip():
            code.pop()
        while code and not code[0][1].strip():
            code.pop(0)
        result.append(Row(starts[first], code))
    return result


def code_html(row, highlighted, anchors):
    """The row's code as one listing; each line carries its number, and maybe an anchor."""
    out, previous = [], None
    for number, text in row.lines:
        classes = "annotated__line"
        if previous is not None and number != previous + 1:
            classes += " annotated__line--gap"
        previous = number
        anchor_id = f' id="{html.escape(anchors[number])}"' if number in anchors else ""
        # A line too long for the column wraps, and goes on under its own indentation.
        indent = len(text) - len(text.lstrip(" "))
        style = f' style="--indent: {indent}ch"' if indent else ""
        out.append(
            f'<span class="{classes}" data-line="{number}"{anchor_id}>'
            f'<span class="annotated__text"{style}>{highlighted[number - 1]}\n</span></span>'
        )
    return f'<div class="annotated__code highlight"><pre><code>{"".join(out)}</code></pre></div>'


def page_markdown(stage_file, links, source):
    """The page: a title, links to related pages, then the rows."""
    heading = stage_file.replace("_", "\\_")  # __init__ is a file name, not bold text
    highlighted = highlight(source, PythonLexer(), HtmlFormatter(nowrap=True)).split("\n")
    anchors = {d.head_line: anchor(stage_file, d.name) for d in definitions(source).values()}
    parts = [f"---\nhide: [toc]\n---\n\n# {heading}", links, '<div class="annotated" markdown>']
    for row in rows(source):
        prose = "\n".join(row.prose).strip()
        code = code_html(row, highlighted, anchors) if row.lines else ""
        parts.append(
            '<div class="annotated__row" markdown>\n'
            f'<div class="annotated__prose" markdown>\n\n{prose}\n\n</div>\n{code}\n</div>'
        )
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"
