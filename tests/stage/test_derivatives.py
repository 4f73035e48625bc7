"""Derivatives the contract fixes: pow by a Node, the kinks, and the far tails."""

import math

import pytest
from under_test import call, dark

pytestmark = pytest.mark.provides("operations")


@pytest.mark.provides("mul_pow")
@pytest.mark.parametrize(("x", "n"), [(2.0, 3.0), (9.0, 0.5), (0.5, -1.5), (3.0, 0.0)])
def test_pow_by_a_node_has_d_dn_equal_to_x_to_the_n_times_ln_x(x, n):
    base, exponent = dark.Parameter(x), dark.Parameter(n)
    call("pow", base, exponent).backward()
    assert exponent.grad == pytest.approx(x**n * math.log(x), rel=1e-15, abs=0.0)
    assert base.grad == pytest.approx(n * x ** (n - 1), rel=1e-15, abs=0.0)


@pytest.mark.provides("mul_pow")
def test_pow_by_a_computed_node_with_a_constant_base():
    n = dark.Parameter(1.5)
    call("pow", 2, dark.mul(n, 2.0)).backward()  # 2^(2n)
    assert n.grad == pytest.approx(2.0**3.0 * math.log(2.0) * 2.0, rel=1e-15)


@pytest.mark.parametrize("name", ["abs", "relu"])
@pytest.mark.parametrize("zero", [0.0, -0.0])
def test_abs_and_relu_have_slope_0_at_0(name, zero):
    x = dark.Parameter(zero)
    call(name, x).backward()
    assert x.grad == 0.0


@pytest.mark.parametrize(
    ("name", "x", "slope"),
    [("abs", -2.0, -1.0), ("abs", 2.0, 1.0), ("relu", -2.0, 0.0), ("relu", 2.0, 1.0)],
)
def test_abs_and_relu_slopes_away_from_0(name, x, slope):
    parameter = dark.Parameter(x)
    call(name, parameter).backward()
    assert parameter.grad == slope


@pytest.mark.parametrize("name", ["max", "min"])
def test_a_tie_splits_the_gradient_evenly(name):
    a, b = dark.Parameter(3.0), dark.Parameter(3.0)
    dark.mul(call(name, a, b), 4.0).backward()
    assert (a.grad, b.grad) == (2.0, 2.0)


@pytest.mark.parametrize("name", ["max", "min"])
def test_a_tie_with_a_number_gives_the_node_half(name):
    a = dark.Parameter(3.0)
    call(name, a, 3).backward()
    assert a.grad == 0.5


@pytest.mark.parametrize("name", ["max", "min"])
def test_a_tie_of_a_node_with_itself_gives_it_all(name):
    a = dark.Parameter(3.0)
    call(name, a, a).backward()
    assert a.grad == 1.0


@pytest.mark.parametrize(("name", "winner"), [("max", 0), ("min", 1)], ids=["max", "min"])
def test_without_a_tie_the_gradient_goes_to_one_side(name, winner):
    inputs = [dark.Parameter(3.0), dark.Parameter(-1.0)]
    call(name, *inputs).backward()
    assert [x.grad for x in inputs] == [1.0 if i == winner else 0.0 for i in range(2)]


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
@pytest.mark.parametrize("x", [-1000.0, 1000.0, -1e308, 1e308])
def test_sigmoid_and_tanh_gradients_are_0_far_out(name, x):
    parameter = dark.Parameter(x)
    call(name, parameter).backward()
    assert parameter.grad == 0.0
