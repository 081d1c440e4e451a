"""Quiz banks: parse `quizzes/NAME.md` and render it as HTML (plain functions).

Banks are Markdown (format in quizzes/README.md); a page shows one with `<!-- md:quiz
NAME -->`. A malformed question raises QuizError naming the bank's file, the line that
is wrong and the question id. The HTML works without JavaScript (each solution is a
native `<details>`); `docs/assets/javascripts/quiz.js` adds instant feedback and
progress on top, using the classes and data attributes written here.

Why our own renderer, not a plugin: we evaluated the `mkdocs-quiz` plugin (1.7.1) and
Material's collapsible admonitions (`??? success "Solution"`). mkdocs-quiz inlines its
script and style into every quiz page as inline `<script>`/`<style>` blocks (44 KB of
JavaScript, a 6.5 KB confetti library and 10 KB of CSS before compression), which a
Content-Security-Policy allowing only the site's own scripts blocks; its questions are
HTML-like `<quiz>` blocks with no id, difficulty or structured solution, and without
JavaScript there is no native `<details>` to fall back on. Material's admonitions give
the `<details>` but no feedback, no progress and no checks that a question is
well-formed. So this module (one parser, unit-tested) renders banks to plain HTML with
the solution in a `<details class="success">` that Material already styles, and
`docs/assets/javascripts/quiz.js` (about 2.4 KB gzipped, its DOM contract at the top)
adds instant feedback, saved progress and reset on top.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import markdown

DIFFICULTIES = ("easy", "medium", "hard")
CHALLENGE_KINDS = ("conceptual", "workflow", "troubleshooting")
FIELDS = {"type", "difficulty", "select", "kind", "time", "answer", "hint"}

QUESTION_HEADING = re.compile(r"^## +(?P<id>\S+)\s*$")
QUESTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_LINE = re.compile(r"^(?P<key>[a-z]+): +(?P<value>\S.*)$")
OPTION_LINE = re.compile(r"^- \[(?P<mark>[ xX])\] +(?P<text>\S.*)$")
STEP_LINE = re.compile(r"^Step (?P<number>\d+): *(?P<text>.*)$")
PART_LINE = re.compile(r"^(?P<label>Final answer|Quick check|Common mistakes): *(?P<text>.*)$")
ANSWER_LETTERS = re.compile(
    r"->\s*Options?\s+(?P<letters>[A-Z](?:(?:\s*,\s*|\s+and\s+)[A-Z])*)\s*$"
)
BLANK = re.compile(r"_{3,}")
MINUTES = re.compile(r"(?P<minutes>[1-9]\d*) min")
BLANK_TOKEN = "QUIZBLANKSLOT"


class QuizError(ValueError):
    """A malformed question: the message starts with `quizzes/NAME.md:LINE: question 'ID'`."""


@dataclass
class Option:
    letter: str
    text: str
    correct: bool
    line: int


@dataclass
class Question:
    id: str
    bank: str  # "quizzes/NAME.md", for messages
    line: int  # of the `## id` heading
    fields: dict[str, str] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    stem: str = ""
    stem_line: int = 0
    solution_line: int = 0  # of `### Solution`
    final_answer_line: int = 0
    options: list[Option] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    parts: dict[str, str] = field(default_factory=dict)
    mistakes: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.fields.get("type", "choice")

    @property
    def multiple(self) -> bool:
        return self.fields.get("select") == "multiple"

    @property
    def where(self) -> str:
        return f"{self.bank}:{self.line}"

    def fail(self, problem: str, line: int | None = None) -> QuizError:
        return QuizError(f"{self.bank}:{line or self.line}: question '{self.id}': {problem}")


# --- Parsing ----------------------------------------------------------------------


def split_questions(text: str, bank: str) -> list[tuple[int, str, list[tuple[int, str]]]]:
    """(heading line, id, [(line, text), ...]) for each `## id` section of a bank."""
    sections: list[tuple[int, str, list[tuple[int, str]]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        heading = QUESTION_HEADING.match(line)
        if heading:
            sections.append((number, heading.group("id"), []))
        elif line.startswith("## "):
            raise QuizError(f"{bank}:{number}: a question heading is '## id' with one id")
        elif sections:
            sections[-1][2].append((number, line.rstrip()))
    return sections


def paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Group lines into blank-line-separated paragraphs."""
    groups: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.strip():
            groups[-1].append((number, line))
        elif groups[-1]:
            groups.append([])
    return [group for group in groups if group]


