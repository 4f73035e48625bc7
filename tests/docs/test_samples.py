"""The samples: dark-1's graph drawing, its figures and the moons MLP; dark-2's drawing
of graphs of arrays and its figures.

The samples are scripts beside a stage, not part of `dark`. Each test imports them
from the stage's samples/ with that stage's own `dark`, and forgets both afterwards.
(dark-2's Fashion-MNIST samples are tested with the stage, in tests/stage.)
"""

import random
import re
import sys
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest
from mkdocs.exceptions import PluginError

import stages

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sample(monkeypatch):
    """Import a module of dark-1/samples/ by name; its `dark` is dark-1's."""
    yield from samples_of(stages.REPO / "dark-1", monkeypatch)


@pytest.fixture
def dark2_sample(monkeypatch):
    """Import a module of dark-2/samples/ by name; its `dark` is dark-2's."""
    yield from samples_of(stages.REPO / "dark-2", monkeypatch)


def samples_of(stage, monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))  # given back as it was afterwards
    stages.import_dark(stage)
    # A docs page or another test may have imported one, with another stage's `dark`.
    stages.forget_samples()
    yield lambda name: stages.import_sample(stage, name)
    stages.forget_samples()
    stages.forget_dark()


def svg_texts(svg):
    """The root element of an SVG document, and every piece of text in it."""
    root = ElementTree.fromstring(svg)  # raises on anything that is not well-formed XML
    return root, [element.text for element in root.iter(f"{SVG}text")]


def test_draw_shows_value_grad_and_op_of_every_node(sample):
    dark, draw = sample("dark"), sample("draw")
    h = dark.Parameter(3)
    y = dark.add(dark.mul(h, h), 2)
    y.backward()

    root, texts = svg_texts(draw.draw(y, names={h: "h"}))

    assert root.tag == f"{SVG}svg"
    # One box per node, each with its header, value and grad, in the article's words.
    assert sorted(texts) == sorted(
        ["h = Parameter", "value 3", "grad 6"]
        + ["mul", "value 9", "grad 1"]
        + ["Constant", "value 2", "grad —"]
        + ["add", "value 11", "grad 1"]
    )
    # One arrow per use: h feeds mul twice.
    assert len(list(root.iter(f"{SVG}path"))) == 4
    # Legible on a phone once scaled down: a compact picture in a large enough font.
    assert int(root.get("width")) <= 900 and int(root.get("font-size")) >= 12


def test_draw_puts_leaves_left_and_the_root_right(sample):
    dark, draw = sample("dark"), sample("draw")
    x = dark.Parameter(2)
    y = dark.add(dark.exp(dark.sin(x)), 1)

    root, _ = svg_texts(draw.draw(y, names={x: "x", y: "y"}))

    lefts = {}
    for group in root.iter(f"{SVG}g"):
        header = group.find(f"{SVG}text").text
        lefts[header] = float(group.find(f"{SVG}rect").get("x"))
    assert lefts["x = Parameter"] < lefts["sin"] < lefts["exp"] < lefts["y = add"]
    # A constant sits in the column just before the node it feeds, not far left.
    assert lefts["Constant"] == lefts["exp"]


def test_draw_handles_a_graph_deeper_than_the_recursion_limit(sample):
    dark, draw = sample("dark"), sample("draw")
    y = x = dark.Parameter(1)
    for _ in range(sys.getrecursionlimit() + 100):
        y = dark.neg(y)

    _, texts = svg_texts(draw.draw(y, names={x: "x"}))

    assert texts.count("neg") == sys.getrecursionlimit() + 100
    assert "x = Parameter" in texts


def test_highlight_marks_the_nodes_and_the_arrows_between_them(sample):
    dark, draw = sample("dark"), sample("draw")
    h = dark.Parameter(3)
    y = dark.mul(h, h)

    root, _ = svg_texts(draw.draw(y, highlight={h, y}))

    lit_boxes = [g for g in root.iter(f"{SVG}g") if "highlight" in g.get("class")]
    lit_arrows = [p for p in root.iter(f"{SVG}path") if p.get("class") == "highlight"]
    assert len(lit_boxes) == 2 and len(lit_arrows) == 2


