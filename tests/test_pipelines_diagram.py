"""The two loops' diagram on the visual page: an SVG written into the Markdown, so that
it follows the site's palettes and needs no script. What it must keep doing when
someone redraws it: be named and described for screen readers, say every stage in the
words under it, and take every colour from the stylesheet."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "visual-comparison.md"
CSS = ROOT / "docs" / "assets" / "stylesheets" / "site.css"
SVG = "{http://www.w3.org/2000/svg}"
FIGURE = re.compile(r'<figure class="pipes">.*?</figure>', re.DOTALL)


def figure() -> ET.Element:
    (block,) = FIGURE.findall(PAGE.read_text(encoding="utf-8"))
    # The SVG namespace is implied in HTML; the parser needs it said.
    return ET.fromstring(block.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def drawing() -> ET.Element:
    svg = figure().find(f"{SVG}svg")
    assert svg is not None, "the figure holds no <svg>"
    return svg


def words() -> str:
    """The collapsed text equivalent that follows the figure, up to the next heading."""
    text = PAGE.read_text(encoding="utf-8")
    start = text.index('??? info "The diagram in words"')
    return text[start : text.index("\n## ", start)]


def test_the_drawing_is_an_image_named_and_described_by_its_own_title_and_desc() -> None:
    svg = drawing()
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and desc is not None
    assert svg.get("aria-labelledby", "").split() == [title.get("id"), desc.get("id")]
    assert len(desc.text or "") > 200, "the description should say what the drawing shows"


def test_every_stage_drawn_is_named_in_the_words_under_it() -> None:
    labels = [t.text for t in drawing().iter(f"{SVG}text") if "pipes__label" in t.get("class", "")]
    assert len(labels) >= 12, labels
    listed = " ".join(re.findall(r"\*\*([^*]+)\*\*", words())).lower()
    missing = [label for label in labels if label.lower() not in listed]
    assert not missing, f"stages drawn but not in 'The diagram in words': {missing}"


@pytest.mark.parametrize("attribute", ["fill", "stroke", "style", "color"])
def test_no_colour_is_written_into_the_drawing(attribute: str) -> None:
    # A colour in the SVG would stay the same in the dark palette; site.css gives each
    # class Material's variables instead.
    written = [el.tag for el in drawing().iter() if el.get(attribute)]
    assert not written, f"{attribute}= on {written}: style it by class in site.css"


def test_every_class_of_the_drawing_has_a_rule_in_the_stylesheet() -> None:
    css = CSS.read_text(encoding="utf-8")
    classes = {c for el in drawing().iter() for c in el.get("class", "").split()}
    assert classes, "the drawing uses no class"
    missing = sorted(c for c in classes if not re.search(rf"\.{re.escape(c)}\b", css))
    assert not missing, f"classes with no rule in site.css: {missing}"


def test_arrows_use_markers_the_drawing_defines() -> None:
    svg = drawing()
    defined = {el.get("id") for el in svg.iter() if el.get("id")}
    references = [el.get("marker-end") or "" for el in svg.iter()]
    used = {m.group(1) for value in references if (m := re.search(r"#([\w-]+)", value))}
    assert used and used <= defined, used - defined


def test_no_element_of_the_drawing_carries_an_href() -> None:
    # Material's instant navigation sets the href property of every [href] element of a
    # page it loads; an SVG element's href is read-only, so a <use href> raised a console
    # error on every visit. The gates are drawn as paths instead.
    carrying = [el.tag for el in drawing().iter() if el.get("href") is not None]
    assert not carrying, f"href= on {carrying}: draw the shape in place"
