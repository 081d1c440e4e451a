"""Runnable examples and hands-on checks in Chromium: Python from the site's own Pyodide,
fetched on the first Run and not before, giving the output CPython gives, and each
hands-on step's checks giving the verdicts they give in CPython; errors, endless loops,
long output and input() are explained; edits are kept; keyboard, no-JavaScript and
policy as the rest of the site."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from hands_on.check import STEPS
from hooks.csp import POLICY, WORKER_POLICY
from tests.browser.conftest import Watched, site_pages, watch
from tests.browser.test_axe import AXE_SCRIPT, TAGS
from tests.conftest import ROOT, make_site, page
from tests.hands_on.steps import check_source, reference_source, step_tests
from tools.serve import serve
from tools.site import build_here

pytestmark = pytest.mark.browser

LOADING = 120_000  # ms: the first Run fetches and starts Python (about 7 s on an idle CI)
# The block's own state once a run has ended, one way or another.
FINISHED = "xpath=self::*[@data-state='done' or @data-state='stopped' or @data-state='failed']"

EXAMPLE = """\
# Example

<!-- md:run counting -->
```python
from snippets.meter import Meter

meter = Meter()
for n in range(4):
    meter.count("loop", n)
print(meter.total_operations)
```
"""


# One check block per registered step, on a starter that only names its function.
STEPS_PAGE = "# Steps\n\n" + "\n".join(
    f"<!-- md:check {name} -->\n\n```python\ndef {step.function}(*args, **kwargs):\n"
    f"    raise NotImplementedError\n```\n"
    for name, step in sorted(STEPS.items())
)


def run(block, timeout: int = LOADING) -> str:
    """Press the block's Run (or Check) button, wait for the run to end; its state."""
    block.locator(".runnable__run").click()
    block.locator(FINISHED).wait_for(timeout=timeout)
    return block.get_attribute("data-state")


def status(block) -> str:
    return block.locator(".runnable__status").text_content()


def output(block) -> str:
    return block.locator(".runnable__output").text_content()


def cpython_output(code: str) -> str:
    """What CPython (the tests' own) prints for `code`, run as the browser runs it."""
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
        timeout=60,
    )
    return done.stdout


@pytest.fixture(scope="module")
def planted_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("runner-site")
    pages = {
        "index.md": page(EXAMPLE),
        "plain.md": page("# Plain\n\nNo runnable block."),
        "steps.md": page(STEPS_PAGE),
    }
    result = build_here(folder / "site", make_site(folder, pages))
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def policy_for(path: str) -> dict[str, str]:
    """Pages keep the policy of their <meta> tag; the worker gets its own with its
    response, as a host that sends headers would send it: WebAssembly allowed there only."""
    worker = path.endswith("runner-worker.mjs")
    return {"Content-Security-Policy": WORKER_POLICY} if worker else {}


@pytest.fixture(scope="module")
def planted_url(planted_site: Path) -> Iterator[str]:
    with serve(planted_site, headers=policy_for) as url:
        yield url


@pytest.fixture
def open_planted(new_context, planted_url: str) -> Callable[..., tuple[object, Watched]]:
    """`open_planted(path, **context_options)` -> (page, watched) on the planted site,
    in a context of its own (no storage shared with another test)."""

    def open_(path: str = "", **options) -> tuple[object, Watched]:
        browser_page = new_context(**options).new_page()
        seen = watch(browser_page, urlsplit(planted_url).netloc)
        browser_page.goto(planted_url + path, wait_until="load")
        return browser_page, seen

    return open_


