"""The results as a bar chart: nanoseconds per graph node, per case and engine."""

from matplotlib.figure import Figure

COLOURS = {"dark": "#1f1f1f", "micrograd": "#e08a1e", "torch": "#c4302b"}


def draw(results, path):
    """Write a PNG of every case's median ns/node. Same results, same bytes."""
    cases, engines = results.cases, results.engines
    bar = 0.8 / len(engines)
    figure = Figure(figsize=(8, 0.55 * len(cases) + 1.6), layout="constrained")
    axes = figure.subplots()
    for i, name in enumerate(engines):
        rows = [row + i * bar for row in range(len(cases))]
        values = [results.ns_per_node(case, name) for case in cases]
        axes.barh(rows, values, height=bar, color=COLOURS[name], label=name)
        for row, value in zip(rows, values, strict=True):
            axes.text(value, row, f" {value:,.0f}", va="center", fontsize=7)
    axes.set_yticks([row + 0.4 - bar / 2 for row in range(len(cases))])
    axes.set_yticklabels([case.label for case in cases])
    axes.invert_yaxis()  # the first case on top, as in the table
    axes.set_xlabel("nanoseconds per graph node, median (lower is faster)")
    axes.set_title(
        f"{results.stage} against micrograd and PyTorch, {results.repeat} repetitions\n"
        f"{results.machine['CPU']}, Python {results.machine['Python']}",
        fontsize=10,
    )
    axes.margins(x=0.12)
    axes.grid(axis="x", alpha=0.3)
    axes.xaxis.set_major_formatter("{x:,.0f}")
    figure.legend(loc="outside lower center", ncols=len(engines), frameon=False)
    # No software version in the file: a new matplotlib should not change the bytes.
    figure.savefig(path, dpi=100, metadata={"Software": None})
