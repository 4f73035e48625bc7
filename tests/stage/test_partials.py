"""Each operation's partials on their own: `_df` against the oracles, one operation at a time.

The random graphs of the oracle tests mix every operation, so there a wrong partial shows
as a wrong gradient somewhere in a graph. Here each operation is differentiated alone, at
points where it is smooth, so a wrong partial is named by its operation: `_df(dldy, y, *x)`,
called by `differentiate(y)` with y.grad as dldy, must return dldy times each derivative,
as mpmath's 40-digit numerical derivative of the operation's exact reference gives it,
and as torch's autograd gives it where torch is installed.
"""

import math

import mpmath
import pytest
from catalog import BY_NAME, OPERATIONS
from hypothesis import given, settings
from hypothesis import strategies as st
from under_test import call, dark
from values import as_number

# As for the oracles on graphs (gradients.py): far wider than float64's errors.
RELATIVE_TOLERANCE = 1e-8
ABSOLUTE_TOLERANCE = 1e-10
DIGITS = 40

try:
    import torch
except ImportError:  # the torch oracle is optional
    torch = None


def exact_partials(name, x):
    """d(name)/d(x_i) for each input, numerically, in 40-digit arithmetic."""
    exact = BY_NAME[name].exact
    with mpmath.workdps(DIGITS):
        point = [mpmath.mpf(value) for value in x]
        partials = []
        for i in range(len(point)):

            def along_i(t, i=i):
                return exact(*point[:i], t, *point[i + 1 :])

            partials.append(float(mpmath.diff(along_i, point[i])))
        return partials


def torch_partials(name, x):
    leaves = [torch.tensor(value, dtype=torch.float64, requires_grad=True) for value in x]
    BY_NAME[name].torch(torch)(*leaves).backward()
    return [leaf.grad.item() for leaf in leaves]


def graded(row):
    return pytest.param(row.name, marks=pytest.mark.provides(row.family), id=row.name)


@pytest.mark.parametrize("name", [graded(row) for row in OPERATIONS])
@settings(max_examples=25)
@given(data=st.data(), dldy=st.floats(-2.0, 2.0).filter(lambda v: abs(v) > 0.1))
def test_the_partials_of_each_operation_match_the_oracles(name, data, dldy):
    x = data.draw(BY_NAME[name].smooth_points, label="x")
    y = call(name, *[dark.Parameter(value) for value in x])
    y.grad = as_number(dldy)
    got = list(y.op.differentiate(y))
    oracles = {"mpmath": exact_partials(name, x)}
    if torch is not None:
        oracles["torch"] = torch_partials(name, x)
    for oracle, derivatives in oracles.items():
        expected = [dldy * derivative for derivative in derivatives]
        close = len(got) == len(expected) and all(
            math.isclose(g, e, rel_tol=RELATIVE_TOLERANCE, abs_tol=ABSOLUTE_TOLERANCE)
            for g, e in zip(got, expected, strict=True)
        )
        assert close, (
            f"{y.op.__name__}._df(dldy={dldy!r}, y={y.value!r}, "
            f"{', '.join(map(repr, x))}) returned {got!r}; {oracle} says {expected!r}"
        )
