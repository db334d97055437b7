import pytest


@pytest.fixture(autouse=True)
def _light_proof_of_work(settings):
    """A small search space keeps solving fast; the protocol is the same."""
    settings.MASTHEAD_HUMANCHECK_POW_MAX_NUMBER = 50
