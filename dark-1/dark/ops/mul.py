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


def mul(a, b):
    """a · b"""
    return Mul.apply(a, b)


# --8<-- [end:mul]
