import pytest

from masthead.newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(client, django_user_model):
    user = django_user_model.objects.create_superuser(
        username="chief", email="chief@example.com", password="x-secret-9"
    )
    client.force_login(user)
    return client


def test_subscribers_are_searchable_in_the_admin(admin, confirmed):
    confirmed("reader@example.com")
    confirmed("other@example.org")
    html = admin.get("/admin/snippets/newsletter/subscriber/?q=reader").content.decode()
    assert "reader@example.com" in html
    assert "other@example.org" not in html


def test_subscribers_export_as_csv(admin, confirmed):
    confirmed("reader@example.com")
    Subscriber.objects.create(email="pending@example.com")
    response = admin.get("/admin/snippets/newsletter/subscriber/?export=csv")
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert "reader@example.com,confirmed" in body.replace("\r", "")
    assert "pending@example.com" in body


@pytest.fixture
def news(db):
    from django.utils import timezone

    from masthead.newsletter.digest import window_end
    from masthead.stories import factories as f

    end = window_end(timezone.localdate(), now=timezone.now())
    region = f.section("Region")
    top = f.article(region, title="Council approves new water plan", published=end - HOUR * 2)
    second = f.article(region, title="Market reopens after repairs", published=end - HOUR * 3)
    old = f.article(region, title="Bridge closes for the winter", published=end - HOUR * 40)
    return {"top": top, "second": second, "old": old}


HOUR = __import__("datetime").timedelta(hours=1)
NEXT = "/admin/newsletter-next/"


def test_editor_sees_the_next_issue_and_its_preview(admin, news):
    page = admin.get(NEXT).content.decode()
    assert "Council approves new water plan" in page
    assert 'src="/admin/newsletter-next/preview/"' in page
    preview = admin.get(NEXT + "preview/")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert "Market reopens after repairs" in preview.content.decode()


def test_dropped_story_stays_out_of_the_issue_and_pinned_one_leads(admin, news):
    from django.utils import timezone

    from masthead.newsletter.digest import digest_build

    admin.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "drop"})
    admin.post(NEXT + "pick/", {"page": news["old"].pk, "choice": "pin"})
    preview = admin.get(NEXT + "preview/").content.decode()
    assert "Council approves" not in preview
    assert preview.index("Bridge closes") < preview.index("Market reopens")
    issue = digest_build(date=timezone.localdate(), now=timezone.now())
    assert issue.subject == "Bridge closes for the winter"
    assert "Council approves" not in issue.html


def test_restored_story_comes_back(admin, news):
    admin.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "drop"})
    admin.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "restore"})
    assert "Council approves" in admin.get(NEXT + "preview/").content.decode()


def test_bad_pick_is_a_message_not_an_error(admin, news):
    response = admin.post(NEXT + "pick/", {"page": "abc", "choice": "pin"}, follow=True)
    assert response.status_code == 200
    assert "Choose a story first." in response.content.decode()
    response = admin.post(NEXT + "pick/", {"page": 999999, "choice": "pin"}, follow=True)
    assert "No live story" in response.content.decode()
    response = admin.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "x"}, follow=True)
    assert "pin or to drop" in response.content.decode()


def test_built_issue_can_no_longer_be_changed(admin, news):
    from django.utils import timezone

    from masthead.newsletter.digest import digest_build

    today = timezone.localdate()
    digest_build(date=today, now=timezone.now())
    response = admin.post(
        NEXT + "pick/",
        {"date": today.isoformat(), "page": news["top"].pk, "choice": "drop"},
        follow=True,
    )
    assert "can no longer change" in response.content.decode()


def test_editor_sends_a_test_to_their_own_address(admin, news, smtp):
    response = admin.post(NEXT + "test/", follow=True)
    assert "chief@example.com" in response.content.decode()
    [message] = smtp.to("chief@example.com")
    assert message["Subject"] == "[Test] Council approves new water plan"
    assert "{{unsubscribe_url}}" not in message.get_body(("html",)).get_content()
    assert len(smtp.messages) == 1


def test_test_send_with_nothing_published_says_so(admin, smtp):
    response = admin.post(NEXT + "test/", follow=True)
    assert "nothing to send" in response.content.decode()
    assert smtp.messages == []


def test_past_issues_are_listed_with_their_figures(admin):
    import datetime

    from masthead.newsletter.models import DigestIssue

    DigestIssue.objects.create(
        date=datetime.date(2026, 11, 20),
        subject="Flood defences hold",
        html="x",
        text="x",
        recipients=1234,
        sent=1230,
        failed=4,
        unsubscribes=7,
        resends=2,
    )
    html = admin.get("/admin/snippets/newsletter/digestissue/").content.decode()
    assert "Flood defences hold" in html
    for figure in ("1234", "1230", "Resends", "Unsubscribes"):
        assert figure in html


@pytest.fixture
def staff(client, django_user_model):
    from masthead.newsroom.roles import roles_ensure

    groups = {g.name: g for g in roles_ensure()}

    def sign_in(role: str):
        user = django_user_model.objects.create_user(
            username=role.lower().replace(" ", "-"), email="desk@example.com", password="x-9"
        )
        user.groups.add(groups[role])
        client.force_login(user)
        return client

    return sign_in


def test_newsletter_editor_runs_the_newsletter_and_a_reporter_does_not(staff, news, confirmed):
    from masthead.newsroom.roles import NEWSLETTER_EDITOR, REPORTER

    confirmed("reader@example.com")
    editor = staff(NEWSLETTER_EDITOR)
    assert editor.get(NEXT).status_code == 200
    assert (
        editor.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "drop"}).status_code == 302
    )
    export = editor.get("/admin/snippets/newsletter/subscriber/?export=csv")
    assert b"reader@example.com" in b"".join(export.streaming_content)
    editor.logout()
    reporter = staff(REPORTER)
    assert reporter.get(NEXT).status_code in (302, 403)
    assert reporter.post(NEXT + "pick/", {"page": news["top"].pk, "choice": "pin"}).status_code in (
        302,
        403,
    )
    from masthead.newsletter.models import DigestPick

    assert list(DigestPick.objects.values_list("choice", flat=True)) == ["drop"]


def test_test_send_with_the_mail_server_down_says_so(admin, news, settings):
    from masthead.newsletter.testing import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    response = admin.post(NEXT + "test/", follow=True)
    assert response.status_code == 200
    assert "did not take the test copy" in response.content.decode()
