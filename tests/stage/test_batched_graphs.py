"""The random graphs of the oracles, on a batch: each element gives its scalar result.

The oracles check dark's gradients on graphs of single numbers (0-d values, where values
are arrays). Here the same graphs take batches of shape (5,) and (2, 3), one point per
element, the drawn point first, and backward starts from a gradient that differs from
element to element. Every element of the value and of each leaf's gradient must equal
what the same graph gives at that element's point alone: a batch is only many scalar
graphs at once, so nothing may leak from one element into another.

Equal up to the last bits: numpy's vectorised loops (its power, for one) may round an
element one unit in the last place away from what the same function gives one number,
and a graph carries that on. Anything that mixes elements is off by far more.
"""

import math

import numpy as np
import pytest
from gradients import dark_gradient, written_graphs
from hypothesis import given, settings

pytestmark = pytest.mark.provides("broadcasting", "backward")


def close(batched, alone):
    # A few thousand units in the last place: far below any mixing, above numpy's rounding.
    return np.isclose(batched, alone, rtol=1e-12, atol=1e-12, equal_nan=True)


@pytest.mark.parametrize("shape", [(5,), (2, 3)], ids=str)
@settings(max_examples=50)
@given(graph=written_graphs)
def test_a_batch_of_graphs_gives_each_elements_scalar_result(shape, graph):
    steps = np.linspace(0.0, 0.5, math.prod(shape)).reshape(shape)
    leaves = [value + steps for value in graph.leaves]
    seed = 1.0 + steps
    value, gradient = dark_gradient(graph, leaves, seed)
    for index in np.ndindex(shape):
        point = [leaf[index] for leaf in leaves]
        one_value, one_gradient = dark_gradient(graph, point, seed[index])
        where = f"element {index}, at the point {[float(x) for x in point]}\n{graph}"
        assert close(value[index], one_value), (
            f"value {value[index]!r}, alone {one_value!r}: {where}"
        )
        for i, (grad, one_grad) in enumerate(zip(gradient, one_gradient, strict=True)):
            assert close(grad[index], one_grad), (
                f"d(root)/d(x{i}) {grad[index]!r}, alone {one_grad!r}: {where}"
            )
