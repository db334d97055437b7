import pytest

from masthead.votes.models import VoteValue, voters_sentence


@pytest.mark.parametrize(
    ("count", "sentence"),
    [
        (0, "No one has voted yet: be the first."),
        (1, "1 user has voted."),
        (2, "2 users have voted."),
        (20, "20 users have voted."),
        (1234, "1,234 users have voted."),
    ],
)
def test_the_count_reads_as_the_reference_page_says_it(count, sentence):
    assert voters_sentence(count) == sentence


@pytest.mark.parametrize(
    ("text", "value"),
    [("up", VoteValue.UP), ("down", VoteValue.DOWN), ("Up", None), ("", None), ("1", None)],
)
def test_only_up_and_down_are_votes(text, value):
    assert VoteValue.parse(text) == value
