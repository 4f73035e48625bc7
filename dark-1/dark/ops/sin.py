"""The sine."""

import math

from ..operation import Operation


class Sin(Operation):
    """sin x; its derivative is cos x."""

    @staticmethod
    def _f(x):
        return math.sin(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * math.cos(x),)


sin = Sin.apply
"""`dark.sin(x)`: the sine of x (radians), as a new Node."""
