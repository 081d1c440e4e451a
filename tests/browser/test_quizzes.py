"""Quizzes (docs/assets/javascripts/quiz.js over the HTML hooks/quizzes.py writes):
feedback for a wrong and then a right answer, the solution opens, progress survives
a reload and resets."""

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


def test_single_choice_feedback_solution_progress_and_reset(open_page) -> None:
    page, watched = open_page(QUIZ_PAGE)
    quiz = page.locator(".quiz").first
    question = quiz.locator('section.quiz-question[data-select="single"]').first
    qid, correct = question.get_attribute("data-quiz-id"), question.get_attribute("data-correct")
    letters = question.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")
    wrong = next(letter for letter in letters if letter != correct)
    total = quiz.locator("section.quiz-question").count()
    feedback = question.locator(".quiz-feedback")
    score = quiz.locator(".quiz-score")
    expect(quiz.locator(".quiz-progress")).to_be_visible()  # the script ran
    expect(score).to_contain_text(f"Score: 0 of {total} correct (0 answered)")

    question.locator(f'label:has(input[value="{wrong}"])').click()
    expect(feedback).to_have_text(
        f"Not quite: option {wrong} is not the answer. Try again, or open the solution."
    )
    expect(question).to_have_attribute("data-state", "wrong")
    expect(score).to_contain_text(f"Score: 0 of {total} correct (1 answered)")

    question.locator(f'label:has(input[value="{correct}"])').click()
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

    # Reset clears the answer, the feedback, the score and the saved record, for good.
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


def test_multiple_choice_and_fill_in_the_blank(open_page) -> None:
    page, watched = open_page("practice/interactive/")
    question = page.locator('section.quiz-question[data-select="multiple"]').first
    correct = question.get_attribute("data-correct")
    letters = question.locator("input").evaluate_all("inputs => inputs.map(i => i.value)")
    feedback = question.locator(".quiz-feedback")
    question.locator(f'input[value="{correct[0]}"]').check()  # only part of the answer
    question.locator(".quiz-check").click()
    expect(feedback).to_contain_text(f"Not quite: option {correct[0]} is not the answer.")
    for letter in letters:
        question.locator(f'input[value="{letter}"]').set_checked(letter in correct)
    question.locator(".quiz-check").click()
    expect(feedback).to_have_text(re.compile(r"^Correct: options? .* (is|are) right\.$"))
    assert all(f"{letter}" in feedback.inner_text() for letter in correct)

    blank = page.locator('section.quiz-question[data-quiz-type="blank"]').first
    answer = json.loads(blank.get_attribute("data-answers"))[0]
    field = blank.locator("input.quiz-blank-input")
    field.fill("certainly not the answer")
    field.press("Enter")
    expect(blank.locator(".quiz-feedback")).to_have_text(
        'Not quite: "certainly not the answer" is not it. 2 tries left; the hint may help.'
    )
    field.fill(answer.upper())  # case and spacing do not matter
    blank.locator(".quiz-check").click()
    expect(blank.locator(".quiz-feedback")).to_have_text(f'Correct: "{answer.upper()}".')
    expect(field).to_be_disabled()
    assert not watched.problems(), watched.problems()
