"""<!-- md:run NAME --> and <!-- md:check STEP --> as Markdown in, HTML out: the code block
each stands above gets the runner's markup (held whole: runner.js reads it), and a block
or a checker the browser could not run fails the build."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from content_markers.markers import MarkerError
from content_markers.runnable import load_checker, module_files, served_problems
from tests.conftest import ROOT, site_markdown

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


def toolbar(block_id: str, action: str, verb: str, result: str) -> str:
    """The closing HTML runner.js expects (see its DOM contract)."""
    return (
        '<div class="runnable__toolbar" hidden data-search-exclude>'
        f'<button type="button" class="md-button runnable__run">{action}</button>'
        '<button type="button" class="md-button runnable__reset">Reset</button>'
        '<button type="button" class="md-button runnable__stop" hidden>Stop</button>'
        f'<span class="runnable__hint" id="{block_id}-hint">Tab indents; Esc, then Tab, '
        f"leaves the code; Ctrl+Enter {verb} it.</span>"
        '<span class="runnable__status" role="status"></span></div>'
        f'<div class="runnable__result" hidden data-search-exclude><p>{result}</p>'
        '<samp class="runnable__output" tabindex="0"></samp></div></div>'
    )


def wrapped(html: str, opening: str, closing: str) -> tuple[str, str]:
    """(the code block's HTML, what follows it) inside the block opening with `opening`."""
    assert opening in html, html
    inside = html[html.index(opening) + len(opening) :]
    code_end = inside.index("</code></pre></div>") + len("</code></pre></div>")
    return inside[:code_end].strip(), inside[code_end:].strip()[: len(closing)]


def test_the_block_is_wrapped_with_buttons_an_output_and_its_modules() -> None:
    html = convert(RUNNABLE)
    opening = '<div class="runnable" id="run-doubling" '
    opening += 'data-modules="snippets/__init__.py snippets/meter.py">'
    closing = toolbar("run-doubling", "Run", "runs", "Output of your run")
    code, after = wrapped(html, opening, closing)
    assert code.startswith('<div class="highlight" data-search-exclude><pre>') and "print" in code
    assert after == closing
    assert html.index("<p>Some text.</p>") < html.index(opening)
    assert html.index(closing) < html.index("<p>More text.</p>")


STARTER = """\
Save this starter:

<!-- md:check gate -->

```python
def passes_gate(model_error, baseline_error, min_gain=0.1):
    raise NotImplementedError("write the gate here")
```
"""


def test_a_starter_is_wrapped_to_be_checked_with_every_module_of_the_checker() -> None:
    html = convert(STARTER)
    files = " ".join(f"hands_on/{p.name}" for p in sorted((ROOT / "hands_on").glob("*.py")))
    opening = (
        f'<div class="runnable" id="check-gate" data-step="gate" data-file="my_gate.py" '
        f'data-modules="{files}">'
    )
    closing = toolbar("check-gate", "Check", "checks", "What the checker says")
    code, after = wrapped(html, opening, closing)
    assert "passes_gate" in code and after == closing


def planted_checker(tmp_path: Path, monkeypatch, gate_imports: str = "") -> Path:
    """A package `planted` with a step `gate`, importable; returns its served folder."""
    package = tmp_path / "planted"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "gate.py").write_text(gate_imports + "STEP = 'a step'\n", encoding="utf-8")
    (package / "check.py").write_text(
        "import types\nfrom planted import gate\n"
        "STEPS = {'gate': types.SimpleNamespace(function='passes_gate', file='my_gate.py')}\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))  # (it also clears the import system's caches)
    for name in [name for name in sys.modules if name.split(".")[0] == "planted"]:
        monkeypatch.delitem(sys.modules, name)  # each test plants its own
    served = tmp_path / "served"
    (served / "planted").mkdir(parents=True)
    for name in ("__init__.py", "gate.py", "check.py"):
        (served / "planted" / name).symlink_to(package / name)
    return served


def test_a_planted_checker_served_as_links_renders(tmp_path, monkeypatch) -> None:
    served = planted_checker(tmp_path, monkeypatch)
    settings = {"check_steps": "planted.check", "browser_files": str(served)}
    html = site_markdown(content_markers=settings).convert(STARTER)
    assert 'data-modules="planted/__init__.py planted/check.py planted/gate.py"' in html


def test_a_checker_module_the_browser_cannot_import_fails_the_build(tmp_path, monkeypatch) -> None:
    served = planted_checker(tmp_path, monkeypatch, gate_imports="import numpy\n")
    settings = {"check_steps": "planted.check", "browser_files": str(served)}
    with pytest.raises(MarkerError) as caught:
        site_markdown(content_markers=settings).convert(STARTER)
    assert "planted/gate.py imports numpy, which the browser's Python does not have" in str(
        caught.value
    )


def test_a_checker_setting_naming_no_package_fails_naming_it() -> None:
    with pytest.raises(MarkerError) as caught:
        site_markdown(content_markers={"check_steps": "no_such_package.check"}).convert(STARTER)
    assert caught.value.problem == (
        "the check_steps setting names no_such_package.check: no such package"
    )


def test_a_checker_module_not_served_fails_with_the_link_to_make(tmp_path, monkeypatch) -> None:
    served = planted_checker(tmp_path, monkeypatch)
    (served / "planted" / "gate.py").unlink()
    (served / "planted" / "check.py").unlink()
    settings = {"check_steps": "planted.check", "browser_files": str(served)}
    with pytest.raises(MarkerError) as caught:
        site_markdown(content_markers=settings).convert(STARTER)
    for name in ("check.py", "gate.py"):  # every one, so a merge fixes them in one go
        copy = served / "planted" / name
        link = f"{copy} is not a link to the module: ln -sf ../../planted/{name} {copy}"
        assert link in str(caught.value)


def test_a_check_marker_without_the_setting_says_which_setting() -> None:
    with pytest.raises(MarkerError) as caught:
        site_markdown(content_markers={"check_steps": ""}).convert(STARTER)
    assert "needs the content_markers setting check_steps" in str(caught.value)


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
        (STARTER.replace("md:check gate", "md:check gates"),
         "unknown step 'gates' (the steps are asof, backtest, canary, challenger, drift, evals"),
        (STARTER.replace("def passes_gate", "def gate"),
         "the block defines no passes_gate, the function or class step 'gate' checks"),
        (STARTER.replace("def passes_gate", "import numpy\ndef passes_gate"),
         "imports numpy, which the browser's Python does not have"),
        (STARTER.replace("```python", "```text"), "must stand right above a ```python block"),
    ],
)  # fmt: skip
def test_a_block_the_browser_cannot_run_or_check_fails_naming_the_marker_line(
    text, problem
) -> None:
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
    served = ROOT / "docs" / "assets" / "python"
    checker = load_checker("hands_on.check", served)
    assert served_problems(module_files(["snippets.meter"]) + checker.files, served) == []
    assert "hands_on/gate.py" in checker.files


def test_a_module_file_that_is_a_copy_is_not_served(tmp_path) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "meter.py").write_text("# a stale copy\n", encoding="utf-8")
    (tmp_path / "snippets" / "__init__.py").write_text("", encoding="utf-8")
    [problem] = served_problems(["snippets/__init__.py", "snippets/meter.py"], tmp_path)
    assert problem.startswith(f"{tmp_path / 'snippets' / 'meter.py'} is not a link")
