"""Every internal link and anchor of the built site resolves, checked offline by lychee.

MkDocs checks links while it converts Markdown, but the lab notebook reaches it as HTML
from mkdocs-jupyter, so the notebook's links go unchecked there. lychee (settings in
lychee.toml) reads every built page instead; a broken link is named with the page's
source file, read from its "edit this page" link, and the line where the source writes
the link (hooks/link_errors.py finds it there, as it does for MkDocs' own warnings).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from link_errors import link_lines

from tests.conftest import page

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
LYCHEE = Path(sys.executable).parent / "lychee"
EDIT_SOURCE = re.compile(r"""href=["'][^"']*/edit/[^"']*?/docs/([^"']+)["']""")


def written_link(html: str, span: dict) -> str:
    """The link as the built page writes it, at lychee's span (1-based line and column of
    the attribute's value)."""
    line = html.splitlines()[span["line"] - 1]
    rest = line[span["column"] - 1 :]
    return re.split(r"[\"'\s>]", rest, maxsplit=1)[0]


def where(site: Path, built: Path, error: dict, docs: Path) -> str:
    """The "source:line" of a broken link: the page's source file (from its edit link) and the
    line that writes the link there; the built file when the source cannot be told."""
    html = built.read_text(encoding="utf-8")
    source = EDIT_SOURCE.search(html)
    if not source:
        return built.relative_to(site).as_posix()
    name = source.group(1)
    lines = link_lines((docs / name).read_text(encoding="utf-8"), written_link(html, error["span"]))
    return f"{name}:{lines[0]}" if lines else name


def broken_links(site: Path, docs: Path = ROOT / "docs") -> tuple[list[str], int]:
    """("source:line: link (why)" for each internal link that does not resolve, links
    checked). `docs` holds the pages' sources."""
    site = site.resolve()
    command = [LYCHEE, "--offline", "--no-progress", "--format", "json", "--root-dir", site, site]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    broken = []
    for built, errors in sorted(report["error_map"].items()):
        for error in errors:
            link = error["url"].removeprefix(site.as_uri()).lstrip("/")
            at = where(site, Path(built), error, docs)
            broken.append(f"{at}: {link} ({error['status']['text']})")
    return broken, report["total"] - report["excludes"]


def test_every_internal_link_in_the_built_site_resolves(built_site: Path) -> None:
    broken, checked = broken_links(built_site)
    assert checked > 100, "too few links seen: is lychee reading the pages?"
    assert not broken, "broken links:\n" + "\n".join(broken)


NOTEBOOK = """\
# ---
# description: "A notebook page."
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Notebook
#
# [gone](../../missing/), [source name](../../index.md), [no anchor](../../#nowhere),
# [fine](../../#section)
"""


def test_a_broken_link_in_a_notebook_is_named_with_its_source_and_line(
    build_small_site, tmp_path
) -> None:
    index = page("# Home\n\n## Section\n\nText.")
    result = build_small_site({"index.md": index, "lab/nb.py": NOTEBOOK})
    assert result.returncode == 0, "MkDocs now checks notebook links itself: drop this test"
    broken, _ = broken_links(tmp_path / "site", tmp_path / "docs")
    line = next(n for n, text in enumerate(NOTEBOOK.splitlines(), 1) if "[gone]" in text)
    assert sorted(broken) == [
        f"lab/nb.py:{line}: #nowhere (Cannot find fragment)",
        f"lab/nb.py:{line}: index.md (File not found. Check if file exists and path is correct)",
        f"lab/nb.py:{line}: missing (File not found. Check if file exists and path is correct)",
    ]
