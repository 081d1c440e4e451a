"""With JavaScript off, every page still shows its text, its code, and each quiz's
solution in a native <details> block (which opens without a script)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.serve import site_pages

pytestmark = pytest.mark.browser


def open_every_details(page) -> int:
    """Open each closed <details> in the article by clicking its summary, as a reader
    would (nested ones appear as their parents open). Returns how many opened."""
    opened = 0
    closed = page.locator("article details:not([open]) > summary")
    while closed.count():
        assert opened < 500, "details keep closing: is a script toggling them?"
        closed.first.click()
        opened += 1
    return opened


def hidden_code(page) -> list[str]:
    """The first line of every code block in the article that a reader cannot see,
    after clicking through each tab set (a tab's code shows once its label is clicked)."""
    hidden = []
    for tab_set in page.locator("article .tabbed-set").all():
        labels = tab_set.locator(":scope > .tabbed-labels > label")
        blocks = tab_set.locator(":scope > .tabbed-content > .tabbed-block")
        for index in range(labels.count()):
            labels.nth(index).click()
            hidden += [
                code.inner_text().split("\n")[0]
                for code in blocks.nth(index).locator("pre").all()
                if not code.is_visible()
            ]
    for code in page.locator("article pre").all():
        in_tabs = code.evaluate("node => !!node.closest('.tabbed-set')")
        if not in_tabs and not code.is_visible():
            hidden.append(code.text_content().split("\n")[0])
    return hidden


def test_every_page_reads_without_javascript(built_site: Path, open_page) -> None:
    problems: dict[str, list[str]] = {}
    pages = site_pages(built_site)
    code_blocks = quizzes = 0
    for path in pages:
        page, _ = open_page(path, java_script_enabled=False)
        found = []
        # Material marks the page `no-js` and a script removes it: proof JS is off.
        assert "no-js" in page.locator("html").get_attribute("class"), "JavaScript ran"
        article = page.locator("article")
        if not page.locator("article h1").is_visible():
            found.append("its <h1> is not visible")
        if len(article.inner_text()) < 200:
            found.append(f"shows only {len(article.inner_text())} characters of text")
        open_every_details(page)
        found += [f"code block not shown: {line!r}" for line in hidden_code(page)]
        code_blocks += page.locator("article pre").count()

        questions = page.locator("article section.quiz-question")
        quizzes += questions.count()
        for question in questions.all():
            qid = question.get_attribute("data-quiz-id")
            solution = question.locator(":scope > details.quiz-solution")
            if solution.count() != 1:
                found.append(f"quiz question {qid} has no <details> solution")
            elif not solution.locator(":scope > :not(summary)").first.is_visible():
                found.append(f"quiz question {qid}: the solution does not open")
        if found:
            problems[f"/{path}"] = found
        page.context.close()
    assert not problems, f"pages that do not read without JavaScript: {problems}"
    # The site has code on its pages and quizzes in its practice pages: were they seen?
    assert code_blocks >= 10 and quizzes >= 5, (code_blocks, quizzes)


def test_without_javascript_a_chart_says_where_its_data_is_and_shows_nothing_that_cannot_work(
    built_site: Path, open_page
) -> None:
    """No blank where the chart would be drawn, no slider that moves while its value
    stays; a note that points to the chart's data table, which opens without a script."""
    from tests.browser.test_charts import chart_pages

    problems, charts = [], 0
    for path in chart_pages(built_site):
        page, _ = open_page(path, java_script_enabled=False)
        for figure in page.locator("article figure.chart").all():
            charts += 1
            chart = f"/{path}#{figure.get_attribute('id')}"
            note = figure.locator(".chart__note")
            if not (note.is_visible() and "table below" in note.inner_text()):
                problems.append(f"{chart}: no visible note saying where the data is")
            if figure.locator(".chart__plot").is_visible():
                problems.append(f"{chart}: an empty plot area")
            if figure.locator("input, output").filter(visible=True).count():
                problems.append(f"{chart}: controls that cannot work")
            summary = figure.locator("details.chart__data > summary")
            summary.click()
            if not figure.locator("details.chart__data table").is_visible():
                problems.append(f"{chart}: its data table does not open")
        page.context.close()
    assert charts >= 5
    assert not problems, "\n".join(problems)
