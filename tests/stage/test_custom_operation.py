"""Extending dark: a user-defined Operation, apply() and differentiate()."""

import math

import pytest
from under_test import dark, operation_class
from values import is_number

pytestmark = pytest.mark.provides("custom_operation")

# The operations below subclass dark.Operation when a test makes them: a copy without
# Operation fails those tests, not the import of this module.


def make_cube():
    class Cube(dark.Operation):
        @staticmethod
        def _f(x):
            return x**3

        @staticmethod
        def _df(dldy, y, x):
            return (dldy * 3.0 * x * x,)

    return Cube


def make_hypot():
    class Hypot(dark.Operation):
        @staticmethod
        def _f(a, b):
            return math.hypot(a, b)

        @staticmethod
        def _df(dldy, y, a, b):
            return dldy * a / y, dldy * b / y

    return Hypot


def make_count_of():
    class CountOf(dark.Operation):
        """An integer-valued operation: its result is still stored as a float number."""

        @staticmethod
        def _f(*x):
            return len(x)

        @staticmethod
        def _df(dldy, y, *x):
            return (0.0,) * len(x)

    return CountOf


def test_apply_builds_the_output_node():
    Cube = make_cube()
    x = dark.Parameter(2.0)
    y = Cube.apply(x)
    assert isinstance(y, dark.Node)
    assert y.value == 8.0
    assert y.op is Cube
    assert y.inputs == [x]


def test_apply_wraps_numbers_as_constants():
    Hypot = make_hypot()
    y = Hypot.apply(3, 4.0)
    assert y.value == 5.0
    assert [type(node) for node in y.inputs] == [dark.Constant, dark.Constant]
    assert [node.value for node in y.inputs] == [3.0, 4.0]


def test_an_integer_result_is_stored_as_a_float_number():
    CountOf = make_count_of()
    y = CountOf.apply(1.0, 2.0, 3.0)
    assert is_number(y.value), repr(y.value)
    assert y.value == 3.0


def test_a_builtin_operation_class_applies_like_its_function():
    pow_class = operation_class("pow")
    x = dark.Parameter(2.0)
    y = pow_class.apply(x, 3)
    assert y.value == 8.0
    assert y.op is pow_class
    assert y.inputs[0] is x
    assert type(y.inputs[1]) is dark.Constant


def test_a_user_operation_composes_with_builtin_ones():
    Cube, Hypot = make_cube(), make_hypot()
    x, w = dark.Parameter(0.5), dark.Parameter(-1.5)
    shared = dark.mul(x, 2.0)
    y = dark.add(Cube.apply(shared), dark.mul(Hypot.apply(shared, w), dark.sin(x)))
    y.backward()
    # y = (2x)³ + hypot(2x, w)·sin x
    r = math.hypot(2 * 0.5, -1.5)
    expected_x = 3 * (2 * 0.5) ** 2 * 2 + (2 * 0.5 / r) * 2 * math.sin(0.5) + r * math.cos(0.5)
    expected_w = (-1.5 / r) * math.sin(0.5)
    assert x.grad == pytest.approx(expected_x, rel=1e-14)
    assert w.grad == pytest.approx(expected_w, rel=1e-14)


def test_differentiate_returns_the_partials_for_the_inputs():
    Cube = make_cube()
    x = dark.Parameter(2.0)
    y = Cube.apply(x)
    root = dark.mul(y, 5.0)
    root.backward()
    assert list(Cube.differentiate(y)) == [5.0 * 3.0 * 4.0]
    assert list(operation_class("mul").differentiate(root)) == [5.0, 8.0]
