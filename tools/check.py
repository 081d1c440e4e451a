"""`make check`: what CI checks, on the files you changed, before you push.

The changed files are those that differ from where your branch left main: commits,
staged and unstaged edits, and new files git does not ignore. On them it runs
- lint: the pre-commit hooks (ruff, Markdown lint, spelling) on exactly those files;
- the unit tests that read them (`tests_for`): a page's code blocks, a changed test
  module, every test module that imports a changed module (directly, through other
  modules or through its conftest.py), and the tests that read a changed data file
  (READERS; tests/reads.py fails a test that reads a file this map does not lead to it);
- a strict build of the site, when anything it is built from changed (the lab notebook
  is executed only when it, or the code and data it imports, changed).
It ends by naming what it left to `make test`, which runs everything CI runs.

`make fix` (`--fix`) applies the automatic fixes to the same files instead (ruff's
formatting and fixable rules, pymarkdown's fixes), names the files each one changed,
then runs the lint again: it exits non-zero, naming them, when problems remain that no
tool fixes. Ruff never deletes code here: an unused import may be a misspelt one, so
pyproject.toml marks that fix unfixable.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import fnmatch
import functools
import os
import re
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
# What the lab notebook imports: a change here can change what it prints, or break it.
LAB_READS = ("docs/lab/", "snippets/", "data/")
NOT_HERE = (
    "Not run here (make test runs them, as CI does): the browser tests (Chromium, "
    "axe-core), the Nu HTML checker, the Zensical build, the links in the built site, the "
    "page-weight budgets, the reproducibility check, and the 95% coverage gate."
)
# Files that make check's tests and build do not check, or not alone (pattern as in
# READERS -> what does); make check names them when they changed.
CHECKED_ELSEWHERE = {
    "tests/browser/*": "the browser tests",
    "tests/site/*": "the whole-site tests",
    "docs/assets/*": "the browser tests and the build",
    "lighthouserc.json": "tests/site/test_bench.py, with the built site",
    "lychee.toml": "tests/site/test_links.py, with the built site",
    "pyproject.toml": "every test and the lint: make test",
    "requirements.txt": "every test, in a new .venv: make test",
    ".pre-commit-config.yaml": "the lint (make check runs it on your files)",
    ".oxlintrc.json": "the lint of the JavaScript (make lint)",
    "DECISIONS.md": "the lint (Markdown, spelling): a record of measurements, read by people",
    ".github/*": "CI itself",
    ".ci/run": "CI itself",
    ".gitignore": "nothing: git reads it",
    "tools/bench.py": "make bench",
    "tools/screenshots.py": "make screenshots",
}


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


# Files that tests read as data, beyond what their names and imports say: each pattern
# (fnmatch, against the path from the repository's root; `*` matches across folders) ->
# the tests that read it. tests/reads.py fails a unit test that reads a file this map
# does not lead to it.
READERS: dict[str, tuple[str, ...]] = {
    "docs/*.md": (
        "tests/content_markers/test_bank_rules.py",
        "tests/content_markers/test_quizzes.py",
        "tests/snippets/test_charts_figures.py",
        "tests/snippets/test_pages_words.py",
        "tests/snippets/test_team_costs.py",
    ),
    "docs/practice/*.md": ("tests/test_practice_pages.py",),
    "docs/glossary.md": ("tests/test_glossary.py",),
    "docs/hands-on.md": ("tests/test_practice_pages.py",),
    "docs/visual-comparison.md": ("tests/test_pipelines_diagram.py",),
    "docs/data-and-drift.md": ("tests/snippets/test_core_tables.py",),
    "docs/assets/stylesheets/site.css": ("tests/test_pipelines_diagram.py",),
    "docs/lab/*.py": (
        "tests/site/test_lab.py",
        "tests/snippets/test_charts_figures.py",
        "tests/snippets/test_pages_words.py",
        "tests/snippets/test_wall_times.py",
    ),
    "docs/assets/python/*": (
        "tests/content_markers/test_runnable.py",
        "tests/snippets/test_wall_times.py",
    ),
    "hands_on/*.py": ("tests/content_markers/test_runnable.py",),
    "tests/hands_on/test_*.py": ("tests/hands_on/test_check.py",),
    "content_markers/templates/*": ("tests/content_markers",),
    "content_markers/*.py": ("tests/content_markers/test_knows_no_site.py",),
    "docs/assets/vendor/*": (
        "tests/tools/test_vendor_pyodide.py",
        "tests/snippets/test_charts_figures.py",
    ),
    "quizzes/*.md": (
        "tests/content_markers",
        "tests/snippets/test_quiz_numbers.py",
        "tests/test_practice_pages.py",
    ),
    "includes/*": ("tests/content_markers",),
    # mkdocs.yml names the extensions, which the tests load by name (site_markdown), and
    # the quiz template is read as a file: no import leads to them.
    "content_markers/*": ("tests/content_markers",),
    "snippets/*.py": (
        GUARD,
        "tests/test_practice_pages.py",
        "tests/hands_on",
        "tests/snippets/test_wall_times.py",
        "tests/content_markers/test_runnable.py",
    ),
    "snippets/workflows/*": ("tests/snippets/test_workflow.py",),
    "data/*": ("tests/snippets",),
    # A page's build in this test renders the real-costs tables, which read the data.
    "data/*.toml": ("tests/hooks/test_marker_errors.py",),
    "templates/*": ("tests/site/test_template.py",),
    "mkdocs.yml": ("tests/content_markers",),
    "overrides/partials/*": ("tests/site/test_overrides.py",),
    "package.json": ("tests/tools/test_vendor_pyodide.py",),
    "package-lock.json": ("tests/tools/test_vendor_pyodide.py",),
    "README.md": ("tests/test_commands.py",),
    "CONTRIBUTING.md": ("tests/test_commands.py",),
    "Makefile": ("tests/test_commands.py",),
    "pyproject.toml": ("tests/tools/test_check.py",),
    ".pre-commit-config.yaml": ("tests/tools/test_check.py",),
    "tests/codeblock_reports.py": ("tests/test_codeblock_failures.py",),
    "tests/reads.py": ("tests/tools/test_reads.py",),
}
# Every comment and docstring in these is read by the test that the paths they name exist.
NAMED_PATHS = "tests/test_named_paths.py"
for _pattern in (
    *(f"{folder}/*" for folder in ("snippets", "content_markers", "hooks", "hands_on")),
    *("tools/*", "tests/*", "docs/assets/*", "overrides/*", ".github/*"),
    *("Makefile", ".ci/run", "mkdocs.yml", ".pre-commit-config.yaml", "DECISIONS.md"),
):
    READERS[_pattern] = (*READERS.get(_pattern, ()), NAMED_PATHS)

# Top-level folders whose Python modules tests import.
PACKAGES = ("snippets", "content_markers", "hands_on", "hooks", "tools", "tests")


def module_path(name: str) -> Path | None:
    """The file of an importable module of this repository ('snippets.meter'), if any."""
    parts = name.split(".")
    if parts[0] not in PACKAGES:
        return None
    for candidate in (
        ROOT.joinpath(*parts).with_suffix(".py"),
        ROOT.joinpath(*parts, "__init__.py"),
    ):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def imports(path: Path) -> frozenset[Path]:
    """The repository's modules that `path` imports, and the packages they are in."""
    found: set[Path] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            for end in range(1, len(parts) + 1):  # the packages too: their __init__ runs
                module = module_path(".".join(parts[:end]))
                if module is not None:
                    found.add(module)
    return frozenset(found)


