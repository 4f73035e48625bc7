"""The logistic sigmoid: 1 / (1 + e^-x)."""

import math

from ..operation import Operation


class Sigmoid(Operation):
    """1 / (1 + e⁻ˣ), finite for every x; its derivative is y(1 - y)."""

    @staticmethod
    def _f(x):
        # Only ever call exp on a non-positive number, so it cannot overflow:
        # for x < 0 use the equal form eˣ / (1 + eˣ).
        if x >= 0.0:
            return 1.0 / (1.0 + math.exp(-x))
        e = math.exp(x)
        return e / (1.0 + e)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * y * (1.0 - y),)


sigmoid = Sigmoid.apply
"""`dark.sigmoid(x)`: the logistic sigmoid of x, as a new Node."""
