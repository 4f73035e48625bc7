"""What a failed call must say, and proof that it changed nothing."""

import re


def assert_names(message, name):
    """`name` appears as a word (any case): "division" does not name div."""
    assert re.search(rf"\b{re.escape(name)}\b", message, re.IGNORECASE), (
        f"the message does not name {name!r}: {message!r}"
    )


def assert_shows(message, value):
    shown = {repr(value), str(value)}
    if isinstance(value, float):
        shown.add(f"{value:g}")
    assert any(text in message for text in shown), (
        f"the message does not show {value!r}: {message!r}"
    )


def state(nodes):
    """Everything a failed operation could have changed on these nodes."""
    return [(node.value, node.grad, node.op, list(node.inputs)) for node in nodes]
