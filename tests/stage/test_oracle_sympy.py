"""Oracle 2: symbolic derivatives by sympy, evaluated in 30-digit arithmetic.

The drawn graph is rebuilt as a sympy expression over real symbols, sympy
differentiates it by its own rules, and the derivatives are evaluated at the
drawn point.
"""

import mpmath
import pytest
import sympy
from catalog import references
from gradients import assert_matches, written_graphs
from hypothesis import given, settings

pytestmark = pytest.mark.provides("backward")

SYMBOLIC = references("symbolic")
# sympy writes the derivatives of Max, Min and Abs with Heaviside and sign.
# The drawn points stay off their kinks, so the value at 0 never matters.
STEP_FUNCTIONS = {"Heaviside": lambda x, *at_zero: 1 if x > 0 else 0, "sign": mpmath.sign}
DIGITS = 30


def symbolic_gradient(graph):
    """The root's value and its sympy derivative by each leaf, at the drawn point."""
    symbols = sympy.symbols(f"x0:{len(graph.leaves)}", real=True)
    root = graph.build(SYMBOLIC, symbols, constant=sympy.Rational)[-1]
    derivatives = [sympy.diff(root, symbol) for symbol in symbols]
    evaluate = sympy.lambdify(
        symbols, [root, *derivatives], modules=[STEP_FUNCTIONS, "mpmath"], cse=True
    )
    with mpmath.workdps(DIGITS):
        value, *gradient = evaluate(*[mpmath.mpf(value) for value in graph.leaves])
        return float(value), [float(partial) for partial in gradient]


@settings(max_examples=100)
@given(written_graphs)
def test_gradient_matches_sympy(graph):
    assert_matches(graph, *symbolic_gradient(graph))