def test_graph_figures_hold_the_values_of_real_graphs(sample, tmp_path):
    graphs = sample("graphs")
    graphs.main([str(tmp_path)])

    def texts(name):
        return svg_texts((tmp_path / name).read_text(encoding="utf-8"))[1]

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["quadratic-forward.svg", "shared-node.svg", "diamond.svg", "diamond-first-draft.svg"]
        + [f"quadratic-backward-{step}.svg" for step in range(1, 5)]
    )
    # Forward: f = 2x² + 5 = 205 at x = 10, and no operation has a grad yet.
    assert {"value 205", "value 200", "value 100", "value 10"} <= set(
        texts("quadratic-forward.svg")
    )
    assert texts("quadratic-forward.svg").count("grad —") == 6  # 3 operations, 3 constants
    # Backward, step by step: the grads of f, b, a, x as each step leaves them.
    headers = ["f = add", "b = mul", "a = pow", "x = Parameter"]
    steps = {1: [1, 0, 0, 0], 2: [1, 1, 0, 0], 3: [1, 1, 2, 0], 4: [1, 1, 2, 40]}
    for step, grads in steps.items():
        shown = texts(f"quadratic-backward-{step}.svg")
        for header, grad in zip(headers, grads, strict=True):
            assert shown[shown.index(header) + 2] == f"grad {grad}", (step, header)
    # Orange: the node handled at each step (the seeded root first), and the inputs it fed.
    lit = {1: ["f = add"], 2: ["b = mul", "f = add"], 3: ["a = pow", "b = mul"]}
    lit[4] = ["x = Parameter", "a = pow"]
    for step, headers in lit.items():
        root, _ = svg_texts((tmp_path / f"quadratic-backward-{step}.svg").read_text("utf-8"))
        boxes = [g for g in root.iter(f"{SVG}g") if "highlight" in g.get("class")]
        assert [g.find(f"{SVG}text").text for g in boxes] == headers, step
    assert texts("shared-node.svg")[:3] == ["h = Parameter", "value 3", "grad 6"]
    # h feeds two operations: dark sums 3 + 2h = 7; the first draft keeps the last share, 4.
    for name, h_grad in [("diamond.svg", "grad 7"), ("diamond-first-draft.svg", "grad 4")]:
        shown = texts(name)
        assert shown[shown.index("h = mul") + 2] == h_grad, name


@pytest.mark.parametrize("stage_sample", ["sample", "dark2_sample"])
def test_graph_figures_are_the_same_bytes_on_every_run(stage_sample, request, tmp_path):
    graphs = request.getfixturevalue(stage_sample)("graphs")
    graphs.main([str(tmp_path / "first")])
    graphs.main([str(tmp_path / "second")])
    for path in (tmp_path / "first").iterdir():
        assert path.read_bytes() == (tmp_path / "second" / path.name).read_bytes(), path.name


def test_the_moons_mlp_learns(sample):
    moons = sample("moons")
    rng = random.Random(1)
    points, labels = moons.make_moons(40, moons.NOISE, rng)
    mlp = moons.make_mlp(moons.SIZES, rng)
    loss_before, accuracy_before = moons.evaluate(mlp, points, labels)

    history = list(moons.train(mlp, points, labels, 5, moons.BATCH_SIZE, moons.LEARNING_RATE, rng))

    losses = [loss for _, loss, _ in history]
    *_, (_, loss_after, accuracy_after) = history
    assert [epoch for epoch, _, _ in history] == [1, 2, 3, 4, 5]
    assert max(losses) < loss_before and loss_after < loss_before / 2
    assert accuracy_before < 0.5 and accuracy_after >= 0.9


