"""Multiplication: a · b."""

from ..operation import Operation


# --8<-- [start:mul]
class Mul(Operation):
    """a · b; the partials are b and a."""

    @staticmethod
    def _f(a, b):
        return a * b

    @staticmethod
    def _df(dldy, y, a, b):
        # d(ab)/da = b and d(ab)/db = a, each scaled by the incoming gradient.
        return dldy * b, dldy * a


# The function is the class's apply itself: dark.mul(a, b) runs Mul.apply(a, b)
# with no wrapper function, and so no extra Python frame, in between.
mul = Mul.apply
"""`dark.mul(a, b)`: a · b, as a new Node."""


# --8<-- [end:mul]