def parse_question(line: int, qid: str, body: list[tuple[int, str]], bank: str) -> Question:
    question = Question(id=qid, bank=bank, line=line)
    if not QUESTION_ID.match(qid):
        raise question.fail("an id is lower-case words joined by '-', like 'ct-is-unique'")
    blocks = paragraphs(body)
    # The first paragraph holds the `key: value` fields.
    if blocks and all(FIELD_LINE.match(text) for _, text in blocks[0]):
        for number, text in blocks.pop(0):
            key, value = FIELD_LINE.match(text).group("key", "value")
            if key not in FIELDS:
                raise question.fail(f"unknown field '{key}' (known: {sorted(FIELDS)})", number)
            question.fields[key] = value.strip()
            question.field_lines[key] = number
    check_fields(question)
    solution_at = next(
        (i for i, block in enumerate(blocks) if block[0][1].strip() == "### Solution"), None
    )
    before = blocks if solution_at is None else blocks[:solution_at]
    first_option = next(
        (i for i, block in enumerate(before) if OPTION_LINE.match(block[0][1])), len(before)
    )
    stem, option_blocks = before[:first_option], before[first_option:]
    question.stem = "\n\n".join("\n".join(text for _, text in block) for block in stem)
    if not question.stem:
        raise question.fail("has no question text")
    question.stem_line = stem[0][0][0]
    if solution_at is not None:
        question.solution_line = blocks[solution_at][0][0]
    if question.type == "blank":
        parse_blank(question, option_blocks, solution_at)
        return question
    stray = next((b for b in option_blocks if not OPTION_LINE.match(b[0][1])), None)
    if stray and solution_at is None:
        raise question.fail("has no '### Solution' section")
    if stray:
        raise question.fail("only options may follow the options, then '### Solution'", stray[0][0])
    parse_options(question, option_blocks)
    if solution_at is None:
        raise question.fail("has no '### Solution' section")
    solution = blocks[solution_at]
    parse_solution(
        question, solution[1:] + [line for block in blocks[solution_at + 1 :] for line in block]
    )
    return question


def check_fields(question: Question) -> None:
    fields, at = question.fields, question.field_lines.get
    if fields.get("difficulty") not in DIFFICULTIES:
        found = fields.get("difficulty", "none")
        raise question.fail(
            f"difficulty '{found}' is not one of {', '.join(DIFFICULTIES)}", at("difficulty")
        )
    if question.type not in ("choice", "blank"):
        raise question.fail(f"type '{question.type}' is not 'choice' or 'blank'", at("type"))
    if fields.get("select", "single") not in ("single", "multiple"):
        raise question.fail(
            f"select '{fields['select']}' is not 'single' or 'multiple'", at("select")
        )
    if "kind" in fields and fields["kind"] not in CHALLENGE_KINDS:
        raise question.fail(
            f"kind '{fields['kind']}' is not one of {', '.join(CHALLENGE_KINDS)}", at("kind")
        )
    if "time" in fields and not MINUTES.fullmatch(fields["time"]):
        raise question.fail(
            f"time '{fields['time']}' is not a number of minutes like '4 min'", at("time")
        )


def parse_blank(question: Question, option_blocks: list, solution_at: int | None) -> None:
    if option_blocks or solution_at is not None:
        raise question.fail(
            "a 'blank' task has no options and no '### Solution' section",
            option_blocks[0][0][0] if option_blocks else question.solution_line,
        )
    if len(BLANK.findall(question.stem)) != 1:
        raise question.fail(
            "a 'blank' task has exactly one blank, written '___'", question.stem_line
        )
    for needed in ("answer", "hint"):
        if needed not in question.fields:
            raise question.fail(f"a 'blank' task needs an '{needed}:' field")


def parse_options(question: Question, option_blocks: list) -> None:
    lines = [line for block in option_blocks for line in block]
    for index, (number, text) in enumerate(lines):
        option = OPTION_LINE.match(text)
        if not option:
            raise question.fail("each option is one line: '- [ ] text' or '- [x] text'", number)
        letter = chr(ord("A") + index)
        correct = option.group("mark") in "xX"
        question.options.append(Option(letter, option.group("text"), correct, number))
    first = question.options[0].line if question.options else None
    if len(question.options) < 2:
        raise question.fail("needs at least two options ('- [ ] text')", first)
    correct = [option for option in question.options if option.correct]
    if not correct:
        raise question.fail("no option is marked correct ('- [x] text')", first)
    if len(correct) > 1 and not question.multiple:
        raise question.fail(
            f"options {', '.join(o.letter for o in correct)} are all marked correct in a "
            "single-choice question (declare 'select: multiple' if that is meant)",
            correct[1].line,
        )


