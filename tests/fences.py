"""The code-block guard's parser: which fences pytest-codeblocks runs, and which it skips.

The guard (tests/test_codeblocks_guard.py): every Python fence in docs/ runs in the tests,
or includes tested code.

pytest-codeblocks (see .venv/.../pytest_codeblocks/main.py and plugin.py) collects a
fence only if the text after its backticks is exactly `python`, `sh` or `bash`. So
```` ```py ````, ```` ```python title="x.py" ````, `hl_lines`, `linenums` and `{.python}`
fences, and every `~~~` fence, are skipped without a word; a fence holding only a
`--8<--` include is run as Python and fails; indented fences (inside `!!!`, `???`
and `=== "Tab"`) are collected, since it strips leading spaces.

The guard parses every fence in docs/**/*.md the way pytest-codeblocks does, and
fails, naming file and line, on a Python-looking fence that is neither
(a) collected and run by pytest-codeblocks, or
(b) a pure include (`--8<-- "snippets/NAME.py[:section]"` lines only) in a
    ```` ```python title="snippets/NAME.py" ```` fence, of an existing file and section,
    whose module has unit tests (tests/**/test_<module>*.py).
It also fails on a module in snippets/ that no page includes. Exempt: `__init__.py`
files, and the `snippets/charts/` subpackage, which pages use through
`<!-- md:chart NAME -->` markers rather than by showing its code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PYTHON_INFO = re.compile(
    r"^(?:py|py3|python|python3)(?:\s|$)|[{\s]\.(?:py|py3|python|python3)[\s}]"
)
TITLE = re.compile(r"""title=["']([^"']*)["']""")
CODEBLOCKS_COMMENT = re.compile(r"<!--[-\s]*pytest-codeblocks:(.*)-->")
MARK_COMMENT = re.compile(r"<!--[-\s]*(pytest\.mark\..*)-->")
# Any comment that mentions pytest: meant for pytest-codeblocks, so it must be one of its
# two forms; a misspelt one (`pytest-codeblock:cont`, no colon) it would ignore in silence.
MEANT_FOR_PYTEST = re.compile(r"<!--.*pytest.*-->", re.IGNORECASE)
INCLUDE = re.compile(r"""^-{1,}8<-{1,}\s+["']([^"']+)["']\s*$""")
# Marks under which pytest-codeblocks does not run a block as a passing test.
NOT_RUN = ("pytest.mark.skip", "pytest.mark.xfail")


@dataclass
class Fence:
    line: int  # 1-based line of the opening fence
    info: str  # the text after the backticks, as pytest-codeblocks reads it
    fence: str = "`"  # "~" for tilde fences, which pytest-codeblocks never reads
    body: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)
    collected: bool = False  # pytest-codeblocks makes it a test item ("line N")
    continues: Fence | None = None  # pytest-codeblocks appends it to this block
    expected_output: bool = False  # pytest-codeblocks compares output with it

    @property
    def looks_like_python(self) -> bool:
        return bool(PYTHON_INFO.search(self.info.strip()))

    @property
    def runs(self) -> bool:
        """pytest-codeblocks executes this fence's code (and expects it to pass)."""
        if self.continues is not None:
            return self.continues.runs
        return (
            self.collected
            and self.info == "python"
            and not any(mark.startswith(NOT_RUN) for mark in self.marks)
        )


def parse_fences(text: str) -> list[Fence]:
    """Every fenced block, with what pytest-codeblocks would do with it.

    Mirrors pytest_codeblocks.main.extract_from_buffer (0.18.0): comments carry
    marks to the next new block; `cont` glues the next fence to the previous block;
    `expected-output` turns the next fence into expected output. Unlike it, this
    also sees `~~~` fences, which pytest-codeblocks never collects.
    """
    fences: list[Fence] = []
    lines = text.splitlines()
    marks: list[str] = []
    pending: str | None = None  # "cont" or "expected-output" for the next fence
    last_block: Fence | None = None
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if comment := CODEBLOCKS_COMMENT.fullmatch(stripped):
            keyword = comment.group(1).strip("- ")
            if keyword in {"cont", "expected-output", "expected-output-ignore-whitespace"}:
                pending = "cont" if keyword == "cont" else "expected-output"
            elif keyword == "skip" or keyword.startswith("skipif"):
                marks.append("pytest.mark.skip")
            elif keyword in {"expect-exception", "expect-error"}:
                marks.append("pytest.mark.xfail")
        elif mark := MARK_COMMENT.fullmatch(stripped):
            marks.append(mark.group(1))
        elif opening := re.match(r"(`{3,}|~{3,})(.*)", stripped):
            fence_chars, rest = opening.groups()
            # pytest-codeblocks keeps the info's leading spaces: "``` python" is not "python".
            fence = Fence(line=i + 1, info=rest.rstrip(), fence=fence_chars[0])
            indent = len(lines[i]) - len(lines[i].lstrip())
            i += 1
            while i < len(lines) and not lines[i].lstrip().startswith(fence_chars):
                body_line = lines[i]
                fence.body.append(
                    body_line[min(indent, len(body_line) - len(body_line.lstrip())) :]
                )
                i += 1
            fences.append(fence)
            if fence.fence == "`":  # pytest-codeblocks sees backtick fences only
                if pending == "cont" and last_block is not None:
                    fence.continues = last_block
                elif pending == "expected-output":
                    fence.expected_output = True
                else:
                    fence.collected = fence.info in {"python", "sh", "bash"}
                    fence.marks, marks = marks, []
                    last_block = fence
                pending = None
        i += 1
    return fences


