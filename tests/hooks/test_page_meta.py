"""hooks/page_meta.py: front matter MkDocs would misread or ignore fails, naming the line."""

from __future__ import annotations

import pytest
import yaml
from mkdocs.exceptions import PluginError

from hooks.page_meta import check_front_matter


def check(front_matter: str) -> None:
    source = f"---\n{front_matter}---\n\n# Page\n"
    check_front_matter("page.md", source, yaml.safe_load(front_matter) or {})


def test_a_description_and_the_keys_mkdocs_reads_pass() -> None:
    check('description: "What the page teaches."\ntitle: A page\nhide:\n  - toc\n')


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ('descripton: "Typo."\n', "page.md:2: front matter key 'descripton' means nothing"),
        ('description: "Fine."\nsumary: "No."\n', "page.md:3: front matter key 'sumary'"),
        ("title: No description\n", "page.md:1: front matter has no 'description'"),
    ],
)
def test_a_key_nothing_reads_or_a_missing_description_fails(front_matter, message) -> None:
    with pytest.raises(PluginError, match=message):
        check(front_matter)


def test_broken_yaml_names_where_the_parser_gave_up() -> None:
    with pytest.raises(PluginError, match=r"page\.md:4: invalid front matter: expected the node"):
        check_front_matter("page.md", '---\ndescription: "ok"\nbad: [1,\n---\n', {})
