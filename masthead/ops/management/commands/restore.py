from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from masthead.ops.backup import BackupError, backup_restore


class Command(BaseCommand):
    help = (
        "Replace the database and the media folder with those in a `masthead backup` archive. "
        "Stop `masthead worker` and `masthead scheduler` first; the site may stay up."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="a file written by `masthead backup`")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *, archive, interactive, **options):
        path = Path(archive)
        if interactive:
            name = connection.settings_dict["NAME"]
            answer = input(f"Replace database {name} and the media folder with {path}? [y/N] ")
            if answer.strip().lower() not in {"y", "yes"}:
                raise CommandError("restore cancelled")
        try:
            manifest = backup_restore(path=path)
        except (BackupError, OSError) as exc:
            raise CommandError(f"restore failed: {exc}") from exc
        self.stdout.write(
            f"Restored the {manifest['database']} database"
            f"{' and media' if manifest['media'] else ''} from {path} ({manifest['created_at']})"
        )
