"""Quizzes (docs/assets/javascripts/quiz.js over the HTML of content_markers/templates/
quiz.html): an answer is graded when the reader checks it, never as the arrow keys move;
a partly right answer says what is right and what is missing; fill-in answers take their
obvious forms; progress survives a reload, shows in the navigation of every page, and is
reset only after a confirmation."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

QUIZ_PAGE = "practice/review/"
STORAGE_KEY = "mlops-vs-devops:quiz:v1"


def saved(page) -> dict:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") or "{}")


def letters(question) -> list[str]:
    return question.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")


def answer(question, chosen: str) -> None:
    """Tick exactly the options `chosen` ("AC"), then press the question's check button."""
    for letter in letters(question):
        option = question.locator(f'input[value="{letter}"]')
        if letter in chosen or option.get_attribute("type") == "checkbox":
            option.set_checked(letter in chosen)  # a radio unchecks as another is picked
    question.locator(".quiz-check").click()


def test_single_choice_feedback_solution_progress_and_reset(open_page) -> None:
    page, watched = open_page(QUIZ_PAGE)
    quiz = page.locator(".quiz").first
    question = quiz.locator('section.quiz-question[data-select="single"]').first
    qid, correct = question.get_attribute("data-quiz-id"), question.get_attribute("data-correct")
    wrong = next(letter for letter in letters(question) if letter != correct)
    total = quiz.locator("section.quiz-question").count()
    feedback = question.locator(".quiz-feedback")
    score = quiz.locator(".quiz-score")
    expect(quiz.locator(".quiz-progress")).to_be_visible()  # the script ran
    expect(score).to_contain_text(f"Score: 0 of {total} correct (0 answered)")

    question.locator(f'label:has(input[value="{wrong}"])').click()
    expect(question.locator(".quiz-check")).to_be_visible()
    question.locator(".quiz-check").click()
    expect(feedback).to_have_text(
        f"Not quite: option {wrong} is not the answer. Try again, or open the solution."
    )
    expect(question).to_have_attribute("data-state", "wrong")
    expect(score).to_contain_text(f"Score: 0 of {total} correct (1 answered)")

    answer(question, correct)
    expect(feedback).to_have_text(f"Correct: option {correct} is right.")
    expect(question).to_have_attribute("data-state", "correct")
    expect(score).to_contain_text(f"Score: 1 of {total} correct (1 answered)")
    assert saved(page) == {qid: {"answer": correct, "correct": True}}

    # The solution is collapsed until opened, then shows its steps and final answer.
    solution = question.locator("details.quiz-solution")
    expect(solution.locator(".quiz-final")).to_be_hidden()
    solution.locator("summary").click()
    expect(solution).to_have_attribute("open", "")
    expect(solution.locator(".quiz-final")).to_contain_text(f"Option {correct}")

    # Progress survives a reload: the answer, its feedback and the score come back.
    page.reload()
    question = page.locator(f"#quiz-{qid}")
    expect(question).to_have_attribute("data-state", "correct")
    expect(question.locator(f'input[value="{correct}"]')).to_be_checked()
    expect(question.locator(".quiz-feedback")).to_have_text(f"Correct: option {correct} is right.")
    expect(page.locator(".quiz-score").first).to_contain_text(f"Score: 1 of {total} correct")

    # Reset asks first: dismissed, nothing changes; accepted, it clears the answer, the
    # feedback, the score and the saved record, for good.
    dialogs: list[str] = []
    page.once("dialog", lambda dialog: dialogs.append(dialog.message) or dialog.dismiss())
    page.locator(".quiz-reset").first.click()
    expect(question).to_have_attribute("data-state", "correct")
    assert qid in saved(page) and dialogs and "Reset your answers" in dialogs[0], dialogs
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-reset").first.click()
    expect(question).not_to_have_attribute("data-state", "correct")
    expect(question.locator("input:checked")).to_have_count(0)
    expect(question.locator(".quiz-feedback")).to_have_text("")
    expect(page.locator(".quiz-score").first).to_contain_text(
        f"Score: 0 of {total} correct (0 answered)"
    )
    assert qid not in saved(page)
    page.reload()
    expect(page.locator(f"#quiz-{qid} input:checked")).to_have_count(0)
    assert not watched.problems(), watched.problems()


def test_arrow_keys_move_between_options_and_only_a_check_grades(open_page) -> None:
    page, watched = open_page(QUIZ_PAGE)
    question = page.locator('section.quiz-question[data-select="single"]').first
    options = question.locator("input")
    options.first.focus()
    page.keyboard.press("Space")
    for _ in range(options.count()):
        page.keyboard.press("ArrowDown")
    expect(options.first).to_be_checked()  # round the group and back to the first
    expect(question.locator(".quiz-feedback")).to_have_text("")
    assert saved(page) == {}, "moving through the options graded them"
    page.keyboard.press("Enter")  # an explicit choice: Enter, or the check button
    expect(question.locator(".quiz-feedback")).not_to_have_text("")
    assert list(saved(page)) == [question.get_attribute("data-quiz-id")]
    assert not watched.problems(), watched.problems()


