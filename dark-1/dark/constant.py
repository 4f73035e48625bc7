"""A leaf that is never differentiated: numbers you pass to an operation."""

from .node import Node


class Constant(Node):
    """A fixed value. Its `grad` is always None, and assigning to it is ignored."""

    __slots__ = ()

    @property
    def grad(self):
        return None

    @grad.setter
    def grad(self, value):
        pass

    def __repr__(self):
        return f"Constant(value={self.value!r})"
