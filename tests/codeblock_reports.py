"""A failing code block in a page says where, what and why (a pytest plugin).

pytest-codeblocks reports a failing block as "line 30, line 30:" followed by its code
and the exception's message, without the exception's type or the line that raised it.
This plugin, loaded by pyproject's `addopts` (`-p tests.codeblock_reports`), replaces
that report with the page's file and the line that raised, and what went wrong:

    docs/PAGE.md:32: ValueError: planted failure
        raise ValueError("planted failure")
    (line 2 of the block whose fence is at line 30)

and, when a block prints something other than the output written under it, the two
side by side as a diff. Lines are found with the guard's parser (tests/fences.py), which
also knows where a block continued with `<!--pytest-codeblocks:cont-->` goes on.
"""

from __future__ import annotations

import difflib
import re
import traceback
from pathlib import Path

import pytest
from pytest_codeblocks.plugin import TestBlock

from tests.fences import Fence, parse_fences

OUTPUT_MISMATCH = re.compile(
    r"Expected output\n```\n(?P<expected>.*)```\nbut got\n```\n(?P<got>.*)```\Z", re.DOTALL
)


def page_line(path: Path, fence_line: int, code_line: int) -> int:
    """The line of the page that holds line `code_line` of the block whose (first) fence
    is at `fence_line`; the fence's own line if the block cannot be found."""
    fences = parse_fences(path.read_text(encoding="utf-8"))
    first = next((f for f in fences if f.line == fence_line), None)
    if first is None:
        return fence_line
    chain: list[Fence] = [first, *(f for f in fences if f.continues is first)]
    remaining = code_line
    for fence in chain:
        if remaining <= len(fence.body):
            return fence.line + remaining
        remaining -= len(fence.body)
    return fence_line


def describe(item: TestBlock, error: BaseException, root: Path) -> str:
    path = Path(item.path)
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    fence = item.obj.lineno
    mismatch = OUTPUT_MISMATCH.search(str(error))
    if mismatch:
        diff = difflib.unified_diff(
            mismatch.group("expected").splitlines(),
            mismatch.group("got").splitlines(),
            "written under the block",
            "printed by the block",
            lineterm="",
        )
        return (
            f"{name}:{fence}: the block's output is not the output written under it "
            "(<!--pytest-codeblocks:expected-output-->):\n" + "\n".join(diff)
        )
    raised = error.__context__ or error  # pytest-codeblocks wraps it in a RuntimeError
    frames = [f for f in traceback.extract_tb(raised.__traceback__) if f.filename == "<string>"]
    what = f"{type(raised).__name__}: {raised}"
    if not frames:
        return f"{name}:{fence}: the block raised {what}"
    code_line = frames[-1].lineno or 1
    source = item.obj.code.splitlines()[code_line - 1].strip()
    return (
        f"{name}:{page_line(path, fence, code_line)}: {what}\n    {source}\n"
        f"(line {code_line} of the block whose fence is at line {fence})"
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if isinstance(item, TestBlock) and report.failed and call.excinfo is not None:
        report.longrepr = describe(item, call.excinfo.value, Path(item.config.rootpath))
    return report
