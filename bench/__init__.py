"""Benchmark a dark stage against other engines: `python -m bench --stage dark-1`.

Each stage has a suite, a package named after the stage number that its
pyproject.toml declares (`stage = 1` runs bench/stage1/). A suite writes each
workload once per engine, with that engine's public API, and lists its cases;
the code here times any suite, engines taking turns, and reports paired ratios.
"""

import importlib
import importlib.util

import stages


def suite_for(folder):
    """The suite for the stage in `folder`, or None when its stage has none."""
    name = f"bench.stage{stages.declaration(folder).get('stage')}"
    return importlib.import_module(name) if importlib.util.find_spec(name) else None
