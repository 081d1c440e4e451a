"""Abbreviations a reader can open by tapping them or with the keyboard, not only by
hovering with a mouse: a Markdown extension of its own (`content_markers.abbreviations`
in mkdocs.yml), after Python-Markdown's `abbr`, which writes `<abbr title="...">`.

A title shows only under a mouse pointer; a phone and the keyboard never see it. So
each abbreviation can take the focus, which a tap gives it, and site.css shows its
expansion while it has the focus. Only the first of each on a page is in the Tab order,
so a keyboard reader meets each once, not at every "CI" of a page. One inside a link or
another control is left alone: focus there belongs to the control (axe-core's
"nested-interactive").
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

# Elements whose content must not take the focus of its own.
CONTROLS = frozenset({"a", "button", "summary", "label"})


class FocusableAbbreviations(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()

        def visit(element: etree.Element, in_control: bool) -> None:
            for child in element:
                title = child.get("title")
                if child.tag == "abbr" and title and not in_control:
                    child.set("tabindex", "-1" if title in seen else "0")
                    seen.add(title)
                visit(child, in_control or child.tag in CONTROLS)

        visit(root, in_control=False)


class AbbreviationsExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        # After `abbr` (priority 7) has written the <abbr> elements.
        md.treeprocessors.register(FocusableAbbreviations(md), "focusable_abbreviations", 6)


def makeExtension(**kwargs) -> AbbreviationsExtension:
    return AbbreviationsExtension(**kwargs)
