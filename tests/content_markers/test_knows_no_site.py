"""content_markers knows no site content: it imports only the standard library, itself
and what it is built on, and its tests pass where the site's scientific libraries (which
the tables and charts import) cannot be imported."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT
from tests.content_markers.without_science import BLOCKED

PACKAGE = ROOT / "content_markers"
HERE = Path(__file__).resolve().parent
# Python-Markdown (the engine it extends) and Jinja2 with MarkupSafe (the quiz template).
BUILT_ON = {"markdown", "jinja2", "markupsafe"}


def imported(tree: ast.AST) -> set[str]:
    """The top-level names of the modules `tree` imports (absolute imports)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.partition(".")[0])
    return names


def test_content_markers_imports_only_the_stdlib_itself_and_what_it_extends() -> None:
    allowed = set(sys.stdlib_module_names) | BUILT_ON | {"content_markers", "__future__"}
    found = {
        path.relative_to(ROOT).as_posix(): sorted(
            imported(ast.parse(path.read_text(encoding="utf-8"))) - allowed
        )
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert len(found) >= 6
    assert {path: names for path, names in found.items() if names} == {}


def test_imported_sees_every_kind_of_import() -> None:
    tree = ast.parse("import snippets.tables\nfrom plotly import io\nfrom . import x\n")
    assert imported(tree) == {"snippets", "plotly"}


def without_science(*args: str) -> subprocess.CompletedProcess[str]:
    """pytest `args` in a new process where numpy, scikit-learn, Plotly ... cannot import."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_XDIST")}
    command = [sys.executable, "-m", "tests.content_markers.without_science", *args]
    return subprocess.run(
        [*command, "-q", "-p", "no:cacheprovider", "-p", "no:xdist"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_content_markers_tests_run_without_numpy_plotly_or_scikit_learn() -> None:
    """Every test collects and none trips over a blocked import. A test that fails for
    another reason fails in the ordinary run too, and is reported there."""
    result = without_science("tests/content_markers", f"--ignore={__file__}")
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1), output[-3000:]  # 1: some test failed
    assert "(blocked)" not in output, output[-3000:]
    assert re.search(r"\b\d{2,} passed", output.splitlines()[-1]), output[-3000:]


def test_where_they_run_no_blocked_package_can_be_imported(tmp_path: Path) -> None:
    planted = tmp_path / "test_imports.py"
    planted.write_text(
        "".join(f"def test_{name}():\n    import {name}\n\n" for name in sorted(BLOCKED)),
        encoding="utf-8",
    )
    result = without_science(str(planted), "--rootdir", str(tmp_path))
    assert result.returncode == 1
    assert f"{len(BLOCKED)} failed" in result.stdout.splitlines()[-1]
    assert "ModuleNotFoundError: No module named 'numpy' (blocked)" in result.stdout
