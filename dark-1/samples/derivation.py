"""Derivation: f(x) = 2x² + 5 and the gradient that dark's backward finds for it.

For each x in [-15, 15] the script builds the graph of f, calls backward() once
and reads the gradient off the Parameter. It draws two panels, the function and
that gradient (over the 4x you get by hand), into derivation.png:

    pip install -e '.[samples]'            # inside dark-1/
    python samples/derivation.py out/

or, from the repo root, `make samples STAGE=dark-1`.
"""

import argparse
import sys
from pathlib import Path

import dark
from matplotlib.figure import Figure
from quadratic import f

XS = [x / 2 for x in range(-30, 31)]  # -15 to 15 in steps of 0.5


def gradient_at(x):
    """df/dx at x, from one backward pass through a fresh graph."""
    x = dark.Parameter(x)
    f(x).backward()
    return x.grad


def draw(xs, values, gradients):
    """The two panels: f on the left, its gradient on the right."""
    figure = Figure(figsize=(10, 4), layout="constrained")
    function_panel, gradient_panel = figure.subplots(1, 2)

    function_panel.plot(xs, values, color="tab:blue")
    function_panel.plot([0], [5], "o", color="tab:blue")
    function_panel.annotate(
        "minimum: f(0) = 5", (0, 5), (0, 150), ha="center", arrowprops={"arrowstyle": "->"}
    )
    function_panel.set(title="f(x) = 2x² + 5", xlabel="x", ylabel="f(x)")

    gradient_panel.plot(
        xs, [4 * x for x in xs], color="tab:orange", alpha=0.3, linewidth=6, label="4x, by hand"
    )
    gradient_panel.plot(
        xs, gradients, ".", color="tab:orange", markersize=6, label="x.grad after f(x).backward()"
    )
    gradient_panel.axhline(0, color="gray", linewidth=0.5)
    gradient_panel.axvline(0, color="gray", linewidth=0.5)
    gradient_panel.set(title="df/dx from dark", xlabel="x", ylabel="df/dx")
    gradient_panel.legend(loc="upper left")

    for panel in (function_panel, gradient_panel):
        panel.grid(alpha=0.3)
    return figure


def main(argv):
    parser = argparse.ArgumentParser(description="Draw f(x) = 2x² + 5 and its gradient.")
    parser.add_argument("folder", type=Path, help="where to write derivation.png")
    folder = parser.parse_args(argv).folder

    with dark.no_grad():  # values only: no graph to keep
        values = [f(x).value for x in XS]
    gradients = [gradient_at(x) for x in XS]
    error = max(abs(g - 4 * x) for x, g in zip(XS, gradients, strict=True))
    print(f"largest |x.grad - 4x| over {len(XS)} points: {error}")

    folder.mkdir(parents=True, exist_ok=True)
    # No Software entry: the PNG then holds nothing that changes between runs.
    draw(XS, values, gradients).savefig(
        folder / "derivation.png", dpi=100, metadata={"Software": None}
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
