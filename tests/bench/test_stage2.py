"""Stage 2's suite: it runs without the optional engines, and without the Fashion-MNIST data."""

import sys

import pytest

import stages
from bench import stage2

STAGE_2 = next(f for f in stages.repo_stages() if stages.declaration(f).get("stage") == 2)


def test_without_torch_and_dezero_the_run_leaves_them_out_and_says_so(quick_run_without):
    table = quick_run_without(STAGE_2, "torch", "dezero")
    assert "torch not installed, left out" in table
    assert "dezero not installed, left out" in table
    rows = [" ".join(line.split()) for line in table.splitlines()]
    assert "| case | dark / numpy |" in rows
    # A target against a missing engine is listed, and says that it was not measured.
    assert "| T2 chain of 300 operations | dark / dezero | — | ≤ 0.35 | —, not run |" in rows


@pytest.fixture
def sample(monkeypatch):
    """dark-2's Fashion-MNIST sample, imported with dark-2's `dark`, and forgotten afterwards."""
    monkeypatch.setattr(sys, "path", list(sys.path))
    stages.import_dark(STAGE_2)
    yield stages.import_sample(STAGE_2, "train_fashion_mnist")
    stages.forget_samples()
    stages.forget_dark()


def test_without_the_data_the_epoch_is_reported_as_skipped(sample, monkeypatch, tmp_path):
    from bench.stage2 import numpy_workloads

    installed, missing = tmp_path / "installed", tmp_path / "missing"
    installed.mkdir()
    missing.mkdir()
    for part in sys.modules["fashion_mnist"].FILES.values():
        for name in part:
            (installed / f"{name}.gz").touch()  # found, never read: prepare loads nothing
    monkeypatch.setattr(sample, "DEBIAN_FOLDER", installed)
    assert stage2.cases(STAGE_2, quick=True)[-1].prepare(numpy_workloads, 320) is not None
    monkeypatch.setattr(sample, "DEBIAN_FOLDER", missing)
    epoch = stage2.cases(STAGE_2, quick=True)[-1]
    assert epoch.label == "T5 Fashion-MNIST epoch, 320 images: skipped, the data are not installed"
    assert epoch.prepare(numpy_workloads, epoch.n) is None
