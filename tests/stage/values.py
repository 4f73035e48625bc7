"""One number as the stage under test holds it: a Python float, or a 0-d numpy array.

dark-1 keeps every value and grad as a Python float. From dark-2 on, values are numpy
arrays, and a single number is a 0-d array of float32 or float64. dark-1's rules about
numbers hold on both, so its tests ask here instead of writing `type(x) is float`. Which
kind a stage holds is read from its declaration: a stage that provides "arrays" holds arrays.
"""

import numpy as np
import under_test

ARRAY_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))


def holds_arrays():
    return "arrays" in under_test.Copy.families


def is_number(x):
    """Whether `x` is one number of the kind the stage stores."""
    if holds_arrays():
        return type(x) is np.ndarray and x.shape == () and x.dtype in ARRAY_DTYPES
    return type(x) is float


def as_number(x):
    """`x` as the stage stores a number: to set a grad, or to spell what a repr shows."""
    return np.array(float(x)) if holds_arrays() else float(x)
