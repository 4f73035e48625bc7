"""A copy with only the three kinds of node written: Node, Constant and Parameter."""

import numbers


def to_float(value, owner):
    """`value` as a float; anything but a real number is refused, naming `owner`."""
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except OverflowError:
            raise OverflowError(f"{owner}: {value!r} is too large for a float") from None
    raise TypeError(f"{owner}: expected a real number, got {value!r} ({type(value).__name__})")


class Node:
    def __init__(self, value, op=None, inputs=None):
        self.value = to_float(value, type(self).__name__)
        self.grad = None
        self.op = op
        self.inputs = [] if inputs is None else inputs

    def __repr__(self):
        return f"{type(self).__name__}(value={self.value!r}, grad={self.grad!r})"


class Constant(Node):
    @property
    def grad(self):
        return None

    @grad.setter
    def grad(self, value):
        pass  # a constant has no gradient to keep

    def __repr__(self):
        return f"Constant(value={self.value!r})"


class Parameter(Node):
    def __init__(self, value):
        super().__init__(value)
        self.grad = 0.0
