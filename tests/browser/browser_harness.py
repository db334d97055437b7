"""What the browser fixtures are made of: the live server, the content, traffic, the checkers."""

import json
import os
import subprocess
import tempfile
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit


@contextmanager
def django_beside_playwright(manager):
    """Enter Playwright's sync API with Django's database handling unchanged.

    Between its calls Playwright marks its asyncio loop as running on the main thread.
    Django then takes every query there (the tests' own transactions included) for one
    made from async code, and asgiref hands the thread new, per-context connections. So
    the check is lifted and the thread's connections are pinned while Playwright lives;
    nothing runs on that loop while Django queries. Browser tests run last (see the
    conftest's pytest_collection_modifyitems), so no other test runs beside the loop.
    """
    from django.db import connections

    pinned = {alias: connections[alias] for alias in connections}
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with manager as playwright:
            for alias, connection in pinned.items():
                connections[alias] = connection
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


class LiveServer:
    """Django's live server thread, answering one request at a time.

    With the embedded SQLite database the server shares the tests' in-memory connection;
    one connection must never run two queries at once, so requests are served in turn.
    """

    def __init__(self, host: str = "127.0.0.1"):
        from django.contrib.staticfiles.handlers import StaticFilesHandler
        from django.core.servers.basehttp import WSGIServer
        from django.db import connections
        from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
        from django.test.utils import modify_settings

        class SerialServerThread(LiveServerThread):
            def _create_server(self, connections_override=None):
                # run() has put the shared connections in place, in this very thread.
                return WSGIServer(
                    (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
                )

        shared = {
            c.alias: c for c in connections.all() if c.vendor == "sqlite" and c.is_in_memory_db()
        }
        self.thread = SerialServerThread(host, StaticFilesHandler, connections_override=shared)
        self.thread.daemon = True
        self.allowed_host = modify_settings(ALLOWED_HOSTS={"append": host})

    def start(self) -> None:
        self.allowed_host.enable()
        for connection in self.thread.connections_override.values():
            connection.inc_thread_sharing()
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error

    def stop(self) -> None:
        self.thread.terminate()
        for connection in self.thread.connections_override.values():
            connection.dec_thread_sharing()
        self.allowed_host.disable()

    @property
    def url(self) -> str:
        return f"http://{self.thread.host}:{self.thread.port}"

    def get(self, path: str, *, status: int = 200) -> bytes:
        """Fetch a path as a plain HTTP client, past any proxy settings; check its status."""
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        try:
            with opener.open(self.url + path, timeout=30) as response:
                code, body = response.status, response.read()
        except urllib.error.HTTPError as error:
            code, body = error.code, error.read()
        assert code == status, f"GET {path}: HTTP {code}, expected {status}"
        return body

    def drain(self) -> None:
        """Wait until the requests a closed browser left behind are answered.

        Requests are served in turn, so once a request of ours is answered the earlier
        ones are done, and the test's transaction can end without racing them.
        """
        from django.conf import settings

        self.get(f"{settings.STATIC_URL}masthead/css/site.css")


def build_newsroom() -> SimpleNamespace:
    """Sections with a sub-section, an article with every part of the page, a blog post."""
    from masthead.stories import factories as f

    ensure_home_page()
    world = f.section("World", intro="Reporting from every region.")
    middle_east = f.section("Middle East", parent=world)
    agency = f.AgencyFactory(name="Levant Wire", short_name="LW", slug="levant-wire")
    reporters = [
        f.AuthorFactory(name="Hana Test", slug="hana-test"),
        f.AuthorFactory(name="Omar Sample", slug="omar-sample"),
    ]
    body = [
        ("paragraph", "<p>The council voted on Tuesday to double the city's water storage.</p>"),
        ("quote", {"quote": "We will not wait for summer.", "attribution": "The mayor"}),
        ("paragraph", "<p>Work on the first two reservoirs starts next month.</p>"),
        ("photo", {"photo": f.PhotoFactory(), "caption": "", "credit": ""}),
        ("paragraph", "<p>Residents were asked to report leaks through the city's hotline.</p>"),
    ]
    article = f.article(
        middle_east,
        title="Council approves new water plan",
        authors=reporters,
        agency=agency,
        lead_image=f.PhotoFactory(),
        lead_credit="Desert Photo Agency photo",
        dateline="AMMAN",
        tags=["water", "city council"],
        body=body,
    )
    blog = f.blog("Desert Notebook")
    post = f.blog_post(blog, title="Notes from the market", authors=reporters[:1])
    return SimpleNamespace(
        world=world,
        middle_east=middle_east,
        article=article,
        blog=blog,
        post=post,
        reporters=reporters,
        agency=agency,
        paths={
            "home": "/",
            "section": world.url,
            "sub-section": middle_east.url,
            "article": article.url,
            "blog": blog.url,
            "blog post": post.url,
            "author": reporters[0].get_absolute_url(),
            "agency": agency.get_absolute_url(),
        },
    )


def ensure_home_page() -> None:
    """Give the tree its root, home page and site if a flushing test has removed them."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from masthead.news.models import HomePage

    # Photos go to the root collection, which a flush removes along with the pages.
    if not Collection.objects.exists():
        Collection.add_root(name="Root")
    if HomePage.objects.exists():
        return
    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=HomePage(title="Home", slug="home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
    )


@dataclass
class Traffic:
    """What a page did over the network and in its console, recorded as it happens."""

    origin: str
    requests: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def watch(self, page) -> None:
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.console_errors.append(f"uncaught: {error}"))

    def _failed(self, request) -> None:
        # A click that navigates away cancels the images still loading: not a failure.
        if "ERR_ABORTED" in (request.failure or "") and request.resource_type != "document":
            return
        self.failures.append(f"{request.url}: {request.failure}")

    def _response(self, response) -> None:
        if response.status >= 400:
            self.failures.append(f"{response.url}: HTTP {response.status}")

    def _console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def third_party(self) -> list[str]:
        """Requests that left the site's own origin (data: and blob: URLs stay in the page)."""
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme not in ("data", "blob") and not self.is_own(url)
        ]

    def is_own(self, url: str) -> bool:
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}" == self.origin


AXE_RUN = """async (options) => {
    const results = await axe.run(document, options);
    return results.violations.map(v => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary),
    }));
}"""


def axe_violations(page, axe: Path, *, rules=None, impacts=("serious", "critical")) -> list[str]:
    """Run axe-core on the loaded page; describe each violation of the given impacts."""
    page.add_script_tag(path=str(axe))
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    return [
        f"{v['impact']} {v['id']} ({v['help']}):\n  " + "\n  ".join(v["nodes"])
        for v in page.evaluate(AXE_RUN, options)
        if v["impact"] in impacts
    ]


def nu_html_errors(vnu: Path, documents: dict[str, str]) -> dict[str, list[str]]:
    """Check HTML documents with the Nu HTML Checker in one run; return each one's errors."""
    errors: dict[str, list[str]] = {name: [] for name in documents}
    with tempfile.TemporaryDirectory() as folder:
        names = {}
        for index, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"page-{index}.html"
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        paths = [str(Path(folder) / file) for file in names]
        result = subprocess.run(
            ["java", "-jar", str(vnu), "--format", "json", "--stdout", *paths],
            capture_output=True,
            text=True,
            timeout=300,
        )
    if not result.stdout.strip():
        raise RuntimeError(f"The Nu HTML Checker gave no report: {result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], "(the checker)")
        errors.setdefault(name, []).append(
            f"line {message.get('lastLine', '?')}: {message['message']}"
            f" [{message.get('extract', '').strip()}]"
        )
    return errors
