"""Run every Python block of the docs pages and the root README, and check what they print.

`pages` is a link to docs/, so that `pytest tests/docs` reaches every page. Each page is
one Sybil document: its blocks run in order in one namespace, so a block can continue the
one before. A page names its stage in front matter (`stage: dark-1`). Every stage's
package is called `dark`, so before a page runs, its stage goes first on sys.path and any
`dark` imported for an earlier page is forgotten: results never depend on test order.

What a block prints is compared with the comments that show it (checked_examples.py does
it, here and for a stage's README and docstrings). The rule:

- `print(...)  # text` at the top level of a block: the comment, after `# `, is exactly
  what that print writes.
- The comment lines right under a top-level `for`, `while`, `with`, `try` or `if`
  statement, or under a `print(...)` with no comment of its own, at column 0 and with no
  blank line between: each is one line of what the statement printed.
- An output comment shows everything printed since the previous one, so a header printed
  just before a loop heads the loop's output block.
- Whatever a block prints must be shown: output that no comment accounts for fails it.
- Every other comment is prose, never compared: `fx = f(x)  # 2x² + 5`, a comment above
  a line, a comment inside a loop, or a comment after a loop with a blank line between.

`<!-- skip: next -->` above a block skips it, invisibly on the rendered page; write
`<!-- skip: next "why" -->` to have the reason reported.
"""

import re
import sys
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from sybil import Document, Sybil
from sybil.parsers.markdown import SkipParser

import stages
from tests.docs.checked_examples import PythonBlocks

# A line that includes stage source instead of holding code: `--8<-- "dark-1/dark/node.py"`.
SNIPPET_INCLUDE = re.compile(r"""\s*-+8<-+\s+["']""")
STAGE_PATH = "__stage_path__"  # where a page's namespace records its stage folder


class PageBlocks(PythonBlocks):
    """A page's Python blocks, which run against the page's stage.

    A block that only includes stage source (`--8<--` lines) is the package itself, which
    the stage's own tests cover: it is no example, and is not collected.
    """

    def __call__(self, document):
        for region in super().__call__(document):
            code_lines = [line for line in region.parsed.splitlines() if line.strip()]
            if not all(SNIPPET_INCLUDE.match(line) for line in code_lines):
                yield region

    def evaluate(self, example):
        if STAGE_PATH not in example.namespace:
            pytest.fail("the page runs Python but names no stage: add `stage: dark-1` on top")
        return super().evaluate(example)


class VisibleSkips(SkipParser):
    """`<!-- skip: next -->` as Sybil reads it, but reported as a skip rather than a pass."""

    def __call__(self, document):
        for region in super().__call__(document):
            action, reason = region.parsed
            if action in ("next", "start") and not reason:
                region.parsed = (action, repr("a skip marker in the page"))
            yield region


class Page(Document):
    """A docs page, whose examples can find out which page they are on."""

    def __init__(self, text, path):
        super().__init__(text, path)
        self.namespace["__file__"] = path


def use_stage_of_page(namespace):
    """Before a page's first block: make `import dark` find the page's stage."""
    page = Path(namespace["__file__"])
    _, meta = get_data(page.read_text(encoding="utf-8"))
    if "stage" not in meta:
        return  # fine while the page only includes source; its first runnable block fails
    folder = stages.REPO / meta["stage"]
    if not (folder / "dark").is_dir():
        pytest.fail(f"{page.name}: its stage {meta['stage']!r} has no package {folder / 'dark'}")
    forget_samples()
    stages.import_dark(folder)
    namespace[STAGE_PATH] = str(folder)


def forget_stage(namespace):
    if namespace.get(STAGE_PATH) in sys.path:
        sys.path.remove(namespace[STAGE_PATH])
    stages.forget_dark()
    forget_samples()


def forget_samples():
    """Forget `samples`: a page may import its stage's (`from samples.classifiers import mlp`),
    whose modules hold that stage's `dark`, and hooks/samples.py has the same name."""
    for name in [name for name in sys.modules if name.partition(".")[0] == "samples"]:
        del sys.modules[name]


def pages(**where):
    return Sybil(
        parsers=[PageBlocks(), VisibleSkips()],
        **where,
        document_types={".md": Page},
        setup=use_stage_of_page,
        teardown=forget_stage,
    )


def pytest_collection_modifyitems(items):
    # Part 2 reads a non-leaf tensor's `.grad` on purpose, and says that PyTorch warns.
    expected = pytest.mark.filterwarnings("ignore:The .grad attribute of a Tensor that is not")
    for item in items:
        item.add_marker(expected)


# `pages` links to docs/ and `repo-readme.md` to the root README. A stage's own README is
# checked with the stage, by tests/stage/test_readme.py, with the same rule.
pytest_collect_file = (
    pages(path="pages", patterns=["*.md"]) + pages(path=".", filenames={"repo-readme.md"})
).pytest()
