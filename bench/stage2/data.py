"""The workloads' starting weights and data, drawn from fixed seeds: every engine starts alike."""

import numpy as np

MLP_SIZES = (784, 512, 512, 10)
FEATURES = 512  # T3's last axis


def mlp_weights(dtype, sizes=MLP_SIZES, seed=0):
    """[W1, b1, W2, b2, ...]: weights drawn as dark-2's sample draws them (He), biases 0."""
    rng = np.random.default_rng(seed)
    arrays = []
    for inputs, outputs in zip(sizes, sizes[1:], strict=False):
        weights = rng.standard_normal((inputs, outputs)) * np.sqrt(2 / inputs)
        arrays += [weights.astype(dtype), np.zeros(outputs, dtype)]
    return arrays


def batch(rows, dtype, seed=1):
    """A batch of images with pixels in [0, 1), and a class index for each."""
    rng = np.random.default_rng(seed)
    return rng.random((rows, MLP_SIZES[0]), dtype=dtype), rng.integers(0, MLP_SIZES[-1], rows)


def chain_leaves(seed=2):
    """T2's start y and its leaves a and b, all (4, 4) float32. |a| < 1: nothing blows up."""
    rng = np.random.default_rng(seed)
    y, a, b = (rng.uniform(low, high, (4, 4)).astype(np.float32)
               for low, high in ((-1, 1), (0.5, 0.9), (-0.1, 0.1)))  # fmt: skip
    return y, a, b


def layer_norm_inputs(rows, seed=3):
    """T3's x of shape (rows, 512), and a scale and a shift of shape (512,), all float32."""
    rng = np.random.default_rng(seed)
    x = rng.standard_normal((rows, FEATURES), dtype=np.float32)
    scale = 1 + 0.1 * rng.standard_normal(FEATURES, dtype=np.float32)
    return x, scale, 0.1 * rng.standard_normal(FEATURES, dtype=np.float32)
