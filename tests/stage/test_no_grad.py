"""no_grad(): no graph inside the block, and recording back on after it."""

import dark
import pytest

pytestmark = pytest.mark.provides("no_grad", "operations")


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
    assert type(y.value) is float
    assert y.value == 6.0


@pytest.mark.provides("backward")
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
    assert_recorded(dark.mul(x, 3.0), dark.Mul, [x])


@pytest.mark.parametrize(
    ("failure", "error"),
    [
        (lambda: dark.log(-1.0), ValueError),
        (lambda: dark.add("1", 2), TypeError),
        (lambda: 1 / 0, ZeroDivisionError),
    ],
    ids=["domain-error", "type-error", "error-outside-dark"],
)
def test_recording_resumes_after_a_block_that_raised(failure, error):
    x = dark.Parameter(2.0)
    with pytest.raises(error), dark.no_grad():
        failure()
    assert_recorded(dark.mul(x, 3.0), dark.Mul, [x])


def test_blocks_nest():
    x = dark.Parameter(2.0)
    with dark.no_grad():
        with dark.no_grad():
            assert_not_recorded(dark.neg(x))
        assert_not_recorded(dark.neg(x))
    assert_recorded(dark.neg(x), dark.Neg, [x])
