"""Two classifiers as plain functions, and minibatch SGD to train them.

A model is a function `model(params, x)` that returns the logits for a batch of
rows x, and `params` is a list of Parameters. Modules that hold their own
parameters come in a later stage; here everything is in plain sight.
"""

import sys

import dark
import numpy as np


def linear_layer(rng, inputs, outputs):
    """A weight matrix and a bias as Parameters, in float32.

    The weights are drawn with standard deviation √(2 / inputs) (He et al.), so
    that a layer followed by relu neither shrinks nor blows up its input.
    """
    scale = np.float32(np.sqrt(2 / inputs))
    weights = rng.standard_normal((inputs, outputs), dtype=np.float32) * scale
    return [dark.Parameter(weights), dark.Parameter(np.zeros(outputs, dtype=np.float32))]


def softmax_regression(params, x):
    """x W + b: one linear layer; cross_entropy applies the softmax."""
    weights, bias = params
    return dark.add(dark.matmul(x, weights), bias)  # the bias broadcasts over the rows


def mlp(params, x):
    """relu(x W1 + b1) W2 + b2: one hidden layer."""
    w1, b1, w2, b2 = params
    hidden = dark.relu(dark.add(dark.matmul(x, w1), b1))
    return dark.add(dark.matmul(hidden, w2), b2)


def predict(model, params, x, batch_size=1000):
    """The most likely class of each row of x; no graph is recorded."""
    batches = [x[i : i + batch_size] for i in range(0, len(x), batch_size)]
    with dark.no_grad():
        return np.concatenate([model(params, batch).value.argmax(axis=1) for batch in batches])


def train(model, params, train_set, test_set, epochs, batch_size, learning_rate, seed,
          decay=1.0, out=sys.stdout):  # fmt: skip
    """Minibatch SGD on the mean cross-entropy; returns what happened, epoch by epoch.

    Each epoch visits the training rows in a new order drawn from `seed`, so two
    runs with the same seed give the same parameters, and takes steps `decay` times
    as long as the epoch before: large steps to get close, small ones to settle.
    The result has the loss of every step ("losses") and the test accuracy after
    each epoch ("accuracy").
    """
    (x, y), (x_test, y_test) = train_set, test_set
    shuffle = np.random.default_rng(seed)
    history = {"losses": [], "accuracy": []}
    steps = -(-len(x) // batch_size)
    for epoch in range(1, epochs + 1):
        order = shuffle.permutation(len(x))
        step_size = learning_rate * decay ** (epoch - 1)
        correct = seen = 0
        for step in range(steps):
            rows = order[step * batch_size : (step + 1) * batch_size]
            logits = model(params, dark.Constant(x[rows]))
            loss = dark.cross_entropy(logits, y[rows])
            loss.backward()
            for parameter in params:
                parameter.value -= step_size * parameter.grad
                parameter.zero_grad()
            history["losses"].append(loss.item())
            correct += int((logits.value.argmax(axis=1) == y[rows]).sum())
            seen += len(rows)
            if step % 50 == 0 or step == steps - 1:
                recent = np.mean(history["losses"][-50:])
                show_progress(out, epoch, epochs, step + 1, steps, recent, correct / seen)
        history["accuracy"].append(float(np.mean(predict(model, params, x_test) == y_test)))
        out.write(f"  test accuracy {history['accuracy'][-1]:.2%}\n")
    return history


def show_progress(out, epoch, epochs, done, total, loss, accuracy, width=30):
    """One line per epoch, redrawn in place: a bar, the recent loss, the training accuracy."""
    bar = "#" * (width * done // total)
    out.write(
        f"\repoch {epoch}/{epochs} [{bar:.<{width}}] loss {loss:.3f}  accuracy {accuracy:.1%}"
    )
    out.flush()
