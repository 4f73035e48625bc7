"""Timing the cases: engines interleaved, a few steps per engine per case per repetition."""

import gc
import math
import time
from contextlib import contextmanager
from statistics import median


@contextmanager
def garbage_collector(enabled):
    """Switch Python's cyclic garbage collector on or off for the block."""
    was_enabled = gc.isenabled()
    switch(enabled)
    try:
        yield
    finally:
        switch(was_enabled)


def switch(enabled):
    if enabled:
        gc.enable()
    else:
        gc.disable()


def time_case(case, engine):
    """Median nanoseconds of `case.runs` steps in a row, and the last step's answer.

    The garbage collector is run once before the steps, untimed, so one
    engine's garbage is not billed to the next; between the steps it runs
    only when Python decides to, as in a user's loop. A step returns the
    graph it built, and the graph is dropped after the clock stops: the
    workloads time forward plus backward, not freeing (W3 keeps no graph,
    so its step includes that).
    """
    step = case.prepare(engine, case.n)
    samples = []
    gc.collect()
    with garbage_collector(case.gc_enabled):
        for _ in range(case.runs):
            start = time.perf_counter_ns()
            answer, graph = step()
            samples.append(time.perf_counter_ns() - start)
            del graph
    return median(samples), answer


def check_agreement(case, answers):
    """Every engine must compute the same number, or the comparison is unfair."""
    expected = answers["dark"]
    for name, answer in answers.items():
        if not math.isclose(answer, expected, rel_tol=1e-6, abs_tol=1e-12):
            raise RuntimeError(f"{case.label}: {name} computed {answer!r}, dark {expected!r}")


def run(cases, engines, repeat, log=print):
    """Time every case on every engine `repeat` times.

    Returns {case label: {engine name: [nanoseconds, one per repetition]}}.
    Within a repetition the engines run one case back to back, so the
    machine's state is shared by the pair a ratio compares.
    """
    timings = {case.label: {engine.NAME: [] for engine in engines} for case in cases}
    for repetition in range(repeat):
        # A different engine goes first in each repetition, so the order favours none.
        shift = repetition % len(engines)
        order = engines[shift:] + engines[:shift]
        for case in cases:
            answers = {}
            for engine in order:
                elapsed, answers[engine.NAME] = time_case(case, engine)
                timings[case.label][engine.NAME].append(elapsed)
            check_agreement(case, answers)
            times = "  ".join(
                f"{engine.NAME} {timings[case.label][engine.NAME][-1] / 1e6:9.1f} ms"
                for engine in engines
            )
            log(f"[{repetition + 1}/{repeat}] {case.label:<26} {times}")
    gc.collect()
    return timings
