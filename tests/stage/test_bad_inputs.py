"""Bad inputs: anything that is not a real number raises TypeError and changes nothing.

The classes tried, each where a value is taken (the three constructors and
every argument of every operation): str, None, complex, dict, Decimal, a numpy
complex scalar and a plain object. Decimal is not a `numbers.Real` (it refuses to
mix with float), so it is refused too. A real number too large for a float raises
OverflowError instead. Where a value is one float (family scalar_values), a list, a
tuple and a numpy array are refused as well; where values are arrays, they are welcome.
"""

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from catalog import BY_NAME, NAMES, POSITIONS
from failures import assert_names, assert_shows, state
from under_test import call, dark, is_unwritten, operation_class

pytestmark = pytest.mark.provides("bad_input")

NOT_REAL = [
    pytest.param("1.5", id="str"),
    pytest.param(None, id="None"),
    pytest.param(1 + 2j, id="complex"),
    pytest.param(3 + 0j, id="complex-with-zero-imaginary-part"),
    pytest.param({"value": 1.5}, id="dict"),
    pytest.param(Decimal("1.5"), id="Decimal"),
    pytest.param(np.complex128(1 + 2j), id="numpy-complex"),
    pytest.param(object(), id="object"),
    *[
        pytest.param(value, id=id, marks=pytest.mark.provides("scalar_values"))
        for value, id in [([1.5], "list"), ((1.5,), "tuple"), (np.array([1.5, 2.5]), "numpy-array")]
    ],
]
TOO_LARGE = [
    pytest.param(10**400, id="int"),
    pytest.param(Fraction(10**400, 3), id="Fraction"),
]
CONSTRUCTORS = ["Node", "Constant", "Parameter"]


class ANode:
    """Stands for a Parameter given as the value; made when the test runs."""


A_NODE = pytest.param(ANode, id="a-Node-as-the-value")


def expecting(error_type, values):
    """Each parameter of `values`, paired with the error it must raise."""
    return [
        pytest.param(value.values[0], error_type, id=value.id, marks=value.marks)
        for value in values
    ]


REFUSED = expecting(TypeError, NOT_REAL) + expecting(OverflowError, TOO_LARGE)


@pytest.mark.parametrize("constructor", CONSTRUCTORS)
@pytest.mark.parametrize(("value", "error_type"), [*REFUSED, *expecting(TypeError, [A_NODE])])
def test_a_constructor_refuses_what_a_float_cannot_hold(constructor, value, error_type):
    if value is ANode:
        value = dark.Parameter(1.5)
    with pytest.raises(error_type) as raised:
        getattr(dark, constructor)(value)
    assert type(raised.value) is error_type
    assert_names(str(raised.value), constructor)
    assert_shows(str(raised.value), value)


def call_with(name, position, value):
    """Call the operation with `value` at `position` and nodes elsewhere.

    Return the error and the state of every node involved before and after.
    """
    parameter = dark.Parameter(0.5)
    intermediate = dark.mul(parameter, 4.0)
    parameter.grad = intermediate.grad = 0.75  # as an earlier backward() might leave them
    arguments = [intermediate] * BY_NAME[name].arity
    arguments[position] = value
    everything = [parameter, intermediate, *intermediate.inputs]
    before = state(everything)
    with pytest.raises(Exception) as raised:
        call(name, *arguments)
    if is_unwritten(raised.value):
        raise raised.value  # not a refusal: the operation is not written yet
    return raised.value, before, state(everything)


@pytest.mark.parametrize(("value", "error_type"), REFUSED)
@pytest.mark.parametrize(("name", "position"), POSITIONS)
def test_an_operation_refuses_what_a_float_cannot_hold(name, position, value, error_type):
    error, before, after = call_with(name, position, value)
    assert type(error) is error_type
    assert_names(str(error), name)
    assert_shows(str(error), value)
    assert after == before


@pytest.mark.parametrize("name", NAMES)
def test_apply_refuses_what_is_not_a_real_number(name):
    apply = operation_class(name).apply
    with pytest.raises(TypeError) as raised:
        apply(*["1.5"] * BY_NAME[name].arity)
    assert_names(str(raised.value), name)
    assert_shows(str(raised.value), "1.5")
