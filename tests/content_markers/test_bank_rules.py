"""The rules every real bank in quizzes/ keeps, beyond being well-formed (quizzes/README.md
states each): questions that test reasoning, not cues a reader can answer by without the
topic. Each failure names the bank, the line and what to change."""

from __future__ import annotations

import difflib
import itertools
import re
from collections import Counter
from pathlib import Path

import pytest

from content_markers import quizzes

ROOT = Path(__file__).resolve().parents[2]
REAL = quizzes.load_banks(ROOT / "quizzes")
QUESTIONS = [q for bank in REAL.questions.values() for q in bank]
CHOICES = [q for q in QUESTIONS if q.type == "choice"]
# A keyed option longer than every other by more than this share gives itself away:
# a writer's care for the right answer shows as length, and readers learn to pick it.
STANDS_OUT = 0.1
# And over the site, the correct option is the longest of its question in at most this
# share of the single-answer questions: picked by chance, the longest would be right in
# a quarter of them (when this was written: 8 of 42; it was 14 of 40).
LONGEST_SHARE = 1 / 3
# The correct letters of the single-answer, four-option questions of the whole site:
# each letter's share within this of a quarter. With about 40 such questions, that is
# 10 +- 2 each: loose enough for one more question anywhere, tight enough that a bank
# written with its answers mostly at B and C fails.
LETTER_SPREAD = 0.05
# Within one bank of three or more such questions, no letter holds more than half.
BANK_LETTER_SHARE = 0.5
# Stems are compared as words, lower-cased, every number turned into "#" so that the
# same question with other numbers counts as the same. Two stems are near-duplicates
# at this difflib ratio or above. Measured when this was written: a stem with its
# numbers changed scores 1.0, the same stem reworded in four places 0.82, and the most
# alike pair of different questions in the banks (same topic, another question) 0.33.
SAME_STEM = 0.6
# A stem repeats a page's worked example when this share of its words, in order, is in
# one paragraph of a page. A page's exercise copied with its numbers changed scores
# 1.0; a question that uses the page's words for what the page teaches stayed at 0.64
# at most (an eight-word stem, whose common words any long paragraph holds).
ON_THE_PAGE = 0.7
# An option that declines to conclude, or says that nothing happens or follows: "Nothing
# yet: ...", "None about cost until ...", "Nothing at all: ...".
DECLINES = re.compile(r"(nothing|none)\b", re.IGNORECASE)


def message(question: quizzes.Question, problem: str, line: int | None = None) -> str:
    return f"{question.bank}:{line or question.line}: question '{question.id}': {problem}"


def words(text: str) -> list[str]:
    return re.findall(r"[a-z#_]+", re.sub(r"\d[\d,.]*", " # ", text.lower()))


@pytest.fixture(scope="module", autouse=True)
def well_formed() -> None:
    if REAL.errors:
        pytest.skip("a bank is broken: see test_every_real_bank_is_well_formed")


def test_every_real_bank_is_well_formed() -> None:
    assert {name: str(error) for name, error in REAL.errors.items()} == {}


# --- No cue in the options -------------------------------------------------------------


def test_no_correct_option_stands_out_by_its_length() -> None:
    found = []
    for question in CHOICES:
        longest_wrong = max(len(o.text) for o in question.options if not o.correct)
        found += [
            message(
                question,
                f"the correct option {o.letter} has {len(o.text)} characters, the longest "
                f"wrong one {longest_wrong}: move its detail into the solution, or give a "
                "wrong option as much",
                o.line,
            )
            for o in question.options
            if o.correct and len(o.text) > (1 + STANDS_OUT) * longest_wrong
        ]
    assert not found, "\n".join(found)


def test_the_longest_option_is_rarely_the_answer() -> None:
    singles = [q for q in CHOICES if not q.multiple]
    longest = [
        f"{q.where} '{q.id}'"
        for q in singles
        if all(
            len(o.text) < len(q.options[ord(q.correct) - 65].text)
            for o in q.options
            if not o.correct
        )
    ]
    assert len(longest) <= LONGEST_SHARE * len(singles), (
        f"the correct option is the longest in {len(longest)} of {len(singles)} "
        f"single-answer questions, more than {LONGEST_SHARE:.0%}: readers who pick the "
        f"longest would score; give a wrong option more words in some of {longest}"
    )


def single_four() -> list[quizzes.Question]:
    return [q for q in CHOICES if not q.multiple and len(q.options) == 4]


