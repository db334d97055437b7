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
