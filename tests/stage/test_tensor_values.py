"""Tensor values: what a node stores, its dtype, and what backward() seeds and keeps."""

from fractions import Fraction

import numpy as np
import pytest
from under_test import dark

pytestmark = pytest.mark.provides("arrays")

LEAVES = ["Node", "Constant", "Parameter"]


def leaf(kind, value):
    return getattr(dark, kind)(value)


# What each accepted input is stored as: (input, dtype, value as numpy reads it).
STORED = [
    pytest.param(np.ones((2, 3), np.float32), np.float32, id="float32-array"),
    pytest.param(np.ones((2, 3), np.float64), np.float64, id="float64-array"),
    pytest.param(np.ones(3, np.float16), np.float32, id="float16-array"),
    pytest.param(np.arange(4, dtype=np.int8), np.float64, id="int8-array"),
    pytest.param(np.arange(4, dtype=np.uint64), np.float64, id="uint64-array"),
    pytest.param(np.array([True, False]), np.float64, id="bool-array"),
    pytest.param(np.ones(3, ">f4"), np.float32, id="big-endian-float32"),
    pytest.param(np.float32(1.5), np.float32, id="numpy-float32"),
    pytest.param(np.float64(1.5), np.float64, id="numpy-float64"),
    pytest.param(np.float16(1.5), np.float32, id="numpy-float16"),
    pytest.param(np.int64(3), np.float64, id="numpy-int64"),
    pytest.param(np.bool_(True), np.float64, id="numpy-bool"),
    pytest.param(2.5, np.float64, id="float"),
    pytest.param(3, np.float64, id="int"),
    pytest.param(-(2**70), np.float64, id="large-int"),
    pytest.param(True, np.float64, id="bool"),
    pytest.param(Fraction(1, 3), np.float64, id="Fraction"),
    pytest.param([1, 2, 3], np.float64, id="list-of-ints"),
    pytest.param([[1.5, 2], [3, 4]], np.float64, id="nested-list"),
    pytest.param(((1, 2), (3, 4)), np.float64, id="nested-tuple"),
    pytest.param([np.float32(1), np.float32(2)], np.float64, id="list-of-float32"),
    pytest.param([Fraction(1, 3), 2**70], np.float64, id="list-of-objects"),
    pytest.param([], np.float64, id="empty-list"),
]


@pytest.mark.parametrize("kind", LEAVES)
@pytest.mark.parametrize(("given", "dtype"), STORED)
def test_every_accepted_input_is_stored_as_an_ndarray_of_the_contract_dtype(kind, given, dtype):
    node = leaf(kind, given)
    assert type(node.value) is np.ndarray
    assert node.value.dtype == dtype
    assert node.value.dtype.isnative
    expected = np.asarray(given if not isinstance(given, list | tuple) else np.array(given, float))
    assert node.value.shape == expected.shape
    np.testing.assert_array_equal(node.value, expected.astype(np.float64))


@pytest.mark.parametrize("kind", LEAVES)
def test_a_number_is_stored_as_a_0d_array_never_a_python_or_numpy_scalar(kind):
    node = leaf(kind, 2.5)
    assert type(node.value) is np.ndarray
    assert node.value.shape == ()
    assert (node.shape, node.ndim, node.dtype) == ((), 0, np.float64)


@pytest.mark.parametrize(
    "build",
    [
        lambda: dark.sum(dark.Parameter(np.ones(3))),
        lambda: dark.mean(dark.Parameter(np.ones((2, 2)))),
        lambda: dark.amax(dark.Parameter(np.ones(3))),
        lambda: dark.getitem(dark.Parameter(np.ones(3)), 1),
        lambda: dark.neg(2.0),
        lambda: dark.mul(np.float32(2), np.float32(3)),
        lambda: dark.matmul(np.ones(3), np.ones(3)),
        lambda: dark.cross_entropy(np.zeros((2, 3)), [0, 1]),
    ],
    ids=["sum", "mean", "amax", "getitem", "neg", "mul", "matmul", "cross_entropy"],
)
def test_a_result_with_one_element_is_a_0d_array_too(build):
    node = build()
    assert type(node.value) is np.ndarray
    assert node.value.shape == ()


