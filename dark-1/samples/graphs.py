"""The graphs of Module 1, drawn with each node's value and grad.

Every figure is a graph that dark really built, drawn by draw.py:

- quadratic-forward.svg: f(x) = 2x² + 5 at x = 10 after the forward pass.
- quadratic-backward-1.svg to -4.svg: its backward pass, one step per figure.
- shared-node.svg: y = h·h, where both uses of h add up to h.grad = 2h.
- diamond.svg: h feeds two operations that meet again; h.grad sums both paths.
- diamond-first-draft.svg: the same diamond after the first draft's backward,
  which sets each gradient instead of adding to it.

    python samples/graphs.py out/      # inside dark-1/, or: make samples STAGE=dark-1
"""

import argparse
import sys
from pathlib import Path

import dark
from dark.graph import topological_order
from dark.node import KEEPS_ITS_GRAD
from draw import save
from quadratic import f


def quadratic():
    """f(x) = 2x² + 5 at x = 10, named as in part 1: a = x², b = 2a, f = b + 5."""
    x = dark.Parameter(10)
    fx = f(x)
    b = fx.inputs[0]
    a = b.inputs[1]
    return fx, {x: "x", a: "a", b: "b", fx: "f"}


def backward_steps(root):
    """Node.backward, paused after each step.

    The same steps in the same order as `root.backward()`: restart the gradients
    and seed the root with 1, then differentiate each operation in topological
    order. Each step yields the node it handled and the inputs it added to.
    """
    order = topological_order(root)
    for node in order:
        if not isinstance(node, KEEPS_ITS_GRAD):
            node.grad = 0.0
    if root.grad is not None:
        root.grad += 1.0
    yield root, []
    for node in order:
        if node.op is not None:
            receivers = []
            for parent, partial in zip(node.inputs, node.op.differentiate(node), strict=True):
                if parent.grad is not None:  # a Constant's is always None
                    parent.grad += partial
                    receivers.append(parent)
            yield node, receivers


def draw_quadratic(folder):
    fx, names = quadratic()
    save(fx, folder / "quadratic-forward.svg", names=names)
    for step, (node, receivers) in enumerate(backward_steps(fx), start=1):
        highlight = {node, *receivers}
        save(fx, folder / f"quadratic-backward-{step}.svg", names=names, highlight=highlight)
        print(f"backward step {step} handled {names[node]}: {grads_text(fx, names)}")

    # The replay must agree with dark's own backward on the same graph.
    replayed = [node.grad for node in topological_order(fx)]
    fx.zero_grad()
    fx.backward()
    if replayed != [node.grad for node in topological_order(fx)]:
        raise AssertionError("the step-by-step replay disagrees with Node.backward")


def grads_text(root, names):
    named = [node for node in topological_order(root) if node in names]
    return ", ".join(f"{names[node]}.grad = {node.grad}" for node in named)


def draw_shared_node(folder):
    h = dark.Parameter(3)
    y = dark.mul(h, h)
    y.backward()
    names = {h: "h", y: "y"}
    save(y, folder / "shared-node.svg", names=names, highlight={h, y})
    print(f"shared node: {grads_text(y, names)}")


def diamond():
    """y = 3h + h² with h = 2x at x = 1: h feeds two operations, which meet in y."""
    x = dark.Parameter(1)
    h = dark.mul(2, x)
    a = dark.mul(3, h)
    b = dark.pow(h, 2)
    y = dark.add(a, b)
    return y, h, {x: "x", h: "h", a: "a", b: "b", y: "y"}


def first_draft_backward(root):
    """The first draft's backward, wrong on purpose: it SETS each input's grad.

    Only a Parameter adds up; any other node keeps just the last partial it was
    given. Then it recurses into every input, once per path.
    """
    root.grad = 1.0
    first_draft_visit(root)


def first_draft_visit(node):
    if node.op is not None:
        for parent, partial in zip(node.inputs, node.op.differentiate(node), strict=True):
            if isinstance(parent, dark.Parameter):
                parent.grad += partial
            else:
                parent.grad = partial  # the wrong rule: set, where the chain rule adds
    for parent in node.inputs:
        first_draft_visit(parent)


def draw_diamonds(folder):
    y, h, names = diamond()
    y.backward()
    save(y, folder / "diamond.svg", names=names, highlight={h})
    print(f"diamond, dark's backward: {grads_text(y, names)}")

    y, h, names = diamond()
    first_draft_backward(y)
    save(y, folder / "diamond-first-draft.svg", names=names, highlight={h})
    print(f"diamond, first draft:     {grads_text(y, names)}")


def main(argv):
    parser = argparse.ArgumentParser(description="Draw Module 1's graphs with values and grads.")
    parser.add_argument("folder", type=Path, help="where to write the SVG files")
    folder = parser.parse_args(argv).folder
    folder.mkdir(parents=True, exist_ok=True)
    draw_quadratic(folder)
    draw_shared_node(folder)
    draw_diamonds(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
