"""Random expression graphs, drawn with hypothesis, for the gradient oracles.

A graph here is a recipe, not a dark object: the values of a few Parameters
and a list of steps, each applying one operation (by its dark name) to earlier
nodes or to constants. `Graph.build` replays the recipe with any set of
functions, so dark and every oracle compute the same expression, each with
its own arithmetic.

Each drawn graph holds every operation asked for (all of them, by default), pow
with a Node exponent when pow is among them, shared subexpressions and a Parameter
used in several places. Inputs are kept inside each operation's domain by building
the guard into the graph: log, sqrt, div and non-integer powers see `x*x + 0.5`
rather than `x`.
"""

from dataclasses import dataclass, field

from catalog import BY_NAME, NAMES, PIECEWISE_LINEAR, references
from hypothesis import assume
from hypothesis import strategies as st

# Plain-float arithmetic, only to screen drawn graphs (magnitude and kinks).
PLAIN = references("plain")

# Beyond this size a float64 gradient has lost too many digits to compare.
LARGEST_VALUE = 1e6
# Closer than this to the kink of abs, relu, max or min, rounding may pick
# the other branch, and finite differences straddle the kink.
KINK_MARGIN = 1e-6

CONSTANTS = (-1.5, -0.5, 0.5, 2.0, 3.0)
INTEGER_EXPONENTS = (-2.0, -1.0, 0.0, 1.0, 2.0, 3.0)
REAL_EXPONENTS = (-1.5, -0.5, 0.5, 1.5, 2.5)


def is_node(argument):
    """A step's argument is an earlier node's index (an int) or a constant (a float)."""
    return type(argument) is int


@dataclass(frozen=True)
class Step:
    operation: str
    arguments: tuple


@dataclass
class Graph:
    """Nodes 0..len(leaves)-1 are Parameters; each step adds one node; the last is the root."""

    leaves: tuple
    steps: list = field(default_factory=list)

    @property
    def size(self):
        return len(self.leaves) + len(self.steps)

    def apply(self, operation, *arguments):
        """Append a step; return the index of its node."""
        self.steps.append(Step(operation, arguments))
        return self.size - 1

    def positive(self, x):
        """x*x + 0.5: at least 0.5 for every x, and smooth."""
        return self.apply("add", self.apply("mul", x, x), 0.5)

    def build(self, functions, leaves, constant=float):
        """Replay the steps with `functions[name]`; return every node, the root last."""
        nodes = list(leaves)
        for step in self.steps:
            arguments = [nodes[a] if is_node(a) else constant(a) for a in step.arguments]
            nodes.append(functions[step.operation](*arguments))
        return nodes

    def consumers(self, index):
        """How many steps take node `index` as an input."""
        return sum(any(is_node(a) and a == index for a in step.arguments) for step in self.steps)

    def __str__(self):
        """One line per node, as a failure report shows it."""

        def name(argument):
            return f"n{argument}" if is_node(argument) else repr(argument)

        lines = [f"n{i} = Parameter({value!r})" for i, value in enumerate(self.leaves)]
        for i, step in enumerate(self.steps, start=len(self.leaves)):
            lines.append(f"n{i} = {step.operation}({', '.join(map(name, step.arguments))})")
        return "\n".join(lines)


# Each recipe appends one operation, with whatever guard its domain needs.


def node(graph, draw):
    # One draw in four takes a Parameter, so each is used in several places.
    if draw(st.integers(0, 3)) == 0:
        return draw(st.integers(0, len(graph.leaves) - 1))
    return draw(st.integers(0, graph.size - 1))


def node_or_constant(graph, draw):
    if draw(st.integers(0, 3)) == 0:
        return draw(st.sampled_from(CONSTANTS))
    return node(graph, draw)


def binary(operation):
    def add_step(graph, draw):
        graph.apply(operation, node_or_constant(graph, draw), node_or_constant(graph, draw))

    return add_step


def unary(operation):
    return lambda graph, draw: graph.apply(operation, node(graph, draw))


def guarded(operation):
    """`operation` of a positive input: for log, sqrt."""
    return lambda graph, draw: graph.apply(operation, graph.positive(node(graph, draw)))


def divide(graph, draw):
    graph.apply("div", node_or_constant(graph, draw), graph.positive(node(graph, draw)))


