"""Fixtures shared by the tests: the site's Markdown converter, and one strict build of
the real site per run."""

from __future__ import annotations

import os
import re
import subprocess
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


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per test session into a temporary folder."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}", pytrace=False)
    return site_dir


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
PYTHON_BLOCKS = pytest.StashKey[set[str]]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[PYTHON_BLOCKS] = {
        item.nodeid
        for item in items
        if isinstance(item, CodeBlockItem) and item.obj.syntax == "python"
    }


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    blocks = config.stash.get(PYTHON_BLOCKS, set())
    if blocks:
        passed = sum(r.nodeid in blocks for r in terminalreporter.stats.get("passed", []))
        terminalreporter.write_line(
            f"inline Python blocks in docs/ executed and passed: {passed} of {len(blocks)}"
            " (blocks joined by pytest-codeblocks:cont count once)"
        )