def test_every_runnable_block_gives_in_the_browser_what_cpython_gives(
    built_site: Path, new_context, tmp_path: Path
) -> None:
    runnable = [
        path
        for path in site_pages(built_site)
        if 'class="runnable"' in (built_site / path / "index.html").read_text("utf-8")
    ]
    assert runnable, "no page has a runnable block (<!-- md:run NAME -->)"
    context = new_context()
    checked = 0
    with serve(built_site, headers=policy_for) as url:
        for path in runnable:
            browser_page = context.new_page()
            seen = watch(browser_page, urlsplit(url).netloc)
            browser_page.goto(url + path, wait_until="load")
            for block in browser_page.locator("div.runnable").all():
                block.scroll_into_view_if_needed()
                # The text as written (innerText is empty while a block off screen is
                # not yet rendered; runner.js reads it once the reader has pressed Run).
                code = block.locator("pre > code").text_content()
                where = f"/{path}#{block.get_attribute('id')}"
                assert run(block) == "done", where
                step = block.get_attribute("data-step")
                if step:  # a hands-on step's starter: what the page's command says of it
                    lines = check_source(STEPS[step], code, tmp_path).lines
                    assert output(block) == "\n".join(lines) + "\n", where
                else:
                    assert output(block) == cpython_output(code), where
                checked += 1
            assert not seen.problems(), seen.problems()
            browser_page.close()
    assert checked >= 8 + len(STEPS)


def recording(browser_page) -> list[str]:
    """The URLs the page requests from now on, in order."""
    requests: list[str] = []
    browser_page.on("request", lambda request: requests.append(request.url))
    return requests


def test_nothing_is_fetched_before_the_first_run_and_no_request_leaves_the_site(
    planted_url: str, new_context
) -> None:
    browser_page = new_context().new_page()
    requests = recording(browser_page)
    seen = watch(browser_page, urlsplit(planted_url).netloc)
    browser_page.goto(planted_url, wait_until="networkidle")
    assert not [r for r in requests if "pyodide" in r], "Python was fetched before a Run"
    assert [r for r in requests if r.endswith("/runner.js")], "a runnable page loads runner.js"
    block = browser_page.locator("div.runnable")
    assert block.get_attribute("data-state") == "idle"
    assert run(block) == "done"
    assert output(block) == "6\n"
    assert status(block) == "Done."
    assert [r for r in requests if "pyodide.asm.wasm" in r], "Python never came"
    assert not seen.problems(), seen.problems()  # nothing off-site, nothing failed


def test_a_page_without_a_runnable_block_does_not_load_the_runner(
    planted_url: str, new_context
) -> None:
    browser_page = new_context().new_page()
    requests = recording(browser_page)
    browser_page.goto(planted_url + "plain/", wait_until="networkidle")
    assert [r for r in requests if r.endswith("/code-and-tables.js")]
    assert not [r for r in requests if "runner" in r or "pyodide" in r], requests


def test_an_error_shows_a_traceback_and_the_page_runs_on(open_planted) -> None:
    browser_page, seen = open_planted()
    block = browser_page.locator("div.runnable")
    code = block.locator("pre > code")
    code.fill("def f(n):\n    return 10 // n\n\nprint(f(0))\n")
    assert run(block) == "done"
    printed = output(block)
    assert printed.startswith("Traceback (most recent call last):"), printed
    # Each frame of the reader's code shows its line, as `python file.py` shows it.
    lines = printed.splitlines()
    at = lines.index('  File "<your code>", line 4, in <module>')
    assert lines[at + 1] == "    print(f(0))", printed
    at = lines.index('  File "<your code>", line 2, in f')
    assert lines[at + 1] == "    return 10 // n", printed
    # (The message's words differ between Python versions; the exception does not.)
    assert lines[-1].startswith("ZeroDivisionError: "), printed
    assert "_pyodide" not in printed, "the runner's own frames should not show"
    assert status(block) == (
        "Done: your code raised ZeroDivisionError at line 2 (the traceback is below)."
    )
    # Reset brings the example back, and it runs again in the same Python.
    block.locator(".runnable__reset").click()
    assert "meter.count" in code.inner_text()
    assert run(block, timeout=30_000) == "done"
    assert block.locator(".runnable__output").text_content() == "6\n"
    assert block.locator(".runnable__status").text_content() == "Done."
    assert not seen.console_errors, seen.console_errors


