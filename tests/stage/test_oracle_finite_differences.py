"""Oracle 1: central finite differences, in 50-digit arithmetic.

With mpmath the step can be 1e-20: rounding and truncation errors both fall
far below float64's, so the tolerance stays tight. The same graph is evaluated
with mpmath's functions, never dark's.
"""

import mpmath
import pytest
from catalog import references
from gradients import assert_matches, written_graphs
from hypothesis import given, settings

pytestmark = pytest.mark.provides("backward")

EXACT = references("exact")
DIGITS = 50
STEP = mpmath.mpf("1e-20")


def central_differences(graph):
    """The root's value and (f(x + h) - f(x - h)) / 2h for each leaf."""

    def root(point):
        return graph.build(EXACT, point, constant=mpmath.mpf)[-1]

    with mpmath.workdps(DIGITS):
        point = [mpmath.mpf(value) for value in graph.leaves]
        gradient = []
        for i in range(len(point)):
            up, down = point.copy(), point.copy()
            up[i] += STEP
            down[i] -= STEP
            gradient.append(float((root(up) - root(down)) / (2 * STEP)))
        return float(root(point)), gradient


@settings(max_examples=200)
@given(written_graphs)
def test_gradient_matches_central_differences(graph):
    assert_matches(graph, *central_differences(graph))
