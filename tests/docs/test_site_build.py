"""Real `mkdocs build --strict` runs on a copy of the repo, to prove what the hooks promise.

- a listing that includes a name the source does not define fails the build, with a
  message naming the page, the file and the name (hooks/include_by_name.py);
- a new stage folder gets its annotated source and API page with no edit to mkdocs.yml
  (hooks/site_stages.py).

The sample figures are left out of these builds: they take long to draw, and the
missing images they leave are warnings these tests do not look at.
"""

import os
import shutil
import subprocess
import sys

import stages

BUILT = [".venv", ".git", ".cache", "site", "out", "__pycache__", ".*_cache", ".hypothesis"]


def copy_of_repo(tmp_path):
    copy = tmp_path / "repo"
    shutil.copytree(stages.REPO, copy, symlinks=True, ignore=shutil.ignore_patterns(*BUILT))
    config = (copy / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - hooks/samples.py\n" in config
    (copy / "mkdocs.yml").write_text(config.replace("  - hooks/samples.py\n", ""))
    return copy


def strict_build(folder):
    """Build strictly; return (exit code, everything mkdocs printed)."""
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=folder,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
    )
    return build.returncode, build.stdout + build.stderr


def test_a_missing_name_fails_the_strict_build(tmp_path):
    copy = copy_of_repo(tmp_path)
    with (copy / "docs" / "index.md").open("a", encoding="utf-8") as index:
        index.write('\n```python\n--8<-- "dark-1/dark/ops.py:Mul,NoSuchName"\n```\n')
    code, output = strict_build(copy)
    assert code != 0
    assert "in strict mode" in output  # the build ran to its end, then was refused
    assert 'index.md: --8<-- "dark-1/dark/ops.py:Mul,NoSuchName"' in output
    assert "dark-1/dark/ops.py defines no 'NoSuchName'" in output


def test_a_new_stage_needs_no_edit_to_mkdocs_yml(tmp_path):
    copy = copy_of_repo(tmp_path)
    last = stages.repo_stages()[-1]
    number = int(last.name.rpartition("-")[2]) + 1
    new_stage = f"dark-{number}"
    shutil.copytree(last, copy / new_stage, ignore=shutil.ignore_patterns("__pycache__"))
    strict_build(copy)  # other pages may warn; the new stage's pages must exist
    site = copy / "site"
    for module in sorted((copy / new_stage / "dark").glob("*.py")):
        assert (site / "source" / new_stage / module.stem / "index.html").is_file(), module.name
    api_page = (site / "api" / new_stage / "index.html").read_text(encoding="utf-8")
    assert f"dark ({new_stage})" in api_page
    ops_page = (site / "source" / new_stage / "ops" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../../api/{new_stage}/"' in ops_page  # its own stage's API page
