from datetime import UTC, datetime

import pytest

from masthead.core import dates


@pytest.fixture(autouse=True)
def amman(settings):
    settings.TIME_ZONE = "Asia/Amman"


def test_story_date_uses_the_reference_format_in_the_site_time_zone():
    # 23:30 UTC on 6 February is already 7 February in Amman (UTC+2 in 2018).
    assert dates.story_date(datetime(2018, 2, 6, 23, 30, tzinfo=UTC)) == "Feb 07,2018"


def test_date_line_reads_like_the_reference_page():
    assert dates.date_line(datetime(2019, 2, 21, 9, 0, tzinfo=UTC)) == "Thursday 21 February 2019"


def test_date_line_turns_at_local_midnight_not_utc_midnight():
    before = datetime(2019, 2, 20, 21, 59, tzinfo=UTC)  # 23:59 in Amman
    after = datetime(2019, 2, 20, 22, 1, tzinfo=UTC)  # 00:01 in Amman
    assert dates.date_line(before) == "Wednesday 20 February 2019"
    assert dates.date_line(after) == "Thursday 21 February 2019"


def test_seconds_to_midnight_counts_to_local_midnight():
    assert dates.seconds_to_midnight(datetime(2019, 2, 20, 21, 59, tzinfo=UTC)) == 60


def test_today_turns_at_local_midnight_and_follows_the_time_zone(settings):
    before = datetime(2019, 2, 20, 21, 59, tzinfo=UTC)  # 23:59 in Amman
    after = datetime(2019, 2, 20, 22, 1, tzinfo=UTC)  # 00:01 in Amman
    assert str(dates.today(before)) == "2019-02-20"
    assert str(dates.today(after)) == "2019-02-21"
    assert str(dates.today(before)) == "2019-02-20"  # going back in time, as tests do
    settings.TIME_ZONE = "UTC"
    assert str(dates.today(after)) == "2019-02-20"


def test_seconds_to_midnight_counts_real_seconds_across_a_clock_change(settings):
    settings.TIME_ZONE = "Europe/London"
    # Local midnight on 31 March 2019; the clocks went forward at 01:00, so the day
    # had 23 hours.
    assert dates.seconds_to_midnight(datetime(2019, 3, 31, 0, 0, tzinfo=UTC)) == 23 * 3600
    # 27 October 2019 had 25 (back at 02:00 BST).
    assert dates.seconds_to_midnight(datetime(2019, 10, 26, 23, 0, tzinfo=UTC)) == 25 * 3600
