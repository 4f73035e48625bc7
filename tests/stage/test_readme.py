"""The stage's README and docstrings: every Python example runs and prints what it shows.

A reader follows the README before anything else, so its examples must work with the
stage they describe, and each printed result must be the one its comment shows. The rule
that tells an output comment from a prose one is the docs' own, in
tests/docs/checked_examples.py. A copy without a README, or without examples, has
nothing to check here.
"""

import pytest

from tests.docs.checked_examples import failures, parse

# What the examples use; the first family named is the one a failure is reported under.
README_USES = ("nodes", "apply", "mul_pow", "operations", "backward", "zero_grad", "no_grad")
DOCSTRINGS_USE = ("backward", "nodes", "apply", "mul_pow", "operations")


def check(paths):
    documents = [parse(path) for path in paths]
    if not any(list(document) for document in documents):
        pytest.skip("no Python examples to run")
    found = [failure for document in documents for failure in failures(document)]
    if found:
        pytest.fail("\n\n".join(found), pytrace=False)


@pytest.mark.provides(*README_USES)
def test_the_readme_examples_print_what_they_show(stage_folder):
    readme = stage_folder / "README.md"
    if not readme.is_file():
        pytest.skip("the stage has no README.md")
    check([readme])


@pytest.mark.provides(*DOCSTRINGS_USE)
def test_the_docstring_examples_print_what_they_show(stage_folder):
    check(sorted((stage_folder / "dark").glob("*.py")))
