"""`make check`: what CI checks, on the files you changed, before you push.

The changed files are those that differ from where your branch left main: commits,
staged and unstaged edits, and new files git does not ignore. On them it runs
- lint: the pre-commit hooks (ruff, Markdown lint, spelling) on exactly those files;
- their tests: a page's code blocks, a module's unit tests (snippets/, hooks/, tools/,
  content_markers/), the quiz banks' checks, the code-block guard, and any changed test
  module that needs no browser;
- a strict build of the site, when anything it is built from changed (the lab notebook
  is executed only when it changed itself).
It ends by naming what it left to `make test`, which runs everything CI runs.
`make fix` (`--fix`) applies the automatic fixes to the same files instead: ruff's
formatting and fixable rules, and pymarkdown's.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from tools.site import ROOT, build_site

BIN = Path(sys.executable).parent
GUARD = "tests/test_codeblocks_guard.py"
# Tests that need a browser or a whole-site build are left to make test: this runs its
# own build, once.
UNIT = "not browser and not build"
# What a build reads: a change here can break the build (a link, a marker, a snippet).
BUILT_FROM = (
    "docs/",
    "snippets/",
    "quizzes/",
    "content_markers/",
    "hooks/",
    "overrides/",
    "includes/",
    "mkdocs.yml",
    "data/",
)
NOT_HERE = (
    "Not run here (make test runs them, as CI does, in about ten minutes): the browser "
    "tests (Chromium, axe-core), the Nu HTML checker, the Zensical build, the page-weight "
    "budgets, the reproducibility check, and the 95% coverage gate."
)


def git(*args: str) -> list[str]:
    done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    return done.stdout.split() if done.returncode == 0 else []


def changed_files() -> list[str]:
    """Files that differ from where this branch left main, and new files, that exist."""
    base = next((b for b in ("origin/main", "main") if git("rev-parse", "--verify", b)), None)
    start = (
        git("merge-base", "HEAD", base)[0] if base and git("merge-base", "HEAD", base) else "HEAD"
    )
    names = {*git("diff", "--name-only", start), *git("ls-files", "--others", "--exclude-standard")}
    return sorted(name for name in names if (ROOT / name).is_file())


def tests_for(path: str) -> list[str]:
    """The test files and page blocks that check `path` (none for what only a build checks)."""
    file = Path(path)
    if path.startswith("docs/") and file.suffix == ".md":
        return [path, GUARD]
    if path.startswith("tests/") and file.name.startswith("test_"):
        return [] if path.startswith("tests/browser/") else [path]
    if path.startswith("quizzes/"):
        return ["tests/content_markers/test_quizzes.py", "tests/content_markers/test_bank_rules.py"]
    if path.startswith("content_markers/"):
        return ["tests/content_markers"]
    folders = {"snippets": "tests/snippets", "hooks": "tests/hooks", "tools": "tests/tools"}
    top = file.parts[0]
    if top in folders and file.suffix == ".py":
        found = sorted(
            str(test.relative_to(ROOT))
            for test in (ROOT / folders[top]).glob(f"test_{file.stem}*.py")
        )
        return found + ([GUARD] if top == "snippets" else [])
    return []


@contextlib.contextmanager
def step(title: str) -> Iterator[list[bool]]:
    """Print a step's title, then whether it passed and how long it took."""
    print(f"\n== {title}", flush=True)
    start, outcome = time.perf_counter(), []
    yield outcome
    ok = all(outcome)
    print(f"== {title}: {'ok' if ok else 'FAILED'} ({time.perf_counter() - start:.0f} s)")


def run(title: str, command: list[str], env: dict[str, str] | None = None) -> bool:
    with step(title) as outcome:
        outcome.append(subprocess.run(command, cwd=ROOT, env=env, check=False).returncode == 0)
    return all(outcome)


def fix(files: Iterable[str]) -> None:
    python = [f for f in files if f.endswith(".py")]
    markdown = [f for f in files if f.endswith(".md")]
    if python:
        run("ruff format", [str(BIN / "ruff"), "format", *python])
        run("ruff check --fix", [str(BIN / "ruff"), "check", "--fix", *python])
    if markdown:
        run("pymarkdown fix", [str(BIN / "pymarkdown"), "fix", *markdown])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="apply the automatic fixes only")
    parser.add_argument("files", nargs="*", help="default: every file changed from main")
    args = parser.parse_args(argv)
    files = args.files or changed_files()
    if not files:
        print("Nothing changed from main: nothing to check. (make test runs everything.)")
        return 0
    if args.fix:
        print(f"Fixing {len(files)} changed file(s): {', '.join(files)}")
        fix(files)
        print("\nThen run make check: it checks what no tool can fix.")
        return 0
    print(f"Checking {len(files)} changed file(s): {', '.join(files)}")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    results = [run("lint", [str(BIN / "pre-commit"), "run", "--files", *files], env)]
    if not results[-1]:
        print("   make fix applies ruff's and pymarkdown's fixes; a spelling error is yours to fix")
    tests = sorted({test for path in files for test in tests_for(path)})
    if tests:
        results.append(run("tests", [str(BIN / "pytest"), "-q", "-m", UNIT, *tests]))
    if any(path.startswith(BUILT_FROM) for path in files):
        lab_changed = any(path.startswith("docs/lab/") for path in files)
        with tempfile.TemporaryDirectory() as site:
            print("\n== strict build" + ("" if lab_changed else " (lab not executed)"), flush=True)
            start = time.perf_counter()
            built = build_site(Path(site), execute_lab=lab_changed)
            print(built.stderr[-4000:] if built.returncode else "", end="")
            ok = built.returncode == 0
            print(
                f"== strict build: {'ok' if ok else 'FAILED'} ({time.perf_counter() - start:.0f} s)"
            )
            results.append(ok)
    print(f"\n{'All passed' if all(results) else 'Something failed (see above)'}. {NOT_HERE}")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
