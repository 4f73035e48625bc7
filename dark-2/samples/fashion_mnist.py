"""Fashion-MNIST from its IDX files: 70,000 images of 28 x 28 pixels, 10 kinds of clothing.

Debian's package `dataset-fashion-mnist` installs the files; nothing is downloaded.
"""

import gzip
import sys
from pathlib import Path

import numpy as np

DEBIAN_FOLDER = Path("/usr/share/datasets/fashion-mnist")
CLASSES = ["T-shirt", "Trouser", "Pullover", "Dress", "Coat",
           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]  # fmt: skip
FILES = {
    "train": ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
    "test": ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"),
}


def read_idx(path):
    """An IDX file as a numpy array: a big-endian header, then the raw numbers.

    The header is two zero bytes, a byte for the element type (0x08: uint8), a
    byte for the number of dimensions, then one big-endian uint32 per dimension.
    """
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as file:
        data = file.read()
    if data[:3] != b"\x00\x00\x08":
        raise ValueError(f"{path} is not an IDX file of unsigned bytes")
    ndim = data[3]
    shape = np.frombuffer(data, dtype=">u4", count=ndim, offset=4)
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(shape)


def find(folder, name):
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    print(
        f"Fashion-MNIST not found in {folder} (no {name}[.gz]): "
        "install Debian's package dataset-fashion-mnist, or pass --data FOLDER",
        file=sys.stderr,
    )
    # 77 says "skipped, not failed", as automake's test drivers read it: on a machine
    # that lacks the data, the docs build goes on and shows stand-ins for the figures.
    sys.exit(77)


def load(folder=DEBIAN_FOLDER, part="train"):
    """(images, labels) of `part`: float32 pixels in [0, 1], one row per image, int64 labels."""
    images, labels = (read_idx(find(Path(folder), name)) for name in FILES[part])
    pixels = images.reshape(len(images), -1).astype(np.float32)
    pixels /= 255  # in place: the training set is 188 MB as float32, and one copy is enough
    return pixels, labels.astype(np.int64)
