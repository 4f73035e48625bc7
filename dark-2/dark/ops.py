"""The elementwise operations: for each, its value `_f` beside its derivative `_df`.

Each class is a row of a table of derivatives. Under each class, the function
you call is the class's `apply` itself (`mul = Mul.apply`), so `dark.mul(a, b)`
goes straight to `apply` with no wrapper in between.

Every one works on whole arrays at once, with numpy's broadcasting: `add(x, b)`
with x of shape (4, 3) and b of shape (3,) adds b to each row. A partial may
come back in the broadcast shape; `Operation.differentiate` sums it back to
its input's shape, so nothing below undoes broadcasting.

Beware of names: `pow`, `max`, `min` and `abs` below are dark's functions, and
from the line that binds each one, they hide Python's built-in of the same
name everywhere in this file. So the code here writes `**` and `np.abs`.
"""

import numpy as np

from .operation import Operation

# ## Mul and Pow: the two the article builds first


class Mul(Operation):
    """a · b; the partials are b and a."""

    @staticmethod
    def _f(a, b):
        return a * b

    @staticmethod
    def _df(dldy, y, a, b):
        # d(ab)/da = b and d(ab)/db = a, each scaled by the incoming gradient.
        return dldy * b, dldy * a


mul = Mul.apply
"""`dark.mul(a, b)`: a · b, as a new Node."""


class Pow(Operation):
    """xⁿ, where n may be a Node; d/dx = n·xⁿ⁻¹ and d/dn = xⁿ·ln x."""

    # The exponent is nearly always a number that needs no gradient (x², √x),
    # and d/dn costs a logarithm: `needs` says when to skip it.
    skips_constants = True

    @staticmethod
    def _f(x, n):
        # `**`, not pow(): in this file `pow` is dark's own function (bound
        # below), and calling it here would call this method again, forever.
        # IEEE and numpy decide the edges: 0⁻¹ is inf, (-8)^0.5 is NaN.
        return x**n

    @staticmethod
    def _df(dldy, y, x, n, needs):
        dydx = dydn = None
        if needs[0]:
            # n·xⁿ⁻¹, and 0 where n = 0 (x⁰ is 1 everywhere), as PyTorch does.
            # At x = 0 this gives 0 for n > 1, 1 for n = 1 and inf for 0 < n < 1.
            dydx = dldy * np.where(n == 0, 0, n * x ** (n - 1))
        if needs[1]:
            # xⁿ·ln x for x > 0; NaN below 0, where there is no slope. At x = 0
            # (with n > 0) xⁿ stays 0 however n moves, so the slope is 0.
            dydn = dldy * np.where(x == 0, 0, y * np.log(x))
        return dydx, dydn


pow = Pow.apply
"""`dark.pow(x, n)`: x to the power n, as a new Node."""

# ## Two inputs


class Add(Operation):
    """a + b; both partials are 1."""

    @staticmethod
    def _f(a, b):
        return a + b

    @staticmethod
    def _df(dldy, y, a, b):
        # Each input moves the sum one-for-one.
        return dldy, dldy


add = Add.apply
"""`dark.add(a, b)`: a + b, as a new Node."""


class Sub(Operation):
    """a - b; the partials are 1 and -1."""

    @staticmethod
    def _f(a, b):
        return a - b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy, -dldy


sub = Sub.apply
"""`dark.sub(a, b)`: a - b, as a new Node."""


class Div(Operation):
    """a / b; the partials are 1/b and -a/b². Dividing by 0 gives ±inf or NaN, as IEEE."""

    @staticmethod
    def _f(a, b):
        return a / b

    @staticmethod
    def _df(dldy, y, a, b):
        # -a/b² is written -(dldy/b)·y, so that a tiny b cannot underflow b² to
        # zero; reusing dldy/b, and flipping the sign in place, saves two arrays.
        dlda = dldy / b
        dldb = dlda * y
        dldb *= -1
        return dlda, dldb


div = Div.apply
"""`dark.div(a, b)`: a / b, as a new Node."""


class Max(Operation):
    """The larger of a and b, element by element; a tie splits the gradient evenly."""

    @staticmethod
    def _f(a, b):
        # np.maximum, not np.fmax: a NaN on either side gives NaN.
        return np.maximum(a, b)

    @staticmethod
    def _df(dldy, y, a, b):
        # All of dldy to the larger; on a tie (or a NaN), half each, as PyTorch does.
        half = dldy * 0.5
        to_a = np.where(a > b, dldy, np.where(b > a, 0, half))
        to_b = np.where(b > a, dldy, np.where(a > b, 0, half))
        return to_a, to_b


max = Max.apply
"""`dark.max(a, b)`: the larger of a and b, as a new Node."""


