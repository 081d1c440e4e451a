"""Browser fixtures: the built site served on loopback, one Chromium per session.

Chromium is Debian's, launched by path: no test tool may download a browser here.
Without /usr/bin/chromium the browser tests skip, except in CI (`CI` set), where a
missing browser is a failure: CI must run them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.conftest import published_url, require
from tools import chromium
from tools.serve import serve
from tools.serve import site_pages as site_pages  # re-exported for test modules

# Resolves once the page is still: its fonts loaded, and no CSS transition or animation
# that has an end running for three frames in a row (Material's header title fades for
# 150 ms after a scroll; links fade to their new colour after a scheme change). Nothing
# is switched off to get there, so a colour that is wrong once settled still reads wrong.
# Endless animations never settle and are left running. Resolves to what still moved
# after `limit` ms, so a test can name it.
SETTLE = """async (limit) => {
  await document.fonts.ready;
  const frame = () => new Promise(done => requestAnimationFrame(() => done()));
  const moving = () => document.getAnimations().filter(animation =>
    animation.playState === "running" &&
    Number.isFinite(animation.effect?.getComputedTiming().endTime));
  const start = performance.now();
  for (let stillFrames = 0; stillFrames < 3; ) {
    await frame();
    const running = moving();
    if (!running.length) { stillFrames += 1; continue; }
    stillFrames = 0;
    if (performance.now() - start > limit)
      return running.map(a => `${a.constructor.name} ${a.transitionProperty ?? a.animationName}` +
        ` on ${a.effect?.target?.className || a.effect?.target?.nodeName}`);
    await Promise.all(running.map(animation => animation.finished.catch(() => null)));
  }
  return [];
}"""


def settle(page, limit_ms: int = 30_000) -> None:
    """Wait until nothing on the page moves (see SETTLE); fail naming what still does."""
    moving = page.evaluate(SETTLE, limit_ms)
    assert not moving, f"{page.url}: still moving after {limit_ms} ms: {moving}"


# With JavaScript off the page runs no callback (no animation frame, no promise of its
# own), so SETTLE would wait for ever: poll from here instead, three still looks in a row.
STILL = """() => document.fonts.status === "loaded" && !document.getAnimations().some(
  animation => animation.playState === "running" &&
    Number.isFinite(animation.effect?.getComputedTiming().endTime))"""


def settle_without_scripts(page, limit_ms: int = 30_000) -> None:
    """settle() for a page opened with JavaScript off."""
    deadline = time.monotonic() + limit_ms / 1000
    still = 0
    while still < 3:
        still = still + 1 if page.evaluate(STILL) else 0
        assert time.monotonic() < deadline, f"{page.url}: still moving after {limit_ms} ms"
        page.wait_for_timeout(20)


def require_chromium() -> str:
    """The browser's path; skips (or, in CI, fails) when it is not installed."""
    return require(str(chromium.CHROMIUM) if chromium.CHROMIUM.exists() else None, chromium.MISSING)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The real site, served on 127.0.0.1 for the whole session."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    executable = require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=list(chromium.FLAGS))
        yield launched
        launched.close()


@dataclass
class Watched:
    """What a page did that a reader should never see: errors and stray requests."""

    origin: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    other_hosts: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return (
            [f"console error: {e}" for e in self.console_errors]
            + [f"failed request: {r}" for r in self.failed_requests]
            + [f"request to another host: {u}" for u in self.other_hosts]
        )

    def clear(self) -> None:
        self.console_errors.clear()
        self.failed_requests.clear()
        self.other_hosts.clear()


def watch(page, origin: str) -> Watched:
    """Record console errors, uncaught exceptions, failed requests and off-site requests."""
    seen = Watched(origin)

    def on_request(request) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https", "ws", "wss"} and url.netloc != origin:
            seen.other_hosts.append(request.url)

    def on_response(response) -> None:
        if response.status >= 400:
            seen.failed_requests.append(f"{response.status} {response.url}")

    page.on("console", lambda m: m.type == "error" and seen.console_errors.append(m.text))
    page.on("pageerror", lambda error: seen.console_errors.append(f"uncaught: {error}"))
    page.on("request", on_request)
    page.on("response", on_response)

    def on_failed(request) -> None:
        # The browser aborts what a page still loads when the reader moves on (a favicon
        # mid-navigation, under load): not a fault of the site. A missing file is a 404
        # (on_response) and a blocked one a CSP or off-site finding.
        if request.failure != "net::ERR_ABORTED":
            seen.failed_requests.append(f"{request.url} ({request.failure})")

    page.on("requestfailed", on_failed)
    return seen


