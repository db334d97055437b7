import pytest

from masthead.stories import factories as f
from masthead.votes.models import TopStoryOverride

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("ed", "ed@example.com", "pw-123456")
    client.force_login(user)
    return user


def test_an_editor_pins_a_story_from_the_admin(client, editor, story):
    listing = client.get("/admin/snippets/votes/topstoryoverride/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/snippets/votes/topstoryoverride/add/",
        {"story": story.pk, "placement": "pin", "until": "", "note": "Main story today"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    override = TopStoryOverride.objects.get()
    assert (override.story_id, override.placement) == (story.pk, "pin")


def test_an_override_can_only_name_an_article(client, editor, story):
    blog = f.blog("Notebook")
    response = client.post(
        "/admin/snippets/votes/topstoryoverride/add/",
        {"story": blog.pk, "placement": "out", "until": "", "note": ""},
    )
    assert response.status_code == 200
    assert not TopStoryOverride.objects.exists()
