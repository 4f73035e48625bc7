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


sub = Sub.apply
"""`dark.sub(a, b)`: a - b, as a new Node."""
