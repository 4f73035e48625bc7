"""Bad inputs: anything that is not a real number raises TypeError and changes nothing.

The classes tried, each where a value is taken (the three constructors and
every argument of every operation): str, None, complex, list, tuple, dict,
Decimal, a numpy array, a numpy complex scalar and a plain object. Decimal is
not a `numbers.Real` (it refuses to mix with float), so it is refused too. A
real number too large for a float raises OverflowError instead.
"""

from decimal import Decimal
from fractions import Fraction

import dark
import numpy as np
import pytest
from builtin_operations import ARITY, NAMES, POSITIONS, function, operation_class
from failures import assert_names, assert_shows, state

NOT_REAL = [
    pytest.param("1.5", id="str"),
    pytest.param(None, id="None"),
    pytest.param(1 + 2j, id="complex"),
    pytest.param(3 + 0j, id="complex-with-zero-imaginary-part"),
    pytest.param([1.5], id="list"),
    pytest.param((1.5,), id="tuple"),
    pytest.param({"value": 1.5}, id="dict"),
    pytest.param(Decimal("1.5"), id="Decimal"),
    pytest.param(np.array([1.5, 2.5]), id="numpy-array"),
    pytest.param(np.complex128(1 + 2j), id="numpy-complex"),
    pytest.param(object(), id="object"),
]
TOO_LARGE = [
    pytest.param(10**400, id="int"),
    pytest.param(Fraction(10**400, 3), id="Fraction"),
]
CONSTRUCTORS = [dark.Node, dark.Constant, dark.Parameter]


A_NODE = pytest.param(dark.Parameter(1.5), id="a-Node-as-the-value")


def expecting(error_type, values):
    """Each parameter of `values`, paired with the error it must raise."""
    return [pytest.param(value.values[0], error_type, id=value.id) for value in values]


REFUSED = expecting(TypeError, NOT_REAL) + expecting(OverflowError, TOO_LARGE)


@pytest.mark.provides("scalar")
@pytest.mark.parametrize("constructor", CONSTRUCTORS)
@pytest.mark.parametrize(("value", "error_type"), [*REFUSED, *expecting(TypeError, [A_NODE])])
def test_a_constructor_refuses_what_a_float_cannot_hold(constructor, value, error_type):
    with pytest.raises(error_type) as raised:
        constructor(value)
    assert type(raised.value) is error_type
    assert_names(str(raised.value), constructor.__name__)
    assert_shows(str(raised.value), value)


def call_with(name, position, value):
    """Call the operation with `value` at `position` and nodes elsewhere.

    Return the error and the state of every node involved before and after.
    """
    parameter = dark.Parameter(0.5)
    intermediate = dark.mul(parameter, 4.0)
    parameter.grad = intermediate.grad = 0.75  # as an earlier backward() might leave them
    arguments = [intermediate] * ARITY[name]
    arguments[position] = value
    everything = [parameter, intermediate, *intermediate.inputs]
    before = state(everything)
    with pytest.raises(Exception) as raised:
        function(name)(*arguments)
    return raised.value, before, state(everything)


@pytest.mark.provides("operations")
@pytest.mark.parametrize(("value", "error_type"), REFUSED)
@pytest.mark.parametrize(("name", "position"), POSITIONS)
def test_an_operation_refuses_what_a_float_cannot_hold(name, position, value, error_type):
    error, before, after = call_with(name, position, value)
    assert type(error) is error_type
    assert_names(str(error), name)
    assert_shows(str(error), value)
    assert after == before


@pytest.mark.provides("operations")
@pytest.mark.parametrize("name", NAMES)
def test_apply_refuses_what_is_not_a_real_number(name):
    with pytest.raises(TypeError) as raised:
        operation_class(name).apply(*["1.5"] * ARITY[name])
    assert_names(str(raised.value), name)
    assert_shows(str(raised.value), "1.5")
