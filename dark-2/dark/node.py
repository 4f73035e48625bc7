"""The three kinds of node: Node, Constant and Parameter."""

import numbers

import numpy as np

from .graph import topological_order

# The dtypes a value is stored in: float32 for speed, float64 for everything else.
FLOAT32 = np.dtype(np.float32)
FLOAT64 = np.dtype(np.float64)
KEPT_DTYPES = (FLOAT32, FLOAT64)
REAL_KINDS = "biuf"  # bool, signed and unsigned int, float: numpy's real dtypes


def describe(value):
    """An array for an error message: dtype, shape, and its first few elements."""
    flat = value.ravel()
    shown = ", ".join(map(str, flat[:6].tolist())) + (", ..." if flat.size > 6 else "")
    return f"{value.dtype} array of shape {value.shape} [{shown}]"


def to_array(value, owner):
    """Return `value` as a float32 or float64 ndarray, or raise TypeError naming `owner`.

    float32 stays float32 (half the memory and twice the speed of float64), and
    float16 becomes float32. Everything else that is real, Python numbers and
    lists included, becomes float64, as a numpy array of it would.
    """
    if isinstance(value, np.ndarray | np.generic):
        array = np.asarray(value)
        if array.dtype.kind not in REAL_KINDS:
            raise TypeError(f"{owner}: expected real numbers, got {describe(array)}")
        if array.dtype in KEPT_DTYPES:
            return array
        # float16 (and a byte-swapped float32) become float32; the rest float64.
        small_float = array.dtype.kind == "f" and array.dtype.itemsize <= 4
        return array.astype(FLOAT32 if small_float else FLOAT64)
    if isinstance(value, numbers.Real):
        try:
            return np.array(float(value))
        except OverflowError:
            raise OverflowError(f"{owner}: {value!r} is too large for a float") from None
    if isinstance(value, list | tuple):
        try:
            array = np.array(value)
        except ValueError:  # numpy 2 refuses ragged lists
            raise TypeError(f"{owner}: {value!r} is not a rectangular array") from None
        # numpy keeps what it cannot type (a Fraction, a huge int) as objects:
        # welcome only if every one of them is a real number.
        if array.dtype.kind in REAL_KINDS or (
            array.dtype.kind == "O" and all(isinstance(x, numbers.Real) for x in array.flat)
        ):
            return array.astype(FLOAT64)
    raise TypeError(
        f"{owner}: expected a real number or array, got {value!r} ({type(value).__name__})"
    )


