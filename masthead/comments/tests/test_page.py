import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from masthead.comments.models import Comment
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def publish(story, body="A published comment.", parent=None, name="Reader", **fields):
    comment = Comment.objects.create(
        story=story,
        parent=parent,
        depth=parent.depth + 1 if parent else 0,
        name=name,
        body=body,
        status=Comment.Status.PUBLISHED,
        **fields,
    )
    comment.thread = (parent.thread if parent else "") + f"{comment.pk:010d}"
    comment.save(update_fields=["thread"])
    return comment


def html_of(client, story, query="") -> str:
    response = client.get(story.url + query)
    assert response.status_code == 200
    return response.content.decode()


def test_article_shows_the_add_new_comment_form_with_the_human_check(client, story):
    html = html_of(client, story)
    assert 'id="comments"' in html and "Add new comment" in html
    assert '<label for="comment-name">Your name</label>' in html
    assert '<label for="comment-body">Comment</label>' in html
    assert "This question is for testing whether or not you are a human visitor" in html
    assert 'src="/static/masthead/js/humancheck.js" defer' in html


def test_cached_article_carries_no_per_reader_token(client, story):
    first, second = html_of(client, story), html_of(client, story)
    assert first == second
    assert 'name="hc_token" value=""' in first
    assert "csrfmiddlewaretoken" not in first
    response = client.get(story.url)
    assert "public" in response["Cache-Control"]
    assert not response.cookies


def test_article_without_javascript_links_to_the_uncached_form(client, story):
    assert f'href="/comments/{story.pk}/form/">Show the question</a>' in html_of(client, story)


def test_published_comments_are_shown_threaded_and_others_are_not(client, story):
    root = publish(story, body="First thread")
    reply = publish(story, body="Reply to first", parent=root)
    deeper = publish(story, body="Reply to reply", parent=reply)
    second = publish(story, body="Second thread")
    Comment.objects.create(story=story, name="Spammer", body="Buy pills", status="spam")
    Comment.objects.create(story=story, name="Waiting", body="Not yet seen", status="pending")
    html = html_of(client, story)
    order = [html.index(text) for text in ["First thread", "Reply to first", "Reply to reply"]]
    assert order == sorted(order) and html.index("Second thread") > order[-1]
    assert "Buy pills" not in html and "Not yet seen" not in html
    assert f'class="comment comment--depth-2" id="comment-{deeper.pk}"' in html
    assert "4 comments" in html
    # The deepest level takes no more replies; the others do.
    assert f"?reply_to={reply.pk}" in html and f"?reply_to={deeper.pk}" not in html
    assert f"?reply_to={second.pk}" in html


def test_links_are_clickable_with_nofollow_ugc_noopener_and_markup_is_text(client, story):
    publish(
        story,
        body='See https://example.org/report?a=1&b=2 now.\n\n<script>alert("x")</script>'
        '<a href="javascript:alert(1)">click</a><img src=x onerror=alert(1)>',
        name='<b onmouseover="alert(1)">Mallory</b>',
    )
    html = html_of(client, story)
    assert (
        '<a href="https://example.org/report?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/report?a=1&amp;b=2</a>"
    ) in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)" in html
    assert "<img src=x" not in html and 'href="javascript' not in html
    assert "<b onmouseover" not in html and "&lt;b onmouseover=" in html
    assert "</p>\n<p>" in html  # paragraphs kept


def test_email_is_never_shown(client, story):
    publish(story, email="private.reader@example.com")
    assert "private.reader@example.com" not in html_of(client, story)


def test_comments_are_paginated_fifty_a_page(client, story):
    for n in range(55):
        publish(story, body=f"Comment number {n:02d}.")
    first, second = html_of(client, story), html_of(client, story, "?page=2")
    assert "Comment number 49." in first and "Comment number 50." not in first
    assert "Comment number 50." in second and "Comment number 54." in second
    assert 'rel="next" href="?page=2#comments"' in first
    assert client.get(story.url + "?page=9").status_code == 404
    assert client.get(story.url + "?page=x").status_code == 404


def query_count(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_queries_do_not_grow_with_the_number_of_comments(client, story):
    section = story.get_parent().specific
    one, many = (f.article(section, title=f"Story with {n} comments") for n in (1, 500))
    for target, count in ((one, 1), (many, 500)):
        Comment.objects.bulk_create(
            Comment(
                story=target,
                name=f"Reader {n}",
                body=f"Comment {n} https://example.org/{n}",
                status=Comment.Status.PUBLISHED,
                thread=f"{n + 1:010d}",
            )
            for n in range(count)
        )
    empty = query_count(client, story.url)
    assert query_count(client, one.url) == query_count(client, many.url)
    # With no comment at all the empty page of comments is not even fetched.
    assert empty <= query_count(client, many.url) <= empty + 1


def test_comment_count_shows_in_teasers(client, story, other_story):
    publish(story)
    publish(story)
    Comment.objects.create(story=other_story, name="Held", body="Pending", status="pending")
    html = client.get(story.get_parent().url).content.decode()
    assert f'href="{story.url}#comments">2 comments</a>' in html
    assert f"{other_story.url}#comments" not in html


def test_teaser_comment_counts_cost_no_query_per_story(client, story):
    section = story.get_parent().specific
    few = query_count(client, section.url)
    for n in range(5):
        publish(f.article(section, title=f"More news number {n}"))
    assert query_count(client, section.url) == few


def test_comments_close_by_hand(client, story):
    publish(story, body="Said before closing")
    story.comments_open = False
    story.save_revision().publish()
    html = html_of(client, story)
    assert "Comments are closed." in html and "Add new comment" not in html
    assert "Said before closing" in html and "reply_to" not in html


def test_comments_close_by_themselves_after_the_site_wide_days(client, settings, story):
    settings.MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS = 14
    old = f.article(
        story.get_parent().specific,
        title="Story from last month",
        published=timezone.now() - timedelta(days=15),
    )
    assert "Comments are closed." in html_of(client, old)
    assert "Add new comment" in html_of(client, story)


def test_unknown_comment_status_in_the_address_shows_nothing(client, story):
    html = html_of(client, story, "?comment=<script>")
    assert 'id="comment-status"' not in html and "<script>" not in re.sub(
        r"<script[^>]*(src|type)=[^>]*>", "", html
    )
