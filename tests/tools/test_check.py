"""tools/check.py (`make check`): it finds what a contributor changed, new files included,
and picks the tests that check each file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tools import check


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
        ("docs/performance.md", ["docs/performance.md", check.GUARD]),
        (
            "quizzes/review.md",
            [
                "tests/content_markers/test_quizzes.py",
                "tests/content_markers/test_bank_rules.py",
            ],
        ),
        ("content_markers/quizzes.py", ["tests/content_markers"]),
        ("hooks/csp.py", ["tests/hooks/test_csp.py"]),
        ("tools/check.py", ["tests/tools/test_check.py"]),
        ("snippets/meter.py", ["tests/snippets/test_meter.py", check.GUARD]),
        ("tests/snippets/test_meter.py", ["tests/snippets/test_meter.py"]),
        ("tests/browser/test_pages.py", []),
        ("mkdocs.yml", []),
    ],
)
def test_each_file_is_checked_by_its_tests(path: str, tests: list[str]) -> None:
    assert check.tests_for(path) == tests
