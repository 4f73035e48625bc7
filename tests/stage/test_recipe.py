"""The README's recipe "Adding your own operation", followed word for word on a copy.

The code comes from the README itself: its first block goes at the end of dark/ops.py,
the names are added to dark/__init__.py as step 2 says, and its last block must then
run and print what it shows. A README without the recipe has nothing to check here.
"""

import re
import shutil
import sys

import pytest

import stages
from tests.docs.checked_examples import parse

RECIPE = "## Adding your own operation"


def recipe_blocks(readme):
    """The Python examples under the recipe's heading, in order."""
    text = readme.read_text(encoding="utf-8")
    if RECIPE not in text:
        pytest.skip(f"the README has no {RECIPE!r} section")
    start = text.index(RECIPE)
    following = text.find("\n## ", start + len(RECIPE))
    end = len(text) if following == -1 else following
    return [
        example
        for example in parse(readme)
        if start < example.start < end and not isinstance(example.parsed, tuple)  # not a skip
    ]


def add_names(init_source, opening, closing, names):
    """Step 2: put `names` last in the list that starts with `opening`."""
    pattern = re.compile(re.escape(opening) + r"\n(.*?)^" + re.escape(closing), re.S | re.M)
    match = pattern.search(init_source)
    assert match, f"dark/__init__.py has no `{opening} ... {closing}` to add {names} to"
    added = "".join(f"    {name},\n" for name in names)
    return init_source[: match.end(1)] + added + init_source[match.end(1) :]


@pytest.mark.provides("custom_operation", "operations", "backward")
def test_the_recipe_adds_cube_to_the_package(stage_folder, tmp_path):
    readme = stage_folder / "README.md"
    if not readme.is_file():
        pytest.skip("the stage has no README.md")
    [operation, use] = recipe_blocks(readme)
    copy = tmp_path / stage_folder.name
    shutil.copytree(stage_folder, copy, ignore=shutil.ignore_patterns("__pycache__"))

    # Step 1: the class and its function, at the end of dark/ops.py.
    ops = copy / "dark" / "ops.py"
    ops.write_text(ops.read_text(encoding="utf-8") + "\n\n" + operation.parsed, "utf-8")
    # Step 2: both names imported from .ops, and listed in __all__.
    init = copy / "dark" / "__init__.py"
    source = add_names(
        init.read_text(encoding="utf-8"), "from .ops import (", ")", ["Cube", "cube"]
    )
    init.write_text(add_names(source, "__all__ = [", "]", ['"Cube"', '"cube"']), "utf-8")

    # Step 3, on the copy; the stage under test comes back afterwards.
    saved_path = list(sys.path)
    saved_modules = {
        name: module
        for name, module in sys.modules.items()
        if name == "dark" or name.startswith("dark.")
    }
    try:
        dark = stages.import_dark(copy)
        assert dark.cube == dark.Cube.apply  # a bound method: equal, not identical
        assert {"Cube", "cube"} <= set(dark.__all__)
        use.evaluate()  # fails, naming the line, if it prints anything but what it shows
    finally:
        stages.forget_dark()
        sys.path[:] = saved_path
        sys.modules.update(saved_modules)
