"""The absolute value."""

import math

from ..operation import Operation


class Abs(Operation):
    """|x|; its derivative is the sign of x, and 0 at x = 0."""

    @staticmethod
    def _f(x):
        # Not the builtin abs(): in this module that name is our function.
        # fabs also turns -0.0 into 0.0, as PyTorch does.
        return math.fabs(x)

    @staticmethod
    def _df(dldy, y, x):
        # The sign of x, and 0 at the kink, as PyTorch does.
        if x > 0.0:
            return (dldy,)
        if x < 0.0:
            return (-dldy,)
        return (0.0 * dldy,)


abs = Abs.apply
"""`dark.abs(x)`: |x|, as a new Node."""
