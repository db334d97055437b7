import json

import pytest

from masthead.news.models import ArticlePage
from masthead.wire.parsers.base import ARTICLE, FAIL, PICTURE, SKIP
from masthead.wire.parsers.ninjs import NinjsParser
from masthead.wire.parsers.ninjs_schema import SCHEMA_DIR
from masthead.wire.services import CREATED, FAILED, SKIPPED, wire_source_ingest
from masthead.wire.tests.corpora import NINJS, files, ids, need_shared

SHOULD_PASS = files(NINJS, "validation/test_suite/*/should_pass/*.json")
SHOULD_FAIL = files(NINJS, "validation/test_suite/*/should_fail/*.json")
EXAMPLES = [
    p
    for p in files(NINJS, "examples/**/*.json") + files(NINJS, "documentation/**/*.json")
    if "not-valid" not in p.parts
]
# Examples that are not valid against IPTC's own schemas, with the reason.
KNOWN_INVALID = {
    "extension-example.json": "uses a schema extension ('foofoo') the official schema refuses",
    "extension-schema.json": "is a JSON Schema, not a ninjs document",
    "20231016-event-timeline-sample.json": "events with properties ninjs 3.x does not define",
}


def test_shared_ninjs_samples_are_present():
    need_shared()
    assert len(SHOULD_PASS) > 100 and len(SHOULD_FAIL) > 50 and len(EXAMPLES) > 40


def test_the_packaged_schemas_are_iptcs_official_ones():
    need_shared()
    for packaged in SCHEMA_DIR.glob("ninjs-schema*.json"):
        official = NINJS / "specification" / packaged.name
        assert json.loads(packaged.read_text()) == json.loads(official.read_text()), packaged


@pytest.mark.parametrize("path", SHOULD_PASS, ids=ids(SHOULD_PASS))
def test_valid_documents_become_stories_or_say_why_not(path):
    entries = NinjsParser().parse(path.read_bytes(), name=path.name, base=str(path.parent))
    for entry in entries:
        assert entry.kind in {ARTICLE, PICTURE, SKIP}, entry.reason
        if entry.kind == SKIP:
            assert entry.reason.startswith("not an article:")
        else:
            assert entry.headline


@pytest.mark.parametrize("path", SHOULD_FAIL, ids=ids(SHOULD_FAIL))
def test_invalid_documents_are_refused_naming_the_schema_error(path):
    version = path.parent.parent.name
    parser = NinjsParser(version=version)
    try:
        entries = parser.parse(path.read_bytes(), name=path.name, base="")
    except Exception as exc:  # the few that are not even JSON
        assert str(exc).startswith("not valid JSON:")
        return
    assert [e.kind for e in entries] == [FAIL]
    reason = entries[0].reason
    assert reason.startswith(f"refused: not valid ninjs {version} (schema ninjs-schema")
    assert " at " in reason and ": " in reason.split(" at ", 1)[1]


def test_an_undeclared_document_is_checked_against_the_generation_it_uses():
    entries = NinjsParser().parse(b'{"uri": "urn:x", "headlines": "not a list"}', name="x", base="")
    assert entries[0].kind == FAIL and "ninjs 2." in entries[0].reason


@pytest.mark.django_db
@pytest.mark.parametrize("path", EXAMPLES, ids=ids(EXAMPLES))
def test_every_example_imports_or_is_reported_with_a_reason(path, section, fake_pictures):
    results = wire_source_ingest(source=str(path), section=section, fetcher=fake_pictures)
    assert results
    for result in results:
        if result.action == FAILED:
            assert path.name in KNOWN_INVALID, result.detail
            assert result.detail.startswith("refused: not valid ninjs")
        elif result.action == SKIPPED:
            assert result.detail.startswith("not an article:")
        else:
            assert result.action == CREATED, result.line()
            assert not result.warnings, result.warnings
            page = ArticlePage.objects.get(wire_items__guid=result.identifier)
            assert page.live and page.title
            assert result.detail == page.url