@functools.cache
def imported_by(path: Path) -> frozenset[Path]:
    """Every repository module `path` imports, directly or through others."""
    seen: set[Path] = set()
    todo = [path]
    while todo:
        for module in imports(todo.pop()) - seen:
            seen.add(module)
            todo.append(module)
    return frozenset(seen)


@functools.cache
def unit_test_modules() -> dict[str, frozenset[Path]]:
    """Each test module, with what it imports and what its conftest.py files import."""
    found = {}
    for test in sorted((ROOT / "tests").rglob("test_*.py")):
        # pytest imports the module inside its folders' packages, under their conftest.py.
        around = [
            ROOT / folder / name
            for folder in test.relative_to(ROOT).parents
            for name in ("conftest.py", "__init__.py")
            if (ROOT / folder / name).is_file()
        ]
        reads = imported_by(test).union(*(imported_by(path) | {path} for path in around))
        found[test.relative_to(ROOT).as_posix()] = reads
    return found


PAGE_IMPORT = re.compile(r"^\s*(?:from|import) ((?:snippets|hands_on)(?:\.\w+)*)", re.MULTILINE)


@functools.cache
def pages_importing() -> dict[str, frozenset[Path]]:
    """Each page whose code blocks import the repository's modules, with all they import."""
    found = {}
    for page in sorted((ROOT / "docs").rglob("*.md")):
        modules = {module_path(name) for name in PAGE_IMPORT.findall(page.read_text("utf-8"))}
        reads = set().union(*({m} | imported_by(m) for m in modules if m is not None))
        if reads:
            found[page.relative_to(ROOT).as_posix()] = frozenset(reads)
    return found


