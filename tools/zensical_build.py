"""Build the site with Zensical into site-zensical/ (`make build-zensical`).

Zensical, the successor of Material for MkDocs, reads mkdocs.yml, but it runs no MkDocs
hooks and silently ignores the plugins it does not know. The content markers are a
Markdown extension and render under both; what cannot move is listed in GAPS, and this
build makes each gap show itself instead of going missing in silence:

- a notebook page (mkdocs-jupyter) becomes a page that says what is missing and where to
  read it, not a raw .py download;
- two checks MkDocs makes and Zensical does not (a page's description, a page left out
  of nav) run here first and fail the build the same way;
- the rest is listed on a page of its own, "What this build leaves out", and printed.

Zensical wants the docs and the site inside the folder of its config, so this writes
mkdocs.zensical.yml beside mkdocs.yml and a copy of docs/ in build/zensical-docs/
(both ignored by git). Run from the repository root.
"""

from __future__ import annotations

import fnmatch
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from tools.site import ROOT, load_config

CONFIG = ROOT / "mkdocs.zensical.yml"
STAGED_DOCS = ROOT / "build" / "zensical-docs"
SITE = ROOT / "site-zensical"
GAPS_PAGE = "zensical-gaps.md"


@dataclass(frozen=True)
class Gap:
    what: str
    mkdocs_part: str
    under_zensical: str
    would_close_it: str


GAPS = (
    Gap(
        "The lab notebook",
        "mkdocs-jupyter (plugin), hooks/notebooks.py",
        "not executed or shown: its page says so and links to the published page",
        "Zensical support for notebooks, or a step that converts the notebook to Markdown",
    ),
    Gap(
        "Content-Security-Policy",
        "hooks/csp.py",
        "pages carry no CSP meta tag, so nothing limits scripts to the site's own",
        "the meta tag, with the hashes of the theme's inline scripts, in a theme override",
    ),
    Gap(
        "Lean markup",
        "hooks/code_spans.py, hooks/table_hosts.py",
        "code keeps a span per name and whitespace token, and a table has no host <div>: "
        "more restyling as a phone loads a page",
        "a Markdown postprocessor on highlighted code and tables",
    ),
    Gap(
        "Theme overrides",
        "overrides/ (Material 9.8.2's partials, changed)",
        "they do not match Zensical's own theme: the search box shows unstyled",
        "overrides made from Zensical's templates, with tests/site/test_overrides.py",
    ),
    Gap(
        "A description on every page",
        "hooks/page_meta.py",
        "checked by this build first (Zensical would use the site's description)",
        "a front-matter check in Zensical",
    ),
    Gap(
        "Every page in nav",
        "MkDocs validation (nav: omitted_files)",
        "checked by this build first (Zensical builds a page left out)",
        "the same validation in Zensical",
    ),
    Gap(
        "Page file and line in a marker error",
        "hooks/marker_errors.py",
        "the error names the page and its line counted after the front matter",
        "the line offset in Zensical's page context",
    ),
)


class BuildError(RuntimeError):
    """A check this build makes for Zensical failed; the message names the file."""


def notebooks(config: dict, docs: Path) -> list[str]:
    """The pages mkdocs-jupyter renders: its `include` patterns, relative to docs/."""
    patterns: list[str] = next(
        (
            (entry["mkdocs-jupyter"] or {}).get("include", [])
            for entry in config.get("plugins", [])
            if isinstance(entry, dict) and "mkdocs-jupyter" in entry
        ),
        [],
    )
    found = (path.relative_to(docs).as_posix() for path in docs.rglob("*") if path.is_file())
    return sorted(p for p in found if any(fnmatch.fnmatch(p, pattern) for pattern in patterns))


def nav_pages(nav: list) -> list[str]:
    """Every page path in `nav`, in order."""
    pages: list[str] = []
    for entry in nav:
        value = next(iter(entry.values())) if isinstance(entry, dict) else entry
        pages += nav_pages(value) if isinstance(value, list) else [value]
    return pages


def renamed_in_nav(nav: list, renames: dict[str, str]) -> list:
    """`nav` with each page path in `renames` replaced."""
    out: list = []
    for entry in nav:
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            if isinstance(value, list):
                out.append({title: renamed_in_nav(value, renames)})
            else:
                out.append({title: renames.get(value, value)})
        else:
            out.append(renames.get(entry, entry))
    return out


def nav_title(nav: list, path: str) -> str:
    for entry in nav:
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            if value == path:
                return title
            if isinstance(value, list) and (found := nav_title(value, path)):
                return found
    return ""


