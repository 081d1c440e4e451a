"""Paste a page's code block into an interactive Python console, as a reader does.

The pages tell readers to paste a block into `.venv/bin/python` and press Enter. The
classic console (Python 3.11 and 3.12, and later ones with PYTHON_BASIC_REPL=1) reads
a paste line by line, as if typed: a blank line inside an indented block ends the
block early, and a statement right after a block, with no blank line between, is a
SyntaxError. `code.InteractiveConsole` reads lines the same way. Python 3.13's new
console takes a paste as a whole and accepts both, so a block that passes here works
in every console.
"""

from __future__ import annotations

import code
import contextlib
import io
import sys


class PasteConsole(code.InteractiveConsole):
    """An interactive console that records what it would have shown as errors."""

    def __init__(self) -> None:
        super().__init__(locals={"__name__": "__console__"})
        self.errors: list[str] = []

    def showsyntaxerror(self, filename=None, **kwargs) -> None:
        error = sys.exc_info()[1]
        self.errors.append(f"{type(error).__name__}: {error}")

    def showtraceback(self) -> None:
        error = sys.exc_info()[1]
        self.errors.append(f"{type(error).__name__}: {error}")


def paste(console: PasteConsole, block: str) -> tuple[list[str], str]:
    """(problems, what the console printed) after pasting `block` and pressing Enter.

    A problem names the block's line at which the console reported an error, or says
    that the console still waits for input after the paste and one Enter.
    """
    problems = []
    output = io.StringIO()
    more = False
    lines = [*block.splitlines(), ""]  # the last "" is the Enter pressed after the paste
    with contextlib.redirect_stdout(output):
        for number, line in enumerate(lines, start=1):
            seen = len(console.errors)
            more = console.push(line)
            problems += [f"line {number}: {error}" for error in console.errors[seen:]]
    if more:
        problems.append("the console still waits for input after the paste and one Enter")
    return problems, output.getvalue()
