"""Nodes: Node, Constant and Parameter, their values, gradients and repr."""

import math
from fractions import Fraction

import numpy as np
import pytest
from under_test import dark
from values import as_number, is_number

pytestmark = pytest.mark.provides("nodes")

LEAVES = ["Node", "Constant", "Parameter"]


class FloatSubclass(float):
    pass


# Every kind of real number a user may hand over (numbers.Real), and the float it means.
REAL_NUMBERS = [
    pytest.param(3, 3.0, id="int"),
    pytest.param(-(2**60), -(2.0**60), id="large-int"),
    pytest.param(True, 1.0, id="bool"),
    pytest.param(Fraction(1, 3), 1 / 3, id="Fraction"),
    pytest.param(np.float64(2.5), 2.5, id="numpy-float64"),
    pytest.param(np.float32(0.1), float(np.float32(0.1)), id="numpy-float32"),
    pytest.param(np.float16(-1.5), -1.5, id="numpy-float16"),
    pytest.param(np.int64(-7), -7.0, id="numpy-int64"),
    pytest.param(np.uint8(200), 200.0, id="numpy-uint8"),
    pytest.param(FloatSubclass(4.5), 4.5, id="float-subclass"),
    pytest.param(-0.0, -0.0, id="negative-zero"),
    pytest.param(5e-324, 5e-324, id="subnormal"),
    pytest.param(math.inf, math.inf, id="infinity"),
]


@pytest.mark.parametrize("leaf", LEAVES)
@pytest.mark.parametrize(("number", "expected"), REAL_NUMBERS)
def test_a_real_number_is_stored_as_one_number(leaf, number, expected):
    node = getattr(dark, leaf)(number)
    assert is_number(node.value), repr(node.value)
    assert node.value == expected
    assert math.copysign(1.0, node.value) == math.copysign(1.0, expected)


@pytest.mark.parametrize("leaf", LEAVES)
def test_nan_is_a_real_number(leaf):
    node = getattr(dark, leaf)(math.nan)
    assert is_number(node.value), repr(node.value)
    assert math.isnan(node.value)


@pytest.mark.parametrize("leaf", LEAVES)
def test_a_leaf_has_no_operation_and_no_inputs(leaf):
    node = getattr(dark, leaf)(1.5)
    assert node.op is None
    assert node.inputs == []
    assert isinstance(node.inputs, list)


def test_constant_and_parameter_are_nodes():
    assert issubclass(dark.Constant, dark.Node)
    assert issubclass(dark.Parameter, dark.Node)


def test_a_constant_grad_is_none_and_assigning_it_is_ignored():
    constant = dark.Constant(2.0)
    assert constant.grad is None
    constant.grad = 5.0
    assert constant.grad is None


def test_a_parameter_grad_starts_at_zero():
    parameter = dark.Parameter(2.0)
    assert parameter.grad == 0.0
    assert is_number(parameter.grad), repr(parameter.grad)


@pytest.mark.parametrize("leaf", LEAVES)
def test_repr_and_str_name_the_class_and_show_the_current_value(leaf):
    node = getattr(dark, leaf)(1.5)
    node.value = -2.25
    for text in (repr(node), str(node)):
        assert text.startswith(f"{leaf}(")
        assert "-2.25" in text
        assert "1.5" not in text


def test_a_parameter_repr_shows_value_and_grad():
    zero = as_number(0.0)
    assert repr(dark.Parameter(0)) == f"Parameter(value={zero!r}, grad={zero!r})"
