"""The changes page of a stage (hooks/stage_diff.py) shows every line it changed, file by file."""

import sys
from itertools import pairwise
from types import SimpleNamespace

import pytest

import stages

HOOKS = stages.REPO / "hooks"
sys.path.insert(0, str(HOOKS))
import stage_diff  # noqa: E402

sys.path.remove(str(HOOKS))

OPS_BEFORE = """\
class Mul:
    @staticmethod
    def _f(a, b):
        return a * b
"""
OPS_AFTER = OPS_BEFORE.replace("return a * b", "return np.multiply(a, b)")


def write_stage(root, name, files):
    for path, text in files.items():
        (root / name / "dark" / path).parent.mkdir(parents=True, exist_ok=True)
        (root / name / "dark" / path).write_text(text, encoding="utf-8")


@pytest.fixture
def page(tmp_path):
    write_stage(
        tmp_path,
        "old",
        {
            "__init__.py": "from .ops import Mul\n",
            "ops.py": OPS_BEFORE,
            "gone.py": "A = 1\nB = 2\n",
        },
    )
    write_stage(
        tmp_path,
        "new",
        {"__init__.py": "from .ops import Mul\n", "ops.py": OPS_AFTER, "fresh.py": "C = 3\n"},
    )
    return stage_diff.changes_markdown(tmp_path, "old", "new")


def test_a_changed_line_shows_as_removed_then_added(page):
    lines = page.splitlines()
    removed = lines.index("-        return a * b")
    assert lines[removed + 1] == "+        return np.multiply(a, b)"
    assert "## `dark/ops.py`\n\nLines added: 1, removed: 1." in page
    assert "     def _f(a, b):" in lines  # context: an unchanged line, marked by a space


def test_a_new_file_is_named_and_linked_not_dumped(page):
    assert "New in new (1 lines): read it" in page
    assert "[annotated source page](../source/new/fresh.md)" in page
    assert "C = 3" not in page


def test_removed_and_unchanged_files_are_said_in_one_line(page):
    assert "## `dark/gone.py`\n\nRemoved in new: its 2 lines are gone." in page
    assert "Unchanged: `dark/__init__.py`." in page
    assert "## `dark/__init__.py`" not in page


@pytest.mark.parametrize("before, stage", list(pairwise(stages.repo_stages())))
def test_every_line_a_stage_changed_is_on_its_page(before, stage):
    """An oracle apart from the hook's diff: each line in one version only, marked."""
    page = stage_diff.changes_markdown(stages.REPO, before.name, stage.name).splitlines()
    for path in sorted(stage.glob("dark/**/*.py")):
        old_file = before / path.relative_to(stage)
        if not old_file.is_file():
            continue
        old = old_file.read_text(encoding="utf-8").splitlines()
        new = path.read_text(encoding="utf-8").splitlines()
        for line in set(new) - set(old):
            assert f"+{line}" in page, (path.name, line)
        for line in set(old) - set(new):
            assert f"-{line}" in page, (path.name, line)


def test_each_page_is_listed_first_under_its_stage():
    config = SimpleNamespace(
        extra={"stages": ["dark-1", "dark-2"]},
        nav=[{"Home": "index.md"}, {"Annotated source": [{"dark-1": []}, {"dark-2": ["x"]}]}],
    )
    stage_diff.on_config(config)
    dark_2 = config.nav[1]["Annotated source"][1]["dark-2"]
    assert dark_2 == [{"Changes from dark-1": "changes/dark-2.md"}, "x"]
    assert config.nav[1]["Annotated source"][0] == {"dark-1": []}


def test_the_diff_fence_outlasts_backticks_inside():
    block = stage_diff.fenced("diff", "+```python\n+x = 1\n+```")
    assert block.startswith("````diff\n") and block.endswith("\n````")