def test_a_partly_right_answer_says_what_is_right_and_what_is_missing(open_page) -> None:
    page, watched = open_page("practice/interactive/")
    question = page.locator('section.quiz-question[data-select="multiple"]').first
    correct = question.get_attribute("data-correct")
    wrong = next(letter for letter in letters(question) if letter not in correct)
    feedback = question.locator(".quiz-feedback")
    assert len(correct) == 2, "the test expects a two-answer question"

    answer(question, correct[0])
    expect(feedback).to_have_text(
        f"Partly right: option {correct[0]} is right; one more option is correct too. "
        "Try again, or open the solution."
    )
    answer(question, correct[0] + wrong)
    expect(feedback).to_have_text(
        f"Partly right: option {correct[0]} is right, but option {wrong} is not; one more "
        "option is correct too. Try again, or open the solution."
    )
    answer(question, wrong)
    expect(feedback).to_have_text(
        f"Not quite: option {wrong} is not the answer. Try again, or open the solution."
    )
    answer(question, correct)
    expect(feedback).to_have_text(f"Correct: options {correct[0]} and {correct[1]} are right.")
    expect(question).to_have_attribute("data-state", "correct")
    assert not watched.problems(), watched.problems()


@pytest.mark.parametrize(
    ("task", "typed"),
    [
        ("blank-continuous-training", "Continuous  training"),  # the word before the blank
        ("blank-glue-code", "Upkeep!"),
        ("blank-glue-code", "maintenance of"),  # the word after it
        ("blank-golden-signals", "SATURATION."),
    ],
)
def test_a_fill_in_answer_is_taken_in_its_obvious_forms(open_page, task, typed) -> None:
    page, watched = open_page("practice/interactive/")
    blank = page.locator(f"#quiz-{task}")
    field = blank.locator("input.quiz-blank-input")
    field.fill(typed)
    field.press("Enter")
    expect(blank.locator(".quiz-feedback")).to_have_text(f'Correct: "{typed.strip()}".')
    expect(field).to_be_disabled()
    assert not watched.problems(), watched.problems()


def test_a_wrong_fill_in_answer_costs_a_try_and_the_last_opens_the_answer(open_page) -> None:
    page, watched = open_page("practice/interactive/")
    blank = page.locator('section.quiz-question[data-quiz-type="blank"]').first
    field = blank.locator("input.quiz-blank-input")
    for left in (2, 1):
        field.fill("certainly not the answer")
        field.press("Enter")
        tries = "try" if left == 1 else "tries"
        expect(blank.locator(".quiz-feedback")).to_have_text(
            f'Not quite: "certainly not the answer" is not it. {left} {tries} left; '
            "the hint may help."
        )
    field.fill("still not")
    blank.locator(".quiz-check").click()
    expect(blank.locator(".quiz-feedback")).to_have_text("Out of tries: the answer is shown below.")
    expect(blank.locator("details.quiz-solution")).to_have_attribute("open", "")
    expect(field).to_be_disabled()
    assert not watched.problems(), watched.problems()


def nav_link(page, title: str):
    """A page's link in the navigation (the page's own link reads "./", so by its title)."""
    return page.locator(".md-nav--primary a.md-nav__link", has_text=title).first


def test_a_finished_set_is_marked_in_the_navigation_of_every_page_until_reset(
    open_page,
) -> None:
    """Done in this browser, with nothing sent anywhere: the check mark follows the reader
    to other pages, through Material's instant navigation, and goes with a reset."""
    page, watched = open_page("when-to-use/")
    own = nav_link(page, "When to use which")
    expect(own).not_to_have_class(re.compile("quiz-done"))
    questions = page.locator("section.quiz-question")
    for index in range(questions.count()):
        question = questions.nth(index)
        answer(question, question.get_attribute("data-correct"))
    expect(own).to_have_class(re.compile("quiz-done"))
    mark = own.evaluate("link => getComputedStyle(link, '::after').content")
    assert "✓" in mark, mark

    nav_link(page, "Trade-offs deep dive").click()  # instant navigation: no page load
    expect(page).to_have_url(re.compile(r"/trade-offs/$"))
    expect(nav_link(page, "When to use which")).to_have_class(re.compile("quiz-done"))
    expect(nav_link(page, "Trade-offs deep dive")).not_to_have_class(re.compile("quiz-done"))
    page.goto(page.url.replace("trade-offs/", "glossary/"))  # a full load of a page with no quiz
    expect(nav_link(page, "When to use which")).to_have_class(re.compile("quiz-done"))

    nav_link(page, "When to use which").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator(".quiz-reset").first.click()
    expect(nav_link(page, "When to use which")).not_to_have_class(re.compile("quiz-done"))
    assert not watched.problems(), watched.problems()


def test_a_scenario_task_is_scored_against_its_rubric_and_kept(open_page) -> None:
    page, watched = open_page("practice/challenge/")
    task = page.locator('section.quiz-question[data-quiz-type="scenario"]').first
    qid = task.get_attribute("data-quiz-id")
    points = task.locator(".quiz-rubric input")
    total = points.count()
    assert total >= 2
    save = task.locator(".quiz-check")
    expect(save).to_be_hidden()  # inside the closed solution: read it first
    task.locator("details.quiz-solution > summary").click()
    points.nth(0).check()
    points.nth(total - 1).check()
    save.click()
    feedback = task.locator(".quiz-feedback")
    expect(feedback).to_have_text(f"Scored: 2 of {total} points of the rubric.")
    expect(task).to_have_attribute("data-state", "done")
    assert saved(page)[qid]["done"] is True

    page.reload()  # the score comes back, shown outside the closed solution
    task = page.locator(f"#quiz-{qid}")
    expect(task.locator(".quiz-feedback")).to_have_text(
        f"Scored: 2 of {total} points of the rubric."
    )
    expect(task.locator(".quiz-rubric input:checked")).to_have_count(2)
    task.locator("details.quiz-solution > summary").click()
    for index in range(total):
        task.locator(".quiz-rubric input").nth(index).check()
    task.locator(".quiz-check").click()
    expect(task).to_have_attribute("data-state", "correct")
    assert not watched.problems(), watched.problems()
