"""The hyperbolic tangent."""

import math

from ..operation import Operation


class Tanh(Operation):
    """tanh x, finite for every x; its derivative is 1 - y²."""

    @staticmethod
    def _f(x):
        # math.tanh saturates to ±1 instead of overflowing.
        return math.tanh(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * (1.0 - y * y),)


tanh = Tanh.apply
"""`dark.tanh(x)`: the hyperbolic tangent of x, as a new Node."""
