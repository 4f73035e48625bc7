"""The graph node: a value, its gradient, and how it was made."""

from .graph import topological_order
from .number import to_float


# --8<-- [start:class]
class Node:
    """A value in the function graph.

    Attributes:
        value: the number this node holds, a Python float.
        grad: d(root)/d(node) after `backward()`; None until then.
        op: the `Operation` subclass that made this node, or None for a leaf.
        inputs: the nodes `op` was applied to; empty for a leaf.
    """

    # Slots instead of a `__dict__`: a graph has one Node per operation, so
    # every byte here is paid thousands of times.
    __slots__ = ("value", "grad", "op", "inputs")

    def __init__(self, value, op=None, inputs=None):
        self.value = value if type(value) is float else to_float(value, type(self).__name__)
        self.grad = None
        self.op = op
        self.inputs = [] if inputs is None else inputs

    # --8<-- [end:class]

    # --8<-- [start:backward]
    def backward(self):
        """Fill in d(self)/d(node) for every node this one depends on.

        Nodes are visited in topological order, so a node is differentiated
        only after every consumer has added its share to the node's gradient.
        Each operation runs once, the cost is linear in the size of the graph,
        and a shared node gets the sum over all of its paths.
        """
        order = topological_order(self)
        for node in order:
            # A plain Node's gradient belongs to this call: start from zero.
            # A Parameter keeps adding up until zero_grad(); a Constant has none.
            if type(node) is Node:
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

    # --8<-- [end:backward]

    # --8<-- [start:zero_grad]
    def zero_grad(self):
        """Set the gradient of this node and everything it depends on to 0."""
        for node in topological_order(self):
            if node.grad is not None:
                node.grad = 0.0

    # --8<-- [end:zero_grad]

    def __repr__(self):
        made_by = "" if self.op is None else f", op={self.op.__name__}"
        return f"{type(self).__name__}(value={self.value!r}, grad={self.grad!r}{made_by})"
