"""The results as Markdown tables and an SVG chart, with the machine they come from."""

import datetime
import os
import platform
from dataclasses import dataclass
from statistics import median

import matplotlib
import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from threadpoolctl import threadpool_info

NOT_RUN = "—"  # a cell for an engine that has no workload for the case


@dataclass
class Results:
    stage: str  # the stage folder's name, which names the two files written
    repeat: int
    cases: list  # Case, in the order they ran
    engines: list  # names of the engines that ran, the stage's own first
    timings: dict  # case label -> engine name -> nanoseconds, one per repetition
    machine: dict  # label -> text, engines included
    checks: list  # Markdown sections of the suite's untimed checks

    def paired_ratios(self, case, engine):
        """The stage's time over `engine`'s, one ratio per repetition; [] if either sat out."""
        times = self.timings[case.label]
        return [a / b for a, b in zip(times[self.engines[0]], times.get(engine, []), strict=False)]


def describe_machine(engines):
    """CPU, cores, system, Python, numpy and its BLAS, today's date and the engines."""
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            cpu = next(line for line in cpuinfo if line.startswith("model name"))
        cpu = cpu.split(":", 1)[1].strip()
    except (OSError, StopIteration):
        pass
    blas = [
        f"{pool['internal_api']} {pool['version']} ({pool.get('architecture', '')}), "
        f"{pool['num_threads']} thread"
        for pool in threadpool_info()
        if pool["user_api"] == "blas"
    ]
    return {
        "CPU": f"{cpu}, {os.cpu_count()} cores",
        "system": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "numpy": f"{np.__version__}, BLAS: {'; '.join(blas) or 'none found'}",
        "date": datetime.date.today().isoformat(),
        "engines": "; ".join(f"{name} {text}" for name, text in engines.items()),
    }


def table(header, rows):
    """A Markdown table, padded so that it also reads well in a terminal."""
    lines = [header, *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    lines.insert(1, ["-" * width for width in widths])
    return "\n".join(
        "| "
        + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        + " |"
        for line in lines
    )


def ratio_text(ratios):
    """Median, and the range over repetitions in brackets."""
    if not ratios:
        return NOT_RUN
    return f"{median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def milliseconds(ns):
    ms = ns / 1e6
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 10 else f"{ms:.2f}"


def render(results):
    """The whole report as Markdown: the Performance page includes it as it is."""
    subject, engines, others = results.engines[0], results.engines, results.engines[1:]

    def per_case(header, cells, cases=results.cases):
        """A table with one row per case: its label, then `cells(case)`."""
        return table(["case", *header], [[case.label, *cells(case)] for case in cases])

    def per_engine(case, text):
        """text(median ns) for each engine, or a dash where it sat the case out."""
        times = results.timings[case.label]
        return [text(median(times[name])) if times[name] else NOT_RUN for name in engines]

    sections = [
        "Every engine ran on one thread: numpy's BLAS limited by threadpoolctl, PyTorch by "
        "`torch.set_num_threads(1)`.",
        "### Paired ratios",
        f"{subject}'s time over the other engine's within one repetition: the median over the "
        f"{results.repeat} repetitions, with the lowest and the highest in brackets. "
        f"Below 1, {subject} is faster.",
        per_case(
            [f"{subject} / {name}" for name in others],
            lambda case: [ratio_text(results.paired_ratios(case, name)) for name in others],
        ),
    ]
    targets = []
    for case in results.cases:
        for name, most in case.targets.items():
            ratios = results.paired_ratios(case, name)
            verdict = "met" if ratios and median(ratios) <= most else "not met"
            row = [case.label, f"{subject} / {name}", ratio_text(ratios), f"≤ {most}"]
            targets.append([*row, verdict if ratios else f"{NOT_RUN}, not run"])
    if targets:
        sections += [
            "### Targets",
            "Each target beside the paired ratio it bounds (median, and the range).",
            table(["case", "ratio", "measured", "target", "verdict"], targets),
        ]
    if counted := [case for case in results.cases if case.nodes]:
        sections += [
            "### Time per graph node",
            "The nodes one step builds, and each engine's median time per node in microseconds.",
            per_case(
                ["nodes", *(f"{name} µs" for name in engines)],
                lambda case: [
                    f"{case.nodes:,}",
                    *per_engine(case, lambda ns: f"{ns / 1e3 / case.nodes:,.2f}"),
                ],
                counted,
            ),
        ]
    sections += [
        "### Time per step",
        "Each engine's median time per step, in milliseconds.",
        per_case([f"{name} ms" for name in engines], lambda case: per_engine(case, milliseconds)),
        *results.checks,
        "### Machine",
        table(["machine", ""], [[label, text] for label, text in results.machine.items()]),
    ]
    return "\n\n".join(sections) + "\n"


# Mid-tone colours on a transparent background: the chart reads on the site's
# light and dark schemes alike.
INK = "#8a8f98"
COLOURS = ["#e08a1e", "#3f8fd2", "#43a047", "#b565c9"]


def draw_chart(results, path):
    """Write the paired ratios as an SVG bar chart. Same results, same bytes."""
    subject, others = results.engines[0], results.engines[1:]
    cases = results.cases
    bar = 0.6 / len(others)
    style = {"text.color": INK, "axes.edgecolor": INK, "xtick.color": INK, "font.size": 11}
    # Fixed ids inside the file, so that the same results give the same bytes.
    with matplotlib.rc_context({**style, "svg.hashsalt": "dark", "axes.labelcolor": INK}):
        # Wide enough for the legend: one entry per other engine.
        figure = Figure(
            figsize=(1.6 + 1.6 * len(others), 0.62 * len(cases) + 1.6), layout="constrained"
        )
        axes = figure.subplots()
        for i, (name, colour) in enumerate(zip(others, COLOURS, strict=False)):
            for row, case in enumerate(cases):
                ratios = results.paired_ratios(case, name)
                if not ratios:
                    continue  # the engine sat this case out
                middle, y = median(ratios), row + 0.1 + (i + 0.5) * bar
                spread = [[middle - min(ratios)], [max(ratios) - middle]]
                axes.barh(y, middle, height=bar, color=colour, xerr=spread, ecolor=INK)
                axes.text(max(ratios), y, f" {middle:.2f}", va="center", fontsize=9)
        # Each case's name above its bars, so that the bars get the whole width.
        for row, case in enumerate(cases):
            axes.text(0, row + 0.05, case.label, va="bottom", fontsize=10)
        axes.axvline(1.0, color=INK, linewidth=1, linestyle="--")
        axes.set_ylim(len(cases) + 0.05, -0.45)  # the first case on top, as in the table
        axes.set_yticks([])
        axes.margins(x=0.12)
        axes.set_xlabel(f"{subject}'s time over the other's: below 1, {subject} is faster")
        axes.set_title(
            f"{results.stage}: paired ratios, median and range of {results.repeat}\n"
            f"{results.machine['CPU']}\nPython {results.machine['Python']}",
            fontsize=10,
        )
        axes.grid(axis="x", color=INK, alpha=0.3)
        axes.spines[["left", "top", "right"]].set_visible(False)
        legend = [
            Patch(color=c, label=f"{subject} / {n}") for n, c in zip(others, COLOURS, strict=False)
        ]
        figure.legend(handles=legend, loc="outside lower center", ncols=len(others), frameon=False)
        # No date or software version in the file: a new matplotlib keeps the bytes.
        figure.savefig(path, transparent=True, metadata={"Date": None, "Creator": None})
