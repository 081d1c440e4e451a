"""Two builds of the same commit are byte-identical, so a diff of the built site shows
only what a change changed (and a cache or CDN never serves stale-but-different bytes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tools.site import build_site

pytestmark = pytest.mark.build

# Set aside: the sitemaps carry the build date, and the lab page shows wall-clock
# times its notebook measures while the site builds (so does its search entry).
LIVE_PAGE = "lab/measure-it-yourself/"
EXEMPT = {"sitemap.xml", "sitemap.xml.gz", LIVE_PAGE + "index.html"}
SEARCH_INDEX = "search/search_index.json"


def comparable(name: str, data: bytes) -> bytes:
    """The bytes to compare: the search index without the live page's entries."""
    if name != SEARCH_INDEX:
        return data
    index = json.loads(data)
    index["docs"] = [d for d in index["docs"] if not d["location"].startswith(LIVE_PAGE)]
    return json.dumps(index).encode()


def site_files(site_dir: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(site_dir)): comparable(
            str(path.relative_to(site_dir)), path.read_bytes()
        )
        for path in sorted(site_dir.rglob("*"))
        if path.is_file()
    }


def first_difference(first: bytes, second: bytes, context: int = 80) -> str:
    """Both versions around the first byte that differs (minified files are one line)."""
    at = next(
        (i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b),
        min(map(len, (first, second))),
    )
    start = max(0, at - context)
    return "\n".join(
        f"build {n}: ...{data[start : at + context].decode('utf-8', 'replace')!r}..."
        for n, data in ((1, first), (2, second))
    )


def test_two_builds_are_byte_identical(built_site: Path, tmp_path: Path, monkeypatch) -> None:
    # A fresh string-hash seed, so output that follows set or dict-of-set order shows up.
    monkeypatch.setenv("PYTHONHASHSEED", "random")
    # The lab's page is set aside (EXEMPT), so the second build need not run the lab.
    result = build_site(tmp_path / "again", execute_lab=False)
    assert result.returncode == 0, result.stderr[-4000:]
    first, second = site_files(built_site), site_files(tmp_path / "again")
    assert sorted(first) == sorted(second), "the two builds wrote different files"
    assert len(first) > len(EXEMPT), "nothing was compared"
    differing = sorted(n for n in first if n not in EXEMPT and first[n] != second[n])
    assert not differing, f"files differ between two builds: {differing}\n{differing[0]}:\n" + (
        first_difference(first[differing[0]], second[differing[0]])
    )


def test_first_difference_shows_both_versions_where_they_part() -> None:
    # They part at byte 16 ("x" / "y"); 4 bytes of context either side: bytes 12 to 19.
    shown = first_difference(b'{"a": 1, "id": "x1", "z": 0}', b'{"a": 1, "id": "y7", "z": 0}', 4)
    assert shown.splitlines() == ['build 1: ...\'": "x1",\'...', 'build 2: ...\'": "y7",\'...']


def test_the_search_index_is_compared_without_the_live_page() -> None:
    index = {"config": {}, "docs": [{"location": "a/"}, {"location": LIVE_PAGE + "#timing"}]}
    assert json.loads(comparable(SEARCH_INDEX, json.dumps(index).encode())) == {
        "config": {},
        "docs": [{"location": "a/"}],
    }
    assert comparable("other.json", b"{}") == b"{}"
