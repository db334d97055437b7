"""Read what `masthead ingest` or a feed points at: a file, a drop folder or a URL."""

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from masthead.core import fetch

# Pictures and other files that sit beside the documents of a drop folder.
NOT_DOCUMENTS = {
    ".jpg",
    ".jpeg",
    ".png",
    ".gif",
    ".webp",
    ".avif",
    ".tif",
    ".tiff",
    ".pdf",
    ".mp3",
    ".mp4",
    ".mov",
    ".txt",
    ".md",
    ".xsd",
    ".dtd",
    ".part",
    ".tmp",
}


@dataclass
class Document:
    name: str
    data: bytes = b""
    base: str = ""
    error: str = ""


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in {"http", "https"}


def in_drop_root(folder: str) -> bool:
    """Whether a feed's drop folder lies under MASTHEAD_WIRE_DROP_ROOT.

    Editors configure feeds; without this they could point one at any file on the server
    and read pieces of it back in the feed's error messages.
    """
    root = Path(settings.MASTHEAD_WIRE_DROP_ROOT).resolve()
    return Path(folder).resolve().is_relative_to(root)


def read_source(source: str, *, since: datetime | None = None) -> list[Document]:
    """The documents of `source`; one that cannot be read comes back with its error."""
    if is_url(source):
        try:
            response = fetch.fetch(source, max_bytes=fetch.DOCUMENT_MAX_BYTES)
        except fetch.FetchError as exc:
            return [Document(source, error=str(exc))]
        return [Document(source, response.content, base=response.url)]
    path = Path(source).expanduser()
    if path.is_dir():
        files = sorted(
            p
            for p in path.iterdir()
            if p.is_file() and not p.name.startswith(".") and p.suffix.lower() not in NOT_DOCUMENTS
        )
        if since is not None:
            cutoff = since.timestamp()
            files = [p for p in files if p.stat().st_mtime >= cutoff]
        return [read_file(p) for p in files]
    if path.is_file():
        return [read_file(path)]
    return [Document(source, error="no such file, folder or http(s) URL")]


def read_file(path: Path) -> Document:
    try:
        if path.stat().st_size > fetch.DOCUMENT_MAX_BYTES:
            return Document(str(path), error=f"larger than {fetch.DOCUMENT_MAX_BYTES} bytes")
        return Document(str(path), path.read_bytes(), base=str(path.resolve().parent))
    except OSError as exc:
        return Document(str(path), error=f"cannot be read ({exc.strerror})")
