"""What the bench tests share."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def quick_run_without(tmp_path):
    """run(stage, *modules): a quick run's report, `modules` hidden as if not installed."""

    def run(stage, *modules):
        hide = "import sys; " + "".join(f"sys.modules[{name!r}] = None; " for name in modules)
        arguments = ["--stage", str(stage), "--quick", "--repeat", "1", "--out", str(tmp_path)]
        main = f"from bench.__main__ import main; main({arguments!r})"
        command = [sys.executable, "-c", hide + main]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        return (tmp_path / f"{stage.name}.md").read_text(encoding="utf-8")

    return run
