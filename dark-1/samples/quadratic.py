"""The function both samples study: f(x) = 2x² + 5, its minimum at x = 0."""

import dark


def f(x):
    """2x² + 5 as a dark graph. `x` may be a Parameter or a plain number."""
    return dark.add(dark.mul(2, dark.pow(x, 2)), 5)
