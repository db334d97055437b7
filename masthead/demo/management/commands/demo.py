import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from masthead.demo.desk import CURATED_ARTICLES
from masthead.demo.loader import demo_load
from masthead.news.models import HomePage
from masthead.ops.schedule import database_statistics_refresh

BIND = "127.0.0.1:8000"


class Command(BaseCommand):
    help = "Set up the demo paper (content and newsroom logins), then serve it."

    def add_arguments(self, parser):
        parser.add_argument(
            "--articles",
            type=int,
            default=CURATED_ARTICLES,
            help=f"news articles to have in all (default {CURATED_ARTICLES}; "
            "10000 builds a large site for benchmarks)",
        )
        parser.add_argument(
            "--no-serve", action="store_true", help="load the demo and stop, do not serve it"
        )

    def handle(self, *args, articles, no_serve, **options):
        if articles < 0:
            raise CommandError("--articles must be zero or more")
        self.stdout.write("Preparing the database...")
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(f"Loading the demo paper ({articles} articles)...")
        started = time.monotonic()
        try:
            summary = demo_load(articles=articles)
        except HomePage.DoesNotExist:
            raise CommandError(
                "The site has no home page to load the demo into; "
                "start from an empty data folder (MASTHEAD_HOME)."
            ) from None
        self.stdout.write(
            f"{summary.articles} articles ({summary.articles_created} new) in "
            f"{summary.sections} sections, {summary.blog_posts} posts in {summary.blogs} blogs, "
            f"{summary.authors} authors, {summary.agencies} agencies, {summary.photos} photos; "
            f"{time.monotonic() - started:.1f} s"
        )
        if summary.articles_created:
            # Thousands of rows just arrived; the planner needs to know it (see
            # masthead.ops.schedule.database_statistics_refresh).
            database_statistics_refresh()
        if summary.articles_created and articles > CURATED_ARTICLES:
            self.stdout.write(
                "Bulk articles are not in the search index yet: run `masthead update_index`."
            )
        self.stdout.write("")
        self.stdout.write(f"Newsroom logins (kept in {settings.HOME}):")
        for login in summary.logins:
            self.stdout.write(
                f"  {login.role:<10} {login.url}  username: {login.username}  "
                f"password: {login.password}"
            )
        if no_serve:
            return
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"The paper: http://{BIND}/"))
        call_command("serve", bind=BIND, workers=2)
