"""The wall-clock limits: a slow block fails with its own sentence, nested limits included."""

import time

import pytest
from time_limits import time_limit
from under_test import KnownFault


def spin(seconds):
    """Busy Python code for `seconds`, so the timer's signal is handled promptly."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def test_a_block_over_its_limit_fails_with_its_meaning():
    with pytest.raises(KnownFault, match="too slow: an inner loop"):
        with time_limit(0.2, "too slow: an inner loop"):
            spin(5)


def test_a_block_within_its_limit_is_left_alone():
    with time_limit(1, "never said"):
        spin(0.05)


def test_the_outer_limit_speaks_when_it_runs_out_inside_a_longer_inner_one():
    with pytest.raises(KnownFault, match="outer"):
        with time_limit(0.2, "outer"), time_limit(5, "inner"):
            spin(5)


def test_the_outer_limit_still_holds_after_an_inner_one_ends():
    started = time.monotonic()
    with pytest.raises(KnownFault, match="outer"):
        with time_limit(0.5, "outer"):
            with time_limit(0.1, "inner, finished in time"):
                spin(0.02)
            spin(5)
    assert time.monotonic() - started < 2
