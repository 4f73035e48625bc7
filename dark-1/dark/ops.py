"""The built-in operations: for each, its value `_f` beside its derivative `_df`.

Each class is a row of a table of derivatives. Under each class, the function
you call is the class's `apply` itself (`mul = Mul.apply`), so `dark.mul(a, b)`
goes straight to `apply` with no wrapper in between.

Beware of names: `pow`, `max`, `min` and `abs` below are dark's functions, and
from the line that binds each one, they hide Python's built-in of the same
name everywhere in this file. So the code here writes `**` and `math.fabs`.
"""

import math

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

    @staticmethod
    def _f(x, n):
        # `**`, not pow(): in this file `pow` is dark's own function (bound
        # below), and calling it here would call this method again, forever.
        if x == 0.0 and n < 0.0:
            raise ZeroDivisionError("0 cannot be raised to a negative power")
        if x < 0.0 and not n.is_integer():
            raise ValueError("a negative base needs an integer exponent")
        # NaN anywhere gives NaN, even where IEEE says 1 (NaN⁰, 1^NaN).
        if x != x or n != n:
            return math.nan
        return x**n

    @staticmethod
    def _df(dldy, y, x, n):
        # d/dx = n·xⁿ⁻¹ = n·y/x, which cannot overflow inside `**`.
        # At x = 0 we take PyTorch's values: 0 for n = 0, infinite for 0 < n < 1.
        if x != 0.0:
            dydx = n * y / x
        elif n == 0.0:
            dydx = 0.0
        elif n >= 1.0:
            dydx = n * 0.0 ** (n - 1.0)
        else:
            dydx = math.inf
        # d/dn = xⁿ·ln x for x > 0. At x = 0 (with n > 0) xⁿ stays 0 however n
        # moves, so the slope is 0; below 0 there is none, and NaN says so.
        if x > 0.0:
            dydn = y * math.log(x)
        elif x == 0.0:
            dydn = 0.0
        else:
            dydn = math.nan
        return dldy * dydx, dldy * dydn


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
    """a / b; the partials are 1/b and -a/b². b = 0 raises ZeroDivisionError."""

    @staticmethod
    def _f(a, b):
        if b == 0.0:
            raise ZeroDivisionError("division by zero")
        return a / b

    @staticmethod
    def _df(dldy, y, a, b):
        # -a/b² is written -y/b, so that a tiny b cannot underflow b² to zero.
        return dldy / b, -dldy * y / b


div = Div.apply
"""`dark.div(a, b)`: a / b, as a new Node."""


class Max(Operation):
    """The larger of a and b; a tie splits the gradient evenly."""

    @staticmethod
    def _f(a, b):
        # Every comparison with NaN is False, so NaN falls through to the end.
        if a >= b:
            return a
        if b > a:
            return b
        return math.nan

    @staticmethod
    def _df(dldy, y, a, b):
        if a > b:
            return dldy, 0.0
        if b > a:
            return 0.0, dldy
        # A tie: half each, as PyTorch does.
        half = dldy / 2.0
        return half, half


max = Max.apply
"""`dark.max(a, b)`: the larger of a and b, as a new Node."""


class Min(Operation):
    """The smaller of a and b; a tie splits the gradient evenly."""

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
        # math.exp raises OverflowError past x ≈ 709 and returns 0.0 far below.
        return math.exp(x)

    @staticmethod
    def _df(dldy, y, x):
        # eˣ is its own derivative, and the forward pass already computed it.
        return (dldy * y,)


exp = Exp.apply
"""`dark.exp(x)`: e to the power x, as a new Node."""


class Log(Operation):
    """ln x for x > 0; its derivative is 1/x."""

    @staticmethod
    def _f(x):
        if x <= 0.0:
            raise ValueError("log is defined for x > 0 only")
        return math.log(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy / x,)


log = Log.apply
"""`dark.log(x)`: the natural logarithm of x, as a new Node."""


class Sqrt(Operation):
    """√x for x ≥ 0; its derivative is 1/(2√x), infinite at 0."""

    @staticmethod
    def _f(x):
        if x < 0.0:
            raise ValueError("sqrt is defined for x >= 0 only")
        return math.sqrt(x)

    @staticmethod
    def _df(dldy, y, x):
        # 1/(2√x), reusing √x from the forward pass. At x = 0 the slope is
        # infinite: Python would raise ZeroDivisionError, PyTorch says inf.
        if y == 0.0:
            return (dldy * math.inf,)
        return (dldy / (2.0 * y),)


sqrt = Sqrt.apply
"""`dark.sqrt(x)`: the square root of x, as a new Node."""


class Abs(Operation):
    """|x|; its derivative is the sign of x, and 0 at x = 0."""

    @staticmethod
    def _f(x):
        # Not the built-in abs(), which this file's `abs` hides. fabs also
        # turns -0.0 into 0.0, as PyTorch does.
        return math.fabs(x)

    @staticmethod
    def _df(dldy, y, x):
        # The sign of x, and 0 at the kink, as PyTorch does.
        if x > 0.0:
            return (dldy,)
        if x < 0.0:
            return (-dldy,)
        return (0.0 * dldy,)


abs = Abs.apply
"""`dark.abs(x)`: |x|, as a new Node."""


class Relu(Operation):
    """max(x, 0); its derivative is 1 for x > 0 and 0 otherwise."""

    @staticmethod
    def _f(x):
        # Written so that NaN, for which every comparison is False, stays NaN.
        return 0.0 if x <= 0.0 else x

    @staticmethod
    def _df(dldy, y, x):
        # relu'(0) = 0, as PyTorch chooses.
        return (dldy if x > 0.0 else 0.0,)


relu = Relu.apply
"""`dark.relu(x)`: max(x, 0), as a new Node."""


class Sigmoid(Operation):
    """1 / (1 + e⁻ˣ), finite for every x; its derivative is y(1 - y)."""

    @staticmethod
    def _f(x):
        # Only ever call exp on a number ≤ 0, so it cannot overflow:
        # for x < 0 use the equal form eˣ / (1 + eˣ).
        if x >= 0.0:
            return 1.0 / (1.0 + math.exp(-x))
        e = math.exp(x)
        return e / (1.0 + e)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * y * (1.0 - y),)


sigmoid = Sigmoid.apply
"""`dark.sigmoid(x)`: the logistic sigmoid of x, as a new Node."""


class Tanh(Operation):
    """tanh x, finite for every x; its derivative is 1 - y²."""

    @staticmethod
    def _f(x):
        # math.tanh saturates to ±1 instead of overflowing.
        return math.tanh(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * (1.0 - y * y),)


tanh = Tanh.apply
"""`dark.tanh(x)`: the hyperbolic tangent of x, as a new Node."""


class Sin(Operation):
    """sin x; its derivative is cos x."""

    @staticmethod
    def _f(x):
        return math.sin(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * math.cos(x),)


sin = Sin.apply
"""`dark.sin(x)`: the sine of x (radians), as a new Node."""


class Cos(Operation):
    """cos x; its derivative is -sin x."""

    @staticmethod
    def _f(x):
        return math.cos(x)

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy * math.sin(x),)


cos = Cos.apply
"""`dark.cos(x)`: the cosine of x (radians), as a new Node."""
