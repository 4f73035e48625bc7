"""The samples of dark-1: the graph drawing, the figures the docs show, and the moons MLP.

The samples are scripts beside the stage, not part of `dark`. Each test imports them
from dark-1/samples/ with dark-1's own `dark`, and forgets both afterwards.
"""

import importlib
import random
import sys
import xml.etree.ElementTree as ElementTree

import pytest
from mkdocs.exceptions import PluginError

import stages

STAGE = stages.REPO / "dark-1"
SAMPLES = STAGE / "samples"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def sample(monkeypatch):
    """Import a module of dark-1/samples/ by name; its `dark` is dark-1's."""
    monkeypatch.setattr(sys, "path", list(sys.path))  # given back as it was afterwards
    stages.import_dark(STAGE)
    sys.path.insert(0, str(SAMPLES))
    forget_samples()  # a docs page may have imported one, with another `dark`
    yield importlib.import_module
    forget_samples()
    stages.forget_dark()


def forget_samples():
    for path in SAMPLES.glob("*.py"):
        sys.modules.pop(path.stem, None)


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


def test_graph_figures_are_the_same_bytes_on_every_run(sample, tmp_path):
    graphs = sample("graphs")
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
