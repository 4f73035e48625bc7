"""Run the benchmark, print the results and write them as Markdown and PNG."""

import argparse
import gc
import sys
from pathlib import Path

from . import chart, checks, report, runner
from .cases import FULL, QUICK, make_cases
from .engines import describe, load_engines
from .machine import describe_machine
from .results import Results

FULL_REPEAT, QUICK_REPEAT = 7, 2


def parse(argv):
    parser = argparse.ArgumentParser(
        prog="python -m bench", description="Compare a dark stage with micrograd and PyTorch."
    )
    parser.add_argument("--stage", default="dark-1", help="a folder holding dark/ (dark-1)")
    parser.add_argument("--repeat", type=int, help=f"repetitions (default {FULL_REPEAT})")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("docs/performance"),
        help="where <stage>.md and <stage>.png go (docs/performance)",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    arguments = parser.parse_args(argv)
    if arguments.repeat is None:
        arguments.repeat = QUICK_REPEAT if arguments.quick else FULL_REPEAT
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    return arguments


def untimed_checks(engines, sizes, raised_limit):
    """Deep chains, cycles and memory for every engine; returns them as three dicts."""
    deep, shallow = max(sizes.chain), min(sizes.chain)
    survives, cycles, memory = {}, {}, {}
    print(f"W1 n={deep:,} under the default recursion limit of {sys.getrecursionlimit():,}:")
    for engine in engines:
        survives[engine.NAME] = checks.survives_deep_chain(engine, deep)
        print(f"  {engine.NAME}: {'survives' if survives[engine.NAME] else 'RecursionError'}")

    # micrograd sorts its graph recursively, one call per node on the deepest path.
    sys.setrecursionlimit(raised_limit)
    print(f"Recursion limit raised to {raised_limit:,} from here on (micrograd needs it).")

    print(f"Objects per node that only the cyclic GC can free, W1 n={shallow:,}:")
    for engine in engines:
        cycles[engine.NAME] = checks.cyclic_garbage_per_node(engine, shallow)
        print(f"  {engine.NAME}: {cycles[engine.NAME]:.2f}")

    print(f"Bytes per graph node, W1 n={deep:,} (after forward, after backward):")
    for engine in engines:
        name = engine.NAME
        if name in checks.NOT_TRACEABLE:
            memory[name] = checks.NOT_TRACEABLE[name]
        else:
            memory[name] = checks.bytes_per_node(engine, deep, trace_backward=survives[name])
        print(f"  {name}: {memory[name]}")
    return survives, cycles, memory


def main(argv):
    # Progress lines show up as they happen, even when the output is piped.
    sys.stdout.reconfigure(line_buffering=True)
    arguments = parse(argv)
    stage = Path(arguments.stage).resolve().name
    engines, missing = load_engines(arguments.stage)
    versions = {engine.NAME: describe(engine, arguments.stage) for engine in engines}
    for name, version in versions.items():
        print(f"{name}: {version}")
    for name, why in missing.items():
        print(f"{name}: {why}, left out")

    sizes = QUICK if arguments.quick else FULL
    cases = make_cases(sizes)
    default_limit = sys.getrecursionlimit()
    raised_limit = max(case.nodes for case in cases) + default_limit
    survives, cycles, memory = untimed_checks(engines, sizes, raised_limit)

    # Objects that exist now (modules, torch's internals) are left out of every
    # later collection, so the GC costs what it would in a script using one engine.
    gc.collect()
    gc.freeze()
    print(f"Timing {len(cases)} cases on {len(engines)} engines, {arguments.repeat} times:")
    timings = runner.run(cases, engines, arguments.repeat)

    results = Results(
        stage=stage,
        repeat=arguments.repeat,
        cases=cases,
        engines=list(versions),
        versions=versions,
        missing=missing,
        timings=timings,
        memory=memory,
        survives=survives,
        cycles=cycles,
        deep_n=max(sizes.chain),
        shallow_n=min(sizes.chain),
        default_limit=default_limit,
        raised_limit=raised_limit,
        machine=describe_machine(),
    )
    markdown = report.render(results)
    print()
    print(markdown)
    arguments.out.mkdir(parents=True, exist_ok=True)
    table_file, chart_file = arguments.out / f"{stage}.md", arguments.out / f"{stage}.png"
    table_file.write_text(markdown, encoding="utf-8")
    chart.draw(results, chart_file)
    print(f"Wrote {table_file} and {chart_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
