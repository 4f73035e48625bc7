"""Optimisation: gradient descent on f(x) = 2x² + 5, from x = 10 with lr 0.1.

The loop is the one you write with dark: build f(x), call backward(), step
x.value against x.grad, then zero_grad(). It prints x after each of the 100
steps and animates the first 30, where the motion is, into optimisation.gif:

    pip install -e '.[samples]'            # inside dark-1/
    python samples/optimisation.py out/

or, from the repo root, `make samples STAGE=dark-1`.
"""

import argparse
import sys
from pathlib import Path

import dark
from matplotlib.animation import PillowWriter
from matplotlib.figure import Figure
from quadratic import f

START, LEARNING_RATE, STEPS = 10, 0.1, 100
ANIMATED_STEPS = 30  # each step keeps 60% of x: by step 30 it is 2e-6, too small to see
FRAMES_PER_SECOND, HOLD_FRAMES = 4, 8


def descend():
    """Run gradient descent, print x after every step, return x at every step from 0."""
    x = dark.Parameter(START)
    path = [x.value]
    for step in range(1, STEPS + 1):
        fx = f(x)
        fx.backward()
        x.value = x.value - LEARNING_RATE * x.grad
        x.zero_grad()
        print(f"step {step:3}: x = {x.value:.6g}")
        path.append(x.value)
    return path


def height(x):
    """f(x) as a plain number, to draw: no graph is built for it."""
    with dark.no_grad():
        return f(x).value


def animate(path, file):
    """Draw the point at each step on the curve, one GIF frame per step."""
    figure = Figure(figsize=(6, 4), layout="constrained")
    axes = figure.subplots()
    curve_xs = [x / 10 for x in range(-120, 121)]
    axes.plot(curve_xs, [height(x) for x in curve_xs], color="tab:blue")
    axes.set(
        title=f"Gradient descent on f(x) = 2x² + 5, lr = {LEARNING_RATE}", xlabel="x", ylabel="f(x)"
    )
    axes.grid(alpha=0.3)
    (trail,) = axes.plot([], [], "o", color="tab:orange", alpha=0.3)
    (point,) = axes.plot([], [], "o", color="tab:orange", markersize=10)
    counter = axes.text(0.3, 0.9, "", transform=axes.transAxes, fontsize=12, family="monospace")

    writer = PillowWriter(fps=FRAMES_PER_SECOND)
    with writer.saving(figure, file, dpi=80):
        for step in range(ANIMATED_STEPS + 1):
            earlier, x = path[:step], path[step]
            trail.set_data(earlier, [height(e) for e in earlier])
            point.set_data([x], [height(x)])
            counter.set_text(f"step {step:2}   x = {x:.3g}")
            writer.grab_frame()
        # Pillow merges equal frames into one longer one, so the hold costs no bytes.
        for _ in range(HOLD_FRAMES):
            writer.grab_frame()


def main(argv):
    parser = argparse.ArgumentParser(description="Minimise 2x² + 5 and animate the descent.")
    parser.add_argument("folder", type=Path, help="where to write optimisation.gif")
    folder = parser.parse_args(argv).folder

    path = descend()
    folder.mkdir(parents=True, exist_ok=True)
    animate(path, folder / "optimisation.gif")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
