"""Code the reader runs or checks in the page, above a ```python block (a blank line between).

- `<!-- md:run NAME -->`: the reader can edit the block and run it.
- `<!-- md:check STEP -->`: the block is the starter of a hands-on step; the reader
  writes the step's function in it and presses Check, which runs the step's checks
  (the module named by the `check_steps` setting, hands_on.check: its STEPS) on it.

The block stays an ordinary code block (pytest-codeblocks runs it in CI, and without
JavaScript it reads as it is); this wraps it in a `div.runnable` with its buttons and an
output area, which docs/assets/javascripts/runner.js brings to life, in the reader's
browser, in the site's own copy of Pyodide. So the code may import only what Pyodide
has: the standard library and the modules listed in `browser_modules`; a step's checks,
the standard library only. Their files are served from `browser_files`
(docs/assets/python/, links to the real modules), and the build fails on one missing.
Plain functions; extension.py decides where the output goes.
"""

from __future__ import annotations

import ast
import html
import importlib
import importlib.util
import os
import re
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from content_markers.markers import MarkerError

RUN = "run"  # the marker's kind: <!-- md:run NAME -->
CHECK = "check"  # <!-- md:check STEP -->
RUN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The standard library modules Pyodide leaves out of its interpreter or loads apart
# (Pyodide's documentation, "Python standard library": removed or unvendored).
NOT_IN_THE_BROWSER = frozenset(
    {"curses", "dbm", "ensurepip", "idlelib", "lzma", "multiprocessing", "readline",
     "sqlite3", "ssl", "tkinter", "turtle", "turtledemo", "venv"}
)  # fmt: skip
TAGS = re.compile(r"<[^>]+>")


def code_of(block_html: str) -> str:
    """The source code shown by a highlighted code block's HTML."""
    code = re.search(r"<code[^>]*>(.*?)</code>", block_html, re.DOTALL)
    if code is None:
        raise MarkerError("is not followed by a code block")
    return html.unescape(TAGS.sub("", code.group(1)))


def imported_modules(tree: ast.AST) -> list[str]:
    """The modules the code imports, anywhere in it (relative imports left out)."""
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names.append(node.module or "")
    return names


def in_the_browser(name: str, browser_modules: Collection[str]) -> bool:
    """Whether the browser's Python can import module `name`."""
    top = name.split(".")[0]
    in_stdlib = top in sys.stdlib_module_names and top not in NOT_IN_THE_BROWSER
    return in_stdlib or name in browser_modules


def check_code(code: str, browser_modules: Collection[str]) -> None:
    """MarkerError unless the code parses and imports only what the browser has."""
    try:
        tree = ast.parse(code)
    except SyntaxError as error:
        raise MarkerError(
            f"the block is not Python: {error.msg} (its line {error.lineno})"
        ) from error
    for name in imported_modules(tree):
        if not in_the_browser(name, browser_modules):
            raise MarkerError(
                f"the block imports {name}, which the browser's Python does not have: "
                f"a runnable block may import the standard library and "
                f"{', '.join(sorted(browser_modules)) or 'nothing else'}"
            )


def module_files(browser_modules: Collection[str]) -> list[str]:
    """The files the browser needs for `browser_modules`, packages' __init__.py included."""
    files: list[str] = []
    for module in sorted(browser_modules):
        parts = module.split(".")
        files += [f"{'/'.join(parts[: i + 1])}/__init__.py" for i in range(len(parts) - 1)]
        files.append(f"{'/'.join(parts)}.py")
    return list(dict.fromkeys(files))


def served_problems(files: Collection[str], served: Path) -> list[str]:
    """What is wrong with how `served` (docs/assets/python/) holds the browser's `files`:
    each must be there, and a module other than a package's __init__.py must be a link to
    the real one (the browser runs the code CI tests)."""
    problems = []
    for file in files:
        copy = served / file
        spec = importlib.util.find_spec(file.removesuffix(".py").replace("/", "."))
        real = Path(spec.origin) if spec and spec.origin else None
        if file.endswith("__init__.py") and copy.is_file():
            continue
        if real is not None and copy.resolve() == real.resolve():
            continue
        target = os.path.relpath(real, copy.parent) if real else file
        problems.append(f"{copy} is not a link to the module: ln -sf {target} {copy}")
    return problems