def test_correct_letters_spread_evenly_over_the_site() -> None:
    keys = Counter(q.correct for q in single_four())
    total = sum(keys.values())
    shares = {letter: keys[letter] / total for letter in "ABCD"}
    uneven = {
        letter: f"{keys[letter]} of {total}"
        for letter, share in shares.items()
        if abs(share - 0.25) > LETTER_SPREAD
    }
    assert not uneven, (
        f"correct letters of the {total} single-answer, four-option questions: "
        f"{dict(sorted(keys.items()))}; each should hold a quarter, within "
        f"{LETTER_SPREAD:.0%} of them; too many or too few at {uneven}: when you write a "
        "question, put its answer where the site has fewest"
    )


def test_no_bank_keeps_most_of_its_answers_at_one_letter() -> None:
    found = []
    for name, bank in REAL.questions.items():
        keyed = [q for q in bank if q in single_four()]
        letter, count = Counter(q.correct for q in keyed).most_common(1)[0] if keyed else ("", 0)
        if len(keyed) >= 3 and count > BANK_LETTER_SHARE * len(keyed):
            found.append(f"quizzes/{name}.md: {count} of {len(keyed)} answers are {letter}")
    assert not found, "\n".join(found)


def test_the_option_that_declines_to_conclude_is_rarely_the_answer() -> None:
    """ "Nothing yet", "None until...": when such an option is often the key, a reader
    who cannot answer learns to pick it. Across the site it is right no more often
    than a quarter of the time, as any option of four would be by chance."""
    declining = [
        (question, option)
        for question in CHOICES
        for option in question.options
        if DECLINES.match(option.text)
    ]
    keyed = [f"{q.where} '{q.id}'" for q, option in declining if option.correct]
    assert len(keyed) <= len(declining) / 4, (
        f"{len(keyed)} of the {len(declining)} options that say nothing or none follows "
        f"are correct: {keyed}; ask for the conclusion the facts do support, and let "
        "'nothing yet' be a reader's mistake as often as an answer"
    )


def test_every_wrong_option_is_a_mistake_named_in_common_mistakes() -> None:
    found = [
        message(
            question,
            f"no common mistake explains option {letter}: say why a learner picks it, "
            f"as '- Option {letter}: ...', or replace it with a mistake learners make",
        )
        for question in CHOICES
        for letter in sorted(
            {o.letter for o in question.options if not o.correct} - question.mistake_options
        )
    ]
    assert not found, "\n".join(found)


# --- No give-away ------------------------------------------------------------------------


def test_no_stem_contains_its_answer() -> None:
    def plain(text: str) -> str:  # numbers kept: here "15" must not match "12"
        return " " + " ".join(re.findall(r"[a-z0-9_]+", text.lower())) + " "

    found = []
    for question in CHOICES:
        found += [
            message(question, f"the stem contains the whole of its correct option {o.letter}")
            for o in question.options
            if o.correct and plain(o.text) in plain(question.stem)
        ]
    for task in (q for q in QUESTIONS if q.type == "blank"):
        stem = quizzes.BLANK.sub(" ", task.stem).lower()
        found += [
            message(task, f"its sentence contains the answer '{answer}'", task.stem_line)
            for answer in task.answers
            if re.search(rf"\b{re.escape(answer.lower())}\b", stem)
        ]
    assert not found, "\n".join(found)


def test_no_hint_gives_the_answer() -> None:
    found = [
        message(task, f"its hint contains the answer '{answer}'", task.field_lines["hint"])
        for task in QUESTIONS
        if task.type == "blank"
        for answer in task.answers
        if re.search(rf"\b{re.escape(answer.lower())}\b", task.fields["hint"].lower())
    ]
    assert not found, "\n".join(found)


