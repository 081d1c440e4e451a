"""The search index (search/search_index.json, fetched on every visit's first page) holds
what the pages teach: each glossary term on its own, and no interface text, solution or
computed table (content_markers/search_exclusions.py, mkdocs.yml)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tools.sizes import SEARCH_INDEX

pytestmark = pytest.mark.build

# Words that only the site's controls and worked answers say.
INTERFACE_AND_ANSWERS = (
    "Output of your run",  # the runner's result heading
    "RunReset",  # its buttons, run together
    "Reset progress",
    "Save my score",  # a scenario's button (the pages' prose names "Check answer")
    "Select every correct option",
    "Common mistakes",  # every quiz solution
    "The block prints",  # every exercise solution
    "This chart is drawn by JavaScript",  # the note for readers without JavaScript
)


@pytest.fixture(scope="module")
def index(built_site: Path) -> list[dict]:
    return json.loads((built_site / SEARCH_INDEX).read_text(encoding="utf-8"))["docs"]


def test_no_interface_text_or_worked_answer_is_in_the_index(index: list[dict]) -> None:
    found = [
        f"{entry['location']}: {words!r}"
        for entry in index
        for words in INTERFACE_AND_ANSWERS
        if words in entry["text"] or words in entry["title"]
    ]
    assert not found, found


def test_each_glossary_term_is_an_entry_of_its_own_and_letters_are_none(
    built_site: Path, index: list[dict]
) -> None:
    html = BeautifulSoup((built_site / "glossary" / "index.html").read_text("utf-8"), "html.parser")
    terms = [h3["id"] for h3 in html.select("article h3[id]")]
    entries = [
        e["location"].removeprefix("glossary/#")
        for e in index
        if e["location"].startswith("glossary/#")
    ]
    assert len(terms) >= 60 and entries == terms


def test_no_computed_table_is_in_the_index(built_site: Path, index: list[dict]) -> None:
    """A table the build computed (<!-- md:table -->) is data: its rows are not in it."""
    text = " ".join(entry["text"] for entry in index)
    rows = []
    for page in built_site.rglob("index.html"):
        html = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for table in html.select("article [data-search-exclude] table"):
            row = table.select_one("tbody tr")
            rows.append(" ".join(cell.get_text(" ", strip=True) for cell in row.select("td")))
    assert len(rows) >= 10
    found = [row for row in rows if re.search(re.escape(row), text)]
    assert not found, found
