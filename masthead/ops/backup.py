"""One archive file holding the database and the media folder, and its way back.

SQLite is copied with its online backup API (a consistent copy while the site writes);
PostgreSQL with pg_dump's custom format, restored with pg_restore in one transaction.
The archive is a .tar.gz: manifest.json, database.sqlite3 or database.pgdump, media/.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder

from masthead.ops.files import TEMP_PREFIX

FORMAT = 1
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why."""


def _media_root() -> Path | None:
    """The local media folder, or None when media live elsewhere (S3)."""
    backend = settings.STORAGES["default"]["BACKEND"]
    return Path(settings.MEDIA_ROOT) if "s3" not in backend.lower() else None


def _pg_env(settings_dict: dict) -> dict:
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    if sslmode := settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = sslmode
    return env


def _run(command: list[str], settings_dict: dict) -> None:
    try:
        result = subprocess.run(
            command, env=_pg_env(settings_dict), capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} is not installed (apt install postgresql-client)"
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def _dump_database(folder: Path) -> Path:
    target = folder / DUMPS[connection.vendor]
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            # One step: a consistent snapshot even while other processes write (WAL).
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run(["pg_dump", "--format=custom", "--file", str(target)], connection.settings_dict)
    return target


def backup_create(*, path: Path, media: bool = True) -> dict:
    """Write the archive to `path` (whole or not at all); return its manifest."""
    if connection.vendor not in DUMPS:
        raise BackupError(f"cannot back up a {connection.vendor} database")
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    media_root = _media_root() if media else None
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "media": bool(media_root and media_root.is_dir()),
        "migrations": len(MigrationRecorder(connection).applied_migrations()),
    }
    partial = path.with_name(f"{TEMP_PREFIX}{path.name}")
    try:
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=TEMP_PREFIX) as folder:
            dump = _dump_database(Path(folder))
            with tarfile.open(partial, "w:gz") as archive:
                _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
                archive.add(dump, arcname=dump.name)
                if manifest["media"]:
                    archive.add(media_root, arcname="media", filter=_skip_partial_files)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    import io

    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def _skip_partial_files(info: tarfile.TarInfo):
    return None if Path(info.name).name.startswith(TEMP_PREFIX) else info


def backup_restore(*, path: Path) -> dict:
    """Replace the database and media folder with the archive's; return its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    media_root = _media_root()
    work_parent = media_root.parent if media_root else path.resolve().parent
    work_parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=work_parent, prefix=TEMP_PREFIX) as folder:
        folder = Path(folder)
        try:
            with tarfile.open(path, "r:gz") as archive:
                archive.extractall(folder, filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{path} is not a readable Masthead backup: {exc}") from exc
        manifest = _read_manifest(folder)
        _restore_database(folder / DUMPS[manifest["database"]])
        if manifest["media"]:
            if media_root is None:
                raise BackupError("the archive holds media but media are not local files (S3)")
            _swap_folder(folder / "media", media_root)
    for alias in settings.CACHES:
        caches[alias].clear()  # cached pages and look-ups describe the replaced data
    return manifest


def _read_manifest(folder: Path) -> dict:
    try:
        manifest = json.loads((folder / "manifest.json").read_text())
    except (OSError, ValueError) as exc:
        raise BackupError("the archive has no readable manifest.json") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(
            f"archive format {manifest.get('format')!r}; this Masthead reads {FORMAT}"
        )
    if manifest.get("database") != connection.vendor:
        raise BackupError(
            f"the archive holds a {manifest.get('database')} database but DATABASE_URL is "
            f"{connection.vendor}; move between engines with dumpdata/loaddata instead"
        )
    return manifest


def _restore_database(dump: Path) -> None:
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(dump)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        return
    for other in connections.all():
        other.close()  # pg_restore drops tables: no idle transaction of ours may hold them
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname",
            connection.settings_dict["NAME"],
            str(dump),
        ],
        connection.settings_dict,
    )


def _swap_folder(new: Path, current: Path) -> None:
    """Put `new` where `current` is, in two renames; the old folder goes only after."""
    old = current.with_name(f"{TEMP_PREFIX}{current.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if current.exists():
        current.rename(old)
    new.rename(current)
    shutil.rmtree(old, ignore_errors=True)
