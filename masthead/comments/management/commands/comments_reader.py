import json

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_email

from masthead.comments.services import comments_erase, comments_export


class Command(BaseCommand):
    help = "Export (as JSON) or erase every comment a reader sent with an e-mail address."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument(
            "--yes", action="store_true", help="Erase without asking for confirmation."
        )

    def handle(self, *args, action, email, yes, **options):
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Not an e-mail address: {email!r}") from None
        if action == "export":
            data = comments_export(email=email)
            self.stdout.write(json.dumps(data, indent=2, ensure_ascii=False))
            return
        if not yes:
            answer = input(f"Erase every comment sent with {email}? Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing erased.")
        erased = comments_erase(email=email)
        self.stdout.write(f"{erased} comment(s) erased.")
