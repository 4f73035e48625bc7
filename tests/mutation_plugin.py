"""A pytest plugin for `make mutants`: the stage suite, minus work that decides nothing.

mutmut runs the suite once per mutant, and needs only to know whether some test fails.
Shrinking a failing hypothesis example to the smallest one is for a person reading the
failure; for a mutant it costs up to the harness's shrinking limit and changes nothing.
"""

from hypothesis import Phase, settings


def pytest_configure(config):
    # Runs after tests/stage/conftest.py has loaded its profile, so this builds on it.
    phases = [phase for phase in settings.default.phases if phase is not Phase.shrink]
    settings.register_profile("mutants", parent=settings.default, phases=phases)
    settings.load_profile("mutants")
