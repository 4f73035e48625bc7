"""Negation: -x."""

from ..operation import Operation


class Neg(Operation):
    @staticmethod
    def _f(x):
        return -x

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy,)


def neg(x):
    """-x"""
    return Neg.apply(x)