FLOAT32 = np.ones(3, np.float32)


@pytest.mark.parametrize(
    ("build", "dtype"),
    [
        (lambda x: dark.mul(x, 2.5), np.float32),
        (lambda x: dark.mul(2.5, x), np.float32),
        (lambda x: dark.add(x, [1, 2, 3]), np.float32),
        (lambda x: dark.add(x, [1.5, 2.5, 3.5]), np.float32),
        (lambda x: dark.pow(x, 2), np.float32),
        (lambda x: dark.div(1, x), np.float32),
        (lambda x: dark.max(x, 0), np.float32),
        (lambda x: dark.where([True, False, True], x, 0.0), np.float32),
        (lambda x: dark.concat([x, [4.0]]), np.float32),
        (lambda x: dark.mul(x, dark.Constant(2.5)), np.float64),
        (lambda x: dark.mul(x, np.float64(2.5)), np.float64),
        (lambda x: dark.mul(x, np.ones(3)), np.float64),
        (lambda x: dark.mul(x, np.ones(3, np.float16)), np.float32),
        (lambda x: dark.mul(x, np.ones(3, np.int64)), np.float64),
        (lambda x: dark.mul(2.5, 3), np.float64),
    ],
    ids=[
        "times-2.5",
        "2.5-times",
        "plus-int-list",
        "plus-float-list",
        "pow-2",
        "1-over",
        "max-0",
        "where",
        "concat-list",
        "explicit-float64-Constant",
        "numpy-float64-scalar",
        "float64-array",
        "float16-array",
        "int64-array",
        "two-python-numbers",
    ],
)
def test_python_numbers_and_lists_never_change_the_dtype_numpy_values_promote(build, dtype):
    result = build(dark.Parameter(FLOAT32))
    assert result.dtype == dtype
    assert result.value.dtype == dtype


def test_float32_stays_float32_through_a_whole_training_step():
    # Under NumPy 2, a float64 constant in the graph silently promotes a float32 model.
    rng = np.random.default_rng(0)
    x = dark.Constant(rng.standard_normal((8, 5)).astype(np.float32))
    w = dark.Parameter(rng.standard_normal((5, 3)).astype(np.float32))
    b = dark.Parameter(np.zeros(3, np.float32))
    hidden = dark.tanh(dark.mul(dark.add(dark.matmul(x, w), b), 0.5))
    scaled = dark.div(dark.sub(hidden, dark.mean(hidden, axis=0)), 2)
    loss = dark.add(
        dark.cross_entropy(scaled, [0, 1, 2, 0, 1, 2, 0, 1]),
        dark.mul(1e-3, dark.sum(dark.pow(w, 2))),
    )
    loss.backward()
    for node in (hidden, scaled, loss):
        assert node.dtype == np.float32
        assert node.grad.dtype == np.float32
    w.value -= 0.1 * w.grad
    b.value -= 0.1 * b.grad
    assert (w.value.dtype, b.value.dtype, w.grad.dtype, b.grad.dtype) == (np.float32,) * 4


@pytest.mark.parametrize("array", [np.arange(6.0).reshape(2, 3), np.arange(3, dtype=np.float32)])
def test_a_parameter_owns_a_copy_of_its_value(array):
    before = array.copy()
    parameter = dark.Parameter(array)
    assert not np.shares_memory(parameter.value, array)
    parameter.value -= 1
    np.testing.assert_array_equal(array, before)


@pytest.mark.parametrize("kind", LEAVES)
def test_shape_ndim_dtype_are_the_values(kind):
    node = leaf(kind, np.zeros((2, 3, 4), np.float32))
    assert (node.shape, node.ndim, node.dtype) == ((2, 3, 4), 3, np.float32)


@pytest.mark.parametrize("value", [2.5, [2.5], [[2.5]], np.float32(2.5)], ids=repr)
def test_item_gives_a_python_float_for_one_element(value):
    item = dark.Constant(value).item()
    assert type(item) is float
    assert item == 2.5


@pytest.mark.parametrize("value", [[1.0, 2.0], np.zeros((2, 2)), []], ids=["2", "2x2", "empty"])
def test_item_of_more_or_fewer_than_one_element_is_a_value_error(value):
    node = dark.Constant(value)
    with pytest.raises(ValueError, match=r"item\(\).*shape"):
        node.item()


