"""The practice pages' code runs the way the pages tell readers to run it.

docs/practice/interactive.md: each growth-reading exercise (`### Exercise N: title`) is
one plain ```python block, at most 20 lines, that runs with nothing but the standard
library and snippets/meter.py (what an in-browser Python can be given), with what it
prints in a collapsed `??? success "Solution"`, after
<!--pytest-codeblocks:expected-output-->, so pytest-codeblocks compares the two.
Pasted into an interactive console, it prints the same.

docs/hands-on.md: the blocks of steps 1 to 5, pasted in order into one interactive
console, raise nothing and leave nothing waiting. Each coding step's starter, command
and solution are taken from the page: the page's command, on a Python with nothing
installed, rejects the starter with the message the page shows, and passes the solution
the page includes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from hands_on.check import STEPS
from hands_on.runner import Step
from tests.fences import ROOT, Fence, parse_fences, run_codeblocks
from tests.paste import PasteConsole, paste

EXERCISES_PAGE = "docs/practice/interactive.md"
HANDS_ON_PAGE = "docs/hands-on.md"
EXERCISE = re.compile(r"### Exercise (\d+): \S")
SOLUTION = '??? success "Solution"'
MAX_LINES = 20
BROWSER_SNIPPETS = ("__init__.py", "meter.py")  # the site's code an exercise may import
# A reader's exercise run in isolation, as the browser's Python would run it (not an
# import path of ours): -I -S, no site-packages, no current folder, no PYTHONPATH; then
# only the given folder, which holds just the browser's modules (BROWSER_SNIPPETS).
ISOLATED_RUN = (
    "import sys; sys.path.insert(0, sys.argv[1]); "
    "exec(compile(open(sys.argv[2]).read(), sys.argv[2], 'exec'), {'__name__': '__main__'})"
)


def read(page: str) -> str:
    return (ROOT / page).read_text(encoding="utf-8")


def end_line(fence: Fence) -> int:
    """1-based line of the fence's closing backticks."""
    return fence.line + len(fence.body) + 1


def problems_at(page: str, fence: Fence, problems: list[str]) -> list[str]:
    """Paste problems ("line N: ...", N within the block) as page:line messages."""
    located = []
    for problem in problems:
        if match := re.match(r"line (\d+): (.*)", problem):
            located.append(f"{page}:{fence.line + int(match.group(1))}: {match.group(2)}")
        else:
            located.append(f"{page}:{fence.line}: {problem}")
    return located


# --- The growth-reading exercises ----------------------------------------------------


@dataclass
class Exercise:
    heading: str
    line: int
    text: list[str]  # the page's lines, for looking around the section's fences
    fences: list[Fence]  # the fences in the section

    @property
    def blocks(self) -> list[Fence]:
        return [f for f in self.fences if f.looks_like_python]

    @property
    def outputs(self) -> list[Fence]:
        return [f for f in self.fences if f.expected_output]


def exercises(text: str) -> list[Exercise]:
    lines = text.splitlines()
    starts = [i + 1 for i, line in enumerate(lines) if EXERCISE.match(line)]
    found = []
    for start in starts:
        end = next(
            (i + 1 for i in range(start, len(lines)) if lines[i].startswith(("## ", "### "))),
            len(lines) + 1,
        )
        fences = [f for f in parse_fences(text) if start < f.line < end]
        found.append(Exercise(lines[start - 1], start, lines, fences))
    return found


EXERCISES = exercises(read(EXERCISES_PAGE))


def exercise_id(exercise: Exercise) -> str:
    return exercise.heading.removeprefix("### ").split(":")[0]


def test_there_are_at_least_eight_exercises_numbered_in_order():
    numbers = [int(EXERCISE.match(e.heading).group(1)) for e in EXERCISES]
    assert len(numbers) >= 8
    assert numbers == list(range(1, len(numbers) + 1))


@pytest.mark.parametrize("exercise", EXERCISES, ids=exercise_id)
def test_an_exercise_is_one_short_block_with_its_output_in_a_collapsed_solution(exercise):
    where = f"{EXERCISES_PAGE}:{exercise.line}"
    assert len(exercise.blocks) == 1, f"{where}: one ```python block per exercise"
    [block] = exercise.blocks
    assert block.runs and block.info == "python" and block.continues is None, where
    assert len(block.body) <= MAX_LINES, f"{where}: {len(block.body)} lines, at most {MAX_LINES}"
    assert len(exercise.outputs) == 1, f"{where}: one expected output, after the block"
    [output] = exercise.outputs
    assert output.info == "text", f"{where}: the expected output is a ```text fence"
    between = exercise.text[end_line(block) : output.line - 1]
    assert SOLUTION in between, f"{where}: the output sits inside {SOLUTION}, after the block"
    assert exercise.text[output.line - 1].startswith("    ```"), f"{where}: indent the output"