@pytest.fixture
def new_context(browser) -> Iterator[Callable[..., object]]:
    """`new_context(**options)` -> a fresh browser context (empty storage), closed after."""
    contexts = []

    def new(**options):
        context = browser.new_context(**options)
        # A page load waits up to 90 s, not Playwright's 30: on a machine kept busy by
        # other work a long page took longer than 30 s to load (a failed run, not a
        # defect); a page that never loads still fails.
        context.set_default_navigation_timeout(90_000)
        contexts.append(context)
        return context

    yield new
    for context in contexts:
        # A route still answering a request when its context closes would raise
        # later, inside whichever test runs next. (A test may have closed it already.)
        with contextlib.suppress(PlaywrightError):
            context.unroute_all(behavior="ignoreErrors")
        context.close()


# Chromium reports each blocked script as a `securitypolicyviolation` event; an init
# script (which the page's CSP does not govern) records them for the test to read.
RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || "?"}:${event.lineNumber})`);
});
"""


@dataclass(frozen=True)
class Visit:
    """What one page did while it loaded and was scrolled to its end."""

    title: str
    headings: int  # <h1> elements in the article
    problems: list[str]  # Watched.problems()
    violations: list[str]  # of the Content-Security-Policy its <meta> tag carries
    material_ran: bool  # Material's inline set-up (allowed by hash), then its bundle


def visit(context, url: str) -> Visit:
    """Load `url` in a new page of `context`, scroll to its end (charts draw as they near
    the screen) and wait until no request has been open for half a second (late requests,
    the search index and chart data, count too)."""
    page = context.new_page()
    page.add_init_script(RECORD_VIOLATIONS)
    seen = watch(page, urlsplit(url).netloc)
    page.goto(url, wait_until="load")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    console = [e for e in seen.console_errors if "Content Security Policy" in e]
    found = Visit(
        title=page.title(),
        headings=page.locator("article h1").count(),
        problems=seen.problems(),
        violations=page.evaluate("window.__cspViolations") + console,
        material_ran=page.evaluate(
            "typeof __md_get === 'function' && typeof document$ === 'object'"
        ),
    )
    page.close()
    return found


@pytest.fixture
def open_page(new_context, site_url: str) -> Callable[..., tuple[object, Watched]]:
    """`open_page(path, **context_options)` -> (page, watched) on the served site.

    Each call gets its own context, so tests share no storage; pass e.g.
    `java_script_enabled=False` or `color_scheme="dark"`.
    """
    origin = urlsplit(site_url).netloc

    def open_(path: str = "", **options) -> tuple[object, Watched]:
        page = new_context(base_url=site_url, **options).new_page()
        watched = watch(page, origin)
        page.goto(site_url + path, wait_until="load")
        return page, watched

    return open_


@pytest.fixture
def open_public_page(
    new_context, built_site: Path, site_url: str
) -> Callable[[str], tuple[object, Watched, str]]:
    """`open_public_page(path)` -> (page, watched, public address): the site shown at its
    public address, every request answered by the local server, so that Material's
    instant navigation works (it navigates instantly only to the URLs of sitemap.xml;
    see test_charts.py). No request leaves the machine."""
    public = published_url(built_site)

    def open_(path: str) -> tuple[object, Watched, str]:
        context = new_context()
        context.route(
            f"{public}**",
            lambda route: route.fulfill(
                response=route.fetch(url=site_url + route.request.url.removeprefix(public))
            ),
        )
        page = context.new_page()
        watched = watch(page, urlsplit(public).netloc)
        page.goto(public + path, wait_until="load")
        return page, watched, public

    return open_
