"""The benchmark cases: each workload at its sizes, and how to prepare one timed step.

Nodes are counted the same way for every engine: one per operation result
(every mul, add, tanh, ... the workload calls). Leaves are not counted, nor
the numbers an engine wraps into leaves on the way, as in `1 + x`.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .data import MLP_SIZES, initial_mlp, mlp_nodes, two_moons

LEARNING_RATE = 0.05
ALPHA = 1e-4  # the weight of the L2 penalty, as in micrograd's demo
# W3 times steps of a short training loop, so the garbage each step leaves
# behind is met by the next, as in a user's loop.
TRAINING_STEPS = 5


def chain_leaves(engine):
    """W1's leaves: the start y and the two parameters a and b."""
    return engine.leaf(0.3), engine.leaf(0.9), engine.leaf(0.1)


def prepare_chain(engine, n):
    """W1: y = tanh(y*a + b), n times, then backward. The step returns d(y)/d(a) and y."""
    y, a, b = chain_leaves(engine)

    def step():
        root = engine.chain(y, a, b, n)
        root.backward()
        return engine.grad(a), root

    return step


def prepare_diamonds(engine, n):
    """W2: y = y*y + y, n times, then backward. The step returns d(y)/d(y0).

    From y0 = -0.25 the values shrink towards 0 (about -1/k after k steps),
    so nothing overflows at any n.
    """
    start = engine.leaf(-0.25)

    def step():
        root = engine.diamonds(start, n)
        root.backward()
        return engine.grad(start), root

    return step


def mlp_problem(engine, point_count):
    """W3's model and data as the engine's leaves: (layers, parameters, inputs, labels)."""
    points, labels = two_moons(point_count)
    inputs = [[engine.constant(c) for c in point] for point in points]
    layers = [
        [([engine.leaf(w) for w in weights], engine.leaf(bias)) for weights, bias in layer]
        for layer in initial_mlp()
    ]
    parameters = [p for layer in layers for weights, bias in layer for p in (*weights, bias)]
    return layers, parameters, inputs, labels


def prepare_training(engine, point_count):
    """W3: one SGD step of a 2-16-16-1 tanh MLP on two moons. The step returns the loss.

    Unlike the other steps, it keeps no graph: a training loop drops each
    step's graph when the step ends, and that cost belongs to the step.
    """
    layers, parameters, inputs, labels = mlp_problem(engine, point_count)

    def step():
        loss = engine.training_step(layers, parameters, inputs, labels, LEARNING_RATE, ALPHA)
        return loss, None

    return step


def prepare_wide_sum(engine, n):
    """W4: n products w_i * x_i summed pairwise, then backward. The step returns d/dw_0."""
    weights = [engine.leaf(1.0 + i / n) for i in range(n)]
    inputs = [engine.constant(1.0 - i / n) for i in range(n)]

    def step():
        root = engine.wide_sum(weights, inputs)
        root.backward()
        return engine.grad(weights[0]), root

    return step


@dataclass(frozen=True)
class Case:
    workload: str  # "W1", ...
    title: str
    size: str  # n as the label shows it
    n: int
    nodes: int
    runs: int  # steps in a row per sample, of which the median is kept
    gc_enabled: bool
    prepare: Callable  # prepare_*(engine, n) -> step, a callable timed on its own

    @property
    def label(self):
        gc = "" if self.gc_enabled else ", GC off"
        return f"{self.workload} {self.title} {self.size}{gc}"


def power_of_ten(n):
    """10⁵ for 100000; other numbers as they are."""
    exponent = len(str(n)) - 1
    if n == 10**exponent:
        return "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return str(n)


@dataclass(frozen=True)
class Sizes:
    chain: tuple
    diamonds: int
    points: int
    wide_sum: int
    # A sample runs the step, in a row, until it has made about this many nodes
    # (at least TRAINING_STEPS times for W3), so that one interrupted
    # millisecond cannot decide a ratio.
    sample_nodes: int


FULL = Sizes(
    chain=(1_000, 10_000, 100_000),
    diamonds=100_000,
    points=100,
    wide_sum=100_000,
    sample_nodes=100_000,
)
QUICK = Sizes(chain=(10, 100, 1_000), diamonds=100, points=4, wide_sum=1_000, sample_nodes=1_000)


def make_cases(sizes):
    """Every case, in the order they run. W1 runs with the GC on and off."""

    def case(workload, title, size, n, nodes, prepare, gc_enabled=True, least_runs=1):
        runs = max(least_runs, sizes.sample_nodes // nodes)
        return Case(workload, title, size, n, nodes, runs, gc_enabled, prepare)

    diamonds, points, wide = sizes.diamonds, sizes.points, sizes.wide_sum
    return [
        *[
            case("W1", "chain", f"n={power_of_ten(n)}", n, 3 * n, prepare_chain, gc_enabled)
            for gc_enabled in (True, False)
            for n in sizes.chain
        ],
        case(
            "W2",
            "diamonds",
            f"n={power_of_ten(diamonds)}",
            diamonds,
            2 * diamonds,
            prepare_diamonds,
        ),
        case(
            "W3",
            "MLP step on",
            f"{points} points",
            points,
            mlp_nodes(MLP_SIZES, points),
            prepare_training,
            least_runs=TRAINING_STEPS,
        ),
        case("W4", "wide sum", f"n={power_of_ten(wide)}", wide, 2 * wide - 1, prepare_wide_sum),
    ]
