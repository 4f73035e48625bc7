"""Addition: a + b."""

from ..operation import Operation


class Add(Operation):
    """a + b; both partials are 1."""

    @staticmethod
    def _f(a, b):
        return a + b

    @staticmethod
    def _df(dldy, y, a, b):
        # Each input moves the sum one-for-one.
        return dldy, dldy


add = Add.apply
"""`dark.add(a, b)`: a + b, as a new Node."""
