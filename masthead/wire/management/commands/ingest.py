"""`masthead ingest`: bring agency copy in from files, drop folders or URLs."""

import sys

from django.core.management.base import BaseCommand, CommandError

from masthead.wire.parsers import AUTO, PARSERS
from masthead.wire.services import FAILED, WireError, section_for, wire_source_ingest


class Command(BaseCommand):
    help = (
        "Ingest wire copy (ninjs, NewsML-G2, RSS, Atom) from files, folders or http(s) URLs. "
        "Prints one line per item: action, identifier, URL or reason. Exits 1 if any failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("sources", nargs="+", metavar="PATH_OR_URL")
        parser.add_argument("--section", metavar="SLUG", help="the section to file stories in")
        parser.add_argument("--draft", action="store_true", help="leave drafts, publish nothing")
        parser.add_argument("--format", default=AUTO, choices=[AUTO, *PARSERS])

    def handle(self, *args, sources, section, draft, format, **options):
        try:
            target = section_for(section)
        except WireError as exc:
            raise CommandError(str(exc)) from None
        failed = False
        for source in sources:
            results = wire_source_ingest(
                source=source, section=target, publish=not draft, fmt=format
            )
            for result in results:
                self.stdout.write(result.line())
                failed = failed or result.action == FAILED
        if failed:
            sys.exit(1)