def test_constant_grad_is_none_even_when_assigned_or_after_backward():
    c = dark.Constant(np.ones(3))
    c.grad = np.ones(3)
    assert c.grad is None
    dark.sum(dark.mul(c, dark.Parameter(np.ones(3)))).backward()
    assert c.grad is None


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_parameter_grad_starts_as_zeros_of_its_shape_and_dtype_and_accumulates(dtype):
    p = dark.Parameter(np.arange(6, dtype=dtype).reshape(2, 3))
    assert type(p.grad) is np.ndarray
    assert (p.grad.shape, p.grad.dtype) == ((2, 3), dtype)
    assert not p.grad.any()
    y = dark.sum(dark.mul(p, p))
    y.backward()
    y.backward()
    np.testing.assert_array_equal(p.grad, 4 * p.value)  # 2p, twice
    p.zero_grad()
    assert not p.grad.any()


def test_backward_seeds_ones_for_any_node_of_one_element():
    for shape in [(), (1,), (1, 1, 1)]:
        x = dark.Parameter(np.full(shape, 3.0))
        y = dark.mul(x, x)
        y.backward()
        assert y.grad.shape == shape
        np.testing.assert_array_equal(y.grad, np.ones(shape))
        np.testing.assert_array_equal(x.grad, np.full(shape, 6.0))


def test_backward_takes_an_explicit_gradient_of_the_nodes_shape_and_keeps_no_reference_to_it():
    x = dark.Parameter(np.array([1.0, 2.0, 3.0]))
    y = dark.mul(x, 2)
    seed = np.array([1.0, 10.0, 100.0])
    y.backward(seed)
    np.testing.assert_array_equal(x.grad, [2.0, 20.0, 200.0])
    assert not np.shares_memory(y.grad, seed)
    seed[:] = 0
    np.testing.assert_array_equal(y.grad, [1.0, 10.0, 100.0])


@pytest.mark.provides("bad_input", "arrays")
@pytest.mark.parametrize("shape", [(3,), (2, 2), (0,)], ids=str)
def test_backward_without_a_gradient_on_many_elements_is_a_value_error_that_changes_nothing(shape):
    x = dark.Parameter(np.ones(shape))
    y = dark.mul(x, 2)
    with pytest.raises(ValueError, match="gradient is needed") as error:
        y.backward()
    assert str(shape) in str(error.value)
    assert y.grad is None
    assert not x.grad.any()


@pytest.mark.provides("bad_input", "arrays")
def test_backward_with_a_gradient_of_the_wrong_shape_is_a_value_error_that_changes_nothing():
    x = dark.Parameter(np.ones(3))
    y = dark.mul(x, 2)
    y.backward(np.ones(3))
    with pytest.raises(ValueError, match=r"\(2,\).*\(3,\)"):
        y.backward(np.ones(2))
    np.testing.assert_array_equal(x.grad, [2.0, 2.0, 2.0])
    np.testing.assert_array_equal(y.grad, [1.0, 1.0, 1.0])


@pytest.mark.provides("bad_input", "arrays")
def test_item_of_many_elements_is_a_value_error_naming_the_node_and_its_shape():
    with pytest.raises(ValueError, match=r"item\(\): Parameter of shape \(2,\) has 2 elements"):
        dark.Parameter([1.0, 2.0]).item()


@pytest.mark.provides("shapes", "arrays")
def test_where_takes_its_condition_as_a_node_too():
    a, b = dark.Parameter([1.0, 2.0, 3.0]), dark.Parameter([10.0, 20.0, 30.0])
    y = dark.where(dark.Constant(np.array([True, False, True])), a, b)
    np.testing.assert_array_equal(y.value, [1.0, 20.0, 3.0])
    dark.sum(y).backward()
    np.testing.assert_array_equal(a.grad, [1.0, 0.0, 1.0])
    np.testing.assert_array_equal(b.grad, [0.0, 1.0, 0.0])