@pytest.mark.parametrize(("printed", "failed"), [("3", False), ("4", True)])
def test_pytest_codeblocks_compares_an_output_inside_a_collapsed_solution(
    tmp_path, printed, failed
):
    (tmp_path / "page.md").write_text(
        "### Exercise 1: planted\n\n```python\nprint(1 + 2)\n```\n\n"
        f"{SOLUTION}\n\n    <!--pytest-codeblocks:expected-output-->\n\n"
        f"    ```text\n    {printed}\n    ```\n",
        encoding="utf-8",
    )
    result = run_codeblocks(tmp_path)
    assert result.returncode == (1 if failed else 0), result.stdout
    assert ("the block's output is not the output written under it" in result.stdout) is failed


@pytest.mark.parametrize("exercise", EXERCISES, ids=exercise_id)
def test_an_exercise_runs_with_the_standard_library_and_the_meter_alone(tmp_path, exercise):
    # What an in-browser Python can be given: no site-packages, no project but the meter.
    (tmp_path / "snippets").mkdir()
    for name in BROWSER_SNIPPETS:
        (tmp_path / "snippets" / name).write_text(read(f"snippets/{name}"), encoding="utf-8")
    block = tmp_path / "block.py"
    block.write_text("\n".join(exercise.blocks[0].body) + "\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", ISOLATED_RUN, str(tmp_path), str(block)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, f"{EXERCISES_PAGE}:{exercise.line}: {result.stderr}"
    assert result.stdout == "\n".join(exercise.outputs[0].body) + "\n"


@pytest.mark.parametrize("exercise", EXERCISES, ids=exercise_id)
def test_an_exercise_pasted_into_a_console_prints_its_solution(exercise):
    [block], [output] = exercise.blocks, exercise.outputs
    problems, printed = paste(PasteConsole(), "\n".join(block.body))
    assert not problems, "\n".join(problems_at(EXERCISES_PAGE, block, problems))
    assert printed == "\n".join(output.body) + "\n"


# --- The hands-on project -------------------------------------------------------------

HANDS_ON = read(HANDS_ON_PAGE)
HANDS_ON_FENCES = parse_fences(HANDS_ON)


def is_starter(fence: Fence) -> bool:
    return any("raise NotImplementedError" in line for line in fence.body)


def starter_of(step: Step) -> Fence:
    """The one fence on the page that starts the step's function."""
    # A step's code is a function, or a class (step 11's registry).
    starts = (f"def {step.function}(", f"class {step.function}:")
    starters = [f for f in HANDS_ON_FENCES if is_starter(f) and f.body[0].startswith(starts)]
    assert len(starters) == 1, f"{HANDS_ON_PAGE}: one starter defining {step.function}"
    return starters[0]


def test_steps_pasted_in_order_into_one_console_raise_nothing():
    console = PasteConsole()
    pasted = [f for f in HANDS_ON_FENCES if f.runs and f.info == "python" and not is_starter(f)]
    assert len(pasted) >= 5
    for fence in pasted:
        problems, _ = paste(console, "\n".join(fence.body))
        assert not problems, "\n".join(problems_at(HANDS_ON_PAGE, fence, problems))


def check_command(
    arguments: list[str], cwd: Path, nothing_installed: bool = False
) -> subprocess.CompletedProcess[str]:
    """The page's command, `python3 -m hands_on.check STEP FILE`, run with the tests' Python
    from `cwd`; `nothing_installed`: as a Python with no packages and no PYTHONPATH (-E -S),
    in a folder holding the learner's file and a copy of hands_on/, as a clone would."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if nothing_installed:
        shutil.copytree(ROOT / "hands_on", cwd / "hands_on")
        arguments = ["-E", "-S", *arguments]
    return subprocess.run(
        [sys.executable, *arguments],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def section_after(fence: Fence) -> list[Fence]:
    """The fences after `fence`, up to the next `## ` heading."""
    lines = HANDS_ON.splitlines()
    end = next(
        (i + 1 for i in range(fence.line, len(lines)) if lines[i].startswith("## ")),
        len(lines) + 1,
    )
    return [f for f in HANDS_ON_FENCES if fence.line < f.line < end]


@pytest.mark.parametrize("name", sorted(STEPS))
def test_the_pages_command_rejects_the_pages_starter_with_the_pages_message(tmp_path, name):
    step = STEPS[name]
    starter = starter_of(step)
    assert f"save this starter as `{step.file}`" in HANDS_ON.lower()
    (tmp_path / step.file).write_text("\n".join(starter.body) + "\n", encoding="utf-8")
    after = section_after(starter)
    commands = [i for i, f in enumerate(after) if f.info == "text" and f.body == [step.command]]
    assert len(commands) == 1, f"{HANDS_ON_PAGE}: the command {step.command!r} after the starter"
    interpreter, *arguments = step.command.split()
    assert interpreter == "python3"
    result = check_command(arguments, tmp_path, nothing_installed=True)
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stdout.startswith(f"{step.function} in {step.file} is still the starter")
    shown = after[commands[0] + 1] if commands[0] + 1 < len(after) else None
    if shown is not None and shown.info == "text" and shown.body[0].startswith(step.function):
        assert result.stdout == "\n".join(shown.body) + "\n", f"{HANDS_ON_PAGE}:{shown.line}"


@pytest.mark.parametrize("name", sorted(STEPS))
def test_each_steps_starter_is_checked_in_the_page(name):
    """A reader checks each step in the page: its starter stands under md:check."""
    starter = starter_of(STEPS[name])
    above = [line.strip() for line in HANDS_ON.splitlines()[: starter.line - 1] if line.strip()]
    assert above[-1] == f"<!-- md:check {name} -->", (
        f"{HANDS_ON_PAGE}:{starter.line}: put <!-- md:check {name} --> above the starter "
        "of this step, with a blank line between"
    )


def test_the_page_names_the_range_of_steps_checked_in_the_page():
    """'Steps 6 to N need nothing installed': N is the page's last step, and every step
    from 6 on is one of the checker's."""
    numbers = [int(n) for n in re.findall(r"^## Step (\d+):", HANDS_ON, re.MULTILINE)]
    checked = re.findall(r"<!-- md:check (\w+) -->", HANDS_ON)
    assert numbers == list(range(1, len(numbers) + 1)), numbers
    assert len(checked) == len(STEPS) == numbers[-1] - 5, (checked, numbers)
    text = " ".join(HANDS_ON.split())
    for phrase in ("Steps 6 to {} need nothing installed", "In steps 6 to {} you write"):
        assert phrase.format(numbers[-1]) in text, f"{HANDS_ON_PAGE}: {phrase.format('N')}"


def test_the_page_shows_what_the_checker_says_to_an_unwritten_starter():
    starts = tuple(f"{step.function} in {step.file}" for step in STEPS.values())
    shown = [f for f in HANDS_ON_FENCES if f.info == "text" and f.body[0].startswith(starts)]
    assert shown, "the page shows the checker's answer to a starter at least once"


@pytest.mark.parametrize("name", sorted(STEPS))
def test_the_solution_the_page_includes_passes_the_pages_command(name):
    step = STEPS[name]
    includes = [
        re.search(r'--8<-- "([^":]+)', line).group(1)
        for fence in section_after(starter_of(step))
        for line in fence.body
        if "--8<--" in line
    ]
    assert len(includes) == 1, f"{HANDS_ON_PAGE}: one included solution after the starter"
    result = check_command(["-m", "hands_on.check", name, includes[0]], ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"All {len(step.checks)} checks pass." in result.stdout


# --- The console the tests paste into -------------------------------------------------


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ("def f():\n    x = 1\n\n    return x\n", "line 4: IndentationError"),
        ("for i in range(2):\n    pass\nprint(i)\n", "line 3: SyntaxError"),
        ("x = [\n    1,\n", "the console still waits for input"),
        ("raise ValueError('planted')\n", "line 1: ValueError: planted"),
    ],
    ids=["blank line inside a block", "statement right after a block", "unclosed", "raises"],
)
def test_the_console_reports_what_a_terminal_paste_would_show(block, problem):
    problems, _ = paste(PasteConsole(), block)
    assert problems and problems[0].startswith(problem), problems


def test_the_console_runs_a_paste_safe_block_and_echoes_expressions_as_a_terminal_does():
    block = "def f():\n    return 2\n\nfor i in range(2):\n    print(i)\n\nf() + 1\n"
    assert paste(PasteConsole(), block) == ([], "0\n1\n3\n")
