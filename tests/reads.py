"""Holds `make check`'s map to the tests as they are (a pytest plugin, loaded by conftest).

`make check` runs the unit tests that read the files a contributor changed, as
tools.check.tests_for maps them. While a unit test runs (one `make check` may run: not
marked browser or build), and while its module is collected, this plugin records which
of the repository's files are opened for reading; at the test's teardown, a file whose
change would not select the test is an error naming both and where the map lives. So a
new test that reads a quiz bank, say, cannot be left out of `make check` unnoticed.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from tools import check

ROOT = Path(__file__).resolve().parent.parent
# What is not a contributor's file: the environment, builds, caches, git.
NOT_SOURCES = {".venv", ".git", "site", "site-zensical", "build", "node_modules", ".cache"}
GENERATED = ".egg-info"  # pip's record of the editable install
WRITING = os.O_WRONLY | os.O_RDWR


class Recorder:
    """The repository files the main thread opens for reading while `reads` is a set."""

    def __init__(self) -> None:
        self.reads: set[str] | None = None
        self.main = threading.main_thread()

    def audit(self, event: str, args: tuple) -> None:
        if event != "open" or self.reads is None or threading.current_thread() is not self.main:
            return
        path, mode, flags = args
        if not isinstance(path, str | bytes) or (mode and any(c in mode for c in "wax+")):
            return
        if mode is None and flags & WRITING:
            return
        name = os.path.abspath(os.fsdecode(path))
        if name.startswith(str(ROOT) + os.sep) and os.path.isfile(name):
            self.reads.add(Path(name).relative_to(ROOT).as_posix())


RECORDER = Recorder()
COLLECTED: dict[str, set[str]] = {}  # test module -> files read while collecting it
CHECKED: set[str] = set()  # modules whose collection-time reads were checked


def is_source(name: str) -> bool:
    parts = name.split("/")
    generated = parts[0].endswith(GENERATED) or "__pycache__" in parts
    return parts[0] not in NOT_SOURCES and not generated


def unselected(module: str, reads: set[str]) -> list[str]:
    """The files in `reads` whose change would not make `make check` run `module`."""
    return sorted(
        name
        for name in reads
        if is_source(name) and name != module and not check.selects(check.tests_for(name), module)
    )


def pytest_configure(config: pytest.Config) -> None:
    sys.addaudithook(RECORDER.audit)  # for the whole process: hooks cannot be removed
    # tools.check reads the whole repository once to learn who imports what, and keeps
    # it: read here, not inside whichever test of a worker asks first (which then failed
    # for reading every file, depending on the order xdist gave it).
    check.tests_for("snippets/meter.py")


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    if not isinstance(collector, pytest.Module):
        return (yield)
    RECORDER.reads = set()
    try:
        return (yield)
    finally:
        COLLECTED[collector.path.relative_to(ROOT).as_posix()] = RECORDER.reads
        RECORDER.reads = None


def is_unit(item: pytest.Item) -> bool:
    return isinstance(item, pytest.Function) and not (
        item.get_closest_marker("browser") or item.get_closest_marker("build")
    )


@pytest.fixture(autouse=True)
def reads_that_select_this_test(request: pytest.FixtureRequest):
    """Fails a unit test at teardown if it read a file that would not select it."""
    if not is_unit(request.node):
        yield
        return
    module = request.node.path.relative_to(ROOT).as_posix()
    RECORDER.reads = set()
    try:
        yield
    finally:
        reads, RECORDER.reads = RECORDER.reads, None
    if module not in CHECKED:
        CHECKED.add(module)
        reads |= COLLECTED.get(module, set())
    missing = unselected(module, reads)
    assert not missing, (
        f"{module} reads {', '.join(missing)}, but make check would not run it when "
        f"{'that file changes: map it' if len(missing) == 1 else 'those files change: map them'}"
        " to this test in tools/check.py (READERS)"
    )