def test_the_two_moons_are_balanced_and_reproducible(sample):
    moons = sample("moons")
    points, labels = moons.make_moons(40, 0.1, random.Random(7))
    again, _ = moons.make_moons(40, 0.1, random.Random(7))
    assert points == again and labels.count(0) == labels.count(1) == 20
    # The upper arc is class 0: on average its points lie above the lower arc's.
    upper = [y for (_, y), label in zip(points, labels, strict=True) if label == 0]
    lower = [y for (_, y), label in zip(points, labels, strict=True) if label == 1]
    assert sum(upper) / len(upper) > sum(lower) / len(lower) + 0.5


def test_the_docs_build_goes_on_without_a_sample_that_skips_itself(tmp_path):
    """Exit 77 (data not installed) is skipped and not cached; any other failure stops."""
    sys.path.insert(0, str(stages.REPO / "hooks"))
    try:
        import samples as hook
    finally:
        sys.path.remove(str(stages.REPO / "hooks"))
    skips = tmp_path / "skips.py"
    skips.write_text("import sys\nsys.exit(77)\n")
    fails = tmp_path / "fails.py"
    fails.write_text("raise SystemExit(1)\n")
    assert hook.draw(tmp_path, [skips], tmp_path / "out") is False
    with pytest.raises(PluginError, match="fails.py failed"):
        hook.draw(tmp_path, [fails], tmp_path / "out")


def boxes(svg):
    """Each box of a drawn graph as its lines of text, keyed by its header."""
    root = ElementTree.fromstring(svg)
    return {
        texts[0]: texts[1:]
        for texts in ([t.text for t in g.iter(f"{SVG}text")] for g in root.iter(f"{SVG}g"))
    }


def test_draw_shows_shape_dtype_params_and_small_arrays_of_every_node(dark2_sample):
    dark, draw = dark2_sample("dark"), dark2_sample("draw")
    x = dark.Constant(np.arange(6, dtype=np.float32).reshape(2, 3))
    b = dark.Parameter(np.array([1.0, -2.0], dtype=np.float32))
    y = dark.sum(dark.add(dark.mean(x, axis=1), b))
    y.backward()

    svg = draw.draw(y, names={x: "x", b: "b"})

    assert boxes(svg) == {
        # 6 numbers, not all equal: the shape tells them, and there is no value line.
        "x = Constant": ["(2, 3)", "float32", "grad —"],
        # Params under the header, the defaults (keepdims=False) left out.
        "mean": ["axis=1", "(2,)", "float32", "value [1, 4]", "grad [1, 1]"],
        "b = Parameter": ["(2,)", "float32", "value [1, -2]", "grad [1, 1]"],
        "add": ["(2,)", "float32", "value [2, 2]", "grad [1, 1]"],
        "sum": ["()", "float32", "value 4", "grad 1"],
    }
    root = ElementTree.fromstring(svg)
    assert len(list(root.iter(f"{SVG}path"))) == 4  # one arrow per input
    assert int(root.get("width")) <= 900 and int(root.get("font-size")) >= 12


@pytest.mark.parametrize(
    ("array", "shown"),
    [
        (None, "—"),
        ([[1.0, 2.0], [3.0, 40.0]], "[[1, 2], [3, 40]]"),  # 4 numbers on one line
        ([1 / 3, 123456.0], "[0.3333, 1.235e+05]"),  # 4 significant digits
        (2.5, "2.5"),
        ([[0.25] * 3] * 2, "all 0.25"),
        ([[0.0, 1.0, 2.0]] * 2, "(2, 3)"),
    ],
)
def test_arrays_are_shown_in_a_few_characters(dark2_sample, array, shown):
    draw = dark2_sample("draw")
    assert draw.array_text(None if array is None else np.array(array)) == shown


def test_draw_puts_leaves_left_the_root_right_even_past_the_recursion_limit(dark2_sample):
    dark, draw = dark2_sample("dark"), dark2_sample("draw")
    y = x = dark.Parameter([1.0, 2.0])
    for _ in range(sys.getrecursionlimit() + 100):
        y = dark.neg(y)
    y = dark.matmul(y, dark.Constant([3.0, 4.0]))

    root = ElementTree.fromstring(draw.draw(y, names={x: "x", y: "y"}))

    lefts = {}
    for group in root.iter(f"{SVG}g"):
        header = group.find(f"{SVG}text").text
        lefts.setdefault(header, []).append(float(group.find(f"{SVG}rect").get("x")))
    assert len(lefts["neg"]) == sys.getrecursionlimit() + 100
    assert (
        lefts["x = Parameter"][0] < min(lefts["neg"]) <= max(lefts["neg"]) < lefts["y = matmul"][0]
    )
    assert lefts["Constant"][0] == max(lefts["neg"])  # beside the node it feeds


