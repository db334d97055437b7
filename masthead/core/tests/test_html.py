from masthead.core.html import clean_html, html_to_text


def test_clean_html_keeps_news_copy_markup():
    html = '<p>A <b>bold</b> <em>claim</em>, <a href="https://example.com/r">a report</a></p>'
    cleaned = clean_html(html)
    assert "<b>bold</b>" in cleaned and "<em>claim</em>" in cleaned
    assert 'href="https://example.com/r"' in cleaned


def test_clean_html_removes_scripts_handlers_and_dangerous_urls():
    cleaned = clean_html(
        '<p onclick="steal()">x<script>alert(1)</script><style>p{}</style>'
        '<a href="javascript:alert(1)">j</a><a href="data:text/html,<b>">d</a>'
        '<img src="x" onerror="alert(1)"><iframe src="https://e.x"></iframe>'
        '<svg onload="alert(1)"></svg></p>'
    )
    for bad in (
        "script",
        "onclick",
        "onerror",
        "onload",
        "javascript:",
        "data:",
        "style",
        "<img",
        "<iframe",
        "<svg",
        "alert",
    ):
        assert bad not in cleaned


def test_html_to_text_drops_tags_and_decodes_entities():
    assert html_to_text("<b>Fed</b> &amp; banks <script>x()</script>\n halt") == "Fed & banks halt"
