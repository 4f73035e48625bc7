"""Bad input on arrays: the right error, a message naming the operation and the shapes or
value, and nothing changed (no value, no grad, no graph-recording setting)."""

import numpy as np
import pytest
from under_test import dark

pytestmark = pytest.mark.provides("bad_input", "arrays")

NOT_REAL = [
    pytest.param("abc", "'abc'", id="str"),
    pytest.param(None, "None", id="None"),
    pytest.param(1 + 2j, "(1+2j)", id="complex"),
    pytest.param(np.array([1 + 2j, 3]), "complex128 array of shape (2,)", id="complex-array"),
    pytest.param(np.array([1, "a"], dtype=object), "object array of shape (2,)", id="object-array"),
    pytest.param([[1.0], [2.0, 3.0]], "[[1.0], [2.0, 3.0]]", id="ragged-list"),
    pytest.param(
        np.array(["2020-01-01"], dtype="datetime64[D]"), "datetime64[D] array", id="datetime-array"
    ),
    pytest.param(["1.5", "2"], "['1.5', '2']", id="list-of-str"),
    pytest.param([1.0, None], "[1.0, None]", id="list-with-None"),
    pytest.param(b"12", "b'12'", id="bytes"),
    pytest.param(
        np.zeros(1000, complex), "complex128 array of shape (1000,)", id="large-array-summarised"
    ),
]


@pytest.mark.parametrize("kind", ["Node", "Constant", "Parameter"])
@pytest.mark.parametrize(("value", "shown"), NOT_REAL)
def test_a_value_that_is_not_real_is_a_type_error_naming_the_class_and_showing_it(
    kind, value, shown
):
    with pytest.raises(TypeError) as error:
        getattr(dark, kind)(value)
    message = str(error.value)
    assert message.startswith(f"{kind}: ")
    assert shown in message
    assert len(message) < 300  # a large array is summarised


@pytest.mark.parametrize("kind", ["Node", "Constant", "Parameter"])
def test_a_node_passed_to_a_constructor_is_a_type_error(kind):
    with pytest.raises(TypeError, match=rf"^{kind}: .*Constant\(value=array\(1\.\)\)"):
        getattr(dark, kind)(dark.Constant(1.0))


def snapshot(*nodes):
    return [(node.value.copy(), None if node.grad is None else node.grad.copy()) for node in nodes]


def assert_unchanged(nodes, before):
    for node, (value, grad) in zip(nodes, before, strict=True):
        np.testing.assert_array_equal(node.value, value)
        if grad is None:
            assert node.grad is None
        else:
            np.testing.assert_array_equal(node.grad, grad)


@pytest.fixture
def used():
    """Two Parameters and an intermediate node that have been through a backward pass."""
    x = dark.Parameter(np.arange(6.0).reshape(2, 3))
    y = dark.Parameter(np.ones(3))
    h = dark.mul(x, y)
    dark.sum(h).backward()
    return x, y, h


