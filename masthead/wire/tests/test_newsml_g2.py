import shutil

import pytest
from lxml import etree

from masthead.news.models import ArticlePage
from masthead.photos.models import Photo
from masthead.wire.models import WireItem
from masthead.wire.parsers.base import ParseError
from masthead.wire.parsers.newsml_g2 import NAR, NewsMLG2Parser
from masthead.wire.services import CREATED, SKIPPED, UNCHANGED, UPDATED, wire_source_ingest
from masthead.wire.tests.conftest import jpeg_bytes
from masthead.wire.tests.corpora import NEWSML, files, ids, need_shared

LISTINGS = files(NEWSML, "*.xml")
NOT_STORIES = (
    "concept",
    "knowledge",
    "planning",
    "catalog",
    "video",
    "not a NewsML-G2 item",
    "no headline",
    "news item without a class",
    "composite",
    "package",
)


def test_shared_newsml_listings_are_present():
    need_shared()
    assert len(LISTINGS) > 30


def delivery(tmp_path, *paths):
    """Copy listings into a drop folder, with the pictures they name beside them."""
    folder = tmp_path / "drop"
    folder.mkdir(exist_ok=True)
    for path in paths:
        shutil.copy(path, folder / path.name)
    (folder / "GYI0062134533.jpg").write_bytes(jpeg_bytes())
    return folder


def _nar(root, path):
    return root.find(".//" + "/".join(f"{{{NAR}}}{part}" for part in path.split("/")))


@pytest.mark.django_db
@pytest.mark.parametrize("path", LISTINGS, ids=ids(LISTINGS))
def test_news_items_import_with_headline_body_and_credit_and_the_rest_are_skipped(
    path, tmp_path, section, fake_pictures
):
    folder = delivery(tmp_path, path)
    # Fragments of the specification are not items: read as a feed declared NewsML-G2.
    results = wire_source_ingest(
        source=str(folder / path.name), section=section, fmt="newsml_g2", fetcher=fake_pictures
    )
    root = etree.parse(str(path)).getroot()
    for result in results:
        assert result.action in {CREATED, SKIPPED}, result.line()
        assert not result.warnings, result.warnings
        if result.action == SKIPPED:
            assert any(word in result.detail for word in NOT_STORIES), result.detail
            continue
        page = ArticlePage.objects.get(wire_items__guid=result.identifier)
        assert page.live
        assert page.title == " ".join(_nar(root, "contentMeta/headline").text.split())
        if (
            _nar(root, "contentSet/inlineXML") is not None
            and root.find(".//{*}body.content/{*}p") is not None
        ):  # noqa: E501
            assert page.body and page.body[0].block_type == "paragraph"
        creditline = _nar(root, "contentMeta/creditline")
        if creditline is not None:
            assert page.lead_image.credit == creditline.text
            assert page.lead_image.caption and page.lead_image.copyright


@pytest.mark.django_db
def test_text_item_maps_byline_agency_dateline_subjects_and_times(tmp_path, section):
    need_shared()
    folder = delivery(tmp_path, NEWSML / "LISTING_2_NewsML-G2_Text_Document.xml")
    [result] = wire_source_ingest(source=str(folder), section=section)
    page = ArticlePage.objects.get(wire_items__guid=result.identifier)
    assert page.title == 'Fed to halt QE to avert "bubble"'
    assert "luptat" in page.body[0].value.source
    assert [a.name for a in page.authors] == ["Meredith Jameson"]
    assert page.agency.name == "Acme News and Media LLC"
    assert page.dateline == "New York, NY"
    assert {t.name for t in page.tags.all()} >= {"central bank", "money and monetary policy"}
    assert page.first_published_at.isoformat() == "2016-11-21T20:21:06+00:00"
    assert page.updated_at.isoformat() == "2018-11-21T21:25:32+00:00"
    assert page.wire_items.get().version == "11"


@pytest.mark.django_db
def test_picture_item_keeps_caption_credit_and_copyright_on_the_photo(tmp_path, section):
    need_shared()
    folder = delivery(tmp_path, NEWSML / "LISTING_3_Photo_in_NewsML-G2.xml")
    [result] = wire_source_ingest(source=str(folder), section=section)
    photo = ArticlePage.objects.get(wire_items__guid=result.identifier).lead_image
    assert photo.credit == "Getty Images"
    assert photo.copyright.startswith("Copyright 2010 Getty Images")
    assert photo.caption.startswith("A general view of part of downtown")


