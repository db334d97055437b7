"""Browser test harness: one Chromium per session, one live server, one small newsroom per module.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright, which never downloads a
browser here. When Chromium, Java or the npm tools (axe-core, vnu-jar: `npm install`) are
missing, the tests that need them are skipped; with MASTHEAD_REQUIRE_BROWSER=1 (as in CI)
a missing tool fails them instead.

The content is built once per test module by `newsroom` and committed, so the server
thread sees it on any database; when the module ends the database is put back as the
module found it (flushed, then reloaded from a snapshot). Mark browser test modules
`pytestmark = [pytest.mark.browser, pytest.mark.django_db]`: the mark makes pytest-django
create the test database, and each test runs in a transaction that is rolled back.
Writes the server makes for the browser land in that transaction with the embedded
SQLite database (one shared connection) and are committed with PostgreSQL, where they
last until the module ends; rows a test writes itself are not seen by the server on
PostgreSQL. Build shared content in a module fixture, or write through the browser.
"""

import os
import shutil
from pathlib import Path

import pytest
from browser_harness import (
    LiveServer,
    Traffic,
    axe_violations,
    build_newsroom,
    django_beside_playwright,
    nu_html_errors,
)

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Without the background-networking flags Chromium keeps calling home, and this machine's
# closed network refuses it; Playwright gives each launch a fresh, empty profile.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000


def require(present: bool, what: str) -> None:
    """Skip when a tool is missing, or fail when the run says every browser check must run."""
    if present:
        return
    if os.environ.get("MASTHEAD_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{what} (MASTHEAD_REQUIRE_BROWSER=1 requires it)", pytrace=False)
    pytest.skip(what)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run browser tests after every other test.

    While Playwright's sync API lives, the main thread holds an asyncio loop, which would
    break any later test that starts its own loop; the browser is shared by the session,
    so the tests that use it come last. The sort is stable and runs after pytest-django's.
    """
    items.sort(key=uses_browser)


def uses_browser(item) -> bool:
    fixtures = getattr(item, "fixturenames", ())
    return item.get_closest_marker("browser") is not None or "browser" in fixtures


@pytest.fixture(autouse=True)
def _media_in_tmp():
    """Keep the module's media folder: `newsroom` sets one for the whole module."""


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """Debian's Chromium, headless, for the whole session."""
    require(CHROMIUM.exists(), f"{CHROMIUM} is missing: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with django_beside_playwright(sync_playwright()) as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def server(django_db_setup):
    """One live server for the session, on a free port of the loopback address."""
    live = LiveServer()
    live.start()
    yield live
    live.stop()


@pytest.fixture(scope="module")
def newsroom(server, django_db_blocker, tmp_path_factory):
    """Build a small published site once for the module; give its pages and their paths."""
    from django.core.cache import caches
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    def clear_caches():
        for alias in ("default", "renditions"):
            caches[alias].clear()

    media = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("browser-media"))
    # Unblocked for the whole module: the live server thread queries between tests too.
    with django_db_blocker.unblock():
        snapshot = connection.creation.serialize_db_to_string()
        media.enable()
        try:
            site = build_newsroom()
            # Render each page once now, so that its photos' renditions are committed too,
            # not made again inside every test's transaction.
            for path in site.paths.values():
                server.get(path)
            clear_caches()
            yield site
        finally:
            media.disable()
            # The module's rows were committed: put the database back as the module found it.
            # Sequences keep counting up, so the reloaded rows' ids are never handed out again.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(snapshot)
            clear_caches()


@pytest.fixture
def new_page(browser, server):
    """Open pages in fresh browser contexts; each page records its traffic as `page.traffic`.

    `new_page(javascript=False)` reads as a browser without scripts; other keywords go to
    Playwright's new_context (color_scheme="dark", bypass_csp=True, viewport=...).
    """
    contexts = []

    def open_page(*, javascript: bool = True, **options):
        context = browser.new_context(
            base_url=server.url, java_script_enabled=javascript, **options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.traffic = Traffic(origin=server.url)
        page.traffic.watch(page)
        return page

    yield open_page
    for context in contexts:
        context.close()
    server.drain()


@pytest.fixture
def page(new_page):
    """A page in a fresh context with JavaScript on, recording its traffic as `page.traffic`."""
    return new_page()


@pytest.fixture(scope="session")
def axe_check():
    """`axe_check(page)`: axe-core's serious and critical violations on the loaded page.

    axe-core arrives as an injected script: open the page with `new_page(bypass_csp=True)`
    so that a Content-Security-Policy does not keep it out.
    """
    require(AXE.exists(), f"{AXE.relative_to(ROOT)} is missing: run `npm install`")
    return lambda page, **options: axe_violations(page, AXE, **options)


@pytest.fixture(scope="session")
def html_check():
    """`html_check({name: html})`: the Nu HTML Checker's errors for each document.

    The checker is a Java program that takes seconds to start: give it every page at once.
    """
    java = shutil.which("java") is not None
    require(java, "java is missing: apt-get install default-jre-headless")
    require(VNU.exists(), f"{VNU.relative_to(ROOT)} is missing: run `npm install`")
    return lambda documents: nu_html_errors(VNU, documents)
