"""The operations only arrays have: reductions, shapes, indexing, matmul and losses.

Same pattern as ops.py: each class has its value `_f` beside its derivative
`_df`. What is new is `params`: keyword arguments such as `axis` that are not
inputs (nothing is differentiated with respect to them), kept on the output
node for `_df`. `apply` takes every positional argument as an input, so each
operation with params has a small function that names them: `dark.sum(x, 0)`
means axis 0.

Beware of names, as in ops.py: `sum` below is dark's function, and hides
Python's built-in in this file.
"""

import math

import numpy as np
from numpy.lib.array_utils import normalize_axis_tuple

from .node import Node
from .operation import Operation
from .ops import Sigmoid

# ## Reductions
#
# A reduction's `dldy` has the reduced axes removed (unless keepdims); its
# backward puts them back as size-1 axes so that dldy lines up with x again.


def reduced_axes(axis, ndim):
    """`axis` as a tuple of non-negative ints: None means all, negatives count from the end."""
    return tuple(range(ndim)) if axis is None else normalize_axis_tuple(axis, ndim)


def with_kept_dims(array, axis, ndim, keepdims):
    """A reduction's result with its reduced axes back, as size 1 (as keepdims=True gives)."""
    return array if keepdims else np.expand_dims(array, reduced_axes(axis, ndim))


class Sum(Operation):
    """The sum over `axis`; each element moves it one-for-one."""

    @staticmethod
    def _f(x, axis=None, keepdims=False):
        return np.sum(x, axis=axis, keepdims=keepdims)

    @staticmethod
    def _df(dldy, y, x, axis=None, keepdims=False):
        # Every summed element gets the same dldy: spread it back over x's shape.
        return (np.broadcast_to(with_kept_dims(dldy, axis, x.ndim, keepdims), x.shape),)


def sum(x, axis=None, keepdims=False):
    """The sum over `axis` (None: every axis)."""
    return Sum.apply(x, axis=axis, keepdims=keepdims)


class Mean(Operation):
    """The mean over `axis`: the sum divided by the count, so each element moves it 1/count."""

    @staticmethod
    def _f(x, axis=None, keepdims=False):
        # Not np.mean, which warns about an empty array; 0 / 0 is NaN as it should be.
        return np.sum(x, axis=axis, keepdims=keepdims) / count(x, axis)

    @staticmethod
    def _df(dldy, y, x, axis=None, keepdims=False):
        dldy = with_kept_dims(dldy, axis, x.ndim, keepdims)
        return (np.broadcast_to(dldy / count(x, axis), x.shape),)


def count(x, axis):
    """How many elements of x each result of a reduction over `axis` sums."""
    return math.prod(x.shape[i] for i in reduced_axes(axis, x.ndim))


def mean(x, axis=None, keepdims=False):
    """The mean over `axis` (None: every axis)."""
    return Mean.apply(x, axis=axis, keepdims=keepdims)


class Amax(Operation):
    """The largest element over `axis`; tied largest elements share the gradient evenly."""

    @staticmethod
    def _f(x, axis=None, keepdims=False):
        return np.amax(x, axis=axis, keepdims=keepdims)

    @staticmethod
    def _df(dldy, y, x, axis=None, keepdims=False):
        # Only the elements equal to the result move it; k of them split dldy
        # into k equal shares, as torch.amax does.
        winners = x == with_kept_dims(y, axis, x.ndim, keepdims)
        count = winners.sum(axis=axis, keepdims=True, dtype=x.dtype)
        return (winners * (with_kept_dims(dldy, axis, x.ndim, keepdims) / count),)


def amax(x, axis=None, keepdims=False):
    """The largest element over `axis` (None: every axis)."""
    return Amax.apply(x, axis=axis, keepdims=keepdims)


class Amin(Amax):
    """The smallest element over `axis`. Its backward is amax's: the winners equal y."""

    @staticmethod
    def _f(x, axis=None, keepdims=False):
        return np.amin(x, axis=axis, keepdims=keepdims)


