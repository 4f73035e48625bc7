"""A leaf you optimise: its gradient adds up until you clear it."""

from .node import Node


class Parameter(Node):
    """A value to learn. `grad` starts at 0.0 and accumulates over `backward()` calls."""

    __slots__ = ()

    def __init__(self, value):
        super().__init__(value)
        self.grad = 0.0
