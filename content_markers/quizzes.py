"""Quiz banks: `quizzes/NAME.md` parsed into questions and checked (plain functions).

Banks are Markdown (format in quizzes/README.md); a page shows one with `<!-- md:quiz
NAME -->`. A malformed question raises QuizError naming the bank's file, the line that
is wrong and the question id. quiz_html.py renders the questions as HTML.

Why our own renderer, not a plugin: we evaluated the `mkdocs-quiz` plugin (1.7.1) and
Material's collapsible admonitions (`??? success "Solution"`). mkdocs-quiz inlines its
script and style into every quiz page as inline `<script>`/`<style>` blocks (44 KB of
JavaScript, a 6.5 KB confetti library and 10 KB of CSS before compression), which a
Content-Security-Policy allowing only the site's own scripts blocks; its questions are
HTML-like `<quiz>` blocks with no id, difficulty or structured solution, and without
JavaScript there is no native `<details>` to fall back on. Material's admonitions give
the `<details>` but no feedback, no progress and no checks that a question is
well-formed. So this package (one parser, unit-tested) renders banks to plain HTML with
the solution in a `<details class="success">` that Material already styles, and
`docs/assets/javascripts/quiz.js` adds instant feedback, saved progress and reset on top.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

DIFFICULTIES = ("easy", "medium", "hard")
CHALLENGE_KINDS = ("conceptual", "workflow", "troubleshooting")
FIELDS = {"type", "difficulty", "select", "kind", "time", "answer", "hint"}

QUESTION_HEADING = re.compile(r"^## +(?P<id>\S+)\s*$")
QUESTION_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIELD_LINE = re.compile(r"^(?P<key>[a-z]+): +(?P<value>\S.*)$")
OPTION_LINE = re.compile(r"^- \[(?P<mark>[ xX])\] +(?P<text>\S.*)$")
STEP_LINE = re.compile(r"^Step (?P<number>\d+): *(?P<text>.*)$")
PART_LINE = re.compile(
    r"^(?P<label>Final answer|Quick check|Common mistakes|Rubric): *(?P<text>.*)$"
)
LIST_LABELS = ("Common mistakes", "Rubric")  # a `- ` list follows each
# A common mistake that explains a wrong option starts by naming it: "Option C: ...".
MISTAKE_OPTIONS = re.compile(r"^Options? (?P<letters>[A-Z](?:(?:, | and )[A-Z])*): +\S")
ANSWER_LETTERS = re.compile(
    r"->\s*Options?\s+(?P<letters>[A-Z](?:(?:\s*,\s*|\s+and\s+)[A-Z])*)\s*$"
)
TYPES = ("choice", "blank", "scenario")
BLANK = re.compile(r"_{3,}")
MINUTES = re.compile(r"(?P<minutes>[1-9]\d*) min")


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
    rubric: list[str] = field(default_factory=list)

    @property
    def type(self) -> str:
        return self.fields.get("type", "choice")

    @property
    def multiple(self) -> bool:
        return self.fields.get("select") == "multiple"

    @property
    def mistake_options(self) -> set[str]:
        """The letters of the options that a common mistake names ("Option C: ...")."""
        named = (MISTAKE_OPTIONS.match(mistake) for mistake in self.mistakes)
        return {letter for match in named if match for letter in re.findall(r"[A-Z]", match[1])}

    @property
    def correct(self) -> str:
        """The letters of the correct options, in order: "B", "AC"."""
        return "".join(option.letter for option in self.options if option.correct)

    @property
    def answers(self) -> list[str]:
        """A fill-in task's accepted answers, as written."""
        return [answer.strip() for answer in self.fields["answer"].split("|")]

    @property
    def minutes(self) -> int:
        """The suggested time (`time: 4 min`), 0 if none."""
        time = MINUTES.fullmatch(self.fields.get("time", ""))
        return int(time.group("minutes")) if time else 0

    @property
    def details(self) -> list[str]:
        """What its label says besides its number: kind, difficulty, time."""
        time = [f"about {self.fields['time']}"] if "time" in self.fields else []
        return [self.fields[key] for key in ("kind", "difficulty") if key in self.fields] + time

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
    for number, text in (line for block in blocks for line in block):
        misplaced = FIELD_LINE.match(text)
        if misplaced and misplaced.group("key") in FIELDS:
            raise question.fail(
                f"'{misplaced.group('key')}:' is a field: put it with the others, one per "
                "line right under the heading, and leave a blank line after them",
                number,
            )
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
    if question.type == "scenario" and option_blocks:
        raise question.fail("a 'scenario' task has no options", option_blocks[0][0][0])
    stray = next((b for b in option_blocks if not OPTION_LINE.match(b[0][1])), None)
    if stray and solution_at is None:
        raise question.fail("has no '### Solution' section")
    if stray:
        raise question.fail("only options may follow the options, then '### Solution'", stray[0][0])
    if question.type == "choice":
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
    if question.type not in TYPES:
        raise question.fail(f"type '{question.type}' is not one of {', '.join(TYPES)}", at("type"))
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
            if label in LIST_LABELS:
                current = question.mistakes if label == "Common mistakes" else question.rubric
                if question.type != "scenario" and label == "Rubric":
                    raise question.fail("only a 'scenario' task has a 'Rubric:'", number)
            elif question.type == "scenario":
                raise question.fail(
                    f"a 'scenario' task has no '{label}:': its rubric says what a good "
                    "answer covers",
                    number,
                )
            else:
                question.parts[label] = part.group("text")
                current = None
                last_label = label
                if label == "Final answer":
                    question.final_answer_line = number
        elif text.startswith("- ") and current in (question.mistakes, question.rubric):
            current.append(text[2:])
        elif current is question.steps:
            question.steps[-1] += " " + text.strip()
        elif current is None and question.parts:
            question.parts[last_label] += " " + text.strip()
        else:
            raise question.fail(f"unexpected line in the solution: '{text}'", number)
    missing = []
    if len(question.steps) < 2:
        missing.append("steps (at least 'Step 1:' and 'Step 2:')")
    if question.type == "scenario" and len(question.rubric) < 2:
        missing.append("'Rubric:' with a '- ' list of at least two points")
    if question.type == "choice":
        missing += [
            f"'{label}:'"
            for label in ("Final answer", "Quick check")
            if label not in question.parts
        ]
    if not question.mistakes:
        missing.append("'Common mistakes:' with a '- ' list")
    if missing:
        raise question.fail(f"its solution is missing {', '.join(missing)}", question.solution_line)
    if question.type == "scenario":
        return
    check_mistakes(question, lines)
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


