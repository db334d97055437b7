from django.core.management.base import BaseCommand

from masthead.votes.services import vote_tally_recount


class Command(BaseCommand):
    help = "Rebuild the stories' vote tallies from the vote rows; report how many were wrong."

    def add_arguments(self, parser):
        parser.add_argument("story_ids", nargs="*", type=int, help="Only these stories' ids.")

    def handle(self, *args, story_ids, **options):
        fixed = vote_tally_recount(story_ids=story_ids or None)
        self.stdout.write(f"{fixed} tall{'y' if fixed == 1 else 'ies'} corrected.")
