"""The workloads written with micrograd's Value and its operators, as in its demo."""

from micrograd.engine import Value

from . import micrograd_tanh  # noqa: F401  (gives Value a tanh)

NAME = "micrograd"


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
        x = [neuron(weights, bias, x).tanh() for weights, bias in layer]
    return neuron(*output, x)


def loss(layers, parameters, points, labels, alpha):
    """The mean hinge loss of the MLP's scores, plus alpha times the L2 norm squared."""
    scores = [mlp(layers, point) for point in points]
    losses = [(1 + -y * score).relu() for y, score in zip(labels, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = alpha * sum(p * p for p in parameters)
    return data_loss + reg_loss


def training_step(layers, parameters, points, labels, learning_rate, alpha):
    total = loss(layers, parameters, points, labels, alpha)
    for p in parameters:
        p.grad = 0
    total.backward()
    for p in parameters:
        p.data -= learning_rate * p.grad
    return total.data
