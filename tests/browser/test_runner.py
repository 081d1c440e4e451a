"""Runnable examples in Chromium: Python from the site's own Pyodide, fetched on the
first Run and not before, giving the output CPython gives; errors, endless loops and
edits do not break the page; keyboard and policy as the rest of the site."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from csp import POLICY, WORKER_POLICY

from tests.browser.conftest import site_pages, watch
from tests.conftest import ROOT, make_site, page
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


def run(block, timeout: int = LOADING) -> str:
    """Press the block's Run button, wait for the run to end; its state."""
    block.locator(".runnable__run").click()
    block.locator(FINISHED).wait_for(timeout=timeout)
    return block.get_attribute("data-state")


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
    pages = {"index.md": page(EXAMPLE), "plain.md": page("# Plain\n\nNo runnable block.")}
    result = build_here(folder / "site", make_site(folder, pages))
    assert result.returncode == 0, result.stderr[-3000:]
    return folder / "site"


def policy_for(path: str) -> dict[str, str]:
    """Pages keep the policy of their <meta> tag; the worker gets its own with its
    response, as a host that sends headers would send it: WebAssembly allowed there only."""
    worker = path.endswith("runner-worker.mjs")
    return {"Content-Security-Policy": WORKER_POLICY} if worker else {}


def test_every_runnable_block_gives_in_the_browser_what_cpython_gives(
    built_site: Path, new_context
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
                assert run(block) == "done", f"/{path}#{block.get_attribute('id')}"
                printed = block.locator(".runnable__output").text_content()
                assert printed == cpython_output(code), f"/{path}#{block.get_attribute('id')}"
                checked += 1
            assert not seen.problems(), seen.problems()
            browser_page.close()
    assert checked >= 8


def recording(browser_page) -> list[str]:
    """The URLs the page requests from now on, in order."""
    requests: list[str] = []
    browser_page.on("request", lambda request: requests.append(request.url))
    return requests


def test_nothing_is_fetched_before_the_first_run_and_no_request_leaves_the_site(
    planted_site: Path, new_context
) -> None:
    browser_page = new_context().new_page()
    requests = recording(browser_page)
    with serve(planted_site, headers=policy_for) as url:
        seen = watch(browser_page, urlsplit(url).netloc)
        browser_page.goto(url, wait_until="networkidle")
        assert not [r for r in requests if "pyodide" in r], "Python was fetched before a Run"
        assert [r for r in requests if r.endswith("/runner.js")], "a runnable page loads runner.js"
        block = browser_page.locator("div.runnable")
        assert block.get_attribute("data-state") == "idle"
        assert run(block) == "done"
        assert block.locator(".runnable__output").text_content() == "6\n"
        assert block.locator(".runnable__status").text_content() == "Done."
        assert [r for r in requests if "pyodide.asm.wasm" in r], "Python never came"
        assert not seen.problems(), seen.problems()  # nothing off-site, nothing failed


def test_a_page_without_a_runnable_block_does_not_load_the_runner(
    planted_site: Path, new_context
) -> None:
    browser_page = new_context().new_page()
    requests = recording(browser_page)
    with serve(planted_site, headers=policy_for) as url:
        browser_page.goto(url + "plain/", wait_until="networkidle")
    assert [r for r in requests if r.endswith("/code-and-tables.js")]
    assert not [r for r in requests if "runner" in r or "pyodide" in r], requests


def test_an_error_shows_a_traceback_and_the_page_runs_on(planted_site: Path, new_context) -> None:
    browser_page = new_context().new_page()
    with serve(planted_site, headers=policy_for) as url:
        seen = watch(browser_page, urlsplit(url).netloc)
        browser_page.goto(url, wait_until="load")
        block = browser_page.locator("div.runnable")
        code = block.locator("pre > code")
        code.fill("def f(n):\n    return 10 // n\n\nprint(f(0))\n")
        assert run(block) == "done"
        output = block.locator(".runnable__output").text_content()
        assert output.startswith("Traceback (most recent call last):"), output
        assert 'File "<your code>", line 4, in <module>' in output, output
        # (The message's words differ between Python versions; the exception does not.)
        assert output.rstrip().split("\n")[-1].startswith("ZeroDivisionError: "), output
        assert "_pyodide" not in output, "the runner's own frames should not show"
        assert "raised an exception" in block.locator(".runnable__status").text_content()
        # Reset brings the example back, and it runs again in the same Python.
        block.locator(".runnable__reset").click()
        assert "meter.count" in code.inner_text()
        assert run(block, timeout=30_000) == "done"
        assert block.locator(".runnable__output").text_content() == "6\n"
        assert block.locator(".runnable__status").text_content() == "Done."
        assert not seen.console_errors, seen.console_errors


def test_an_endless_loop_can_be_stopped_and_python_starts_again(
    planted_site: Path, new_context
) -> None:
    browser_page = new_context().new_page()
    with serve(planted_site, headers=policy_for) as url:
        browser_page.goto(url, wait_until="load")
        block = browser_page.locator("div.runnable")
        assert run(block) == "done"  # Python loaded
        block.locator("pre > code").fill("while True:\n    pass\n")
        block.locator(".runnable__run").click()
        block.locator('xpath=self::*[@data-state="running"]').wait_for(timeout=30_000)
        block.locator(".runnable__stop").click()
        assert block.get_attribute("data-state") == "stopped"
        assert block.locator(".runnable__status").text_content() == "Stopped."
        block.locator(".runnable__reset").click()
        assert run(block) == "done"  # a new worker, a new Python
        assert block.locator(".runnable__output").text_content() == "6\n"
        assert block.locator(".runnable__status").text_content() == "Done."


def test_the_keyboard_reaches_the_code_and_the_buttons(planted_site: Path, new_context) -> None:
    browser_page = new_context().new_page()
    with serve(planted_site, headers=policy_for) as url:
        browser_page.goto(url, wait_until="load")
        code = browser_page.get_by_role("textbox", name="Python code: edit it, then press Run")
        code.focus()
        browser_page.keyboard.press("Control+End")
        browser_page.keyboard.press("Enter")
        browser_page.keyboard.type('print("typed")')
        run_button = browser_page.get_by_role("button", name="Run")
        run_button.focus()
        browser_page.keyboard.press("Enter")
        block = browser_page.locator("div.runnable")
        block.locator(FINISHED).wait_for(timeout=LOADING)
        assert block.locator(".runnable__output").text_content() == "6\ntyped\n"


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