def test_tensor_graph_figures_hold_the_shapes_and_grads_of_real_graphs(dark2_sample, tmp_path):
    graphs = dark2_sample("graphs")
    graphs.main([str(tmp_path)])

    def shown(name):
        return boxes((tmp_path / name).read_text(encoding="utf-8"))

    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["broadcast-add.svg", "reduction.svg", "matmul.svg", "gather.svg", "mlp.svg"]
    )
    # b, of shape (3,), was added to the 4 rows of x: its grad is 4 in each place.
    add = shown("broadcast-add.svg")
    assert add["b = Parameter"] == ["(3,)", "float32", "value [1, 2, 3]", "grad [4, 4, 4]"]
    assert add["x = Constant"] == ["(4, 3)", "float32", "grad —"]
    assert add["y = add"] == ["(4, 3)", "float32", "grad all 1"]
    # Each element of a row of 3 moves the row's mean by 1/3.
    reduction = shown("reduction.svg")
    assert reduction["x = Parameter"] == ["(2, 3)", "float32", "grad all 0.3333"]
    assert reduction["m = mean"] == ["axis=1", "(2,)", "float32", "value [1, 4]", "grad [1, 1]"]
    # Each grad has its value's shape: (2, 3) @ (3, 4) gives (2, 4).
    matmul = shown("matmul.svg")
    assert matmul["x = Parameter"] == ["(2, 3)", "float32", "grad (2, 3)"]
    assert matmul["W = Parameter"] == ["(3, 4)", "float32", "grad (3, 4)"]
    assert matmul["y = matmul"] == ["(2, 4)", "float32", "grad all 1"]
    # x[0] was picked twice, x[1] never.
    gather = shown("gather.svg")
    assert gather["x = Parameter"] == ["(3,)", "float32", "value [5, 6, 7]", "grad [2, 0, 1]"]
    assert gather["y = getitem"] == [
        "index=[0, 2, 0]", "(3,)", "float32", "value [5, 7, 5]", "grad [1, 1, 1]"
    ]  # fmt: skip
    # The sample's MLP on a batch of 32: every Parameter's grad has its shape.
    mlp = shown("mlp.svg")
    for name, shape in [("W1", "(784, 256)"), ("W2", "(256, 10)")]:
        assert mlp[f"{name} = Parameter"] == [shape, "float32", f"grad {shape}"]
    for name, shape in [("b1", "(256,)"), ("b2", "(10,)")]:
        assert mlp[f"{name} = Parameter"] == [shape, "float32", "value all 0", f"grad {shape}"]
    assert mlp["x = Constant"] == ["(32, 784)", "float32", "grad —"]
    assert mlp["logits = add"] == ["(32, 10)", "float32", "grad (32, 10)"]
    loss = mlp["cross_entropy"]
    assert loss[:3] == ["targets=(32,)", "()", "float32"] and loss[4] == "grad 1"
    # About ln 10 = 2.303 for 10 classes, from a freshly drawn network.
    assert 1.5 < float(re.fullmatch(r"value (\S+)", loss[3]).group(1)) < 4
    assert sorted(mlp) == sorted(
        ["x = Constant", "W1 = Parameter", "b1 = Parameter", "W2 = Parameter"]
        + ["b2 = Parameter", "matmul", "add", "relu", "logits = add", "cross_entropy"]
    )  # two matmuls and two adds, each header once in the dict
    for path in tmp_path.iterdir():
        root = ElementTree.fromstring(path.read_text(encoding="utf-8"))
        assert int(root.get("width")) <= 900 and int(root.get("font-size")) >= 12, path.name
