"""The workloads written with PyTorch: 0-dim float64 tensors, operators and torch functions.

Importing this raises ImportError when PyTorch is not installed; the
benchmark then reports torch as not installed and runs without it.
"""

import torch

from . import operator_workloads
from .operator_workloads import diamonds, wide_sum  # noqa: F401  (the same code as micrograd)

NAME = "torch"
VERSION = torch.__version__

# One thread, like the other engines: the clock counts the CPU time of all of them.
torch.set_num_threads(1)


def leaf(value):
    """A leaf that receives a gradient."""
    return torch.tensor(value, dtype=torch.float64, requires_grad=True)


def constant(value):
    """A leaf that holds data."""
    return torch.tensor(value, dtype=torch.float64)


def grad(tensor):
    return tensor.grad.item()


# --8<-- [start:chain]
def chain(y, a, b, n):
    for _ in range(n):
        y = torch.tanh(y * a + b)
    return y


# --8<-- [end:chain]


def loss(layers, parameters, points, labels, alpha):
    return operator_workloads.loss(
        layers, parameters, points, labels, alpha, torch.tanh, torch.relu
    )


def training_step(layers, parameters, points, labels, learning_rate, alpha):
    total = loss(layers, parameters, points, labels, alpha)
    for p in parameters:
        p.grad = None
    total.backward()
    with torch.no_grad():
        for p in parameters:
            p -= learning_rate * p.grad
    return total.item()