def check_mistakes(question: Question, lines: list[tuple[int, str]]) -> None:
    """A mistake that names an option ("Option C: ...") names a wrong one that exists."""
    letters = {option.letter: option for option in question.options}
    for number, text in lines:
        named = MISTAKE_OPTIONS.match(text[2:]) if text.startswith("- ") else None
        for letter in re.findall(r"[A-Z]", named[1]) if named else ():
            if letter not in letters:
                raise question.fail(
                    f"a common mistake names option {letter}, which it has not", number
                )
            if letters[letter].correct:
                raise question.fail(
                    f"a common mistake names option {letter}, a correct one: it explains "
                    "a wrong option",
                    number,
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

    def get(self, name: str) -> list[Question]:
        """The questions of bank `name`; its QuizError if it is broken."""
        if name in self.errors:
            raise self.errors[name]
        return self.questions[name]

    def check(self) -> None:
        """Raise one QuizError naming every broken bank, used by a page or not."""
        if self.errors:
            raise QuizError(
                "\n".join(str(error) for error in self.errors.values())
                + f"\n(every bank in {self.folder.name}/ is checked, shown on a page or not)"
            )


# A build converts each page with a new Markdown instance, and every page asks for the
# banks: they are parsed once, and again only when a bank's text changes (an edit
# under `mkdocs serve`). Keyed by the folder, holding its texts and what they gave.
LOADED: dict[Path, tuple[list[tuple[str, str]], Banks]] = {}


def load_banks(folder: Path) -> Banks:
    """Every bank in `folder` (README.md aside), parsed and checked once per build.

    A question id must be unique across all banks: it names the page anchor and the
    progress saved in the reader's browser.
    """
    texts = [
        (path.name, path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.md"))
        if path.name != "README.md"
    ]
    key = folder.resolve()
    if key in LOADED and LOADED[key][0] == texts:
        return LOADED[key][1]
    banks = Banks(folder)
    first_seen: dict[str, Question] = {}
    for name, text in texts:
        bank = f"{folder.name}/{name}"
        try:
            questions = parse_bank(text, bank)
            for question in questions:
                if question.id in first_seen:
                    raise question.fail(
                        f"duplicate id, first used at {first_seen[question.id].where}"
                    )
                first_seen[question.id] = question
            banks.questions[Path(name).stem] = questions
        except QuizError as error:
            banks.errors[Path(name).stem] = error
    LOADED[key] = (texts, banks)
    return banks
