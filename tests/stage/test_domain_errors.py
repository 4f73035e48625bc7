"""Domain errors: the type, the message, and a failed operation changes nothing.

Also NaN: an operation on NaN returns NaN or raises one of the domain errors,
and it does the same whether the NaN comes as a plain number or as a Node.
"""

import math

import pytest
from catalog import BY_NAME, POSITIONS
from failures import assert_names, assert_shows, state
from under_test import call, dark

# Domain errors exist where a value is one float (dark-1): on arrays, log(0) is -inf and
# 1/0 is inf, as IEEE and numpy have it. What an operation does with NaN is part of the
# operation (its own family), except NaN⁰: 1 for IEEE, NaN for dark-1's floats.
pytestmark = pytest.mark.provides("float_domains")

DOMAIN_ERRORS = (ValueError, ZeroDivisionError, OverflowError)

# (operation, arguments, error, the arguments at fault that the message must show)
CASES = [
    ("log", (0.0,), ValueError, (0.0,)),
    ("log", (-0.0,), ValueError, (-0.0,)),
    ("log", (-1.5,), ValueError, (-1.5,)),
    ("log", (-math.inf,), ValueError, (-math.inf,)),
    ("sqrt", (-1.5,), ValueError, (-1.5,)),
    ("sqrt", (-5e-324,), ValueError, (-5e-324,)),
    ("div", (1.5, 0.0), ZeroDivisionError, (0.0,)),
    ("div", (1.5, -0.0), ZeroDivisionError, (-0.0,)),
    ("div", (0.0, 0.0), ZeroDivisionError, (0.0,)),
    ("pow", (0.0, -1.0), ZeroDivisionError, (0.0, -1.0)),
    ("pow", (0.0, -0.5), ZeroDivisionError, (0.0, -0.5)),
    ("pow", (-8.0, 0.5), ValueError, (-8.0, 0.5)),
    ("pow", (-8.0, 1 / 3), ValueError, (-8.0, 1 / 3)),
    ("pow", (-0.5, -2.5), ValueError, (-0.5, -2.5)),
    ("exp", (1000.0,), OverflowError, (1000.0,)),
    ("exp", (709.8,), OverflowError, (709.8,)),
    ("add", (1e308, 1e308), OverflowError, (1e308,)),
    ("sub", (-1e308, 1e308), OverflowError, (1e308,)),
    ("mul", (1e200, -1e200), OverflowError, (1e200,)),
    ("div", (1e300, 1e-300), OverflowError, (1e300, 1e-300)),
    ("pow", (10.0, 400.0), OverflowError, (10.0, 400.0)),
    ("pow", (-10.0, 401.0), OverflowError, (-10.0, 401.0)),
    ("pow", (1e-300, -2.0), OverflowError, (1e-300, -2.0)),
]
CASE_IDS = [f"{name}{arguments}" for name, arguments, *_ in CASES]


def as_parameters(arguments):
    return [dark.Parameter(value) for value in arguments]


def as_intermediate_nodes(arguments):
    return [dark.neg(dark.neg(dark.Parameter(value))) for value in arguments]


@pytest.mark.parametrize(("name", "arguments", "error", "at_fault"), CASES, ids=CASE_IDS)
def test_a_domain_error_names_the_operation_and_shows_the_value(name, arguments, error, at_fault):
    with pytest.raises(error) as raised:
        call(name, *arguments)
    assert_names(str(raised.value), name)
    for value in at_fault:
        assert_shows(str(raised.value), value)


@pytest.mark.parametrize("make_nodes", [as_parameters, as_intermediate_nodes])
@pytest.mark.parametrize(("name", "arguments", "error", "at_fault"), CASES, ids=CASE_IDS)
def test_a_failed_operation_on_nodes_changes_nothing(name, arguments, error, at_fault, make_nodes):
    nodes = make_nodes(arguments)
    everything = nodes + [parent for node in nodes for parent in node.inputs]
    for node in everything:
        node.grad = 0.75  # as an earlier backward() might have left it
    before = state(everything)
    with pytest.raises(error) as raised:
        call(name, *nodes)
    assert state(everything) == before
    assert_names(str(raised.value), name)
    for value in at_fault:
        assert_shows(str(raised.value), value)


def nan_cases():
    """Each operation with NaN in each position, and in all of them, beside ordinary values."""
    for name, position in POSITIONS:
        for other in (-8.0, -1.0, 0.0, 0.5, 2.0):
            arguments = [other] * BY_NAME[name].arity
            arguments[position] = math.nan
            yield graded(name, tuple(arguments), id=f"{name}{tuple(arguments)}")
    for name in ("add", "sub", "mul", "div", "pow", "max", "min"):
        yield graded(name, (math.nan, math.nan), id=f"{name}(nan, nan)")


def graded(name, arguments, id):
    families = [BY_NAME[name].family]
    if name == "pow" and arguments[1] == 0:
        families.insert(0, "float_domains")
    return pytest.param(name, arguments, id=id, marks=pytest.mark.provides(*families))


def outcome(name, arguments):
    """'nan', or the name of the domain error raised."""
    try:
        result = call(name, *arguments)
    except DOMAIN_ERRORS as error:
        return type(error).__name__
    assert math.isnan(result.value), f"{name}{arguments} gave {result.value!r}, not NaN"
    return "nan"


NODE_KINDS = {
    "Constant": lambda value: dark.Constant(value),
    "Node": lambda value: dark.Node(value),
    "Parameter": lambda value: dark.Parameter(value),
    "intermediate node": lambda value: dark.neg(dark.neg(dark.Parameter(value))),
}


@pytest.mark.parametrize(("name", "arguments"), list(nan_cases()))
def test_nan_gives_nan_or_a_domain_error_the_same_for_numbers_and_nodes(name, arguments):
    expected = outcome(name, arguments)
    for kind, make in NODE_KINDS.items():
        nodes = [make(value) for value in arguments]
        assert outcome(name, nodes) == expected, f"as {kind}"
