"""The workloads written with dark, as a reader of the article would write them.

dark has no operator overloading: every operation is an explicit call such
as `dark.mul(y, a)`. The benchmark imports the stage's `dark` before this.
"""

from functools import reduce

import dark

NAME = "dark"


def leaf(value):
    """A leaf that receives a gradient."""
    return dark.Parameter(value)


def constant(value):
    """A leaf that holds data."""
    return dark.Constant(value)


def grad(node):
    return node.grad


# --8<-- [start:chain]
def chain(y, a, b, n):
    for _ in range(n):
        y = dark.tanh(dark.add(dark.mul(y, a), b))
    return y


# --8<-- [end:chain]


def diamonds(y, n):
    for _ in range(n):
        y = dark.add(dark.mul(y, y), y)
    return y


def wide_sum(weights, inputs):
    terms = [dark.mul(w, x) for w, x in zip(weights, inputs, strict=True)]
    while len(terms) > 1:
        odd_one_out = terms[-1:] if len(terms) % 2 else []
        pairs = zip(terms[::2], terms[1::2], strict=False)  # leaves the odd one out
        terms = [dark.add(a, b) for a, b in pairs] + odd_one_out
    return terms[0]


def neuron(weights, bias, inputs):
    total = bias
    for w, x in zip(weights, inputs, strict=True):
        total = dark.add(total, dark.mul(w, x))
    return total


def mlp(layers, x):
    *hidden, (output,) = layers
    for layer in hidden:
        x = [dark.tanh(neuron(weights, bias, x)) for weights, bias in layer]
    return neuron(*output, x)


def loss(layers, parameters, points, labels, alpha):
    """The mean hinge loss of the MLP's scores, plus alpha times the L2 norm squared."""
    scores = [mlp(layers, point) for point in points]
    losses = [
        dark.relu(dark.add(1.0, dark.mul(-y, score)))
        for y, score in zip(labels, scores, strict=True)
    ]
    data_loss = dark.mul(reduce(dark.add, losses, 0.0), 1.0 / len(losses))
    squares = [dark.mul(p, p) for p in parameters]
    reg_loss = dark.mul(alpha, reduce(dark.add, squares, 0.0))
    return dark.add(data_loss, reg_loss)


def training_step(layers, parameters, points, labels, learning_rate, alpha):
    total = loss(layers, parameters, points, labels, alpha)
    for p in parameters:
        p.zero_grad()
    total.backward()
    for p in parameters:
        p.value -= learning_rate * p.grad
    return total.value
