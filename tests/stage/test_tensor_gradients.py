"""Tensor oracles: every operation's vector-Jacobian product, on arrays of many shapes.

Two oracles check each case, both in float64 and both with a RANDOM cotangent: a
backward pass that starts from `sum()` (a cotangent of ones) is blind to bugs that
a uniform gradient cannot see, such as an upsample that picks one element per block
instead of summing it.
- PyTorch: the value and every input's gradient of `y.backward(v)` must agree.
  Skipped, and reported as skipped, where torch is not installed.
- Directional central differences, always run: for a random direction d,
  Σ <grad_i, d_i> must equal (f(x + εd) - f(x - εd)) / 2ε, where f(x) = <v, y(x)>.

Shapes come from hypothesis (mutually broadcastable shapes for every binary
operation, every axis form for every reduction) and from explicit tables.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.lib.array_utils import normalize_axis_tuple
from under_test import dark

EPSILON = 1e-6


# Each input of each elementwise operation maps uniform(-2, 2) draws into its domain,
# away from the kinks (the kinks have tests of their own, where torch agrees exactly).
def anywhere(u):
    return u


def positive(u):
    return np.abs(u) + 0.5


def away_from_zero(u):
    return np.where(u < 0, u - 0.5, u + 0.5)


def on_quarters(u):  # max and min: a is k + 1/4 and b is k - 1/4, so they never tie
    return np.round(u) + 0.25


def on_three_quarters(u):
    return np.round(u) - 0.25


ELEMENTWISE = {
    "add": (anywhere, anywhere),
    "sub": (anywhere, anywhere),
    "mul": (anywhere, anywhere),
    "div": (anywhere, away_from_zero),
    "pow": (positive, anywhere),
    "max": (on_quarters, on_three_quarters),
    "min": (on_quarters, on_three_quarters),
    "neg": (anywhere,),
    "exp": (anywhere,),
    "log": (positive,),
    "sqrt": (positive,),
    "abs": (away_from_zero,),
    "tanh": (anywhere,),
    "sigmoid": (anywhere,),
    "relu": (away_from_zero,),
    "sin": (anywhere,),
    "cos": (anywhere,),
}
BINARY = [name for name, domains in ELEMENTWISE.items() if len(domains) == 2]
UNARY = [name for name, domains in ELEMENTWISE.items() if len(domains) == 1]


@pytest.fixture(scope="module")
def torch():
    return pytest.importorskip("torch", reason="PyTorch is not installed: no torch oracle")


def dark_vjp(build, arrays, cotangent):
    """y's value and each input's gradient after y.backward(cotangent), all Parameters."""
    leaves = [dark.Parameter(array) for array in arrays]
    y = build(*leaves)
    y.backward(cotangent)
    return y.value, [leaf.grad for leaf in leaves]


def output_shape(build, arrays):
    with dark.no_grad():
        return build(*[dark.Constant(array) for array in arrays]).shape


def check_torch(torch, build, torch_build, arrays, rng):
    cotangent = rng.standard_normal(output_shape(build, arrays))
    value, grads = dark_vjp(build, arrays, cotangent)
    leaves = [torch.tensor(array, dtype=torch.float64, requires_grad=True) for array in arrays]
    expected = torch_build(torch, *leaves)
    expected.backward(torch.tensor(cotangent, dtype=torch.float64))
    np.testing.assert_allclose(value, expected.detach().numpy(), rtol=1e-12, atol=1e-12)
    for i, (grad, leaf) in enumerate(zip(grads, leaves, strict=True)):
        wanted = np.zeros(leaf.shape) if leaf.grad is None else leaf.grad.numpy()
        assert grad.shape == wanted.shape, f"input {i}"
        np.testing.assert_allclose(grad, wanted, rtol=1e-10, atol=1e-12, err_msg=f"input {i}")


def check_directional(build, arrays, rng):
    cotangent = rng.standard_normal(output_shape(build, arrays))
    _, grads = dark_vjp(build, arrays, cotangent)
    directions = [rng.standard_normal(array.shape) for array in arrays]

    def f(step):
        with dark.no_grad():
            moved = [dark.Constant(a + step * d) for a, d in zip(arrays, directions, strict=True)]
            return float(np.sum(cotangent * build(*moved).value))

    finite_difference = (f(EPSILON) - f(-EPSILON)) / (2 * EPSILON)
    slope = float(np.sum([np.sum(g * d) for g, d in zip(grads, directions, strict=True)]))
    assert slope == pytest.approx(finite_difference, rel=1e-6, abs=1e-7)


def elementwise_arrays(name, shapes, rng):
    return [
        domain(rng.uniform(-2, 2, shape))
        for domain, shape in zip(ELEMENTWISE[name], shapes, strict=True)
    ]


def elementwise(name):
    return lambda *nodes: getattr(dark, name)(*nodes)


def torch_elementwise(name):
    # torch.max and torch.min of two tensors are elementwise, as dark's are.
    return lambda torch, *tensors: getattr(torch, name)(*tensors)


seeds = st.integers(0, 2**32 - 1)
binary_shapes = hnp.mutually_broadcastable_shapes(num_shapes=2, min_dims=0, max_dims=4, max_side=3)
unary_shapes = hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=3)


# ## Elementwise operations, with broadcasting


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize("name", BINARY)
@settings(max_examples=40)
@given(shapes=binary_shapes, seed=seeds)
def test_binary_operation_matches_torch_on_broadcast_shapes(torch, name, shapes, seed):
    rng = np.random.default_rng(seed)
    arrays = elementwise_arrays(name, shapes.input_shapes, rng)
    check_torch(torch, elementwise(name), torch_elementwise(name), arrays, rng)


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize("name", BINARY)
@settings(max_examples=40)
@given(shapes=binary_shapes, seed=seeds)
def test_binary_operation_matches_finite_differences_on_broadcast_shapes(name, shapes, seed):
    rng = np.random.default_rng(seed)
    arrays = elementwise_arrays(name, shapes.input_shapes, rng)
    check_directional(elementwise(name), arrays, rng)


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize("name", UNARY)
@settings(max_examples=20)
@given(shape=unary_shapes, seed=seeds)
def test_unary_operation_matches_torch(torch, name, shape, seed):
    rng = np.random.default_rng(seed)
    arrays = elementwise_arrays(name, [shape], rng)
    check_torch(torch, elementwise(name), torch_elementwise(name), arrays, rng)


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize("name", UNARY)
@settings(max_examples=20)
@given(shape=unary_shapes, seed=seeds)
def test_unary_operation_matches_finite_differences(name, shape, seed):
    rng = np.random.default_rng(seed)
    check_directional(elementwise(name), elementwise_arrays(name, [shape], rng), rng)


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize("name", list(ELEMENTWISE))
@pytest.mark.parametrize("shape", [(5,), (2, 3)], ids=str)
def test_a_batch_gives_the_scalar_results_element_by_element(name, shape):
    rng = np.random.default_rng(sum(map(ord, name)))
    arrays = elementwise_arrays(name, [shape] * len(ELEMENTWISE[name]), rng)
    cotangent = rng.standard_normal(shape)
    value, grads = dark_vjp(elementwise(name), arrays, cotangent)
    for index in np.ndindex(shape):
        scalars = [array[index] for array in arrays]
        one_value, one_grads = dark_vjp(elementwise(name), scalars, cotangent[index])
        assert value[index] == one_value
        assert [grad[index] for grad in grads] == one_grads


# The kinks, where a derivative is a convention: dark takes PyTorch's, exactly.
KINKS = [
    ("abs", [np.array([-1.0, 0.0, -0.0, 2.0])]),
    ("relu", [np.array([-1.0, 0.0, -0.0, 2.0])]),
    ("max", [np.array([1.0, 2.0, 3.0, 0.0]), np.array([1.0, 1.0, 3.0, 5.0])]),
    ("min", [np.array([1.0, 2.0, 3.0, 0.0]), np.array([1.0, 1.0, 3.0, 5.0])]),
    ("max", [np.array([[1.0, 2.0], [3.0, 3.0]]), np.array([3.0, 2.0])]),  # ties, broadcast
    ("pow", [np.array([0.0, 0.0, 0.0, 2.0]), np.array([0.0, 1.0, 2.0, 0.0])]),
    ("pow", [np.array([0.0, 3.0]), np.array([[2.0], [3.0]])]),
]


@pytest.mark.provides("broadcasting")
@pytest.mark.parametrize(
    ("name", "arrays"), KINKS, ids=[f"{name}-{i}" for i, (name, _) in enumerate(KINKS)]
)
def test_kinks_match_torch_exactly(torch, name, arrays):
    rng = np.random.default_rng(1)
    check_torch(torch, elementwise(name), torch_elementwise(name), arrays, rng)


# ## Reductions, over every axis form

AXES = [None, 0, 1, 2, -1, -3, (), (0,), (1, -1), (0, 2), (2, 0), (-3, -2, -1)]


def torch_reduction(name, axis, keepdims):
    def build(torch, x):
        dims = tuple(range(x.ndim)) if axis is None else normalize_axis_tuple(axis, x.ndim)
        if not dims:
            return x * 1  # axis=() reduces nothing, as in numpy (torch would reduce all)
        if name == "sum":
            return x.sum(dim=dims, keepdim=keepdims)
        if name == "mean":
            return x.mean(dim=dims, keepdim=keepdims)
        return getattr(torch, name)(x, dim=dims, keepdim=keepdims)

    return build


REDUCTIONS = ["sum", "mean", "amax", "amin", "logsumexp"]


def reduction(name, axis, keepdims):
    return lambda x: getattr(dark, name)(x, axis=axis, keepdims=keepdims)


@pytest.mark.provides("reductions")
@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("axis", AXES, ids=repr)
@pytest.mark.parametrize("keepdims", [False, True], ids=["", "keepdims"])
def test_reduction_matches_torch_for_every_axis_form(torch, name, axis, keepdims):
    rng = np.random.default_rng(2)
    x = rng.standard_normal((2, 3, 4))
    check_torch(
        torch, reduction(name, axis, keepdims), torch_reduction(name, axis, keepdims), [x], rng
    )


@pytest.mark.provides("reductions")
@pytest.mark.parametrize("name", REDUCTIONS)
@pytest.mark.parametrize("axis", AXES, ids=repr)
@pytest.mark.parametrize("keepdims", [False, True], ids=["", "keepdims"])
def test_reduction_matches_finite_differences_for_every_axis_form(name, axis, keepdims):
    rng = np.random.default_rng(3)
    check_directional(reduction(name, axis, keepdims), [rng.standard_normal((2, 3, 4))], rng)


@st.composite
def shapes_and_axes(draw):
    shape = draw(hnp.array_shapes(min_dims=0, max_dims=4, min_side=1, max_side=3))
    ndim = len(shape)
    forms = [st.none(), hnp.valid_tuple_axes(ndim)]
    if ndim:
        forms.append(st.integers(-ndim, ndim - 1))
    return shape, draw(st.one_of(forms)), draw(st.booleans())


@pytest.mark.provides("reductions")
@pytest.mark.parametrize("name", REDUCTIONS)
@settings(max_examples=30)
@given(case=shapes_and_axes(), seed=seeds)
def test_reduction_on_drawn_shapes_and_axes(torch, name, case, seed):
    shape, axis, keepdims = case
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(shape)
    check_torch(
        torch, reduction(name, axis, keepdims), torch_reduction(name, axis, keepdims), [x], rng
    )
    check_directional(reduction(name, axis, keepdims), [x], rng)


# ## Shapes, indexing, joining, matmul and losses: (family, id, shapes, dark, torch)
# `torch` is None where torch has no equivalent (a slice with a negative step).


def case(family, name, shapes, build, torch_build, domain=None):
    return pytest.param(
        shapes, build, torch_build, domain, id=name, marks=pytest.mark.provides(family)
    )


def index_in_torch(torch, index):
    def convert(part):
        return torch.as_tensor(part) if isinstance(part, np.ndarray | list) else part

    return tuple(map(convert, index)) if isinstance(index, tuple) else convert(index)


def getitem_case(name, shape, index, torch_too=True):
    return case(
        "indexing",
        name,
        [shape],
        lambda x: dark.getitem(x, index),
        (lambda torch, x: x[index_in_torch(torch, index)]) if torch_too else None,
    )


def by_logits(build):
    return lambda torch, *xs: build(torch.nn.functional, *xs)


TARGETS = np.array([2, 0, 2, 4])
MATMUL_SHAPES = [
    ((4,), (4,)),
    ((3, 4), (4,)),
    ((4,), (4, 5)),
    ((3, 4), (4, 5)),
    ((2, 3, 4), (4, 5)),
    ((3, 4), (2, 4, 5)),
    ((2, 3, 4), (2, 4, 5)),
    ((2, 1, 3, 4), (5, 4, 2)),
    ((4,), (2, 4, 5)),
    ((2, 3, 4), (4,)),
    ((1, 3, 4), (2, 4, 1)),
]

CASES = [
    case(
        "shapes",
        "reshape",
        [(2, 3, 4)],
        lambda x: dark.reshape(x, (4, -1)),
        lambda t, x: x.reshape(4, -1),
    ),
    case(
        "shapes",
        "reshape-to-0d",
        [(1, 1)],
        lambda x: dark.reshape(x, ()),
        lambda t, x: x.reshape(()),
    ),
    case(
        "shapes",
        "transpose",
        [(2, 3, 4)],
        lambda x: dark.transpose(x),
        lambda t, x: x.permute(2, 1, 0),
    ),
    case(
        "shapes",
        "transpose-axes",
        [(2, 3, 4)],
        lambda x: dark.transpose(x, (1, -1, 0)),
        lambda t, x: x.permute(1, 2, 0),
    ),
    case(
        "shapes",
        "broadcast_to",
        [(3,)],
        lambda x: dark.broadcast_to(x, (2, 4, 3)),
        lambda t, x: x.broadcast_to((2, 4, 3)),
    ),
    case(
        "shapes",
        "broadcast_to-ones",
        [(2, 1, 3)],
        lambda x: dark.broadcast_to(x, (5, 2, 4, 3)),
        lambda t, x: x.broadcast_to((5, 2, 4, 3)),
    ),
    case(
        "shapes",
        "concat",
        [(2, 3), (4, 3)],
        lambda a, b: dark.concat([a, b]),
        lambda t, a, b: t.cat([a, b]),
    ),
    case(
        "shapes",
        "concat-axis",
        [(2, 3), (2, 1), (2, 2)],
        lambda *xs: dark.concat(list(xs), axis=-1),
        lambda t, *xs: t.cat(xs, dim=-1),
    ),
    case(
        "shapes",
        "stack",
        [(2, 3), (2, 3)],
        lambda a, b: dark.stack([a, b]),
        lambda t, a, b: t.stack([a, b]),
    ),
    case(
        "shapes",
        "stack-axis",
        [(2, 3)] * 3,
        lambda *xs: dark.stack(list(xs), axis=-1),
        lambda t, *xs: t.stack(xs, dim=-1),
    ),
    case(
        "shapes",
        "where",
        [(2, 3), (3,)],
        lambda a, b: dark.where(np.array([[1, 0, 1], [0, 0, 1]]) > 0, a, b),
        lambda t, a, b: t.where(t.tensor([[True, False, True], [False, False, True]]), a, b),
    ),
    getitem_case("int", (4, 3), 2),
    getitem_case("negative-int", (4, 3), -1),
    getitem_case("two-ints", (4, 3), (1, 2)),
    getitem_case("slice", (5, 3), slice(1, 4)),
    getitem_case("slice-step", (6, 3), (slice(None), slice(0, 3, 2))),
    getitem_case("negative-step", (5,), slice(None, None, -2), torch_too=False),
    getitem_case("none-ellipsis", (2, 3, 4), (None, Ellipsis, 1)),
    getitem_case("repeated-ints", (4, 3), [0, 0, 1, 3, 0]),
    getitem_case("int-array-2d", (4, 3), np.array([[0, 1], [1, 1]])),
    getitem_case("int-arrays-pair", (4, 3), (np.array([0, 0, 2]), np.array([1, 1, 0]))),
    getitem_case("slice-and-ints", (4, 3), (slice(1, None), [2, 2])),
    *[
        case(
            "matmul",
            f"matmul{a}{b}",
            [a, b],
            lambda x, y: dark.matmul(x, y),
            lambda t, x, y: t.matmul(x, y),
        )
        for a, b in MATMUL_SHAPES
    ],
    case(
        "losses", "softmax", [(4, 5)], lambda x: dark.softmax(x), lambda t, x: t.softmax(x, dim=-1)
    ),
    case(
        "losses",
        "softmax-axis0",
        [(2, 4, 5)],
        lambda x: dark.softmax(x, axis=0),
        lambda t, x: t.softmax(x, dim=0),
    ),
    case(
        "losses",
        "log_softmax",
        [(4, 5)],
        lambda x: dark.log_softmax(x),
        lambda t, x: t.log_softmax(x, dim=-1),
    ),
    case(
        "losses",
        "log_softmax-axis1",
        [(2, 4, 5)],
        lambda x: dark.log_softmax(x, axis=1),
        lambda t, x: t.log_softmax(x, dim=1),
    ),
    case(
        "losses",
        "cross_entropy",
        [(4, 5)],
        lambda x: dark.cross_entropy(x, TARGETS),
        lambda t, x: t.nn.functional.cross_entropy(x, t.tensor(TARGETS)),
    ),
    case(
        "losses",
        "binary_cross_entropy_with_logits",
        [(3, 4), (3, 4)],
        lambda x, p: dark.binary_cross_entropy_with_logits(x, p),
        lambda t, x, p: t.nn.functional.binary_cross_entropy_with_logits(x, p),
        domain=[anywhere, lambda u: (u + 2) / 4],
    ),
]


def draw_inputs(shapes, domain, rng):
    domain = domain or [anywhere] * len(shapes)
    return [map_(rng.uniform(-2, 2, shape)) for map_, shape in zip(domain, shapes, strict=True)]


@pytest.mark.parametrize(("shapes", "build", "torch_build", "domain"), CASES)
def test_operation_matches_torch(torch, shapes, build, torch_build, domain):
    if torch_build is None:
        pytest.skip("torch has no equivalent; the finite-difference oracle checks it")
    rng = np.random.default_rng(4)
    check_torch(torch, build, torch_build, draw_inputs(shapes, domain, rng), rng)


@pytest.mark.parametrize(("shapes", "build", "torch_build", "domain"), CASES)
def test_operation_matches_finite_differences(shapes, build, torch_build, domain):
    rng = np.random.default_rng(5)
    check_directional(build, draw_inputs(shapes, domain, rng), rng)


@pytest.mark.provides("matmul")
@settings(max_examples=60)
@given(
    shapes=hnp.mutually_broadcastable_shapes(signature=np.matmul.signature, max_dims=3, max_side=3),
    seed=seeds,
)
def test_matmul_on_drawn_batch_shapes(torch, shapes, seed):
    rng = np.random.default_rng(seed)
    arrays = [rng.standard_normal(shape) for shape in shapes.input_shapes]
    check_torch(torch, dark.matmul, lambda t, a, b: t.matmul(a, b), arrays, rng)
    check_directional(dark.matmul, arrays, rng)
