"""The results as Markdown: printed by the benchmark, and included by the Performance page."""

from statistics import median

from .cases import power_of_ten
from .checks import RECURSIVE_BACKWARD
from .results import targets


def table(header, rows):
    """A Markdown table, padded so that it also reads well in a terminal."""
    lines = [header, ["---"] * len(header), *rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    lines[1] = ["-" * width for width in widths]
    return "\n".join(
        "| "
        + " | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True))
        + " |"
        for line in lines
    )


def milliseconds(ms):
    return f"{ms:.0f}" if ms >= 100 else f"{ms:.1f}" if ms >= 10 else f"{ms:.2f}"


def ratio(ratios):
    """Median, and the range over repetitions in brackets."""
    return f"{median(ratios):.2f} ({min(ratios):.2f}–{max(ratios):.2f})"


def ratios_section(results):
    others = results.engines[1:]
    header = ["case", "nodes"]
    header += [f"dark / {name}" for name in others]
    header += [f"{name} ns/node" for name in results.engines]
    rows = []
    for case in results.cases:
        row = [case.label, f"{case.nodes:,}"]
        row += [ratio(results.paired_ratios(case, name)) for name in others]
        row += [f"{results.ns_per_node(case, name):,.0f}" for name in results.engines]
        rows.append(row)
    return table(header, rows)


def step_times_section(results):
    header = ["case", *(f"{name} ms" for name in results.engines)]
    rows = []
    for case in results.cases:
        row = [case.label]
        row += [milliseconds(results.median_ms(case, name)) for name in results.engines]
        rows.append(row)
    return table(header, rows)


def targets_section(results):
    rows = []
    for target in targets(results):
        measured = "—" if target.measured is None else f"{target.measured:.3g}"
        rows.append([target.name, measured, f"≤ {target.limit}", target.verdict])
    return table(["target", "measured", "limit", "result"], rows)


def memory_section(results):
    rows = []
    for name in results.engines:
        measured = results.memory[name]
        if isinstance(measured, str):
            rows.append([name, "—", "—", measured])
        elif measured[1] is None:
            rows.append([name, f"{measured[0]:.0f}", "—", RECURSIVE_BACKWARD])
        else:
            rows.append([name, f"{measured[0]:.0f}", f"{measured[1]:.0f}", ""])
    return table(["engine", "after forward", "after backward", "note"], rows)


def graph_checks_section(results):
    deep, shallow = power_of_ten(results.deep_n), power_of_ten(results.shallow_n)
    header = [
        "engine",
        f"W1 n={deep} under the default recursion limit ({results.default_limit:,})",
        f"objects per node left for the cyclic GC, W1 n={shallow}",
    ]
    rows = []
    for name in results.engines:
        survives = "runs" if results.survives[name] else "RecursionError"
        rows.append([name, survives, f"{results.cycles[name]:.2f}"])
    return table(header, rows)


def machine_section(results):
    engines = [f"{name} {results.versions[name]}" for name in results.engines]
    engines += [f"{name}: {why}" for name, why in results.missing.items()]
    rows = [[label, text] for label, text in results.machine.items()]
    rows.append(["engines", "; ".join(engines)])
    rows.append(["repetitions", str(results.repeat)])
    return table(["machine", ""], rows)


def render(results):
    """The whole report as Markdown, headings included."""
    sections = [
        "### Paired ratios",
        "dark's time over the other engine's within one repetition: the median over the "
        "repetitions, with the lowest and the highest in brackets. Below 1, dark is faster. "
        "Then each engine's median time per graph node.",
        ratios_section(results),
        "### Time per step",
        "The median time of one step in milliseconds: build the graph and run backward; "
        "for W3 also zero the gradients, update the parameters and drop the graph.",
        step_times_section(results),
        "### Targets",
        targets_section(results),
        f"### Graph memory: bytes per node, W1 n={power_of_ten(results.deep_n)}",
        "Traced by `tracemalloc` while the graph is alive: after the forward pass, and after "
        "`backward()` has filled in the gradients.",
        memory_section(results),
        "### Deep chains and cycles",
        "An engine that fails the deep chain was timed with the recursion limit raised to "
        f"{results.raised_limit:,}. The objects left for the cyclic GC were counted by "
        "`gc.collect()` after one step run with the GC off. 0 means that reference counting "
        "freed the whole graph.",
        graph_checks_section(results),
        "### Machine",
        machine_section(results),
    ]
    return "\n\n".join(sections) + "\n"
