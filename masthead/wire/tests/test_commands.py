import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from masthead.news.models import ArticlePage
from masthead.stories import factories as f

pytestmark = pytest.mark.django_db


def ninjs(uri, headline):
    return {
        "uri": uri,
        "type": "text",
        "version": "1",
        "headlines": [{"role": "main", "value": headline}],
    }


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command("ingest", *args, stdout=out)
        status = 0
    except SystemExit as exc:
        status = exc.code
    return status, [line.split("\t") for line in out.getvalue().splitlines()]


def test_ingest_prints_one_line_per_item_and_fails_if_any_item_failed(tmp_path, section):
    (tmp_path / "a.json").write_text(json.dumps(ninjs("urn:a", "Rain returns to the valley")))
    (tmp_path / "b.json").write_text("{not json")
    (tmp_path / "c.json").write_text(json.dumps({"uri": "urn:c", "type": "event"}))
    status, lines = run(str(tmp_path))
    assert status == 1
    page = ArticlePage.objects.get()
    by_action = {line[0]: line[1:] for line in lines}
    assert len(lines) == 3
    assert by_action["created"] == ["urn:a", page.url]
    assert by_action["skipped"] == ["urn:c", "not an article: a ninjs event item"]
    assert by_action["failed"][0] == str(tmp_path / "b.json")
    assert by_action["failed"][1].startswith("not valid JSON")


def test_ingest_twice_reports_unchanged_and_succeeds(tmp_path, section):
    path = tmp_path / "a.json"
    path.write_text(json.dumps(ninjs("urn:a", "Rain returns to the valley")))
    run(str(path))
    status, lines = run(str(path))
    assert status == 0 and lines[0][0] == "unchanged"


def test_draft_and_section_options(tmp_path, section):
    sport = f.section("Sport", slug="sport")
    path = tmp_path / "a.json"
    path.write_text(json.dumps(ninjs("urn:a", "Home side wins the cup")))
    status, _lines = run("--section", "sport", "--draft", str(path))
    page = ArticlePage.objects.get()
    assert status == 0 and not page.live and page.get_parent().pk == sport.pk


def test_an_unknown_section_is_a_clear_error(tmp_path, db):
    with pytest.raises(CommandError, match="no section with the slug 'nowhere'"):
        call_command("ingest", "--section", "nowhere", str(tmp_path))


def test_a_missing_path_is_reported_as_failed(section):
    status, lines = run("/no/such/folder")
    assert status == 1 and lines == [
        ["failed", "/no/such/folder", "no such file, folder or http(s) URL"]
    ]  # noqa: E501
