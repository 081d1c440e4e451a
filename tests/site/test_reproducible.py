"""Two builds of the same commit are byte-identical, so a diff of the built site shows
only what a change changed (and a cache or CDN never serves stale-but-different bytes)."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from tests.conftest import ROOT, mkdocs_build

pytestmark = pytest.mark.build

# Set aside: the sitemaps carry the build date, and the lab page shows wall-clock
# times its notebook measures while the site builds.
EXEMPT = {"sitemap.xml", "sitemap.xml.gz", "lab/measure-it-yourself/index.html"}


def site_files(site_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site_dir)): path.read_bytes()
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def first_difference(name: str, first: bytes, second: bytes) -> str:
    """A few lines of unified diff, enough to see what varies between builds."""
    lines = difflib.unified_diff(
        first.decode("utf-8", "replace").splitlines(),
        second.decode("utf-8", "replace").splitlines(),
        f"build 1/{name}",
        f"build 2/{name}",
        n=0,
        lineterm="",
    )
    return "\n".join(line[:200] for line in list(lines)[:8])


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path, monkeypatch) -> None:
    # A fresh string-hash seed, so output that follows set or dict-of-set order shows up.
    monkeypatch.setenv("PYTHONHASHSEED", "random")
    result = mkdocs_build(ROOT / "mkdocs.yml", tmp_path / "again")
    assert result.returncode == 0, result.stderr[-4000:]
    first, second = site_files(built_site), site_files(tmp_path / "again")
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    assert len(first) > len(EXEMPT), "nothing was compared"
    differing = sorted(n for n in first if n not in EXEMPT and first[n] != second[n])
    assert not differing, f"files differ between two builds: {differing}\n" + first_difference(
        differing[0], first[differing[0]], second[differing[0]]
    )


def test_first_difference_shows_the_changed_line() -> None:
    shown = first_difference("a.html", b"same\nid=1\n", b"same\nid=2\n")
    assert "-id=1" in shown
    assert "+id=2" in shown
