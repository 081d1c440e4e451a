"""Quizzes end to end: banks render into built pages, and a broken bank fails the build."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

import quizzes
from tests.conftest import ROOT, page

pytestmark = pytest.mark.build

GOOD_BANK = (ROOT / "tests" / "hooks" / "test_quizzes.py").read_text(encoding="utf-8")
GOOD_BANK = re.search(r'GOOD = """\\\n(.*?)"""', GOOD_BANK, re.DOTALL).group(1)

MARKER = "<!-- md:quiz bank -->"
QUIZ_PAGE = page(f"# Quiz\n\nSome text.\n\n{MARKER}\n")
MARKER_LINE = QUIZ_PAGE.splitlines().index(MARKER) + 1


def plant(tmp_path: Path, monkeypatch, banks: dict[str, str]) -> Path:
    """Point the build at a folder holding only `banks` (name -> text)."""
    folder = tmp_path / "banks"
    folder.mkdir()
    for name, text in banks.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    monkeypatch.setenv(quizzes.BANKS_ENV, str(folder))
    return folder


def quiz_blocks(html: str) -> list[str]:
    return re.findall(r'<div class="quiz" data-quiz=.*?</section>\n</div>', html, re.DOTALL)


def test_a_planted_bank_renders_escaped_with_closed_native_solutions(
    build_small_site, tmp_path, monkeypatch
) -> None:
    stem = "Which practice is unique to ML systems?"
    plant(tmp_path, monkeypatch, {"bank": GOOD_BANK.replace(stem, stem + " <script>x()</script>")})
    result = build_small_site({"index.md": QUIZ_PAGE})
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    (block,) = quiz_blocks(html)
    assert "&lt;script&gt;x()&lt;/script&gt;" in block
    assert "<script" not in block and not re.search(r"\son\w+=", block)
    assert block.count("<details ") == block.count('<details class="quiz-solution success">') == 1
    assert 'src="assets/javascripts/quiz.js"' in html


@pytest.mark.parametrize(
    ("banks", "bank_line", "problem"),
    [
        pytest.param(
            {"bank": GOOD_BANK.replace("- [x] Continuous training", "- [ ] Continuous training")},
            "banks/bank.md:3",
            "question 'ct-is-unique': no option is marked correct",
            id="no-correct-option",
        ),
        pytest.param(
            {"bank": GOOD_BANK.replace("Quick check: CT = the ML-only practice.\n", "")},
            "banks/bank.md:3",
            "question 'ct-is-unique': its solution is missing 'Quick check:'",
            id="missing-quick-check",
        ),
        pytest.param(
            {"another": GOOD_BANK, "bank": GOOD_BANK},
            "banks/bank.md:3",
            "question 'ct-is-unique': duplicate id, first used at banks/another.md:3",
            id="duplicate-id-across-banks",
        ),
    ],
)
def test_a_broken_bank_fails_the_build_naming_page_bank_line_and_question(
    build_small_site, tmp_path, monkeypatch, banks, bank_line, problem
) -> None:
    plant(tmp_path, monkeypatch, banks)
    result = build_small_site({"index.md": QUIZ_PAGE})
    assert result.returncode != 0
    assert (
        f"index.md:{MARKER_LINE}: quiz 'bank' failed: QuizError: {bank_line}: {problem}"
        in result.stderr
    )


# --- The real site ----------------------------------------------------------------------

PRACTICE = {
    "practice/interactive/index.html": ("interactive", "warm-up"),
    "practice/challenge/index.html": ("challenge",),
    "practice/review/index.html": ("review",),
}
# Each self-check bank belongs to the page of the same name (self-check-NAME -> NAME/).
LEARN = sorted(
    p.stem.removeprefix("self-check-") for p in (ROOT / "quizzes").glob("self-check-*.md")
)


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


def test_the_site_has_30_multiple_choice_questions_each_with_a_closed_solution(
    built_site: Path,
) -> None:
    html = "".join(p.read_text(encoding="utf-8") for p in built_site.rglob("*.html"))
    choices = html.count('data-quiz-type="choice"')
    assert choices >= 30
    assert html.count('<details class="quiz-solution success">') == choices + html.count(
        'data-quiz-type="blank"'
    )
    assert '<details class="quiz-solution success" open' not in html


def test_quiz_script_and_style_stay_small(built_site: Path) -> None:
    # The quiz rules are one section of site.css, which every page loads anyway.
    assets = built_site / "assets"
    size = sum(
        len(gzip.compress((assets / part).read_bytes()))
        for part in ("javascripts/quiz.js", "stylesheets/site.css")
    )
    assert size < 7_000  # mkdocs-quiz inlines ~54 KB into every quiz page
