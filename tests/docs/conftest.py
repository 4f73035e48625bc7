"""Run every Python block of the docs pages as a test, against the stage the page documents.

`pages` is a link to docs/, so that `pytest tests/docs` reaches every page. Each page is
one Sybil document: its blocks run in order in one namespace, so a block can continue the
one before. A page names its stage in front matter (`stage: dark-1`). Every stage's
package is called `dark`, so before a page runs, its stage goes first on sys.path and any
`dark` imported for an earlier page is forgotten: results never depend on test order.

`<!-- skip: next -->` above a block skips it, invisibly on the rendered page; write
`<!-- skip: next "why" -->` to have the reason reported.
"""

import functools
import importlib
import re
import sys
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data
from sybil import Document, Sybil
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.markdown import CodeBlockParser, SkipParser

REPO = Path(__file__).resolve().parents[2]
# A fence's info string: `python`, `py`, or the braced `{.python}`, then any attributes.
PYTHON_INFO = re.compile(r"\{?\.?(python|py)\b")
# A line that includes stage source instead of holding code: `--8<-- "dark-1/dark/node.py"`.
SNIPPET_INCLUDE = re.compile(r"""\s*-+8<-+\s+["']""")
IMPORTS_TORCH = re.compile(r"^\s*(import|from)\s+torch\b", re.MULTILINE)
STAGE_PATH = "__stage_path__"  # where a page's namespace records its stage folder


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
    run = PythonEvaluator()

    def __call__(self, document):
        for region in self.lexers(document):
            if PYTHON_INFO.match(region.lexemes["arguments"]):
                region.parsed = region.lexemes["source"]
                region.evaluator = self.evaluate
                yield region

    def evaluate(self, example):
        code_lines = [line for line in example.parsed.splitlines() if line.strip()]
        if code_lines and all(SNIPPET_INCLUDE.match(line) for line in code_lines):
            pytest.skip("includes stage source, which the stage's own tests cover")
        if IMPORTS_TORCH.search(example.parsed) and not torch_importable():
            pytest.skip("needs PyTorch, which is not installed here (pip install torch)")
        if STAGE_PATH not in example.namespace:
            pytest.fail("the page runs Python but names no stage: add `stage: dark-1` on top")
        return self.run(example)


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


def forget_dark():
    for name in [name for name in sys.modules if name == "dark" or name.startswith("dark.")]:
        del sys.modules[name]


def use_stage_of_page(namespace):
    """Before a page's first block: make `import dark` find the page's stage."""
    page = Path(namespace["__file__"])
    _, meta = get_data(page.read_text(encoding="utf-8"))
    if "stage" not in meta:
        return  # fine while the page only includes source; its first runnable block fails
    folder = REPO / meta["stage"]
    if not (folder / "dark").is_dir():
        pytest.fail(f"{page.name}: its stage {meta['stage']!r} has no package {folder / 'dark'}")
    forget_dark()
    sys.path.insert(0, str(folder))
    namespace[STAGE_PATH] = str(folder)


def forget_stage(namespace):
    if STAGE_PATH in namespace:
        sys.path.remove(namespace[STAGE_PATH])
    forget_dark()


pytest_collect_file = Sybil(
    parsers=[PythonBlocks(), VisibleSkips()],
    path="pages",
    patterns=["*.md"],
    document_types={".md": Page},
    setup=use_stage_of_page,
    teardown=forget_stage,
).pytest()
