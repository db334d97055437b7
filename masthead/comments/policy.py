"""The site's comment policy: when comments close, what counts as spam, what gets published.

A site changes it by subclassing CommentPolicy and naming the class in the
MASTHEAD_COMMENTS_POLICY setting, as Django's Feed and Sitemap classes are declared.
"""

import hashlib
import re
import unicodedata
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from masthead.comments.models import Comment

LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.IGNORECASE)
MARKUP = re.compile(r"<\s*/?\s*[a-z!][^>]*>", re.IGNORECASE)


def body_digest(body: str) -> str:
    """A fingerprint of the text that ignores case, spacing and punctuation."""
    folded = unicodedata.normalize("NFKC", body).casefold()
    letters = "".join(ch for ch in folded if ch.isalnum())
    return hashlib.sha256(letters.encode()).hexdigest()


class CommentPolicy:
    """The default: every anonymous comment waits for a moderator, as on the reference site."""

    spam_from = 50
    duplicate_days = 30
    # More than flood_posts comments from one address within flood_seconds is a flood:
    # the next is refused and the burst before it rejected. A reader writes far slower.
    flood_posts = 5
    flood_seconds = 60

    too_many_links_score = 50
    blocked_word_score = 60
    blocked_domain_score = 80
    duplicate_score = 50
    markup_score = 20

    # Settings are read when asked, so a subclass may pin any of them as a class attribute.
    @property
    def close_after_days(self) -> int:
        return settings.MASTHEAD_COMMENTS_CLOSE_AFTER_DAYS

    @property
    def publish_below(self) -> int:
        return settings.MASTHEAD_COMMENTS_PUBLISH_BELOW

    @property
    def max_links(self) -> int:
        return settings.MASTHEAD_COMMENTS_MAX_LINKS

    @property
    def blocked_words(self) -> list[str]:
        return settings.MASTHEAD_COMMENTS_BLOCKED_WORDS

    @property
    def blocked_domains(self) -> list[str]:
        return settings.MASTHEAD_COMMENTS_BLOCKED_DOMAINS

    def comments_open(self, story, *, now=None) -> bool:
        """Open unless closed by hand or older than close_after_days."""
        if not story.comments_open:
            return False
        if not self.close_after_days or story.first_published_at is None:
            return True
        now = now or timezone.now()
        return now - story.first_published_at < timedelta(days=self.close_after_days)

    def content_signals(self, *, story, name: str, body: str) -> dict[str, int]:
        """Score what the comment says: each rule that fires adds its points."""
        signals = {}
        text = f"{name}\n{body}"
        if len(LINK.findall(body)) > self.max_links:
            signals["too-many-links"] = self.too_many_links_score
        if self.has_blocked_word(text):
            signals["blocked-word"] = self.blocked_word_score
        if self.has_blocked_domain(text):
            signals["blocked-domain"] = self.blocked_domain_score
        if MARKUP.search(text):
            signals["markup"] = self.markup_score
        if self.is_duplicate(body):
            signals["duplicate"] = self.duplicate_score
        return signals

    def has_blocked_word(self, text: str) -> bool:
        folded = text.casefold()
        return any(
            re.search(rf"\b{re.escape(word.casefold())}\b", folded) for word in self.blocked_words
        )

    def has_blocked_domain(self, text: str) -> bool:
        blocked = {domain.casefold().lstrip(".") for domain in self.blocked_domains}
        for match in DOMAIN.finditer(text):
            host = match.group(1).casefold().rstrip(".")
            if any(host == domain or host.endswith(f".{domain}") for domain in blocked):
                return True
        return False

    def is_duplicate(self, body: str) -> bool:
        since = timezone.now() - timedelta(days=self.duplicate_days)
        return Comment.objects.filter(body_digest=body_digest(body), created_at__gte=since).exists()

    def flood_since(self, now):
        """The start of the window in which an address's comments count as one burst."""
        return now - timedelta(seconds=self.flood_seconds)

    def is_flood(self, *, client_hash: str, now) -> bool:
        """True when the address already sent flood_posts comments within flood_seconds."""
        if not client_hash or not self.flood_posts:
            return False
        recent = Comment.objects.filter(
            client_hash=client_hash, created_at__gte=self.flood_since(now)
        )
        return recent.count() >= self.flood_posts

    def status_for(self, *, score: int, proof_of_work: bool) -> str:
        """Turn the total score into a decision: spam, published or awaiting moderation."""
        if score >= self.spam_from:
            return Comment.Status.SPAM
        if proof_of_work and self.publish_below and score < self.publish_below:
            return Comment.Status.PUBLISHED
        return Comment.Status.PENDING


@lru_cache(maxsize=4)
def _policy_class(dotted: str):
    return import_string(dotted)


def get_policy() -> CommentPolicy:
    """Return the site's policy, as named by MASTHEAD_COMMENTS_POLICY."""
    return _policy_class(settings.MASTHEAD_COMMENTS_POLICY)()