def tests_for(path: str) -> list[str]:
    """The test files, test folders and page blocks that check `path`: a page's own
    blocks, a test module itself, every test module and page that imports a changed
    module (directly, through other modules, or through a test's conftest.py), and the
    readers of data files in READERS. Browser tests are left to `make test`."""
    found = set()
    if path.startswith("docs/") and path.endswith(".md"):
        found |= {path, GUARD}
    if path.startswith("tests/") and Path(path).name.startswith("test_"):
        found.add(path)
    if path.endswith(".py") and (ROOT / path).is_file():
        importers = {**unit_test_modules(), **pages_importing()}
        found |= {test for test, reads in importers.items() if ROOT / path in reads}
    for pattern, tests in READERS.items():
        if fnmatch.fnmatch(path, pattern):
            found |= set(tests)
    found = {test for test in found if not test.startswith("tests/browser/")}
    # A file inside a folder that is run anyway need not be named as well.
    return sorted(test for test in found if not selects(sorted(found - {test}), test))


def selects(tests: list[str], module: str) -> bool:
    """Whether running `tests` (files and folders) runs the test module `module`."""
    return any(module == test or module.startswith(test.rstrip("/") + "/") for test in tests)


@contextlib.contextmanager
def step(title: str) -> Iterator[list[bool]]:
    """Print a step's title, then whether it passed and how long it took."""
    print(f"\n== {title}", flush=True)
    start = time.perf_counter()
    outcome: list[bool] = []
    yield outcome
    ok = all(outcome)
    print(f"== {title}: {'ok' if ok else 'FAILED'} ({time.perf_counter() - start:.0f} s)")


def run(title: str, command: list[str], env: dict[str, str] | None = None) -> bool:
    with step(title) as outcome:
        outcome.append(subprocess.run(command, cwd=ROOT, env=env, check=False).returncode == 0)
    return all(outcome)


def contents(files: Iterable[str]) -> dict[str, bytes]:
    return {name: (ROOT / name).read_bytes() for name in files}


def fix(files: list[str], env: dict[str, str]) -> bool:
    """Apply each tool's fixes, naming the files it changed, then lint again; whether
    nothing remains to be fixed by hand."""
    python = [f for f in files if f.endswith(".py")]
    markdown = [f for f in files if f.endswith(".md")]
    fixers = [
        ("ruff format", [str(BIN / "ruff"), "format", "--quiet"], python),
        ("ruff check --fix", [str(BIN / "ruff"), "check", "--fix", "--quiet"], python),
        ("pymarkdown fix", [str(BIN / "pymarkdown"), "fix"], markdown),
    ]
    for title, command, targets in fixers:
        if not targets:
            continue
        before = contents(targets)
        # Their exit codes say "found something", fixed or not: what changed is read instead.
        subprocess.run([*command, *targets], cwd=ROOT, capture_output=True, check=False)
        changed = [name for name, data in contents(targets).items() if data != before[name]]
        print(f"== {title}: {'fixed ' + ', '.join(changed) if changed else 'nothing to fix'}")
    return run("lint, after the fixes", [str(BIN / "pre-commit"), "run", "--files", *files], env)


def checked_elsewhere(files: Iterable[str]) -> list[str]:
    """The changed files that make check does not check alone, each with what does."""
    return [
        f"{name} ({why})"
        for name in files
        for pattern, why in CHECKED_ELSEWHERE.items()
        if fnmatch.fnmatch(name, pattern)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--fix", action="store_true", help="apply the automatic fixes only")
    parser.add_argument("files", nargs="*", help="default: every file changed from main")
    args = parser.parse_args(argv)
    files = args.files or changed_files()
    if not files:
        print("Nothing changed from main: nothing to check. (make test runs everything.)")
        return 0
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    if args.fix:
        print(f"Fixing {len(files)} changed file(s): {', '.join(files)}")
        if fix(files, env):
            print("\nNothing left to fix by hand. make check runs the tests.")
            return 0
        print("\nLeft for you: what the lint reports above (no tool fixes it).")
        return 1
    print(f"Checking {len(files)} changed file(s): {', '.join(files)}")
    results = [run("lint", [str(BIN / "pre-commit"), "run", "--files", *files], env)]
    if not results[-1]:
        print("   make fix applies ruff's and pymarkdown's fixes; a spelling error is yours to fix")
    tests = sorted({test for path in files for test in tests_for(path)})
    if tests:
        # Many test files are quicker in a process per core; a few, in this one.
        parallel = ["-n", "auto"] if len(tests) > 5 else []
        command = [str(BIN / "pytest"), "-q", *parallel, "-m", UNIT, *tests]
        results.append(run(f"tests ({len(tests)} files and folders)", command))
    if any(path.startswith(BUILT_FROM) for path in files):
        lab_changed = any(path.startswith(LAB_READS) for path in files)
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
    elsewhere = checked_elsewhere(files)
    if elsewhere:
        print("Changed files that make check does not check alone: " + "; ".join(elsewhere))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
