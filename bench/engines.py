"""Loading the engines: dark from a stage folder, micrograd, and PyTorch when installed."""

import importlib
import sys
from importlib.metadata import version
from pathlib import Path


def load_dark(stage):
    """Import the `dark` in `stage` (a folder holding dark/) and its workloads."""
    folder = Path(stage).resolve()
    if not (folder / "dark" / "__init__.py").is_file():
        raise SystemExit(f"{stage}: no dark/ package in this folder")
    sys.path.insert(0, str(folder))
    workloads = importlib.import_module("bench.dark_workloads")
    loaded_from = Path(workloads.dark.__file__).resolve().parent.parent
    if loaded_from != folder:
        raise SystemExit(f"dark was already imported from {loaded_from}, not from {folder}")
    return workloads


def load_engines(stage):
    """Return the engines' workload modules, dark first, and {name: why} for those missing."""
    from . import micrograd_workloads

    engines = [load_dark(stage), micrograd_workloads]
    missing = {}
    try:
        from . import torch_workloads
    except ImportError:
        missing["torch"] = "not installed"
    else:
        engines.append(torch_workloads)
    return engines, missing


def describe(engine, stage):
    """The engine's version, as the results should state it."""
    if engine.NAME == "dark":
        return f"from {Path(stage).resolve().name}/"
    if engine.NAME == "micrograd":
        return f"{version('micrograd')}, with the tanh of bench/micrograd_tanh.py"
    return engine.torch.__version__