@pytest.mark.django_db
def test_a_package_ties_a_picture_to_its_story(tmp_path, section):
    need_shared()
    text = etree.parse(str(NEWSML / "LISTING_2_NewsML-G2_Text_Document.xml")).getroot()
    photo = etree.parse(str(NEWSML / "LISTING_3_Photo_in_NewsML-G2.xml")).getroot()
    message = etree.Element(f"{{{NAR}}}newsMessage", nsmap={None: NAR})
    items = etree.SubElement(message, f"{{{NAR}}}itemSet")
    package = etree.SubElement(items, f"{{{NAR}}}packageItem", guid="urn:pkg:1", version="1")
    group = etree.SubElement(etree.SubElement(package, f"{{{NAR}}}groupSet"), f"{{{NAR}}}group")
    for item in (text, photo):
        etree.SubElement(group, f"{{{NAR}}}itemRef", residref=item.get("guid"))
        items.append(item)
    folder = delivery(tmp_path)
    (folder / "message.xml").write_bytes(etree.tostring(message))
    results = wire_source_ingest(source=str(folder), section=section)
    created = [r for r in results if r.action == CREATED]
    assert [r.identifier for r in created] == [text.get("guid")]
    page = ArticlePage.objects.get(wire_items__guid=text.get("guid"))
    assert page.lead_image.credit == "Getty Images"
    skipped = {r.identifier: r.detail for r in results if r.action == SKIPPED}
    assert skipped == {
        photo.get("guid"): f"picture of {text.get('guid')}",
        "urn:pkg:1": f"package of {text.get('guid')}",
    }


