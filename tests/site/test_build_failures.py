"""A contributor's mistake fails the strict build with the page's file, and its line
where it has one, in the message (a notebook page's links, which MkDocs does not check,
are checked in test_links.py). Marker mistakes: tests/content_markers/ and
tests/hooks/test_marker_errors.py."""

from __future__ import annotations

import pytest

from tests.conftest import page

pytestmark = pytest.mark.build

GOOD = page("# Good\n\n## Section\n\nText.")


def test_a_small_clean_site_builds(build_small_site) -> None:
    result = build_small_site(
        {"index.md": GOOD, "other.md": page("# Other\n\n[back](index.md#section)")}
    )
    assert result.returncode == 0, result.stderr


BROKEN_LINKS = page("# Bad\n\n[gone](missing.md)\n\n[no anchor](index.md#no-such-heading)")


def test_mkdocs_own_checks_fail_the_build_naming_page_and_line(build_small_site) -> None:
    """MkDocs' own checks, all in one build (strict mode reports every warning, then
    stops): a link to no page and to no heading, named with their lines
    (hooks/link_errors.py), and a page left out of nav."""
    pages = {"index.md": GOOD, "bad.md": BROKEN_LINKS, "left-out.md": page("# Left out")}
    result = build_small_site(pages, [{"Home": "index.md"}, {"Bad": "bad.md"}])
    assert result.returncode != 0, f"build passed but should fail:\n{result.stderr}"
    lines = BROKEN_LINKS.splitlines()
    gone = lines.index("[gone](missing.md)") + 1
    anchor = lines.index("[no anchor](index.md#no-such-heading)") + 1
    for expected in (
        f"bad.md:{gone}: Doc file 'bad.md' contains a link 'missing.md', but the target",
        f"bad.md:{anchor}: Doc file 'bad.md' contains a link 'index.md#no-such-heading', but",
        'are not included in the "nav" configuration:\n  - left-out.md',
    ):
        assert expected in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("pages", "nav", "expected"),
    [
        pytest.param(
            {
                "index.md": GOOD,
                "bad.md": page('# Bad\n\n```python\n--8<-- "snippets/no_such_file.py"\n```'),
            },
            None,
            "bad.md",
            id="missing-snippet-file",
        ),
        pytest.param(
            {
                "index.md": GOOD,
                "bad.md": page(
                    '# Bad\n\n```python\n--8<-- "snippets/growth.py:no_such_section"\n```'
                ),
            },
            None,
            "bad.md",
            id="missing-snippet-section",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": "---\ndescription: [unclosed\n---\n\n# Bad\n"},
            None,
            "bad.md:2: invalid front matter",
            id="invalid-front-matter",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": "# No front matter\n"},
            None,
            "bad.md:1: front matter has no 'description'",
            id="no-description",
        ),
    ],
)
def test_mistake_fails_the_build_naming_the_file(build_small_site, pages, nav, expected) -> None:
    result = build_small_site(pages, nav)
    assert result.returncode != 0, f"build passed but should fail:\n{result.stderr}"
    assert expected in result.stderr, result.stderr


# --- Notebook pages --------------------------------------------------------------------

NOTEBOOK = (
    "# ---\n"
    '# description: "A lab."\n'
    "# jupyter:\n#   kernelspec:\n#     display_name: Python 3\n"
    "#     language: python\n#     name: python3\n"
    "# ---\n\n"
    "# %% [markdown]\n# # Lab\n#\n# {prose}\n\n"
    "# %%\nprint(6 * 7)\n"
)


def test_a_notebook_without_a_description_fails_the_build(build_small_site) -> None:
    headerless = NOTEBOOK.format(prose="Text.").replace('# description: "A lab."\n', "")
    result = build_small_site({"index.md": GOOD, "lab/nb.py": headerless})
    assert result.returncode != 0, result.stderr
    assert "lab/nb.py:1: front matter has no 'description'" in result.stderr, result.stderr
