"""Tensor invariants: memory, numerics, anomaly detection, graph rules at scale."""

import gc
import itertools
import os
import subprocess
import sys
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from under_test import dark


def every_grad_and_value(nodes):
    arrays = [(f"grad {i}", node.grad) for i, node in enumerate(nodes) if node.grad is not None]
    return arrays, [(f"value {i}", node.value) for i, node in enumerate(nodes)]


def assert_no_shared_memory(nodes):
    grads, values = every_grad_and_value(nodes)
    for (name_a, a), (name_b, b) in itertools.combinations(grads, 2):
        assert not np.shares_memory(a, b), f"{name_a} and {name_b} share memory"
    for (name_a, a), (name_b, b) in itertools.product(grads, values):
        assert not np.shares_memory(a, b), f"{name_a} and {name_b} share memory"


def every_node(root):
    seen, stack = {}, [root]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            stack.extend(node.inputs)
    return list(seen.values())


def aliasing_graph():
    """A graph of operations whose partials are views of, or equal to, dldy."""
    w = dark.Parameter(np.arange(6.0).reshape(2, 3))
    b = dark.Parameter(np.ones(3))
    h = dark.add(w, b)  # both partials are dldy itself
    r = dark.reshape(dark.transpose(h), (6,))  # partials: views of dldy
    parts = dark.concat([dark.getitem(r, slice(0, 3)), dark.broadcast_to(b, (3,))])
    s = dark.stack([parts, dark.neg(parts)])  # partials: slices of dldy
    y = dark.sum(dark.mul(s, s))
    return y, w, b, h, r


@pytest.mark.provides("memory")
def test_no_grad_shares_memory_with_another_grad_or_any_value():
    y, *_ = aliasing_graph()
    y.backward()
    assert_no_shared_memory(every_node(y))


@pytest.mark.provides("memory")
def test_zero_grad_on_a_parameter_leaves_every_other_grad_alone():
    # Upstream's reshape and transpose backwards returned views, so W.zero_grad()
    # also zeroed an intermediate node's grad.
    y, w, b, h, r = aliasing_graph()
    y.backward()
    before = {id(node): node.grad.copy() for node in every_node(y) if node.grad is not None}
    w.zero_grad()
    for node in every_node(y):
        if node is not w and node.grad is not None:
            np.testing.assert_array_equal(node.grad, before[id(node)])
    h.grad[...] = 7.0  # changing a grad in place changes no other node
    np.testing.assert_array_equal(r.grad, before[id(r)])
    np.testing.assert_array_equal(b.grad, before[id(b)])


@pytest.mark.provides("memory")
def test_updating_a_value_in_place_changes_no_other_node():
    w = dark.Parameter(np.arange(6.0).reshape(2, 3))
    views = [
        dark.reshape(w, (3, 2)),
        dark.transpose(w),
        dark.getitem(w, (slice(None), 1)),
        dark.broadcast_to(w, (2, 2, 3)),
        dark.sum(w, axis=()),
        dark.amax(w, axis=()),
        dark.mean(w, axis=()),
    ]
    before = [node.value.copy() for node in views]
    y = dark.sum(dark.concat([dark.reshape(v, (-1,)) for v in views]))
    y.backward()
    w.value -= 0.5 * w.grad
    for node, value in zip(views, before, strict=True):
        np.testing.assert_array_equal(node.value, value)


@pytest.mark.provides("memory")
def test_a_parameter_grad_adds_up_in_the_array_you_hold():
    w = dark.Parameter(np.ones((3, 2)))
    held = w.grad
    for _ in range(3):
        dark.sum(dark.mul(w, 2.0)).backward()
    assert w.grad is held
    np.testing.assert_array_equal(held, np.full((3, 2), 6.0))
    w.zero_grad()
    assert w.grad.shape == (3, 2) and not w.grad.any()
    held = w.grad  # read after zero_grad(): the next pass adds into this array
    dark.sum(dark.mul(w, 2.0)).backward()
    assert w.grad is held
    np.testing.assert_array_equal(held, np.full((3, 2), 2.0))


@pytest.mark.provides("memory")
def test_after_zero_grad_a_parameter_takes_a_gradient_no_other_node_holds():
    # After zero_grad() a Parameter may take this pass's share as its gradient
    # instead of adding it to zeros; the share must then be its own array.
    y, w, b, h, r = aliasing_graph()
    y.backward()
    first = {"w": w.grad.copy(), "b": b.grad.copy()}
    for _ in range(2):
        y.zero_grad()
        y.backward()
        assert_no_shared_memory(every_node(y))
        np.testing.assert_array_equal(w.grad, first["w"])
        np.testing.assert_array_equal(b.grad, first["b"])
    h.grad[...] = 7.0
    w.grad[...] = 5.0
    np.testing.assert_array_equal(b.grad, first["b"])


