"""content_markers/quizzes.py: banks parse, render escaped HTML, and fail naming the line.

The whole HTML of each kind of question is held in test_quiz_html.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from content_markers import quizzes
from content_markers.quiz_html import render_bank
from tests.content_markers.sample_bank import GOOD

ROOT = Path(__file__).resolve().parents[2]


BLANK = """\
## blank-ct

type: blank
difficulty: easy
answer: training | CT
hint: It is the T in CT.

Retraining on triggers is called continuous ___.
"""


def error_of(text: str) -> str:
    with pytest.raises(quizzes.QuizError) as caught:
        quizzes.parse_bank(text, "quizzes/bank.md")
    return str(caught.value)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def test_a_good_question_parses_into_its_parts() -> None:
    (question,) = quizzes.parse_bank(GOOD, "quizzes/bank.md")
    assert question.id == "ct-is-unique"
    assert question.line == line_of(GOOD, "## ct-is-unique")
    assert [o.letter for o in question.options if o.correct] == ["B"]
    assert question.steps == [
        "CI and CD come from DevOps.",
        "Retraining on triggers is what ML adds.",
    ]
    assert question.parts["Quick check"] == "CT = the ML-only practice."
    assert question.mistakes == ["Picking CI because ML pipelines run it too."]


def test_a_multi_select_question_names_every_answer_in_its_final_answer() -> None:
    text = GOOD.replace("difficulty: easy", "difficulty: hard\nselect: multiple").replace(
        "- [ ] Continuous integration", "- [x] Continuous integration"
    )
    assert "names B but the options marked correct are A, B" in error_of(text)
    fixed = text.replace("-> Option B", "-> Options A and B")
    (question,) = quizzes.parse_bank(fixed, "quizzes/bank.md")
    assert question.multiple and [o.letter for o in question.options if o.correct] == ["A", "B"]


@pytest.mark.parametrize(
    ("change", "needle", "problem"),
    [
        pytest.param(
            ("- [x] Continuous training", "- [ ] Continuous training"),
            "- [ ] Continuous integration",
            "no option is marked correct",
            id="no-correct-option",
        ),
        pytest.param(
            ("- [ ] Continuous delivery", "- [x] Continuous delivery"),
            "- [x] Continuous delivery",
            "options B, C are all marked correct in a single-choice question",
            id="two-correct-in-single-choice",
        ),
        pytest.param(
            ("difficulty: easy", "difficulty: trivial"),
            "difficulty: trivial",
            "difficulty 'trivial' is not one of easy, medium, hard",
            id="unknown-difficulty",
        ),
        pytest.param(
            ("difficulty: easy\n", ""),
            "## ct-is-unique",
            "difficulty 'none'",
            id="no-difficulty",
        ),
        pytest.param(
            ("difficulty: easy\n", "difficulty: easy\ntime: four minutes\n"),
            "time: four minutes",
            "time 'four minutes' is not a number of minutes like '4 min'",
            id="time-not-in-minutes",
        ),
        pytest.param(
            ("Step 2: Retraining on triggers is what ML adds.\n", ""),
            "### Solution",
            "its solution is missing steps (at least 'Step 1:' and 'Step 2:')",
            id="missing-steps",
        ),
        pytest.param(
            ("Final answer: Continuous training -> Option B\n", ""),
            "### Solution",
            "its solution is missing 'Final answer:'",
            id="missing-final-answer",
        ),
        pytest.param(
            ("Quick check: CT = the ML-only practice.\n", ""),
            "### Solution",
            "its solution is missing 'Quick check:'",
            id="missing-quick-check",
        ),
        pytest.param(
            ("- Picking CI because ML pipelines run it too.\n", ""),
            "### Solution",
            "its solution is missing 'Common mistakes:' with a '- ' list",
            id="missing-common-mistakes",
        ),
        pytest.param(
            ("### Solution", "### Answer"),
            "## ct-is-unique",
            "has no '### Solution' section",
            id="missing-solution",
        ),
        pytest.param(
            ("-> Option B", "-> Option C"),
            "Final answer: Continuous training -> Option C",
            "'Final answer:' names C but the options marked correct are B",
            id="final-answer-disagrees",
        ),
        pytest.param(
            ("-> Option B", "(B)"),
            "Final answer: Continuous training (B)",
            "'Final answer:' must end with '-> Option X'",
            id="final-answer-without-option",
        ),
        pytest.param(
            ("Step 2:", "Step 3:"),
            "Step 3: Retraining on triggers is what ML adds.",
            "expected 'Step 2:'",
            id="steps-out-of-order",
        ),
        pytest.param(
            ("difficulty: easy", "difficulty: easy\nlevel: 2"),
            "level: 2",
            "unknown field 'level'",
            id="unknown-field",
        ),
        pytest.param(
            ("## ct-is-unique", "## CT_is_unique"),
            "## CT_is_unique",
            "an id is lower-case words joined by '-'",
            id="bad-id",
        ),
        pytest.param(
            ("difficulty: easy", "difficulty: easy\nselect: several"),
            "select: several",
            "select 'several' is not 'single' or 'multiple'",
            id="unknown-select",
        ),
        pytest.param(
            ("difficulty: easy", "difficulty: easy\nkind: riddle"),
            "kind: riddle",
            "kind 'riddle' is not one of",
            id="unknown-kind",
        ),
        pytest.param(
            ("- [ ] Continuous integration\n- [x] Continuous training\n", ""),
            "- [ ] Continuous delivery",
            "needs at least two options",
            id="one-option",
        ),
        pytest.param(
            ("Which practice", "select: multiple\n\nWhich practice"),
            "select: multiple",
            "'select:' is a field: put it with the others, one per line right under the heading",
            id="field-below-the-fields",
        ),
        pytest.param(
            ("- [ ] Continuous delivery\n", "- [ ] Continuous delivery\n\nkind: workflow\n"),
            "kind: workflow",
            "'kind:' is a field",
            id="field-after-the-options",
        ),
        pytest.param(
            ("difficulty: easy\n", "difficulty: easy\nWhich one?\n"),
            "difficulty: easy",
            "'difficulty:' is a field",
            id="no-blank-line-after-the-fields",
        ),
        pytest.param(
            ("- Picking CI", "- Option B: Picking CI"),
            "- Option B: Picking CI because ML pipelines run it too.",
            "a common mistake names option B, a correct one",
            id="mistake-names-the-correct-option",
        ),
        pytest.param(
            ("- Picking CI", "- Option D: Picking CI"),
            "- Option D: Picking CI because ML pipelines run it too.",
            "a common mistake names option D, which it has not",
            id="mistake-names-no-option",
        ),
        pytest.param(
            ("Common mistakes:", "Rubric:\n\n- A point.\n\nCommon mistakes:"),
            "Rubric:",
            "only a 'scenario' task has a 'Rubric:'",
            id="rubric-in-a-choice-question",
        ),
    ],
)
def test_a_malformed_question_names_bank_line_and_id(change, needle, problem) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD, "the change must apply"
    message = error_of(text)
    qid = re.search(r"^## (\S+)", text, re.MULTILINE).group(1)
    assert message.startswith(f"quizzes/bank.md:{line_of(text, needle)}: question '{qid}': ")
    assert problem in message


SCENARIO = """\
## scenario-stale-model

