"""The workloads written with dark-2, as a reader of Module 2 would write them.

The benchmark imports the stage's `dark` before this. Every operation is an
explicit call such as `dark.matmul(x, w)`, as in the stage's samples.
"""

import io

import dark
import numpy as np

NAME = "dark"
EPS = 1e-5  # T3's guard against a zero variance


def parameter(array):
    return dark.Parameter(array)


def constant(array):
    return dark.Constant(array)


# --8<-- [start:mlp]
def mlp(params, x):
    """relu(x W + b) for each hidden layer, then x W + b: the logits."""
    *hidden, (w, b) = zip(params[::2], params[1::2], strict=True)
    for hidden_w, hidden_b in hidden:
        x = dark.relu(dark.add(dark.matmul(x, hidden_w), hidden_b))
    return dark.add(dark.matmul(x, w), b)


def training_step(params, x, labels, learning_rate):
    loss = dark.cross_entropy(mlp(params, x), labels)
    loss.backward()
    for parameter in params:
        parameter.value -= learning_rate * parameter.grad
        parameter.zero_grad()
    return np.append(loss.value, params[-1].value)


# --8<-- [end:mlp]


# --8<-- [start:chain]
def chain_step(y, a, b, n):
    a.zero_grad()
    b.zero_grad()
    for _ in range(n):
        y = dark.tanh(dark.add(dark.mul(y, a), b))
    root = dark.sum(y)
    root.backward()
    return a.grad, root


# --8<-- [end:chain]


# --8<-- [start:layer_norm]
def layer_norm_step(x, scale, shift):
    for leaf in (x, scale, shift):
        leaf.zero_grad()
    mean = dark.mean(x, axis=-1, keepdims=True)
    centred = dark.sub(x, mean)
    variance = dark.mean(dark.mul(centred, centred), axis=-1, keepdims=True)
    inverse_std = dark.div(1.0, dark.sqrt(dark.add(variance, EPS)))
    normed = dark.mul(centred, inverse_std)
    root = dark.sum(dark.add(dark.mul(normed, scale), shift))
    root.backward()
    return x.grad, root


# --8<-- [end:layer_norm]


def fashion_mnist_epoch(sample, params, part, rows):
    """One epoch of the sample's own loop, `train`, with its MLP, batch size and step size."""
    x, y = sample.load(sample.DEBIAN_FOLDER, part)
    test_set = sample.load(sample.DEBIAN_FOLDER, "test")
    history = sample.train(sample.mlp, params, (x[:rows], y[:rows]), test_set, 1,
                           sample.BATCH_SIZE, sample.LEARNING_RATE, sample.SEED,
                           out=io.StringIO())  # fmt: skip
    return np.array([np.mean(history["losses"]), history["accuracy"][0]])
