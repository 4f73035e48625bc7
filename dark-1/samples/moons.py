"""A small neural network, trained with dark on two moons.

Two interleaved half circles of points, one per class, and a multilayer
perceptron with two hidden layers of 16 tanh units, every weight a dark
Parameter. Each step of plain SGD builds the graph of the loss on a few
points, calls backward() and moves every weight against its gradient. The
script prints the loss and the accuracy after each epoch (and keeps them in
moons.txt), and draws the decision boundary with the points into moons.svg:

    python samples/moons.py out/      # inside dark-1/, or: make samples STAGE=dark-1
"""

import argparse
import math
import random
import sys
from itertools import pairwise
from pathlib import Path

import dark
from matplotlib import rc_context
from matplotlib.figure import Figure

CLASS_COLOURS = ("tab:blue", "tab:orange")

SEED = 1
SIZES = (2, 16, 16, 1)  # 2 coordinates in, one score out
POINTS, NOISE = 100, 0.1
EPOCHS, BATCH_SIZE, LEARNING_RATE = 40, 5, 0.3
GRID_STEP = 0.05  # of the grid the boundary is drawn from: 85 × 55 forward passes


def make_moons(count, noise, rng):
    """`count` points on two noisy half circles, and their labels, 0 and 1.

    Class 0 is the upper arc, centred on (0, 0); class 1 the lower one, centred on
    (1, 0.5) and turned over, so that each arc reaches into the other's hollow.
    """
    points, labels = [], []
    for i in range(count):
        label = i % 2
        angle = math.pi * rng.random()
        if label == 0:
            x, y = math.cos(angle), math.sin(angle)
        else:
            x, y = 1 - math.cos(angle), 0.5 - math.sin(angle)
        points.append((x + rng.gauss(0, noise), y + rng.gauss(0, noise)))
        labels.append(label)
    return points, labels


def make_mlp(sizes, rng):
    """The network's weights: one list per layer, one (weights, bias) pair per neuron.

    The weights start random, scaled by 1/√inputs so that every layer starts
    with tanh in its steep middle; the biases start at 0.
    """
    mlp = []
    for inputs, outputs in pairwise(sizes):
        layer = []
        for _ in range(outputs):
            weights = [dark.Parameter(rng.gauss(0, 1 / math.sqrt(inputs))) for _ in range(inputs)]
            layer.append((weights, dark.Parameter(0)))
        mlp.append(layer)
    return mlp


def parameters(mlp):
    return [p for layer in mlp for weights, bias in layer for p in [*weights, bias]]


def neuron(weights, bias, inputs):
    """bias + Σ wᵢ·xᵢ, as a dark graph."""
    total = bias
    for w, x in zip(weights, inputs, strict=True):
        total = dark.add(total, dark.mul(w, x))
    return total


def score(mlp, point):
    """The network's output for one point: above 0 means class 1."""
    values = point
    for layer in mlp[:-1]:
        values = [dark.tanh(neuron(weights, bias, values)) for weights, bias in layer]
    weights, bias = mlp[-1][0]  # the one output neuron
    return neuron(weights, bias, values)


def loss(mlp, points, labels):
    """The mean logistic loss, log(1 + e^(-t·score)) with t = ±1 for labels 1 and 0.

    It is the cross entropy of sigmoid(score): near 0 for a confident right
    answer, growing in proportion to the score for a confident wrong one.
    """
    total = 0.0
    for point, label in zip(points, labels, strict=True):
        sign = 1 if label else -1
        margin = dark.mul(sign, score(mlp, point))
        total = dark.add(total, dark.log(dark.add(1, dark.exp(dark.neg(margin)))))
    return dark.mul(total, 1 / len(points))


def evaluate(mlp, points, labels):
    """The loss and the fraction of points on the right side, without building graphs."""
    with dark.no_grad():
        loss_value = loss(mlp, points, labels).value
        right = sum(
            (score(mlp, p).value > 0) == bool(t) for p, t in zip(points, labels, strict=True)
        )
    return loss_value, right / len(points)


def train(mlp, points, labels, epochs, batch_size, learning_rate, rng):
    """Plain SGD on shuffled batches; yields (epoch, loss, accuracy) after each epoch."""
    weights = parameters(mlp)
    order = list(range(len(points)))
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        for start in range(0, len(order), batch_size):
            batch = order[start : start + batch_size]
            loss(mlp, [points[i] for i in batch], [labels[i] for i in batch]).backward()
            for w in weights:
                w.value -= learning_rate * w.grad
                w.zero_grad()
        yield epoch, *evaluate(mlp, points, labels)


def grid(low, high, step):
    count = round((high - low) / step)
    return [low + i * step for i in range(count + 1)]


def draw(mlp, points, labels, accuracy, file):
    """Colour the plane by the network's answer and put the training points on it."""
    xs, ys = grid(-1.6, 2.6, GRID_STEP), grid(-1.1, 1.6, GRID_STEP)
    with dark.no_grad():  # a plain forward pass per grid point: no graph to keep
        scores = [[score(mlp, (x, y)).value for x in xs] for y in ys]

    low, high = min(map(min, scores)), max(map(max, scores))
    # No date, and a fixed seed for the ids matplotlib makes up: the same bytes each run.
    with rc_context({"svg.hashsalt": "dark-moons", "font.size": 13}):
        figure = Figure(figsize=(6.4, 4.4), layout="constrained")
        axes = figure.subplots()
        axes.contourf(xs, ys, scores, levels=[low, 0, high], colors=CLASS_COLOURS, alpha=0.25)
        axes.contour(xs, ys, scores, levels=[0], colors="black", linewidths=1.5)
        for label, colour in enumerate(CLASS_COLOURS):
            chosen = [p for p, t in zip(points, labels, strict=True) if t == label]
            axes.scatter(
                [x for x, _ in chosen],
                [y for _, y in chosen],
                s=28,
                color=colour,
                edgecolors="black",
                linewidths=0.6,
                label=f"class {label}",
            )
        axes.set(
            xlabel="x₁",
            ylabel="x₂",
            aspect="equal",
            title=f"MLP {'-'.join(map(str, SIZES))} trained with dark: {accuracy:.0%} right",
        )
        axes.legend(loc="lower right")
        axes.set_facecolor("none")
        figure.savefig(file, format="svg", metadata={"Date": None}, transparent=True)


def main(argv):
    parser = argparse.ArgumentParser(description="Train a small MLP on two moons with dark.")
    parser.add_argument("folder", type=Path, help="where to write moons.svg and moons.txt")
    folder = parser.parse_args(argv).folder

    log = []

    def report(line):  # printed as it happens, and kept for moons.txt
        print(line, flush=True)
        log.append(line)

    rng = random.Random(SEED)
    points, labels = make_moons(POINTS, NOISE, rng)
    mlp = make_mlp(SIZES, rng)
    report(f"{len(parameters(mlp))} parameters, {len(points)} points")
    for epoch, loss_value, accuracy in train(
        mlp, points, labels, EPOCHS, BATCH_SIZE, LEARNING_RATE, rng
    ):
        report(f"epoch {epoch:2}: loss {loss_value:.4f}, accuracy {accuracy:.0%}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "moons.txt").write_text("\n".join(log) + "\n", encoding="utf-8")
    draw(mlp, points, labels, accuracy, folder / "moons.svg")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
