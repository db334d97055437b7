import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from masthead.newsletter.digest import digest_build
from masthead.newsletter.models import DigestIssue
from masthead.newsletter.sending import SendingStalled, digest_send


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"Not a date (YYYY-MM-DD): {value!r}") from None


class Command(BaseCommand):
    help = "Build the day's digest, or send what is due of it; both are safe to run again."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["build", "send"])
        parser.add_argument("--date", type=parse_date, help="the issue's date (default: today)")

    def handle(self, *args, action, date=None, **options):
        date = date or timezone.localdate()
        if action == "build":
            issue = digest_build(date=date)
            if issue is None:
                self.stdout.write(f"No digest for {date}: nothing new was published.")
            else:
                self.stdout.write(f"Digest for {date}: {issue.subject}")
            return
        issue = DigestIssue.objects.filter(date=date).first()
        if issue is None:
            self.stdout.write(f"No digest for {date} to send (run `masthead digest build`).")
            return
        try:
            issue = digest_send(issue=issue)
        except SendingStalled as exc:
            raise CommandError(f"The mail server keeps failing, run again later: {exc}") from exc
        self.stdout.write(
            f"Digest for {date}: {issue.sent} sent, {issue.failed} failed, "
            f"{issue.resends} re-sent, {issue.recipients} recipients."
        )
