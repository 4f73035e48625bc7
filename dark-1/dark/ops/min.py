"""The smaller of two values."""

from ..operation import Operation
from .max import Max


class Min(Operation):
    """The smaller of a and b; a tie splits the gradient evenly."""

    # min(a, b) = -max(-a, -b): ties, NaN and gradients follow from Max.
    @staticmethod
    def _f(a, b):
        return -Max._f(-a, -b)

    @staticmethod
    def _df(dldy, y, a, b):
        # The two minus signs of the chain rule cancel.
        return Max._df(dldy, -y, -a, -b)


min = Min.apply
"""`dark.min(a, b)`: the smaller of a and b, as a new Node."""
