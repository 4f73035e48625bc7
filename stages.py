"""Where the stages are, how to import `dark` from one of them, and where the site teaches them.

The one place that knows this. The stage harness, the docs tests and hooks and the
benchmark all ask here, so a new stage folder (`dark-2/`, ...) needs no edit elsewhere.

A stage is a folder that holds a `dark/` package and a `pyproject.toml` with a
`[tool.dark]` table, such as `dark-1/` or a reader's own copy of one.
"""

import functools
import importlib
import re
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent


def repo_stages():
    """The repo's own stage folders, in order: dark-1, dark-2, ..."""
    found = [path for path in REPO.glob("dark-*") if (path / "dark" / "__init__.py").is_file()]
    return sorted(found, key=lambda path: int(path.name.rpartition("-")[2]))


def declaration(folder):
    """The `[tool.dark]` table of a stage's pyproject.toml, or {} when it has none."""
    pyproject = Path(folder) / "pyproject.toml"
    if not pyproject.is_file():
        return {}
    return tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}).get("dark", {})


def forget_dark():
    """Drop every cached `dark` module, so that the next import reads a folder anew."""
    for name in [name for name in sys.modules if name == "dark" or name.startswith("dark.")]:
        del sys.modules[name]


def import_dark(folder):
    """Import `dark` from `folder` and nowhere else, and return the module.

    The folder goes first on sys.path and stays there (an import inside `dark`
    may come later); any `dark` imported before, from another stage, is forgotten.
    """
    folder = Path(folder).resolve()
    forget_dark()
    if str(folder) in sys.path:
        sys.path.remove(str(folder))
    sys.path.insert(0, str(folder))
    module = importlib.import_module("dark")
    found = Path(module.__file__).resolve().parent
    if found != folder / "dark":
        raise ImportError(f"`import dark` found {found}, not the stage in {folder}")
    return module


def import_sample(folder, name):
    """Import the module `name` from a stage's samples/ folder.

    Samples import `dark`: call import_dark(folder) first, so that they get this stage's.

    The folder stays on sys.path, as when a sample runs as a script: samples
    import each other by name.
    """
    samples = str(Path(folder).resolve() / "samples")
    if samples not in sys.path:
        sys.path.insert(0, samples)
    return importlib.import_module(name)


def forget_samples():
    """Drop every cached module of the repo stages' samples/ folders.

    Two stages' samples share names (both have draw.py), and each holds its own
    stage's `dark`: forget them along with `dark`, before importing another stage's.
    """
    for stage in repo_stages():
        for path in (stage / "samples").glob("*.py"):
            sys.modules.pop(path.stem, None)


def section_url(section):
    """'module-1/implementation.md#backward' as `make serve` serves it."""
    page, _, anchor = section.partition("#")
    path = (page.removesuffix(".md") + "/").removesuffix("index/")
    return f"{site_url()}{path}#{anchor}"


@functools.cache
def site_url():
    # mkdocs.yml's own address for the site, read with a regex: its custom YAML tags
    # (!relative) would need mkdocs's loader.
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return re.search(r"^site_url:\s*(\S+)", text, re.MULTILINE).group(1).rstrip("/") + "/"


if __name__ == "__main__":
    # For the Makefile: `make test` runs every stage this prints.
    print(" ".join(path.name for path in repo_stages()))
