"""The hands-on checker, for every step: the reference solution passes, each usual mistake
fails the rules it breaks and no other, every check is failed by some mistake; and the
command explains a file it cannot use. Each step's mistakes are in its own module,
tests/hands_on/test_<step>.py (see tests/hands_on/steps.py)."""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from content_markers.runnable import imported_modules, in_the_browser
from hands_on.check import STEPS, main
from tests.conftest import ROOT
from tests.hands_on.steps import StepTests, check_source, failed_rules, saved, step_tests

STEP_TESTS = step_tests()


def step_id(tests: StepTests) -> str:
    return tests.step.name


def test_every_step_has_its_tests_module():
    assert sorted(t.step.name for t in STEP_TESTS) == sorted(STEPS)


@pytest.mark.parametrize("tests", STEP_TESTS, ids=step_id)
def test_the_reference_solution_passes_every_check(tests, capsys):
    assert main([tests.step.name, str(ROOT / tests.reference)]) == 0
    out = capsys.readouterr().out
    checks = len(tests.step.checks)
    assert out.count("\nok    ") == checks and "FAIL" not in out
    assert out.endswith(f"All {checks} checks pass. Compare your code with the page's solution.\n")


@pytest.mark.parametrize(
    ("tests", "mistake"),
    [(tests, mistake) for tests in STEP_TESTS for mistake in tests.mistakes],
    ids=lambda value: value if isinstance(value, str) else value.step.name,
)
def test_a_usual_mistake_fails_the_rules_it_breaks_and_no_other(tmp_path, tests, mistake):
    code, broken = tests.mistakes[mistake]
    report = check_source(tests.step, code, tmp_path)
    assert report.checked and not report.passed
    assert failed_rules(report) == broken
    checks = len(tests.step.checks)
    assert (report.checks, report.failed) == (checks, len(broken))
    assert report.lines[-1].startswith(f"{checks - len(broken)} of {checks} checks pass.")


@pytest.mark.parametrize("tests", STEP_TESTS, ids=step_id)
def test_every_check_is_failed_by_some_mistake(tests):
    failed = set().union(*(broken for _, broken in tests.mistakes.values()))
    assert failed == {check.rule for check in tests.step.checks}


def test_the_checker_imports_only_the_standard_library():
    """So `python3 -m hands_on.check` needs no venv, and the browser's Python (no numpy)
    runs the same checks."""
    for path in sorted((ROOT / "hands_on").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name in imported_modules(tree):
            assert name.split(".")[0] == "hands_on" or in_the_browser(name, ()), f"{path}: {name}"


def test_the_command_runs_on_a_python_with_nothing_installed(tmp_path):
    """-E -S: no PYTHONPATH, no site-packages; the clone's folder is the current one."""
    code = "def passes_gate(model_error, baseline_error, min_gain=0.1):\n    return True\n"
    saved(tmp_path, code, "my_gate.py")
    result = subprocess.run(
        [sys.executable, "-E", "-S", "-m", "hands_on.check", "gate", str(tmp_path / "my_gate.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert "FAIL  by default 5% less error is not enough" in result.stdout


def test_a_file_checked_again_at_once_is_checked_as_it_is_now(tmp_path):
    """No bytecode cache: the same size and second would otherwise run the old code."""
    gate = STEPS["gate"]
    code = "def passes_gate(model_error, baseline_error, min_gain=0.1):\n    return {}\n"
    assert not check_source(gate, code.format("1 < 0"), tmp_path).passed
    second = check_source(gate, code.format("1 > 0"), tmp_path)
    assert failed_rules(second) != failed_rules(check_source(gate, code.format("1 < 0"), tmp_path))
    assert not list(tmp_path.rglob("*.pyc"))


# --- Files the checker cannot use ---------------------------------------------------


def test_an_unwritten_starter_gets_one_message_and_no_checks(tmp_path, capsys):
    starter = "def passes_gate(a, b, min_gain=0.1):\n    raise NotImplementedError\n"
    path = saved(tmp_path, starter)
    assert main(["gate", str(path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"passes_gate in {path} is still the starter")
    assert "ok " not in out and "FAIL" not in out
    report = check_source(STEPS["gate"], starter, tmp_path)
    assert not report.checked and not report.passed and report.failed == 0


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("def passes_gate(a, b\n", "{path}, line 1: Python cannot read this line ("),
        ("import no_such_module\n", "{path}, line 1: the file raised ModuleNotFoundError"),
        (
            "def gate(a, b):\n    return True\n",
            "{path} defines no function named passes_gate (it defines: gate).",
        ),
    ],
    ids=["syntax error", "fails to load", "wrong name"],
)
def test_a_file_that_cannot_be_used_is_explained(tmp_path, capsys, code, message):
    path = saved(tmp_path, code)
    assert main(["gate", str(path)]) == 1
    assert capsys.readouterr().out.startswith(message.format(path=path))


def test_a_missing_file_is_explained(tmp_path, capsys):
    assert main(["matrix", str(tmp_path / "my_matrix.py")]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"{tmp_path / 'my_matrix.py'}: no such file. Save the starter")


def test_an_unknown_step_is_refused_with_the_steps_there_are(capsys):
    with pytest.raises(SystemExit) as exit:
        main(["grid", "my_grid.py"])
    assert exit.value.code == 2
    err = capsys.readouterr().err  # Python versions differ in how argparse quotes choices
    assert "invalid choice: 'grid'" in err and "gate" in err and "matrix" in err
