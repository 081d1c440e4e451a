"""tests/reads.py: a unit test that reads a file whose change would not make `make check`
run it is an error, so the map in tools/check.py stays true to the tests."""

from __future__ import annotations

import os

from tests.reads import ROOT, Recorder, unselected


def test_a_read_the_map_does_not_lead_back_to_the_test_is_named() -> None:
    assert unselected("tests/snippets/test_meter.py", {"quizzes/review.md"}) == [
        "quizzes/review.md"
    ]
    assert unselected("tests/test_practice_pages.py", {"quizzes/review.md"}) == []


def test_what_is_not_a_contributors_file_is_not_held_to_the_map() -> None:
    generated = {".venv/lib/x.py", "snippets/__pycache__/meter.pyc", "site/index.html"}
    assert unselected("tests/snippets/test_meter.py", generated) == []


def test_the_recorder_keeps_the_repositorys_files_opened_for_reading_only() -> None:
    recorder = Recorder()
    bank = str(ROOT / "quizzes" / "review.md")
    recorder.audit("open", (bank, "r", 0))  # not recording yet
    recorder.reads = set()
    recorder.audit("open", (bank, "r", 0))
    recorder.audit("open", (str(ROOT / "README.md"), "w", 0))
    recorder.audit("open", (str(ROOT / "CONTRIBUTING.md"), None, os.O_WRONLY))
    recorder.audit("open", ("/etc/hostname", "r", 0))
    recorder.audit("open", (str(ROOT / "no-such-file.md"), "r", 0))
    recorder.audit("os.listdir", (str(ROOT / "docs"),))
    assert recorder.reads == {"quizzes/review.md"}