def test_an_endless_loop_can_be_stopped_and_python_starts_again(open_planted) -> None:
    browser_page, _ = open_planted()
    block = browser_page.locator("div.runnable")
    assert run(block) == "done"  # Python loaded
    block.locator("pre > code").fill("while True:\n    pass\n")
    block.locator(".runnable__run").click()
    block.get_by_text("Running…").wait_for(timeout=30_000)
    block.locator(".runnable__stop").click()
    assert block.get_attribute("data-state") == "stopped"
    assert status(block) == "Stopped."
    block.locator(".runnable__reset").click()
    said = statuses(browser_page)
    assert run(block) == "done"  # a new worker, a new Python
    assert output(block) == "6\n"
    assert status(block) == "Done."
    # It loaded Python again, and said so: not the first load's "the first time only".
    assert said() == [
        "Starting Python again (a stopped run ends its Python)…",
        "Running…",
        "Done.",
    ]


def statuses(browser_page):
    """Every text the runner's status lines show from now on, in order: () -> list."""
    browser_page.evaluate(
        """() => {
        window.__statuses = [];
        const seen = new MutationObserver(() => {
          for (const s of document.querySelectorAll(".runnable__status")) {
            if (s.textContent && s.textContent !== window.__statuses.at(-1))
              window.__statuses.push(s.textContent);
          }
        });
        seen.observe(document.body, { subtree: true, childList: true, characterData: true });
      }"""
    )
    return lambda: browser_page.evaluate("window.__statuses")


def test_a_run_button_is_seen_and_announced_unavailable_while_a_run_is_on(open_planted) -> None:
    browser_page, _ = open_planted()
    block = browser_page.locator("div.runnable")
    button = block.locator(".runnable__run")
    idle = button.evaluate("b => [getComputedStyle(b).borderStyle, getComputedStyle(b).cursor]")
    block.locator("pre > code").fill("while True:\n    pass\n")
    button.click()
    block.get_by_text("Running…").wait_for(timeout=LOADING)
    assert button.get_attribute("aria-disabled") == "true"
    busy = button.evaluate("b => [getComputedStyle(b).borderStyle, getComputedStyle(b).cursor]")
    assert idle == ["solid", "pointer"] and busy == ["dashed", "not-allowed"], (idle, busy)
    assert button.is_disabled()  # as assistive technology sees it
    button.click(force=True)  # pressed again all the same: nothing happens
    assert block.get_attribute("data-state") == "running"
    block.locator(".runnable__stop").click()
    assert button.get_attribute("aria-disabled") is None


def test_the_keyboard_reaches_the_code_and_the_buttons(open_planted) -> None:
    # A low window, so the Run button is below the top of the page: a drop of the focus
    # to the top of the page would scroll it.
    browser_page, _ = open_planted(viewport={"width": 412, "height": 240})
    code = browser_page.get_by_role("textbox", name="Python code: edit it, then press Run")
    code.focus()
    browser_page.keyboard.press("Control+End")
    browser_page.keyboard.press("Enter")
    browser_page.keyboard.type('print("typed")')
    run_button = browser_page.get_by_role("button", name="Run")
    run_button.focus()
    run_button.scroll_into_view_if_needed()
    scrolled = browser_page.evaluate("scrollY")
    assert scrolled > 0, "the page is short enough to hide a jump to its top"
    browser_page.keyboard.press("Enter")
    block = browser_page.locator("div.runnable")
    block.locator(FINISHED).wait_for(timeout=LOADING)
    assert output(block) == "6\ntyped\n"
    # The focus stays on Run, where the reader pressed it, and the page stays put.
    assert browser_page.evaluate("document.activeElement.textContent") == "Run"
    assert browser_page.evaluate("scrollY") == scrolled
    # Ctrl+Enter in the code runs it too.
    code.focus()
    browser_page.keyboard.press("Control+Enter")
    block.get_by_text("Done.").wait_for(timeout=30_000)


