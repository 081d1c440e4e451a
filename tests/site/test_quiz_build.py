"""Quizzes in the built site: every page shows its banks, with closed solutions.

How a bank renders and fails is tested as Markdown -> HTML in
tests/content_markers/; how a build names the page, in tests/hooks/test_marker_errors.py.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from content_markers import quizzes
from content_markers.quizzes import load_banks
from tests.conftest import ROOT

pytestmark = pytest.mark.build

PRACTICE = {
    "practice/interactive/index.html": ("interactive", "warm-up"),
    "practice/challenge/index.html": ("challenge",),
    "practice/review/index.html": ("review",),
}
# Each self-check bank belongs to the page of the same name (self-check-NAME -> NAME/).
LEARN = sorted(
    p.stem.removeprefix("self-check-") for p in (ROOT / "quizzes").glob("self-check-*.md")
)


def quiz_blocks(html: str) -> list[str]:
    return re.findall(r'<div class="quiz" data-quiz=.*?</section>\n</div>', html, re.DOTALL)


def test_every_practice_page_shows_its_banks(built_site: Path) -> None:
    for path, names in PRACTICE.items():
        html = (built_site / path).read_text(encoding="utf-8")
        assert [re.search(r'data-quiz="([^"]+)"', b).group(1) for b in quiz_blocks(html)] == list(
            names
        )


def test_every_learn_page_ends_with_its_self_check(built_site: Path) -> None:
    for name in LEARN:
        html = (built_site / name / "index.html").read_text(encoding="utf-8")
        assert f'data-quiz="self-check-{name}"' in html, name


def test_every_question_of_every_bank_is_on_the_site_with_a_closed_solution(
    built_site: Path,
) -> None:
    banks = load_banks(ROOT / "quizzes")
    html = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    for question in (q for bank in banks.questions.values() for q in bank):
        assert html.count(f'data-quiz-id="{question.id}"') == 1, question.where
    questions = sum(html.count(f'data-quiz-type="{kind}"') for kind in quizzes.TYPES)
    # (the search index's mark may follow the class: content_markers/search_exclusions.py)
    assert html.count('<details class="quiz-solution success"') == questions
    assert '<details class="quiz-solution success" open' not in html


def test_quiz_script_and_style_stay_small(built_site: Path) -> None:
    # The quiz rules are one section of site.css ("---- Quizzes" up to the next section),
    # which every page loads anyway.
    assets = built_site / "assets"
    css = (assets / "stylesheets" / "site.css").read_text(encoding="utf-8")
    start = css.index("/* ---- Quizzes")
    rules = css[start : css.index("/* ----", start + 1)]
    size = len(gzip.compress((assets / "javascripts" / "quiz.js").read_bytes()))
    size += len(gzip.compress(rules.encode()))
    # 4,015 bytes with progress marks, partial-answer feedback and scored tasks; mkdocs-quiz
    # inlines ~54 KB into every quiz page.
    assert size < 4_500


def test_each_set_on_the_interactive_page_says_how_long_it_takes(built_site: Path) -> None:
    """The page promises it ("each set says how long it takes")."""
    html = (built_site / "practice/interactive/index.html").read_text(encoding="utf-8")
    assert re.search(r"each set\s+says\s+how\s+long\s+it\s+takes", html)
    summaries = re.findall(r'<p class="quiz-summary"[^>]*>([^<]*)</p>', html)
    assert len(summaries) == 2, summaries
    for summary in summaries:
        assert re.fullmatch(r"\d+ (tasks|questions), about \d+ minutes in all\.", summary), summary