# (name, call, error type, words the message must hold): every bad input of the contract.
BAD_CALLS = [
    ("add", lambda x, y, h: dark.add(x, np.ones(4)), ValueError, ["(2, 3)", "(4,)"]),
    ("mul", lambda x, y, h: dark.mul(h, np.ones((3, 2))), ValueError, ["(2, 3)", "(3, 2)"]),
    ("max", lambda x, y, h: dark.max(x, [1.0, 2.0]), ValueError, ["(2, 3)", "(2,)"]),
    ("where", lambda x, y, h: dark.where(np.ones(4) > 0, x, y), ValueError, ["(2, 3)", "(3,)"]),
    ("add", lambda x, y, h: dark.add(x, "a"), TypeError, ["'a'"]),
    ("mul", lambda x, y, h: dark.mul(x, None), TypeError, ["None"]),
    ("matmul", lambda x, y, h: dark.matmul(x, x), ValueError, ["(2, 3)", "(2, 3)"]),
    ("matmul", lambda x, y, h: dark.matmul(x, np.ones(2)), ValueError, ["(2, 3)", "(2,)"]),
    ("matmul", lambda x, y, h: dark.matmul(2.0, x), ValueError, ["shape ()", "(2, 3)"]),
    ("sum", lambda x, y, h: dark.sum(x, axis=2), IndexError, ["(2, 3)", "axis 2"]),
    ("mean", lambda x, y, h: dark.mean(x, axis=-3), ValueError, ["(2, 3)", "axis -3"]),
    ("amax", lambda x, y, h: dark.amax(x, axis=(0, 5)), ValueError, ["(2, 3)", "axis 5"]),
    ("amin", lambda x, y, h: dark.amin(h, axis=4), IndexError, ["(2, 3)", "axis 4"]),
    ("logsumexp", lambda x, y, h: dark.logsumexp(y, axis=1), ValueError, ["(3,)", "axis 1"]),
    ("softmax", lambda x, y, h: dark.softmax(x, axis=2), ValueError, ["(2, 3)", "axis 2"]),
    (
        "log_softmax",
        lambda x, y, h: dark.log_softmax(x, axis=-3),
        ValueError,
        ["(2, 3)", "axis -3"],
    ),
    ("concat", lambda x, y, h: dark.concat([x, y], axis=2), ValueError, ["(2, 3)", "(3,)"]),
    ("concat", lambda x, y, h: dark.concat([x, np.ones((2, 2))]), ValueError, ["(2, 3)", "(2, 2)"]),
    ("stack", lambda x, y, h: dark.stack([x, h], axis=3), ValueError, ["(2, 3)", "axis 3"]),
    ("stack", lambda x, y, h: dark.stack([x, y]), ValueError, ["(2, 3)", "(3,)"]),
    ("transpose", lambda x, y, h: dark.transpose(x, (0, 2)), ValueError, ["(2, 3)", "axis 2"]),
    ("reshape", lambda x, y, h: dark.reshape(x, (4, -1)), ValueError, ["(2, 3)", "(4, -1)"]),
    ("reshape", lambda x, y, h: dark.reshape(x, (5,)), ValueError, ["(2, 3)", "(5,)"]),
    (
        "broadcast_to",
        lambda x, y, h: dark.broadcast_to(x, (3, 3)),
        ValueError,
        ["(2, 3)", "(3, 3)"],
    ),
    ("getitem", lambda x, y, h: dark.getitem(x, (0, 3)), IndexError, ["(2, 3)", "(0, 3)"]),
    ("getitem", lambda x, y, h: dark.getitem(x, -3), IndexError, ["(2, 3)", "-3"]),
    ("getitem", lambda x, y, h: dark.getitem(h, [0, 2]), IndexError, ["(2, 3)", "[0, 2]"]),
    ("getitem", lambda x, y, h: dark.getitem(y, (0, 0)), IndexError, ["(3,)", "(0, 0)"]),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(x, [0.0, 1.0]),
        TypeError,
        ["(2, 3)", "integer"],
    ),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(x, [True, False]),
        TypeError,
        ["(2, 3)", "integer"],
    ),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(x, [0, 3]),
        IndexError,
        ["(2, 3)", "[0, 3)"],
    ),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(x, [-1, 0]),
        IndexError,
        ["(2, 3)", "[0, 3)"],
    ),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(x, [0, 1, 2]),
        ValueError,
        ["(2, 3)", "(3,)"],
    ),
    (
        "cross_entropy",
        lambda x, y, h: dark.cross_entropy(y, [0, 1, 2]),
        ValueError,
        ["(3,)", "(N, C)"],
    ),
    (
        "binary_cross_entropy_with_logits",
        lambda x, y, h: dark.binary_cross_entropy_with_logits(x, y),
        ValueError,
        ["(2, 3)", "(3,)"],
    ),
    (
        "binary_cross_entropy_with_logits",
        lambda x, y, h: dark.binary_cross_entropy_with_logits(y, [0.0, 2.0, 1.0]),
        ValueError,
        ["[0, 1]"],
    ),
]


@pytest.mark.parametrize(
    ("name", "call", "kind", "words"),
    BAD_CALLS,
    ids=[f"{name}-{i}" for i, (name, *_) in enumerate(BAD_CALLS)],
)
def test_bad_input_is_a_clear_error_that_changes_nothing(used, name, call, kind, words):
    nodes = list(used)
    before = snapshot(*nodes)
    with pytest.raises(kind) as error:
        call(*nodes)
    message = str(error.value)
    assert message.startswith(f"{name}(") or message.startswith(f"{name}: "), message
    for word in words:
        assert word in message, message
    assert_unchanged(nodes, before)
    with dark.no_grad():  # the recording setting is untouched by the error
        assert dark.mul(used[0], 2).op is None
    assert dark.mul(used[0], 2).op is not None


def test_a_custom_operation_with_too_few_partials_fails_in_backward_and_changes_nothing():
    class OnePartial(dark.Operation):
        @staticmethod
        def _f(a, b):
            return a + b

        @staticmethod
        def _df(dldy, y, a, b):
            return (dldy,)

    x = dark.Parameter(np.ones(3))
    h = dark.mul(x, 2.0)
    y = dark.sum(OnePartial.apply(h, x))
    with pytest.raises(TypeError, match=r"OnePartial\._df returned 1 partials for 2 inputs"):
        y.backward()
    assert not x.grad.any()
    assert h.grad is None and y.grad is None


def test_a_custom_partial_that_cannot_fit_its_input_names_the_operation_and_shapes():
    class WrongShape(dark.Operation):
        @staticmethod
        def _f(x):
            return x * 2

        @staticmethod
        def _df(dldy, y, x):
            return (np.ones(4),)

    x = dark.Parameter(np.ones(3))
    with pytest.raises(ValueError, match=r"WrongShape\._df .*\(4,\).*\(3,\)"):
        dark.sum(WrongShape.apply(x)).backward()
    assert not x.grad.any()