def test_tab_indents_the_code_and_esc_then_tab_leaves_it(open_planted) -> None:
    browser_page, _ = open_planted()
    code = browser_page.get_by_role("textbox", name="Python code: edit it, then press Run")
    hint = browser_page.locator(".runnable__hint")
    assert not hint.is_visible()
    code.fill("for n in range(2):\nprint(n)")
    code.focus()
    assert hint.is_visible() and "Esc, then Tab" in hint.text_content()
    assert code.get_attribute("aria-describedby") == hint.get_attribute("id")
    browser_page.keyboard.press("Control+End")
    browser_page.keyboard.press("Home")
    browser_page.keyboard.press("Tab")
    assert code.inner_text() == "for n in range(2):\n    print(n)"
    assert browser_page.evaluate("document.activeElement.getAttribute('role')") == "textbox"
    browser_page.keyboard.press("Shift+Tab")
    assert code.inner_text() == "for n in range(2):\nprint(n)"
    browser_page.keyboard.press("Tab")
    browser_page.keyboard.press("Escape")
    browser_page.keyboard.press("Tab")  # out of the code, as Tab goes anywhere else
    assert browser_page.evaluate("document.activeElement.getAttribute('role')") != "textbox"
    assert code.inner_text() == "for n in range(2):\n    print(n)"
    assert run(browser_page.locator("div.runnable")) == "done"
    assert output(browser_page.locator("div.runnable")) == "0\n1\n"


def test_output_past_the_limit_is_cut_and_the_status_says_so(open_planted) -> None:
    browser_page, _ = open_planted()
    block = browser_page.locator("div.runnable")
    block.locator("pre > code").fill('for _ in range(300):\n    print("x" * 99)\n')
    assert run(block) == "done"
    printed = output(block)
    assert printed.startswith("x" * 99 + "\n")
    assert printed.endswith(
        "\n… [cut here: a run keeps the first 20,000 characters it prints]\n"
    ), printed[-200:]
    assert len(printed) < 20_100
    assert status(block) == "Done: the output was cut at 20,000 characters."


def test_input_says_it_is_not_supported(open_planted) -> None:
    browser_page, _ = open_planted()
    block = browser_page.locator("div.runnable")
    block.locator("pre > code").fill('name = input("Your name? ")\nprint(name)\n')
    assert run(block) == "done"
    last = output(block).splitlines()[-1]
    assert last.startswith("EOFError: input() is not supported here"), last
    assert "Errno" not in output(block)
    assert status(block) == "Done: your code raised EOFError at line 1 (the traceback is below)."


def test_edits_are_kept_in_this_browser_until_reset(open_planted) -> None:
    browser_page, _ = open_planted()
    block = browser_page.locator("div.runnable")
    code = block.locator("pre > code")
    code.fill('print("mine")\n')
    browser_page.reload(wait_until="load")
    assert code.inner_text().strip() == 'print("mine")'
    assert "kept in this browser" in status(block)
    assert run(block) == "done"
    assert output(block) == "mine\n"
    block.locator(".runnable__reset").click()
    browser_page.reload(wait_until="load")
    assert "meter.count" in code.inner_text()
    assert status(block) == ""
    # An edit typed back to the page's code is nothing to keep.
    code.focus()
    browser_page.keyboard.press("Control+End")
    browser_page.keyboard.type("#")
    browser_page.keyboard.press("Backspace")
    browser_page.reload(wait_until="load")
    assert status(block) == ""
    # Material's palette component saves the reader's scheme ("__palette") on every load.
    kept = browser_page.evaluate("Object.keys(localStorage)")
    assert [key for key in kept if not key.endswith(".__palette")] == [], kept


def test_without_javascript_no_button_shows(open_planted) -> None:
    for path in ("", "steps/"):
        browser_page, _ = open_planted(path, java_script_enabled=False)
        assert browser_page.locator("div.runnable pre").first.is_visible()
        for name in ("run", "reset", "stop", "hint", "status", "result"):
            for found in browser_page.locator(f".runnable__{name}").all():
                assert not found.is_visible(), f"/{path}: .runnable__{name} shows"


# --- Hands-on steps, checked in the page ----------------------------------------------------


def verdicts(text: str) -> list[str]:
    """What a check decided: its first line, each rule's ok or FAIL, and its last line.
    (The lines under a FAIL may quote an exception's message, whose words differ
    between Python versions: 'float division by zero' in 3.11, 'division by zero' later.)"""
    lines = text.splitlines()
    return [lines[0], *(line for line in lines if line.startswith(("ok    ", "FAIL  "))), lines[-1]]