def amin(x, axis=None, keepdims=False):
    """The smallest element over `axis` (None: every axis)."""
    return Amin.apply(x, axis=axis, keepdims=keepdims)


class Logsumexp(Operation):
    """ln Σ eˣ over `axis`, finite for any finite x; its derivative is softmax(x)."""

    @staticmethod
    def _f(x, axis=None, keepdims=False):
        # ln Σ eˣ = m + ln Σ eˣ⁻ᵐ with m the largest x: no eˣ can overflow, and
        # logsumexp([1000, 1000]) is 1000 + ln 2, not inf. An infinite m is
        # replaced by 0, so that inf - inf never makes a NaN.
        m = np.amax(x, axis=axis, keepdims=True)
        m = np.where(np.isfinite(m), m, 0)
        y = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
        return y if keepdims else np.squeeze(y, axis=axis)

    @staticmethod
    def _df(dldy, y, x, axis=None, keepdims=False):
        # d/dx ln Σ eˣ = eˣ / Σ eˣ = e^(x - y).
        y = with_kept_dims(y, axis, x.ndim, keepdims)
        return (with_kept_dims(dldy, axis, x.ndim, keepdims) * np.exp(x - y),)


def logsumexp(x, axis=None, keepdims=False):
    """ln Σ eˣ over `axis` (None: every axis), computed stably."""
    return Logsumexp.apply(x, axis=axis, keepdims=keepdims)


# ## Shapes
#
# Each value here is a copy, not a view of its input: a node's value never
# shares memory with another's, so changing one in place cannot change the other.


class Reshape(Operation):
    """The same elements in a new shape (one -1 allowed); the gradient is reshaped back."""

    @staticmethod
    def _f(x, shape):
        return np.reshape(x, shape).copy()

    @staticmethod
    def _df(dldy, y, x, shape):
        return (np.reshape(dldy, x.shape),)


def reshape(x, shape):
    """x's elements in the given shape (one -1 allowed)."""
    return Reshape.apply(x, shape=shape)


class Transpose(Operation):
    """The axes permuted (None reverses them); the gradient is permuted back."""

    @staticmethod
    def _f(x, axes=None):
        return np.transpose(x, axes).copy()

    @staticmethod
    def _df(dldy, y, x, axes=None):
        # Axis i of y came from axis axes[i] of x; argsort gives the way back.
        back = None if axes is None else np.argsort(normalize_axis_tuple(axes, x.ndim))
        return (np.transpose(dldy, back),)


def transpose(x, axes=None):
    """x with its axes permuted (None reverses them)."""
    return Transpose.apply(x, axes=axes)


class BroadcastTo(Operation):
    """x repeated to `shape`, as numpy broadcasts it."""

    @staticmethod
    def _f(x, shape):
        return np.broadcast_to(x, shape).copy()

    @staticmethod
    def _df(dldy, y, x, shape):
        # dldy has the broadcast shape; summing it back to x's is exactly what
        # Operation.differentiate does for every partial, so there is nothing to do.
        return (dldy,)


def broadcast_to(x, shape):
    """x broadcast to `shape`, as numpy does."""
    return BroadcastTo.apply(x, shape=shape)


# ## Indexing and joining


class Getitem(Operation):
    """x[index]: basic indexing (ints, slices, None, ...) and integer arrays."""

    @staticmethod
    def _f(x, index):
        return np.array(x[index])  # np.array copies, and makes a 0-d array of one element

    @staticmethod
    def _df(dldy, y, x, index):
        # Scatter dldy back to where each element came from. np.add.at adds at a
        # repeated index (x[[0, 0]] used x[0] twice); `grad[index] = dldy` would
        # keep only the last one.
        grad = np.zeros_like(x)
        np.add.at(grad, index, dldy)
        return (grad,)


