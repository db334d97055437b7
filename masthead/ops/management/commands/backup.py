from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from masthead.ops.backup import BackupError, backup_create


class Command(BaseCommand):
    help = (
        "Write one archive with the database (SQLite online backup or pg_dump) and the media "
        "folder, while the site runs. Restore it with `masthead restore FILE`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            help="archive to write (default: MASTHEAD_HOME/backups/masthead-DATE.tar.gz)",
        )
        parser.add_argument("--no-media", action="store_true", help="leave the media folder out")

    def handle(self, *, output, no_media, **options):
        if output:
            path = Path(output)
        else:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            path = settings.HOME / "backups" / f"masthead-{stamp}.tar.gz"
        try:
            manifest = backup_create(path=path, media=not no_media)
        except (BackupError, OSError) as exc:
            raise CommandError(f"backup failed: {exc}") from exc
        media = "with media" if manifest["media"] else "without media"
        self.stdout.write(f"Backed up the {manifest['database']} database {media} to {path}")
