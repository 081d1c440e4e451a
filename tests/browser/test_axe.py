"""axe-core, the engine behind Lighthouse's accessibility audits, run with all its WCAG
2.0, 2.1 and 2.2 A and AA rules and its best practices on every page of the built site,
in the light and the dark scheme, at a phone's width and a desktop's. (Lighthouse runs a
subset of these rules, in the light scheme, at one width.)

Each page is first put in the state of a reader who has read all of it, so nothing is
skipped or misread: every <details> open (quiz solutions, the code behind tables, chart
data), every chart drawn, every code block set up by Material (content.lazy sets one up
only as it nears the screen), and every block drawn (a block left undrawn by
content-visibility, as site.css once did, has colours axe-core misreads).

A serious or critical violation fails the test. A moderate or minor one fails it unless
axe_accepted.toml, beside this file, lists it with its reason.

axe-core comes from axe-playwright-python, which carries axe.min.js (no network): the
script is evaluated in the page through Playwright, with no other browser driver.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.conftest import settle
from tests.browser.test_charts import draw_every_chart
from tests.conftest import page_paths
from tools.serve import serve

pytestmark = pytest.mark.browser

ACCEPTED = Path(__file__).with_name("axe_accepted.toml")
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# The rules whose outcome depends on colour; the others see the same page in either
# scheme, so the dark scheme runs only these.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
WIDTHS = {"phone": {"width": 412, "height": 823}, "desktop": {"width": 1280, "height": 800}}
BLOCKING = frozenset({"serious", "critical"})
AXE_SCRIPT = Axe().axe_script

# Every <details> open, and every block drawn as it will be on screen.
OPEN_AND_DRAW = """() => {
  for (const details of document.querySelectorAll("details")) details.open = true;
  for (const element of document.querySelectorAll("body *"))
    if (getComputedStyle(element).contentVisibility === "auto")
      element.style.contentVisibility = "visible";
}"""
# Each code block brought near the screen, where Material sets it up; Material gives
# its <pre> an id "__code_N" as it does.
SET_UP_CODE = """async () => {
  for (const code of document.querySelectorAll("pre > code")) {
    code.scrollIntoView({block: "center"});
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  window.scrollTo(0, 0);
}"""
ALL_CODE_SET_UP = """() => [...document.querySelectorAll(".highlight pre > code")]
  .every(code => code.parentElement.id.startsWith("__code_"))"""


def set_up_code_and_charts(page) -> None:
    page.evaluate(SET_UP_CODE)
    page.wait_for_function(ALL_CODE_SET_UP, timeout=10_000)
    draw_every_chart(page)


def show_everything(page) -> None:
    """The page as a reader who has read all of it sees it."""
    page.evaluate(OPEN_AND_DRAW)
    set_up_code_and_charts(page)


@dataclass(frozen=True)
class Finding:
    """One element that breaks one axe-core rule, on one page in one view."""

    view: str  # "/path/ scheme width"
    rule: str
    impact: str
    target: str
    summary: str


def run_axe(page, view: str, options: dict) -> list[Finding]:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SCRIPT)
    results = page.evaluate("options => axe.run(document, options)", options)
    return [
        Finding(
            view,
            violation["id"],
            violation["impact"],
            " >> ".join(node["target"]),
            node["failureSummary"].replace("\n", " "),
        )
        for violation in results["violations"]
        for node in violation["nodes"]
    ]


def check_both_schemes(page, path: str, width: str) -> list[Finding]:
    """Every rule in the light scheme, then the colour rules in the dark one, each on the
    settled page: axe-core reads colours as they are at that moment, and one read while
    the header's title fades, or while links fade to the other scheme's colours, would
    report a contrast that no reader sees for longer than a blink."""
    everything = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    settle(page)
    findings = run_axe(page, f"/{path} light {width}", everything)
    page.emulate_media(color_scheme="dark")  # the site's palette follows the system's
    page.wait_for_function("() => (document.body.dataset.mdColorScheme ?? 'slate') === 'slate'")
    settle(page)
    colours = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
    return findings + run_axe(page, f"/{path} dark {width}", colours)


def load_accepted(path: Path = ACCEPTED) -> list[dict]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["accepted"]
    for entry in entries:
        missing = {"page", "rule", "target", "reason"} - {k for k, v in entry.items() if v}
        assert not missing, f"{path.name}: entry {entry} lacks {sorted(missing)}"
    return entries


def judge(findings: list[Finding], accepted: list[dict]) -> tuple[list[Finding], list[dict]]:
    """(the findings that fail, the accepted entries that matched no finding). A serious
    or critical finding fails even when an entry matches it."""
    matched: set[int] = set()
    failing = []
    for finding in findings:
        entry = next(
            (
                i
                for i, e in enumerate(accepted)
                if (e["rule"], e["target"]) == (finding.rule, finding.target)
            ),
            None,
        )
        if entry is not None:
            matched.add(entry)
        if entry is None or finding.impact in BLOCKING:
            failing.append(finding)
    return failing, [e for i, e in enumerate(accepted) if i not in matched]


def report(failing: list[Finding], unmatched: list[dict]) -> str:
    """One line per rule and element, with every view it fails in."""
    views = defaultdict(list)
    for f in failing:
        views[(f.rule, f.impact, f.target, f.summary)].append(f.view)
    lines = [
        f"{rule} ({impact}) at {target}: {summary}\n    in {', '.join(where)}"
        for (rule, impact, target, summary), where in views.items()
    ]
    lines += [f"{ACCEPTED.name} lists what no page shows any more: {e}" for e in unmatched]
    return "\n".join(lines)


# Lighthouse audits a page as it loads, before anything is opened, drawn or scrolled to,
# with a subset of axe-core's rules; of those, only target-size reads where things are,
# which blocks left undrawn (content-visibility, which site.css once used) can misplace.
# Run as loaded.
AS_LOADED = {"runOnly": {"type": "rule", "values": ["target-size"]}}
# With content.lazy, Material makes a code block reachable by keyboard only once it
# nears the screen, and tables never: a reader tabbing down a page would pass them by.
# assets/javascripts/code-and-tables.js makes them reachable from the start; this rule,
# run at load with every block drawn but none scrolled to, checks that it does.
REACH_AT_LOAD = {"runOnly": {"type": "rule", "values": ["scrollable-region-focusable"]}}


def check_page(browser, site_url: str, path: str) -> dict[str, list[Finding]]:
    """What axe-core finds on one page at each width: "as loaded" (AS_LOADED), "at
    load" (REACH_AT_LOAD), then "read through" (every rule, both schemes), one page load
    for all three."""
    found: dict[str, list[Finding]] = {"as loaded": [], "at load": [], "read through": []}
    for width, viewport in WIDTHS.items():
        context = browser.new_context(viewport=viewport, color_scheme="light")
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        settle(page)
        found["as loaded"] += run_axe(page, f"/{path} as loaded, {width}", AS_LOADED)
        page.evaluate(OPEN_AND_DRAW)
        found["at load"] += run_axe(page, f"/{path} at load, {width}", REACH_AT_LOAD)
        set_up_code_and_charts(page)
        found["read through"] += check_both_schemes(page, path, width)
        context.close()
    return found


@pytest.mark.parametrize("path", page_paths(), ids=lambda path: f"/{path}")
def test_no_page_breaks_an_axe_rule_in_either_scheme_at_either_width(
    path: str, built_site: Path, browser, site_url: str
) -> None:
    """Read through, every rule in both schemes (but what axe_accepted.toml accepts on
    this page); as loaded, no target too small or covered, as Lighthouse audits it (a
    runnable block's buttons were once read as covered by its undrawn code); and at
    load, every block that scrolls sideways reachable before the reader scrolls to it."""
    found = check_page(browser, site_url, path)
    accepted = [entry for entry in load_accepted() if entry["page"] in ("*", f"/{path}")]
    failing, unmatched = judge(found["read through"], accepted)
    failing += found["as loaded"] + found["at load"]
    assert not failing and not unmatched, "\n" + report(failing, unmatched)


PLANTED = """<!doctype html><html lang="en"><title>planted</title>
<main><h1>Planted faults</h1>
<table><tr><th></th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>
<div id="wide" style="overflow-x: auto; width: 10rem">
  <p style="white-space: nowrap">A line much wider than the box that scrolls it sideways</p></div>
<details><summary>More</summary><p id="in-details" style="color: #999">faint</p></details>
<div style="content-visibility: auto; margin-top: 200rem">
  <p id="off-screen" style="color: #999">faint</p></div>
<div style="content-visibility: auto; margin-top: 200rem; background: #222">
  <p id="light-on-dark" style="color: #eee">clear</p></div>
<style>#to-clear, #to-faint { transition: color 1.5s linear }
  #to-clear { color: #eee } #to-clear.moved { color: #000 }
  #to-faint { color: #000 } #to-faint.moved { color: #eee }</style>
<p id="to-clear">faint, then clear</p><p id="to-faint">clear, then faint</p>
</main></html>"""
# Starts both colour transitions: a check that read the page while they run would see
# #to-clear faint and #to-faint clear, the opposite of where each comes to rest.
START_TRANSITIONS = """() => { for (const id of ["to-clear", "to-faint"])
  document.getElementById(id).classList.add("moved"); }"""


def test_the_check_finds_planted_faults_and_judges_them(new_context, tmp_path: Path) -> None:
    """A page with known faults, some hidden the ways the site hides things: the check
    must open, draw and report them, read colours once they stop changing (a faint
    colour that a transition leaves on screen is found, one it leaves behind is not),
    and the accepted list must not excuse a serious one nor keep an entry nothing
    matches."""
    (tmp_path / "index.html").write_text(PLANTED, encoding="utf-8")
    page = new_context(viewport=WIDTHS["phone"]).new_page()
    with serve(tmp_path) as url:
        page.goto(url, wait_until="load")
        show_everything(page)
        page.evaluate(START_TRANSITIONS)
        findings = check_both_schemes(page, "", "phone")
    found = {(f.rule, f.target, f.view) for f in findings}
    for scheme in ("light", "dark"):
        assert ("color-contrast", "#in-details", f"/ {scheme} phone") in found
        assert ("color-contrast", "#off-screen", f"/ {scheme} phone") in found
        assert ("color-contrast", "#to-faint", f"/ {scheme} phone") in found
    assert not [f for f in findings if f.target == "#to-clear"], "read a colour mid-transition"
    # Undrawn, its dark background is not seen and its light text reads as faint.
    assert not [f for f in findings if f.target == "#light-on-dark"], "misread an undrawn block"
    assert ("empty-table-header", "th:nth-child(1)", "/ light phone") in found
    assert ("scrollable-region-focusable", "#wide", "/ light phone") in found
    accepted = [
        {"rule": "empty-table-header", "target": "th:nth-child(1)", "reason": "minor"},
        {"rule": "scrollable-region-focusable", "target": "#wide", "reason": "serious"},
        {"rule": "region", "target": "#nowhere", "reason": "matches nothing"},
    ]
    failing, unmatched = judge(findings, accepted)
    assert {f.rule for f in failing} == {"color-contrast", "scrollable-region-focusable"}
    assert unmatched == [accepted[2]]
    assert "#nowhere" in report(failing, unmatched)