def getitem(x, index):
    """x[index]: ints, slices, None, Ellipsis and integer arrays."""
    return Getitem.apply(x, index=index)


class Concat(Operation):
    """The inputs joined along an existing axis; each gets back its own slice of dldy."""

    @staticmethod
    def _f(*xs, axis=0):
        return np.concatenate(xs, axis=axis)

    @staticmethod
    def _df(dldy, y, *xs, axis=0):
        ends = np.cumsum([x.shape[axis] for x in xs])[:-1]
        return np.split(dldy, ends, axis=axis)


def concat(xs, axis=0):
    """The list `xs` joined along `axis`."""
    return Concat.apply(*xs, axis=axis)


class Stack(Operation):
    """The inputs joined along a new axis; each gets back its own slice of dldy."""

    @staticmethod
    def _f(*xs, axis=0):
        return np.stack(xs, axis=axis)

    @staticmethod
    def _df(dldy, y, *xs, axis=0):
        return tuple(np.moveaxis(dldy, axis, 0))


def stack(xs, axis=0):
    """The list `xs` stacked along a new axis."""
    return Stack.apply(*xs, axis=axis)


class Where(Operation):
    """a where `condition` holds, else b. The condition is a parameter: never differentiated."""

    @staticmethod
    def _f(a, b, condition):
        return np.where(condition, a, b)

    @staticmethod
    def _df(dldy, y, a, b, condition):
        return np.where(condition, dldy, 0), np.where(condition, 0, dldy)


def where(condition, a, b):
    """a where `condition` is true, else b; `condition` is never differentiated."""
    if isinstance(condition, Node):
        condition = condition.value
    return Where.apply(a, b, condition=condition)


# ## Matrix multiply


class Matmul(Operation):
    """a @ b with numpy's rules: vectors, matrices, and stacks of matrices that broadcast.

    For matrices, dL/da = dL/dy · bᵀ and dL/db = aᵀ · dL/dy. "ᵀ" swaps the last two
    axes only (`swapaxes(-2, -1)`); `.T` would reverse every axis of a stack.
    """

    # In a model, x @ W with x the input batch: its gradient is a whole matrix
    # product that nothing reads. `needs` lets _df skip it.
    skips_constants = True

    @staticmethod
    def _f(a, b):
        return np.matmul(a, b)

    @staticmethod
    def _df(dldy, y, a, b, needs):
        # Read a vector as numpy does: a as a row (1, k), b as a column (k, 1).
        # Then dldy gets back the axis each vector lost, and all is matrices.
        rows = a[np.newaxis] if a.ndim == 1 else a
        columns = b[:, np.newaxis] if b.ndim == 1 else b
        if b.ndim == 1:
            dldy = dldy[..., np.newaxis]
        if a.ndim == 1:
            dldy = dldy[..., np.newaxis, :]
        dlda = dldb = None
        if needs[0]:
            dlda = dldy @ np.swapaxes(columns, -1, -2)
            if a.ndim == 1:
                dlda = dlda[..., 0, :]
        if needs[1]:
            dldb = np.swapaxes(rows, -1, -2) @ dldy
            if b.ndim == 1:
                dldb = dldb[..., 0]
        # A stack of matrices broadcast over batch axes gets a partial per batch
        # element; Operation.differentiate sums them, as for any broadcast.
        return dlda, dldb


matmul = Matmul.apply
"""The matrix product a @ b, as numpy.matmul."""

# ## Activations and losses over an axis


