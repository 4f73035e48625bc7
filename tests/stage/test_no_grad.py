"""no_grad(): no graph inside the block, and recording back on after it."""

import pytest
from under_test import dark, operation_class
from values import is_number

pytestmark = pytest.mark.provides("no_grad")


def assert_recorded(node, operation, inputs):
    assert node.op is operation
    assert node.inputs[: len(inputs)] == inputs


def assert_not_recorded(node):
    assert node.op is None
    assert node.inputs == []


def test_results_inside_the_block_are_leaves_with_the_right_value():
    x = dark.Parameter(2.0)
    with dark.no_grad():
        y = dark.mul(dark.add(x, 1.0), x)
    assert_not_recorded(y)
    assert is_number(y.value), repr(y.value)
    assert y.value == 6.0


def test_backward_from_inside_the_block_reaches_no_parameter():
    x = dark.Parameter(2.0)
    with dark.no_grad():
        y = dark.mul(x, 3.0)
    y.backward()
    assert x.grad == 0.0


def test_recording_resumes_after_the_block():
    x = dark.Parameter(2.0)
    with dark.no_grad():
        pass
    assert_recorded(dark.mul(x, 3.0), operation_class("mul"), [x])


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        # log(-1) is an error only where values are floats (dark-1); arrays give NaN.
        pytest.param(
            lambda: dark.log(-1.0),
            ValueError,
            id="domain-error",
            marks=pytest.mark.provides("no_grad", "float_domains"),
        ),
        pytest.param(lambda: dark.add("1", 2), TypeError, id="type-error"),
        pytest.param(lambda: 1 / 0, ZeroDivisionError, id="error-outside-dark"),
    ],
)
def test_recording_resumes_after_a_block_that_raised(failure, error):
    x = dark.Parameter(2.0)
    with pytest.raises(error), dark.no_grad():
        failure()
    assert_recorded(dark.mul(x, 3.0), operation_class("mul"), [x])


def test_blocks_nest():
    x = dark.Parameter(2.0)
    with dark.no_grad():
        with dark.no_grad():
            assert_not_recorded(dark.neg(x))
        assert_not_recorded(dark.neg(x))
    assert_recorded(dark.neg(x), operation_class("neg"), [x])
