"""The rectifier: max(x, 0)."""

from ..operation import Operation


class Relu(Operation):
    """max(x, 0); its derivative is 1 for x > 0 and 0 otherwise."""

    @staticmethod
    def _f(x):
        # Written so that NaN, for which every comparison is False, stays NaN.
        return 0.0 if x <= 0.0 else x

    @staticmethod
    def _df(dldy, y, x):
        # relu'(0) = 0, as PyTorch chooses.
        return (dldy if x > 0.0 else 0.0,)


relu = Relu.apply
"""`dark.relu(x)`: max(x, 0), as a new Node."""
