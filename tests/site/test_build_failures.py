"""A contributor's mistake fails the strict build with the page's file in the message
(a notebook page's links, which MkDocs does not check, are checked in test_links.py).
Marker mistakes: tests/content_markers/ and tests/hooks/test_marker_errors.py."""

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


@pytest.mark.parametrize(
    ("pages", "nav", "expected"),
    [
        pytest.param(
            {"index.md": GOOD, "bad.md": page("# Bad\n\n[gone](missing.md)")},
            None,
            "bad.md",
            id="broken-link",
        ),
        pytest.param(
            {"index.md": GOOD, "bad.md": page("# Bad\n\n[gone](index.md#no-such-heading)")},
            None,
            "bad.md",
            id="missing-anchor",
        ),
        pytest.param(
            {"index.md": GOOD, "left-out.md": page("# Left out")},
            [{"Home": "index.md"}],
            "left-out.md",
            id="page-not-in-nav",
        ),
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
