"""NewsML-G2 packages: tie the pictures of a package to its story within one delivery."""

from masthead.wire.parsers.base import ARTICLE, PACKAGE, PICTURE, WireEntry
from masthead.wire.results import SKIPPED, ImportResult


def tie_packages(entries: list[WireEntry]) -> tuple[list[WireEntry], list[ImportResult]]:
    """Give each package's pictures to its story; report packages and pictures so placed."""
    by_guid = {e.guid: e for e in entries}
    placed, results = set(), []
    for package in (e for e in entries if e.kind == PACKAGE):
        refs = [by_guid.get(ref) for ref in package.refs]
        stories = [e for e in refs if e and e.kind == ARTICLE]
        photos = [e for e in refs if e and e.kind == PICTURE]
        if not stories:
            missing = [ref for ref in package.refs if ref not in by_guid]
            reason = "package: its story is not in this delivery" + (
                f" (missing {', '.join(missing[:3])})" if missing else ""
            )
            results.append(ImportResult(SKIPPED, package.guid, reason))
            continue
        story = stories[0]
        for photo in photos:
            story.pictures += photo.pictures
            placed.add(photo.guid)
            results.append(ImportResult(SKIPPED, photo.guid, f"picture of {story.guid}"))
        results.append(ImportResult(SKIPPED, package.guid, f"package of {story.guid}"))
    kept = [e for e in entries if e.kind != PACKAGE and e.guid not in placed]
    return kept, results
