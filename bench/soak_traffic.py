"""The soak's traffic: readers and writers from many addresses, at a fixed rate."""

import random
import secrets
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

MIX = [("read", 7), ("comment", 1), ("vote", 1), ("signup", 1)]


@dataclass
class Tally:
    statuses: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    accepted: Counter = field(default_factory=Counter)
    sent: Counter = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, kind: str, status: int | None, ok: bool, detail: str = "") -> None:
        with self.lock:
            self.sent[kind] += 1
            self.statuses[status] += 1
            if ok:
                self.accepted[kind] += 1
            else:
                self.errors.append(f"{kind}: {status} {detail}"[:300])


def reader_address(rng: random.Random) -> str:
    """A reader from the benchmarking range 198.18.0.0/15, spread over its 512 networks."""
    return f"198.{rng.randint(18, 19)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"


def send(url: str, *, data: dict | None = None, headers: dict) -> tuple[int, bytes]:
    class Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers=headers)
    try:
        with urllib.request.build_opener(Stay).open(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


class Kinds:
    """What a soak request can be; writes whose app is missing are reported, not sent."""

    def __init__(self, base: str, stories: list):
        self.base = base
        self.stories = stories
        # The traffic repeats from run to run; the readers' addresses and texts must not, or
        # a second soak on the same database signs up the first one's readers again.
        self.run = secrets.token_hex(4)
        self.available = {"comment": self._has("masthead.comments.testing")}
        self.available["vote"] = self._has("masthead.votes.views")
        self.available["signup"] = self._has(
            "masthead.newsletter.testing", "signup_form_data", "SIGNUP_PATH", "SIGNUP_MODEL"
        )

    @staticmethod
    def _has(module: str, *names: str) -> bool:
        import importlib

        try:
            found = importlib.import_module(module)
        except ImportError:
            return False
        return all(hasattr(found, name) for name in names)

    def read(self, rng, tally):
        story = rng.choice(self.stories)
        status, _ = send(self.base + story.url, headers={"X-Forwarded-For": reader_address(rng)})
        tally.note("read", status, status == 200)

    def comment(self, rng, tally):
        from masthead.comments.testing import comment_form_data

        story = rng.choice(self.stories)
        data = comment_form_data(story, body=f"Soak comment {self.run} {rng.random():.12f}")
        status, body = send(
            self.base + "/comments/post/",
            data=data,
            headers={
                "X-Forwarded-For": reader_address(rng),
                "Sec-Fetch-Site": "same-origin",
                "Accept": "application/json",
            },
        )
        tally.note("comment", status, status == 201, body[:200].decode(errors="replace"))

    def vote(self, rng, tally):
        story = rng.choice(self.stories)
        status, body = send(
            f"{self.base}/votes/{story.pk}/",
            data={"value": rng.choice(["up", "down"])},
            headers={
                "X-Forwarded-For": reader_address(rng),
                "Origin": self.base,
                "Accept": "application/json",
            },
        )
        tally.note("vote", status, status == 200, body[:200].decode(errors="replace"))

    def signup(self, rng, tally):
        from masthead.newsletter.testing import SIGNUP_PATH, signup_form_data

        status, body = send(
            self.base + SIGNUP_PATH,
            data=signup_form_data(email=f"soak-{self.run}-{rng.getrandbits(64):x}@example.com"),
            headers={"X-Forwarded-For": reader_address(rng), "Sec-Fetch-Site": "same-origin"},
        )
        tally.note("signup", status, status in (200, 201, 303), body[:200].decode(errors="replace"))


def run_at_rate(kinds: Kinds, tally: Tally, *, seconds: int, rate: float) -> None:
    """Start one request every 1/rate seconds whatever the answers take (an open loop)."""
    mix = [kind for kind, weight in MIX if kind == "read" or kinds.available[kind]]
    weights = [weight for kind, weight in MIX if kind in mix]
    rng = random.Random(20180207)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=32) as pool:
        for n in range(int(seconds * rate)):
            delay = started + n / rate - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            kind = rng.choices(mix, weights)[0]
            worker_rng = random.Random(rng.getrandbits(64))
            pool.submit(_guarded, getattr(kinds, kind), worker_rng, tally, kind)


def _guarded(request, rng, tally, kind):
    try:
        request(rng, tally)
    except Exception as exc:  # a dropped connection is an error to report, not a crash
        tally.note(kind, None, False, f"{type(exc).__name__}: {exc}")
