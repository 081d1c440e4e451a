"""hooks/quizzes.py: question banks parse, render escaped HTML, and fail loudly when malformed."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from markers import replace_markers
from mkdocs.exceptions import PluginError

import quizzes

ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
# A bank

## ct-is-unique

difficulty: easy

Which practice is unique to ML systems?

- [ ] Continuous integration
- [x] Continuous training
- [ ] Continuous delivery

### Solution

Step 1: CI and CD come from DevOps.
Step 2: Retraining on triggers is what ML adds.

Final answer: Continuous training -> Option B

Quick check: CT = the ML-only practice.

Common mistakes:

- Picking CI because ML pipelines run it too.
"""

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


def test_a_question_renders_radios_a_live_region_and_a_closed_details_solution() -> None:
    html = quizzes.render_bank("bank", quizzes.parse_bank(GOOD, "quizzes/bank.md"))
    assert 'data-quiz-id="ct-is-unique"' in html
    assert 'data-correct="B"' in html
    assert html.count('type="radio"') == 3
    assert '<legend>Question 1 <span class="quiz-meta">(easy)</span></legend>' in html
    assert 'role="status" aria-live="polite"' in html
    assert '<details class="quiz-solution success">' in html  # no `open`: collapsed
    assert "→ Option B" in html
    assert "onclick" not in html
    # One raw HTML block: a blank line would let Markdown re-parse its inside.
    assert "\n\n" not in html.strip()


def test_a_multi_select_question_uses_checkboxes_and_names_every_answer() -> None:
    text = GOOD.replace("difficulty: easy", "difficulty: hard\nselect: multiple").replace(
        "- [ ] Continuous integration", "- [x] Continuous integration"
    )
    broken = error_of(text)
    assert "names B but the options marked correct are A, B" in broken
    fixed = text.replace("-> Option B", "-> Options A and B")
    html = quizzes.render_bank("bank", quizzes.parse_bank(fixed, "quizzes/bank.md"))
    assert 'data-select="multiple"' in html and 'data-correct="AB"' in html
    assert html.count('type="checkbox"') == 3


@pytest.mark.parametrize(
    ("change", "needle", "problem"),
    [
        pytest.param(
            ("- [x] Continuous training", "- [ ] Continuous training"),
            "## ct-is-unique",
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
            "## ct-is-unique",
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
            ("Step 2: Retraining on triggers is what ML adds.\n", ""),
            "## ct-is-unique",
            "its solution is missing steps (at least 'Step 1:' and 'Step 2:')",
            id="missing-steps",
        ),
        pytest.param(
            ("Final answer: Continuous training -> Option B\n", ""),
            "## ct-is-unique",
            "its solution is missing 'Final answer:'",
            id="missing-final-answer",
        ),
        pytest.param(
            ("Quick check: CT = the ML-only practice.\n", ""),
            "## ct-is-unique",
            "its solution is missing 'Quick check:'",
            id="missing-quick-check",
        ),
        pytest.param(
            ("- Picking CI because ML pipelines run it too.\n", ""),
            "## ct-is-unique",
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
            "## ct-is-unique",
            "'Final answer:' names C but the options marked correct are B",
            id="final-answer-disagrees",
        ),
        pytest.param(
            ("-> Option B", "(B)"),
            "## ct-is-unique",
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
    ],
)
def test_a_malformed_question_names_bank_line_and_id(change, needle, problem) -> None:
    text = GOOD.replace(*change)
    assert text != GOOD, "the change must apply"
    message = error_of(text)
    qid = re.search(r"^## (\S+)", text, re.MULTILINE).group(1)
    assert message.startswith(f"quizzes/bank.md:{line_of(text, needle)}: question '{qid}': ")
    assert problem in message


def test_quiz_text_is_escaped_but_inline_markdown_renders() -> None:
    text = GOOD.replace(
        "Which practice is unique to ML systems?",
        "Which is unique? <script>alert(1)</script> Try `<b>x</b>` and *this*.",
    ).replace(
        "- [ ] Continuous delivery", '- [ ] <img src=x onerror="alert(2)"> [a link](http://x)'
    )
    html = quizzes.render_bank("bank", quizzes.parse_bank(text, "quizzes/bank.md"))
    assert "<script" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html
    assert "<em>this</em>" in html
    assert "<a " not in html  # links are off: MkDocs would not check them in raw HTML


def test_a_blank_task_renders_an_input_with_hint_and_answer_in_details() -> None:
    (task,) = quizzes.parse_bank(BLANK, "quizzes/bank.md")
    html = quizzes.render_bank("bank", [task])
    assert 'data-quiz-type="blank"' in html and 'data-attempts="3"' in html
    assert 'data-answers="[&quot;training&quot;, &quot;CT&quot;]"' in html
    assert re.search(
        r'continuous <input type="text" class="quiz-blank-input"[^>]*aria-label=', html
    )
    assert (
        '<details class="quiz-hint tip">\n<summary>Hint</summary>\n<p>It is the T in CT.</p>'
        in html
    )
    assert "<code>training</code> or <code>CT</code>" in html


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (("hint: It is the T in CT.\n", ""), "needs an 'hint:' field"),
        (("continuous ___.", "continuous ___ and ___."), "exactly one blank"),
        (("continuous ___.", "continuous ___.\n\n- [x] training"), "has no options"),
    ],
)
def test_a_malformed_blank_task_fails(change, problem) -> None:
    message = error_of(BLANK.replace(*change))
    assert message.startswith("quizzes/bank.md:1: question 'blank-ct': ")
    assert problem in message


