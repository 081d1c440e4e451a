"""What the hands-on tests share: each step's test module, and code checked as a learner's.

A step's tests live in tests/hands_on/test_<step>.py, with two module-level names:

    REFERENCE = "snippets/<file>.py"          # the site's own solution, which passes
    MISTAKES = {description: (source, {rule texts it must fail, and no other})}

tests/hands_on/test_check.py runs every such module's reference and mistakes through
the checker; tests/browser/test_runner.py runs the same in the browser's Python and
asserts the same verdicts. A new step needs no edit to either.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import textwrap
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from content_markers.runnable import imported_modules, in_the_browser
from hands_on.check import STEPS
from hands_on.runner import Report, Step, report_for

HERE = Path(__file__).parent
ROOT = HERE.parent.parent


@dataclass(frozen=True)
class StepTests:
    step: Step
    reference: str  # path from the repository's root
    mistakes: dict[str, tuple[str, set[str]]]


def step_test_modules() -> list[ModuleType]:
    """The modules tests/hands_on/test_<step>.py that define REFERENCE and MISTAKES."""
    modules = [
        importlib.import_module(f"tests.hands_on.{path.stem}")
        for path in sorted(HERE.glob("test_*.py"))
    ]
    return [m for m in modules if hasattr(m, "REFERENCE") and hasattr(m, "MISTAKES")]


def step_tests() -> list[StepTests]:
    """Each step's reference and mistakes, its name taken from its module's."""
    found = []
    for module in step_test_modules():
        name = module.__name__.rsplit(".", 1)[-1].removeprefix("test_")
        assert name in STEPS, f"{module.__file__}: no step named {name!r} in hands_on.check"
        found.append(StepTests(STEPS[name], module.REFERENCE, module.MISTAKES))
    return found


def check_source(step: Step, source: str, folder: Path) -> Report:
    """The checker's report on `source`, saved as the step's file in `folder` and named
    as the page's command names it (`my_gate.py`), so messages match the browser's."""
    (folder / step.file).write_text(textwrap.dedent(source), encoding="utf-8")
    with contextlib.chdir(folder):
        return report_for(step, Path(step.file))


def saved(folder: Path, code: str, name: str = "mine.py") -> Path:
    """`code` saved as a learner would save it, in a file of their own."""
    path = folder / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return path


def failed_rules(report: Report | list[str]) -> set[str]:
    """The rules a checker's report says FAIL to."""
    lines = report.lines if isinstance(report, Report) else report
    return {line.removeprefix("FAIL  ") for line in lines if line.startswith("FAIL  ")}


def reference_source(path: str, function: str) -> str:
    """The reference `function` from the file at `path`, with what it needs of its module
    (imports, constants, helpers), as a learner would paste it into the page's editor.

    The browser's Python has only the standard library: a reference file may import
    numpy for its other functions, but the step's function and what it uses may not.
    """
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    defines: dict[str, ast.stmt] = {}
    future = [s for s in tree.body if isinstance(s, ast.ImportFrom) and s.module == "__future__"]
    for statement in tree.body:
        for name in bound_names(statement):
            defines[name] = statement
    if function not in defines:
        raise LookupError(f"{path} defines no {function}")
    needed: list[ast.stmt] = []
    waiting = [defines[function]]
    while waiting:
        statement = waiting.pop()
        if statement in needed:
            continue
        needed.append(statement)
        used = {node.id for node in ast.walk(statement) if isinstance(node, ast.Name)}
        waiting += [defines[name] for name in used if name in defines]
    for statement in needed:
        for module in imported_modules(statement):
            if not in_the_browser(module, ()):
                raise ValueError(
                    f"{path}: {function} needs {module}, which the browser's Python lacks"
                )
    ordered = [s for s in tree.body if s in needed or s in future]
    return "\n\n".join(ast.unparse(s) for s in ordered) + "\n"


def bound_names(statement: ast.stmt) -> list[str]:
    if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [statement.name]
    if isinstance(statement, ast.Import | ast.ImportFrom):
        return [(a.asname or a.name).split(".")[0] for a in statement.names]
    if isinstance(statement, ast.Assign):
        return [t.id for t in statement.targets if isinstance(t, ast.Name)]
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return [statement.target.id]
    return []
