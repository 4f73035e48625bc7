"""Stage 1's suite: scalar graphs, timed on dark, micrograd and PyTorch.

Nodes are counted the same way for every engine: one per operation result
(every mul, add, tanh, ... the workload calls). Leaves are not counted, nor
the numbers an engine wraps into leaves on the way, as in `1 + x`.
"""

import gc
import sys
import tracemalloc

from ..report import table
from ..timing import Case, cyclic_garbage, gc_off, power_of_ten
from .data import MLP_SIZES, initial_mlp, mlp_nodes, two_moons

# The workload modules, the stage's own first; one that cannot import is left out.
ENGINES = ["dark_workloads", "micrograd_workloads", "torch_workloads"]

LEARNING_RATE = 0.05
ALPHA = 1e-4  # the weight of the L2 penalty, as in micrograd's demo
# W3 times steps of a short training loop, so the garbage each step leaves
# behind is met by the next, as in a user's loop.
TRAINING_STEPS = 5


def backward_step(engine, build, wrt):
    """A step that builds a graph, runs backward, and returns d(root)/d(wrt) and the graph."""

    def step():
        root = build()
        root.backward()
        return engine.grad(wrt), root

    return step


def chain_leaves(engine):
    """W1's leaves: the start y and the two parameters a and b."""
    return engine.leaf(0.3), engine.leaf(0.9), engine.leaf(0.1)


def prepare_chain(engine, n):
    """W1: y = tanh(y*a + b), n times, then backward; d/da."""
    y, a, b = chain_leaves(engine)
    return backward_step(engine, lambda: engine.chain(y, a, b, n), a)


def prepare_diamonds(engine, n):
    """W2: y = y*y + y, n times, then backward; d/dy0.

    From y0 = -0.25 the values shrink towards 0 (about -1/k after k steps),
    so nothing overflows at any n.
    """
    start = engine.leaf(-0.25)
    return backward_step(engine, lambda: engine.diamonds(start, n), start)


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

    It returns no graph: a training loop drops each step's graph when the
    step ends, so here freeing the graph is part of the timed step.
    """
    problem = mlp_problem(engine, point_count)
    return lambda: (engine.training_step(*problem, LEARNING_RATE, ALPHA), None)


def prepare_wide_sum(engine, n):
    """W4: n products w_i * x_i summed pairwise, then backward; d/dw_0."""
    weights = [engine.leaf(1.0 + i / n) for i in range(n)]
    inputs = [engine.constant(1.0 - i / n) for i in range(n)]
    return backward_step(engine, lambda: engine.wide_sum(weights, inputs), weights[0])


def cases(folder, quick):
    """Every case, in the order they run. W1 and W3 run with the GC on and off."""
    chain_sizes = (10, 100, 1_000) if quick else (1_000, 10_000, 100_000)
    n, points = (1_000, 4) if quick else (100_000, 100)
    # A sample runs the step until it has made about this many nodes (W3 at
    # least TRAINING_STEPS times), so that one interruption cannot decide a ratio.
    sample_nodes = 1_000 if quick else 100_000

    def case(name, n, nodes, prepare, least_runs=1):
        return Case(name, n, nodes, max(least_runs, sample_nodes // nodes), prepare)

    chains = [case(f"W1 chain n={power_of_ten(c)}", c, 3 * c, prepare_chain) for c in chain_sizes]
    training = case(
        f"W3 MLP step on {points} points",
        points,
        mlp_nodes(MLP_SIZES, points),
        prepare_training,
        least_runs=TRAINING_STEPS,
    )
    return [
        *chains,
        *map(gc_off, chains),
        case(f"W2 diamonds n={power_of_ten(n)}", n, 2 * n, prepare_diamonds),
        training,
        gc_off(training),
        case(f"W4 wide sum n={power_of_ten(n)}", n, 2 * n - 1, prepare_wide_sum),
    ]


def survives_deep_chain(engine, n):
    """Whether W1 at n runs under the current recursion limit."""
    try:
        prepare_chain(engine, n)()
    except RecursionError:
        return False
    finally:
        gc.collect()
    return True


def bytes_per_node(engine, n, trace_backward):
    """Traced bytes per node of the W1 graph at n, after forward and after backward."""
    if engine.NAME == "torch":
        return ["—", "—", "PyTorch keeps its graph in C++ memory, which tracemalloc cannot see"]
    y, a, b = chain_leaves(engine)
    gc.collect()
    tracemalloc.start()
    root = engine.chain(y, a, b, n)
    row = [f"{tracemalloc.get_traced_memory()[0] / (3 * n):.0f}"]
    if trace_backward:
        root.backward()
        row += [f"{tracemalloc.get_traced_memory()[0] / (3 * n):.0f}", ""]
    else:  # tracemalloc walks the whole stack on each allocation: quadratic in the depth
        row += ["—", "not traced: backward recurses once per node"]
    tracemalloc.stop()
    del root
    gc.collect()
    return row


def checks(engines, quick):
    """The untimed checks, as Markdown sections. Leaves the recursion limit raised for timing."""
    deep, shallow = (1_000, 10) if quick else (100_000, 1_000)
    default_limit = sys.getrecursionlimit()
    print(f"Untimed checks: deep chains, cycles and memory at W1 n={deep:,} and n={shallow:,}")
    survives = {engine.NAME: survives_deep_chain(engine, deep) for engine in engines}
    # micrograd sorts its graph recursively, one call per node on the longest path.
    raised_limit = default_limit + 3 * deep
    sys.setrecursionlimit(raised_limit)
    graph_rows = [
        [
            engine.NAME,
            "runs" if survives[engine.NAME] else "RecursionError",
            f"{cyclic_garbage(prepare_chain(engine, shallow)) / (3 * shallow):.2f}",
        ]
        for engine in engines
    ]
    memory_rows = [[e.NAME, *bytes_per_node(e, deep, survives[e.NAME])] for e in engines]
    return [
        f"### Graph memory: bytes per node, W1 n={power_of_ten(deep)}",
        "Traced by `tracemalloc` while the graph is alive: after the forward pass, and after "
        "`backward()` has filled in the gradients.",
        table(["engine", "after forward", "after backward", "note"], memory_rows),
        "### Deep chains and cycles",
        f"An engine that fails the deep chain was timed with the recursion limit raised to "
        f"{raised_limit:,}. The objects left for the cyclic GC were counted by `gc.collect()` "
        "after one step run with the GC off: 0 means that reference counting freed the whole "
        "graph.",
        table(
            [
                "engine",
                f"W1 n={power_of_ten(deep)} under the default recursion limit ({default_limit:,})",
                f"objects per node left for the cyclic GC, W1 n={power_of_ten(shallow)}",
            ],
            graph_rows,
        ),
    ]
