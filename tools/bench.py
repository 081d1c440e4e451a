"""`make bench`: Lighthouse CI on every page of the built site, against lighthouserc.json.

Lighthouse CI (@lhci/cli, pinned in package.json) serves the built site itself (its
static server gzips, as a real host does), runs Lighthouse five times per page with
Debian's Chromium, and asserts the budgets in lighthouserc.json on the median of the
runs: performance 95, accessibility, best practices and SEO 100 everywhere, and total
blocking time under 200 ms on the chart pages. This command adds only what LHCI's
settings cannot express, then prints one row per page (each figure the median of its
runs).

CPU calibration. Lighthouse emulates a mid-tier phone by slowing the host's CPU by a
constant 4x, which assumes a high-end desktop host (benchmarkIndex 1500-2000); its docs
(throttling.md in its repository, "Calibrating the CPU slowdown") say to lower the multiplier on a
slower host. LHCI takes a fixed multiplier only, so the bench first reads this host's
benchmarkIndex (median of three runs on the home page) and uses
    multiplier = benchmarkIndex / 437.5   (1750 / 4: the default's own target),
clamped to 1..4. `--cpu-multiplier 4` runs the uncalibrated default.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from tools.chromium import CHROMIUM, FLAGS, MISSING
from tools.site import ROOT, build_or_exit

LHCI = ROOT / "node_modules" / ".bin" / "lhci"
RESULTS = ROOT / ".lighthouseci"  # where `lhci collect` writes its runs
TARGET_BENCHMARK_INDEX = 1750 / 4  # the index the default 4x slowdown is meant for, / 4
SCORES = ("performance", "accessibility", "best-practices", "seo")


def lhci(*args: str) -> int:
    """Run one `lhci` command with lighthouserc.json (LHCI finds it in ROOT)."""
    return subprocess.run([str(LHCI), *args], cwd=ROOT, check=False).returncode


def collect(site: Path, *args: str) -> int:
    """`lhci collect` on the built site, in Debian's Chromium with this machine's flags."""
    flags = " ".join(("--headless=new", *FLAGS))
    chromium = (f"--chromePath={CHROMIUM}", f"--settings.chromeFlags={flags}")
    return lhci("collect", f"--staticDistDir={site}", *chromium, *args)


def runs_by_page() -> dict[str, list[dict]]:
    """Every Lighthouse result `lhci collect` saved, grouped by page path."""
    pages: dict[str, list[dict]] = defaultdict(list)
    for path in sorted(RESULTS.glob("lhr-*.json")):
        result = json.loads(path.read_text(encoding="utf-8"))
        page = result["requestedUrl"].split("/", 3)[3].removesuffix("index.html")
        pages["/" + page].append(result)
    return dict(sorted(pages.items()))


def calibrate(site: Path) -> float:
    """The CPU slowdown for this host, from the median benchmarkIndex of three runs."""
    collect(site, "--url=/index.html", "--numberOfRuns=3")
    runs = [r for results in runs_by_page().values() for r in results]
    index = statistics.median_low(r["environment"]["benchmarkIndex"] for r in runs)
    multiplier = round(min(4.0, max(1.0, index / TARGET_BENCHMARK_INDEX)), 2)
    print(f"host benchmarkIndex {index:.0f}: CPU slowdown {multiplier}x", flush=True)
    return multiplier


def table(pages: dict[str, list[dict]]) -> str:
    """One row per page, each figure the median of its runs (as LHCI's assertions take it)."""
    lines = [
        "| page | perf | a11y | best pr. | SEO | LCP | TBT | transferred |",
        "|---|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for page, runs in pages.items():

        def median(read, runs=runs):
            return statistics.median(read(r) for r in runs)

        scores = [round(100 * median(lambda r, c=c: r["categories"][c]["score"])) for c in SCORES]
        audit = {
            name: median(lambda r, n=name: r["audits"][n]["numericValue"])
            for name in ("largest-contentful-paint", "total-blocking-time", "total-byte-weight")
        }
        lines.append(
            f"| {page} | {' | '.join(map(str, scores))} | "
            f"{audit['largest-contentful-paint'] / 1000:.1f} s | "
            f"{audit['total-blocking-time']:.0f} ms | "
            f"{audit['total-byte-weight'] / 1024:.0f} KiB |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site (default: build one)")
    parser.add_argument("--cpu-multiplier", type=float, help="default: calibrated to this host")
    parser.add_argument(
        "--page", action="append", help="only these pages: performance/ ('' is the home page)"
    )
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(MISSING)
    if not LHCI.exists():
        sys.exit(f"{LHCI} not found: run `npm ci` (make bench does) to install it")
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        site = args.site or build_or_exit(Path(tmp) / "site")
        multiplier = args.cpu_multiplier or calibrate(site)
        urls = [f"--url=/{page}index.html" for page in args.page or []]
        collected = collect(
            site,
            f"--numberOfRuns={args.runs}",
            f"--settings.throttling.cpuSlowdownMultiplier={multiplier}",
            *urls,
        )
        if collected != 0:
            return collected
    print(f"\nLighthouse (mobile, CPU slowdown {multiplier}x, median of {args.runs} runs):")
    print(table(runs_by_page()))
    reports = ROOT / ".cache" / "lighthouse" / time.strftime("%Y%m%dT%H%M%S", time.gmtime())
    lhci("upload", "--target=filesystem", f"--outputDir={reports}")
    print(f"\nreports: {reports.relative_to(ROOT)}/ (assertions follow)")
    return lhci("assert")


if __name__ == "__main__":
    sys.exit(main())
