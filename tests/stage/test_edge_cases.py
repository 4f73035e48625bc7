"""Edge cases the contract fixes, each one pinned by a test of public behaviour.

Every test here kills a mutant of dark-1 that the rest of the suite let live: a slope
at a domain edge, an error class, a check on what `_df` returns, a detail of `repr`.
`make mutants STAGE=dark-1` finds such mutants; out/mutants-report.md lists them.
"""

import math
import re

import pytest
from failures import assert_names, assert_shows
from values import as_number


@pytest.fixture
def dark():
    """The stage under test; conftest.py has imported it before any test runs."""
    import dark

    return dark


def backward_grads(dark, function, *values):
    """Apply `function` to Parameters holding `values`, run backward, return their grads."""
    inputs = [dark.Parameter(value) for value in values]
    function(*inputs).backward()
    return [x.grad for x in inputs]


def constant_operation(dark, result):
    """An operation of one input that returns `result` whatever the input."""

    class Always(dark.Operation):
        @staticmethod
        def _f(x):
            return result

        @staticmethod
        def _df(dldy, y, x):
            return (0.0,)

    return Always


# ## pow and sqrt at 0, where PyTorch's values are the contract


@pytest.mark.provides("mul_pow", "backward")
@pytest.mark.parametrize("n", [0.5, 1.0, 2.0, 3.5])
def test_pow_d_dn_at_base_0_is_0(dark, n):
    # 0ⁿ stays 0 however n moves (n > 0), so the slope in n is 0, not NaN.
    assert backward_grads(dark, dark.pow, 0.0, n)[1] == 0.0


@pytest.mark.provides("mul_pow", "backward")
@pytest.mark.parametrize(
    ("n", "slope"),
    [(0.0, 0.0), (0.25, math.inf), (0.5, math.inf), (1.0, 1.0), (1.5, 0.0), (2.0, 0.0)],
)
def test_pow_d_dx_at_0_follows_pytorch(dark, n, slope):
    # n·0ⁿ⁻¹: 0ⁿ⁻¹ is infinite for n < 1, so the slope is too; n = 0 is a constant.
    assert backward_grads(dark, dark.pow, 0.0, n)[0] == slope


@pytest.mark.provides("operations", "backward")
def test_sqrt_slope_at_0_is_infinite(dark):
    assert backward_grads(dark, dark.sqrt, 0.0) == [math.inf]


@pytest.mark.provides("operations", "backward")
def test_sqrt_slope_at_0_keeps_the_sign_of_the_incoming_gradient(dark):
    x = dark.Parameter(0.0)
    dark.neg(dark.sqrt(x)).backward()
    assert x.grad == -math.inf


@pytest.mark.provides("mul_pow", "backward")
def test_one_to_a_negative_power_is_one(dark):
    # Only a base of 0 makes a negative power undefined.
    base, exponent = dark.Parameter(1.0), dark.Parameter(-2.0)
    y = dark.pow(base, exponent)
    y.backward()
    assert (y.value, base.grad, exponent.grad) == (1.0, -2.0, 0.0)


@pytest.mark.provides("operations")
@pytest.mark.parametrize("divisor", [1.0, -1.0, 0.5, 1e-300])
def test_only_a_divisor_of_0_is_refused(dark, divisor):
    assert dark.div(3.0, divisor).value == 3.0 / divisor


# ## A domain error says why, in words


@pytest.mark.provides("float_domains", "mul_pow", "operations")
@pytest.mark.parametrize(
    ("name", "arguments", "error"),
    [
        ("pow", (0.0, -1.0), ZeroDivisionError),
        ("pow", (-8.0, 0.5), ValueError),
        ("div", (1.0, 0.0), ZeroDivisionError),
        ("log", (-1.0,), ValueError),
        ("sqrt", (-1.0,), ValueError),
    ],
)
def test_a_domain_error_gives_a_reason_besides_the_call(dark, name, arguments, error):
    with pytest.raises(error) as raised:
        getattr(dark, name)(*arguments)
    message = str(raised.value)
    assert "None" not in message, f"the reason is missing: {message!r}"
    # Some word of at least three letters, other than the operation's name.
    assert re.search(r"[A-Za-z]{3,}", message.replace(name, "")), message


# ## What an Operation subclass must write, and what apply does with what it returns


@pytest.mark.provides("custom_operation")
def test_an_operation_without_f_or_df_says_which_one_is_missing(dark):
    class Unfinished(dark.Operation):
        pass

    with pytest.raises(NotImplementedError, match="_f"):
        Unfinished.apply(1.0)

    class NoDerivative(dark.Operation):
        @staticmethod
        def _f(x):
            return 2.0 * x

    y = NoDerivative.apply(dark.Parameter(1.0))
    with pytest.raises(NotImplementedError, match="_df"):
        y.backward()


