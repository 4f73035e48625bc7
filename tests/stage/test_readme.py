"""The stage's own README: every Python block in it runs, top to bottom, in one namespace.

A reader follows the README before anything else, so its examples must work with
the stage they describe. A copy without a README, or without Python blocks, has
nothing to check here.
"""

import re

import pytest

PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def python_blocks(folder):
    readme = folder / "README.md"
    if not readme.is_file():
        return []
    return PYTHON_BLOCK.findall(readme.read_text(encoding="utf-8"))


# The README of a stage shows off everything the stage provides.
@pytest.mark.provides("scalar", "operations", "backward", "no_grad", "custom_operation")
def test_every_python_block_of_the_readme_runs(stage_folder, capsys):
    blocks = python_blocks(stage_folder)
    if not blocks:
        pytest.skip("the stage has no README.md with Python blocks")
    namespace = {"__name__": "readme"}
    for number, block in enumerate(blocks, start=1):
        try:
            exec(compile(block, f"README.md, Python block {number}", "exec"), namespace)
        except Exception as error:
            pytest.fail(f"README.md, Python block {number} fails: {error!r}\n{block}")
