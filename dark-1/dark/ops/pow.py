"""Power: x to the n, where the exponent may be a Node too."""

import math

from ..operation import Operation


# --8<-- [start:pow]
class Pow(Operation):
    """xⁿ, where n may be a Node; d/dx = n·xⁿ⁻¹ and d/dn = xⁿ·ln x."""

    @staticmethod
    def _f(x, n):
        # `**`, not pow(): inside this module `pow` names our own function
        # below, and calling it here would recurse forever.
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
        # d/dx = n·x^(n-1) = n·y/x, which cannot overflow inside `**`.
        # At x = 0 we take PyTorch's values: 0 for n = 0, infinite for 0 < n < 1.
        if x != 0.0:
            dydx = n * y / x
        elif n == 0.0:
            dydx = 0.0
        elif n >= 1.0:
            dydx = n * 0.0 ** (n - 1.0)
        else:
            dydx = math.inf
        # d/dn = xⁿ·ln x, defined for x > 0. PyTorch's values elsewhere.
        if x > 0.0:
            dydn = y * math.log(x)
        elif x == 0.0:
            dydn = 0.0
        else:
            dydn = math.nan
        return dldy * dydx, dldy * dydn


pow = Pow.apply
"""`dark.pow(x, n)`: x to the power n, as a new Node."""


# --8<-- [end:pow]