def test_a_duplicate_id_across_banks_fails_in_the_second_bank(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\n" + GOOD, encoding="utf-8")
    banks = quizzes.load_banks(tmp_path)
    assert isinstance(banks["a"], list)
    error = banks["b"]
    assert isinstance(error, quizzes.QuizError)
    first = line_of(GOOD, "## ct-is-unique")
    assert str(error) == (
        f"{tmp_path.name}/b.md:{first + 2}: question 'ct-is-unique': duplicate id, "
        f"first used at {tmp_path.name}/a.md:{first}"
    )


def build_with_banks(folder: Path, monkeypatch) -> None:
    monkeypatch.setenv(quizzes.BANKS_ENV, str(folder))
    quizzes.on_pre_build(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))


def test_a_broken_bank_fails_the_page_that_uses_it_naming_page_bank_and_id(
    tmp_path: Path, monkeypatch
) -> None:
    (tmp_path / "bad.md").write_text(
        GOOD.replace("difficulty: easy", "difficulty: hardest"), "utf-8"
    )
    build_with_banks(tmp_path, monkeypatch)
    source = "# Page\n\nText.\n\n<!-- md:quiz bad -->\n"
    with pytest.raises(PluginError) as caught:
        replace_markers(source, "when-to-use.md", source, "quiz", quizzes.render_marker)
    message = str(caught.value)
    assert message.startswith("when-to-use.md:5: quiz 'bad' failed: QuizError: ")
    assert (
        f"{tmp_path.name}/bad.md:{line_of(GOOD, '## ct-is-unique')}: question 'ct-is-unique'"
        in message
    )


def test_an_unknown_bank_names_the_known_ones(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    build_with_banks(tmp_path, monkeypatch)
    source = "<!-- md:quiz nope -->\n"
    with pytest.raises(PluginError, match=r"^page.md:1: unknown quiz 'nope' .*banks: good"):
        replace_markers(source, "page.md", source, "quiz", quizzes.render_marker)


def test_a_broken_bank_no_page_uses_still_fails_the_build(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "unused.md").write_text(
        GOOD.replace("ct-is-unique", "other-id").replace("[x]", "[ ]"), "utf-8"
    )
    build_with_banks(tmp_path, monkeypatch)
    quizzes.render_marker("good")
    with pytest.raises(PluginError, match=r"unused.md:\d+: question 'other-id': no option"):
        quizzes.on_env(None, None, None)


def test_without_the_env_variable_banks_come_from_quizzes_beside_mkdocs_yml(monkeypatch) -> None:
    monkeypatch.delenv(quizzes.BANKS_ENV, raising=False)
    quizzes.on_pre_build(SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml")))
    assert set(quizzes.banks) == {p.stem for p in (ROOT / "quizzes").glob("*.md")} - {"README"}


# --- The real banks -------------------------------------------------------------------

REAL = quizzes.load_banks(ROOT / "quizzes")
SELF_CHECKS = (
    "when-to-use",
    "trade-offs",
    "visual-comparison",
    "performance",
    "cost-drivers",
    "hands-on",
)


def test_every_real_bank_is_well_formed() -> None:
    broken = {name: str(bank) for name, bank in REAL.items() if isinstance(bank, Exception)}
    assert broken == {}


def test_the_real_banks_hold_30_multiple_choice_questions_at_three_levels() -> None:
    choices = [q for bank in REAL.values() for q in bank if q.type == "choice"]
    assert len(choices) >= 30
    assert {q.fields["difficulty"] for q in choices} == set(quizzes.DIFFICULTIES)


def test_each_explanatory_page_has_a_self_check_bank_of_two_to_four_questions() -> None:
    for page in SELF_CHECKS:
        assert 2 <= len(REAL[f"self-check-{page}"]) <= 4, page


def test_the_seed_questions_keep_their_surviving_answers_in_order() -> None:
    answers = ["".join(o.letter for o in q.options if o.correct) for q in REAL["review"]]
    assert answers == ["B", "A", "D", "C", "A"]
    shared_goals = REAL["review"][2]
    assert "only statements 1 and 3" in shared_goals.options[3].text.lower()


def test_the_challenge_covers_three_kinds_each_with_a_suggested_time() -> None:
    challenge = REAL["challenge"]
    assert len(challenge) >= 5
    assert {q.fields["kind"] for q in challenge} == set(quizzes.CHALLENGE_KINDS)
    assert all(re.fullmatch(r"\d+ min", q.fields.get("time", "")) for q in challenge)


def test_the_interactive_page_has_five_blank_tasks() -> None:
    assert sum(q.type == "blank" for q in REAL["interactive"]) >= 5
