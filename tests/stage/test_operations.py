"""Operations: what each function returns, its value, its edge values and its partials.

Each test of one operation is graded under that operation's family (catalog.py):
mul and pow under mul_pow, the rest under operations. What every function returns
(a new Node, the op, the inputs, Constants for numbers) is graded under apply.
"""

import math
import sys
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from catalog import BY_NAME, NAMES, POSITIONS
from hypothesis import example, given, settings
from hypothesis import strategies as st
from under_test import call, dark
from values import is_number

pytestmark = pytest.mark.provides("apply")


def graded(name, *values, id=None):
    """pytest.param(name, *values), graded under the family of operation `name`."""
    return pytest.param(name, *values, id=id, marks=pytest.mark.provides(BY_NAME[name].family))


# Each function at ordinary points, against Python's math module.
VALUES = [
    ("add", (2.5, -4.0), -1.5),
    ("sub", (2.5, -4.0), 6.5),
    ("mul", (2.5, -4.0), -10.0),
    ("div", (2.5, -4.0), -0.625),
    ("pow", (2.5, 2.0), 6.25),
    ("pow", (4.0, 0.5), 2.0),
    ("pow", (2.0, -3.0), 0.125),
    ("max", (2.5, -4.0), 2.5),
    ("max", (-4.0, 2.5), 2.5),
    ("min", (2.5, -4.0), -4.0),
    ("min", (-4.0, 2.5), -4.0),
    ("neg", (2.5,), -2.5),
    ("exp", (1.5,), math.exp(1.5)),
    ("log", (1.5,), math.log(1.5)),
    ("sqrt", (2.0,), math.sqrt(2.0)),
    ("abs", (-2.5,), 2.5),
    ("abs", (2.5,), 2.5),
    ("tanh", (0.75,), math.tanh(0.75)),
    ("sigmoid", (0.75,), 1.0 / (1.0 + math.exp(-0.75))),
    ("sigmoid", (-0.75,), 1.0 / (1.0 + math.exp(0.75))),
    ("relu", (-2.5,), 0.0),
    ("relu", (2.5,), 2.5),
    ("sin", (0.75,), math.sin(0.75)),
    ("cos", (0.75,), math.cos(0.75)),
]

# Values at the edge of each domain, still inside it.
EDGE_VALUES = [
    ("sqrt", (0,), 0.0),
    ("pow", (0, 0), 1.0),
    ("pow", (0, 2), 0.0),
    ("pow", (0, 0.5), 0.0),
    ("pow", (-8, 3), -512.0),
    ("pow", (-8, -1), -0.125),
    ("pow", (-8, 0), 1.0),
    ("pow", (-8.0, 2.0), 64.0),
    ("exp", (-1000,), 0.0),
    ("log", (1e-300,), math.log(1e-300)),
    ("log", (5e-324,), math.log(5e-324)),
    ("div", (0, 5e-324), 0.0),
    ("sigmoid", (-1000,), 0.0),
    ("sigmoid", (1000,), 1.0),
    ("tanh", (-1000,), -1.0),
    ("tanh", (1000,), 1.0),
]


@pytest.mark.parametrize(
    ("name", "arguments", "expected"),
    [graded(*case, id=f"{case[0]}{case[1]}") for case in VALUES + EDGE_VALUES],
)
def test_value(name, arguments, expected):
    result = call(name, *arguments)
    assert is_number(result.value), f"dark.{name}{arguments}.value is {result.value!r}"
    assert result.value == pytest.approx(expected, rel=1e-15, abs=0.0), (
        f"dark.{name}{arguments}.value is {result.value!r}, not {expected!r}"
    )


@pytest.mark.parametrize("name", NAMES)
def test_the_result_is_a_new_node_made_by_the_operation_class(name):
    inputs = [dark.Parameter(0.5) for _ in range(BY_NAME[name].arity)]
    result = call(name, *inputs)
    assert isinstance(result, dark.Node)
    assert not any(result is node for node in inputs)
    # The class is dark's, under its own name, and its own apply gives the same result.
    assert getattr(dark, result.op.__name__) is result.op
    assert issubclass(result.op, dark.Operation)
    assert result.op.apply(*inputs).value == result.value
    assert isinstance(result.inputs, list)
    assert len(result.inputs) == len(inputs)
    assert all(given is node for given, node in zip(inputs, result.inputs, strict=True))


@pytest.mark.parametrize(("name", "position"), POSITIONS)
def test_a_plain_number_is_wrapped_as_a_constant(name, position):
    inputs = [dark.Parameter(0.5) for _ in range(BY_NAME[name].arity)]
    inputs[position] = 2
    result = call(name, *inputs)
    wrapped = result.inputs[position]
    assert type(wrapped) is dark.Constant
    assert is_number(wrapped.value), repr(wrapped.value)
    assert wrapped.value == 2.0
    for i, node in enumerate(inputs):
        if i != position:
            assert result.inputs[i] is node


def test_given_nodes_are_kept_as_they_are():
    constant, node, parameter = dark.Constant(1.0), dark.Node(2.0), dark.Parameter(3.0)
    assert dark.add(constant, node).inputs[0] is constant
    assert dark.add(constant, node).inputs[1] is node
    assert dark.mul(parameter, parameter).inputs == [parameter, parameter]


@pytest.mark.parametrize(
    "number", [3, True, Fraction(1, 4), np.float32(0.5), np.int64(3)], ids=repr
)
def test_every_real_number_type_gives_number_values(number):
    result = dark.add(number, number)
    assert is_number(result.value), repr(result.value)
    assert all(is_number(node.value) for node in result.inputs)
    assert result.value == 2 * float(number)


EXACT_SQUASHES = {
    "sigmoid": lambda x: 1 / (1 + mpmath.exp(-x)),
    "tanh": mpmath.tanh,
}


@pytest.mark.parametrize("name", [graded(name) for name in EXACT_SQUASHES])
@settings(max_examples=300)
@given(st.floats(allow_nan=False, allow_infinity=False))
@example(-1000.0)
@example(-746.0)
@example(-710.0)
@example(710.0)
@example(-sys.float_info.max)
@example(sys.float_info.max)
def test_sigmoid_and_tanh_are_finite_and_accurate_for_every_finite_input(name, x):
    with mpmath.workdps(40):
        expected = float(EXACT_SQUASHES[name](mpmath.mpf(x)))
    value = call(name, x).value
    assert math.isfinite(value)
    # Far out, the true value is below the smallest float; allow for that.
    assert math.isclose(value, expected, rel_tol=1e-14, abs_tol=1e-300)