class Min(Operation):
    """The smaller of a and b, element by element; a tie splits the gradient evenly."""

    # min(a, b) = -max(-a, -b): ties, NaN and gradients follow from Max.
    @staticmethod
    def _f(a, b):
        return -Max._f(-a, -b)

    @staticmethod
    def _df(dldy, y, a, b):
        # The two minus signs of the chain rule cancel.
        return Max._df(dldy, -y, -a, -b)


min = Min.apply
"""`dark.min(a, b)`: the smaller of a and b, as a new Node."""

# ## One input


class Neg(Operation):
    """-x; its derivative is -1."""

    @staticmethod
    def _f(x):
        return -x

    @staticmethod
    def _df(dldy, y, x):
        # A tuple even for one input: `_df` returns one partial per input.
        return (-dldy,)


neg = Neg.apply
"""`dark.neg(x)`: -x, as a new Node."""


class Exp(Operation):
    """eˣ; its derivative is eˣ itself."""

    @staticmethod
    def _f(x):
        # Past x ≈ 709 (88 in float32) the value is inf, as IEEE says.
        return np.exp(x)

    @staticmethod
    def _df(dldy, y, x):
        # eˣ is its own derivative, and the forward pass already computed it.
        return (dldy * y,)


exp = Exp.apply
"""`dark.exp(x)`: e to the power x, as a new Node."""


class Log(Operation):
    """ln x; its derivative is 1/x. ln 0 is -inf and ln of a negative is NaN."""

    @staticmethod
    def _f(x):
        return np.log(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy / x,)


log = Log.apply
"""`dark.log(x)`: the natural logarithm of x, as a new Node."""


class Sqrt(Operation):
    """√x; its derivative is 1/(2√x), infinite at 0. √ of a negative is NaN."""

    @staticmethod
    def _f(x):
        return np.sqrt(x)

    @staticmethod
    def _df(dldy, y, x):
        # 1/(2√x), reusing √x from the forward pass: inf at x = 0, as PyTorch says.
        return (dldy / (2 * y),)


sqrt = Sqrt.apply
"""`dark.sqrt(x)`: the square root of x, as a new Node."""


class Abs(Operation):
    """|x|; its derivative is the sign of x, and 0 at x = 0."""

    @staticmethod
    def _f(x):
        # Not the built-in abs(), which this file's `abs` hides.
        return np.abs(x)

    @staticmethod
    def _df(dldy, y, x):
        # The sign of x: 1, -1, and 0 at the kink, as PyTorch does.
        return (dldy * np.sign(x),)


abs = Abs.apply
"""`dark.abs(x)`: |x|, as a new Node."""


class Relu(Operation):
    """max(x, 0); its derivative is 1 for x > 0 and 0 otherwise."""

    @staticmethod
    def _f(x):
        # np.maximum keeps a NaN a NaN. The 0 is a Python number, so a float32
        # x stays float32.
        return np.maximum(x, 0)

    @staticmethod
    def _df(dldy, y, x):
        # 1 where x > 0, else 0: relu'(0) = 0, as PyTorch chooses.
        return (dldy * (x > 0),)


relu = Relu.apply
"""`dark.relu(x)`: max(x, 0), as a new Node."""


class Sigmoid(Operation):
    """1 / (1 + e⁻ˣ), finite for every x; its derivative is y(1 - y)."""

    @staticmethod
    def _f(x):
        # Only ever call exp on a number ≤ 0, so it cannot overflow: with
        # e = e^-|x|, 1 / (1 + e) for x ≥ 0 and the equal form e / (1 + e) below.
        e = np.exp(-np.abs(x))
        return np.where(x >= 0, 1 / (1 + e), e / (1 + e))

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * y * (1 - y),)


sigmoid = Sigmoid.apply
"""`dark.sigmoid(x)`: the logistic sigmoid of x, as a new Node."""


class Tanh(Operation):
    """tanh x, finite for every x; its derivative is 1 - y²."""

    @staticmethod
    def _f(x):
        # np.tanh saturates to ±1 instead of overflowing.
        return np.tanh(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * (1 - y * y),)


tanh = Tanh.apply
"""`dark.tanh(x)`: the hyperbolic tangent of x, as a new Node."""


class Sin(Operation):
    """sin x; its derivative is cos x."""

    @staticmethod
    def _f(x):
        return np.sin(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * np.cos(x),)


sin = Sin.apply
"""`dark.sin(x)`: the sine of x (radians), as a new Node."""


class Cos(Operation):
    """cos x; its derivative is -sin x."""

    @staticmethod
    def _f(x):
        return np.cos(x)

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy * np.sin(x),)


cos = Cos.apply
"""`dark.cos(x)`: the cosine of x (radians), as a new Node."""
