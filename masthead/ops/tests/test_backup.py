"""`masthead backup` and `masthead restore`: one archive, database and media, round trip.

It runs on the suite's own engine: SQLite (online backup API) in the default run,
PostgreSQL (pg_dump / pg_restore) in the PostgreSQL run.
"""

import tarfile

import pytest
from django.core.management import CommandError, call_command

from masthead.ops.tests.services import masthead

STORY = "SELECT title FROM wagtailcore_page WHERE slug = 'fault-test-story'"


@pytest.mark.django_db  # the private copy is made from the test database
def test_backup_then_restore_brings_back_the_database_and_the_media(site_database, tmp_path):
    home = tmp_path / "home"
    photo = home / "media" / "original_images" / "harbour.jpg"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\xff\xd8 a photo of the harbour")
    env = site_database.env(home)
    archive = tmp_path / "backups" / "paper.tar.gz"

    masthead("backup", "--output", str(archive), env=env)

    with tarfile.open(archive) as contents:
        names = contents.getnames()
    assert "manifest.json" in names
    assert "media/original_images/harbour.jpg" in names
    assert {"database.sqlite3", "database.pgdump"} & set(names)

    site_database.query(
        "UPDATE wagtailcore_page SET title = 'Vandalised' WHERE slug = 'fault-test-story'"
    )
    photo.unlink()
    (home / "media" / "stray.txt").write_text("not in the backup")
    assert site_database.query(STORY) == [("Vandalised",)]

    restored = masthead("restore", str(archive), "--noinput", env=env)

    assert "Restored the" in restored.stdout
    assert site_database.query(STORY) == [("Fault test story",)]
    assert photo.read_bytes() == b"\xff\xd8 a photo of the harbour"
    assert not (home / "media" / "stray.txt").exists()
    assert not list(tmp_path.rglob(".partial-*"))


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    junk = tmp_path / "junk.tar.gz"
    junk.write_bytes(b"not an archive")
    with pytest.raises(CommandError, match="not a readable Masthead backup"):
        call_command("restore", str(junk), interactive=False)
