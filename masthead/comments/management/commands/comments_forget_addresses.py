from django.conf import settings
from django.core.management.base import BaseCommand

from masthead.comments.services import comment_addresses_forget


class Command(BaseCommand):
    help = "Drop the address hashes of comments older than MASTHEAD_COMMENTS_ADDRESS_DAYS."

    def handle(self, *args, **options):
        forgotten = comment_addresses_forget()
        days = settings.MASTHEAD_COMMENTS_ADDRESS_DAYS
        self.stdout.write(f"{forgotten} address hash(es) older than {days} days forgotten.")