def glossary_terms() -> dict[str, str]:
    """Each name the glossary defines (lower-case) -> its entry's term. A term's
    abbreviation or other name in brackets, "Evaluation gate (model validation)", names
    the same entry."""
    text = (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    names = {}
    # Each term is a `### Term` heading (the page's opening comment says so).
    for term in re.findall(r"^### (.+)$", text, flags=re.MULTILINE):
        term = re.sub(r"\s*\{[^}]*\}\s*$", "", term).strip().lower()
        names[re.sub(r"\s*\([^)]*\)", "", term)] = term
        names.update((other, term) for other in re.findall(r"\(([^)]*)\)", term))
    return names


def test_a_fill_in_accepts_one_glossary_term_at_most() -> None:
    """The site's own terms key its fill-ins: an answer list that accepts two terms the
    glossary defines apart (data drift and concept drift) marks a learner right for
    the mistake the glossary warns of."""
    terms = glossary_terms()
    assert len(terms) > 20, "the glossary's terms were not found: has its markup changed?"
    found = []
    for task in (q for q in QUESTIONS if q.type == "blank"):
        accepted = sorted({terms[a.lower()] for a in task.answers if a.lower() in terms})
        if len(accepted) > 1:
            found.append(
                message(
                    task,
                    f"its answers accept glossary terms {accepted}, which the glossary "
                    "defines apart: keep the one the sentence describes",
                    task.field_lines["answer"],
                )
            )
    assert not found, "\n".join(found)


# --- No repeats ----------------------------------------------------------------------------


def test_no_two_questions_share_a_stem() -> None:
    found = []
    for first, second in itertools.combinations(QUESTIONS, 2):
        ratio = difflib.SequenceMatcher(
            None, words(first.stem), words(second.stem), autojunk=False
        ).ratio()
        if ratio >= SAME_STEM:
            found.append(
                message(second, f"its stem is {ratio:.0%} that of {first.where} '{first.id}'")
            )
    assert not found, "\n".join(found)


def page_paragraphs() -> list[tuple[str, list[str]]]:
    """(page:line, words) for each paragraph, list or code block of every page."""
    found = []
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        start = 0
        for block in re.split(r"\n\s*\n", text):
            start = text.index(block, start)
            line = text.count("\n", 0, start) + 1
            found.append((f"{page.relative_to(ROOT)}:{line}", words(block)))
            start += len(block)
    return [(where, block) for where, block in found if len(block) >= 8]


def test_no_question_repeats_a_pages_worked_example() -> None:
    """Fill-in tasks recall a page's sentence by design; the others must ask anew."""
    paragraphs = [(where, block, Counter(block)) for where, block in page_paragraphs()]
    found = []
    for question in (q for q in QUESTIONS if q.type != "blank"):
        stem = words(question.stem)
        stem_words = Counter(stem)
        for where, paragraph, paragraph_words in paragraphs:
            # The words both share bound the matching blocks from above: most paragraphs
            # are ruled out without running the (slow) matcher.
            if (stem_words & paragraph_words).total() < ON_THE_PAGE * len(stem):
                continue
            matcher = difflib.SequenceMatcher(None, stem, paragraph, autojunk=False)
            share = sum(block.size for block in matcher.get_matching_blocks()) / len(stem)
            if share >= ON_THE_PAGE:
                found.append(message(question, f"{share:.0%} of its stem is in {where}"))
    assert not found, "\n".join(found)


# --- What each page's banks hold ------------------------------------------------------------


def test_each_self_check_bank_holds_two_to_four_questions() -> None:
    sizes = {
        name: len(bank) for name, bank in REAL.questions.items() if name.startswith("self-check-")
    }
    assert sizes and all(2 <= size <= 4 for size in sizes.values()), sizes


def test_the_review_keeps_the_seed_questions_answers_in_order() -> None:
    assert [q.correct for q in REAL.questions["review"]] == ["B", "A", "D", "C", "A"]
    shared_goals = REAL.questions["review"][2]
    assert "only statements 1 and 3" in shared_goals.options[3].text.lower()


def test_the_challenge_holds_twelve_items_four_of_them_scenarios_of_every_kind() -> None:
    challenge = REAL.questions["challenge"]
    assert len(challenge) >= 12
    assert sum(q.type == "scenario" for q in challenge) >= 4
    assert {q.fields.get("kind") for q in challenge} == set(quizzes.CHALLENGE_KINDS)
    assert all(q.minutes for q in challenge), "every item states its time"


def test_the_interactive_sets_say_how_long_they_take() -> None:
    """The practice page promises it; a set says so when every question has a time."""
    for name in ("interactive", "warm-up"):
        untimed = [q.where for q in REAL.questions[name] if not q.minutes]
        assert not untimed, f"quizzes/{name}.md: no 'time:' at {untimed}"
    assert sum(q.type == "blank" for q in REAL.questions["interactive"]) >= 5


def test_the_banks_hold_thirty_choice_questions_at_three_levels() -> None:
    assert len(CHOICES) >= 30
    assert {q.fields["difficulty"] for q in CHOICES} == set(quizzes.DIFFICULTIES)
