"""`make screenshots`: the home and performance pages, light and dark, as PNG files in
screenshots/ (not committed), so a change can be looked at before it is merged.

Builds the site strictly, serves it on 127.0.0.1 and drives Debian's Chromium through
Playwright, as the browser tests do. The palette follows the reader's system setting
by default, so light and dark are the browser's emulated colour scheme. Charts are
scrolled into view and drawn before the full-page shot.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Literal

from tools.chromium import CHROMIUM, FLAGS, MISSING
from tools.serve import serve
from tools.site import ROOT, build_or_exit

PAGES = {"home": "", "performance": "performance/"}
SCHEMES: tuple[Literal["light", "dark"], ...] = ("light", "dark")


def draw_charts(page) -> None:
    for figure in page.locator("figure.chart").all():
        figure.scroll_into_view_if_needed()
        page.wait_for_function(
            "f => ['ready', 'error'].includes(f.dataset.chartState)",
            arg=figure.element_handle(),
            timeout=20_000,
        )
    page.evaluate("window.scrollTo(0, 0)")


def shoot(site: Path, out: Path, width: int) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        sys.exit(MISSING)
    written = []
    with sync_playwright() as playwright, serve(site) as base:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=list(FLAGS))
        for scheme in SCHEMES:
            context = browser.new_context(
                color_scheme=scheme, viewport={"width": width, "height": 900}
            )
            page = context.new_page()
            for name, path in PAGES.items():
                page.goto(base + path, wait_until="networkidle")
                draw_charts(page)
                target = out / f"{name}-{scheme}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target)
            context.close()
        browser.close()
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--width", type=int, default=1280, help="viewport width in CSS pixels")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-site-") as tmp:
        site = args.site or build_or_exit(Path(tmp) / "site")
        for path in shoot(site, args.out, args.width):
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")


if __name__ == "__main__":
    main()