def training_step(x, t, params):
    w1, b1, w2, b2 = params
    hidden = dark.relu(dark.add(dark.matmul(x, w1), b1))
    loss = dark.cross_entropy(dark.add(dark.matmul(hidden, w2), b2), t)
    loss.backward()
    for p in params:
        p.value -= 0.1 * p.grad
        p.zero_grad()
    return loss.item()


@pytest.mark.provides("memory")
def test_a_training_step_leaves_nothing_for_the_cyclic_garbage_collector():
    rng = np.random.default_rng(0)
    x = dark.Constant(rng.standard_normal((16, 8)).astype(np.float32))
    t = rng.integers(0, 4, 16)
    params = [
        dark.Parameter(rng.standard_normal((8, 6)).astype(np.float32)),
        dark.Parameter(np.zeros(6, np.float32)),
        dark.Parameter(rng.standard_normal((6, 4)).astype(np.float32)),
        dark.Parameter(np.zeros(4, np.float32)),
    ]
    training_step(x, t, params)
    gc.collect()
    gc.disable()
    try:
        for _ in range(5):
            training_step(x, t, params)
        assert gc.collect() == 0
    finally:
        gc.enable()


@pytest.mark.provides("memory")
def test_the_input_batch_of_a_matmul_gets_no_partial():
    # x @ W with x a Constant: its gradient would be a whole matrix product for nothing.
    x = dark.Constant(np.ones((4, 3)))
    w = dark.Parameter(np.ones((3, 2)))
    y = dark.matmul(x, w)
    y.grad = np.ones((4, 2))
    dlda, dldb = y.op.differentiate(y)
    assert dlda is None
    np.testing.assert_array_equal(dldb, np.full((3, 2), 4.0))


# ## Numerics: IEEE values, no warnings, numpy's settings untouched

IEEE = [
    (lambda: dark.log(0.0), -np.inf),
    (lambda: dark.log(-1.0), np.nan),
    (lambda: dark.div(1.0, 0.0), np.inf),
    (lambda: dark.div(-1.0, 0.0), -np.inf),
    (lambda: dark.div(0.0, 0.0), np.nan),
    (lambda: dark.exp(1000.0), np.inf),
    (lambda: dark.sqrt(-1.0), np.nan),
    (lambda: dark.pow(0.0, -1.0), np.inf),
    (lambda: dark.pow(-8.0, 0.5), np.nan),
    (lambda: dark.mul(np.inf, 0.0), np.nan),
    (lambda: dark.sub(np.inf, np.inf), np.nan),
    (lambda: dark.sin(np.inf), np.nan),
    (lambda: dark.mul(np.float32(3e38), np.float32(10)), np.inf),
    (lambda: dark.mul(dark.Constant(np.float32(2)), 1e300), np.inf),  # 1e300 as float32
    (lambda: dark.logsumexp([-np.inf, -np.inf]), -np.inf),
    (lambda: dark.mean(np.zeros(0)), np.nan),
]


@pytest.mark.provides("numerics")
@pytest.mark.parametrize(("build", "expected"), IEEE, ids=[f"case{i}" for i in range(len(IEEE))])
def test_values_follow_ieee_with_no_warning_and_geterr_unchanged(build, expected):
    settings_before = np.geterr()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        node = build()
    np.testing.assert_array_equal(node.value, expected)
    assert np.geterr() == settings_before


