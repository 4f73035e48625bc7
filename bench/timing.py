"""Timing any suite's cases: engines take turns, so that a ratio compares a fair pair."""

import dataclasses
import gc
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from statistics import median

import numpy as np


@dataclass(frozen=True)
class Case:
    name: str  # "W1 chain n=10³", as the tables and the chart show it
    n: int
    nodes: int | None  # graph nodes one step builds, the unit of "per node"; None: no such unit
    runs: int  # steps in a row per sample, of which the median is kept
    # prepare(engine, n) -> step, or None for an engine that has no such workload;
    # step() -> (answer, graph), the answer a number or an array that all engines share.
    prepare: Callable
    gc_enabled: bool = True
    rel_tol: float = 1e-6  # how closely the engines' answers must agree
    abs_tol: float = 1e-12
    targets: dict = field(default_factory=dict)  # engine name -> the most the ratio may be

    @property
    def label(self):
        return self.name if self.gc_enabled else f"{self.name}, GC off"


def gc_off(case):
    """The same case, timed with Python's cyclic garbage collector switched off."""
    return dataclasses.replace(case, gc_enabled=False)


def power_of_ten(n):
    """10⁵ for 100000; other numbers as they are."""
    exponent = len(str(n)) - 1
    if n == 10**exponent:
        return "10" + str(exponent).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))
    return str(n)


@contextmanager
def garbage_collector(enabled):
    """Switch Python's cyclic garbage collector on or off for the block."""
    was_enabled = gc.isenabled()
    gc.enable() if enabled else gc.disable()
    try:
        yield
    finally:
        gc.enable() if was_enabled else gc.disable()


def cyclic_garbage(step):
    """The objects that one step(), run with the collector off, leaves for the collector.

    Reference counting frees a graph without cycles the moment it is dropped;
    whatever the collector finds afterwards was kept alive by a cycle.
    """
    gc.collect()
    with garbage_collector(enabled=False):
        step()
        return gc.collect()


def time_steps(case, step):
    """Median nanoseconds of `case.runs` steps in a row, and the last step's answer.

    The clock is the process's CPU time, not the wall's: on a shared machine,
    the time this process waits while another one runs is billed to no one.
    The collector runs once before the steps, untimed, so that one engine's
    garbage is not billed to the next; between steps it runs only when Python
    decides to, as in a user's loop. One step runs untimed first: the first
    step after another engine's finds the memory and caches as that engine
    left them, and a case of one step per sample (T5's epoch) would bill that
    to whichever engine went first. The graph a step returns is dropped after
    the clock stops (a step that should pay for freeing returns None instead).
    """
    samples = []
    gc.collect()
    with garbage_collector(case.gc_enabled):
        step()
        for _ in range(case.runs):
            start = time.process_time_ns()
            answer, graph = step()
            samples.append(time.process_time_ns() - start)
            del graph
    return median(samples), answer


def run(cases, engines, repeat):
    """Time every case on every engine `repeat` times, and check that they agree.

    Returns {case label: {engine name: [nanoseconds, one per repetition]}}, an
    empty list for an engine that has no workload for the case (a case that no
    engine can run, such as one whose data are not installed, is left empty).
    Within a repetition the engines run one case back to back, so the pair a
    ratio compares shares the machine's state; the engine that goes first
    changes from one repetition to the next, among the engines that have the
    case, so the order favours none.
    """
    timings = {case.label: {engine.NAME: [] for engine in engines} for case in cases}
    # The engines that have each case's workload, learnt in the first repetition.
    takers = {case.label: engines for case in cases}
    for repetition in range(repeat):
        for case in cases:
            shift = repetition % len(takers[case.label])
            answers = {}
            for engine in takers[case.label][shift:] + takers[case.label][:shift]:
                step = case.prepare(engine, case.n)
                if step is not None:
                    elapsed, answers[engine.NAME] = time_steps(case, step)
                    timings[case.label][engine.NAME].append(elapsed)
            takers[case.label] = [e for e in engines if e.NAME in answers] or engines
            # Engines that compute different numbers are not doing the same work.
            first, expected = next(iter(answers.items()), (None, None))
            for name, answer in answers.items():
                if not np.allclose(answer, expected, rtol=case.rel_tol, atol=case.abs_tol):
                    raise RuntimeError(
                        f"{case.label}: {name} computed {answer!r}, {first} {expected!r}"
                    )
            times = "  ".join(
                f"{name} {spent[-1] / 1e6:9.1f} ms"
                for name, spent in timings[case.label].items()
                if spent
            )
            print(f"[{repetition + 1}/{repeat}] {case.label:<34} {times or 'skipped'}")
    gc.collect()
    return timings
