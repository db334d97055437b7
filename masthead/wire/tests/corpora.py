"""Where the shared sample data lives: shared/ beside the repository, as CI lays it out."""

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
FORMATS = REPO_ROOT.parent / "shared" / "formats"
NINJS = FORMATS / "ninjs"
NEWSML = FORMATS / "newsml-g2" / "examples"
FEEDS = FORMATS / "feeds" / "tests"
REQUIRED = os.environ.get("MASTHEAD_REQUIRE_SHARED") == "1"


def files(folder: Path, pattern: str) -> list[Path]:
    """The corpus files, or none when shared/ is absent (the presence test says so)."""
    return sorted(folder.glob(pattern)) if folder.is_dir() else []


def ids(paths: list[Path]) -> list[str]:
    return [str(p.relative_to(FORMATS)) for p in paths]


def need_shared():
    if FORMATS.is_dir():
        return
    message = f"the shared sample data is not at {FORMATS}"
    if REQUIRED:
        pytest.fail(message + " (MASTHEAD_REQUIRE_SHARED=1)")
    pytest.skip(message)