def parse_solution(question: Question, lines: list[tuple[int, str]]) -> None:
    current: list[str] | None = None  # the list that continuation lines extend
    last_label = ""
    for number, text in lines:
        step = STEP_LINE.match(text)
        part = PART_LINE.match(text)
        if step:
            if int(step.group("number")) != len(question.steps) + 1:
                raise question.fail(f"expected 'Step {len(question.steps) + 1}:'", number)
            question.steps.append(step.group("text"))
            current = question.steps
        elif part:
            label = part.group("label")
            if label == "Common mistakes":
                current = question.mistakes
            else:
                question.parts[label] = part.group("text")
                current = None
                last_label = label
                if label == "Final answer":
                    question.final_answer_line = number
        elif text.startswith("- ") and current is question.mistakes:
            question.mistakes.append(text[2:])
        elif current is question.steps:
            question.steps[-1] += " " + text.strip()
        elif current is None and question.parts:
            question.parts[last_label] += " " + text.strip()
        else:
            raise question.fail(f"unexpected line in the solution: '{text}'", number)
    missing = []
    if len(question.steps) < 2:
        missing.append("steps (at least 'Step 1:' and 'Step 2:')")
    missing += [
        f"'{label}:'" for label in ("Final answer", "Quick check") if label not in question.parts
    ]
    if not question.mistakes:
        missing.append("'Common mistakes:' with a '- ' list")
    if missing:
        raise question.fail(f"its solution is missing {', '.join(missing)}", question.solution_line)
    answer = ANSWER_LETTERS.search(question.parts["Final answer"])
    if not answer:
        raise question.fail(
            "'Final answer:' must end with '-> Option X'", question.final_answer_line
        )
    named = set(re.findall(r"[A-Z]", answer.group("letters")))
    correct = {option.letter for option in question.options if option.correct}
    if named != correct:
        raise question.fail(
            f"'Final answer:' names {', '.join(sorted(named))} but the options marked "
            f"correct are {', '.join(sorted(correct))}",
            question.final_answer_line,
        )


def parse_bank(text: str, bank: str) -> list[Question]:
    """The questions of one bank, or QuizError naming `bank`, the line and the id."""
    questions = [
        parse_question(line, qid, body, bank) for line, qid, body in split_questions(text, bank)
    ]
    if not questions:
        raise QuizError(f"{bank}:1: has no questions ('## id' headings)")
    return questions


@dataclass
class Banks:
    """Every bank of a folder: the questions of each good one, the error of each broken one."""

    folder: Path
    questions: dict[str, list[Question]] = field(default_factory=dict)
    errors: dict[str, QuizError] = field(default_factory=dict)

    def names(self) -> list[str]:
        return sorted([*self.questions, *self.errors])

    def render(self, name: str) -> str:
        """The bank `name` as HTML; its QuizError if it is broken."""
        if name in self.errors:
            raise self.errors[name]
        return render_bank(name, self.questions[name])

    def check(self) -> None:
        """Raise one QuizError naming every broken bank, used by a page or not."""
        if self.errors:
            raise QuizError(
                "\n".join(str(error) for error in self.errors.values())
                + f"\n(every bank in {self.folder.name}/ is checked, shown on a page or not)"
            )


def load_banks(folder: Path) -> Banks:
    """Every bank in `folder` (README.md aside), parsed.

    A question id must be unique across all banks: it names the page anchor and the
    progress saved in the reader's browser.
    """
    banks = Banks(folder)
    first_seen: dict[str, Question] = {}
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        bank = f"{folder.name}/{path.name}"
        try:
            questions = parse_bank(path.read_text(encoding="utf-8"), bank)
            for question in questions:
                if question.id in first_seen:
                    raise question.fail(
                        f"duplicate id, first used at {first_seen[question.id].where}"
                    )
                first_seen[question.id] = question
            banks.questions[path.stem] = questions
        except QuizError as error:
            banks.errors[path.stem] = error
    return banks


# --- Rendering ----------------------------------------------------------------------


def text_markdown() -> markdown.Markdown:
    """Markdown for quiz text: `code` and *emphasis* render; raw HTML and links stay text.

    Links are off because MkDocs does not check or rewrite links inside raw HTML.
    """
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


def block(text: str) -> str:
    MD.reset()
    return MD.convert(text)


def inline(text: str) -> str:
    rendered = block(text)
    return rendered[3:-4] if rendered.startswith("<p>") and rendered.endswith("</p>") else rendered


def attribute(value: str) -> str:
    return html.escape(value, quote=True)


def open_section(question: Question, extra: str, **data: str) -> str:
    """The `<section>` start tag: the element and data attributes quiz.js reads."""
    attributes = "".join(
        f' data-{key.replace("_", "-")}="{attribute(value)}"' for key, value in data.items()
    )
    return (
        f'<section class="{extra}" id="quiz-{question.id}" data-quiz-id="{question.id}"'
        f'{attributes} data-difficulty="{question.fields["difficulty"]}">'
    )


def render_label(question: Question, number: int, noun: str) -> str:
    details = [question.fields["difficulty"]]
    if "kind" in question.fields:
        details.insert(0, question.fields["kind"])
    if "time" in question.fields:
        details.append(f"about {question.fields['time']}")
    meta = " · ".join(html.escape(detail) for detail in details)
    return f'<legend>{noun} {number} <span class="quiz-meta">({meta})</span></legend>'


