"""The larger of two values."""

import math

from ..operation import Operation


class Max(Operation):
    """The larger of a and b; a tie splits the gradient evenly."""

    @staticmethod
    def _f(a, b):
        # Every comparison with NaN is False, so NaN falls through to the end.
        if a >= b:
            return a
        if b > a:
            return b
        return math.nan

    @staticmethod
    def _df(dldy, y, a, b):
        if a > b:
            return dldy, 0.0
        if b > a:
            return 0.0, dldy
        # A tie: split the gradient evenly, as PyTorch does.
        half = dldy / 2.0
        return half, half


max = Max.apply
"""`dark.max(a, b)`: the larger of a and b, as a new Node."""
