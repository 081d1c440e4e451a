"""The commands README.md and CONTRIBUTING.md give run as written, from the repository's
root on a machine that has only made .venv/: a `make` target the Makefile has, a program
of .venv/bin/ that is there (and a module it runs that exists), never a bare `pytest` or
`python` that works only with the virtual environment activated."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools.check import module_path

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
SPAN = re.compile(r"`([^`\n]+)`")
SHELL_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.MULTILINE | re.DOTALL)
# A program with its arguments; a bare name ("`npm`", "`python3`") is a mention, not a command.
COMMAND = re.compile(r"^(?:make|\.venv/bin/\S+|pytest|python3?|mkdocs|ruff|pip|npm) \S")
NEEDS_THE_VENV = ("pytest", "python", "python3", "mkdocs", "ruff", "pip")
TARGET = re.compile(r"^([a-z][\w-]*):", re.MULTILINE)
# Modules that import only the standard library (tests/hands_on/test_check.py holds it), so
# any python3 runs them from the clone's root, as the hands-on page tells learners.
ANY_PYTHON = ("hands_on.check",)


def commands(text: str) -> list[str]:
    """The commands a document gives: in code spans, and in sh blocks (one a line)."""
    found = [span.strip() for span in SPAN.findall(text)]
    for block in SHELL_BLOCK.findall(text):
        found += [line.split("#")[0].strip() for line in block.splitlines()]
    return [command for command in found if COMMAND.match(command)]


def problem(command: str, targets: set[str], bin_dir: Path) -> str | None:
    """Why `command` would not run as written, or None."""
    program, *arguments = command.split()
    if program == "make":
        missing = [a for a in arguments if "=" not in a and a not in targets]
        return f"the Makefile has no target {missing}" if missing else None
    if program == "python3" and arguments[:2] in (["-m", module] for module in ANY_PYTHON):
        return None
    if program in NEEDS_THE_VENV:
        return f"'{program}' runs only in an activated .venv: write .venv/bin/{program}"
    if program.startswith(".venv/bin/"):
        name = program.removeprefix(".venv/bin/")
        if not (bin_dir / name).exists():
            return f"{bin_dir} has no {name}"
        if arguments[:1] == ["-m"] and module_path(arguments[1]) is None:
            return f"no module {arguments[1]}"
    return None


def test_the_check_tells_a_command_that_runs_from_one_that_does_not() -> None:
    text = (
        "Run `make test`, `make tests`, `.venv/bin/pytest docs/page.md` or\n"
        "`pytest --codeblocks docs/page.md`; `.venv/bin/python -m no_such_module`; `npm`.\n"
        "```sh\nmake serve   # preview\n```\n"
    )
    found = commands(text)
    assert found == [
        "make test",
        "make tests",
        ".venv/bin/pytest docs/page.md",
        "pytest --codeblocks docs/page.md",
        ".venv/bin/python -m no_such_module",
        "make serve",
    ]
    bin_dir = Path(sys.executable).parent
    problems = [problem(c, {"test", "serve"}, bin_dir) for c in found]
    assert [p is None for p in problems] == [True, False, True, False, False, True]


@pytest.mark.parametrize("document", DOCUMENTS)
def test_every_command_in_the_document_runs_as_written(document: str) -> None:
    targets = set(TARGET.findall((ROOT / "Makefile").read_text(encoding="utf-8")))
    bin_dir = Path(sys.executable).parent
    found = commands((ROOT / document).read_text(encoding="utf-8"))
    assert found, f"{document} gives no commands: is the parser still reading it?"
    problems = [f"`{c}`: {why}" for c in found if (why := problem(c, targets, bin_dir))]
    assert not problems, f"{document}:\n" + "\n".join(problems)
