"""Media and mail files that appear whole or not at all, even when the disk fills up.

Each file is written under a hidden temporary name in its own folder, synced, then linked
to its real name in one step; on any error the temporary file is removed, so a full disk
leaves no half-written photo or message behind, and the error says what happened.
"""

import errno
import os
import secrets
from collections.abc import Iterable
from contextlib import suppress
from datetime import datetime

from django.core.files.storage import FileSystemStorage
from django.core.mail.backends import filebased

TEMP_PREFIX = ".partial-"


class StorageFull(OSError):
    """The file system ran out of space; nothing was written."""


def _raise_clearly(exc: OSError, what: str, folder: str):
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        raise StorageFull(
            exc.errno, f"No space left to save {what} in {folder}; nothing was written"
        ) from exc
    raise exc


def write_whole(path: str, chunks: Iterable[bytes | str], *, overwrite: bool = False) -> None:
    """Write `chunks` to `path` in one step; raise FileExistsError if it exists (unless
    `overwrite`), StorageFull when the disk is full."""
    folder, name = os.path.split(path)
    temp = os.path.join(folder, f"{TEMP_PREFIX}{secrets.token_hex(8)}")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk.encode() if isinstance(chunk, str) else chunk)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            os.replace(temp, path)
        else:
            os.link(temp, path)  # atomic, and never replaces a file another writer made
    except FileExistsError:
        raise
    except OSError as exc:
        _raise_clearly(exc, name, folder)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(temp)


class MediaStorage(FileSystemStorage):
    """Django's file storage for uploads and renditions, writing each file whole."""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        try:
            os.makedirs(directory, exist_ok=True)
        except OSError as exc:
            _raise_clearly(exc, name, directory)
        if hasattr(content, "seek") and content.seekable():
            content.seek(0)
        overwrite = getattr(self, "_allow_overwrite", False)
        while True:
            try:
                write_whole(full_path, content.chunks(), overwrite=overwrite)
                break
            except FileExistsError:
                name = self.get_available_name(name)
                full_path = self.path(name)
                content.seek(0)
        if self.file_permissions_mode is not None:
            os.chmod(full_path, self.file_permissions_mode)
        self._ensure_location_group_id(full_path)
        return os.path.relpath(full_path, self.location).replace("\\", "/")


class EmailBackend(filebased.EmailBackend):
    """The file e-mail backend (one .log file per sending), each file written whole."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        parts = []
        for message in email_messages:
            parts += [message.message().as_bytes(), b"\n", b"-" * 79, b"\n"]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        path = os.path.join(self.file_path, f"{stamp}-{secrets.token_hex(6)}.log")
        with self._lock:
            try:
                write_whole(path, parts)
            except OSError:
                if not self.fail_silently:
                    raise
                return 0
        return len(email_messages)
