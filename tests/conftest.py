"""Fixtures shared by the tests: the site's Markdown converter, small sites built in
this process, and the slow products many tests read (one strict build of the real site,
one Zensical build), each made once per run however many xdist workers share it.

The order of a run: tests that need no product and no browser first, then browser tests
of planted pages, then the tests that read a product; the products are started in the
background when the first test runs, so the first two kinds run while they build.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from pytest_codeblocks.plugin import TestBlock as CodeBlockItem

from tools.site import build_here, build_site, load_config

ROOT = Path(__file__).resolve().parent.parent


def require(found: str | None, reason: str) -> str:
    """`found` (a path to a system program) if set; else skips, or in CI fails, with
    `reason`: CI must run every test, a contributor's machine may lack the program."""
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and every test must run, but {reason}", pytrace=False)
    pytest.skip(reason)


def published_url(built_site: Path) -> str:
    """The site's public address (site_url), read from the build's sitemap."""
    locs = re.findall(r"<loc>([^<]*)</loc>", (built_site / "sitemap.xml").read_text("utf-8"))
    return min(locs, key=len)


def page_paths() -> list[str]:
    """Every page's URL path ('', 'performance/', ...), read from mkdocs.yml's nav (which
    lists every page: the build fails otherwise), for tests that take one page each.
    tests/site/test_build.py holds it to the pages the build writes."""
    from tools.zensical_build import nav_pages

    def url(source: str) -> str:  # as use_directory_urls makes it: a/index.md -> a/
        stem = Path(source).with_suffix("").as_posix()
        if stem == "index" or stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    return sorted(url(source) for source in nav_pages(load_config()["nav"]))


# --- Products: made once per run, shared by every xdist worker -------------------------


