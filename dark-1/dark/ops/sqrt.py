"""The square root."""

import math

from ..operation import Operation


class Sqrt(Operation):
    """√x for x ≥ 0; its derivative is 1/(2√x), infinite at 0."""

    @staticmethod
    def _f(x):
        if x < 0.0:
            raise ValueError("sqrt is defined for x >= 0 only")
        return math.sqrt(x)

    @staticmethod
    def _df(dldy, y, x):
        # 1/(2√x), reusing √x from the forward pass. At x = 0 the slope is
        # infinite; Python would raise, so we say so as PyTorch does.
        if y == 0.0:
            return (dldy * math.inf,)
        return (dldy / (2.0 * y),)


sqrt = Sqrt.apply
"""`dark.sqrt(x)`: the square root of x, as a new Node."""
