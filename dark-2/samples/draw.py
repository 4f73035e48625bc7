"""Draw a dark graph of arrays as an SVG picture, with each node's shape, value and grad.

Every node is a box: its header names the op that made it (`add`, `matmul`, ...)
or the kind of leaf (`Parameter`, `Constant`), with the op's `params` under it
(`axis=1`), then come the value's shape and dtype, its `value` and its `grad`
("—" while it is None). An array of at most 4 numbers is shown whole, one whose
numbers are all equal as "all 1", and a larger one by its shape (a value then
says nothing the shape has not said, and is left out).
Parameters are tinted, Constants dashed and grey. The leaves are on the left and
the root on the right, and an arrow runs from each input to the node it feeds,
one arrow per use.

    import dark
    from draw import draw, save  # with dark-2/samples/ on sys.path

    b = dark.Parameter([1.0, 2.0, 3.0])
    y = dark.sum(dark.add(b, b))
    y.backward()
    save(y, "shared.svg", names={b: "b", y: "y"})  # headers "b = Parameter", "y = sum"
    svg_text = draw(y)  # the same picture, as a string

`highlight` takes a set of nodes to draw in orange, with the arrows between them.
Pure Python: nothing to install, no Graphviz.
"""

import inspect
import math
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from dark.graph import topological_order
from dark.operation import function_name

# 12 px, and short lines (the shape above the dtype), so that the seven columns of
# a small MLP's graph fit in about 900 px.
FONT_SIZE = 12
# Monospace text is 0.6 em per character in the usual fonts, so a box can be sized
# to its text without measuring it.
CHARACTER_WIDTH = 0.6 * FONT_SIZE
LINE_HEIGHT = 16
PADDING = 6
SMALL = 4  # an array of at most this many numbers is shown whole
COLUMN_GAP = 18
ROW_GAP = 18
MARGIN = 2
ARROW = 7

STYLE = """
text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
       fill: #222; text-anchor: middle; }
.header { font-weight: bold; }
rect { fill: #fff; stroke: #222; stroke-width: 1.2; }
.parameter rect { fill: #e3efff; stroke: #1864ab; stroke-width: 2; }
.constant rect { stroke: #868e96; stroke-dasharray: 4 3; }
.constant text { fill: #666; }
line { stroke: #adb5bd; }
path { fill: none; stroke: #555; stroke-width: 1.2; }
polygon { fill: #555; }
.highlight rect { stroke: #e8590c; stroke-width: 3; }
path.highlight { stroke: #e8590c; stroke-width: 2.5; }
polygon.highlight { fill: #e8590c; }
"""


def array_text(array):
    """A value, grad or param as the picture shows it, in a few characters.

    "—" for None; the numbers, 4 significant digits each, for a small array;
    "all 1" for a larger one whose numbers are all equal; otherwise its shape.
    """
    if array is None:
        return "—"
    array = np.asarray(array)
    if array.size <= SMALL:
        numbers = np.array2string(
            array, separator=", ", formatter={"all": lambda number: f"{number:.4g}"}
        )
        return " ".join(numbers.split())  # one line: numpy breaks the rows of a matrix
    if (array == array.flat[0]).all():
        return f"all {array.flat[0]:.4g}"
    return str(array.shape)


def params_lines(node):
    """One line per param the op was given, defaults left out: `axis=1`, `shape=(2, 6)`."""
    if not node.params:
        return []
    signature = inspect.signature(node.op._f).parameters
    lines = []
    for key, param in node.params.items():
        default = signature[key].default if key in signature else inspect.Parameter.empty
        # An axis of None or keepdims=False says nothing; an array is never a default.
        if type(param) is type(default) and not isinstance(param, np.ndarray):
            if param == default:
                continue
        shown = array_text(param) if isinstance(param, np.ndarray) else repr(param)
        lines.append(f"{key}={shown}")
    return lines


def node_lines(node, names):
    """The lines of a node's box: who made it and with what params, its shape and
    dtype, its value unless that would only repeat the shape, and its grad."""
    kind = type(node).__name__ if node.op is None else function_name(node.op)
    header = f"{names[node]} = {kind}" if node in names else kind
    value = array_text(node.value)
    return (
        header,
        *params_lines(node),
        str(node.shape),
        str(node.dtype),
        *([] if value == str(node.shape) else [f"value {value}"]),
        f"grad {array_text(node.grad)}",
    )


