"""hooks/csp.py: every built page carries the policy; pages `mkdocs serve` serves do not."""

from __future__ import annotations

import re
from pathlib import Path

import csp
import pytest


def test_the_policy_allows_only_the_sites_own_scripts() -> None:
    assert csp.POLICY.startswith("script-src 'self'")
    assert "unsafe-inline" not in csp.POLICY and "unsafe-eval" not in csp.POLICY
    assert "object-src 'none'" in csp.POLICY


def test_the_policy_is_the_first_thing_in_head_and_added_once() -> None:
    page = "<html><head><script src='a.js'></script></head><body><head></body></html>"
    out = csp.with_policy(page)
    assert out.startswith(f"<html><head>\n    {csp.META}<script")
    assert out.count("Content-Security-Policy") == 1


@pytest.mark.parametrize(("command", "expected"), [("build", 1), ("gh-deploy", 1), ("serve", 0)])
def test_only_served_previews_go_without_the_policy(command: str, expected: int) -> None:
    csp.on_startup(command=command, dirty=False)
    try:
        out = csp.on_post_page("<html><head></head></html>", page=None, config=None)
    finally:
        csp.on_startup(command="build", dirty=False)
    assert out.count(csp.META) == expected


@pytest.mark.build
def test_every_built_page_carries_the_policy(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    for path in pages:
        head = re.search(r"<head>\s*(<[^>]+>)", path.read_text(encoding="utf-8"))
        assert head and head.group(1) == csp.META, f"{path.relative_to(built_site)}: no CSP first"
