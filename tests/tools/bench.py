"""`make bench`: Lighthouse on every page of the built site, against the budgets.

Builds the site strictly, serves it with gzip on 127.0.0.1, and runs Lighthouse
(node_modules/.bin/lighthouse, npm package pinned in package.json) with Debian's
Chromium on each page, mobile defaults. Prints one row per page and exits non-zero
when any page misses a budget, listing the audits that cost it points.

CPU calibration. Lighthouse emulates a mid-tier phone by slowing the host's CPU by
a constant 4x, which assumes a high-end desktop host (benchmarkIndex 1500-2000).
Lighthouse's docs (docs/throttling.md, "Calibrating the CPU slowdown") say to lower
the multiplier on a slower host, or a run emulates a far slower phone than intended.
So the bench first measures this host's benchmarkIndex (median of 3 runs) and uses
    multiplier = benchmarkIndex / 437.5   (1750 / 4: the default's own target),
clamped to 1..4, and prints it. `--cpu-multiplier 4` runs the uncalibrated default.
Everything else (network throttling, screen, form factor) is Lighthouse's default.

Runs vary. Lighthouse's docs (docs/variability.md) advise several runs and the median
(five runs, they say, roughly halve the variance), so each page is measured `--runs`
times (5 by default) and every figure in the table is the median of its runs, as
Lighthouse CI's `median` aggregation takes it for each assertion. (Lighthouse's own
computeMedianRun instead picks the one run closest to the median first contentful paint
and time to interactive.) On a shared host the speed also drifts between runs.

Budgets: every page as in BUDGETS; a chart page (one with a <figure class="chart">)
also keeps total blocking time under 200 ms, the chart work's target.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests.tools.serve import serve, site_pages
from tests.tools.sizes import chart_count

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
# One folder per run: runs at the same time (2 engineers, 1 tree) must not mix reports.
REPORTS = ROOT / ".cache" / "lighthouse" / time.strftime("%Y%m%dT%H%M%S", time.gmtime())

# Budgets on every page (scores out of 100), and on chart pages' total blocking time.
BUDGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CHART_PAGE_TBT_MS = 200
# The benchmarkIndex the default 4x slowdown is meant for, divided by 4 (see above).
TARGET_BENCHMARK_INDEX = 1750 / 4


@dataclass
class Result:
    page: str
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    bytes: int
    benchmark_index: float
    losses: list[str]  # audits that cost points, for a page that misses a budget
    chart_page: bool = False

    def missed(self) -> list[str]:
        missed = [
            f"{category} {self.scores[category]} < {budget}"
            for category, budget in BUDGETS.items()
            if self.scores[category] < budget
        ]
        if self.chart_page and self.tbt_ms >= CHART_PAGE_TBT_MS:
            missed.append(f"total blocking time {self.tbt_ms:.0f} ms >= {CHART_PAGE_TBT_MS} ms")
        return missed


def lighthouse(url: str, report: Path, cpu_multiplier: float | None) -> dict:
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(BUDGETS)}",
    ]
    if cpu_multiplier is not None:
        command.append(f"--throttling.cpuSlowdownMultiplier={cpu_multiplier}")
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not report.exists():
        sys.exit(f"lighthouse failed on {url}:\n{done.stderr[-3000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def losses(report: dict) -> list[str]:
    """Weighted audits below a full score, e.g. 'accessibility: color-contrast (0)'."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] > 0 and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                found.append(f"{category['id']}: {ref['id']} ({audit['score']}) {value}".strip())
    return found


def summarise(page: str, report: dict) -> Result:
    audits = report["audits"]
    return Result(
        page="/" + page,
        scores={k: round(v["score"] * 100) for k, v in report["categories"].items()},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        bytes=int(audits["total-byte-weight"]["numericValue"]),
        benchmark_index=report["environment"]["benchmarkIndex"],
        losses=losses(report),
    )


