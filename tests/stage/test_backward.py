"""backward() and zero_grad(): what each call leaves in every node's grad."""

import math
from collections import Counter

import pytest
from gradients import graph_operations, written_graphs
from hypothesis import given, settings
from under_test import KnownFault, call, dark, operation_class
from values import is_number

pytestmark = pytest.mark.provides("backward")


def assert_summed(node, expected, one_path):
    """`node.grad` is `expected`, the sum over its consumers; `one_path` lists single shares."""
    if node.grad in one_path:
        raise KnownFault(
            f"a node used twice got grad {node.grad!r}, one consumer's share, not the sum "
            f"{expected!r}: backward sets a shared node's grad instead of adding to it"
        )
    assert node.grad == expected


def test_the_contract_example_descends_to_the_minimum():
    x = dark.Parameter(10)
    for _ in range(100):
        fx = dark.add(dark.mul(2, dark.pow(x, 2)), 5)  # 2x² + 5
        fx.backward()
        x.value = x.value - 0.1 * x.grad
        x.zero_grad()
    # Each step is x - 0.1·4x = 0.6x.
    assert x.value == pytest.approx(10 * 0.6**100, rel=1e-12)
    assert x.grad == 0.0


def test_backward_seeds_the_root_with_one():
    x = dark.Parameter(2.0)
    y = dark.mul(x, 3.0)
    y.backward()
    assert y.grad == 1.0
    assert x.grad == 3.0


def test_a_parameter_root_adds_one_per_call():
    x = dark.Parameter(2.0)
    x.backward()
    x.backward()
    assert x.grad == 2.0


def test_a_constant_root_keeps_no_grad():
    constant = dark.Constant(2.0)
    constant.backward()
    assert constant.grad is None


def test_every_node_gets_the_derivative_of_the_root():
    x = dark.Parameter(0.5)
    h = dark.sin(x)
    y = dark.mul(h, 3.0)
    y.backward()
    assert h.grad == 3.0
    assert x.grad == pytest.approx(3.0 * math.cos(0.5), rel=1e-15)
    assert y.inputs[1].grad is None  # the wrapped Constant


def test_a_node_used_twice_gets_the_sum_of_both_paths():
    x = dark.Parameter(1.5)
    h = dark.mul(x, 2.0)
    y = dark.add(dark.mul(h, 3.0), dark.mul(h, 5.0))
    y.backward()
    assert_summed(h, 8.0, one_path=(3.0, 5.0))
    assert x.grad == 16.0


# f(h, h) for h = 2x at x = 1.5, so h = 3 and dh/dx = 2: the expected d/dx.
SAME_NODE_TWICE = [
    ("add", 4.0),
    ("sub", 0.0),
    ("mul", 2.0 * 3.0 * 2.0),
    ("div", 0.0),
    ("pow", 3.0**3.0 * (math.log(3.0) + 1.0) * 2.0),
    ("max", 2.0),
    ("min", 2.0),
]


@pytest.mark.parametrize(("name", "expected"), SAME_NODE_TWICE)
def test_a_node_given_twice_to_one_operation_gets_both_contributions(name, expected):
    x = dark.Parameter(1.5)
    h = dark.mul(x, 2.0)
    call(name, h, h).backward()
    assert x.grad == pytest.approx(expected, rel=1e-15, abs=0.0)


def test_a_parameter_used_in_several_places_gets_every_contribution():
    x = dark.Parameter(2.0)
    y = dark.add(dark.mul(x, x), dark.add(dark.exp(x), dark.mul(3.0, x)))  # x² + eˣ + 3x
    y.backward()
    assert x.grad == pytest.approx(2.0 * 2.0 + math.exp(2.0) + 3.0, rel=1e-15)


def test_a_second_backward_does_not_double_an_intermediate_grad():
    x = dark.Parameter(2.0)
    leaf = dark.Node(3.0)
    h = dark.mul(x, leaf)
    y = dark.mul(h, h)
    y.backward()
    y.backward()
    assert y.grad == 1.0
    assert h.grad == 2.0 * 6.0
    assert leaf.grad == 2.0 * 6.0 * 2.0


def test_an_intermediate_grad_belongs_to_the_last_root():
    x = dark.Parameter(2.0)
    h = dark.mul(x, 3.0)
    first, second = dark.mul(h, 2.0), dark.mul(h, 5.0)
    first.backward()
    second.backward()
    assert h.grad == 5.0


def test_a_parameter_grad_adds_up_over_calls_and_roots():
    x = dark.Parameter(2.0)
    y = dark.mul(x, 3.0)
    y.backward()
    y.backward()
    assert x.grad == 6.0
    dark.mul(x, x).backward()
    assert x.grad == 6.0 + 4.0


def test_backward_leaves_nodes_outside_the_graph_alone():
    x = dark.Parameter(2.0)
    other = dark.mul(x, 7.0)
    other.backward()
    y = dark.mul(x, 3.0)
    y.backward()
    assert other.grad == 1.0
    assert x.grad == 7.0 + 3.0


@pytest.mark.provides("zero_grad")
def test_parameter_accumulates_until_zero_grad():
    x = dark.Parameter(2.0)
    y = dark.mul(x, 3.0)
    y.backward()
    y.backward()
    y.zero_grad()
    assert x.grad == 0.0
    y.backward()
    assert x.grad == 3.0


@pytest.mark.provides("zero_grad")
def test_zero_grad_resets_the_node_and_its_inputs_and_nothing_else():
    a, b, c, outside = (dark.Parameter(value) for value in (2.0, 3.0, 4.0, 5.0))
    product = dark.mul(a, b)
    y = dark.add(product, c)
    y.backward()
    dark.mul(outside, 2.0).backward()
    product.zero_grad()
    assert (a.grad, b.grad) == (0.0, 0.0)
    assert is_number(a.grad), repr(a.grad)
    assert product.grad in (0.0, None)
    assert (c.grad, y.grad, outside.grad) == (1.0, 1.0, 2.0)
    y.zero_grad()
    assert (a.grad, b.grad, c.grad) == (0.0, 0.0, 0.0)
    assert y.grad in (0.0, None)
    assert outside.grad == 2.0
    assert y.inputs[1] is c and product.inputs == [a, b]


@pytest.mark.provides("zero_grad")
def test_zero_grad_leaves_a_constant_grad_none():
    x = dark.Parameter(2.0)
    y = dark.mul(x, 3.0)
    y.backward()
    y.zero_grad()
    assert y.inputs[1].grad is None


def counting(operation, calls):
    """A subclass of `operation` that counts how often backward differentiates it."""

    def _df(dldy, y, *x, **params):  # params: an operation's keyword parameters, if any
        calls[operation.__name__] += 1
        return operation._df(dldy, y, *x, **params)

    return type(operation.__name__, (operation,), {"_df": staticmethod(_df)})


@settings(max_examples=50)
@given(written_graphs)
def test_backward_differentiates_each_operation_exactly_once_per_call(graph):
    calls = Counter()
    functions = {name: counting(operation_class(name), calls).apply for name in graph_operations()}
    parameters = [dark.Parameter(value) for value in graph.leaves]
    root = graph.build(functions, parameters)[-1]
    expected = Counter(operation_class(step.operation).__name__ for step in graph.steps)
    root.backward()
    assert calls == expected
    root.backward()
    assert calls == expected + expected
