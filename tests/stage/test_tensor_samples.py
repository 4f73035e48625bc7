"""The Fashion-MNIST samples' code, on small generated data: the real set is never needed."""

import gzip
import io
import os
import subprocess
import sys

import numpy as np
import pytest

pytestmark = pytest.mark.provides("losses", "matmul")


@pytest.fixture
def samples(stage_folder, monkeypatch):
    """The stage's samples/ folder, importable; skipped for a stage without these samples."""
    folder = stage_folder / "samples"
    if not (folder / "classifiers.py").is_file():
        pytest.skip("this stage has no samples/classifiers.py")
    monkeypatch.syspath_prepend(str(folder))
    for name in ("classifiers", "fashion_mnist"):
        sys.modules.pop(name, None)
    return folder


def write_idx(path, array):
    header = bytes([0, 0, 8, array.ndim]) + np.array(array.shape, ">u4").tobytes()
    data = header + array.astype(np.uint8).tobytes()
    path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)


def blobs(rng, centres, count):
    """Points around well separated centres: a linear model gets nearly all right."""
    labels = rng.integers(0, len(centres), count)
    images = centres[labels] + rng.standard_normal((count, centres.shape[1]))
    return images.astype(np.float32), labels


@pytest.mark.parametrize("suffix", ["", ".gz"])
def test_read_idx_reads_back_what_was_written(samples, tmp_path, suffix):
    from fashion_mnist import read_idx

    array = np.random.default_rng(0).integers(0, 256, (5, 28, 28))
    write_idx(tmp_path / f"images{suffix}", array)
    read = read_idx(tmp_path / f"images{suffix}")
    assert read.shape == (5, 28, 28)
    np.testing.assert_array_equal(read, array)


def fake_fashion_mnist(folder, rng, train=96, test=40):
    for part, count in (("train", train), ("t10k", test)):
        write_idx(folder / f"{part}-images-idx3-ubyte.gz", rng.integers(0, 256, (count, 28, 28)))
        write_idx(folder / f"{part}-labels-idx1-ubyte.gz", rng.integers(0, 10, count))


def test_load_gives_float32_pixels_in_0_1_and_integer_labels(samples, tmp_path):
    from fashion_mnist import load

    fake_fashion_mnist(tmp_path, np.random.default_rng(1))
    images, labels = load(tmp_path, "test")
    assert (images.shape, images.dtype, labels.shape, labels.dtype) == (
        (40, 784),
        np.float32,
        (40,),
        np.int64,
    )
    assert 0 <= images.min() and images.max() <= 1


def test_missing_data_stops_with_one_line_naming_the_debian_package(samples, tmp_path, capsys):
    from fashion_mnist import load

    with pytest.raises(SystemExit) as stop:
        load(tmp_path / "nowhere", "train")
    assert stop.value.code == 77  # "skipped": the docs build goes on
    message = capsys.readouterr().err
    assert "dataset-fashion-mnist" in message and "--data" in message
    assert message.count("\n") == 1


@pytest.mark.parametrize("name", ["softmax regression", "MLP"])
def test_training_learns_generated_clusters_reproducibly_in_float32(samples, name):
    import classifiers

    rng = np.random.default_rng(2)
    centres = 3 * rng.standard_normal((3, 20))
    train_set, test_set = blobs(rng, centres, 600), blobs(rng, centres, 200)

    def run():
        init = np.random.default_rng(0)
        if name == "MLP":
            model = classifiers.mlp
            params = classifiers.linear_layer(init, 20, 16) + classifiers.linear_layer(init, 16, 3)
        else:
            model, params = classifiers.softmax_regression, classifiers.linear_layer(init, 20, 3)
        out = io.StringIO()
        history = classifiers.train(
            model, params, train_set, test_set, 3, 32, 0.05, seed=7, out=out
        )
        return params, history, out.getvalue()

    params, history, printed = run()
    assert history["accuracy"][-1] >= 0.95
    assert len(history["accuracy"]) == 3 and len(history["losses"]) == 3 * 19
    assert history["losses"][-1] < history["losses"][0]
    assert "epoch 3/3 [" in printed and "test accuracy" in printed
    assert all(p.value.dtype == np.float32 for p in params)
    again, _, _ = run()  # the same seed gives the same parameters
    for first, second in zip(params, again, strict=True):
        np.testing.assert_array_equal(first.value, second.value)


def test_the_script_trains_and_draws_both_figures(samples, stage_folder, tmp_path):
    pytest.importorskip("matplotlib")
    fake_fashion_mnist(tmp_path, np.random.default_rng(3))
    out = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(stage_folder), "MPLBACKEND": "Agg"}
    done = subprocess.run(
        [
            sys.executable,
            str(samples / "train_fashion_mnist.py"),
            str(out),
            "--data",
            str(tmp_path),
            "--epochs",
            "2",
        ],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "MLP: test accuracy" in done.stdout
    for name in ("fashion_mnist_curves.png", "fashion_mnist_predictions.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG")


def test_without_the_data_the_script_draws_stand_ins(samples, stage_folder, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "out"
    environment = {**os.environ, "PYTHONPATH": str(stage_folder), "MPLBACKEND": "Agg"}
    script = [sys.executable, str(samples / "train_fashion_mnist.py"), str(out)]
    done = subprocess.run(
        [*script, "--data", str(tmp_path / "nowhere")],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
    )
    assert done.returncode == 77, done.stderr  # skipped: the docs show the stand-ins
    assert "dataset-fashion-mnist" in done.stderr
    for name in ("fashion_mnist_curves.png", "fashion_mnist_predictions.png"):
        assert (out / name).read_bytes().startswith(b"\x89PNG")
