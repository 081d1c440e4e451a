"""Load a learner's file and run one step's checks on its function, in plain words.

Standard library only: the same code checks a learner's file in a terminal
(`python3 -m hands_on.check`) and in the page, in the browser's Python (runner.js).
"""

from __future__ import annotations

import importlib.util
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class CannotLoad(Exception):
    """The file is missing, does not run, or defines no function of the step's name."""


@dataclass(frozen=True)
class Check:
    rule: str
    """The rule checked, in plain words: printed after `ok` or `FAIL`."""
    problem: Callable[[Callable[..., Any]], str | None]
    """Given the learner's function: None if it follows the rule, else what went wrong
    (the input, what it returned, what was expected and why)."""


@dataclass(frozen=True)
class Step:
    name: str  # the command's first argument
    title: str  # as the page names the step
    function: str  # the function the learner writes
    file: str  # the file the page tells the learner to save it in
    checks: tuple[Check, ...]

    @property
    def command(self) -> str:
        """The command the page tells the learner to run: any Python 3.11+, nothing installed."""
        return f"python3 -m hands_on.check {self.name} {self.file}"


@dataclass(frozen=True)
class Outcome:
    """What one call did: returned `value`, or raised `error`."""

    value: Any = None
    error: BaseException | None = None

    def __str__(self) -> str:
        if isinstance(self.error, NotImplementedError):
            said = f" ({self.error})" if str(self.error) else ""
            return f"raised NotImplementedError{said}: this part is not written yet"
        if self.error is not None:
            return f"raised {type(self.error).__name__}: {self.error}"
        return f"returned {self.value!r}"


def call(function: Callable[..., Any], *args: Any) -> Outcome:
    """Call the learner's function (or code that calls it): what it returned or raised."""
    try:
        return Outcome(value=function(*args))
    except Exception as error:  # the learner's bug, reported as part of the check
        return Outcome(error=error)


class Traced:
    """The learner's function, counting its calls and those that raised NotImplementedError:
    a function whose every call raised it is still the starter, while one that raises it
    only for a part not written yet is checked on the parts that are."""

    def __init__(self, function: Callable[..., Any]) -> None:
        self.function = function
        self.calls = 0
        self.unwritten = 0

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls += 1
        try:
            return self.function(*args, **kwargs)
        except NotImplementedError:
            self.unwritten += 1
            raise

    @property
    def still_starter(self) -> bool:
        return self.calls > 0 and self.unwritten == self.calls


def load(path: Path, function: str) -> Callable[..., Any]:
    """The function named `function` from the Python file at `path`."""
    if not path.is_file():
        raise CannotLoad(
            f"{path}: no such file. Save the starter from the page there, in the folder "
            "where you run this command, or give the path to your file."
        )
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import does: dataclasses look themselves up here
    try:
        # Compiled from the text, not through the import system's bytecode cache, which
        # tells a stale .pyc by the file's size and its time to the second: a learner
        # who changes `<` to `>` and checks again within that second would be checked
        # on the old code (easily done with the page's Check button).
        source = path.read_text(encoding="utf-8")
        exec(compile(source, str(path), "exec"), module.__dict__)
    except SyntaxError as error:
        raise CannotLoad(
            f"{path}, line {error.lineno}: Python cannot read this line "
            f"({error.msg}):\n    {(error.text or '').strip()}"
        ) from error
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        raise CannotLoad(
            f"{path}, line {where.lineno}: the file raised {type(error).__name__} "
            f"while loading: {error}"
        ) from error
    found = getattr(module, function, None)
    if not callable(found):
        defined = sorted(
            name
            for name, value in vars(module).items()
            if callable(value) and getattr(value, "__module__", None) == module.__name__
        )
        raise CannotLoad(
            f"{path} defines no function named {function} "
            f"(it defines: {', '.join(defined) or 'none'}). Keep the starter's name: "
            "the checks call the function by it."
        )
    return found


@dataclass(frozen=True)
class Report:
    """What the checker says about a learner's file: its lines, and the counts behind them
    (the page's status line is made from the counts, never read back from the lines)."""

    lines: list[str]
    checks: int  # how many checks the step has
    failed: int  # how many of them failed
    checked: bool  # False: the file could not be used, or is still the starter

    @property
    def passed(self) -> bool:
        return self.checked and not self.failed


def report_for(step: Step, path: Path) -> Report:
    """The checker's report on the learner's file at `path`."""
    checks = len(step.checks)
    try:
        function = load(path, step.function)
    except CannotLoad as problem:
        return Report([str(problem)], checks, failed=0, checked=False)
    traced = Traced(function)
    problems = [(check, check.problem(traced)) for check in step.checks]
    if traced.still_starter:
        lines = [
            f"{step.function} in {path} is still the starter: it raises NotImplementedError.",
            "Replace the `raise NotImplementedError(...)` line with your code and check",
            "again.",
        ]
        return Report(lines, checks, failed=0, checked=False)
    lines = [f"Checking {step.function} in {path}: {step.title}."]
    failed = 0
    for check, problem in problems:
        if problem is None:
            lines.append(f"ok    {check.rule}")
        else:
            failed += 1
            lines.append(f"FAIL  {check.rule}")
            lines += [f"      {line}" for line in problem.splitlines()]
    if failed:
        lines.append(
            f"{checks - failed} of {checks} checks pass. Fix the first FAIL above and check again."
        )
    else:
        lines.append(f"All {checks} checks pass. Compare your code with the page's solution.")
    return Report(lines, checks, failed, checked=True)


def run(step: Step, path: Path) -> tuple[bool, list[str]]:
    """(whether every check passes, the report's lines) for the learner's file."""
    report = report_for(step, path)
    return report.passed, report.lines
