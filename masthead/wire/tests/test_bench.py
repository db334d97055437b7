import pytest

from masthead.wire.bench import ingest_rates

pytestmark = pytest.mark.django_db


def test_the_bench_ingests_then_finds_everything_unchanged(section):
    rates = ingest_rates(section=section, count=3, batch=2)
    assert rates["new_items"] == 3 and rates["unchanged_items"] == 3
    assert rates["new_per_second"] > 0 and rates["unchanged_per_second"] > 0
