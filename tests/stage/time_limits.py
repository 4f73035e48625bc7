"""Wall-clock limits that fail a slow test with a sentence saying what the slowness means.

One SIGALRM timer serves them all: a limit inside another (a test's own, inside the
harness's limit for every test) takes the timer and hands back what is left of the outer one.
Where there is no SIGALRM (Windows), there are no limits.
"""

import signal
import time
from contextlib import contextmanager

from under_test import KnownFault


class TookTooLong(BaseException):
    """Raised by the timer. A BaseException, so neither the copy nor hypothesis catches it."""


@contextmanager
def time_limit(seconds, meaning):
    """Fail with `meaning` if the block runs longer than `seconds`."""
    if not hasattr(signal, "setitimer"):
        yield
        return
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]  # 0.0: no outer limit
    mine = not outer_left or seconds <= outer_left

    def expire(signum, frame):
        raise TookTooLong()

    previous_handler = signal.signal(signal.SIGALRM, expire)
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds if mine else outer_left)
    try:
        yield
    except TookTooLong:
        outer_left = 0.0  # spent either way: do not start the outer timer again
        if not mine:
            raise  # the outer limit ran out first: it says what that means
        raise KnownFault(meaning) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous_handler)
        if outer_left:
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
