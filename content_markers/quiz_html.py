"""Quiz banks as HTML: templates/quiz.html, filled in with a bank's parsed questions.

The template holds the markup (and says what quiz.js reads of it); this module gives it
the bank's text as HTML. Quiz text is Markdown with code and emphasis only: raw HTML
and links stay text, because MkDocs neither checks nor rewrites links inside the raw
HTML block a quiz becomes.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from content_markers.quizzes import BLANK, MISTAKE_OPTIONS, Question

BLANK_TOKEN = "QUIZBLANKSLOT"


def text_markdown() -> markdown.Markdown:
    """Markdown for quiz text: `code` and *emphasis* render; raw HTML and links stay text."""
    md = markdown.Markdown()
    md.preprocessors.deregister("html_block")
    for pattern in (
        "html",
        "link",
        "image_link",
        "reference",
        "image_reference",
        "short_reference",
        "short_image_ref",
        "autolink",
        "automail",
    ):
        md.inlinePatterns.deregister(pattern)
    return md


MD = text_markdown()


def block(text: str) -> Markup:
    MD.reset()
    return Markup(MD.convert(text))


def inline(text: str) -> Markup:
    rendered = block(text)
    if rendered.startswith("<p>") and rendered.endswith("</p>"):
        return Markup(rendered[3:-4])
    return rendered


def blank_stem(stem: str) -> tuple[Markup, Markup]:
    """A fill-in task's sentence as HTML, split where its input goes."""
    before, after = block(BLANK.sub(BLANK_TOKEN, stem)).split(BLANK_TOKEN)
    return Markup(before), Markup(after)


def mistake(text: str) -> Markup:
    """A common mistake; the option it explains ("Option C:"), if it names one, in bold."""
    if not MISTAKE_OPTIONS.match(text):
        return inline(text)
    label, explanation = text.split(": ", 1)
    return Markup("<strong>{}:</strong> {}").format(label, inline(explanation))


def json_attribute(value: object) -> Markup:
    return Markup(html.escape(json.dumps(value), quote=True))


ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).with_name("templates")),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENVIRONMENT.filters.update(
    block=block,
    inline=inline,
    blank_stem=blank_stem,
    json_attribute=json_attribute,
    mistake=mistake,
)


def summary(questions: list[Question]) -> str:
    """How many questions (or tasks) the bank holds, and their suggested time in all:
    computed, so a page never counts them in words that go stale."""
    noun = "task" if all(q.type == "blank" for q in questions) else "question"
    text = f"{len(questions)} {noun}{'s' if len(questions) > 1 else ''}"
    minutes = [q.minutes for q in questions]
    if all(minutes):
        text += f", about {sum(minutes)} minutes in all"
    return text + "."


def render_bank(name: str, questions: list[Question]) -> str:
    """One bank as one block of HTML, with no blank lines (an empty slot leaves one)."""
    rendered = ENVIRONMENT.get_template("quiz.html").render(
        name=name, questions=questions, summary=summary(questions)
    )
    return re.sub(r"\n\s*\n", "\n", rendered).strip()
