"""The workloads written with DeZero, the framework of the book "Deep Learning from Scratch 3".

DeZero 0.0.13 is its newest release. At import it reads `np.int`, an alias of
`int` that numpy 1.24 removed, as a default argument (dezero/transforms.py):
on numpy 2, `import dezero` fails with AttributeError. The alias is put back
for the import only and taken away again; none of the code timed here uses it.

As a reader writes it, DeZero computes in float64 in places even from float32
data: it wraps a Python number as a 0-d float64 or int64 array (`as_array`), and
numpy 2 promotes float32 with either to float64. Tanh's and the cross-entropy's
backward do the same, so the gradients of T1 and T2 are float64, and all of T3.
"""

from importlib.metadata import version

import numpy as np

# --8<-- [start:import]
np.int = int  # removed in numpy 1.24; DeZero 0.0.13 reads it while it imports
try:
    import dezero
    import dezero.functions as F
finally:
    del np.int  # numpy as it was: nothing timed here needs the alias
# --8<-- [end:import]

NAME = "dezero"
VERSION = f"{version('dezero')}, imported with np.int restored"
EPS = 1e-5


def parameter(array):
    return dezero.Parameter(array.copy())


def constant(array):
    return dezero.Variable(array)


def mlp(params, x):
    *hidden, (w, b) = zip(params[::2], params[1::2], strict=True)
    for hidden_w, hidden_b in hidden:
        x = F.relu(F.linear(x, hidden_w, hidden_b))
    return F.linear(x, w, b)


def training_step(params, x, labels, learning_rate):
    for parameter in params:
        parameter.cleargrad()
    loss = F.softmax_cross_entropy(mlp(params, x), labels)
    loss.backward()
    for parameter in params:
        parameter.data -= learning_rate * parameter.grad.data
    return np.append(loss.data, params[-1].data)


# --8<-- [start:chain]
def chain_step(y, a, b, n):
    a.cleargrad()
    b.cleargrad()
    for _ in range(n):
        y = F.tanh(y * a + b)
    root = F.sum(y)
    root.backward()
    return a.grad.data, root


# --8<-- [end:chain]


def layer_norm_step(x, scale, shift):
    for leaf in (x, scale, shift):
        leaf.cleargrad()
    features = x.shape[-1]
    mean = F.sum(x, axis=-1, keepdims=True) / features  # DeZero has no mean
    centred = x - mean
    variance = F.sum(centred * centred, axis=-1, keepdims=True) / features
    inverse_std = 1 / (variance + EPS) ** 0.5
    root = F.sum(centred * inverse_std * scale + shift)
    root.backward()
    return x.grad.data, root
