"""Every hands-on step whose test module names its REFERENCE and its MISTAKES: the
reference solution passes every check, each usual mistake fails exactly the rules it
breaks, and every check is failed by some mistake (a check no mistake fails is untested).

A step's test module, tests/hands_on/test_STEP.py, holds
    REFERENCE = "snippets/FILE.py"       the site's own function, which the page includes
    MISTAKES = {description: (source of a wrong solution, {rule texts it must fail})}
and its step-specific tests (the wording of messages). This module finds them all.
"""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

import pytest

from hands_on.check import STEPS
from hands_on.runner import Step, run
from tests.conftest import ROOT
from tests.hands_on.learner import failed_rules, saved

HERE = Path(__file__).parent


def step_modules() -> dict[str, object]:
    """Step name -> the test module that holds its REFERENCE and MISTAKES."""
    found = {}
    for path in sorted(HERE.glob("test_*.py")):
        module = importlib.import_module(f"tests.hands_on.{path.stem}")
        if hasattr(module, "REFERENCE") and hasattr(module, "MISTAKES"):
            found[path.stem.removeprefix("test_")] = module
    return found


MODULES = step_modules()
CASES = [(name, mistake) for name, module in MODULES.items() for mistake in module.MISTAKES]


def only_standard_library(step: Step) -> set[str]:
    """The modules a step's checker imports other than the standard library and
    hands_on.runner: the browser's Python runs the checkers and has nothing else."""
    module = sys.modules[STEPS[step.name].checks[0].problem.__module__]
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            imported.add(node.module)
    return {
        name
        for name in imported
        if name != "hands_on.runner" and name.split(".")[0] not in sys.stdlib_module_names
    }


def test_the_steps_with_mistakes_are_steps_of_the_checker():
    assert MODULES, "no tests/hands_on/test_STEP.py names its REFERENCE and MISTAKES"
    assert set(MODULES) <= set(STEPS)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_the_reference_solution_passes_every_check(name):
    passed, lines = run(STEPS[name], ROOT / MODULES[name].REFERENCE)
    assert passed, "\n".join(lines)
    assert lines[-1] == (
        f"All {len(STEPS[name].checks)} checks pass. Compare your code with the page's solution."
    )


@pytest.mark.parametrize(("name", "mistake"), CASES)
def test_a_usual_mistake_fails_the_rules_it_breaks_and_no_other(tmp_path, name, mistake):
    code, broken = MODULES[name].MISTAKES[mistake]
    passed, lines = run(STEPS[name], saved(tmp_path, code))
    assert not passed
    assert failed_rules(lines) == broken, "\n".join(lines)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_check_is_failed_by_some_mistake(name):
    failed = set().union(*(broken for _, broken in MODULES[name].MISTAKES.values()))
    assert failed == {check.rule for check in STEPS[name].checks}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_steps_rules_are_distinct(name):
    rules = [check.rule for check in STEPS[name].checks]
    assert len(rules) == len(set(rules))


@pytest.mark.parametrize("name", sorted(MODULES))
def test_a_checker_imports_only_the_standard_library_and_the_runner(name):
    assert only_standard_library(STEPS[name]) == set()
