import re

from masthead.demo.beats import BLOG_BEATS, NEWS_BEATS
from masthead.demo.prose import story_text


def news_story(number: int, **kwargs):
    beat = NEWS_BEATS[number % len(NEWS_BEATS)]
    return story_text(beat=beat, number=number, nth=number // len(NEWS_BEATS), **kwargs)


def every_text(story) -> list[str]:
    texts = [story.title, story.standfirst, story.dateline]
    for block in story.body:
        value = block["value"]
        texts += [value] if isinstance(value, str) else [value["quote"], value["attribution"]]
    return texts


def test_the_same_story_number_always_gives_the_same_words():
    assert news_story(7) == news_story(7)
    assert news_story(7).title != news_story(20).title


def test_every_slot_of_every_beat_is_filled():
    stories = [news_story(n) for n in range(200)]
    stories += [story_text(beat=b, number=n, nth=n) for b in BLOG_BEATS for n in range(6)]
    for story in stories:
        for text in every_text(story):
            assert not re.search(r"[{}]", text), text


def test_stories_run_to_eight_to_twenty_blocks_with_quotes_and_a_lead():
    for number in range(100):
        story = news_story(number)
        kinds = [block["type"] for block in story.body]
        assert 8 <= len(kinds) <= 20
        assert kinds[0] == "paragraph" and kinds[-1] == "paragraph"
        assert "quote" in kinds
        assert all(
            block["value"]["attribution"] for block in story.body if block["type"] == "quote"
        )


def test_agency_copy_names_the_agency_in_its_dateline():
    assert news_story(0, agency_short="LWS").dateline == "BAGHDAD (LWS)"
    assert news_story(0).dateline == "BAGHDAD"


def test_paragraphs_are_escaped_html():
    paragraphs = [
        b["value"] for n in range(60) for b in news_story(n).body if b["type"] == "paragraph"
    ]
    assert all(p.startswith("<p>") and p.endswith("</p>") for p in paragraphs)
    assert not any("<" in p[3:-4] for p in paragraphs)


def test_numbered_slugs_end_with_the_story_number():
    assert news_story(1234, numbered_slug=True).slug.endswith("-1234")
    assert len(news_story(1234, numbered_slug=True).slug) <= 70
