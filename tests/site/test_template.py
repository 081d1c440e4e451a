"""The page template contributors copy (templates/page.md) builds strictly and its code runs."""

from __future__ import annotations

import contextlib
import io
import re

import pytest

from tests.conftest import ROOT, page

TEMPLATE = (ROOT / "templates" / "page.md").read_text(encoding="utf-8")


@pytest.mark.build
def test_the_page_template_builds_strictly(build_small_site) -> None:
    # The template cites an entry of the references page, as a new page would.
    references = page("# References\n\n## Sculley et al., 2015 { #sculley-2015 }\n")
    result = build_small_site({"index.md": TEMPLATE, "references.md": references})
    assert result.returncode == 0, result.stderr


def test_the_page_templates_inline_python_runs() -> None:
    blocks = re.findall(r"^```python\n(.*?)^```", TEMPLATE, re.MULTILINE | re.DOTALL)
    assert blocks, "the template should show an inline python block"
    output = io.StringIO()
    with contextlib.redirect_stdout(output):
        for block in blocks:
            exec(compile(block, "templates/page.md", "exec"), {})
    printed = re.search(r"expected-output-->\n\n```text\n(.*?)```", TEMPLATE, re.DOTALL)
    assert output.getvalue() == printed.group(1), "the output written under the block"
