"""The three kinds of node: Node, Constant and Parameter."""

import numbers

from .graph import topological_order


def to_float(value, owner):
    """Return `value` as a Python float, or raise TypeError naming `owner`.

    Every real number is welcome (int, bool, Fraction, numpy scalars); storing
    them all as `float` keeps arithmetic on the graph uniform and fast.
    """
    if type(value) is float:
        return value
    if isinstance(value, numbers.Real):
        try:
            return float(value)
        except OverflowError:
            raise OverflowError(f"{owner}: {value!r} is too large for a float") from None
    raise TypeError(f"{owner}: expected a real number, got {value!r} ({type(value).__name__})")


class Node:
    """A value in the function graph.

    Attributes:
        value (float): the number this node holds.
        grad (float | None): d(root)/d(node) after `backward()`; None until then.
        op (type[Operation] | None): the `Operation` subclass that made this node,
            or None for a leaf.
        inputs (list[Node]): the nodes `op` was applied to; empty for a leaf.
    """

    # Slots instead of a `__dict__`: a graph has one Node per operation, so
    # every byte here is paid thousands of times.
    __slots__ = ("value", "grad", "op", "inputs")

    def __init__(self, value, op=None, inputs=None):
        self.value = value if type(value) is float else to_float(value, type(self).__name__)
        self.grad = None
        self.op = op
        self.inputs = [] if inputs is None else inputs

    def backward(self):
        """Fill in d(self)/d(node) for every node this one depends on.

        Nodes are visited in topological order, so a node is differentiated
        only after every consumer has added its share to the node's gradient.
        Each operation runs once, the cost is linear in the size of the graph,
        and a shared node gets the sum over all of its paths.
        """
        order = topological_order(self)
        # The one rule for the kinds of node: a Parameter keeps adding up until
        # zero_grad(), a Constant has no gradient, and every other node (an
        # operation's result, or a subclass of your own) starts again from 0.
        for node in order:
            if not isinstance(node, KEEPS_ITS_GRAD):
                node.grad = 0.0
        if self.grad is not None:
            self.grad += 1.0
        for node in order:
            op = node.op
            if op is None:
                continue
            partials = op.differentiate(node)
            # A counter rather than zip(): this loop runs once per edge, and
            # zip() would cost an object per node and a tuple per edge.
            i = 0
            for parent in node.inputs:
                if parent.grad is not None:  # a Constant's is always None
                    parent.grad += partials[i]
                i += 1

    def zero_grad(self):
        """Set the gradient of this node and everything it depends on to 0."""
        for node in topological_order(self):
            if node.grad is not None:
                node.grad = 0.0

    def __repr__(self):
        made_by = "" if self.op is None else f", op={self.op.__name__}"
        return f"{type(self).__name__}(value={self.value!r}, grad={self.grad!r}{made_by})"


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


class Parameter(Node):
    """A value to learn. `grad` starts at 0.0 and accumulates over `backward()` calls."""

    __slots__ = ()

    def __init__(self, value):
        super().__init__(value)
        self.grad = 0.0


# The kinds of node whose gradient a backward pass does not restart.
KEEPS_ITS_GRAD = (Parameter, Constant)
