"""The build's guard against a lost snippet end marker, tested so that it cannot rot.

Without the guard, an include whose end marker was deleted silently runs to the end of
the file. Unit tests pin the check; one real `mkdocs build --strict` on a broken copy of
the site proves that mkdocs.yml still runs it.
"""

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def load_hook():
    path = REPO / "hooks" / "snippet_markers.py"
    spec = importlib.util.spec_from_file_location("snippet_markers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


marker_problems = load_hook().marker_problems


def problems_in(tmp_path, *lines):
    source = tmp_path / "module.py"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return marker_problems(source)


def test_balanced_sections_pass(tmp_path):
    assert not problems_in(
        tmp_path,
        "# --8<-- [start:outer]",
        "x = 1",
        "    # --8<-- [start:inner]",
        "y = 2",
        "    # --8<-- [end:inner]",
        "# --8<-- [end:outer]",
        "# ;--8<-- [end:escaped] is text, not a marker",
    )


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (["# --8<-- [start:lost]", "x = 1"], r":1: \[start:lost\] is never ended"),
        (["x = 1", "# --8<-- [end:stray]"], r":2: \[end:stray\] with no \[start:stray\]"),
        (
            ["# --8<-- [start:twice]", "# --8<-- [start:twice]", "# --8<-- [end:twice]"],
            r":2: \[start:twice\] again, open since line 1",
        ),
        (
            ["# --8<-- [start:a]", "# --8<-- [end:a]", "# --8<-- [start:a]", "# --8<-- [end:a]"],
            r":3: a second \[start:a\]",
        ),
    ],
    ids=["lost end", "stray end", "nested twice", "defined twice"],
)
def test_unbalanced_sections_are_reported(tmp_path, lines, problem):
    problems = problems_in(tmp_path, *lines)
    assert len(problems) == 1
    assert re.search(problem, problems[0])


def test_strict_build_fails_on_a_lost_end_marker(tmp_path):
    site = tmp_path / "site-copy"
    shutil.copytree(REPO / "docs", site / "docs", symlinks=True)
    shutil.copytree(REPO / "hooks", site / "hooks")
    shutil.copy(REPO / "mkdocs.yml", site)
    for stage in sorted(REPO.glob("dark-*")):
        shutil.copytree(stage, site / stage.name, ignore=shutil.ignore_patterns("__pycache__"))
    # Delete the first end marker found in dark-1's package.
    for source in sorted((site / "dark-1/dark").rglob("*.py")):
        text = source.read_text(encoding="utf-8")
        end_marker = re.search(r"^.*--8<-- \[end:[-\w]+\].*\n", text, re.MULTILINE)
        if end_marker:
            source.write_text(text.replace(end_marker[0], "", 1), encoding="utf-8")
            break
    else:
        pytest.fail("dark-1/dark has no snippet section left to break")

    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=site,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
    )
    assert build.returncode != 0
    assert f"{source.relative_to(site)}" in build.stderr
    assert "is never ended" in build.stderr
