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
