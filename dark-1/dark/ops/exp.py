"""The exponential: e to the x."""

import math

from ..operation import Operation


class Exp(Operation):
    """eˣ; its derivative is eˣ itself."""

    @staticmethod
    def _f(x):
        # math.exp raises OverflowError past x ≈ 709 and returns 0.0 far below.
        return math.exp(x)

    @staticmethod
    def _df(dldy, y, x):
        # eˣ is its own derivative, and the forward pass already computed it.
        return (dldy * y,)


exp = Exp.apply
"""`dark.exp(x)`: e to the power x, as a new Node."""
