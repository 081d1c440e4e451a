"""Page weights (gzipped HTML + CSS + JS each page references) and the search index stay
within budget, and plotly.js is served by the site, as the basic partial bundle, only
where needed."""

from __future__ import annotations

import base64
import gzip
import os
from pathlib import Path

import pytest

from tools.sizes import (
    CHART_BUDGET,
    CHART_LOADED_BUDGET,
    PLOTLY_BUNDLE,
    SEARCH_INDEX,
    SEARCH_INDEX_BUDGET,
    TEXT_BUDGET,
    main,
    referenced,
    search_index_size,
    site_weights,
)


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def test_the_counter_adds_what_a_page_references_and_nothing_else(tmp_path: Path) -> None:
    files = {
        "a/index.html": b'<link rel="stylesheet" href="../s.css"><link rel="canonical" href="x">'
        b'<script src="../j.js"></script><figure class="chart" id="chart-x"></figure>'
        b'<script type="application/json">{"search": "../w.js"}</script>',
        "s.css": b"body{color:red}" * 50,
        "j.js": b"var a=1;" * 70,
        "w.js": b"onmessage=1;" * 30,
        "unused.js": b"never referenced" * 99,
        PLOTLY_BUNDLE: b"/* plotly */" * 80,
    }
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    (weight,) = site_weights(tmp_path)
    assert weight.page == "a/index.html" and weight.charts == 1
    assert weight.html == gz(files["a/index.html"])
    assert weight.css == gz(files["s.css"])
    assert weight.js == gz(files["j.js"]) + gz(files["w.js"])
    assert weight.loaded == weight.initial + gz(files[PLOTLY_BUNDLE])


def test_a_remote_asset_cannot_be_weighed(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    html = '<script src="https://cdn.example.com/plotly.js"></script>'
    with pytest.raises(ValueError, match="remote asset"):
        referenced(tmp_path, page, html)


@pytest.fixture(scope="module")
def weights(built_site: Path):
    return {w.page: w for w in site_weights(built_site)}


@pytest.mark.build
def test_every_page_is_within_its_budget(weights, capsys) -> None:
    over = {page: w.over_budget for page, w in weights.items() if w.over_budget}
    assert not over, over
    text = [w for w in weights.values() if not w.charts]
    charts = [w for w in weights.values() if w.charts]
    assert text and charts, "expected pages with and without charts"
    assert max(w.initial for w in text) <= TEXT_BUDGET
    assert max(w.initial for w in charts) <= CHART_BUDGET
    assert max(w.loaded for w in charts) <= CHART_LOADED_BUDGET


@pytest.mark.build
def test_plotly_is_the_local_partial_bundle_loaded_only_by_charts_js(built_site: Path) -> None:
    bundles = [p for p in built_site.rglob("*.js") if "plotly" in p.name.lower()]
    assert [p.relative_to(built_site).as_posix() for p in bundles] == [PLOTLY_BUNDLE]
    assert "(basic - minified)" in bundles[0].read_text(encoding="utf-8")[:200]
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        _css, scripts = referenced(built_site, page, html)
        # No page loads plotly.js up front, and none inlines it.
        assert not [s for s in scripts if "plotly" in s.name], page
        assert "plotly.js (basic" not in html and len(html) < 400_000, page


def test_sizes_command_reports_and_fails_over_budget(tmp_path: Path, capsys) -> None:
    (tmp_path / "index.html").write_bytes(b"<p>small</p>")
    assert main([str(tmp_path)]) == 0
    assert "index.html" in capsys.readouterr().out
    # A text page over its budget (random data barely compresses).
    (tmp_path / "big" / "index.html").parent.mkdir()
    (tmp_path / "big" / "index.html").write_bytes(base64.b64encode(os.urandom(2 * TEXT_BUDGET)))
    assert main([str(tmp_path)]) == 1
    assert "OVER" in capsys.readouterr().out


@pytest.mark.build
def test_the_search_index_is_within_its_budget_and_counted(built_site: Path, capsys) -> None:
    """The index every first visit fetches: weighed, within its budget, and in the report."""
    size = search_index_size(built_site)
    assert 30 * 1024 < size <= SEARCH_INDEX_BUDGET, size
    assert main([str(built_site)]) == 0
    assert "search index" in capsys.readouterr().out


def test_a_search_index_over_its_budget_fails_the_sizes_command(tmp_path: Path, capsys) -> None:
    (tmp_path / "index.html").write_bytes(b"<p>small</p>")
    index = tmp_path / SEARCH_INDEX
    index.parent.mkdir()
    index.write_bytes(base64.b64encode(os.urandom(2 * SEARCH_INDEX_BUDGET)))
    assert main([str(tmp_path)]) == 1
    assert "OVER" in capsys.readouterr().out.splitlines()[-2]
