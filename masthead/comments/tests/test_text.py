from masthead.comments.text import comment_html


def test_paragraphs_and_line_breaks_are_kept():
    assert comment_html("one\ntwo\r\n\r\nthree") == "<p>one<br>two</p>\n<p>three</p>"


def test_links_get_nofollow_ugc_noopener():
    html = comment_html("read www.example.org/a?b=1&c=2")
    assert 'rel="nofollow ugc noopener"' in html and "&amp;c=2" in html


def test_every_markup_character_is_escaped():
    html = comment_html('<script>x</script> " \' & <a href="javascript:1">y</a>')
    assert "<script" not in html and '<a href="javascript' not in html
    assert "&lt;script&gt;" in html and "&quot;" in html and "&amp;" in html


def test_text_that_imitates_the_link_attribute_stays_escaped():
    html = comment_html('rel="nofollow" onclick="x"')
    assert "onclick=&quot;x&quot;" in html and 'onclick="' not in html


def test_punctuation_after_a_link_and_a_bracket_around_it_stay_outside_it():
    html = comment_html("See (www.example.org/plan). Or https://en.wikipedia.org/wiki/Dam_(wall)!")
    assert '<a href="http://www.example.org/plan" rel="nofollow ugc noopener">' in html
    assert "www.example.org/plan</a>)." in html
    assert 'href="https://en.wikipedia.org/wiki/Dam_(wall)"' in html and "(wall)</a>!" in html


def test_bare_domains_are_linked_but_other_schemes_and_words_with_dots_are_not():
    html = comment_html("council.gov says so; javascript:alert(1) ftp://x.org file.txt 5.5%")
    assert '<a href="http://council.gov" rel="nofollow ugc noopener">council.gov</a>' in html
    assert html.count("<a ") == 1
