"""The workloads written with micrograd's Value and its operators, as in its demo."""

from importlib.metadata import version

from micrograd.engine import Value

from . import (
    micrograd_tanh,  # noqa: F401  (gives Value a tanh)
    operator_workloads,
)
from .operator_workloads import diamonds, wide_sum  # noqa: F401  (the same code as torch)

NAME = "micrograd"
VERSION = f"{version('micrograd')}, with the tanh of bench/stage1/micrograd_tanh.py"


def leaf(value):
    """A leaf that receives a gradient."""
    return Value(value)


def constant(value):
    """A leaf that holds data: micrograd does not tell the two apart."""
    return Value(value)


def grad(value):
    return value.grad


# --8<-- [start:chain]
def chain(y, a, b, n):
    for _ in range(n):
        y = (y * a + b).tanh()
    return y


# --8<-- [end:chain]


def loss(layers, parameters, points, labels, alpha):
    return operator_workloads.loss(
        layers, parameters, points, labels, alpha, Value.tanh, Value.relu
    )


def training_step(layers, parameters, points, labels, learning_rate, alpha):
    total = loss(layers, parameters, points, labels, alpha)
    for p in parameters:
        p.grad = 0
    total.backward()
    for p in parameters:
        p.data -= learning_rate * p.grad
    return total.data
