"""The harness's own tests: the stage suite's helpers are importable from here."""

import sys
from pathlib import Path

STAGE_TESTS = Path(__file__).resolve().parents[1] / "stage"
sys.path.insert(0, str(STAGE_TESTS))
