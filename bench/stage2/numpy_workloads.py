"""The floor: each workload as plain numpy written by hand, gradients derived on paper.

No graph, no nodes: only the arithmetic a framework on numpy has to call. A
leaf is the array itself; each step returns the gradients it computed.
"""

import numpy as np

NAME = "numpy"
VERSION = f"{np.__version__}, gradients by hand"
EPS = 1e-5


def parameter(array):
    return array.copy()  # updated in place, like a framework's parameter


def constant(array):
    return array


def mlp(params, x):
    """The logits, and the input of each layer (its backward needs them)."""
    *hidden, (w, b) = zip(params[::2], params[1::2], strict=True)
    inputs = [x]
    for hidden_w, hidden_b in hidden:
        x = np.maximum(x @ hidden_w + hidden_b, 0)
        inputs.append(x)
    return x @ w + b, inputs


def cross_entropy(logits, labels):
    """The mean of -log softmax(logits)[label], and its gradient with respect to the logits."""
    rows = np.arange(len(labels))
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    total = exp.sum(axis=1, keepdims=True)
    loss = np.log(total[:, 0]).mean() - shifted[rows, labels].mean()
    grad = exp / total  # the softmax, then d/dlogits = (softmax - one_hot) / rows
    grad[rows, labels] -= 1
    grad /= len(labels)
    return loss, grad


def sgd_step(params, x, labels, learning_rate):
    """Forward, loss, backward and update; returns the loss and the logits."""
    logits, inputs = mlp(params, x)
    loss, grad = cross_entropy(logits, labels)
    for layer in reversed(range(len(inputs))):
        w, b, x = params[2 * layer], params[2 * layer + 1], inputs[layer]
        grad_w, grad_b = x.T @ grad, grad.sum(axis=0)
        if layer:  # no gradient for the data: nothing would use it
            grad = (grad @ w.T) * (x > 0)  # relu lets the gradient through where x > 0
        w -= learning_rate * grad_w
        b -= learning_rate * grad_b
    return loss, logits


def training_step(params, x, labels, learning_rate):
    loss, _ = sgd_step(params, x, labels, learning_rate)
    return np.append(loss, params[-1])


# --8<-- [start:chain]
def chain_step(y, a, b, n):
    outputs = [y]
    for _ in range(n):
        y = np.tanh(y * a + b)
        outputs.append(y)
    grad, grad_a, grad_b = np.ones_like(y), np.zeros_like(a), np.zeros_like(b)
    for i in range(n, 0, -1):
        grad = grad * (1 - outputs[i] * outputs[i])  # through tanh: 1 - tanh²
        grad_a += grad * outputs[i - 1]
        grad_b += grad
        grad = grad * a
    return grad_a, None


# --8<-- [end:chain]


# --8<-- [start:layer_norm]
def layer_norm_step(x, scale, shift):
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    inverse_std = 1 / np.sqrt((centred * centred).mean(axis=-1, keepdims=True) + EPS)
    normed = centred * inverse_std
    root = (normed * scale + shift).sum()
    grad = np.ones_like(normed)  # d root / d output
    grad_scale, grad_shift = (grad * normed).sum(axis=0), grad.sum(axis=0)
    grad_normed = grad * scale
    # Through the normalisation: take out the mean, and the part along `normed`.
    grad_x = inverse_std * (
        grad_normed
        - grad_normed.mean(axis=-1, keepdims=True)
        - normed * (grad_normed * normed).mean(axis=-1, keepdims=True)
    )
    return grad_x, (root, grad_scale, grad_shift)


# --8<-- [end:layer_norm]


def fashion_mnist_epoch(sample, params, part, rows):
    """The epoch of the sample's `train`, step for step: same order, batches and bookkeeping."""
    x, y = sample.load(sample.DEBIAN_FOLDER, part)
    x, y = x[:rows], y[:rows]
    x_test, y_test = sample.load(sample.DEBIAN_FOLDER, "test")
    order = np.random.default_rng(sample.SEED).permutation(len(x))
    losses, correct = [], 0
    for start in range(0, len(x), sample.BATCH_SIZE):
        batch = order[start : start + sample.BATCH_SIZE]
        loss, logits = sgd_step(params, x[batch], y[batch], sample.LEARNING_RATE)
        losses.append(float(loss))
        correct += int((logits.argmax(axis=1) == y[batch]).sum())
    predicted = np.concatenate(
        [mlp(params, x_test[i : i + 1000])[0].argmax(axis=1) for i in range(0, len(x_test), 1000)]
    )
    return np.array([np.mean(losses), np.mean(predicted == y_test)])
