"""Turning user input into the one number type the graph stores."""

import numbers


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
