"""The graphs of Module 2, drawn with each node's shape, dtype, value and grad.

Every figure is a graph that dark really built and ran backward on, drawn by draw.py:

- broadcast-add.svg: sum(x + b), x a (4, 3) Constant and b a (3,) Parameter; b was
  added to 4 rows, so b.grad is [4, 4, 4].
- reduction.svg: sum(mean(x, axis=1)), x a (2, 3) Parameter: each element moves its
  row's mean by 1/3.
- matmul.svg: sum(x @ W), x (2, 3) and W (3, 4) Parameters: each grad has its value's shape.
- gather.svg: sum(x[[0, 2, 0]]), x a (3,) Parameter: x[0] was used twice, so x.grad is
  [2, 0, 1].
- mlp.svg: the cross-entropy of the Fashion-MNIST sample's MLP on a batch of 32 images.

    python samples/graphs.py out/      # inside dark-2/, or: make samples STAGE=dark-2
"""

import argparse
import sys
from pathlib import Path

import dark
import numpy as np
from classifiers import linear_layer, mlp
from draw import save

FLOAT32 = np.float32


def broadcast_add():
    x = dark.Constant(np.arange(12, dtype=FLOAT32).reshape(4, 3))
    b = dark.Parameter(np.array([1, 2, 3], dtype=FLOAT32))
    y = dark.add(x, b)  # b is added to every row of x
    loss = dark.sum(y)
    return loss, {x: "x", b: "b", y: "y", loss: "loss"}, {b}


def reduction():
    x = dark.Parameter(np.arange(6, dtype=FLOAT32).reshape(2, 3))
    m = dark.mean(x, axis=1)
    loss = dark.sum(m)
    return loss, {x: "x", m: "m", loss: "loss"}, set()


def matmul():
    x = dark.Parameter(np.arange(6, dtype=FLOAT32).reshape(2, 3))
    W = dark.Parameter(np.arange(12, dtype=FLOAT32).reshape(3, 4) / 4)
    y = dark.matmul(x, W)
    loss = dark.sum(y)
    return loss, {x: "x", W: "W", y: "y", loss: "loss"}, set()


def gather():
    x = dark.Parameter(np.array([5, 6, 7], dtype=FLOAT32))
    y = dark.getitem(x, [0, 2, 0])  # x[0] is picked twice, x[1] never
    loss = dark.sum(y)
    return loss, {x: "x", y: "y", loss: "loss"}, {x}


def mlp_loss():
    """The sample's MLP (784 -> 256 -> 10) on a batch of 32 random "images"."""
    rng = np.random.default_rng(0)
    params = linear_layer(rng, 784, 256) + linear_layer(rng, 256, 10)
    x = dark.Constant(rng.random((32, 784), dtype=FLOAT32))
    labels = rng.integers(0, 10, size=32)
    logits = mlp(params, x)
    loss = dark.cross_entropy(logits, labels)
    names = dict(zip(params, ["W1", "b1", "W2", "b2"], strict=True))
    return loss, {**names, x: "x", logits: "logits"}, set()


FIGURES = {
    "broadcast-add.svg": broadcast_add,
    "reduction.svg": reduction,
    "matmul.svg": matmul,
    "gather.svg": gather,
    "mlp.svg": mlp_loss,
}


def main(argv):
    parser = argparse.ArgumentParser(description="Draw Module 2's graphs with shapes and grads.")
    parser.add_argument("folder", type=Path, help="where to write the SVG files")
    folder = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    for name, build in FIGURES.items():
        loss, names, highlight = build()
        loss.backward()
        save(loss, folder / name, names=names, highlight=highlight)
        grads = ", ".join(
            f"{names[node]}.grad {node.grad.shape}" for node in names if node.grad is not None
        )
        print(f"{name}: loss {loss.item():.4g}; {grads}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
