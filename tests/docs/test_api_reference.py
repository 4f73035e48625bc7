"""The API page's griffe extension: `mul = Mul.apply` is shown as the function `mul(a, b)`."""

import sys

import griffe
import pytest

import stages

HOOKS = stages.REPO / "hooks"
sys.path.insert(0, str(HOOKS))
from griffe_apply import ApplyBindingsAreFunctions  # noqa: E402

sys.path.remove(str(HOOKS))


@pytest.fixture(scope="module", params=stages.repo_stages(), ids=lambda folder: folder.name)
def package(request):
    return griffe.load(
        "dark",
        search_paths=[str(request.param)],
        extensions=griffe.load_extensions(ApplyBindingsAreFunctions),
    )


def test_each_function_has_the_signature_of_its_forward(package):
    ops = package["ops"]
    bindings = [
        name for name, member in ops.members.items() if not member.is_alias and member.is_class
    ]
    assert bindings, "ops.py defines no operation classes"
    for name in bindings:
        function = ops[name.lower()]
        assert function.is_function, f"{name.lower()} is still an attribute"
        expected = [parameter.name for parameter in ops[name]["_f"].parameters]
        assert [parameter.name for parameter in function.parameters] == expected
        assert function.docstring.value.startswith(f"`dark.{name.lower()}(")


def test_mul_takes_a_and_b(package):
    assert [parameter.name for parameter in package["ops.mul"].parameters] == ["a", "b"]
    assert package["mul"].is_function  # re-exported by __init__.py, still a function