def test_each_steps_checks_give_the_same_verdicts_in_the_browser_as_in_cpython(
    open_planted, tmp_path: Path
) -> None:
    """Every step that has tests/hands_on/test_<step>.py: its reference solution and each
    usual mistake, checked with the page's Check button and with the checker in CPython."""
    browser_page, seen = open_planted("steps/")
    compared = 0
    for tests in step_tests():
        step = tests.step
        block = browser_page.locator(f"#check-{step.name}")
        block.scroll_into_view_if_needed()
        solutions = {
            "the reference": reference_source(tests.reference, step.function),
            **{name: code for name, (code, _) in tests.mistakes.items()},
        }
        for name, code in solutions.items():
            block.locator("pre > code").fill(textwrap.dedent(code))
            assert run(block) == "done", f"{step.name}, {name}: {status(block)}"
            report = check_source(step, code, tmp_path)
            where = f"{step.name}, {name}"
            assert verdicts(output(block)) == verdicts("\n".join(report.lines)), where
            passed = report.checks - report.failed
            assert status(block) == (
                f"All {report.checks} checks pass."
                if report.passed
                else f"{passed} of {report.checks} checks pass: the first FAIL below says "
                "what to fix."
            ), where
            compared += 1
    assert not seen.problems(), seen.problems()
    assert compared >= len(STEPS) * 2


def test_a_starter_as_it_stands_is_not_checked_and_the_status_says_so(open_planted) -> None:
    browser_page, _ = open_planted("steps/")
    block = browser_page.locator("#check-gate")
    assert block.locator(".runnable__run").text_content() == "Check"
    assert run(block) == "done"
    assert output(block).startswith("passes_gate in my_gate.py is still the starter")
    assert status(block) == "Not checked: the checker's message is below."
    code = block.get_by_role("textbox", name="Python code: edit it, then press Check")
    code.fill("def passes_gate(a, b\n")
    assert run(block) == "done"
    assert output(block).startswith("my_gate.py, line 1: Python cannot read this line")


def axe_on_the_blocks(browser_page) -> list[str]:
    """axe-core's serious and critical findings inside the page's runnable blocks."""
    if not browser_page.evaluate("() => typeof window.axe === 'object'"):
        browser_page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    results = browser_page.evaluate(
        "options => axe.run({include: [['div.runnable']]}, options)", options
    )
    return [
        f"{violation['id']} at {' >> '.join(node['target'])}: {node['failureSummary']}"
        for violation in results["violations"]
        if violation["impact"] in {"serious", "critical"}
        for node in violation["nodes"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_blocks_in_use_break_no_axe_rule(open_planted, scheme: str) -> None:
    """After a Check (its output shown, the code focused, its hint shown) and while a run
    is on (Run unavailable, Stop shown): the states the page's own axe test never sees."""
    browser_page, _ = open_planted("steps/", color_scheme=scheme)
    block = browser_page.locator("#check-gate")
    block.locator("pre > code").fill("def passes_gate(a, b, min_gain=0.1):\n    return a < b\n")
    assert run(block) == "done"
    block.locator("pre > code").focus()
    assert block.locator(".runnable__hint").is_visible()
    found = axe_on_the_blocks(browser_page)
    block.locator("pre > code").fill("def passes_gate(a, b, min_gain=0.1):\n    while True: pass\n")
    block.locator(".runnable__run").click()
    block.get_by_text("Checking…").wait_for(timeout=30_000)
    found += axe_on_the_blocks(browser_page)
    block.locator(".runnable__stop").click()
    assert not found, "\n".join(found)


def test_a_worker_not_allowed_to_compile_webassembly_says_so(
    planted_site: Path, new_context
) -> None:
    """A host that sends the worker the pages' policy, without 'wasm-unsafe-eval': the
    run fails with a message, not in silence."""
    browser_page = new_context().new_page()
    worker_without_wasm = {"Content-Security-Policy": POLICY.format(hashes="")}
    with serve(
        planted_site, headers=lambda path: worker_without_wasm if "worker" in path else {}
    ) as url:
        browser_page.goto(url, wait_until="load")
        block = browser_page.locator("div.runnable")
        assert run(block) == "failed"
        status = block.locator(".runnable__status").text_content()
        assert "security policy blocks it" in status, status
