"""<!-- md:run NAME --> as Markdown in, HTML out: the code block it stands above gets the
runner's markup, and a block the browser could not run fails the build."""

from __future__ import annotations

import re

import pytest

from content_markers.markers import MarkerError
from content_markers.runnable import module_files
from tests.conftest import site_markdown

RUNNABLE = """\
Some text.

<!-- md:run doubling -->

```python
from snippets.meter import Meter

for n in (10, 20):
    print(n, 2 * n)
```

More text.
"""


def convert(text: str) -> str:
    return site_markdown().convert(text)


def failure(text: str) -> str:
    with pytest.raises(MarkerError) as caught:
        convert(text)
    return str(caught.value)


def test_the_block_is_wrapped_with_buttons_an_output_and_its_modules() -> None:
    html = convert(RUNNABLE)
    opening = '<div class="runnable" id="run-doubling" '
    opening += 'data-modules="snippets/__init__.py snippets/meter.py">'
    closing = '<samp class="runnable__output" tabindex="0"></samp></div></div>'
    wrapped = html[html.index(opening) : html.index(closing) + len(closing)]
    code, toolbar = wrapped.index('<div class="highlight">'), wrapped.index("runnable__toolbar")
    assert code < toolbar
    assert re.search(r'<div class="runnable__toolbar" hidden[^>]*>.*runnable__run">Run<', wrapped)
    assert html.index("<p>Some text.</p>") < html.index(opening)
    assert html.index(closing) < html.index("<p>More text.</p>")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (RUNNABLE.replace("snippets.meter import Meter", "numpy import array"),
         "imports numpy, which the browser's Python does not have"),
        (RUNNABLE.replace("from snippets.meter import Meter", "import sqlite3"),
         "imports sqlite3, which the browser's Python does not have"),
        (RUNNABLE.replace("```python", "```text"), "must stand right above a ```python block"),
        (RUNNABLE.replace("```python\n", "Prose.\n\n```python\n"),
         "must stand right above a ```python block"),
        (RUNNABLE.replace("print(n, 2 * n)", "print(n,"), "the block is not Python"),
        (RUNNABLE.replace("md:run doubling", "md:run Doubling_It"), "is not a name like"),
    ],
)  # fmt: skip
def test_a_block_the_browser_cannot_run_fails_naming_the_marker_line(text, problem) -> None:
    message = failure(text)
    assert problem in message, message
    assert "line 3 after the front matter" in message, message


def test_a_package_module_brings_its_packages_init_files() -> None:
    assert module_files(["a.b.c", "a.d"]) == [
        "a/__init__.py",
        "a/b/__init__.py",
        "a/b/c.py",
        "a/d.py",
    ]


def test_the_browser_modules_are_served_as_the_real_files() -> None:
    """docs/assets/python/ links to the modules, so the browser runs the code CI runs."""
    from tests.conftest import ROOT

    served = ROOT / "docs" / "assets" / "python"
    for file in module_files(["snippets.meter"]):
        if file.endswith("__init__.py"):
            assert (served / file).is_file(), file
        else:
            assert (served / file).resolve() == (ROOT / file).resolve(), file