type: scenario
difficulty: hard
kind: troubleshooting
time: 8 min

A nightly job overwrites `model.pkl`. What would you change?

### Solution

Step 1: Keep every model as a version.
Step 2: Gate each one on evaluation.

Rubric:

- Keeps model versions with their data.
- Gates a release on evaluation.

Common mistakes:

- Rolling back the code, which did not change.
"""


def test_a_scenario_task_parses_its_worked_steps_rubric_and_mistakes() -> None:
    (task,) = quizzes.parse_bank(SCENARIO, "quizzes/bank.md")
    assert task.type == "scenario" and task.minutes == 8 and not task.options
    assert task.steps == ["Keep every model as a version.", "Gate each one on evaluation."]
    assert task.rubric == [
        "Keeps model versions with their data.",
        "Gates a release on evaluation.",
    ]
    assert task.mistakes == ["Rolling back the code, which did not change."]


@pytest.mark.parametrize(
    ("change", "needle", "problem"),
    [
        pytest.param(
            ("- Gates a release on evaluation.\n", ""),
            "### Solution",
            "its solution is missing 'Rubric:' with a '- ' list of at least two points",
            id="one-point",
        ),
        pytest.param(
            ("What would you change?", "What would you change?\n\n- [x] Versions"),
            "- [x] Versions",
            "a 'scenario' task has no options",
            id="options",
        ),
        pytest.param(
            ("Rubric:", "Final answer: versions\n\nRubric:"),
            "Final answer: versions",
            "a 'scenario' task has no 'Final answer:'",
            id="final-answer",
        ),
        pytest.param(
            ("type: scenario", "type: essay"),
            "type: essay",
            "type 'essay' is not one of choice, blank, scenario",
            id="unknown-type",
        ),
    ],
)
def test_a_malformed_scenario_task_names_the_wrong_line(change, needle, problem) -> None:
    text = SCENARIO.replace(*change)
    assert text != SCENARIO, "the change must apply"
    message = error_of(text)
    assert message.startswith(
        f"quizzes/bank.md:{line_of(text, needle)}: question 'scenario-stale-model': "
    ), message
    assert problem in message


def test_quiz_text_is_escaped_but_inline_markdown_renders() -> None:
    text = GOOD.replace(
        "Which practice is unique to ML systems?",
        "Which is unique? <script>alert(1)</script> Try `<b>x</b>` and *this*.",
    ).replace(
        "- [ ] Continuous delivery", '- [ ] <img src=x onerror="alert(2)"> [a link](http://x)'
    )
    html = render_bank("bank", quizzes.parse_bank(text, "quizzes/bank.md"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html
    assert "<em>this</em>" in html
    assert "<a " not in html  # links are off: MkDocs would not check them in raw HTML


@pytest.mark.parametrize(
    ("change", "needle", "problem"),
    [
        (("hint: It is the T in CT.\n", ""), "## blank-ct", "needs an 'hint:' field"),
        (
            ("continuous ___.", "continuous ___ and ___."),
            "Retraining on triggers is called continuous ___ and ___.",
            "exactly one blank",
        ),
        (
            ("continuous ___.", "continuous ___.\n\n- [x] training"),
            "- [x] training",
            "has no options",
        ),
    ],
)
def test_a_malformed_blank_task_names_the_wrong_line(change, needle, problem) -> None:
    text = BLANK.replace(*change)
    message = error_of(text)
    assert message.startswith(f"quizzes/bank.md:{line_of(text, needle)}: question 'blank-ct': ")
    assert problem in message


def test_a_duplicate_id_across_banks_fails_in_the_second_bank(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n" + GOOD, encoding="utf-8")
    banks = quizzes.load_banks(tmp_path)
    assert list(banks.questions) == ["a"]
    error = banks.errors["b"]
    first = line_of(GOOD, "## ct-is-unique")
    assert str(error) == (
        f"{tmp_path.name}/b.md:{first + 2}: question 'ct-is-unique': duplicate id, "
        f"first used at {tmp_path.name}/a.md:{first}"
    )


def test_a_broken_bank_is_kept_with_its_error_and_check_names_every_one(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "bad.md").write_text(GOOD.replace("ct-is-unique", "one").replace("[x]", "[ ]"))
    (tmp_path / "worse.md").write_text(GOOD.replace("ct-is-unique", "two").replace("easy", "?"))
    banks = quizzes.load_banks(tmp_path)
    assert banks.names() == ["bad", "good", "worse"]
    assert [q.id for q in banks.get("good")] == ["ct-is-unique"]
    with pytest.raises(quizzes.QuizError) as caught:
        banks.get("bad")
    options = line_of(GOOD, "- [ ] Continuous integration")
    assert str(caught.value).startswith(f"{tmp_path.name}/bad.md:{options}: question 'one': ")
    with pytest.raises(quizzes.QuizError) as caught:
        banks.check()
    lines = str(caught.value).splitlines()
    assert [line.split(":")[0] for line in lines[:2]] == [
        f"{tmp_path.name}/bad.md",
        f"{tmp_path.name}/worse.md",
    ]
    assert lines[2] == f"(every bank in {tmp_path.name}/ is checked, shown on a page or not)"


# --- Pages and banks together ---------------------------------------------------------


def test_a_bank_says_how_many_questions_it_holds_and_their_time_in_all() -> None:
    one = quizzes.parse_bank(GOOD, "quizzes/bank.md")
    timed = GOOD.replace("difficulty: easy\n", "difficulty: easy\ntime: 4 min\n")
    again = timed.replace("# A bank\n", "").replace("ct-is-unique", "ct-again")
    two = quizzes.parse_bank(timed + again, "quizzes/b.md")
    assert '<p class="quiz-summary">1 question.</p>' in render_bank("bank", one)
    assert "2 questions, about 8 minutes in all." in render_bank("b", two)


# A number word or digits, then a few words, then what a bank holds: "Six problems".
TYPED_COUNT = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\b[^.\n]{0,25}?"
    r"\b(?:questions|problems|tasks|exercises)\b",
    re.IGNORECASE,
)


def test_no_page_counts_a_banks_questions_in_its_own_words() -> None:
    """Each bank says how many questions it holds (its summary line); a count typed on a
    page goes stale when a question is added."""
    typed = [
        f"{page.relative_to(ROOT)}:{number}: {match.group(0)!r}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1)
        for match in TYPED_COUNT.finditer(line)
    ]
    assert not typed, f"write no count: the bank's summary line gives it: {typed}"
