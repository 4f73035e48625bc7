"""The workloads written with PyTorch: 0-dim float64 tensors, operators and torch functions.

Importing this raises ImportError when PyTorch is not installed; the
benchmark then reports torch as not installed and runs without it.
"""

import torch

NAME = "torch"


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


def diamonds(y, n):
    for _ in range(n):
        y = y * y + y
    return y


def wide_sum(weights, inputs):
    terms = [w * x for w, x in zip(weights, inputs, strict=True)]
    while len(terms) > 1:
        odd_one_out = terms[-1:] if len(terms) % 2 else []
        pairs = zip(terms[::2], terms[1::2], strict=False)  # leaves the odd one out
        terms = [a + b for a, b in pairs] + odd_one_out
    return terms[0]


def neuron(weights, bias, inputs):
    return sum((w * x for w, x in zip(weights, inputs, strict=True)), bias)


def mlp(layers, x):
    *hidden, (output,) = layers
    for layer in hidden:
        x = [torch.tanh(neuron(weights, bias, x)) for weights, bias in layer]
    return neuron(*output, x)


def loss(layers, parameters, points, labels, alpha):
    """The mean hinge loss of the MLP's scores, plus alpha times the L2 norm squared."""
    scores = [mlp(layers, point) for point in points]
    losses = [torch.relu(1 + -y * score) for y, score in zip(labels, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = alpha * sum(p * p for p in parameters)
    return data_loss + reg_loss


def training_step(layers, parameters, points, labels, learning_rate, alpha):
    total = loss(layers, parameters, points, labels, alpha)
    for p in parameters:
        p.grad = None
    total.backward()
    with torch.no_grad():
        for p in parameters:
            p -= learning_rate * p.grad
    return total.item()
