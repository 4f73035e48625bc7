"""The 17 built-in operations by name, with their arity, function and class."""

import dark

ARITY = {
    "add": 2,
    "sub": 2,
    "mul": 2,
    "div": 2,
    "pow": 2,
    "max": 2,
    "min": 2,
    "neg": 1,
    "exp": 1,
    "log": 1,
    "sqrt": 1,
    "abs": 1,
    "tanh": 1,
    "sigmoid": 1,
    "relu": 1,
    "sin": 1,
    "cos": 1,
}
NAMES = tuple(ARITY)
# Every (operation, argument position), for tests that go through each one.
POSITIONS = [(name, position) for name in NAMES for position in range(ARITY[name])]


def function(name):
    return getattr(dark, name)


def operation_class(name):
    return getattr(dark, name.capitalize())