def build_real_site(folder: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    return build_site(folder), folder


def build_with_zensical(_folder: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """As `make build-zensical` builds it (Zensical writes inside the repository)."""
    from tools.zensical_build import SITE

    command = [sys.executable, "-m", "tools.zensical_build"]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False), SITE


@dataclass
class Product:
    """A slow build that many tests read. The first worker to start it claims it (a file
    created only if it does not exist yet) and builds it in a thread, writing the outcome
    beside it; every fixture that needs it waits for that outcome."""

    title: str
    make: Callable[[Path], tuple[subprocess.CompletedProcess[str], Path]]

    def start(self, shared: Path, name: str) -> None:
        try:
            os.close(os.open(shared / f"{name}.claimed", os.O_CREAT | os.O_EXCL))
        except FileExistsError:
            return  # this run's build is started already, here or by another worker
        threading.Thread(target=self.build, args=(shared, name), name=name).start()

    def build(self, shared: Path, name: str) -> None:
        outcome = {"returncode": 1, "log": "", "path": ""}
        try:
            result, path = self.make(shared / name)
            outcome = {"returncode": result.returncode, "log": result.stderr, "path": str(path)}
        except Exception:
            outcome["log"] = traceback.format_exc()
        finally:
            written = shared / f"{name}.outcome.tmp"
            written.write_text(json.dumps(outcome), encoding="utf-8")
            written.replace(shared / f"{name}.outcome")  # whole, or not there at all

    def wait(self, shared: Path, name: str, timeout: float = 3600) -> Path:
        self.start(shared, name)
        outcome = shared / f"{name}.outcome"
        deadline = time.monotonic() + timeout
        while not outcome.exists():
            if time.monotonic() > deadline:
                pytest.fail(f"{self.title}: no outcome after {timeout:.0f} s", pytrace=False)
            time.sleep(0.2)
        found = json.loads(outcome.read_text(encoding="utf-8"))
        if found["returncode"] != 0:
            pytest.fail(f"{self.title} failed:\n{found['log'][-4000:]}", pytrace=False)
        return Path(found["path"])


# Fixture name -> the product it gives.
PRODUCTS = {
    "built_site": Product("mkdocs build --strict", build_real_site),
    "zensical_site": Product("make build-zensical", build_with_zensical),
}


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The run's temporary folder, which xdist's workers share (each has its own below)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session", autouse=True)
def start_products(request: pytest.FixtureRequest, tmp_path_factory) -> None:
    """Start building what this run's tests will read, before any of them asks."""
    needed = {name for item in request.session.items for name in getattr(item, "fixturenames", ())}
    for name in PRODUCTS.keys() & needed:
        PRODUCTS[name].start(shared_folder(tmp_path_factory), name)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per test run into a temporary folder."""
    return PRODUCTS["built_site"].wait(shared_folder(tmp_path_factory), "built_site")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build-zensical` builds it, once per test run."""
    return PRODUCTS["zensical_site"].wait(shared_folder(tmp_path_factory), "zensical_site")


def run_order(item: pytest.Item) -> int:
    """0: needs no product and no browser; 1: a browser on planted pages; 2: a product."""
    if PRODUCTS.keys() & set(getattr(item, "fixturenames", ())):
        return 2
    return 1 if item.get_closest_marker("browser") else 0


def site_markdown(**extension_configs: dict):
    """A Markdown converter with the site's extensions and settings, read from mkdocs.yml.

    `extension_configs` overrides an extension's settings by name, e.g.
    `site_markdown(content_markers={"quiz_banks": "tests/banks"})`.
    """
    import markdown

    config = load_config()
    names, configs = [], {}
    for entry in config["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        names.append(name)
        configs[name] = {**(options or {}), **extension_configs.get(name, {})}
    return markdown.Markdown(extensions=names, extension_configs=configs)


# Folders a site needs besides docs/ and mkdocs.yml; small sites link to the real ones.
SITE_SUPPORT = ("hooks", "content_markers", "overrides", "snippets", "includes", "quizzes")


def make_site(
    root: Path, pages: dict[str, str], nav: list | None = None, folders: dict | None = None
) -> Path:
    """Write a small site that uses the real mkdocs.yml, hooks and theme overrides.

    `pages` maps paths under docs/ to their text; `nav` defaults to every page;
    `folders` replaces a support folder, e.g. {"quizzes": a folder of planted banks}.
    Returns the path of its mkdocs.yml.
    """
    import yaml

    config = load_config()
    config["nav"] = nav if nav is not None else [{p: p} for p in pages]
    for name in SITE_SUPPORT:
        target = (folders or {}).get(name, ROOT / name)
        if target.exists():
            (root / name).symlink_to(target, target_is_directory=True)
    for path, text in pages.items():
        page = root / "docs" / path
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(text, encoding="utf-8")
    assets = ROOT / "docs" / "assets"
    if assets.exists():
        (root / "docs" / "assets").symlink_to(assets, target_is_directory=True)
    config_path = root / "mkdocs.yml"
    config_path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return config_path


def page(body: str, description: str = "A test page.") -> str:
    """A page with valid front matter around `body`."""
    return f"---\ndescription: {description}\n---\n\n{body}\n"


@pytest.fixture
def build_small_site(tmp_path: Path):
    """Build a small site (see make_site) in this process; returns the finished build
    (its returncode, and its log as stderr)."""

    def build(
        pages: dict[str, str], nav: list | None = None, folders: dict | None = None
    ) -> subprocess.CompletedProcess[str]:
        config = make_site(tmp_path, pages, nav, folders)
        return build_here(tmp_path / "site", config)

    return build


# --- How many inline Python blocks in docs/ ran (pytest-codeblocks items) -----------
# Each such item says so in its reports (user properties reach xdist's controller too).
PYTHON_BLOCK = ("python_block", True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=run_order)  # stable: within each kind, the order they were collected in
    for item in items:
        if isinstance(item, CodeBlockItem) and item.obj.syntax == "python":
            item.user_properties.append(PYTHON_BLOCK)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    reports = [
        report
        for reports in terminalreporter.stats.values()
        for report in reports
        if PYTHON_BLOCK in getattr(report, "user_properties", ())
    ]
    blocks = {report.nodeid for report in reports}
    if blocks:
        passed = {r.nodeid for r in reports if r.when == "call" and r.passed}
        terminalreporter.write_line(
            f"inline Python blocks in docs/ executed and passed: {len(passed)} of {len(blocks)}"
            " (blocks joined by pytest-codeblocks:cont count once)"
        )
