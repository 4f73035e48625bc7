"""The natural logarithm."""

import math

from ..operation import Operation


class Log(Operation):
    """ln x for x > 0; its derivative is 1/x."""

    @staticmethod
    def _f(x):
        if x <= 0.0:
            raise ValueError("log is defined for x > 0 only")
        return math.log(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy / x,)


log = Log.apply
"""`dark.log(x)`: the natural logarithm of x, as a new Node."""
