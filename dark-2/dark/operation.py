"""The base of every operation: a forward `_f` and a backward `_df`."""

import re
from functools import cache

import numpy as np

from .grad_mode import AnomalyDetection, GraphRecording
from .node import FLOAT64, KEPT_DTYPES, Constant, Node, describe, to_array


class Operation:
    """A differentiable function. Subclasses write two static methods.

    `_f(*x, **params)` returns the value for input arrays `x`.
    `_df(dldy, y, *x, **params)` returns one partial per input: d(root)/d(x_i), given
    the incoming gradient `dldy`, the output value `y` and the inputs `x`.
    `params` are the keyword arguments given to `apply` (an axis, a shape), kept
    on the output node for the backward pass.

    A partial may come back in the broadcast shape of `y`: `differentiate` sums it
    to its input's shape, so no operation has to undo broadcasting itself.

    An operation whose partials are costly sets `skips_constants = True`: its `_df`
    then also receives `needs`, one bool per input, and returns None for an input
    that needs no gradient (a Constant, such as the batch of inputs to a model).
    """

    skips_constants = False

    @staticmethod
    def _f(*x, **params):
        raise NotImplementedError("an Operation subclass must define _f(*x)")

    @staticmethod
    def _df(dldy, y, *x, **params):
        raise NotImplementedError("an Operation subclass must define _df(dldy, y, *x)")

    @classmethod
    def apply(cls, *inputs, **params):
        """Compute the operation on Nodes, arrays or numbers and return the output Node."""
        values = []
        for x in inputs:
            if not isinstance(x, Node):
                # Wrap the arrays and numbers as Constants and start again with Nodes only.
                return cls.apply(*cls._as_nodes(inputs), **params)
            values.append(x.value)
        try:
            y = quietly(cls._f, *values, **params)
        except (ArithmeticError, ValueError, TypeError, IndexError) as error:
            raise cls._error(error, values, params) from None
        if type(y) is not np.ndarray or y.dtype not in KEPT_DTYPES:
            y = to_array(y, function_name(cls))  # numpy reductions return scalars, not arrays
        if AnomalyDetection.enabled:
            cls._check_value(y, values, params)
        if GraphRecording.enabled:
            return Node(y, cls, list(inputs), params)
        return Node(y)

    @classmethod
    def _as_nodes(cls, inputs):
        # A numpy array or scalar keeps its dtype and promotes as numpy says. A
        # Python number or list takes the dtype of the Node inputs, as numpy treats
        # a Python number (NEP 50): mul(x32, 2.5) stays float32, not float64.
        dtypes = [x.value.dtype for x in inputs if isinstance(x, Node)]
        weak = np.result_type(*dtypes) if dtypes else FLOAT64
        name = function_name(cls)
        nodes = []
        for x in inputs:
            if isinstance(x, Node):
                nodes.append(x)
            elif isinstance(x, np.ndarray | np.generic):
                nodes.append(Constant(to_array(x, name)))
            else:
                with np.errstate(all="ignore"):  # 1e300 in float32 is inf, as in numpy
                    nodes.append(Constant(to_array(x, name).astype(weak, copy=False)))
        return nodes

    @classmethod
    def differentiate(cls, node):
        """Return d(root)/d(input) for each of `node`'s inputs, given `node.grad`.

        Each partial comes back in its input's shape (None if it was skipped).
        """
        inputs = node.inputs
        values = [x.value for x in inputs]
        params = node.params or {}
        if cls.skips_constants:
            params = {**params, "needs": [not isinstance(x, Constant) for x in inputs]}
        partials = cls._df(node.grad, node.value, *values, **params)
        if len(partials) != len(values):
            raise TypeError(
                f"{cls.__name__}._df returned {len(partials)} partials for {len(values)} inputs"
            )
        fitted = []
        for i, partial in enumerate(partials):
            shape = values[i].shape
            if partial is not None and (type(partial) is not np.ndarray or partial.shape != shape):
                partial = cls._sum_to_shape(np.asarray(partial), shape, i)
            fitted.append(partial)
        if AnomalyDetection.enabled:
            cls._check_partials(node, values, fitted)
        return fitted

    @classmethod
    def _sum_to_shape(cls, partial, shape, i):
        """Undo broadcasting: sum `partial` over the axes it added or stretched.

        This is the one place that unbroadcasts, for every operation: an input of
        shape (3,) added to a (4, 3) array was used 4 times, so its gradient is
        the sum of the 4 rows. A partial with fewer elements than its input (a
        number, say) is spread over it instead.
        """
        added = partial.ndim - len(shape)
        if added >= 0 and all(
            n in (1, m) for n, m in zip(shape, partial.shape[added:], strict=True)
        ):
            stretched = [added + axis for axis, n in enumerate(shape) if n == 1]
            axes = tuple(range(added)) + tuple(a for a in stretched if partial.shape[a] != 1)
            if axes:
                partial = partial.sum(axis=axes, keepdims=True)
            return partial.reshape(shape)
        try:
            return np.broadcast_to(partial, shape)
        except ValueError:
            raise ValueError(
                f"{cls.__name__}._df returned a partial of shape {partial.shape} "
                f"for input {i}, whose shape is {shape}"
            ) from None

    @classmethod
    def _check_value(cls, y, values, params):
        # NaN or infinity in, NaN or infinity out is fine. From finite inputs, a
        # non-finite value is an anomaly: name the operation and show its inputs.
        if not np.isfinite(y).all() and all(np.isfinite(x).all() for x in values):
            raise FloatingPointError(
                f"{cls._call_text(values, params)} gives a non-finite value: {describe(y)}"
            )

    @classmethod
    def _check_partials(cls, node, values, partials):
        arrays = [node.grad, node.value, *values]
        if not all(np.isfinite(array).all() for array in arrays):
            return
        for i, partial in enumerate(partials):
            if partial is not None and not np.isfinite(partial).all():
                raise FloatingPointError(
                    f"backward: {cls.__name__}._df gives a non-finite partial for input {i} "
                    f"of {cls._call_text(values, node.params or {})}: {describe(partial)}"
                )

    @classmethod
    def _error(cls, error, values, params):
        """The same kind of error, its message led by the call that raised it."""
        message = f"{cls._call_text(values, params)}: {error}"
        try:
            return type(error)(message)
        except TypeError:  # an error class that wants other arguments: its built-in base
            return next(kind for kind in type(error).__mro__ if kind.__module__ == "builtins")(
                message
            )

    @classmethod
    def _call_text(cls, values, params):
        arguments = [describe(value) for value in values]
        for key, param in params.items():
            shown = describe(param) if isinstance(param, np.ndarray) else repr(param)
            arguments.append(f"{key}={shown}")
        return f"{function_name(cls)}({', '.join(arguments)})"


# Used as a decorator, np.errstate costs about 0.3 µs less than a `with` block,
# and apply pays it once per operation: about 5% of T2's time per node.
@np.errstate(all="ignore")
def quietly(function, *args, **kwargs):
    """function(*args, **kwargs) with IEEE results (log(0) is -inf) and no RuntimeWarning.

    numpy's own settings stay as the user has them: the change lasts for this call.
    """
    return function(*args, **kwargs)


@cache
def function_name(operation):
    """The name of an operation's function: Mul -> mul, LogSoftmax -> log_softmax."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", operation.__name__).lower()
