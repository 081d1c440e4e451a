"""A contributor's mistake fails the strict build with the page's file in the message
(and, for notebook pages, whose links MkDocs does not check, the built-site link check
below names it). Marker mistakes: tests/content_markers/ and tests/hooks/test_marker_errors.py."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import page

pytestmark = pytest.mark.build

GOOD = page("# Good\n\n## Section\n\nText.")


def test_a_small_clean_site_builds(build_small_site) -> None:
    result = build_small_site(
        {"index.md": GOOD, "other.md": page("# Other\n\n[back](index.md#section)")}
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("pages", "nav", "expected"),
    [
        pytest.param(
            {"index.md": GOOD, "bad.md": page("# Bad\n\n[gone](missing.md)")},
            None,
            "bad.md",
            id="broken-link",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": page("# Bad\n\n[gone](index.md#no-such-heading)")},
            None,
            "bad.md",
            id="missing-anchor",
        ),
        pytest.param(
            {"index.md": GOOD, "left-out.md": page("# Left out")},
            [{"Home": "index.md"}],
            "left-out.md",
            id="page-not-in-nav",
        ),
        pytest.param(
            {
                "index.md": GOOD,
                "bad.md": page('# Bad\n\n```python\n--8<-- "snippets/no_such_file.py"\n```'),
            },
            None,
            "bad.md",
            id="missing-snippet-file",
        ),
        pytest.param(
            {
                "index.md": GOOD,
                "bad.md": page(
                    '# Bad\n\n```python\n--8<-- "snippets/growth.py:no_such_section"\n```'
                ),
            },
            None,
            "bad.md",
            id="missing-snippet-section",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": "---\ndescription: [unclosed\n---\n\n# Bad\n"},
            None,
            "bad.md:2: invalid front matter",
            id="invalid-front-matter",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": "# No front matter\n"},
            None,
            "bad.md:1: front matter has no 'description'",
            id="no-description",
        ),
    ],
)
def test_mistake_fails_the_build_naming_the_file(build_small_site, pages, nav, expected) -> None:
    result = build_small_site(pages, nav)
    assert result.returncode != 0, f"build passed but should fail:\n{result.stderr}"
    assert expected in result.stderr, result.stderr


# --- Notebook pages --------------------------------------------------------------------

NOTEBOOK = (
    "# ---\n"
    '# description: "A lab."\n'
    "# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n"
    "#     language: python\n#     name: python3\n"
    "# ---\n\n"
    "# %% [markdown]\n# # Lab\n#\n# {prose}\n\n"
    "# %%\nprint(6 * 7)\n"
)


def test_a_notebook_without_a_description_fails_the_build(build_small_site) -> None:
    headerless = NOTEBOOK.format(prose="Text.").replace('# description: "A lab."\n', "")
    result = build_small_site({"index.md": GOOD, "lab/nb.py": headerless})
    assert result.returncode != 0, result.stderr
    assert "lab/nb.py:1: front matter has no 'description'" in result.stderr, result.stderr


# MkDocs checks links while it converts Markdown; a notebook page arrives as HTML from
# mkdocs-jupyter, so its links are not checked. This check reads every built page's
# links instead, and names the page's source file (from its "edit this page" link).
NOT_MARKUP = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<pre\b.*?</pre\s*>",
    re.IGNORECASE | re.DOTALL,
)
LINK = re.compile(r"""<a\b[^>]*?\shref\s*=\s*["']([^"']*)["']""", re.IGNORECASE)
ANCHOR_ID = re.compile(r"""\s(?:id|name)\s*=\s*["']([^"']+)["']""")
EDIT_SOURCE = re.compile(r"""href=["'][^"']*/edit/[^"']*?/docs/([^"']+)["']""")


def broken_internal_links(site_dir: Path) -> tuple[list[str], int]:
    """("source: href (why)" for each internal link with no target file or anchor, count)."""
    site_dir = site_dir.resolve()
    anchors: dict[Path, set[str]] = {}
    broken, checked = [], 0
    for built in sorted(site_dir.rglob("*.html")):
        raw = built.read_text(encoding="utf-8")
        source = EDIT_SOURCE.search(raw)
        name = source.group(1) if source else str(built.relative_to(site_dir))
        for href in LINK.findall(NOT_MARKUP.sub("", raw)):
            url = urlsplit(href)
            if url.scheme or url.netloc:
                continue
            checked += 1
            path = unquote(url.path)
            base = site_dir if path.startswith("/") else built.parent
            target = (base / path.lstrip("/")).resolve() if path else built
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append(f"{name}: {href} (no such page)")
            elif url.fragment and target.suffix == ".html":
                if target not in anchors:
                    anchors[target] = set(ANCHOR_ID.findall(target.read_text(encoding="utf-8")))
                if unquote(url.fragment) not in anchors[target]:
                    broken.append(f"{name}: {href} (no such anchor)")
    return broken, checked


def test_every_internal_link_in_the_built_site_resolves(built_site: Path) -> None:
    broken, checked = broken_internal_links(built_site)
    assert checked > 100, "too few links seen: is the scan reading the pages?"
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_a_broken_link_in_a_notebook_is_named_with_its_source(build_small_site, tmp_path) -> None:
    # A notebook's links are not rewritten either: "page.md" stays "page.md" and 404s.
    prose = (
        "[gone](../../missing/), [source name](../../index.md), "
        "[no anchor](../../#no-such-heading), [fine](../../#section)"
    )
    result = build_small_site({"index.md": GOOD, "lab/nb.py": NOTEBOOK.format(prose=prose)})
    assert result.returncode == 0, "MkDocs now checks notebook links itself: drop this check"
    broken, _ = broken_internal_links(tmp_path / "site")
    assert broken == [
        "lab/nb.py: ../../missing/ (no such page)",
        "lab/nb.py: ../../index.md (no such page)",
        "lab/nb.py: ../../#no-such-heading (no such anchor)",
    ]
