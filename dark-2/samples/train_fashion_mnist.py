"""Train softmax regression and a one-hidden-layer MLP on Fashion-MNIST, and draw both.

    python samples/train_fashion_mnist.py OUT [--data FOLDER] [--epochs 5]

writes fashion_mnist_curves.png (loss and test accuracy) and
fashion_mnist_predictions.png (test images with predicted and true labels) into OUT.
Without the data it draws two stand-ins that say how to install them, and exits 77.
"""

import argparse
from pathlib import Path

import numpy as np
from classifiers import linear_layer, mlp, predict, softmax_regression, train
from fashion_mnist import CLASSES, DEBIAN_FOLDER, load
from matplotlib.figure import Figure  # a Figure draws to files with no window or pyplot

SEED = 0
BATCH_SIZE = 32
LEARNING_RATE = 0.1  # for the first epoch; each next one takes steps 0.7 times as long
DECAY = 0.7
HIDDEN = 256


def models(inputs, classes):
    """Each model's function and freshly drawn parameters, from the same seed."""
    rng = np.random.default_rng(SEED)
    yield "softmax regression", softmax_regression, linear_layer(rng, inputs, classes)
    rng = np.random.default_rng(SEED)
    yield "MLP", mlp, linear_layer(rng, inputs, HIDDEN) + linear_layer(rng, HIDDEN, classes)


FIGURES = ("fashion_mnist_curves.png", "fashion_mnist_predictions.png")
NOT_INSTALLED = (
    "Fashion-MNIST is not installed here: "
    "apt install dataset-fashion-mnist, then make samples STAGE=dark-2"
)


def draw_stand_ins(folder):
    """In place of each figure, a note that says what is missing, for the docs to show."""
    for name in FIGURES:
        figure = Figure(figsize=(9, 1.2))
        figure.text(0.5, 0.5, NOT_INSTALLED, ha="center", va="center")
        figure.savefig(folder / name, dpi=120)


def draw_curves(histories, path):
    figure = Figure(figsize=(9, 3.4), layout="constrained")
    left, right = figure.subplots(1, 2)
    for name, history in histories.items():
        losses = np.array(history["losses"])
        steps_per_epoch = len(losses) / len(history["accuracy"])
        window = min(100, len(losses))  # a running mean: one step's loss is noisy
        smooth = np.convolve(losses, np.ones(window) / window, mode="valid")
        left.plot((np.arange(len(smooth)) + window) / steps_per_epoch, smooth, label=name)
        epochs = np.arange(1, len(history["accuracy"]) + 1)
        right.plot(epochs, 100 * np.array(history["accuracy"]), marker="o", label=name)
    left.set(xlabel="epoch", ylabel="training loss (running mean)", ylim=(0, None))
    right.set(xlabel="epoch", ylabel="test accuracy (%)", xticks=epochs)
    for axes in (left, right):
        axes.grid(alpha=0.3)
    left.legend(loc="upper right")
    right.legend(loc="lower right")
    figure.savefig(path, dpi=120)


def draw_predictions(images, labels, predicted, path, rows=4, columns=8):
    figure = Figure(figsize=(columns * 1.3, rows * 1.55), layout="constrained")
    grid = figure.subplots(rows, columns)
    for axes, image, label, guess in zip(grid.flat, images, labels, predicted, strict=False):
        axes.imshow(image.reshape(28, 28), cmap="gray_r")
        colour = "tab:green" if guess == label else "tab:red"
        axes.set_title(f"{CLASSES[guess]}\n({CLASSES[label]})", fontsize=7.5, color=colour)
        axes.axis("off")
    figure.suptitle("MLP on test images: predicted (true); red when wrong", fontsize=10)
    figure.savefig(path, dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder for the figures")
    parser.add_argument("--data", type=Path, default=DEBIAN_FOLDER, help="the IDX files' folder")
    parser.add_argument("--epochs", type=int, default=5)
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    try:
        train_set, test_set = load(arguments.data, "train"), load(arguments.data, "test")
    except SystemExit:  # the data are missing: load has said so, and exits 77 ("skipped")
        draw_stand_ins(arguments.out)
        raise
    histories, final = {}, {}
    for name, model, params in models(train_set[0].shape[1], len(CLASSES)):
        print(f"{name}: {len(train_set[1]):,} training images, batch {BATCH_SIZE}, seed {SEED}")
        histories[name] = train(
            model, params, train_set, test_set, arguments.epochs, BATCH_SIZE, LEARNING_RATE, SEED,
            DECAY,
        )  # fmt: skip
        final[name] = (model, params)
    for name, history in histories.items():
        print(f"{name}: test accuracy {history['accuracy'][-1]:.2%} on {len(test_set[1]):,} images")
    curves, predictions = (arguments.out / name for name in FIGURES)
    draw_curves(histories, curves)
    model, params = final["MLP"]
    images, labels = test_set[0][:32], test_set[1][:32]
    draw_predictions(
        images,
        labels,
        predict(model, params, images),
        predictions,
    )
    print(f"figures written to {arguments.out}")


if __name__ == "__main__":
    main()