class Softmax(Operation):
    """e^x / Σ e^x over `axis`; finite for any finite x."""

    @staticmethod
    def _f(x, axis=-1):
        # Subtracting the largest x changes nothing in the ratio and keeps every
        # e^x ≤ 1: softmax([1000, 0]) is [1, 0], not NaN.
        e = np.exp(x - np.amax(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)

    @staticmethod
    def _df(dldy, y, x, axis=-1):
        # The Jacobian is diag(y) - y yᵀ; times dldy, that is y (dldy - Σ dldy y).
        return (y * (dldy - np.sum(dldy * y, axis=axis, keepdims=True)),)


def softmax(x, axis=-1):
    """The softmax of x over `axis`."""
    return Softmax.apply(x, axis=axis)


class LogSoftmax(Operation):
    """x - logsumexp(x) over `axis`; finite for any finite x."""

    @staticmethod
    def _f(x, axis=-1):
        return x - Logsumexp._f(x, axis=axis, keepdims=True)

    @staticmethod
    def _df(dldy, y, x, axis=-1):
        # d/dx of x - logsumexp x is 1 - softmax x, and softmax x = e^y.
        return (dldy - np.exp(y) * np.sum(dldy, axis=axis, keepdims=True),)


def log_softmax(x, axis=-1):
    """The log of the softmax of x over `axis`, stably."""
    return LogSoftmax.apply(x, axis=axis)


def class_indices(logits, targets):
    """`targets` as an integer array of N class indices for logits of shape (N, C)."""
    targets = np.asarray(targets)
    if targets.dtype.kind not in "iu":
        raise TypeError(f"targets must be integer class indices, got {targets.dtype} values")
    if logits.ndim != 2 or targets.shape != logits.shape[:1]:
        raise ValueError(
            f"logits must have shape (N, C) and targets shape (N,); "
            f"got {logits.shape} and {targets.shape}"
        )
    classes = logits.shape[1]
    if targets.size and (targets.min() < 0 or targets.max() >= classes):
        raise IndexError(f"targets must be class indices in [0, {classes})")
    return targets


class CrossEntropy(Operation):
    """The mean over N of -log softmax(logits)[target], for logits (N, C)."""

    @staticmethod
    def _f(logits, targets):
        targets = class_indices(logits, targets)
        picked = LogSoftmax._f(logits)[np.arange(len(targets)), targets]
        # A sum over the count, as in Mean: np.mean warns about an empty batch.
        return -np.sum(picked) / len(targets)

    @staticmethod
    def _df(dldy, y, logits, targets):
        # d/dlogits = (softmax - one_hot(targets)) / N: the probabilities, with
        # 1 taken off at each row's target.
        targets = np.asarray(targets)
        grad = Softmax._f(logits)
        grad[np.arange(len(targets)), targets] -= 1
        return (grad * (dldy / len(targets)),)


def cross_entropy(logits, targets):
    """The mean over the rows of -log softmax(logits) at each row's target class."""
    return CrossEntropy.apply(logits, targets=targets)


class BinaryCrossEntropyWithLogits(Operation):
    """The mean of -t ln σ(x) - (1 - t) ln(1 - σ(x)), from the logits x themselves."""

    skips_constants = True  # targets are nearly always data

    @staticmethod
    def _f(logits, targets):
        if targets.shape != logits.shape:
            raise ValueError(
                f"targets must have the logits' shape {logits.shape}, not {targets.shape}"
            )
        if targets.size and not (targets.min() >= 0 and targets.max() <= 1):
            raise ValueError("targets must lie in [0, 1]")
        # The same loss rewritten as max(x, 0) - x t + ln(1 + e^-|x|): exp only
        # ever sees a number ≤ 0, so a logit of -40 with target 1 gives 40,
        # where ln σ(-40) computed in two steps loses it.
        x = logits
        losses = np.maximum(x, 0) - x * targets + np.log1p(np.exp(-np.abs(x)))
        return np.sum(losses) / losses.size  # not np.mean, which warns when empty

    @staticmethod
    def _df(dldy, y, logits, targets, needs):
        scale = dldy / logits.size
        dldx = (Sigmoid._f(logits) - targets) * scale if needs[0] else None
        dldt = -logits * scale if needs[1] else None
        return dldx, dldt


binary_cross_entropy_with_logits = BinaryCrossEntropyWithLogits.apply
"""The mean binary cross-entropy."""
