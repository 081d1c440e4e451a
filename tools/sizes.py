"""Page weights of the built site, gzipped, against the budgets: `make sizes`.

For each page: its HTML, the stylesheets and scripts it references (<link
rel=stylesheet>, <script src>, and the search worker Material starts), gzipped
at level 9 the way a server would send them. A chart page is weighed twice:
before any chart loads, and with the plotly.js bundle charts.js loads. And the
search index, which the search worker fetches on the first page of every visit
(a reader's first page weighs its own figure and the index's).

    python -m tools.sizes [SITE_DIR]   # no SITE_DIR: build the site first

Exits 1 if a page is over its budget.
"""

from __future__ import annotations

import gzip
import re
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

from tools.site import build_or_exit

KB = 1024
TEXT_BUDGET = 120 * KB  # a page without charts: HTML + CSS + JS
CHART_BUDGET = 150 * KB  # a chart page before any chart loads
CHART_LOADED_BUDGET = 600 * KB  # a chart page with its charts loaded
PLOTLY_BUNDLE = "assets/vendor/plotly/plotly-basic.min.js"  # what charts.js loads
# The search index: 85 KB when it held the site's buttons, quiz solutions and the code
# behind tables; 59 KB without them (2026-12-07). The pages then grew by half (new
# pages on data, releasing models, the hands-on project): 95 KB with those still left
# out, where about 150,000 more characters of quiz options, solutions and worked
# answers would be in it otherwise. Three pages more (training, serving, about this
# site) took it to 124 KB; code blocks left out (a reader searches for what the pages
# say; inline code names stay) brought it to 107 KB. Four more pages and the lab's code
# left out too (hooks/notebooks.py): 117 KB (2026-12-08).
SEARCH_INDEX = "search/search_index.json"
SEARCH_INDEX_BUDGET = 120 * KB

STYLESHEET = re.compile(r"<link\b[^>]*\brel=[\"']?stylesheet[^>]*>", re.I)
SCRIPT = re.compile(r"<script\b[^>]*\bsrc=[\"']?([^\"'\s>]+)", re.I)
HREF = re.compile(r"\bhref=[\"']?([^\"'\s>]+)", re.I)
WORKER = re.compile(r"\"search\":\s*\"([^\"]+\.js)\"")
CHART = re.compile(r"<figure\b[^>]*\bclass=\"chart\"")


def chart_count(html: str) -> int:
    """How many charts a built page has (the <figure> snippets.charts writes)."""
    return len(CHART.findall(html))


@cache
def gzipped_size(path: Path) -> int:
    """Bytes on the wire: gzip level 9, no timestamp, so the count is deterministic."""
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


@dataclass(frozen=True)
class PageWeight:
    page: str
    charts: int
    html: int
    css: int
    js: int
    plotly: int  # 0 for pages without charts

    @property
    def initial(self) -> int:
        return self.html + self.css + self.js

    @property
    def loaded(self) -> int:
        return self.initial + self.plotly

    @property
    def over_budget(self) -> list[str]:
        if not self.charts:
            return [f"{self.initial} > {TEXT_BUDGET}"] if self.initial > TEXT_BUDGET else []
        problems = []
        if self.initial > CHART_BUDGET:
            problems.append(f"before charts {self.initial} > {CHART_BUDGET}")
        if self.loaded > CHART_LOADED_BUDGET:
            problems.append(f"with charts {self.loaded} > {CHART_LOADED_BUDGET}")
        return problems


def local_file(site: Path, page: Path, url: str) -> Path:
    """The file in `site` that `url`, referenced from `page`, names."""
    path = urlsplit(url).path
    if not path or urlsplit(url).scheme or url.startswith("//"):
        raise ValueError(f"{page.relative_to(site)} references a remote asset: {url}")
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    return target.resolve()


def referenced(site: Path, page: Path, html: str) -> tuple[list[Path], list[Path]]:
    """The stylesheets and the scripts a page loads, as files of the built site."""
    hrefs = (HREF.search(tag) for tag in STYLESHEET.findall(html))
    css = [local_file(site, page, href.group(1)) for href in hrefs if href]
    js = [local_file(site, page, url) for url in SCRIPT.findall(html) + WORKER.findall(html)]
    return css, js


def weigh(site: Path, page: Path) -> PageWeight:
    html = page.read_text(encoding="utf-8")
    css, js = referenced(site, page, html)
    charts = chart_count(html)
    return PageWeight(
        page=str(page.relative_to(site)),
        charts=charts,
        html=gzipped_size(page),
        css=sum(gzipped_size(p) for p in dict.fromkeys(css)),
        js=sum(gzipped_size(p) for p in dict.fromkeys(js)),
        plotly=gzipped_size(site / PLOTLY_BUNDLE) if charts else 0,
    )


def site_weights(site: Path) -> list[PageWeight]:
    """Every page of the built site (each index.html, and 404.html)."""
    site = site.resolve()
    pages = sorted(site.rglob("index.html")) + sorted(site.glob("404.html"))
    return [weigh(site, page) for page in pages]


def search_index_size(site: Path) -> int:
    """The search index's gzipped size; 0 if the site has none."""
    index = site / SEARCH_INDEX
    return gzipped_size(index.resolve()) if index.exists() else 0


def report(weights: list[PageWeight], index: int = 0) -> str:
    lines = [
        f"{'page':<42} {'charts':>6} {'html':>7} {'css':>7} {'js':>7} "
        f"{'initial':>8} {'loaded':>8}  budget",
    ]
    for w in weights:
        budget = (
            f"{CHART_BUDGET // KB}/{CHART_LOADED_BUDGET // KB} KB"
            if w.charts
            else (f"{TEXT_BUDGET // KB} KB")
        )
        verdict = "OVER: " + "; ".join(w.over_budget) if w.over_budget else "ok"
        loaded = f"{w.loaded / KB:7.1f}K" if w.charts else f"{'-':>8}"
        lines.append(
            f"{w.page:<42} {w.charts:>6} {w.html / KB:6.1f}K {w.css / KB:6.1f}K "
            f"{w.js / KB:6.1f}K {w.initial / KB:7.1f}K {loaded}  {budget} {verdict}"
        )
    verdict = f"OVER: {index} > {SEARCH_INDEX_BUDGET}" if index > SEARCH_INDEX_BUDGET else "ok"
    lines.append(
        f"{'search index (first page of a visit)':<42} {'':>6} {'':>7} {'':>7} {'':>7} "
        f"{index / KB:7.1f}K {'-':>8}  {SEARCH_INDEX_BUDGET // KB} KB {verdict}"
    )
    lines.append("(gzipped bytes, level 9; K = 1024 bytes; loaded = initial + plotly.js)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv:
        site = Path(argv[0])
        weights, index = site_weights(site), search_index_size(site)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            site = build_or_exit(Path(tmp) / "site")
            weights, index = site_weights(site), search_index_size(site)
    print(report(weights, index))
    return 1 if any(w.over_budget for w in weights) or index > SEARCH_INDEX_BUDGET else 0


if __name__ == "__main__":
    sys.exit(main())
