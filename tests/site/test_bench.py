"""The bench's budgets (lighthouserc.json) cover the pages the site really has, and the
bench runs Lighthouse on every one of them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools.serve import site_pages
from tools.site import ROOT
from tools.sizes import chart_count

pytestmark = pytest.mark.build


def test_the_blocking_time_budget_holds_exactly_the_chart_pages(built_site: Path) -> None:
    config = json.loads((ROOT / "lighthouserc.json").read_text(encoding="utf-8"))
    [rule] = [
        group
        for group in config["ci"]["assert"]["assertMatrix"]
        if "total-blocking-time" in group["assertions"]
    ]
    pattern = re.compile(rule["matchingUrlPattern"])
    for page in site_pages(built_site):
        has_charts = chart_count((built_site / page / "index.html").read_text("utf-8")) > 0
        # The URLs Lighthouse CI's static server gives the pages it discovers.
        url = f"http://localhost:45678/{page}index.html"
        assert bool(pattern.search(url)) == has_charts, (
            f"/{page} {'has' if has_charts else 'has no'} charts, but lighthouserc.json's "
            f"blocking-time pattern {'does not match' if has_charts else 'matches'} it"
        )


def test_the_bench_finds_every_page(built_site: Path) -> None:
    """Lighthouse CI finds the pages of a built site itself, but by default only the
    first 5 (maxAutodiscoverUrls; 0 lifts the limit), in folders at most 2 deep
    (staticDirFileDiscoveryDepth): `make bench` checked 5 of the site's 14 pages."""
    collect = json.loads((ROOT / "lighthouserc.json").read_text(encoding="utf-8"))["ci"]["collect"]
    assert collect.get("maxAutodiscoverUrls", 5) == 0
    deepest = max(page.count("/") for page in site_pages(built_site))
    assert deepest <= collect.get("staticDirFileDiscoveryDepth", 2)
