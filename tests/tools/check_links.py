"""Report dead external links in docs/: every http(s) URL a page or notebook cites.

Needs the network, so the test command never runs it (tests are offline); the weekly
workflow .github/workflows/links.yml does, and fails when a link is dead.

    python -m tests.tools.check_links [docs]   # exit 1 and a list when any is dead

Standard library only. A URL is dead when it answers 404/410 or any 5xx, or does not
answer at all; 401, 403 and 429 (logins, bot walls, rate limits) are shown as
"unverified" but do not fail, since a reader's browser usually gets through.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import urllib.error
import urllib.request
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

URL = re.compile(r"https?://[^\s<>()\[\]\"'`]+")
FENCE = re.compile(r"^\s*(```|~~~)")
# Placeholders and the site's own address are not citations.
NOT_CHECKED = re.compile(
    r"^https?://(?:[^/]*\.)?(?:example\.(?:com|org|net)|localhost|127\.0\.0\.1)\b"
)
UNVERIFIED = {401, 403, 429}
USER_AGENT = "Mozilla/5.0 (compatible; docs-link-check; +the MLOps vs DevOps course)"


@dataclass(frozen=True)
class Link:
    url: str
    where: str  # "docs/page.md:LINE"


def links_in(text: str, name: str) -> list[Link]:
    """URLs in a page's prose (outside fenced code), each with its file and line."""
    found, in_fence = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in URL.finditer(line):
            url = match.group(0).rstrip(".,;:!?*_")
            if not NOT_CHECKED.match(url):
                found.append(Link(url, f"{name}:{number}"))
    return found


def collect(docs: Path) -> list[Link]:
    links = []
    for path in sorted(docs.rglob("*")):
        if path.suffix in {".md", ".py"} and path.is_file():
            links += links_in(path.read_text(encoding="utf-8"), path.as_posix())
    return links


def status(url: str, timeout: float = 20.0) -> int | str:
    """The HTTP status `url` answers with (HEAD, then GET if HEAD is refused), or why not."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in {403, 404, 405, 501}:
                continue  # some servers refuse or mishandle HEAD; ask again with GET
            return error.code
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = getattr(error, "reason", error)
            return f"no answer ({reason})"
    return "no answer"


def is_dead(result: int | str) -> bool:
    return isinstance(result, str) or (result >= 400 and result not in UNVERIFIED)


def check(links: Iterable[Link], workers: int = 8) -> dict[str, tuple[int | str, list[str]]]:
    """Each distinct URL -> (its status, where it is cited)."""
    cited: dict[str, list[str]] = {}
    for link in links:
        cited.setdefault(link.url, []).append(link.where)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = dict(zip(cited, pool.map(status, cited), strict=True))
    return {url: (results[url], cited[url]) for url in cited}


def report(results: dict[str, tuple[int | str, list[str]]]) -> tuple[str, int]:
    """Markdown report and the number of dead links."""
    dead = {u: r for u, r in results.items() if is_dead(r[0])}
    unverified = {u: r for u, r in results.items() if not is_dead(r[0]) and r[0] in UNVERIFIED}
    lines = [
        f"Checked {len(results)} external URLs: {len(dead)} dead, {len(unverified)} unverified."
    ]
    for title, group in (("Dead", dead), ("Unverified (not a failure)", unverified)):
        if group:
            lines += ["", f"## {title}", ""]
            lines += [
                f"- {u}: {s} (cited at {', '.join(w)})" for u, (s, w) in sorted(group.items())
            ]
    return "\n".join(lines), len(dead)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("docs", nargs="?", default="docs", type=Path)
    args = parser.parse_args(argv)
    text, dead = report(check(collect(args.docs)))
    print(text)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 1 if dead else 0


if __name__ == "__main__":
    sys.exit(main())
