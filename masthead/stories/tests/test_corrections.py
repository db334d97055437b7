import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from masthead.news.models import ArticlePage
from masthead.stories import factories as f
from masthead.stories.models import StoryCorrection

pytestmark = pytest.mark.django_db


def article_ld(html: str) -> dict:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return next(d for d in map(json.loads, scripts) if d["@type"] == "NewsArticle")


@pytest.fixture
def corrected():
    """A story published yesterday, with a correction and an editor's note added since."""
    section = f.section("World")
    story = f.article(section, published=f.hours_ago(24))
    noted = timezone.now().replace(microsecond=0) - timedelta(hours=2)
    story.corrections.add(
        StoryCorrection(
            kind=StoryCorrection.CORRECTION,
            text="An earlier version gave the wrong reservoir capacity.",
            noted_at=noted,
        )
    )
    story.corrections.add(
        StoryCorrection(
            kind=StoryCorrection.NOTE,
            text="This story was updated with the council's final vote.",
            noted_at=noted - timedelta(hours=1),
        )
    )
    # A minor edit: only the correction's own date may move "Last updated at".
    story.minor_edit = True
    story.save_revision().publish()
    return ArticlePage.objects.get(pk=story.pk), noted


def test_corrections_are_shown_with_their_dates_after_the_body(client, corrected):
    story, noted = corrected
    html = client.get(story.url).content.decode()
    body_end = html.index('<div class="story__body">')
    corrections = html.index('class="story__corrections"')
    assert body_end < corrections
    block = html[corrections : html.index("</div>", corrections)]
    assert "<strong>Correction</strong>" in block
    assert "An earlier version gave the wrong reservoir capacity." in block
    assert "<strong>Editor&#x27;s note</strong>" in block
    # Oldest first: the editor's note was made an hour before the correction.
    assert block.index("Editor&#x27;s note") < block.index("<strong>Correction</strong>")
    assert f'<time datetime="{timezone.localtime(noted).isoformat()}"' in block


def test_corrections_are_marked_up_in_the_news_article(client, corrected):
    story, noted = corrected
    data = article_ld(client.get(story.url).content.decode())
    assert data["correction"] == [
        {
            "@type": "CorrectionComment",
            "text": "An earlier version gave the wrong reservoir capacity.",
            "datePublished": noted.isoformat(),
        }
    ]
    assert data["backstory"] == "This story was updated with the council's final vote."


def test_a_correction_moves_date_modified_and_last_updated(client, corrected):
    story, noted = corrected
    assert story.last_updated == noted
    data = article_ld(client.get(story.url).content.decode())
    assert data["dateModified"] == noted.isoformat()
    assert data["datePublished"] == story.first_published_at.isoformat()


def test_a_story_without_corrections_has_no_corrections_block(client):
    story = f.article(f.section("World"))
    html = client.get(story.url).content.decode()
    assert "story__corrections" not in html
    assert "correction" not in article_ld(html)


def test_a_correction_dated_in_the_future_does_not_validate():
    from django.core.exceptions import ValidationError

    note = StoryCorrection(text="From tomorrow", noted_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError) as raised:
        note.clean()
    assert "noted_at" in raised.value.message_dict


def test_a_correction_moves_the_updated_date_of_the_story_in_the_feeds(client, corrected):
    from datetime import datetime
    from xml.etree import ElementTree

    story, noted = corrected
    atom = {"a": "http://www.w3.org/2005/Atom"}
    entry = ElementTree.fromstring(client.get("/feeds/atom/").content).find("a:entry", atom)
    assert entry.find("a:title", atom).text == story.title
    assert datetime.fromisoformat(entry.find("a:updated", atom).text) == noted
    assert datetime.fromisoformat(entry.find("a:published", atom).text) < noted
