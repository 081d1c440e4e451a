"""docs/glossary.md keeps the form its opening comment describes: each term a heading of
its own (its own search result, a link that lands on it), under its first letter's
heading, in alphabetical order, with an A-Z index of the letters; read from the Markdown,
so a contributor's slip names the line."""

from __future__ import annotations

import itertools
import re
import unicodedata
from pathlib import Path

import pytest

GLOSSARY = Path(__file__).resolve().parent.parent / "docs" / "glossary.md"
LETTER = re.compile(r"^## (?P<letter>[A-Z]) \{ data-search-exclude \}$")
TERM = re.compile(r"^### (?P<term>.+?)(?: \{ #[a-z0-9-]+ \})?$")
INDEX = re.compile(r"\[(?P<letter>[A-Z])\]\(#(?P<anchor>[a-z])\)")


def sort_key(term: str) -> str:
    """Alphabetical as a reader reads it: R² as R2, capitals as small letters."""
    return unicodedata.normalize("NFKC", term).casefold()


def read(text: str) -> tuple[list[str], list[tuple[int, str, str]], list[str]]:
    """(index letters, [(line, letter, term)], problems) of a glossary's Markdown."""
    lines = text.splitlines()
    index_line = next((line for line in lines if line.startswith("[A](#a)")), "")
    index = [m["letter"] for m in INDEX.finditer(index_line)]
    terms, problems, letter = [], [], None
    for number, line in enumerate(lines, start=1):
        if line.startswith(":   "):
            problems.append(
                f"glossary.md:{number}: a definition list: write the term as a ### heading"
            )
        elif line.startswith("## "):
            match = LETTER.match(line)
            if not match:
                problems.append(
                    f"glossary.md:{number}: a letter heading is '## X {{ data-search-exclude }}'"
                )
            letter = match["letter"] if match else None
        elif line.startswith("### "):
            term = TERM.match(line)["term"]
            if letter is None or sort_key(term)[0] != letter.casefold():
                problems.append(f"glossary.md:{number}: '{term}' is not under its letter's heading")
            terms.append((number, letter, term))
    return index, terms, problems


def check(text: str) -> list[str]:
    index, terms, problems = read(text)
    letters = list(dict.fromkeys(letter for _, letter, _ in terms if letter))
    if index != letters:
        problems.append(
            f"glossary.md: the A-Z index links {index}, the letters with terms are {letters}"
        )
    for (_, _, before), (number, _, term) in itertools.pairwise(terms):
        if sort_key(term) < sort_key(before):
            problems.append(
                f"glossary.md:{number}: '{term}' comes after '{before}': keep the terms in order"
            )
    return problems


def test_the_glossary_keeps_its_form() -> None:
    index, terms, _ = read(GLOSSARY.read_text(encoding="utf-8"))
    assert len(terms) >= 60 and len(index) >= 15
    assert check(GLOSSARY.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    ("mistake", "message"),
    [
        (
            "### Zebra test\n\nA term under B.\n",
            "glossary.md:15: 'Zebra test' is not under its letter's heading",
        ),
        (
            "### Artifact\n\nOut of order.\n",
            "glossary.md:15: 'Artifact' comes after 'Big-O notation'",
        ),
        ("Canary\n:   A definition list.\n", "glossary.md:16: a definition list"),
    ],
)
def test_a_slip_is_named_with_its_line(mistake: str, message: str) -> None:
    text = """# Glossary

[A](#a) [B](#b)

## A { data-search-exclude }

### A/B test

Two versions.

## B { data-search-exclude }

### Big-O notation

"""
    assert check(text) == []
    assert any(problem.startswith(message) for problem in check(text + mistake)), check(
        text + mistake
    )


def test_a_new_letter_needs_its_link_in_the_index() -> None:
    text = (
        "[A](#a)\n\n## A { data-search-exclude }\n\n### Ab\n\n"
        "## C { data-search-exclude }\n\n### Cd\n"
    )
    assert check(text) == [
        "glossary.md: the A-Z index links ['A'], the letters with terms are ['A', 'C']"
    ]