def power_by_integer(graph, draw):
    exponent = draw(st.sampled_from(INTEGER_EXPONENTS))
    base = node(graph, draw)
    # Any base, negative ones included, unless 0 would be raised to a negative power.
    graph.apply("pow", graph.positive(base) if exponent < 0 else base, exponent)


def power_by_real(graph, draw):
    exponent = draw(st.sampled_from(REAL_EXPONENTS))
    graph.apply("pow", graph.positive(node(graph, draw)), exponent)


def power_by_node(graph, draw):
    base = graph.positive(node(graph, draw))
    graph.apply("pow", base, node(graph, draw))


# How each kind of input (catalog.GRAPH_INPUTS) becomes recipes; pow has three.
RECIPES_BY_INPUTS = {
    "any": lambda name, arity: {name: binary(name) if arity == 2 else unary(name)},
    "positive": lambda name, arity: {name: guarded(name)},
    "divisor": lambda name, arity: {name: divide},
    "power": lambda name, arity: {
        "pow by an integer": power_by_integer,
        "pow by a real": power_by_real,
        "pow by a Node": power_by_node,
    },
}


def recipes(names=NAMES):
    """{recipe name: recipe} for the operations named, in the catalog's order."""
    found = {}
    for name in names:
        row = BY_NAME[name]
        found.update(RECIPES_BY_INPUTS[row.graph_inputs](name, row.arity))
    return found


def draw_graph(draw, leaves, chosen):
    graph = Graph(tuple(leaves))
    for recipe in chosen:
        recipe(graph, draw)
    # The root sums every node nothing else uses, so every step counts.
    used = {a for step in graph.steps for a in step.arguments if is_node(a)}
    unused = [i for i in range(len(leaves), graph.size) if i not in used]
    root = unused[0]
    for other in unused[1:]:
        root = graph.apply("add", root, other)
    return graph


@st.composite
def graphs(draw, names=NAMES):
    """Each operation named (every recipe once) in a drawn order, then a few more.

    Smooth where evaluated. The guards and the root use add and mul, so those two
    must be among the names.
    """
    leaves = draw(st.lists(st.floats(-2.0, 2.0), min_size=2, max_size=3))
    chosen = recipes(names)
    order = draw(st.permutations(list(chosen)))
    # With few operations, a few more steps so that the graph still shares nodes.
    order += draw(st.lists(st.sampled_from(list(chosen)), max_size=max(6, 20 - len(chosen))))
    graph = draw_graph(draw, leaves, [chosen[name] for name in order])
    assume(graph.consumers(0) >= 3)
    assume(any(graph.consumers(i) >= 2 for i in range(len(leaves), graph.size)))
    assume(well_posed(graph, LARGEST_VALUE, KINK_MARGIN))
    return graph


@st.composite
def kink_graphs(draw, names=PIECEWISE_LINEAR):
    """Small integers through piecewise-linear operations only.

    The drawn points sit exactly on kinks again and again (abs(0), relu(0),
    max and min of equal values), and every value and gradient is exact in
    float64, so a result can be compared for equality.
    """
    leaves = draw(st.lists(st.sampled_from((-2.0, -1.0, 0.0, 1.0, 2.0)), min_size=2, max_size=3))
    chosen = recipes(names)
    order = draw(st.permutations(list(chosen)))
    order += draw(st.lists(st.sampled_from(list(chosen)), max_size=10))
    graph = draw_graph(draw, leaves, [chosen[name] for name in order])
    assume(well_posed(graph, largest_value=2.0**20, kink_margin=0.0))
    return graph


def well_posed(graph, largest_value, kink_margin):
    """Every value at most `largest_value`, and every kink at least `kink_margin` away."""
    values = list(graph.leaves)
    for step in graph.steps:
        inputs = [values[a] if is_node(a) else a for a in step.arguments]
        if step.operation in ("abs", "relu") and abs(inputs[0]) < kink_margin:
            return False
        if step.operation in ("max", "min") and abs(inputs[0] - inputs[1]) < kink_margin:
            # max(h, h) is h on both branches, so this tie cannot mislead.
            first, second = step.arguments
            if not (is_node(first) and first == second):
                return False
        try:
            value = PLAIN[step.operation](*inputs)
        except OverflowError:
            return False
        if not abs(value) <= largest_value:
            return False
        values.append(value)
    return True
