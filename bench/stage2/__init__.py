"""Stage 2's suite: tensor workloads, timed on dark-2, numpy by hand, PyTorch and DeZero.

Each engine gets the same starting arrays (data.py) and wraps them as its own
leaves. The floor, numpy with gradients by hand, is the arithmetic every other
engine calls plus nothing: how close dark-2 comes to it is what the suite is for.
"""

import gc
import itertools
import tracemalloc
from functools import partial

import numpy as np

import stages

from ..report import table
from ..timing import Case, cyclic_garbage
from . import data

ENGINES = ["dark_workloads", "numpy_workloads", "torch_workloads", "dezero_workloads"]
LEARNING_RATE = 0.01
MEMORY_TARGET = 1.5  # dark's peak over the floor's, at most
MET = {True: "met", False: "not met"}


def prepare_training(engine, rows, dtype=np.float32):
    """T1: one SGD step of the 784-512-512-10 MLP; the loss and the last bias after it."""
    params = [engine.parameter(array) for array in data.mlp_weights(dtype)]
    x, labels = data.batch(rows, dtype)
    x = engine.constant(x)  # the labels stay a numpy array of class indices
    return lambda: (engine.training_step(params, x, labels, LEARNING_RATE), None)


def prepare_chain(engine, n):
    """T2: y = tanh(y * a + b) n times on (4, 4), then sum and backward; d/da."""
    y, a, b = data.chain_leaves()
    y, a, b = engine.constant(y), engine.parameter(a), engine.parameter(b)
    return lambda: engine.chain_step(y, a, b, n)


def prepare_layer_norm(engine, rows):
    """T3: layer norm of (rows, 512) with a scale and a shift, summed, then backward; d/dx."""
    leaves = [engine.parameter(array) for array in data.layer_norm_inputs(rows)]
    return lambda: engine.layer_norm_step(*leaves)


def prepare_epoch(sample, part, engine, rows):
    """T5: one epoch of the Fashion-MNIST sample from `part`'s first rows, loading included.

    Returns the epoch's mean loss and the test accuracy after it; None without the
    data, or for an engine without this workload (only dark and the floor have it).
    """
    if sample is None or not hasattr(engine, "fashion_mnist_epoch"):
        return None
    _, _, initial = next(m for m in sample.models(784, 10) if m[0] == "MLP")
    params = [engine.parameter(p.value) for p in initial]
    return lambda: (engine.fashion_mnist_epoch(sample, params, part, rows), None)


def fashion_mnist(folder):
    """The stage's training sample, or None when it or the data are not installed."""
    if not (folder / "samples" / "train_fashion_mnist.py").is_file():
        return None
    sample = stages.import_sample(folder, "train_fashion_mnist")
    data = stages.import_sample(folder, "fashion_mnist")
    try:  # the loader's own search, which says how to install what it does not find
        for name in itertools.chain(*data.FILES.values()):
            data.find(sample.DEBIAN_FOLDER, name)
    except SystemExit:
        return None
    return sample


def cases(folder, quick):
    """Every case, in the order they run, with the targets of issue 10."""
    # T2's chain repeats y = tanh(y * a + b), three operations, to make about 10⁴ of them.
    small, large, chain, rows, part, images = (
        (2, 8, 100, 8, "test", 320) if quick else (32, 128, 3_333, 256, "train", 60_000)
    )
    sample = fashion_mnist(folder)
    epoch = f"T5 Fashion-MNIST epoch, {images:,} images"

    def case(name, n, prepare, nodes=None, runs=2 if quick else 50, **options):
        """A Case of 50 steps per sample (one interruption cannot decide a ratio), float32's
        tolerance (engines add up in different orders) and `options`."""
        return Case(name, n, nodes, runs, prepare, **{"rel_tol": 1e-3, "abs_tol": 1e-4, **options})

    return [
        case(f"T1 MLP step, batch {small}", small, prepare_training,
             targets={"numpy": 1.25, "torch": 1.0, "dezero": 0.5}),
        case(f"T1 MLP step, batch {large}", large, prepare_training, targets={"numpy": 1.25}),
        case(f"T1 MLP step, batch {small}, float64", small,
             partial(prepare_training, dtype=np.float64), rel_tol=1e-6, abs_tol=1e-9),
        case(f"T2 chain of {3 * chain:,} operations", chain, prepare_chain, nodes=3 * chain,
             runs=1 if quick else 5, targets={"torch": 1.0, "dezero": 0.35}),
        case(f"T3 layer norm ({rows}, {data.FEATURES})", rows, prepare_layer_norm,
             targets={"numpy": 1.5}),
        # Over an epoch in float32, the answers (mean loss, accuracy) drift further apart.
        case(epoch if sample else f"{epoch}: skipped, the data are not installed", images,
             partial(prepare_epoch, sample, part), runs=1, rel_tol=1e-2, abs_tol=2e-3,
             targets={"numpy": 1.3}),
    ]  # fmt: skip


def peak_and_garbage(engine):
    """One T1 step's peak traced bytes, and the objects it leaves for the cyclic GC."""
    step = prepare_training(engine, 32)
    step()  # the first step makes what every later one reuses (gradient buffers)
    gc.collect()
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak, cyclic_garbage(step)


def checks(engines, quick):
    """T4 (untimed), as a Markdown section: memory and cyclic garbage of a T1 step."""
    print("Untimed checks: T4, memory and cyclic garbage of a T1 step at batch 32")
    measured = {engine.NAME: peak_and_garbage(engine) for engine in engines}
    rows = []
    for name, (peak, left) in measured.items():
        if name == "torch":
            rows.append([name, "—", "—", f"{left}", "C++ memory, which tracemalloc cannot see"])
            continue
        ratio = peak / measured["numpy"][0]
        targets = (
            f"peak ≤ {MEMORY_TARGET} × the floor's: {MET[ratio <= MEMORY_TARGET]}; "
            f"0 objects: {MET[left == 0]}"
        )
        rows.append([name, f"{peak / 2**20:.2f}", f"{ratio:.2f}", f"{left}",
                     targets if name == "dark" else ""])  # fmt: skip
    return [
        "### T4: memory and cyclic garbage of one T1 step (batch 32, float32)",
        "The peak of the memory that Python's `tracemalloc` traced during one step, after a "
        "first step has made what the engine keeps between steps; then the objects "
        "`gc.collect()` found after that step, run with the collector off.",
        table(["engine", "peak MiB", "over the floor's", "objects for the GC", "targets"], rows),
    ]
