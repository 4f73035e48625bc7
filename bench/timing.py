"""Timing any suite's cases: engines take turns, so that a ratio compares a fair pair."""

import dataclasses
import gc
import math
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from statistics import median


@dataclass(frozen=True)
class Case:
    name: str  # "W1 chain n=10³", as the tables and the chart show it
    n: int
    nodes: int  # graph nodes one step builds: the unit of "per node"
    runs: int  # steps in a row per sample, of which the median is kept
    prepare: Callable  # prepare(engine, n) -> step; step() -> (answer, graph)
    gc_enabled: bool = True

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


def time_case(case, engine):
    """Median nanoseconds of `case.runs` steps in a row, and the last step's answer.

    The clock is the process's CPU time, not the wall's: on a shared machine,
    the time this process waits while another one runs is billed to no one.
    The collector runs once before the steps, untimed, so that one engine's
    garbage is not billed to the next; between steps it runs only when Python
    decides to, as in a user's loop. The graph a step returns is dropped after
    the clock stops (a step that should pay for freeing returns None instead).
    """
    step = case.prepare(engine, case.n)
    samples = []
    gc.collect()
    with garbage_collector(case.gc_enabled):
        for _ in range(case.runs):
            start = time.process_time_ns()
            answer, graph = step()
            samples.append(time.process_time_ns() - start)
            del graph
    return median(samples), answer


def run(cases, engines, repeat):
    """Time every case on every engine `repeat` times, and check that they agree.

    Returns {case label: {engine name: [nanoseconds, one per repetition]}}.
    Within a repetition the engines run one case back to back, so the pair a
    ratio compares shares the machine's state; the engine that goes first
    changes from one repetition to the next, so the order favours none.
    """
    timings = {case.label: {engine.NAME: [] for engine in engines} for case in cases}
    for repetition in range(repeat):
        shift = repetition % len(engines)
        order = engines[shift:] + engines[:shift]
        for case in cases:
            answers = {}
            for engine in order:
                elapsed, answers[engine.NAME] = time_case(case, engine)
                timings[case.label][engine.NAME].append(elapsed)
            # Engines that compute different numbers are not doing the same work.
            first, expected = next(iter(answers.items()))
            for name, answer in answers.items():
                if not math.isclose(answer, expected, rel_tol=1e-6, abs_tol=1e-12):
                    raise RuntimeError(
                        f"{case.label}: {name} computed {answer!r}, {first} {expected!r}"
                    )
            times = "  ".join(
                f"{engine.NAME} {timings[case.label][engine.NAME][-1] / 1e6:9.1f} ms"
                for engine in engines
            )
            print(f"[{repetition + 1}/{repeat}] {case.label:<34} {times}")
    gc.collect()
    return timings