@pytest.mark.provides("numerics")
def test_backward_through_infinities_warns_nothing_and_leaves_geterr_alone():
    settings_before = np.geterr()
    x = dark.Parameter(np.array([0.0, -1.0, 1e300, 2.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = dark.sum(dark.add(dark.add(dark.log(x), dark.sqrt(x)), dark.mul(x, x)))
        y.backward()
    assert np.isinf(x.grad[0]) and np.isnan(x.grad[1])
    assert np.geterr() == settings_before


@pytest.mark.provides("numerics")
def test_importing_dark_changes_no_numpy_setting(stage_folder):
    # Upstream called numpy.seterr(over="raise") for the whole process at import.
    script = (
        "import numpy, stages\n"
        "before = numpy.geterr()\n"
        f"stages.import_dark({str(stage_folder)!r})\n"
        "assert numpy.geterr() == before, (before, numpy.geterr())\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.provides("numerics")
@pytest.mark.parametrize("logit", [1e4, -1e4])
def test_losses_are_finite_and_exact_for_huge_logits(logit):
    logits = dark.Parameter(np.array([[logit, 0.0, -logit]]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        loss = dark.cross_entropy(logits, [1])
        loss.backward()
    assert loss.item() == abs(logit)
    assert np.isfinite(logits.grad).all()
    for function in (dark.softmax, dark.log_softmax):
        assert np.isfinite(function(logits).value).all()


@pytest.mark.provides("numerics")
def test_binary_cross_entropy_with_logits_is_exact_far_out():
    # Upstream gave 23.03 at logit -40, target 1.
    assert dark.binary_cross_entropy_with_logits([-40.0], [1.0]).item() == 40.0
    assert dark.binary_cross_entropy_with_logits([1e4, -1e4], [0.0, 1.0]).item() == 1e4
    assert dark.binary_cross_entropy_with_logits([1e4, -1e4], [1.0, 0.0]).item() == 0.0


@pytest.mark.provides("numerics")
def test_logsumexp_of_large_equal_values_is_exact():
    assert dark.logsumexp([1000.0, 1000.0]).item() == 1000 + np.log(2)
    assert dark.softmax(np.array([1000.0, 0.0])).value.tolist() == [1.0, 0.0]


# ## detect_anomaly


@pytest.mark.provides("anomaly")
@pytest.mark.parametrize(
    ("build", "name"),
    [
        (lambda: dark.exp(np.array([1.0, 1000.0])), "exp"),
        (lambda: dark.log(np.array([0.0, 1.0])), "log"),
        (lambda: dark.div(1.0, np.array([2.0, 0.0])), "div"),
        (lambda: dark.matmul(np.full((1, 2), 1e300), np.full((2, 1), 1e300)), "matmul"),
    ],
    ids=["exp", "log", "div", "matmul"],
)
def test_an_operation_that_makes_a_non_finite_value_from_finite_inputs_raises(build, name):
    build()  # outside the block, IEEE: no error
    with dark.detect_anomaly():
        with pytest.raises(FloatingPointError, match=rf"^{name}\(float64 array of shape"):
            build()


@pytest.mark.provides("anomaly")
def test_non_finite_in_non_finite_out_is_no_anomaly_and_the_mode_ends_with_the_block():
    with dark.detect_anomaly():
        assert np.isnan(dark.exp(np.nan).value)
        assert np.isinf(dark.log(np.inf).value)
    assert np.isinf(dark.log(0.0).value)


@pytest.mark.provides("anomaly")
def test_backward_names_the_operation_whose_partial_is_not_finite_and_changes_no_grad():
    x = dark.Parameter(np.array([4.0, 0.0]))
    h = dark.mul(x, 1.0)
    y = dark.sum(dark.sqrt(h))  # √0 is finite; its slope at 0 is not
    y.backward()
    grads_before = {id(n): (n.grad, n.grad.copy()) for n in every_node(y) if n.grad is not None}
    with dark.detect_anomaly():
        with pytest.raises(FloatingPointError, match=r"Sqrt\._df.*input 0"):
            y.backward()
    for node in every_node(y):
        if node.grad is not None:
            kept, values = grads_before[id(node)]
            np.testing.assert_array_equal(node.grad, values)
            if not isinstance(node, dark.Parameter):
                assert node.grad is kept


@pytest.mark.provides("anomaly")
def test_any_error_in_backward_leaves_every_grad_as_it_was():
    class Fragile(dark.Operation):
        fail = False

        @staticmethod
        def _f(x):
            return x * 2

        @staticmethod
        def _df(dldy, y, x):
            if Fragile.fail:
                raise RuntimeError("a bug in _df")
            return (dldy * 2,)

    w = dark.Parameter(np.ones(3))
    h = dark.mul(w, w)
    y = dark.sum(dark.add(Fragile.apply(h), h))
    y.backward()
    before = [(node, node.grad.copy()) for node in every_node(y) if node.grad is not None]
    Fragile.fail = True
    with pytest.raises(RuntimeError, match="a bug in _df"):
        y.backward()
    for node, grad in before:
        np.testing.assert_array_equal(node.grad, grad)


# ## dark-1's graph rules, on arrays


@pytest.mark.provides("arrays", "no_grad")
def test_no_grad_builds_no_graph_on_arrays():
    w = dark.Parameter(np.ones((2, 2)))
    with dark.no_grad():
        y = dark.sum(dark.matmul(w, w), axis=0)
    assert (y.op, y.inputs) == (None, [])
    np.testing.assert_array_equal(y.value, [4.0, 4.0])


@pytest.mark.provides("arrays", "zero_grad")
def test_zero_grad_clears_the_node_and_its_dependencies_only():
    a, b = dark.Parameter(np.ones(2)), dark.Parameter(np.ones(2))
    ya, yb = dark.sum(dark.mul(a, 3.0)), dark.sum(dark.mul(b, 5.0))
    ya.backward()
    yb.backward()
    ya.zero_grad()
    assert not a.grad.any() and not ya.grad.any()
    np.testing.assert_array_equal(b.grad, [5.0, 5.0])


@pytest.mark.provides("arrays", "custom_operation")
def test_a_custom_elementwise_operation_broadcasts_with_no_extra_code():
    class Hypot(dark.Operation):
        @staticmethod
        def _f(a, b):
            return np.sqrt(a * a + b * b)

        @staticmethod
        def _df(dldy, y, a, b):
            return dldy * a / y, dldy * b / y  # in the broadcast shape (4, 3)

    a = dark.Parameter(np.full((4, 1), 3.0))
    b = dark.Parameter(np.full(3, 4.0))
    y = Hypot.apply(a, b)
    assert y.shape == (4, 3)
    dark.sum(y).backward()
    np.testing.assert_allclose(a.grad, np.full((4, 1), 3 * 0.6))
    np.testing.assert_allclose(b.grad, np.full(3, 4 * 0.8))


@pytest.mark.provides("arrays", "custom_operation")
def test_a_custom_operation_may_return_a_number_for_a_partial():
    class Halve(dark.Operation):
        @staticmethod
        def _f(x):
            return x / 2

        @staticmethod
        def _df(dldy, y, x):
            return (0.5,)  # constant slope: spread over x's shape by the base class

    x = dark.Parameter(np.ones((2, 3), np.float32))
    Halve.apply(x).backward(np.ones((2, 3), np.float32))
    assert (x.grad.shape, x.grad.dtype) == ((2, 3), np.float32)
    np.testing.assert_array_equal(x.grad, np.full((2, 3), 0.5))


@pytest.mark.provides("arrays", "custom_operation")
def test_a_partial_of_the_wrong_shape_is_refused_and_changes_no_grad():
    class Unfitted(dark.Operation):
        @staticmethod
        def _f(x, w):
            return x * w

        @staticmethod
        def _df(dldy, y, x, w):
            return dldy * w, dldy * x  # w's partial in x's shape, left unsummed

        @classmethod
        def differentiate(cls, node):  # skips the base class, which would sum it
            return cls._df(node.grad, node.value, *[x.value for x in node.inputs])

    x, w = dark.Parameter(np.ones((2, 3))), dark.Parameter(2.0)
    y = dark.sum(Unfitted.apply(x, w))
    with pytest.raises(ValueError, match=r"Unfitted .*shape \(2, 3\).*shape \(\)"):
        y.backward()
    assert (w.grad.shape, x.grad.shape) == ((), (2, 3))
    assert w.grad == 0 and not x.grad.any() and y.grad is None


@pytest.mark.provides("arrays", "backward")
@settings(max_examples=30)
@given(
    shapes=hnp.mutually_broadcastable_shapes(num_shapes=3, max_dims=3, max_side=3),
    seed=st.integers(0, 99),
)
def test_every_grad_has_its_nodes_shape_and_dtype_and_no_memory_is_shared(shapes, seed):
    rng = np.random.default_rng(seed)
    dtypes = [np.float32, np.float64]
    leaves = [
        dark.Parameter(rng.standard_normal(shape).astype(dtypes[int(rng.integers(2))]))
        for shape in shapes.input_shapes
    ]
    a, b, c = leaves
    h = dark.tanh(dark.add(dark.mul(a, b), c))
    y = dark.mean(dark.sub(dark.mul(h, h), dark.max(h, a)))
    y.backward()
    nodes = every_node(y)
    for node in nodes:
        assert type(node.grad) is np.ndarray
        assert (node.grad.shape, node.grad.dtype) == (node.shape, node.dtype)
    assert_no_shared_memory(nodes)
