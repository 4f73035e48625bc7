"""Negation: -x."""

from ..operation import Operation


class Neg(Operation):
    """-x; its derivative is -1."""

    @staticmethod
    def _f(x):
        return -x

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy,)


neg = Neg.apply
"""`dark.neg(x)`: -x, as a new Node."""
