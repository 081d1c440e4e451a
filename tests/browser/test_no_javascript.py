"""With JavaScript off, every page still shows its text, its code, and each quiz's
solution in a native <details> block (which opens without a script)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import page_paths

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
            hidden.append(code.evaluate(DESCRIBE))
    return hidden


# A block by its first line of text and where it sits, so that one with no text, or
# whose text starts with a blank line, can still be found.
DESCRIBE = """node => {
  const line = node.textContent.trim().split("\\n")[0].slice(0, 80);
  const box = node.getBoundingClientRect();
  const around = node.parentElement.closest("[class]")?.className ?? "";
  return `${JSON.stringify(line)} in .${around.split(" ").join(".")}` +
    ` (${Math.round(box.width)}x${Math.round(box.height)} px)`;
}"""


@pytest.mark.parametrize("path", page_paths(), ids=lambda path: f"/{path}")
def test_every_page_reads_without_javascript(path: str, built_site: Path, open_page) -> None:
    page, _ = open_page(path, java_script_enabled=False)
    html = (built_site / path / "index.html").read_text(encoding="utf-8")
    written = html[html.index("<article") : html.index("</article>")]
    found = []
    # Material marks the page `no-js` and a script removes it: proof JS is off.
    assert "no-js" in page.locator("html").get_attribute("class"), "JavaScript ran"
    article = page.locator("article")
    if not page.locator("article h1").is_visible():
        found.append("its <h1> is not visible")
    if len(article.inner_text()) < 200:
        found.append(f"shows only {len(article.inner_text())} characters of text")
    open_every_details(page)
    found += [f"code block not shown: {line}" for line in hidden_code(page)]
    # Every block and question the page has was seen (a check of nothing passes too).
    assert page.locator("article pre").count() == written.count("<pre")
    questions = page.locator("article section.quiz-question")
    assert questions.count() == written.count("data-quiz-id=")
    for question in questions.all():
        qid = question.get_attribute("data-quiz-id")
        solution = question.locator(":scope > details.quiz-solution")
        if solution.count() != 1:
            found.append(f"quiz question {qid} has no <details> solution")
        elif not solution.locator(":scope > :not(summary)").first.is_visible():
            found.append(f"quiz question {qid}: the solution does not open")
    assert not found, f"/{path} does not read without JavaScript: {found}"


def test_the_pages_checked_without_javascript_have_code_and_quizzes(built_site: Path) -> None:
    """The site has code on its pages and quizzes on its practice pages, which the check
    above sees one by one as the built pages have them."""
    html = "".join((built_site / path / "index.html").read_text("utf-8") for path in page_paths())
    assert html.count("<pre") >= 10 and html.count("data-quiz-id=") >= 5


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
            note = figure.locator(".chart__no-js")
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
