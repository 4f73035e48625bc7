"""What each stage changed: a generated page per stage after the first, changes/<stage>.md.

The page compares the stage's `dark` package with the previous stage's, file by file, as
unified diffs that difflib computes from the two folders at build time, so a reader sees
exactly which lines the new stage needed. A file new in the stage is not dumped whole:
the page gives its length and links to its annotated source. Each page is listed first
in its stage's "Annotated source" section, so a new stage needs no edit to mkdocs.yml.
"""

import difflib
import posixpath
import re
from itertools import pairwise
from pathlib import Path

from annotate import source_page_uri
from annotated_source import NAV_SECTION
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

CONTEXT_LINES = 3  # unchanged lines around each change, as `diff -u` shows them


def page_uri(stage):
    return f"changes/{stage}.md"


def package_files(root, stage):
    """The stage's package files (`dark/ops.py`, ...), __init__.py first in each folder."""
    folder = root / stage
    names = [path.relative_to(folder).as_posix() for path in folder.glob("dark/**/*.py")]
    return sorted(
        names,
        key=lambda name: (posixpath.dirname(name), posixpath.basename(name) != "__init__.py", name),
    )


def fenced(info, text):
    """`text` in a code fence longer than any run of backticks inside it."""
    fence = "`" * max(3, 1 + max(map(len, re.findall("`+", text)), default=0))
    return f"{fence}{info}\n{text}\n{fence}"


def file_section(root, before, stage, name):
    """The Markdown for one file, or None when it did not change."""
    old, new = root / before / name, root / stage / name
    old_lines = old.read_text(encoding="utf-8").splitlines() if old.is_file() else None
    new_lines = new.read_text(encoding="utf-8").splitlines() if new.is_file() else None
    heading = f"## `{name}`\n\n"
    if new_lines is None:
        return f"{heading}Removed in {stage}: its {len(old_lines)} lines are gone."
    if old_lines is None:
        link = posixpath.relpath(
            source_page_uri(f"{stage}/{name}"), posixpath.dirname(page_uri(stage))
        )
        return (
            f"{heading}New in {stage} ({len(new_lines)} lines): read it with its comments on "
            f"its [annotated source page]({link})."
        )
    if old_lines == new_lines:
        return None
    # Without the two header lines (--- and +++), a line's first character says what it is.
    diff = list(difflib.unified_diff(old_lines, new_lines, n=CONTEXT_LINES, lineterm=""))[2:]
    added = sum(line.startswith("+") for line in diff)
    removed = sum(line.startswith("-") for line in diff)
    return f"{heading}Lines added: {added}, removed: {removed}.\n\n" + fenced(
        "diff", "\n".join(diff)
    )


def changes_markdown(root, before, stage):
    """The page: what `stage`'s package changed since `before`'s."""
    names = package_files(root, before)
    names += [name for name in package_files(root, stage) if name not in names]
    sections = {name: file_section(root, before, stage, name) for name in names}
    unchanged = [f"`{name}`" for name, section in sections.items() if section is None]
    lines = [
        f"# What changed from {before} to {stage}",
        "",
        f"Every file of {stage}'s `dark` package against {before}'s, compared when this site "
        f"was built. In each listing, a line that starts with `-` is {before}'s, a line that "
        f"starts with `+` is {stage}'s, and a line without either is in both, to show where a "
        f"change sits. `@@ -a,b +c,d @@` heads each change: b lines from line a of {before} "
        f"became d lines from line c of {stage}.",
        "",
        f"Unchanged: {', '.join(unchanged)}." if unchanged else "Every file changed.",
    ]
    lines += ["", *(f"{section}\n" for section in sections.values() if section is not None)]
    return "\n".join(lines)


def stage_pairs(config):
    """(previous stage, stage) for every stage after the first."""
    return list(pairwise(config.extra["stages"]))


@event_priority(-100)  # after annotated_source.py has filled its nav section
def on_config(config):
    for entry in config.nav:
        if isinstance(entry, dict) and NAV_SECTION in entry:
            for before, stage in stage_pairs(config):
                for section in entry[NAV_SECTION]:
                    if stage in section:
                        section[stage].insert(0, {f"Changes from {before}": page_uri(stage)})


def on_files(files, config):
    root = Path(config.config_file_path).parent
    for before, stage in stage_pairs(config):
        content = changes_markdown(root, before, stage)
        files.append(File.generated(config, page_uri(stage), content=content))
    return files
