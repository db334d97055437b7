"""The demo paper's beats: the written material the stories are assembled from."""

from masthead.demo.beats.base import CLOSINGS, GENERIC, GENERIC_QUOTES, Beat, Topic
from masthead.demo.beats.blogs import BLOG_BEATS
from masthead.demo.beats.home import HOME
from masthead.demo.beats.life import LIFE
from masthead.demo.beats.region import REGION

# Story number n belongs to beat n mod len(NEWS_BEATS): the newest stories span every section.
NEWS_BEATS: tuple[Beat, ...] = REGION + HOME + LIFE

__all__ = [
    "BLOG_BEATS",
    "CLOSINGS",
    "GENERIC",
    "GENERIC_QUOTES",
    "NEWS_BEATS",
    "Beat",
    "Topic",
]
