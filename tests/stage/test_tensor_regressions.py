"""The upstream tutorial's tensor-stage bugs, each reproduced as a test that dark-2 passes.

Three more live beside the rule they break: gradients aliasing each other
(test_tensor_invariants: zero_grad on a parameter), softmax without the max shift,
`import dark` changing numpy.seterr and BCE-with-logits at -40 (test_tensor_invariants:
numerics), and a float32 model trained in float64 (test_tensor_values).
"""

import numpy as np
import pytest
from under_test import dark


@pytest.mark.provides("arrays", "backward")
def test_backward_twice_doubles_a_parameters_grad_and_never_triples_it():
    x = dark.Parameter(np.array([1.0, -2.0]))
    h = dark.mul(x, 3.0)
    y = dark.sum(dark.mul(h, h))  # 9x², so dy/dx = 18x
    y.backward()
    h_grad, y_grad = h.grad.copy(), y.grad.copy()
    y.backward()
    np.testing.assert_array_equal(x.grad, 2 * 18 * x.value)
    np.testing.assert_array_equal(h.grad, h_grad)  # the latest call's, not the sum of two
    np.testing.assert_array_equal(y.grad, y_grad)  # the seed is not kept and added to


@pytest.mark.provides("arrays", "backward")
def test_vectors_keep_their_shape_and_pow_of_a_vector_differentiates():
    # Upstream stored numbers as (1, 1): neg of (3,) gave (1, 3), and pow(v, 2) failed.
    v = dark.Parameter(np.array([1.0, 2.0, 3.0]))
    assert dark.neg(v).shape == (3,)
    dark.sum(dark.pow(v, 2)).backward()
    np.testing.assert_array_equal(v.grad, [2.0, 4.0, 6.0])


@pytest.mark.provides("broadcasting")
def test_max_with_a_number_on_a_matrix_differentiates_and_unbroadcasts():
    x = dark.Parameter(np.array([[-1.0, 0.0, 2.0]] * 4))
    dark.sum(dark.max(x, 0)).backward()
    np.testing.assert_array_equal(x.grad, [[0.0, 0.5, 1.0]] * 4)  # the tie at 0 is split


@pytest.mark.provides("broadcasting")
def test_abs_has_slope_0_at_0_on_arrays():
    x = dark.Parameter(np.array([-2.0, -0.0, 0.0, 3.0]))
    dark.sum(dark.abs(x)).backward()
    np.testing.assert_array_equal(x.grad, [-1.0, 0.0, 0.0, 1.0])


@pytest.mark.provides("broadcasting")
def test_a_tie_in_max_or_min_splits_the_gradient_elementwise():
    a = dark.Parameter(np.array([1.0, 2.0, 3.0]))
    b = dark.Parameter(np.array([1.0, 5.0, 0.0]))
    dark.sum(dark.add(dark.max(a, b), dark.min(a, b))).backward()
    np.testing.assert_array_equal(a.grad, [1.0, 1.0, 1.0])
    dark.sum(dark.max(a, b)).backward()
    np.testing.assert_array_equal(a.grad, [1.5, 1.0, 2.0])
    np.testing.assert_array_equal(b.grad, [1.5, 2.0, 1.0])


@pytest.mark.provides("broadcasting")
def test_pow_differentiates_its_exponent():
    x = dark.Parameter(np.array([2.0, 0.0, -1.0]))
    n = dark.Parameter(np.array([3.0, 2.0, 2.0]))
    dark.sum(dark.pow(x, n)).backward()
    np.testing.assert_array_equal(n.grad[:2], [8.0 * np.log(2.0), 0.0])
    assert np.isnan(n.grad[2])


