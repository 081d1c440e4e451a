"""`<!-- md:run NAME -->` above a ```python block (a blank line between): readers can run it.

The block stays an ordinary code block (pytest-codeblocks runs it in CI, and without
JavaScript it reads as it is); this wraps it in a `div.runnable` with Run, Reset and
Stop buttons and an output area, which docs/assets/javascripts/runner.js brings to life:
the reader edits the code and runs it in their browser, in the site's own copy of
Pyodide. So the code may import only what Pyodide has: the standard library and the
modules listed in `browser_modules` (their files are served from docs/assets/python/).
Plain functions; extension.py decides where the output goes.
"""

from __future__ import annotations

import ast
import html
import re
import sys
from collections.abc import Collection

from content_markers.markers import MarkerError

RUN = "run"  # the marker's kind: <!-- md:run NAME -->
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


def wrapper(name: str, block_html: str, browser_modules: Collection[str]) -> tuple[str, str]:
    """(opening, closing) HTML around the code block of a runnable example."""
    if not RUN_ID.match(name):
        raise MarkerError(f"'{name}' is not a name like 'doubling-a-loop' (lower case, '-')")
    check_code(code_of(block_html), browser_modules)
    files = " ".join(module_files(browser_modules))
    opening = f'<div class="runnable" id="run-{name}" data-modules="{files}">'
    closing = (
        '<div class="runnable__toolbar" hidden>'
        '<button type="button" class="md-button runnable__run">Run</button>'
        '<button type="button" class="md-button runnable__reset">Reset</button>'
        '<button type="button" class="md-button runnable__stop" hidden>Stop</button>'
        '<span class="runnable__status" role="status"></span>'
        "</div>"
        '<div class="runnable__result" hidden><p>Output of your run</p>'
        '<samp class="runnable__output" tabindex="0"></samp></div>'
        "</div>"
    )
    return opening, closing
