"""Division: a / b."""

from ..operation import Operation


class Div(Operation):
    """a / b; raises ZeroDivisionError for b = 0."""

    @staticmethod
    def _f(a, b):
        if b == 0.0:
            raise ZeroDivisionError("division by zero")
        return a / b

    @staticmethod
    def _df(dldy, y, a, b):
        # d(a/b)/db = -a/b² = -y/b, written with y so that a tiny b cannot
        # underflow b² to zero.
        return dldy / b, -dldy * y / b


div = Div.apply
"""`dark.div(a, b)`: a / b, as a new Node."""