def layout(root):
    """Give every node a column, leaves left, and order each column to untangle the arrows.

    A node's column is its longest path from a leaf; a leaf moves right to sit just
    before its nearest consumer, so that a constant stays beside the node it feeds.
    Returns the columns (lists of nodes, top to bottom) and each node's column.
    """
    order = topological_order(root)  # every consumer before its inputs
    consumers = {node: [] for node in order}
    for node in order:
        for i, parent in enumerate(node.inputs):
            consumers[parent].append((node, i))
    column_of = {}
    for node in reversed(order):  # inputs first, so their columns are known
        column_of[node] = 1 + max((column_of[parent] for parent in node.inputs), default=-1)
    for node in order:
        if not node.inputs and consumers[node]:
            column_of[node] = min(column_of[consumer] for consumer, _ in consumers[node]) - 1
    columns = [[] for _ in range(max(column_of.values()) + 1)]
    for node in order:
        columns[column_of[node]].append(node)

    # Right to left: a node goes near the average height of the nodes it feeds,
    # which are already placed, and a first input above a second.
    row_of = {}
    for column in reversed(columns):
        column.sort(key=lambda node: placement_key(consumers[node], row_of))
        for row, node in enumerate(column):
            row_of[node] = row - (len(column) - 1) / 2  # centred on 0
    return columns, column_of


def placement_key(uses, row_of):
    if not uses:
        return (0.0, 0)
    rows = [row_of[consumer] for consumer, _ in uses]
    return (sum(rows) / len(rows), min(i for _, i in uses))


def draw(root, names=None, highlight=()):
    """Return an SVG picture of `root` and every node it depends on.

    Args:
        root: the node to draw, usually the one you call `backward()` on.
        names: optional {node: "name"}; a named node's header reads "name = mul".
        highlight: nodes to draw in orange, and the arrows between two of them.
    """
    names = names or {}
    highlight = set(highlight)
    columns, column_of = layout(root)
    lines = {node: node_lines(node, names) for column in columns for node in column}

    # Every box as tall as the one with the most lines, so that the rows line up.
    box_height = max(len(text) for text in lines.values()) * LINE_HEIGHT + PADDING
    widths = [
        math.ceil(max(len(text) for node in column for text in lines[node]) * CHARACTER_WIDTH)
        + 2 * PADDING
        for column in columns
    ]
    lefts = [MARGIN + sum(widths[:c]) + c * COLUMN_GAP for c in range(len(columns))]
    tallest = max(len(column) for column in columns)
    width = lefts[-1] + widths[-1] + MARGIN
    height = 2 * MARGIN + tallest * box_height + (tallest - 1) * ROW_GAP

    tops = {}
    for column in columns:
        first_top = (height - len(column) * box_height - (len(column) - 1) * ROW_GAP) // 2
        for row, node in enumerate(column):
            tops[node] = first_top + row * (box_height + ROW_GAP)

    arrows, boxes = [], []
    for node, text in lines.items():
        c = column_of[node]
        box = (lefts[c], tops[node], widths[c], box_height)
        boxes.append(box_svg(node, box, text, node in highlight))
        for i, parent in enumerate(node.inputs):
            p = column_of[parent]
            start = (lefts[p] + widths[p], tops[parent] + box_height // 2)
            # Each input enters at its own height, first on top: h·h shows two arrows.
            end = (lefts[c], tops[node] + round((i + 1) * box_height / (len(node.inputs) + 1)))
            lit = node in highlight and parent in highlight
            arrows.append((lit, arrow_svg(start, end, lit)))
    # Highlighted arrows last, so that they are drawn over the others.
    arrows.sort(key=lambda pair: pair[0])
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" font-size="{FONT_SIZE}" role="img">',
            f"<style>{STYLE}</style>",
            *(svg for _, svg in arrows),
            *boxes,  # over the arrows: an arrow that spans columns passes behind boxes
            "</svg>",
            "",
        ]
    )


def box_svg(node, box, lines, lit):
    kind = {"Parameter": " parameter", "Constant": " constant"}.get(type(node).__name__, "")
    left, top, width, height = box
    centre = left + width / 2
    parts = [
        f'<g class="node{kind}{" highlight" if lit else ""}">',
        f'<rect x="{left}" y="{top}" width="{width}" height="{height}" rx="4"/>',
        f'<line x1="{left}" y1="{top + LINE_HEIGHT + 3}" x2="{left + width}" '
        f'y2="{top + LINE_HEIGHT + 3}"/>',
    ]
    for row, text in enumerate(lines):
        baseline = top + PADDING // 2 + row * LINE_HEIGHT + FONT_SIZE + (2 if row else 0)
        header = ' class="header"' if row == 0 else ""
        parts.append(f'<text x="{centre:g}" y="{baseline}"{header}>{escape(text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def arrow_svg(start, end, lit):
    (x1, y1), (x2, y2) = start, end
    tip = x2 - ARROW  # the curve stops where the arrowhead begins
    bend = (x1 + tip) / 2
    lit_class = ' class="highlight"' if lit else ""
    return (
        f'<path{lit_class} d="M{x1},{y1} C{bend:g},{y1} {bend:g},{y2} {tip},{y2}"/>'
        f'<polygon{lit_class} points="{tip},{y2 - 4} {x2},{y2} {tip},{y2 + 4}"/>'
    )


def save(root, path, **options):
    """Write `draw(root, **options)` to the file `path` (say "graph.svg")."""
    Path(path).write_text(draw(root, **options), encoding="utf-8")
