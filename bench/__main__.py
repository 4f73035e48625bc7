"""Run a stage's suite, print the results and write them as Markdown and SVG."""

import argparse
import gc
import importlib
import sys
from pathlib import Path

from threadpoolctl import threadpool_limits

import stages

from . import suite_for
from .report import Results, describe_machine, draw_chart, render
from .timing import run


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--stage", default="dark-1", help="a stage folder (dark-1) or your copy")
    parser.add_argument("--repeat", type=int, help="repetitions (default 7, or 2 with --quick)")
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("docs/performance"),
        help="where <stage>.md and <stage>.svg go (docs/performance)",
    )
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test")
    arguments = parser.parse_args(argv)
    if arguments.repeat is None:
        arguments.repeat = 2 if arguments.quick else 7
    if arguments.repeat < 1:
        parser.error("--repeat must be at least 1")
    return arguments


def load_engines(suite, folder):
    """Import the stage's `dark`, then the suite's workload modules; say which are missing."""
    stages.import_dark(folder)
    engines, versions = [], {}
    for module in suite.ENGINES:
        try:
            engine = importlib.import_module(f"{suite.__name__}.{module}")
        except ModuleNotFoundError as error:
            if error.name.startswith(("bench", "dark")):
                raise  # a bug of ours, not an engine that is not installed
            versions[error.name] = "not installed, left out"
            continue
        engines.append(engine)
        versions[engine.NAME] = getattr(engine, "VERSION", f"from {folder.name}/")
    return engines, versions


def main(argv):
    # Progress lines show up as they happen, even when the output is piped.
    sys.stdout.reconfigure(line_buffering=True)
    arguments = parse(argv)
    folder = Path(arguments.stage).resolve()
    suite = suite_for(folder)
    if suite is None:
        sys.exit(f"{arguments.stage}: no benchmark for this stage (see bench/__init__.py)")
    engines, versions = load_engines(suite, folder)
    for name, text in versions.items():
        print(f"{name}: {text}")
    # One thread for numpy's BLAS (and any OpenMP pool) for the whole run: on a
    # few shared cores, timings of several threads are noise.
    threadpool_limits(limits=1)

    cases = suite.cases(folder, arguments.quick)
    checks = suite.checks(engines, arguments.quick)
    # Objects that exist now (modules, torch's internals) are left out of every
    # later collection, so the GC costs what it would in a script using one engine.
    gc.collect()
    gc.freeze()
    print(f"Timing {len(cases)} cases on {len(engines)} engines, {arguments.repeat} times:")
    timings = run(cases, engines, arguments.repeat)
    names = [engine.NAME for engine in engines]
    machine = describe_machine(versions)
    results = Results(folder.name, arguments.repeat, cases, names, timings, machine, checks)
    markdown = render(results)
    print(f"\n{markdown}")
    arguments.out.mkdir(parents=True, exist_ok=True)
    table_file, chart_file = (arguments.out / f"{folder.name}.{kind}" for kind in ("md", "svg"))
    table_file.write_text(markdown, encoding="utf-8")
    draw_chart(results, chart_file)
    print(f"Wrote {table_file} and {chart_file}")


if __name__ == "__main__":
    main(sys.argv[1:])
