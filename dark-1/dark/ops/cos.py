"""The cosine."""

import math

from ..operation import Operation


class Cos(Operation):
    """cos x; its derivative is -sin x."""

    @staticmethod
    def _f(x):
        return math.cos(x)

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy * math.sin(x),)


cos = Cos.apply
"""`dark.cos(x)`: the cosine of x (radians), as a new Node."""