@pytest.mark.django_db
def test_a_package_in_a_drop_folder_finds_its_story_in_a_sibling_file(tmp_path, section):
    need_shared()
    folder = delivery(
        tmp_path,
        NEWSML / "LISTING_22_Sports_story_in_NewsML-G2NITF.xml",
        NEWSML / "LISTING_23_SportsML-G2_Package.xml",
    )
    results = {r.action: r for r in wire_source_ingest(source=str(folder), section=section)}
    assert results[CREATED].identifier == "tag:xmlteam.com,2016:xt.5932656-preview"
    assert results[SKIPPED].detail == "package of tag:xmlteam.com,2016:xt.5932656-preview"


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><contentMeta>
<headline>&lol9;</headline></contentMeta></newsItem>"""
XXE = b"""<?xml version="1.0"?><!DOCTYPE n [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="g"><contentMeta>
<headline>&x;</headline></contentMeta></newsItem>"""


@pytest.mark.parametrize(
    "document, message",
    [(BILLION_LAUGHS, "billion laughs|DOCTYPE"), (XXE, "DOCTYPE")],
    ids=["billion-laughs", "xxe"],
)
def test_entity_attacks_are_refused_with_a_clear_message(document, message):
    with pytest.raises(ParseError, match=f"refused: .*({message})"):
        NewsMLG2Parser().parse(document, name="attack.xml", base="")


def _message(*items, package_refs=()):
    """A news message with `items` and, if `package_refs`, a package naming those guids."""
    message = etree.Element(f"{{{NAR}}}newsMessage", nsmap={None: NAR})
    item_set = etree.SubElement(message, f"{{{NAR}}}itemSet")
    if package_refs:
        package = etree.SubElement(item_set, f"{{{NAR}}}packageItem", guid="urn:pkg:2", version="1")
        group = etree.SubElement(etree.SubElement(package, f"{{{NAR}}}groupSet"), f"{{{NAR}}}group")
        for ref in package_refs:
            etree.SubElement(group, f"{{{NAR}}}itemRef", residref=ref)
    for item in items:
        item_set.append(item)
    return etree.tostring(message)


def _listings():
    need_shared()
    text = etree.parse(str(NEWSML / "LISTING_2_NewsML-G2_Text_Document.xml")).getroot()
    photo = etree.parse(str(NEWSML / "LISTING_3_Photo_in_NewsML-G2.xml")).getroot()
    # A second picture: another guid, file and credit.
    second = etree.fromstring(etree.tostring(photo))
    second.set("guid", "tag:example.com,2026:second-photo")
    for remote in second.iter(f"{{{NAR}}}remoteContent"):
        remote.set("href", "second.jpg")
    _nar(second, "contentMeta/creditline").text = "Anadolu Agency photo"
    return text, photo, second


@pytest.mark.django_db
def test_every_picture_of_a_package_is_kept_the_first_as_the_lead_photo(tmp_path, section):
    text, photo, second = _listings()
    folder = delivery(tmp_path)
    (folder / "second.jpg").write_bytes(jpeg_bytes(colour=(200, 40, 40)))
    refs = [item.get("guid") for item in (text, photo, second)]
    (folder / "message.xml").write_bytes(_message(text, photo, second, package_refs=refs))
    results = wire_source_ingest(source=str(folder), section=section)
    assert [r.action for r in results if r.identifier == text.get("guid")] == [CREATED]
    assert all(not r.warnings for r in results)
    page = ArticlePage.objects.get(wire_items__guid=text.get("guid"))
    assert page.lead_image.credit == "Getty Images"
    photos = [block.value for block in page.body if block.block_type == "photo"]
    assert [p["photo"].credit for p in photos] == ["Anadolu Agency photo"]
    assert photos[0]["photo"].copyright.startswith("Copyright 2010 Getty Images")
    assert photos[0]["photo"].caption.startswith("A general view of part of downtown")


@pytest.mark.django_db
def test_a_package_after_its_story_adds_the_pictures_to_the_story(tmp_path, section):
    text, photo, second = _listings()
    first = tmp_path / "first"
    first.mkdir()
    (first / "story.xml").write_bytes(_message(text))
    [created] = wire_source_ingest(source=str(first), section=section)
    page = ArticlePage.objects.get(wire_items__guid=text.get("guid"))
    assert created.action == CREATED and page.lead_image is None
    revisions, updated_at = page.revisions.count(), page.updated_at

    folder = delivery(tmp_path)
    (folder / "second.jpg").write_bytes(jpeg_bytes(colour=(200, 40, 40)))
    refs = [item.get("guid") for item in (text, photo, second)]
    (folder / "package.xml").write_bytes(_message(photo, second, package_refs=refs))
    results = wire_source_ingest(source=str(folder), section=section)
    by_id = {r.identifier: r for r in results}
    assert by_id[text.get("guid")].action == UPDATED
    assert by_id[photo.get("guid")].detail == f"picture of {text.get('guid')}"
    page = ArticlePage.objects.get(pk=page.pk)
    assert page.live and not page.has_unpublished_changes
    assert page.revisions.count() == revisions + 1 and page.updated_at == updated_at
    assert page.lead_image.credit == "Getty Images"
    assert [b.value["photo"].credit for b in page.body if b.block_type == "photo"] == [
        "Anadolu Agency photo"
    ]
    item = WireItem.objects.get(guid=text.get("guid"))
    assert sorted(item.picture_photos) == ["./GYI0062134533.jpg", "second.jpg"]

    # The same package again adds nothing.
    again = wire_source_ingest(source=str(folder), section=section)
    assert {r.action for r in again} == {UNCHANGED, SKIPPED}
    assert page.revisions.count() == revisions + 1 and Photo.objects.count() == 2


@pytest.mark.django_db
def test_a_late_package_for_a_story_an_editor_changed_waits_as_a_draft(tmp_path, section):
    from django.contrib.auth import get_user_model

    text, photo, _second = _listings()
    first = tmp_path / "first"
    first.mkdir()
    (first / "story.xml").write_bytes(_message(text))
    wire_source_ingest(source=str(first), section=section)
    page = ArticlePage.objects.get(wire_items__guid=text.get("guid"))
    editor = get_user_model().objects.create_superuser("editor", "ed@example.com", "x")
    draft = page.get_latest_revision_as_object()
    draft.standfirst = "The editor's own standfirst."
    draft.save_revision(user=editor).publish(user=editor)

    folder = delivery(tmp_path)
    refs = [text.get("guid"), photo.get("guid")]
    (folder / "package.xml").write_bytes(_message(photo, package_refs=refs))
    results = wire_source_ingest(source=str(folder), section=section)
    [story] = [r for r in results if r.identifier == text.get("guid")]
    page = ArticlePage.objects.get(pk=page.pk)
    assert story.action == UPDATED and "for review" in story.detail
    assert page.lead_image is None and page.has_unpublished_changes
    assert page.latest_revision.as_object().lead_image.credit == "Getty Images"
    assert page.standfirst == "The editor's own standfirst."
    assert WireItem.objects.get(guid=text.get("guid")).needs_review
