"""The copy of `dark` under test, reached only while a test runs.

Test modules write `from under_test import dark` and then `dark.add(...)` as usual. `dark`
here is a stand-in that looks each name up in the real module when the test asks for it,
so a test module imports even when the copy is half written: a name the copy does not
have fails only the tests that use it, as "not written yet: dark.add".
"""

import functools
import re

from catalog import BY_NAME, NAMES


class NotWrittenYet(BaseException):
    """A name the copy lacks. A BaseException, so no `except Exception` in a test hides it."""


class KnownFault(AssertionError):
    """A failure whose cause the harness recognises; its message says what it means."""


class Copy:
    """Attribute access on the real `dark`, loaded by conftest.py before any test runs."""

    module = None
    families = frozenset()  # what the copy declares it provides

    def __getattr__(self, name):
        if name.startswith("_"):  # pytest and others look for special names on any object
            raise AttributeError(name)
        try:
            return getattr(Copy.module, name)
        except AttributeError:
            raise NotWrittenYet(f"not written yet: dark.{name}") from None


dark = Copy()


def call(name, *arguments):
    """dark.<name>(*arguments), with a clear message if it never returns from recursion."""
    function = getattr(dark, name)
    try:
        return function(*arguments)
    except RecursionError:
        raise KnownFault(
            f"dark.{name} never returns (RecursionError): does its _f call `{name}`, "
            f"which in its module is dark's own {name}, not Python's?"
        ) from None


def is_unwritten(error):
    """A missing name, or a stub that raises NotImplementedError."""
    return isinstance(error, NotWrittenYet | NotImplementedError)


def what_is_unwritten(error):
    """ "Task 1.4" for a skeleton's stub, else the stub's own message."""
    task = re.match(r"Task (\S+?):", str(error))
    return f"Task {task[1]}" if task else str(error)


@functools.cache
def available_operations():
    """The operations this copy has written, in the catalog's order.

    Each is called once on ordinary inputs: a missing name or a NotImplementedError
    means not written yet; any other error means written but wrong, and it stays in,
    so that the tests can say what is wrong with it.
    """
    found = []
    for name in NAMES:
        try:
            getattr(dark, name)(*[0.5] * BY_NAME[name].arity)
        except (NotWrittenYet, NotImplementedError):
            continue
        except Exception:
            pass
        found.append(name)
    return tuple(found)


def require_operations(*names):
    """Stop the test as "not written yet" unless the copy has every operation named."""
    for name in names:
        if name not in available_operations():
            try:
                getattr(dark, name)(*[0.5] * BY_NAME[name].arity)
            except NotImplementedError as stub:
                raise NotWrittenYet(f"not written yet: {what_is_unwritten(stub)}") from None


def operation_class(name):
    """The Operation subclass behind dark.<name>, read from the `op` of a node it made."""
    result = call(name, *[0.5] * BY_NAME[name].arity)
    return result.op
