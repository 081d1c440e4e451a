"""Every page needs valid front matter with a `description` (its meta description).

MkDocs ignores YAML it cannot parse and builds the page without its metadata, and
nothing reads a key it does not know (`summary:` written for `description:` would
leave the page without its description, in silence); this hook turns both, and a
missing description, into a build error naming the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import yaml
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

# The keys MkDocs and Material for MkDocs read from a page's front matter; `jupyter` is
# the lab notebook's jupytext header.
KNOWN_KEYS = (
    "description",
    "hide",
    "icon",
    "jupyter",
    "search",
    "status",
    "subtitle",
    "tags",
    "template",
    "title",
)
FRONT_MATTER = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.DOTALL)


def check_front_matter(src_path: str, source: str, meta: Mapping[str, Any]) -> None:
    """Raise PluginError naming the file (and line) if the front matter is unusable."""
    block = FRONT_MATTER.match(source)
    if block:
        try:
            data = yaml.safe_load(block.group(1))
        except yaml.YAMLError as error:
            # Where the broken construct starts, else where the parser gave up.
            mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1  # +1 for the opening '---', +1 for 1-based
            problem = getattr(error, "problem", None) or error
            raise PluginError(f"{src_path}:{line}: invalid front matter: {problem}") from error
        if not isinstance(data, dict):
            raise PluginError(f"{src_path}:2: front matter must be a mapping of key: value")
        for key in data:
            if key not in KNOWN_KEYS:
                line = next(
                    (
                        n
                        for n, text in enumerate(block.group(1).splitlines(), start=2)
                        if text.startswith(f"{key}:")
                    ),
                    2,
                )
                raise PluginError(
                    f"{src_path}:{line}: front matter key '{key}' means nothing to MkDocs "
                    f"(the keys it reads: {', '.join(KNOWN_KEYS)})"
                )
    description = meta.get("description")
    if not isinstance(description, str) or not description.strip():
        raise PluginError(
            f"{src_path}:1: front matter has no 'description' (it becomes the page's "
            "meta description; see CONTRIBUTING.md)"
        )


# A jupytext percent notebook's header: YAML behind "# ", between "# ---" lines.
NOTEBOOK_HEADER = re.compile(r"\A# -{3}[ \t]*\n((?:#.*\n)*?)# -{3}[ \t]*\n")


def notebook_front_matter(source: str) -> str:
    """The notebook's header rewritten as Markdown front matter ('' if it has none)."""
    header = NOTEBOOK_HEADER.match(source)
    if not header:
        return ""
    lines = [
        line[2:] if line.startswith("# ") else line[1:] for line in header.group(1).splitlines()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"


def on_page_markdown(markdown: str, page: Page, **kwargs: Any) -> str:
    source = page.file.content_string
    if not page.file.src_path.endswith(".md"):
        # Notebooks keep their description in the jupytext header.
        source = notebook_front_matter(source)
        block = FRONT_MATTER.match(source)
        if block:
            data = yaml.safe_load(block.group(1))
            if isinstance(data, dict) and "description" in data:
                page.meta["description"] = data["description"]
    check_front_matter(page.file.src_path, source, page.meta)
    return markdown