def notebook_page(title: str, notebook: str, published: str) -> str:
    """The page that stands in for a notebook: what is missing, and where to read it."""
    gaps_link = os.path.relpath(GAPS_PAGE, start=os.path.dirname(notebook) or ".")
    return f"""---
description: "{title}: a notebook this Zensical build does not run; read it on the site."
---

# {title}

!!! warning "Not in this build"

    This page is a Jupyter notebook, `docs/{notebook}`, that the published site runs
    and shows with mkdocs-jupyter, an MkDocs plugin. Zensical runs no MkDocs plugins,
    so this build leaves the notebook out rather than offer its raw source.

    Read it on the published site: [{title}]({published}). Or run it yourself, in
    seconds: `make lab`.

See [what this build leaves out]({gaps_link}).
"""


def gaps_page() -> str:
    rows = "\n".join(
        f"| {gap.what} | `{gap.mkdocs_part}` | {gap.under_zensical} | {gap.would_close_it} |"
        for gap in GAPS
    )
    return f"""---
description: "What the Zensical build of this site leaves out, and what would close each gap."
---

# What this build leaves out

This site is published with MkDocs and Material for MkDocs. This copy is built with
Zensical, their successor, to keep the move open. Tables, charts and quizzes render
the same in both (a Markdown extension, `content_markers`). These parts of the
MkDocs build are not, or not yet, the same here:

| What | In the MkDocs build | In this build | What would close it |
|---|---|---|---|
{rows}
"""


def check_pages(docs: Path, nav: list) -> None:
    """The checks MkDocs makes that Zensical does not, on every Markdown page."""
    # The hook's own check, so both builds hold pages to one rule.
    from mkdocs.exceptions import PluginError
    from mkdocs.utils.meta import get_data

    from hooks.page_meta import check_front_matter

    pages = sorted(path.relative_to(docs).as_posix() for path in docs.rglob("*.md"))
    for page in pages:
        source = (docs / page).read_text(encoding="utf-8")
        try:
            check_front_matter(page, source, get_data(source)[1])
        except PluginError as error:
            raise BuildError(str(error)) from error
    left_out = sorted(set(pages) - set(nav_pages(nav)))
    if left_out:
        raise BuildError(f"{left_out[0]}:1: the page is not in nav in mkdocs.yml")


def stage(config: dict) -> dict:
    """Copy docs/ with notebooks replaced by their stand-in pages; the Zensical config."""
    docs = ROOT / config.get("docs_dir", "docs")
    shutil.rmtree(STAGED_DOCS, ignore_errors=True)
    left_out = notebooks(config, docs)
    shutil.copytree(docs, STAGED_DOCS)
    renames = {}
    for notebook in left_out:
        page = str(Path(notebook).with_suffix(".md"))
        renames[notebook] = page
        (STAGED_DOCS / notebook).unlink()
        published = config["site_url"] + page.removesuffix(".md") + "/"
        title = nav_title(config["nav"], notebook) or Path(notebook).stem
        (STAGED_DOCS / page).write_text(notebook_page(title, notebook, published), "utf-8")
    (STAGED_DOCS / GAPS_PAGE).write_text(gaps_page(), encoding="utf-8")
    nav = [*renamed_in_nav(config["nav"], renames), {"What this build leaves out": GAPS_PAGE}]
    zensical = {**config, "docs_dir": str(STAGED_DOCS.relative_to(ROOT)), "nav": nav}
    zensical["site_dir"] = str(SITE.relative_to(ROOT))
    # What Zensical would ignore in silence is left out in the open.
    zensical.pop("hooks", None)
    zensical["plugins"] = [
        p
        for p in config.get("plugins", [])
        if p == "search" or (isinstance(p, dict) and "search" in p)
    ]
    return zensical


def build() -> None:
    config = load_config()
    zensical = stage(config)
    check_pages(STAGED_DOCS, zensical["nav"])
    CONFIG.write_text(
        "# Written by tools/zensical_build.py from mkdocs.yml; edit that, not this.\n"
        + yaml.safe_dump(zensical, sort_keys=False),
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f", CONFIG.name]
    result = subprocess.run(command, cwd=ROOT, check=False)
    if result.returncode:
        raise BuildError(f"zensical build failed (exit status {result.returncode})")
    gaps_url = f"{SITE.relative_to(ROOT)}/{GAPS_PAGE.removesuffix('.md')}/"
    print(f"Built with Zensical into {SITE.relative_to(ROOT)}/. Left out (see {gaps_url}):")
    for gap in GAPS:
        print(f"  - {gap.what}: {gap.under_zensical}")


if __name__ == "__main__":
    try:
        build()
    except BuildError as error:
        sys.exit(f"error: {error}")
