"""The untimed checks: graph memory, deep chains, and garbage only the GC can free."""

import gc
import tracemalloc

from .cases import chain_leaves, prepare_chain
from .runner import garbage_collector

NOT_TRACEABLE = {"torch": "PyTorch keeps its graph in C++ memory, which tracemalloc cannot see"}
RECURSIVE_BACKWARD = (
    "not traced: backward recurses once per node, and tracemalloc walks the whole stack "
    "on every allocation"
)


def bytes_per_node(engine, n, trace_backward=True):
    """Traced bytes per node of the W1 graph at n: (after forward, after backward).

    After forward the graph holds values; backward adds a gradient to every
    node. Nodes are the 3n operation results; the leaves exist beforehand.
    Without `trace_backward`, the second number is None.
    """
    y, a, b = chain_leaves(engine)
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        top = engine.chain(y, a, b, n)
        after_forward = tracemalloc.get_traced_memory()[0] - before
        if trace_backward:
            top.backward()
            after_backward = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    del top
    gc.collect()
    return after_forward / (3 * n), after_backward / (3 * n) if trace_backward else None


def survives_deep_chain(engine, n):
    """Whether W1 at n runs under the current recursion limit."""
    try:
        prepare_chain(engine, n)()
    except RecursionError:
        return False
    finally:
        gc.collect()
    return True


def cyclic_garbage_per_node(engine, n):
    """Objects that one W1 step at n leaves for the cyclic GC, per node.

    Reference counting frees a graph without cycles the moment it is dropped;
    whatever the GC finds afterwards was kept alive by a cycle.
    """
    step = prepare_chain(engine, n)
    gc.collect()
    with garbage_collector(enabled=False):
        step()
        found = gc.collect()
    return found / (3 * n)
