import re

from django.test import TestCase, override_settings

from masthead.discovery.search import highlight, query_terms
from masthead.discovery.tests.newsroom import build_newsroom

ODD_QUERIES = [
    "",
    "   ",
    "!!!",
    '"unbalanced',
    "water AND OR NOT",
    "NEAR(water plan)",
    "col:value *",
    "a" * 10_000,
    " ".join(["water"] * 2000),
    "'; DROP TABLE wagtailcore_page; --",
    "\u202eevil\u202c",
    "😀 🗞️",
    "%00%ff",
    "the of and",
]

BAD_FILTERS = [
    {"q": "water\x00"},
    {"author": "nobody-at-all"},
    {"agency": "x" * 5000},
    {"section": "99999999999999999999999"},
    {"section": "abc"},
    {"since": "2018-13-45"},
    {"since": "0001-01-01"},
    {"until": "9999-12-31"},
    {"since": "2019-01-01", "until": "2018-01-01"},
    {"sort": "random"},
    {"type": "video"},
]


def headlines(response) -> list[str]:
    html = response.content.decode()
    found = re.findall(r'<h2 class="teaser__headline"><a href="[^"]*">(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", h) for h in found]


class SearchPageTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.n = build_newsroom()

    def found(self, **params) -> set[str]:
        return set(headlines(self.client.get("/search/", params)))

    def test_search_finds_stories_by_headline_standfirst_body_byline_and_topic(self):
        n = self.n
        self.assertEqual(self.found(q="water plan"), {n.water.title})
        self.assertEqual(self.found(q="rainfall"), {n.drought.title})
        self.assertEqual(len(self.found(q="paragraph")), 4)
        self.assertEqual(self.found(q="Haddad"), {n.water.title, n.notes.title})
        self.assertEqual(self.found(q="Levant"), {n.drought.title, n.markets.title})
        self.assertEqual(self.found(q="trade"), {n.markets.title})

    def test_search_page_is_marked_noindex_and_publicly_cacheable(self):
        response = self.client.get("/search/", {"q": "water"})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, '<meta name="robots" content="noindex">')
        self.assertIn("public", response["Cache-Control"])

    def test_search_filters_narrow_by_section_type_author_agency_and_dates(self):
        n = self.n
        everything = {"q": "paragraph"}
        self.assertEqual(self.found(**everything, section=n.business.pk), {n.markets.title})
        self.assertEqual(
            self.found(**everything, section=n.world.pk), {n.water.title, n.drought.title}
        )
        self.assertEqual(self.found(**everything, type="blog"), {n.notes.title})
        self.assertEqual(
            self.found(**everything, type="article"),
            {n.water.title, n.drought.title, n.markets.title},
        )
        self.assertEqual(
            self.found(**everything, author="rana-haddad"), {n.water.title, n.notes.title}
        )
        self.assertEqual(self.found(**everything, agency="lws"), {n.drought.title, n.markets.title})
        self.assertEqual(
            self.found(**everything, since="2018-02-08", until="2019-03-01"),
            {n.drought.title, n.markets.title},
        )
        self.assertEqual(self.found(**everything, until="2018-02-07"), {n.water.title})

    def test_filters_without_words_list_the_filtered_stories_newest_first(self):
        response = self.client.get("/search/", {"agency": "lws"})
        self.assertEqual(headlines(response), [self.n.markets.title, self.n.drought.title])

    def test_newest_first_sorts_by_publication_date(self):
        response = self.client.get("/search/", {"q": "water", "sort": "newest", "type": "article"})
        self.assertEqual(headlines(response), [self.n.drought.title, self.n.water.title])

    def test_best_match_ranks_a_headline_match_first(self):
        response = self.client.get("/search/", {"q": "reservoir"})
        self.assertEqual(headlines(response)[0], self.n.notes.title)

    def test_matches_are_highlighted_in_headline_and_standfirst(self):
        response = self.client.get("/search/", {"q": "water"})
        self.assertContains(response, "Council approves new <mark>water</mark> plan")
        self.assertContains(response, "Farmers brace")

    def test_words_may_be_split_between_headline_and_text(self):
        self.assertEqual(self.found(q="council reservoir"), {self.n.water.title})
        self.assertEqual(self.found(q="council rainfall"), set())

    def test_best_match_and_newest_first_keep_the_filters(self):
        n = self.n
        for sort in ("relevance", "newest"):
            with self.subTest(sort=sort):
                self.assertEqual(
                    self.found(q="paragraph", sort=sort, agency="lws", section=n.world.pk),
                    {n.drought.title},
                )

    def test_an_unpublished_story_is_not_found(self):
        self.n.water.unpublish()
        for sort in ("relevance", "newest"):
            with self.subTest(sort=sort):
                self.assertEqual(self.found(q="council", sort=sort), set())

    @override_settings(MASTHEAD_PAGE_SIZE=1)
    def test_pages_of_best_matches_list_every_story_once(self):
        pages = [
            headlines(self.client.get("/search/", {"q": "paragraph", "page": page}))
            for page in (1, 2, 3, 4)
        ]
        self.assertEqual([len(page) for page in pages], [1, 1, 1, 1])
        self.assertEqual(
            {title for page in pages for title in page},
            {self.n.water.title, self.n.drought.title, self.n.markets.title, self.n.notes.title},
        )
        response = self.client.get("/search/", {"q": "paragraph"})
        self.assertContains(response, "4 stories matching")

    def test_odd_queries_get_a_helpful_page_not_an_error(self):
        for query in ODD_QUERIES:
            with self.subTest(query=query[:40]):
                response = self.client.get("/search/", {"q": query})
                self.assertEqual(response.status_code, 200)
                html = response.content.decode()
                self.assertTrue('class="search-help"' in html or headlines(response))

    def test_a_null_character_or_bad_filter_is_a_clear_form_error(self):
        for params in BAD_FILTERS:
            with self.subTest(params=str(params)[:60]):
                response = self.client.get("/search/", params)
                self.assertEqual(response.status_code, 400)
                self.assertContains(response, 'class="form-errors"', status_code=400)

    def test_a_bad_page_number_is_a_404(self):
        self.assertEqual(self.client.get("/search/", {"q": "water", "page": "x"}).status_code, 404)
        self.assertEqual(self.client.get("/search/", {"q": "water", "page": "9"}).status_code, 404)

    @override_settings(MASTHEAD_PAGE_SIZE=1)
    def test_pagination_links_keep_the_query_and_filters(self):
        response = self.client.get("/search/", {"q": "paragraph", "type": "article"})
        self.assertContains(response, 'href="?q=paragraph&amp;type=article&amp;page=2"')

    def test_query_count_does_not_grow_with_the_number_of_results(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.get("/search/", {"q": "warm"})  # site and content types cached
        counts = []
        for query in ("trade", "paragraph"):
            with CaptureQueriesContext(connection) as queries:
                self.client.get("/search/", {"q": query})
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])


def test_highlight_escapes_the_text_before_marking_words():
    marked = highlight('<b>Water</b> & "waterways" of amp', ["water", "amp"])
    assert marked == (
        "&lt;b&gt;<mark>Water</mark>&lt;/b&gt; &amp; &quot;<mark>waterways</mark>&quot; "
        "of <mark>amp</mark>"
    )


def test_query_terms_keep_words_of_any_script_and_drop_punctuation():
    assert query_terms("  Water, water; AMMAN! ") == ["Water", "AMMAN"]
    assert query_terms("عمّان  مياه") == ["عمّان", "مياه"]
    assert query_terms("!!! ??? ___ ***") == []
    assert len(query_terms("word " * 500)) == 1
    assert len(query_terms(" ".join(f"w{i}" for i in range(100)))) == 12
