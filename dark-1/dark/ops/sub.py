"""Subtraction: a - b."""

from ..operation import Operation


class Sub(Operation):
    """a - b; the partials are 1 and -1."""

    @staticmethod
    def _f(a, b):
        return a - b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy, -dldy


def sub(a, b):
    """a - b"""
    return Sub.apply(a, b)
