"""hooks/link_errors.py: MkDocs' warning about a broken link or anchor names the page's
file and line. In a real build: tests/site/test_build_failures.py."""

from __future__ import annotations

import logging

import pytest
from link_errors import LinkLines, link_lines

SOURCE = """\
---
description: x
---

# Page

See [the guide](guide.md), [it again](guide.md) and [a part](guide.md#part).

[ref]: guide.md
<a href="guide.md">HTML</a> and <guide.md>, but not [another](old-guide.md).
"""


def test_a_link_is_found_where_it_is_written_in_each_form() -> None:
    assert link_lines(SOURCE, "guide.md") == [7, 7, 9, 10, 10]
    assert link_lines(SOURCE, "guide.md#part") == [7]
    assert link_lines(SOURCE, "old-guide.md") == [10]
    assert link_lines(SOURCE, "missing.md") == []


def warn(link_filter: LinkLines, message: str) -> str:
    record = logging.LogRecord("mkdocs.structure.pages", logging.WARNING, "", 0, message, (), None)
    assert link_filter.filter(record)
    return record.getMessage()


@pytest.fixture
def link_filter() -> LinkLines:
    found = LinkLines()
    found.sources["dir/page.md"] = SOURCE
    return found


def test_each_warning_for_a_link_names_the_line_of_its_next_occurrence(link_filter) -> None:
    message = (
        "Doc file 'dir/page.md' contains a link 'guide.md', but the target is not found among "
        "documentation files."
    )
    assert warn(link_filter, message) == f"dir/page.md:7: {message}"
    assert warn(link_filter, message).startswith("dir/page.md:7: Doc file")
    assert warn(link_filter, message).startswith("dir/page.md:9: Doc file")


def test_an_anchor_warning_names_its_line(link_filter) -> None:
    message = (
        "Doc file 'dir/page.md' contains a link 'guide.md#part', but the doc 'dir/guide.md' "
        "does not contain an anchor '#part'."
    )
    assert warn(link_filter, message) == f"dir/page.md:7: {message}"


def test_a_link_the_page_does_not_spell_out_is_said_to_come_from_elsewhere(link_filter) -> None:
    message = (
        "Doc file 'dir/page.md' contains an unrecognized relative link 'x/', it was left as is."
    )
    assert warn(link_filter, message) == (
        f"dir/page.md (in text that an include or a marker brought in): {message}"
    )


def test_other_messages_and_pages_it_has_not_read_pass_unchanged(link_filter) -> None:
    other = "The following pages exist in the docs directory, but are not included in nav"
    assert warn(link_filter, other) == other
    unread = "Doc file 'elsewhere.md' contains a link 'x.md', but the target is not found."
    assert warn(link_filter, unread) == unread
