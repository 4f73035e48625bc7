"""The base of every operation: a forward `_f` and a backward `_df`."""

from math import isfinite

from .grad_mode import GraphRecording
from .node import Constant, Node, to_float


class Operation:
    """A differentiable function. Subclasses write two static methods.

    `_f(*x)` returns the value for input values `x`.
    `_df(dldy, y, *x)` returns one partial per input: d(root)/d(x_i), given
    the incoming gradient `dldy`, the output value `y` and the inputs `x`.
    """

    @staticmethod
    def _f(*x):
        """Return the value of the operation at the input values `x` (floats).

        Its parameters are the function's: `Mul._f(a, b)` makes `mul(a, b)`.
        """
        raise NotImplementedError("an Operation subclass must define _f(*x)")

    @staticmethod
    def _df(dldy, y, *x):
        """Return a tuple of one partial per input: `dldy` times dy/dx_i.

        `dldy` is d(root)/d(y), the gradient that reached the output; `y` is the
        value `_f` returned, so a derivative can reuse it (exp's is `dldy * y`).
        """
        raise NotImplementedError("an Operation subclass must define _df(dldy, y, *x)")

    @classmethod
    def apply(cls, *inputs):
        """Compute the operation on Nodes or numbers and return the output Node."""
        inputs = list(inputs)
        values = []
        for x in inputs:
            if not isinstance(x, Node):
                # Wrap the plain numbers as Constants and start again with Nodes only.
                return cls.apply(*cls._as_nodes(inputs))
            values.append(x.value)
        try:
            y = cls._f(*values)
        except OverflowError:
            raise OverflowError(
                f"{cls._call_text(values)}: the result is too large for a float"
            ) from None
        except (ArithmeticError, ValueError) as error:
            raise type(error)(f"{cls._call_text(values)}: {error}") from None
        if type(y) is not float:
            y = to_float(y, cls.__name__)
        if not isfinite(y):
            cls._check_not_finite(y, values)
        if GraphRecording.enabled:
            return Node(y, cls, inputs)
        return Node(y)

    @classmethod
    def _as_nodes(cls, inputs):
        # A plain number becomes a Constant, so that every input is a Node.
        name = cls.__name__.lower()
        return [x if isinstance(x, Node) else Constant(to_float(x, name)) for x in inputs]

    @classmethod
    def differentiate(cls, node):
        """Return d(root)/d(input) for each of `node`'s inputs, given `node.grad`."""
        values = []
        for x in node.inputs:
            values.append(x.value)
        partials = cls._df(node.grad, node.value, *values)
        if len(partials) != len(values):
            raise TypeError(
                f"{cls.__name__}._df returned {len(partials)} partials for {len(values)} inputs"
            )
        return partials

    @classmethod
    def _check_not_finite(cls, y, values):
        # NaN or infinity in, NaN or infinity out is fine. From finite inputs,
        # a non-finite result means the true value does not fit in a float.
        if all(isfinite(x) for x in values):
            error = OverflowError if y == y else ValueError
            raise error(f"{cls._call_text(values)}: the result {y!r} is not a finite number")

    @classmethod
    def _call_text(cls, values):
        return f"{cls.__name__.lower()}({', '.join(map(repr, values))})"
