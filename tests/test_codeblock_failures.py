"""End to end: a page whose code block raises makes the test command fail, and the
report names the page's file and the block's line, wherever the block sits (plain,
in an admonition, in a collapsible block, in content tabs).

Each case runs pytest-codeblocks in a subprocess over a temporary folder, the way
`make test` runs it over docs/. A fence the runner would skip without a word (`py`,
`title=`, `hl_lines`) is caught instead by the code-block guard
(tests/test_codeblocks_guard.py), which runs over docs/ in the same test command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fences import check_docs, plant, run_codeblocks

FAILING = 'raise ValueError("planted failure")'

# The same failing block in each place a page can hold one; indented blocks are how
# Material's admonitions, details and tabs nest content.
PLACES = {
    "plain": f"```python\n{FAILING}\n```\n",
    "admonition": f'!!! note "A note"\n    Text.\n\n    ```python\n    {FAILING}\n    ```\n',
    "details": f'??? question "A question"\n    ```python\n    {FAILING}\n    ```\n',
    "tabs": (
        '=== "First"\n\n    ```python\n    print("fine")\n    ```\n\n'
        f'=== "Second"\n\n    ```python\n    {FAILING}\n    ```\n'
    ),
}


def fence_line(text: str, code: str) -> int:
    """1-based line of the fence that opens the block containing `code`."""
    lines = text.splitlines()
    code_index = next(i for i, line in enumerate(lines) if code in line)
    return next(i for i in range(code_index, -1, -1) if lines[i].lstrip().startswith("```")) + 1


def test_a_page_whose_blocks_run_passes(tmp_path: Path) -> None:
    (tmp_path / "good.md").write_text(
        '# Good\n\n```python\nprint("fine")\n```\n\n!!! note\n    ```python\n    x = 1\n    ```\n',
        encoding="utf-8",
    )
    result = run_codeblocks(tmp_path)
    assert result.returncode == 0, result.stdout
    assert "2 passed" in result.stdout, result.stdout


@pytest.mark.parametrize("place", sorted(PLACES))
def test_a_failing_block_fails_naming_file_and_line(tmp_path: Path, place: str) -> None:
    text = f"# Page\n\nSome text first.\n\n{PLACES[place]}"
    (tmp_path / f"{place}.md").write_text(text, encoding="utf-8")
    result = run_codeblocks(tmp_path)
    assert result.returncode == 1, f"the failing block did not fail the run:\n{result.stdout}"
    line = fence_line(text, FAILING)
    assert f"FAILED {place}.md::line {line}" in result.stdout, result.stdout
    # The report (tests/codeblock_reports.py) names the line that raised, and how.
    raised = next(i for i, text_line in enumerate(text.splitlines(), 1) if FAILING in text_line)
    assert f"{place}.md:{raised}: ValueError: planted failure\n    {FAILING}" in result.stdout, (
        result.stdout
    )


def test_a_continued_block_names_the_page_line_in_the_later_fence(tmp_path: Path) -> None:
    text = (
        "# Page\n\n```python\nx = 1\ny = 2\n```\n\nText between.\n\n"
        "<!--pytest-codeblocks:cont-->\n\n```python\nz = x + y\n"
        f"{FAILING}\n```\n"
    )
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    result = run_codeblocks(tmp_path)
    raised = text.splitlines().index(FAILING) + 1  # in the second fence, not the first
    assert f"page.md:{raised}: ValueError: planted failure" in result.stdout, result.stdout
    assert "(line 4 of the block whose fence is at line 3)" in result.stdout, result.stdout


def test_a_block_whose_output_differs_shows_a_diff(tmp_path: Path) -> None:
    text = (
        '# Page\n\n```python\nprint("one")\nprint("two")\n```\n\n'
        "<!--pytest-codeblocks:expected-output-->\n\n```text\none\n2\n```\n"
    )
    (tmp_path / "page.md").write_text(text, encoding="utf-8")
    result = run_codeblocks(tmp_path)
    assert result.returncode == 1, result.stdout
    assert "page.md:3: the block's output is not the output written under it" in result.stdout
    assert "\n-2\n+two" in result.stdout, result.stdout


def test_fence_line_finds_the_opening_fence() -> None:
    text = "a\n\n!!! note\n    ```python\n    x = 1\n    boom()\n    ```\n"
    assert fence_line(text, "boom()") == 4


@pytest.mark.parametrize(
    "info",
    ["py", 'python title="example.py"', 'python hl_lines="1"'],
    ids=["py", "title", "hl_lines"],
)
def test_a_silently_skipped_failing_block_fails_the_guard(tmp_path: Path, info: str) -> None:
    text = f"# Page\n\n```{info}\n{FAILING}\n```\n"
    root = plant(tmp_path, text)
    # pytest-codeblocks alone collects nothing here, so the failure would go unseen...
    assert run_codeblocks(root / "docs").returncode == pytest.ExitCode.NO_TESTS_COLLECTED
    # ...which is why the guard, part of the same test command, names the file and line.
    problems, _ = check_docs(root)
    assert [p.split(": ")[0] for p in problems] == [f"docs/planted.md:{fence_line(text, FAILING)}"]
