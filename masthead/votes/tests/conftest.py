import pytest

from masthead.stories import factories as f


@pytest.fixture
def section():
    return f.section("World")


@pytest.fixture
def story(section):
    return f.article(section, title="Council approves new water plan")


@pytest.fixture
def other_story(section):
    return f.article(section, title="Port reopens after repairs")
