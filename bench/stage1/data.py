"""The W3 data and starting weights, made from fixed seeds so every run is the same."""

import math
import random

MLP_SIZES = (2, 16, 16, 1)


def two_moons(count, noise=0.1, seed=0):
    """Two interleaved half circles, labelled -1 and +1, as sklearn's make_moons draws them.

    Returns (points, labels): `count` [x, y] pairs and their labels.
    """
    rng = random.Random(seed)
    upper = count // 2
    points, labels = [], []
    for i in range(count):
        if i < upper:
            angle = math.pi * i / max(upper - 1, 1)
            x, y, label = math.cos(angle), math.sin(angle), -1.0
        else:
            angle = math.pi * (i - upper) / max(count - upper - 1, 1)
            x, y, label = 1.0 - math.cos(angle), 0.5 - math.sin(angle), 1.0
        points.append([x + rng.gauss(0.0, noise), y + rng.gauss(0.0, noise)])
        labels.append(label)
    return points, labels


def initial_mlp(sizes=MLP_SIZES, seed=1):
    """Starting weights as micrograd's Neuron draws them: uniform in [-1, 1], bias 0.

    Returns one list per layer of (weights, bias) per neuron, as plain floats.
    """
    rng = random.Random(seed)
    return [
        [([rng.uniform(-1.0, 1.0) for _ in range(fan_in)], 0.0) for _ in range(fan_out)]
        for fan_in, fan_out in zip(sizes, sizes[1:], strict=False)
    ]


def mlp_nodes(sizes, point_count):
    """Operation results in one W3 loss graph (see bench/cases.py for the rule)."""
    per_point = 3  # the hinge: mul, add, relu
    parameter_count = 0
    for layer, (fan_in, fan_out) in enumerate(zip(sizes, sizes[1:], strict=False)):
        hidden = layer < len(sizes) - 2
        per_point += fan_out * (2 * fan_in + hidden)  # a mul and an add per weight, tanh
        parameter_count += fan_out * (fan_in + 1)
    data_loss = point_count + 1  # the sum of the losses, then the mean
    reg_loss = 2 * parameter_count + 1  # p*p and its sum, then alpha *
    return per_point * point_count + data_loss + reg_loss + 1  # + 1: data_loss + reg_loss