class Node:
    """A value in the function graph.

    Attributes:
        value (numpy.ndarray): the array this node holds, float32 or float64; 0-d
            for a single number.
        grad (numpy.ndarray | None): d(root)/d(node) after `backward()`, an array of
            the value's shape and dtype; None until then.
        op (type[Operation] | None): the `Operation` subclass that made this node,
            or None for a leaf.
        inputs (list[Node]): the nodes `op` was applied to; empty for a leaf.
        params (dict | None): the keyword parameters `op` was applied with (an
            axis, a shape), kept for the backward pass; None for a leaf.
    """

    # Slots instead of a `__dict__`: a graph has one Node per operation, so
    # every byte here is paid thousands of times.
    __slots__ = ("value", "grad", "op", "inputs", "params")

    def __init__(self, value, op=None, inputs=None, params=None):
        if type(value) is not np.ndarray or value.dtype not in KEPT_DTYPES:
            value = to_array(value, type(self).__name__)
        self.value = value
        self.grad = None
        self.op = op
        self.inputs = [] if inputs is None else inputs
        self.params = params

    @property
    def shape(self):
        return self.value.shape

    @property
    def ndim(self):
        return self.value.ndim

    @property
    def dtype(self):
        return self.value.dtype

    def item(self):
        """The value as a Python float; for a node of one element only."""
        if self.value.size != 1:
            raise ValueError(
                f"item(): {type(self).__name__} of shape {self.shape} has "
                f"{self.value.size} elements, not 1"
            )
        return float(self.value.item())

    def backward(self, grad=None):
        """Fill in d(self)/d(node) for every node this one depends on.

        `grad` is d(root)/d(self), an array of this node's shape; it may be left out
        when this node has one element (the root is then its own slope: ones).

        Nodes are visited in topological order, so a node is differentiated
        only after every consumer has added its share to the node's gradient.
        Each operation runs once, the cost is linear in the size of the graph,
        and a shared node gets the sum over all of its paths.

        Nothing changes if an operation raises on the way: intermediate grads
        are put back, and Parameters receive their share only at the very end.
        """
        seed = self._seed(grad)
        order = topological_order(self)
        # The one rule for the kinds of node: a Parameter keeps adding up until
        # zero_grad(), a Constant has no gradient, and every other node (an
        # operation's result, or a subclass of your own) starts again.
        earlier = []
        for node in order:
            if not isinstance(node, KEEPS_ITS_GRAD):
                earlier.append((node, node.grad))
                node.grad = None
        # Each Parameter's share of this call, handed over at the very end.
        learned = {}
        if not isinstance(self, KEEPS_ITS_GRAD):
            self.grad = seed
        elif isinstance(self, Parameter):  # a Parameter as the root
            learned[self] = seed
        try:
            # One errstate for the whole pass: IEEE results, and no warnings.
            with np.errstate(all="ignore"):
                for node in order:
                    op = node.op
                    if op is None or node.grad is None:
                        continue
                    partials = op.differentiate(node)
                    # A counter rather than zip(): this loop runs once per edge.
                    i = 0
                    for parent in node.inputs:
                        partial = partials[i]
                        i += 1
                        # None: the operation skipped it. A Constant keeps no gradient.
                        if partial is None or isinstance(parent, Constant):
                            continue
                        is_parameter = isinstance(parent, Parameter)
                        total = learned.get(parent) if is_parameter else parent.grad
                        if total is not None:
                            total += partial  # in place: no other node holds this array
                            continue
                        # The first partial becomes the grad, so it must have the input's
                        # shape (only a differentiate of your own can get that wrong).
                        if partial.shape != parent.value.shape:
                            raise ValueError(
                                f"backward: {op.__name__} gives a partial of shape "
                                f"{partial.shape} for an input of shape {parent.value.shape}"
                            )
                        # Each node owns its grad. A partial that _df has just made is
                        # the parent's alone: keeping it saves a copy of the array on
                        # nearly every edge of the graph.
                        dtype = parent.value.dtype
                        if partial.dtype != dtype or not is_new(partial, node, partials):
                            partial = partial.astype(dtype)
                        if is_parameter:
                            learned[parent] = partial
                        else:
                            parent.grad = partial
        except BaseException:
            for node, earlier_grad in earlier:
                node.grad = earlier_grad
            raise
        for parameter, share in learned.items():
            if parameter._grad is None:  # zeros, so the share is the sum: no pass to add it
                parameter._grad = share
            else:
                parameter._grad += share  # in place, into the array the Parameter holds

    def _seed(self, grad):
        """d(self)/d(self) as a new array, checked before anything changes."""
        if grad is None:
            if self.value.size != 1:
                raise ValueError(
                    f"backward(): {type(self).__name__} of shape {self.shape} has "
                    f"{self.value.size} elements; a gradient is needed: backward(grad)"
                )
            return np.ones_like(self.value)
        seed = to_array(grad, "backward()")
        if seed.shape != self.shape:
            raise ValueError(
                f"backward(): the gradient has shape {seed.shape}, but the "
                f"{type(self).__name__} has shape {self.shape}"
            )
        return seed.astype(self.value.dtype)  # a copy: the caller keeps theirs

    def zero_grad(self):
        """Set the gradient of this node and everything it depends on to 0."""
        for node in topological_order(self):
            if isinstance(node, Parameter):
                node.grad = None  # reads as zeros: see Parameter.grad
            elif node.grad is not None:
                node.grad.fill(0)  # in place: no two grads share memory

    def __repr__(self):
        made_by = "" if self.op is None else f", op={self.op.__name__}"
        return f"{type(self).__name__}(value={self.value!r}, grad={self.grad!r}{made_by})"


def is_new(partial, node, partials):
    """Whether `partial` is an array that `node.op._df` has just made for one input.

    Such an array is held by nothing else, so it can become that input's grad as
    it is. Everything else must be copied first: a view of another array (what
    reshape or a reduction's broadcast give back), `dldy` itself (add passes it
    on to both inputs), the output or an input value, or one array given as the
    partial of two inputs.
    """
    if partial.base is not None or partial is node.grad or partial is node.value:
        return False
    for x in node.inputs:
        if partial is x.value:
            return False
    # Loops rather than any() or sum(): this runs once per edge of the graph.
    times = 0
    for other in partials:
        if other is partial:
            times += 1
    return times == 1


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
    """A value to learn, with its own copy of the array it is given.

    `grad` reads as zeros of the value's shape and dtype until a `backward()` call
    adds to it, and accumulates over `backward()` calls until `zero_grad()`.
    """

    # Where the gradient is kept; None stands for zeros (see `grad`).
    __slots__ = ("_grad",)

    def __init__(self, value):
        super().__init__(value)
        # A copy: updating the Parameter must never change the caller's array.
        self.value = self.value.copy()

    @property
    def grad(self):
        # zero_grad() does not write zeros over every weight: it lets go of the
        # array, and the next backward() hands over its share as the gradient,
        # with no pass to add it to zeros. Two passes over every weight saved per
        # training step. Zeros are made only if someone reads them before then.
        if self._grad is None:
            self._grad = np.zeros_like(self.value)
        return self._grad

    @grad.setter
    def grad(self, value):
        self._grad = value


# The kinds of node whose gradient a backward pass does not restart.
KEEPS_ITS_GRAD = (Parameter, Constant)