def include_problems(fence: Fence, root: Path) -> tuple[list[str], list[str]]:
    """(problems, included snippet paths) for a fence that should be a pure include."""
    lines = [line.strip() for line in fence.body if line.strip()]
    matches = [INCLUDE.match(line) for line in lines]
    if not lines or not all(matches):
        return [
            "is never run by the tests: pytest-codeblocks runs only ```python fences "
            "with nothing after `python`; write it as a plain ```python block, or "
            "include tested code from snippets/"
        ], []
    problems, paths = [], []
    title = TITLE.search(fence.info)
    for match in matches:
        path, _, section = match.group(1).partition(":")
        paths.append(path)
        if not (title and title.group(1) == path):
            problems.append(f'includes {path}: write the fence as ```python title="{path}"')
        if not (path.startswith("snippets/") and path.endswith(".py")):
            problems.append(f"includes {path}: pages include Python from snippets/ only")
            continue
        source = root / path
        if not source.is_file():
            problems.append(f"includes {path}, which does not exist")
            continue
        if section:
            if ":" in section or not re.fullmatch(r"[\w-]+", section):
                problems.append(f"includes {match.group(1)}: name a section, not lines")
            elif f"[start:{section}]" not in (text := source.read_text(encoding="utf-8")) or (
                f"[end:{section}]" not in text
            ):
                problems.append(f"includes section '{section}', which {path} does not mark")
        stem = Path(path).stem
        if not any((root / "tests").rglob(f"test_{stem}*.py")):
            problems.append(f"includes {path}, which has no unit tests (tests/**/test_{stem}.py)")
    return problems, paths


def misspelt_directives(text: str) -> list[tuple[int, str]]:
    """(line, comment) for each comment meant for pytest-codeblocks that it would ignore."""
    return [
        (number, line.strip())
        for number, line in enumerate(text.splitlines(), start=1)
        if MEANT_FOR_PYTEST.fullmatch(line.strip())
        and not (CODEBLOCKS_COMMENT.fullmatch(line.strip()) or MARK_COMMENT.fullmatch(line.strip()))
    ]


def check_docs(root: Path) -> tuple[list[str], dict[str, int]]:
    """Problems (each "docs/PAGE.md:LINE: ...") and counts of what the guard saw."""
    problems: list[str] = []
    included: set[str] = set()
    counts = {"inline python blocks run": 0, "snippet includes": 0}
    for page in sorted((root / "docs").rglob("*.md")):
        where = page.relative_to(root).as_posix()
        text = page.read_text(encoding="utf-8")
        problems += [
            f"{where}:{line}: {comment} is not a pytest-codeblocks directive, which would "
            "ignore it: write <!--pytest-codeblocks:cont--> or "
            "<!--pytest-codeblocks:expected-output-->"
            for line, comment in misspelt_directives(text)
        ]
        for fence in parse_fences(text):
            if not fence.looks_like_python:
                continue
            if fence.runs:
                counts["inline python blocks run"] += fence.continues is None
                if any("--8<--" in line for line in fence.body):
                    problems.append(
                        f"{where}:{fence.line}: an include in a plain ```python fence is run "
                        'as Python and fails; write ```python title="snippets/..."'
                    )
                continue
            if fence.continues is not None:
                problems.append(
                    f"{where}:{fence.line}: <!--pytest-codeblocks:cont--> glues this block to "
                    f"the fence at line {fence.continues.line}, which is not run; "
                    "continue a plain ```python block instead"
                )
                continue
            if fence.collected and fence.info == "python":
                problems.append(f"{where}:{fence.line}: skipped or xfail block: make it run")
                continue
            found, paths = include_problems(fence, root)
            problems += [f"{where}:{fence.line}: ```{fence.info}``` {p}" for p in found]
            included.update(paths)
            counts["snippet includes"] += len(paths)
    for module in sorted((root / "snippets").rglob("*.py")):
        path = module.relative_to(root).as_posix()
        # Charts reach pages through chart markers, not includes (see the docstring).
        if module.name == "__init__.py" or path.startswith("snippets/charts/"):
            continue
        if path not in included:
            problems.append(f'{path}:1: no page includes this module (--8<-- "{path}")')
    return problems, counts


def plant(root: Path, page: str, modules: dict[str, str] | None = None) -> Path:
    """A tiny project in `root`: its docs/ with planted.md, snippets/ modules, their tests."""
    (root / "docs").mkdir(parents=True)
    (root / "docs" / "planted.md").write_text(textwrap.dedent(page), encoding="utf-8")
    (root / "snippets").mkdir()
    (root / "tests").mkdir()
    for name, code in (modules or {}).items():
        (root / "snippets" / name).write_text(code, encoding="utf-8")
        (root / "tests" / f"test_{Path(name).stem}.py").write_text("", encoding="utf-8")
    return root


def run_codeblocks(folder: Path) -> subprocess.CompletedProcess[str]:
    """pytest --codeblocks on the Markdown in `folder`, in a subprocess, with this
    project's report of a failing block (tests/codeblock_reports.py) but none of its
    other settings (an empty pytest.ini in `folder` stops the search for them)."""
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    plugin = ["-p", "tests.codeblock_reports", "-p", "no:cacheprovider"]
    return subprocess.run(
        [sys.executable, "-m", "pytest", "--codeblocks", *plugin, "."],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
