import re

import pytest
from django.db import connection
from django.template import engines
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from masthead.votes.models import VoteValue
from masthead.votes.readers import Reader
from masthead.votes.services import vote_cast

pytestmark = pytest.mark.django_db


def widget_html(story, query="") -> str:
    template = engines["django"].from_string("{% load votes_tags %}{% vote_widget story %}")
    return template.render({"story": story}, RequestFactory().get("/" + query))


def cast(story, count, value=VoteValue.UP):
    for i in range(count):
        vote_cast(story=story, reader=Reader(anonymous_id=f"reader-{i}"), value=value)


def test_a_story_without_votes_invites_the_first(story):
    assert "No one has voted yet: be the first." in widget_html(story)


def test_the_story_page_says_how_many_users_have_voted(client, story):
    cast(story, 1)
    assert "1 user has voted." in client.get(story.url).content.decode()
    cast(story, 20)  # the first reader again, and nineteen more
    html = client.get(story.url).content.decode()
    assert "20 users have voted." in html
    assert re.search(r'data-votes-tally="up">20<', html)


def test_the_widget_costs_one_query_whatever_the_votes(story):
    cast(story, 3)
    cast(story, 2, VoteValue.DOWN)
    with CaptureQueriesContext(connection) as queries:
        html = widget_html(story)
    assert len(queries) == 1
    assert re.search(r'data-votes-tally="down">2<', html) and "3 users have voted." in html


def test_the_widget_works_without_javascript_and_carries_no_reader_state(story):
    html = widget_html(story)
    assert f'<form class="votes__form" method="post" action="/votes/{story.pk}/">' in html
    assert 'name="value" value="up"' in html and 'name="value" value="down"' in html
    assert "csrfmiddlewaretoken" not in html and "aria-pressed" not in html
    assert "data-votes-withdraw hidden" in html


def test_the_script_is_a_deferred_first_party_file_never_inline(story):
    html = widget_html(story)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts == ['<script src="/static/masthead/js/votes.js" defer>']
    assert re.search(r"<script[^>]*>\s*</script>", html)


def test_a_receipt_parameter_names_only_known_outcomes(story):
    assert "Your vote has been withdrawn." in widget_html(story, "?voted=withdrawn")
    html = widget_html(story, "?voted=<b>sideways</b>")
    assert "sideways" not in html and "Your vote" not in html
