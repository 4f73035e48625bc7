"""Every built-in operation, described once: the one table the harness derives the rest from.

A row gives the operation's dark name, its number of inputs, the rule family that grades
it, how a random graph keeps its inputs in the domain, points where it is smooth, and
its reference in each oracle: plain floats (to screen drawn graphs), mpmath (finite
differences), sympy (symbolic derivatives) and torch (autograd). The torch reference is
a function of the torch module, so nothing here imports torch.

The class of an operation is never spelled here: it is read from the `op` of a node the
operation made, so a `ReLU` or a `MatMul` needs no rule about capital letters.
"""

import math
import operator
from dataclasses import dataclass

import mpmath
import sympy
from hypothesis import strategies as st

# Where a random graph may feed an operation anything ("any"), or must give it a
# positive input first ("positive": log, sqrt; "divisor": div's second input; "power": pow).
GRAPH_INPUTS = ("any", "positive", "divisor", "power")


@dataclass(frozen=True)
class Row:
    name: str
    arity: int
    family: str
    graph_inputs: str
    # Input points where the operation is smooth, well away from kinks and domain edges.
    smooth_points: st.SearchStrategy
    plain: object
    exact: object
    symbolic: object
    torch: object
    # Piecewise linear: exact at small integers, kinks included (the torch kink oracle).
    piecewise_linear: bool = False


def floats(low, high):
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def points(*coordinates):
    return st.tuples(*coordinates)


def away_from_zero(limit):
    """Floats in [-limit, -0.01] or [0.01, limit]: off the kink at 0."""
    return floats(0.01, limit).flatmap(lambda x: st.sampled_from((x, -x)))


def apart(limit):
    """Two floats at least 0.01 apart: off the tie of max and min."""
    return points(floats(-limit, limit), away_from_zero(limit)).map(lambda p: (p[0], p[0] + p[1]))


ANY = floats(-3.0, 3.0)
POSITIVE = floats(0.1, 5.0)


def plain_sigmoid(x):
    return 0.5 + 0.5 * math.tanh(x / 2.0)


def exact_sigmoid(x):
    return 1 / (1 + mpmath.exp(-x))


def symbolic_sigmoid(x):
    return 1 / (1 + sympy.exp(-x))


OPERATIONS = (
    Row(
        "mul", 2, "mul_pow", "any", points(ANY, ANY),
        operator.mul, operator.mul, operator.mul, lambda torch: operator.mul,
        piecewise_linear=True,
    ),
    Row(
        "pow", 2, "mul_pow", "power", points(POSITIVE, floats(-2.5, 2.5)),
        operator.pow, operator.pow, operator.pow, lambda torch: operator.pow,
    ),
    Row(
        "add", 2, "operations", "any", points(ANY, ANY),
        operator.add, operator.add, operator.add, lambda torch: operator.add,
        piecewise_linear=True,
    ),
    Row(
        "sub", 2, "operations", "any", points(ANY, ANY),
        operator.sub, operator.sub, operator.sub, lambda torch: operator.sub,
        piecewise_linear=True,
    ),
    Row(
        "div", 2, "operations", "divisor", points(ANY, away_from_zero(3.0)),
        operator.truediv, operator.truediv, operator.truediv, lambda torch: operator.truediv,
    ),
    # torch's own maximum and minimum: Python's max() would pick one tensor on a
    # tie instead of splitting the gradient.
    Row(
        "max", 2, "operations", "any", apart(3.0),
        max, max, sympy.Max, lambda torch: torch.maximum,
        piecewise_linear=True,
    ),
    Row(
        "min", 2, "operations", "any", apart(3.0),
        min, min, sympy.Min, lambda torch: torch.minimum,
        piecewise_linear=True,
    ),
    Row(
        "neg", 1, "operations", "any", points(ANY),
        operator.neg, operator.neg, operator.neg, lambda torch: operator.neg,
        piecewise_linear=True,
    ),
    Row(
        "exp", 1, "operations", "any", points(ANY),
        math.exp, mpmath.exp, sympy.exp, lambda torch: torch.exp,
    ),
    Row(
        "log", 1, "operations", "positive", points(POSITIVE),
        math.log, mpmath.log, sympy.log, lambda torch: torch.log,
    ),
    Row(
        "sqrt", 1, "operations", "positive", points(POSITIVE),
        math.sqrt, mpmath.sqrt, sympy.sqrt, lambda torch: torch.sqrt,
    ),
    Row(
        "abs", 1, "operations", "any", points(away_from_zero(3.0)),
        abs, abs, sympy.Abs, lambda torch: torch.abs,
        piecewise_linear=True,
    ),
    Row(
        "relu", 1, "operations", "any", points(away_from_zero(3.0)),
        lambda x: max(x, 0.0), lambda x: max(x, 0), lambda x: sympy.Max(x, 0),
        lambda torch: torch.relu,
        piecewise_linear=True,
    ),
    Row(
        "sigmoid", 1, "operations", "any", points(ANY),
        plain_sigmoid, exact_sigmoid, symbolic_sigmoid, lambda torch: torch.sigmoid,
    ),
    Row(
        "tanh", 1, "operations", "any", points(ANY),
        math.tanh, mpmath.tanh, sympy.tanh, lambda torch: torch.tanh,
    ),
    Row(
        "sin", 1, "operations", "any", points(ANY),
        math.sin, mpmath.sin, sympy.sin, lambda torch: torch.sin,
    ),
    Row(
        "cos", 1, "operations", "any", points(ANY),
        math.cos, mpmath.cos, sympy.cos, lambda torch: torch.cos,
    ),
)  # fmt: skip

BY_NAME = {row.name: row for row in OPERATIONS}
NAMES = tuple(BY_NAME)
# Every (operation, argument position), for tests that go through each one.
POSITIONS = [(row.name, position) for row in OPERATIONS for position in range(row.arity)]
PIECEWISE_LINEAR = tuple(row.name for row in OPERATIONS if row.piecewise_linear)

assert all(row.graph_inputs in GRAPH_INPUTS for row in OPERATIONS)


def references(oracle):
    """{name: this oracle's function} for every operation; `oracle` is a Row field name."""
    return {row.name: getattr(row, oracle) for row in OPERATIONS}