@pytest.mark.provides("matmul")
@pytest.mark.parametrize(
    ("a_shape", "b_shape"),
    [((2, 3, 4), (2, 4, 5)), ((3, 4), (4,)), ((4,), (4, 5)), ((2, 1, 3, 4), (3, 4, 2))],
    ids=["batched", "matrix-vector", "vector-matrix", "broadcast-batch"],
)
def test_matmul_backward_swaps_the_last_two_axes_only(a_shape, b_shape):
    # Upstream used .T, which reverses every axis: these cases failed in backward.
    rng = np.random.default_rng(0)
    a, b = (dark.Parameter(rng.standard_normal(shape)) for shape in (a_shape, b_shape))
    y = dark.matmul(a, b)
    cotangent = rng.standard_normal(y.shape)
    y.backward(cotangent)
    # <cotangent, a @ b> is linear in a (and in b): its gradient's element i is
    # its value at the i-th basis array, computed here with numpy alone.
    for leaf, other, place in ((a, b, 0), (b, a, 1)):
        basis = np.eye(leaf.value.size).reshape(-1, *leaf.shape)
        pairs = [(e, other.value) if place == 0 else (other.value, e) for e in basis]
        expected = [np.sum(cotangent * np.matmul(*pair)) for pair in pairs]
        np.testing.assert_allclose(leaf.grad.ravel(), expected, rtol=1e-12, atol=1e-12)


@pytest.mark.provides("indexing")
def test_repeated_indices_add_up_in_the_gradient():
    # Upstream assigned: x.grad[index] = dldy kept only the last of the repeats.
    x = dark.Parameter(np.zeros(5))
    dark.sum(dark.getitem(x, [0, 0, 1])).backward()
    np.testing.assert_array_equal(x.grad, [2.0, 1.0, 0.0, 0.0, 0.0])
    m = dark.Parameter(np.zeros((3, 2)))
    dark.getitem(m, ([2, 2, 0], [1, 1, 1])).backward(np.array([1.0, 10.0, 100.0]))
    np.testing.assert_array_equal(m.grad, [[0.0, 100.0], [0.0, 0.0], [0.0, 11.0]])


def make_upsample(wrong):
    class Upsample(dark.Operation):
        @staticmethod
        def _f(x):
            return np.repeat(x, 2)

        @staticmethod
        def _df(dldy, y, x):
            if wrong:  # one element per block, doubled: right only when dldy is uniform
                return (2 * dldy[::2],)
            return (dldy[::2] + dldy[1::2],)

    return Upsample


def gradient_agrees_with_finite_differences(operation, cotangent):
    x = dark.Parameter(np.array([0.5, -1.0, 2.0]))
    operation.apply(x).backward(cotangent)
    # f(x) = <cotangent, upsample(x)> is linear: its gradient is exact by differences.
    expected = [np.sum(cotangent * np.repeat(np.eye(3)[i], 2)) for i in range(3)]
    return np.allclose(x.grad, expected)


@pytest.mark.provides("custom_operation", "arrays")
def test_a_random_cotangent_catches_a_wrong_backward_that_sum_hides():
    # Upstream's upsample took one element per block instead of the sum; its tests
    # started from sum(), a cotangent of ones, and passed. dark's oracles never do.
    ones, random = np.ones(6), np.random.default_rng(0).standard_normal(6)
    assert gradient_agrees_with_finite_differences(make_upsample(wrong=False), random)
    assert gradient_agrees_with_finite_differences(make_upsample(wrong=True), ones)
    assert not gradient_agrees_with_finite_differences(make_upsample(wrong=True), random)


@pytest.mark.provides("reductions")
@pytest.mark.parametrize(("name", "values", "grad"), [
    ("amax", [1.0, 3.0, 3.0, 2.0], [0.0, 0.5, 0.5, 0.0]),
    ("amin", [1.0, 3.0, 1.0, 1.0], [1 / 3, 0.0, 1 / 3, 1 / 3]),
])  # fmt: skip
def test_tied_extremes_split_the_gradient_evenly(name, values, grad):
    x = dark.Parameter(np.array([values, values]))
    getattr(dark, name)(x, axis=1).backward(np.array([1.0, 2.0]))
    np.testing.assert_allclose(x.grad, [grad, 2 * np.array(grad)], rtol=1e-15)