def median_of(runs: list[Result]) -> Result:
    """Each figure the median of the runs (the lower middle one of an even count); the
    audits that cost points are those of the run with the median performance score."""
    scores = {c: statistics.median_low(r.scores[c] for r in runs) for c in runs[0].scores}
    by_score = sorted(runs, key=lambda r: r.scores["performance"])
    return Result(
        page=runs[0].page,
        scores=scores,
        lcp_ms=statistics.median_low(r.lcp_ms for r in runs),
        tbt_ms=statistics.median_low(r.tbt_ms for r in runs),
        bytes=statistics.median_low(r.bytes for r in runs),
        benchmark_index=statistics.median_low(r.benchmark_index for r in runs),
        losses=by_score[(len(by_score) - 1) // 2].losses,
    )


def table(results: list[Result]) -> str:
    header = "| page | perf | a11y | best pr. | SEO | LCP | TBT | transferred |"
    lines = [header, "|---|--:|--:|--:|--:|--:|--:|--:|"]
    for r in results:
        s = r.scores
        lines.append(
            f"| {r.page}{' (charts)' if r.chart_page else ''} | {s['performance']} | "
            f"{s['accessibility']} | "
            f"{s['best-practices']} | {s['seo']} | {r.lcp_ms / 1000:.1f} s | "
            f"{r.tbt_ms:.0f} ms | {r.bytes / 1024:.0f} KiB |"
        )
    return "\n".join(lines)


def calibrate(url: str, reports: Path) -> tuple[float, float]:
    """(benchmarkIndex, multiplier) for this host: the median index of three default
    runs, so that one busy moment on a shared machine does not set the slowdown."""
    index = statistics.median_low(
        lighthouse(url, reports / f"calibration-{run}.json", None)["environment"]["benchmarkIndex"]
        for run in range(1, 4)
    )
    multiplier = round(min(4.0, max(1.0, index / TARGET_BENCHMARK_INDEX)), 2)
    return index, multiplier


def is_chart_page(site: Path, page: str) -> bool:
    return chart_count((site / page / "index.html").read_text(encoding="utf-8")) > 0


def build(site: Path) -> None:
    from tests.conftest import mkdocs_build

    result = mkdocs_build(ROOT / "mkdocs.yml", site)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stderr[-3000:]}")


def check_tools() -> None:
    if not Path(CHROMIUM).exists():
        sys.exit(f"{CHROMIUM} not found: apt-get install chromium (Debian's package)")
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} not found: run `npm ci` (make bench does) to install it")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument(
        "--cpu-multiplier", type=float, help="CPU slowdown (default: calibrated to this host)"
    )
    parser.add_argument("--page", action="append", help="only these pages, e.g. performance/")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (median)")
    args = parser.parse_args(argv)
    check_tools()
    REPORTS.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = args.site or Path(tmp) / "site"
        if not args.site:
            print("building the site ...", flush=True)
            build(site)
        pages = args.page or site_pages(site)
        with serve(site) as base:
            multiplier = args.cpu_multiplier
            if multiplier is None:
                index, multiplier = calibrate(base, REPORTS)
                print(f"host benchmarkIndex {index:.0f}: CPU slowdown {multiplier}x", flush=True)
            results = []
            for page in pages:
                name = page.strip("/").replace("/", "_") or "home"
                reports = [REPORTS / f"{name}-{run}.json" for run in range(1, args.runs + 1)]
                runs = [summarise(page, lighthouse(base + page, r, multiplier)) for r in reports]
                median = median_of(runs)
                median.chart_page = is_chart_page(site, page)
                results.append(median)
                scores = ", ".join(f"{r.scores['performance']} ({r.tbt_ms:.0f} ms)" for r in runs)
                print(f"  /{page}: performance (TBT) {scores}", flush=True)
    print()
    print(
        f"Lighthouse (mobile, CPU slowdown {multiplier}x, median of {args.runs} runs), "
        f"budgets {BUDGETS}, and TBT under {CHART_PAGE_TBT_MS} ms on chart pages:"
    )
    print(table(results))
    missed = [r for r in results if r.missed()]
    for r in missed:
        print(f"\n{r.page} misses: {', '.join(r.missed())}")
        for loss in r.losses:
            print(f"    {loss}")
    print(f"\nreports: {REPORTS.relative_to(ROOT)}/")
    if missed:
        print(f"FAIL: {len(missed)} of {len(results)} pages miss a budget", file=sys.stderr)
        return 1
    print(f"OK: all {len(results)} pages meet every budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