def render_choice(question: Question, number: int) -> str:
    qid = f"quiz-{question.id}"
    kind = "checkbox" if question.multiple else "radio"
    correct = "".join(option.letter for option in question.options if option.correct)
    options = "\n".join(
        f'<label class="quiz-option" for="{qid}-{o.letter.lower()}">'
        f'<input type="{kind}" id="{qid}-{o.letter.lower()}" name="{qid}" value="{o.letter}"> '
        f'<span class="quiz-letter">{o.letter}.</span> {inline(o.text)}</label>'
        for o in question.options
    )
    hint = (
        '<p class="quiz-select-hint">Select every correct option, then check.</p>'
        if question.multiple
        else ""
    )
    steps = "\n".join(
        f"<li><strong>Step {i}:</strong> {inline(s)}</li>" for i, s in enumerate(question.steps, 1)
    )
    final = inline(question.parts["Final answer"].replace("->", "→"))
    quick_check = inline(question.parts["Quick check"])
    mistakes = "\n".join(f"<li>{inline(m)}</li>" for m in question.mistakes)
    select = "multiple" if question.multiple else "single"
    start = open_section(
        question, "quiz-question", quiz_type="choice", select=select, correct=correct
    )
    return f"""{start}
<fieldset aria-describedby="{qid}-stem">
{render_label(question, number, "Question")}
<div class="quiz-stem" id="{qid}-stem">
{block(question.stem)}
</div>
{hint}
<div class="quiz-options">
{options}
</div>
<button type="button" class="quiz-check md-button" hidden>Check answer</button>
<p class="quiz-feedback" role="status" aria-live="polite"></p>
</fieldset>
<details class="quiz-solution success">
<summary>Solution</summary>
<ol class="quiz-steps">
{steps}
</ol>
<p class="quiz-final"><strong>Final answer:</strong> {final}</p>
<p class="quiz-quick-check"><strong>Quick check:</strong> {quick_check}</p>
<p><strong>Common mistakes:</strong></p>
<ul class="quiz-mistakes">
{mistakes}
</ul>
</details>
</section>"""


def render_blank(question: Question, number: int) -> str:
    qid = f"quiz-{question.id}"
    answers = [answer.strip() for answer in question.fields["answer"].split("|")]
    field_html = (
        f'<input type="text" class="quiz-blank-input" id="{qid}-input" autocomplete="off" '
        f'spellcheck="false" aria-label="The blank in task {number}">'
    )
    stem = block(BLANK.sub(BLANK_TOKEN, question.stem)).replace(BLANK_TOKEN, field_html)
    start = open_section(
        question,
        "quiz-question quiz-blank",
        quiz_type="blank",
        answers=json.dumps(answers),
        attempts="3",
    )
    return f"""{start}
<fieldset aria-describedby="{qid}-feedback">
{render_label(question, number, "Task")}
<div class="quiz-stem">
{stem}
</div>
<button type="button" class="quiz-check md-button" hidden>Check</button>
<p class="quiz-feedback" id="{qid}-feedback" role="status" aria-live="polite"></p>
</fieldset>
<details class="quiz-hint tip">
<summary>Hint</summary>
<p>{inline(question.fields["hint"])}</p>
</details>
<details class="quiz-solution success">
<summary>Answer</summary>
<p>{" or ".join(f"<code>{html.escape(a)}</code>" for a in answers)}</p>
</details>
</section>"""


def summary(questions: list[Question]) -> str:
    """How many questions (or tasks) the bank holds, and their suggested time in all:
    computed, so a page never counts them in words that go stale."""
    noun = "task" if all(q.type == "blank" for q in questions) else "question"
    text = f"{len(questions)} {noun}{'s' if len(questions) > 1 else ''}"
    times = [MINUTES.fullmatch(q.fields.get("time", "")) for q in questions]
    if all(times):
        text += f", about {sum(int(t.group('minutes')) for t in times)} minutes in all"
    return text + "."


def render_bank(name: str, questions: list[Question]) -> str:
    """One bank as one block of HTML, with no blank lines (an empty slot leaves one)."""
    body = "\n".join(
        render_blank(q, n) if q.type == "blank" else render_choice(q, n)
        for n, q in enumerate(questions, start=1)
    )
    rendered = f"""<div class="quiz" data-quiz="{name}">
<p class="quiz-summary">{summary(questions)}</p>
<div class="quiz-progress" hidden>
<p class="quiz-score" aria-live="polite"></p>
<button type="button" class="quiz-reset md-button">Reset progress</button>
</div>
{body}
</div>"""
    return re.sub(r"\n\s*\n", "\n", rendered)
