"""Articles include stage code by name, read from the source's syntax tree at build time.

Inside a ```python block, a line such as

    --8<-- "dark-1/dark/ops.py:Mul,mul"

becomes those definitions, in that order (pysource.py says which lines a name covers:
decorators, the comments right above, an assignment's docstring below). A method
(`node.py:Node.backward`) comes out at column 0; with no `:names`, the whole file. So
the stage carries no markers, and a listing cannot drift from the code. Under the block,
a caption links to the listing on its annotated-source page.

A file or name that does not exist is a warning that names the page, the file and the
name, so `mkdocs build --strict` fails. Files outside the stage folders are left to
pymdownx.snippets.
"""

import logging
import posixpath
import re
from pathlib import Path, PurePosixPath

from annotate import source_page_uri
from pysource import anchor, definitions

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

FENCE = re.compile(r"(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)")
PYTHON_INFO = re.compile(r"\{?\.?(python|py)\b")
INCLUDE = re.compile(
    r"""(?P<indent>[ \t]*)-+8<-+[ \t]+(?P<quote>["'])(?P<path>[^"':]+\.py)"""
    r"""(?::(?P<names>[^"']+))?(?P=quote)[ \t]*"""
)


def listing(root, stage_file, names):
    """The code for `names` of `stage_file` (all of it when names is None), and its first line.

    Raises LookupError naming what is missing.
    """
    path = root / stage_file
    if not path.is_file():
        raise LookupError(f"{stage_file} does not exist")
    source = path.read_text(encoding="utf-8")
    if names is None:
        return source.rstrip("\n"), None
    defined = definitions(source)
    for name in names:
        if name not in defined:
            methods = [other for other in defined if other.endswith(f".{name}")]
            hint = f"; did you mean {' or '.join(methods)}?" if methods else ""
            top_level = ", ".join(other for other in defined if "." not in other)
            raise LookupError(f"{stage_file} defines no {name!r} (it has {top_level}){hint}")
    lines = source.splitlines()
    pieces = []
    for definition in (defined[name] for name in names):
        indent = " " * definition.indent
        piece = lines[definition.first_line - 1 : definition.last_line]
        pieces.append("\n".join(line.removeprefix(indent) for line in piece))
    # Blank lines between pieces as a formatter puts them: two at the top level, else one.
    separator = "\n\n\n" if all("." not in name for name in names) else "\n\n"
    return separator.join(pieces), defined[names[0]]


def caption(page_uri, stage_file, first):
    """A line under the listing that links to it on its annotated-source page."""
    target = source_page_uri(PurePosixPath(stage_file))
    if target is None:
        return None
    link = posixpath.relpath(target, posixpath.dirname(page_uri))
    where = PurePosixPath(stage_file).name
    if first is not None:
        link += f"#{anchor(stage_file, first.name)}"
        where += f", line {first.first_line}"
    return f"[{where} · annotated source]({link})"


def on_page_markdown(markdown, page, config, files):
    root = Path(config.config_file_path).parent
    stages = set(config.extra["stages"])
    page_uri = page.file.src_uri
    out, captions, fence = [], [], None
    for line in markdown.split("\n"):
        if fence is None:
            fence = FENCE.fullmatch(line)
            out.append(line)
            continue
        if re.fullmatch(rf"[ \t]*{fence['fence'][0]}{{{len(fence['fence'])},}}[ \t]*", line):
            out.append(line)
            for text in captions:  # a paragraph of its own, with a class for the CSS
                out += ["", fence["indent"] + text, fence["indent"] + "{: .listing-source }", ""]
            fence, captions = None, []
            continue
        include = INCLUDE.fullmatch(line)
        wanted = include and PurePosixPath(include["path"]).parts[0] in stages
        if not (wanted and PYTHON_INFO.match(fence["info"].strip())):
            out.append(line)
            continue
        names = include["names"] and [name.strip() for name in include["names"].split(",")]
        try:
            code, first = listing(root, include["path"], names or None)
        except LookupError as problem:
            log.warning(f"{page_uri}: {line.strip()}: {problem}")
            code, first = f"# {problem}", None
        out += [include["indent"] + text if text else "" for text in code.split("\n")]
        text = caption(page_uri, include["path"], first)
        captions += [text] if text else []
    return "\n".join(out)
