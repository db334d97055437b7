import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from masthead.comments.models import Comment

pytestmark = pytest.mark.django_db

LIST = "/admin/snippets/comments/comment/"


def bulk(action, *comments):
    ids = "&".join(f"id={c.pk}" for c in comments)
    return f"/admin/bulk/comments/comment/{action}/?{ids}&next={LIST}"


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.fixture
def queue(story, other_story):
    make = Comment.objects.create
    return {
        "waiting": make(story=story, name="Wendy", body="Waiting here", thread="1"),
        "spam": make(story=story, name="Sam", body="Buy pills", status="spam", thread="2"),
        "other": make(story=other_story, name="Olga", body="Dams are full", thread="3"),
        "shown": make(story=story, name="Pia", body="Shown text", status="published", thread="4"),
    }


def test_queue_lists_comments_with_article_and_status(admin_client, queue):
    html = admin_client.get(LIST).content.decode()
    for comment in queue.values():
        assert comment.body in html
    assert "Awaiting moderation" in html and "Council approves new water plan" in html


@pytest.mark.parametrize(
    ("query", "shown", "hidden"),
    [
        ("?status=pending", ["waiting", "other"], ["spam", "shown"]),
        ("?status=spam", ["spam"], ["waiting", "other"]),
        ("?article=dams", ["other"], ["waiting", "spam"]),
        ("?q=pills", ["spam"], ["waiting", "other"]),
    ],
)
def test_queue_filters_by_status_and_article_and_searches(
    admin_client, queue, query, shown, hidden
):
    html = admin_client.get(LIST + query).content.decode()
    assert all(queue[name].body in html for name in shown)
    assert not any(queue[name].body in html for name in hidden)


def test_queue_filters_by_one_article(admin_client, queue, other_story):
    html = admin_client.get(f"{LIST}?story={other_story.pk}").content.decode()
    assert "Dams are full" in html and "Waiting here" not in html


def test_bulk_approve_publishes_records_and_logs(admin_client, queue, moderator):
    page = admin_client.get(bulk("approve", queue["waiting"], queue["other"]))
    assert page.status_code == 200 and "Approve 2 comments?" in page.content.decode()
    response = admin_client.post(bulk("approve", queue["waiting"], queue["other"]))
    assert response.status_code == 302
    for name in ("waiting", "other"):
        queue[name].refresh_from_db()
        assert queue[name].status == "published" and queue[name].moderated_by == moderator
    assert ModelLogEntry.objects.filter(action="masthead.comment.approve").count() == 2


@pytest.mark.parametrize(("action", "status"), [("reject", "rejected"), ("spam", "spam")])
def test_bulk_reject_and_mark_spam(admin_client, queue, action, status):
    admin_client.post(bulk(action, queue["shown"]))
    queue["shown"].refresh_from_db()
    assert queue["shown"].status == status


def test_bulk_delete_goes_through_the_service_and_is_logged(admin_client, queue, moderator):
    response = admin_client.post(bulk("delete", queue["spam"]))
    assert response.status_code == 302
    assert not Comment.objects.filter(pk=queue["spam"].pk).exists()
    entry = ModelLogEntry.objects.get(action="wagtail.delete", object_id=str(queue["spam"].pk))
    assert entry.user_id == moderator.pk


def test_approval_shows_the_comment_on_the_article(admin_client, client, queue, story):
    admin_client.post(bulk("approve", queue["waiting"]))
    admin_client.logout()
    assert "Waiting here" in client.get(story.url).content.decode()


def test_dashboard_counts_comments_awaiting_moderation(admin_client, queue):
    html = admin_client.get("/admin/").content.decode()
    assert (
        '<a href="/admin/snippets/comments/comment/?status=pending">'
        "<span data-comments-pending>2</span> comments awaiting moderation</a>"
    ) in html
    assert "1 held as spam" in html


def test_nobody_adds_comments_in_the_admin(admin_client, queue):
    assert admin_client.get(LIST + "add/").status_code in {302, 403}
    assert (
        'href="/admin/snippets/comments/comment/add/"'
        not in admin_client.get(LIST).content.decode()
    )


def test_markup_in_comments_is_text_in_the_admin(admin_client, story):
    comment = Comment.objects.create(
        story=story,
        name='<script>alert("name")</script>',
        body='<img src=x onerror=alert(1)> <script>alert("body")</script>',
        thread="1",
    )
    pages = [
        LIST,
        f"{LIST}edit/{comment.pk}/",
        f"{LIST}inspect/{comment.pk}/",
        f"{LIST}history/{comment.pk}/",
        bulk("approve", comment),
        "/admin/",
    ]
    for url in pages:
        response = admin_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200, url
        assert '<script>alert("' not in html and "<img src=x" not in html, url


def test_reader_data_can_be_exported_and_erased_by_email(admin_client, story):
    Comment.objects.create(story=story, name="R", body="Mine", email="r@example.com", thread="1")
    Comment.objects.create(story=story, name="S", body="Theirs", email="s@example.com", thread="2")
    url = reverse("comments_reader_data")
    assert admin_client.get(url).status_code == 200
    export = admin_client.post(url, {"email": "r@example.com", "export": "1"})
    assert export["Content-Disposition"].startswith("attachment")
    assert [item["comment"] for item in json.loads(export.content)] == ["Mine"]
    unconfirmed = admin_client.post(url, {"email": "r@example.com", "erase": "1"})
    assert unconfirmed.status_code == 200 and Comment.objects.count() == 2
    admin_client.post(url, {"email": "r@example.com", "erase": "1", "confirm": "on"})
    assert list(Comment.objects.values_list("body", flat=True)) == ["Theirs"]


def test_reader_data_needs_the_delete_permission(client, django_user_model):
    from django.contrib.auth.models import Group

    reporter = django_user_model.objects.create_user(username="rep", password="x-secret-9")
    reporter.groups.add(Group.objects.get(name="Reporter"))
    client.force_login(reporter)
    assert client.get(reverse("comments_reader_data")).status_code in {302, 403}
    export = client.post(reverse("comments_reader_data"), {"email": "a@b.co", "export": "1"})
    assert "attachment" not in export.get("Content-Disposition", "")
    assert client.get(LIST).status_code in {302, 403}


def test_editing_a_published_comment_in_the_admin_announces_its_story(admin_client, queue, story):
    from masthead.comments.signals import comment_changed

    heard = []

    def receiver(sender, story, **kwargs):
        heard.append(story.pk)

    comment_changed.connect(receiver)
    try:
        response = admin_client.post(
            f"{LIST}edit/{queue['shown'].pk}/",
            {"name": "Pia", "email": "", "body": "Edited by a moderator"},
        )
    finally:
        comment_changed.disconnect(receiver)
    assert response.status_code == 302
    assert Comment.objects.get(pk=queue["shown"].pk).body == "Edited by a moderator"
    assert heard == [story.pk]
