"""The small site the fault tests serve: a home page, a section and one article."""


def build() -> None:
    from masthead.news.models import ArticlePage
    from masthead.stories import factories

    if ArticlePage.objects.filter(slug="fault-test-story").exists():
        return
    home = factories.home_page()
    section = factories.section("Fault Desk", parent=home, slug="fault-desk")
    factories.article(section, title="Fault test story", slug="fault-test-story")
