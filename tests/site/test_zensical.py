"""The Zensical build (`make build-zensical`) against the published MkDocs build: the same
pages, and on each the same tables, charts and quiz questions; each gap in the open.

Zensical renders the markers through the same Markdown extension; what it cannot run
(MkDocs hooks and plugins) is listed in tools/zensical_build.py GAPS and must show.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from snippets.tables import TABLES
from tests.conftest import ROOT, page
from tests.site.test_search_index import INTERFACE_AND_ANSWERS
from tools.site import load_config
from tools.zensical_build import GAPS, GAPS_PAGE, BuildError, check_pages

pytestmark = pytest.mark.build

GAPS_URL = GAPS_PAGE.removesuffix(".md") + "/index.html"


def pages(site: Path) -> set[str]:
    return {str(path.relative_to(site)) for path in site.rglob("*.html")}


def notebook_pages() -> set[str]:
    config = load_config()
    plugin = next(p for p in config["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    found = set()
    for pattern in plugin["mkdocs-jupyter"]["include"]:
        for notebook in (ROOT / "docs").glob(pattern):
            found.add(str(notebook.relative_to(ROOT / "docs").with_suffix("") / "index.html"))
    return found


def content(html: str) -> dict[str, list]:
    """The computed content of a page: its tables, charts and quiz questions, as text."""
    article = BeautifulSoup(html, "html.parser").find("article") or BeautifulSoup("", "html.parser")
    return {
        "tables": [
            [
                [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
                for row in table.find_all("tr")
            ]
            for table in article.find_all("table")
        ],
        "charts": [
            (chart["id"], chart.find(class_="chart__figure").get_text())
            for chart in article.find_all("figure", class_="chart")
        ],
        "questions": [
            (question["data-quiz-id"], question.get_text(" ", strip=True))
            for question in article.find_all("section", attrs={"data-quiz-id": True})
        ],
    }


def test_both_builds_have_the_same_pages_and_zensical_one_more_listing_its_gaps(
    built_site: Path, zensical_site: Path
) -> None:
    assert pages(zensical_site) == pages(built_site) | {GAPS_URL}


def test_each_page_has_the_same_tables_charts_and_quiz_questions(
    built_site: Path, zensical_site: Path
) -> None:
    totals = {"tables": 0, "charts": 0, "questions": 0}
    for path in sorted(pages(built_site) - notebook_pages()):
        mkdocs = content((built_site / path).read_text(encoding="utf-8"))
        zensical = content((zensical_site / path).read_text(encoding="utf-8"))
        assert zensical == mkdocs, path
        for kind in totals:
            totals[kind] += len(mkdocs[kind])
    written = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").rglob("*.md"))
    assert totals["charts"] == written.count("<!-- md:chart ") > 0
    assert totals["tables"] > written.count("<!-- md:table ") > 0
    assert totals["questions"] > 0


def test_its_search_index_keeps_out_what_the_published_one_keeps_out(
    built_site: Path, zensical_site: Path
) -> None:
    """Zensical reads the separator and skips `data-search-exclude` as Material does: the
    same sections, so no interface text or worked answer (tests/site/test_search_index.py)."""
    published = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    zensical = json.loads((zensical_site / "search.json").read_text("utf-8"))
    assert zensical["config"]["separator"] == published["config"]["separator"]
    notebooks = tuple(path.removesuffix("index.html") for path in notebook_pages())
    sections = {e["location"] for e in published["docs"] if not e["location"].startswith(notebooks)}
    assert sections <= {item["location"] for item in zensical["items"]}
    text = " ".join(item["title"] + " " + item["text"] for item in zensical["items"])
    left_in = [words for words in INTERFACE_AND_ANSWERS if words in text]
    assert not left_in, left_in


def test_the_lab_is_a_page_saying_what_is_missing_and_where_to_read_it(
    zensical_site: Path,
) -> None:
    # The runnable examples' modules (assets/python/) are served as .py on purpose.
    raw = [
        p
        for p in zensical_site.rglob("*.py")
        if "python" not in p.relative_to(zensical_site).parts[:2]
    ]
    assert not raw, f"a notebook was published as a raw file: {raw}"
    config = load_config()
    for path in notebook_pages():
        html = (zensical_site / path).read_text(encoding="utf-8")
        assert "Not in this build" in html, path
        assert f'href="{config["site_url"]}{path.removesuffix("index.html")}"' in html, path
        assert "make lab" in html


def test_the_gaps_page_and_contributing_list_every_gap(zensical_site: Path) -> None:
    html = (zensical_site / GAPS_URL).read_text(encoding="utf-8")
    rows = BeautifulSoup(html, "html.parser").find("article").find("table").find_all("tr")[1:]
    assert [row.find("td").get_text() for row in rows] == [gap.what for gap in GAPS]
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for gap in GAPS:
        assert re.search(rf"^\| {re.escape(gap.what)} \|", contributing, re.MULTILINE), gap.what


# --- What this build checks first, because Zensical would not ---------------------------


def test_a_page_without_a_description_fails_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "index.md").write_text(page("# Home"), encoding="utf-8")
    (tmp_path / "bad.md").write_text("# No front matter\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"^bad\.md:1: front matter has no 'description'"):
        check_pages(tmp_path, ["index.md", "bad.md"])


def test_a_page_left_out_of_nav_fails_naming_the_file(tmp_path: Path) -> None:
    for name in ("index.md", "left-out.md"):
        (tmp_path / name).write_text(page("# A page"), encoding="utf-8")
    check_pages(tmp_path, [{"Home": "index.md"}, {"Left out": "left-out.md"}])
    with pytest.raises(BuildError, match=r"^left-out\.md:1: the page is not in nav"):
        check_pages(tmp_path, [{"Home": "index.md"}])


# --- A marker mistake fails the Zensical build too ---------------------------------------


def zensical_build_of(tmp_path: Path, body: str) -> subprocess.CompletedProcess[str]:
    """A one-page site with the real Markdown extensions, built by Zensical."""
    config = load_config()
    small = {
        "site_name": "Test",
        "markdown_extensions": config["markdown_extensions"],
        "nav": [{"Home": "index.md"}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(small), encoding="utf-8")
    for folder in ("snippets", "includes", "quizzes"):
        (tmp_path / folder).symlink_to(ROOT / folder, target_is_directory=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "index.md").write_text(page(body), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "zensical", "build", "--clean", "--strict"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("marker", "problem"),
    [
        (
            "<!-- md:table no_such_table -->",
            f"unknown table 'no_such_table' (the tables are {', '.join(sorted(TABLES))})",
        ),
        (
            "<!--md:quiz review-->",
            "'<!--md:quiz review-->' is not a marker as written: "
            "write it exactly as '<!-- md:quiz review -->', on a line of its own",
        ),
    ],
)
def test_a_marker_mistake_fails_the_zensical_build_naming_page_line_and_marker(
    tmp_path: Path, marker: str, problem: str
) -> None:
    body = f"# Home\n\nText.\n\n{marker}"
    result = zensical_build_of(tmp_path, body)
    assert result.returncode != 0
    line = body.splitlines().index(marker) + 1  # Zensical counts after the front matter
    assert f"MarkerError: index.md, line {line} after the front matter: {problem}" in (
        result.stderr
    ), result.stderr[-2000:]