@pytest.mark.provides("custom_operation", "bad_input")
@pytest.mark.parametrize(
    ("result", "error"), [(1j, TypeError), ("2", TypeError), (10**400, OverflowError)]
)
def test_an_f_result_that_is_no_float_is_an_error_naming_the_operation(dark, result, error):
    unusable = constant_operation(dark, result)
    x = dark.Parameter(1.5)
    with pytest.raises(error) as raised:
        unusable.apply(x)
    assert_names(str(raised.value), "Always")
    assert (x.value, x.grad) == (1.5, 0.0)


@pytest.mark.provides("custom_operation", "backward")
def test_each_of_three_inputs_gets_its_own_partial(dark):
    class Weighted(dark.Operation):
        @staticmethod
        def _f(a, b, c):
            return a + 2.0 * b + 3.0 * c

        @staticmethod
        def _df(dldy, y, a, b, c):
            return dldy, 2.0 * dldy, 3.0 * dldy

    assert backward_grads(dark, Weighted.apply, 1.0, 1.0, 1.0) == [1.0, 2.0, 3.0]


# ## What _df returns is checked against the inputs


def two_input_operation(dark, partials):
    """An operation of two inputs whose `_df` returns `partials` whatever it is given."""

    class Lopsided(dark.Operation):
        @staticmethod
        def _f(a, b):
            return a + b

        @staticmethod
        def _df(dldy, y, a, b):
            return partials

    return Lopsided


@pytest.mark.provides("apply", "custom_operation", "backward")
@pytest.mark.parametrize("partials", [(1.0,), (1.0, 1.0, 1.0)], ids=["too-few", "too-many"])
def test_a_df_with_the_wrong_number_of_partials_is_a_type_error(dark, partials):
    lopsided = two_input_operation(dark, partials)
    a, b = dark.Parameter(1.0), dark.Parameter(2.0)
    y = lopsided.apply(a, b)
    with pytest.raises(TypeError) as raised:
        y.backward()
    message = str(raised.value)
    assert "Lopsided._df" in message
    assert f"{len(partials)} partials for 2 inputs" in message
    # The check comes before any partial is added, so nothing has changed.
    assert (a.grad, b.grad) == (0.0, 0.0)


# ## A non-finite result from finite inputs: which error, and what it says


@pytest.mark.provides("float_domains", "custom_operation")
def test_nan_from_finite_inputs_is_a_value_error(dark):
    always = constant_operation(dark, math.nan)
    with pytest.raises(ValueError) as raised:
        always.apply(1.5)
    assert not isinstance(raised.value, OverflowError)
    assert_names(str(raised.value), "always")
    assert_shows(str(raised.value), 1.5)
    assert "nan" in str(raised.value)


@pytest.mark.provides("float_domains", "custom_operation")
@pytest.mark.parametrize("infinity", [math.inf, -math.inf])
def test_infinity_from_finite_inputs_is_an_overflow_error(dark, infinity):
    always = constant_operation(dark, infinity)
    with pytest.raises(OverflowError) as raised:
        always.apply(1.5)
    assert_names(str(raised.value), "always")
    assert_shows(str(raised.value), 1.5)
    assert repr(infinity) in str(raised.value)


@pytest.mark.provides("bad_input", "custom_operation")
@pytest.mark.parametrize("given", [math.nan, math.inf, -math.inf])
@pytest.mark.parametrize("result", [math.nan, math.inf])
def test_a_non_finite_result_from_a_non_finite_input_is_no_error(dark, given, result):
    y = constant_operation(dark, result).apply(dark.Parameter(given))
    assert y.value == result or (math.isnan(y.value) and math.isnan(result))


# ## repr: what the README and the articles print (a number as the stage shows one)


def shown(x):
    return repr(as_number(x))


@pytest.mark.provides("nodes", "mul_pow")
def test_an_operations_result_repr_names_the_operation(dark):
    assert repr(dark.mul(3, 3)) == f"Node(value={shown(9)}, grad=None, op=Mul)"


@pytest.mark.provides("nodes", "mul_pow", "backward")
def test_repr_after_backward_shows_the_grad(dark):
    x = dark.Parameter(3.0)
    y = dark.mul(x, x)
    y.backward()
    assert repr(y) == f"Node(value={shown(9)}, grad={shown(1)}, op=Mul)"
    assert repr(x) == f"Parameter(value={shown(3)}, grad={shown(6)})"


@pytest.mark.provides("nodes")
def test_a_leaf_repr_has_no_op(dark):
    assert repr(dark.Node(2)) == f"Node(value={shown(2)}, grad=None)"
    assert repr(dark.Constant(-0.5)) == f"Constant(value={shown(-0.5)})"
