"""The workloads for engines with operator overloading: micrograd and PyTorch.

Both write `y * y + y` the same way, so the shared shapes live here once. The
two differ only in how they spell tanh and relu (a method in micrograd, a
function in torch), which each engine passes in.
"""


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


def mlp(layers, x, tanh):
    *hidden, (output,) = layers
    for layer in hidden:
        x = [tanh(neuron(weights, bias, x)) for weights, bias in layer]
    return neuron(*output, x)


def loss(layers, parameters, points, labels, alpha, tanh, relu):
    """The mean hinge loss of the MLP's scores, plus alpha times the L2 norm squared."""
    scores = [mlp(layers, point, tanh) for point in points]
    losses = [relu(1 + -y * score) for y, score in zip(labels, scores, strict=True)]
    data_loss = sum(losses) * (1.0 / len(losses))
    reg_loss = alpha * sum(p * p for p in parameters)
    return data_loss + reg_loss
