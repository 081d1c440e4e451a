"""Every internal link and anchor of the built site resolves, checked offline by lychee.

MkDocs checks links while it converts Markdown, but the lab notebook reaches it as HTML
from mkdocs-jupyter, so the notebook's links go unchecked there. lychee (settings in
lychee.toml) reads every built page instead; a broken link is named with the page's
source file, read from its "edit this page" link.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import page

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
LYCHEE = Path(sys.executable).parent / "lychee"
EDIT_SOURCE = re.compile(r"""href=["'][^"']*/edit/[^"']*?/docs/([^"']+)["']""")


def broken_links(site: Path) -> tuple[list[str], int]:
    """("source: link (why)" for each internal link that does not resolve, links checked)."""
    site = site.resolve()
    command = [LYCHEE, "--offline", "--no-progress", "--format", "json", "--root-dir", site, site]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    report = json.loads(result.stdout)
    broken = []
    for built, errors in sorted(report["error_map"].items()):
        source = EDIT_SOURCE.search(Path(built).read_text(encoding="utf-8"))
        name = source.group(1) if source else Path(built).relative_to(site).as_posix()
        for error in errors:
            link = error["url"].removeprefix(site.as_uri()).lstrip("/")
            broken.append(f"{name}: {link} ({error['status']['text']})")
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


def test_a_broken_link_in_a_notebook_is_named_with_its_source(build_small_site, tmp_path) -> None:
    index = page("# Home\n\n## Section\n\nText.")
    result = build_small_site({"index.md": index, "lab/nb.py": NOTEBOOK})
    assert result.returncode == 0, "MkDocs now checks notebook links itself: drop this test"
    broken, _ = broken_links(tmp_path / "site")
    assert sorted(broken) == [
        "lab/nb.py: #nowhere (Cannot find fragment)",
        "lab/nb.py: index.md (File not found. Check if file exists and path is correct)",
        "lab/nb.py: missing (File not found. Check if file exists and path is correct)",
    ]
