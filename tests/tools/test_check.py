"""tools/check.py (`make check` and `make fix`): it finds what a contributor changed, new
files included, and picks the tests that read each file (tests/reads.py holds that map
to what each unit test really reads); `make fix` names what it changed, deletes no code
and fails while something no tool fixes remains."""

from __future__ import annotations

import fnmatch
import subprocess
from pathlib import Path

import pytest

from tools import check

ROOT = check.ROOT


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch) -> Path:
    """A repository with main at one commit and a branch that has moved on from it."""
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.email", "t@example.org")
    git(tmp_path, "config", "user.name", "T")
    for name in ("docs/old.md", "docs/kept.md"):
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("text\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "start")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    (tmp_path / "docs" / "old.md").write_text("edited\n", encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "edit")
    monkeypatch.setattr(check, "ROOT", tmp_path)
    return tmp_path


def test_changed_files_are_the_branchs_commits_edits_and_new_files(repo: Path) -> None:
    (repo / "docs" / "kept.md").write_text("unstaged edit\n", encoding="utf-8")
    (repo / "snippets").mkdir()
    (repo / "snippets" / "new.py").write_text("x = 1\n", encoding="utf-8")
    (repo / ".gitignore").write_text("ignored.txt\n", encoding="utf-8")
    (repo / "ignored.txt").write_text("not mine to check\n", encoding="utf-8")
    expected = [".gitignore", "docs/kept.md", "docs/old.md", "snippets/new.py"]
    assert check.changed_files() == expected


def test_a_deleted_file_is_not_checked(repo: Path) -> None:
    git(repo, "rm", "-q", "docs/kept.md")
    assert check.changed_files() == ["docs/old.md"]


@pytest.mark.parametrize(
    ("path", "tests"),
    [
        ("docs/when-to-use.md", ["docs/when-to-use.md", check.GUARD]),
        ("quizzes/review.md", ["tests/content_markers", "tests/test_practice_pages.py"]),
        ("hooks/csp.py", ["tests/hooks/test_csp.py"]),
        ("tests/snippets/test_meter.py", ["tests/snippets/test_meter.py"]),
        # A browser test runs in make test only; make check reads its comments' paths.
        ("tests/browser/test_pages.py", [check.NAMED_PATHS]),
        ("lighthouserc.json", []),
    ],
)
def test_each_file_is_checked_by_the_tests_that_read_it(path: str, tests: list[str]) -> None:
    assert set(tests) <= set(check.tests_for(path))
    if path.startswith("tests/browser/") or not tests:
        assert check.tests_for(path) == tests


def test_a_practice_pages_quiz_bank_runs_the_practice_page_tests() -> None:
    """The contributor trial's case: `make check` passed a change to the exercises' bank
    that `make test` failed, in tests/test_practice_pages.py."""
    assert check.selects(check.tests_for("quizzes/interactive.md"), "tests/test_practice_pages.py")


def test_a_module_runs_every_test_and_page_that_imports_it_however_far() -> None:
    tests = check.tests_for("snippets/meter.py")
    # Directly, through snippets.tables, through the charts package, and through a page's block.
    for module in (
        "tests/snippets/test_meter.py",
        "tests/snippets/test_tables.py",
        "tests/snippets/test_charts_figures.py",
        "docs/practice/interactive.md",
    ):
        assert check.selects(tests, module), module
    # content_markers imports no snippet: its tables and charts come through its settings.
    for module in ("tests/tools/test_serve.py", "tests/content_markers/test_extension.py"):
        assert not check.selects(tests, module), module


def test_a_change_to_a_conftest_runs_every_test_under_it() -> None:
    tests = check.tests_for("tests/conftest.py")
    assert check.selects(tests, "tests/hooks/test_csp.py")
    assert check.selects(tests, "tests/snippets/test_meter.py")


def test_a_test_inside_a_folder_that_runs_is_not_named_twice() -> None:
    assert check.tests_for("quizzes/review.md") == [
        "tests/content_markers",
        "tests/snippets/test_quiz_numbers.py",
        "tests/test_practice_pages.py",
    ]


def test_every_file_is_checked_by_make_check_or_says_what_checks_it() -> None:
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=check.ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    unchecked = [
        name
        for name in tracked
        if not check.tests_for(name)
        and not name.startswith(check.BUILT_FROM)
        and not any(fnmatch.fnmatch(name, pattern) for pattern in check.CHECKED_ELSEWHERE)
    ]
    assert not unchecked, (
        "make check runs no test and no build for these files: map them in tools/check.py "
        f"(READERS), or say what checks them in CHECKED_ELSEWHERE: {unchecked}"
    )


# --- make fix ------------------------------------------------------------------------

MISSPELT = "from snippets.meter import Metre\n\nx = 1\n"


@pytest.fixture
def fixable(repo: Path) -> Path:
    """The repository with the project's lint settings, ready for `make fix`."""
    for name in ("pyproject.toml", ".pre-commit-config.yaml"):
        (repo / name).write_bytes((ROOT / name).read_bytes())
    return repo


def test_fix_names_what_it_fixed_and_passes_when_nothing_is_left(fixable, capsys) -> None:
    (fixable / "tidy.py").write_text("x  =  [1,2]\n", encoding="utf-8")
    assert check.main(["--fix", "tidy.py"]) == 0
    out = capsys.readouterr().out
    assert "== ruff format: fixed tidy.py" in out
    assert "== ruff check --fix: nothing to fix" in out
    assert (fixable / "tidy.py").read_text(encoding="utf-8") == "x = [1, 2]\n"


def test_fix_deletes_no_import_and_fails_while_one_is_unused(fixable, capfd) -> None:
    (fixable / "misspelt.py").write_text(MISSPELT, encoding="utf-8")
    assert check.main(["--fix", "misspelt.py"]) == 1
    out = capfd.readouterr().out  # the lint's own report too
    assert (fixable / "misspelt.py").read_text(encoding="utf-8") == MISSPELT
    assert "F401" in out and "Left for you" in out