def test_after_backward_every_grad_is_an_ndarray_of_its_nodes_shape_and_dtype():
    rng = np.random.default_rng(0)
    x = dark.Parameter(rng.standard_normal((4, 3)).astype(np.float32))
    b = dark.Parameter(np.zeros(3))  # float64: promotes what it touches
    c = dark.Constant(rng.standard_normal(3).astype(np.float32))
    h = dark.add(dark.mul(x, c), b)
    g = dark.getitem(dark.reshape(dark.transpose(h), (12,)), [0, 0, 5])
    y = dark.sum(dark.relu(dark.concat([g, dark.amax(h, axis=0)])))
    y.backward()
    for node in (x, b, h, g, y):
        assert type(node.grad) is np.ndarray
        assert node.grad.shape == node.shape
        assert node.grad.dtype == node.dtype


@pytest.mark.parametrize("kind", LEAVES)
def test_repr_and_str_name_the_class_and_show_the_value(kind):
    node = leaf(kind, [1.5, -2.0])
    assert repr(node).startswith(f"{kind}(value=array([ 1.5, -2. ])")
    assert str(node) == repr(node)
    made = dark.mul(node, 2)
    assert repr(made).startswith("Node(value=array([ 3., -4.])")
    assert "op=Mul" in repr(made)


@pytest.mark.provides("backward", "arrays")
def test_a_shared_node_gets_the_sum_of_its_paths_with_broadcasting():
    x = dark.Parameter(np.array([1.0, 2.0, 3.0]))
    m = dark.Parameter(np.ones((2, 3)))
    y = dark.sum(dark.add(dark.mul(x, m), dark.mul(x, x)))  # Σ_rows x + x² per row
    y.backward()
    np.testing.assert_array_equal(x.grad, 2 * (1 + 2 * x.value))
    np.testing.assert_array_equal(m.grad, np.broadcast_to(x.value, (2, 3)))


OPERATIONS_WITH_PARAMS = [
    ("Sum", lambda x, c: dark.sum(x, axis=0), 1),
    ("Mean", lambda x, c: dark.mean(x, axis=(0, 1), keepdims=True), 1),
    ("Amax", lambda x, c: dark.amax(x), 1),
    ("Amin", lambda x, c: dark.amin(x, axis=-1), 1),
    ("Logsumexp", lambda x, c: dark.logsumexp(x, axis=1), 1),
    ("Reshape", lambda x, c: dark.reshape(x, (3, 2)), 1),
    ("Transpose", lambda x, c: dark.transpose(x), 1),
    ("BroadcastTo", lambda x, c: dark.broadcast_to(x, (4, 2, 3)), 1),
    ("Getitem", lambda x, c: dark.getitem(x, (0, [1, 1])), 1),
    ("Concat", lambda x, c: dark.concat([x, c, [[1.0, 2.0, 3.0]]]), 3),
    ("Stack", lambda x, c: dark.stack([x, c], axis=1), 2),
    ("Where", lambda x, c: dark.where(np.eye(2, 3) > 0, x, c), 2),
    ("Matmul", lambda x, c: dark.matmul(x, [1.0, 2.0, 3.0]), 2),
    ("Softmax", lambda x, c: dark.softmax(x), 1),
    ("LogSoftmax", lambda x, c: dark.log_softmax(x, axis=0), 1),
    ("CrossEntropy", lambda x, c: dark.cross_entropy(x, [0, 2]), 1),
    (
        "BinaryCrossEntropyWithLogits",
        lambda x, c: dark.binary_cross_entropy_with_logits(x, np.ones((2, 3))),
        2,
    ),
]


@pytest.mark.provides("arrays", "apply")
@pytest.mark.parametrize(
    ("name", "build", "count"),
    OPERATIONS_WITH_PARAMS,
    ids=[row[0] for row in OPERATIONS_WITH_PARAMS],
)
def test_each_operation_returns_a_new_node_made_by_its_class_with_its_inputs(name, build, count):
    x = dark.Parameter(np.arange(6.0).reshape(2, 3))
    c = dark.Constant(np.ones((2, 3)))
    result = build(x, c)
    assert result.op is getattr(dark, name)
    assert issubclass(result.op, dark.Operation)
    assert type(result.inputs) is list and len(result.inputs) == count
    assert result.inputs[0] is x
    for node in result.inputs[1:]:
        assert node is c or type(node) is dark.Constant
