"""Turn a Python module into Markdown for a docco-style page: prose beside code.

Full-line comments and docstrings are the prose, rendered as Markdown, math included.
The code they describe follows in fenced blocks numbered from the file's real lines.
Snippet markers (`# --8<-- [start:name]`) are left out; the code around one is split
into two blocks so that the numbering stays true.
"""

import ast
import io
import re
import tokenize
from dataclasses import dataclass, field

from pymdownx.snippets import SnippetPreprocessor

SNIPPET_MARKER = SnippetPreprocessor.RE_SNIPPET_SECTION
# A Google-style docstring section ("Attributes:") whose indented entries become a list.
DOCSTRING_SECTION = re.compile(r"(Args|Arguments|Attributes|Raises|Returns|Yields):")
DOCSTRING_ENTRY = re.compile(r"(\w+)( \(.*?\))?: (.*)")


@dataclass
class Chunk:
    """Consecutive lines of code, and the line number of the first."""

    first_line: int
    lines: list = field(default_factory=list)


@dataclass
class Section:
    """Prose on the left, and the code chunks it describes on the right."""

    prose: list = field(default_factory=list)
    chunks: list = field(default_factory=list)


def docstring_lines(source):
    """Map the first line of every docstring that starts its line to (last line, text).

    The text loses only the indentation of the docstring itself, so a block indented
    deeper inside it (an example, a section's entries) stays indented.
    """
    owners = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    lines = source.splitlines()
    found = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, owners) and ast.get_docstring(node) is not None:
            expression = node.body[0]
            if lines[expression.lineno - 1][: expression.col_offset].strip():
                continue  # `def f(): """..."""` on one line stays code
            first, *rest = expression.value.value.expandtabs().splitlines()
            indent = " " * expression.col_offset
            text = "\n".join([first.strip(), *(line.removeprefix(indent) for line in rest)])
            found[expression.lineno] = (expression.end_lineno, text.strip())
    return found


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


def full_line_comments(source):
    """Map the line number of every comment that fills its line to the comment's text."""
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and not token.line[: token.start[1]].strip():
            comments[token.start[0]] = token.string
    return comments


def sections(source):
    """Split a module into sections of prose and code, pycco style."""
    docstrings = docstring_lines(source)
    comments = full_line_comments(source)
    result = [Section()]
    chunk = None  # the chunk that code lines are being added to
    skip_until = 0
    for number, line in enumerate(source.splitlines(), start=1):
        if number <= skip_until:
            continue
        section = result[-1]
        if number in docstrings or (number in comments and not SNIPPET_MARKER.match(line)):
            if section.chunks:
                section = Section()
                result.append(section)
                chunk = None
            if number in docstrings:
                skip_until, text = docstrings[number]
                section.prose += ["", *docstring_markdown(text), ""]
            else:
                section.prose.append(comments[number].removeprefix("#").removeprefix(" "))
        elif number in comments:  # a snippet marker: left out, and the code around it split
            chunk = None
        elif not line.strip():
            if chunk is not None:
                chunk.lines.append(line)
            elif not section.chunks:
                section.prose.append("")
        else:
            if chunk is None:
                chunk = Chunk(first_line=number)
                section.chunks.append(chunk)
            chunk.lines.append(line)
    for section in result:
        for chunk in section.chunks:  # blank lines kept inside a chunk, not at its end
            while not chunk.lines[-1].strip():
                chunk.lines.pop()
    return result


def code_block(chunk):
    """A fenced block for `chunk`, numbered from its real first line."""
    code = "\n".join(chunk.lines)
    longest_run = max((len(run) for run in re.findall("`+", code)), default=0)
    fence = "`" * max(3, longest_run + 1)
    return f'{fence}python linenums="{chunk.first_line}"\n{code}\n{fence}'


def page_markdown(title, links, module_sections):
    """The page: a title, links to related pages, then a two-column grid of sections."""
    heading = title.replace("_", "\\_")  # __init__ is a file name, not bold text
    parts = [f"---\nhide: [toc]\n---\n\n# {heading}", links, '<div class="annotated" markdown>']
    for section in module_sections:
        prose = "\n".join(section.prose).strip()
        code = "\n\n".join(code_block(chunk) for chunk in section.chunks)
        parts.append(
            '<div class="annotated__section" markdown>\n'
            f'<div class="annotated__prose" markdown>\n\n{prose}\n\n</div>\n'
            f'<div class="annotated__code" markdown>\n\n{code}\n\n</div>\n'
            "</div>"
        )
    parts.append("</div>")
    return "\n\n".join(parts) + "\n"