def toolbar(block_id: str, action: str, result: str) -> str:
    """The closing HTML of a runnable block: its buttons (hidden until runner.js shows
    them, so a page without JavaScript shows none), and where its output goes. Neither
    is content: search leaves them out (Material's data-search-exclude)."""
    return (
        '<div class="runnable__toolbar" hidden data-search-exclude>'
        f'<button type="button" class="md-button runnable__run">{action}</button>'
        '<button type="button" class="md-button runnable__reset">Reset</button>'
        '<button type="button" class="md-button runnable__stop" hidden>Stop</button>'
        f'<span class="runnable__hint" id="{block_id}-hint">Tab indents; Esc, then Tab, '
        f"leaves the code; Ctrl+Enter {action.lower()}s it.</span>"
        '<span class="runnable__status" role="status"></span>'
        "</div>"
        f'<div class="runnable__result" hidden data-search-exclude><p>{result}</p>'
        '<samp class="runnable__output" tabindex="0"></samp></div>'
        "</div>"
    )


def wrapper(
    name: str, block_html: str, browser_modules: Collection[str], served: Path
) -> tuple[str, str]:
    """(opening, closing) HTML around the code block of a runnable example."""
    if not RUN_ID.match(name):
        raise MarkerError(f"'{name}' is not a name like 'doubling-a-loop' (lower case, '-')")
    check_code(code_of(block_html), browser_modules)
    files = module_files(browser_modules)
    problems = served_problems(files, served)
    if problems:
        raise MarkerError("modules the browser needs are not served: " + "; ".join(problems))
    opening = f'<div class="runnable" id="run-{name}" data-modules="{" ".join(files)}">'
    return opening, toolbar(f"run-{name}", "Run", "Output of your run")


# --- Hands-on steps checked in the page -----------------------------------------------


@dataclass(frozen=True)
class Checker:
    """The hands-on checker as the browser gets it."""

    steps: Mapping[str, Any]  # name -> Step (its .function and .file)
    files: list[str]  # its package's modules, as docs/assets/python/ serves them


def load_checker(module_name: str, served: Path) -> Checker:
    """The checker named by the `check_steps` setting (a module with STEPS), whose whole
    package goes to the browser: MarkerError if a module of it imports what the browser's
    Python lacks, or is not served."""
    if not module_name:
        raise MarkerError(
            "md:check needs the content_markers setting check_steps: the module whose "
            "STEPS maps each hands-on step's name to its checks (hands_on.check)"
        )
    module = importlib.import_module(module_name)
    package = module_name.split(".")[0]
    folder = Path(importlib.import_module(package).__file__).parent
    files = [f"{package}/{path.name}" for path in sorted(folder.glob("*.py"))]
    for path in sorted(folder.glob("*.py")):
        for name in imported_modules(ast.parse(path.read_text(encoding="utf-8"))):
            if name.split(".")[0] != package and not in_the_browser(name, ()):
                raise MarkerError(
                    f"{package}/{path.name} imports {name}, which the browser's Python does "
                    f"not have: the checks of a step import the standard library and "
                    f"{package} only"
                )
    problems = served_problems(files, served)
    if problems:
        raise MarkerError("modules of the checker are not served: " + "; ".join(problems))
    return Checker(module.STEPS, files)


def check_wrapper(step_name: str, block_html: str, checker: Checker) -> tuple[str, str]:
    """(opening, closing) HTML around the starter of a hands-on step."""
    step = checker.steps.get(step_name)
    if step is None:
        raise MarkerError(
            f"unknown step '{step_name}' (the steps are {', '.join(sorted(checker.steps))})"
        )
    code = code_of(block_html)
    check_code(code, ())
    defined = [
        node.name
        for node in ast.parse(code).body
        if isinstance(node, ast.FunctionDef | ast.ClassDef)
    ]
    if step.function not in defined:
        raise MarkerError(
            f"the block defines no {step.function}, the function or class step '{step_name}' checks"
        )
    opening = (
        f'<div class="runnable" id="check-{step_name}" data-step="{step_name}" '
        f'data-file="{html.escape(step.file)}" data-modules="{" ".join(checker.files)}">'
    )
    return opening, toolbar(f"check-{step_name}", "Check", "What the checker says")
