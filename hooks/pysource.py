"""What the docs know about a Python file: its named definitions and its prose lines.

Read from the syntax tree, once, for both users: the articles' listings
(include_by_name.py) and the annotated-source pages (annotate.py). So a name means the
same lines in an article as on the annotated page its caption links to.
"""

import ast
import io
import tokenize
from dataclasses import dataclass
from pathlib import PurePath

DEFINES = (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)


@dataclass(frozen=True)
class Definition:
    """The lines of one named thing: a class, a function, a method or an assignment."""

    name: str  # as a reader writes it: "Mul", "Node.backward", "mul"
    first_line: int  # the comment lines right above it are its prose, so they count
    head_line: int  # its first decorator, or its `def`/`class`/assignment line
    last_line: int  # an assignment's attribute docstring below it counts too
    indent: int


def full_line_comments(source):
    """Map the number of every line that holds only a comment to the comment's text."""
    comments = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and not token.line[: token.start[1]].strip():
            comments[token.start[0]] = token.string
    return comments


def is_string(statement):
    """True for a statement that is a bare string: a docstring where one is expected."""
    return (
        isinstance(statement, ast.Expr)
        and isinstance(statement.value, ast.Constant)
        and isinstance(statement.value.value, str)
    )


def bound_name(statement):
    """The one name a statement defines (`class`, `def`, `x = ...`), or None."""
    if isinstance(statement, DEFINES):
        return statement.name
    targets = getattr(statement, "targets", [getattr(statement, "target", None)])
    if isinstance(statement, (ast.Assign, ast.AnnAssign)) and len(targets) == 1:
        if isinstance(targets[0], ast.Name):
            return targets[0].id
    return None


def head_line(statement):
    decorators = getattr(statement, "decorator_list", [])
    return min([statement.lineno, *(decorator.lineno for decorator in decorators)])


def attribute_docstring(body, index):
    """The string right under an assignment, which documents it (as PEP 257 allows)."""
    following = body[index + 1] if index + 1 < len(body) else None
    if not isinstance(body[index], DEFINES) and following is not None and is_string(following):
        return following
    return None


def definitions(source):
    """Map each top-level name, and each `Class.member`, to its Definition.

    A name bound twice (a property's getter and setter) covers both definitions.
    """
    comments = full_line_comments(source)
    found = {}

    def scan(body, prefix):
        for index, statement in enumerate(body):
            name = bound_name(statement)
            if name is None:
                continue
            head = first = head_line(statement)
            while first - 1 in comments:
                first -= 1
            docstring = attribute_docstring(body, index)
            last = (docstring or statement).end_lineno
            earlier = found.get(prefix + name)
            if earlier is not None:
                first, head = earlier.first_line, earlier.head_line
            found[prefix + name] = Definition(
                prefix + name, first, head, last, statement.col_offset
            )
            if isinstance(statement, ast.ClassDef) and not prefix:
                scan(statement.body, f"{name}.")

    scan(ast.parse(source).body, "")
    return found


def anchor(path, name):
    """The id of a definition on its annotated page: `ops.Mul`, `node.Node.backward`.

    The module's name and a dot go first, so an id can never equal a heading's id:
    Markdown's heading ids have no dots.
    """
    path = PurePath(path)
    module = path.parent.name if path.stem == "__init__" else path.stem
    return f"{module}.{name}"
