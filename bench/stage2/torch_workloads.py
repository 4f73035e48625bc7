"""The workloads written with PyTorch's tensors, operators and torch functions.

Importing this raises ImportError when PyTorch is not installed; the
benchmark then reports torch as not installed and runs without it.
"""

import numpy as np
import torch
import torch.nn.functional as F

NAME = "torch"
VERSION = torch.__version__
EPS = 1e-5

# One thread, like the other engines: the clock counts the CPU time of all of them.
torch.set_num_threads(1)


def parameter(array):
    return torch.tensor(array, requires_grad=True)


def constant(array):
    return torch.from_numpy(array)


def mlp(params, x):
    *hidden, (w, b) = zip(params[::2], params[1::2], strict=True)
    for hidden_w, hidden_b in hidden:
        x = torch.relu(x @ hidden_w + hidden_b)
    return x @ w + b


def training_step(params, x, labels, learning_rate):
    loss = F.cross_entropy(mlp(params, x), torch.from_numpy(labels))
    for parameter in params:
        parameter.grad = None
    loss.backward()
    with torch.no_grad():
        for parameter in params:
            parameter -= learning_rate * parameter.grad
    return np.append(loss.item(), params[-1].detach().numpy())


# --8<-- [start:chain]
def chain_step(y, a, b, n):
    a.grad = b.grad = None
    for _ in range(n):
        y = torch.tanh(y * a + b)
    root = y.sum()
    root.backward()
    return a.grad.numpy(), root


# --8<-- [end:chain]


def layer_norm_step(x, scale, shift):
    x.grad = scale.grad = shift.grad = None
    mean = x.mean(dim=-1, keepdim=True)
    centred = x - mean
    variance = (centred * centred).mean(dim=-1, keepdim=True)
    inverse_std = 1 / torch.sqrt(variance + EPS)
    root = (centred * inverse_std * scale + shift).sum()
    root.backward()
    return x.grad.numpy(), root
