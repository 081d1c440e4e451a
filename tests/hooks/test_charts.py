"""hooks/charts.py: a chart marker becomes the chart; a wrong one fails naming the page."""

from __future__ import annotations

from types import SimpleNamespace

import charts  # hooks/charts.py (pyproject puts hooks/ on the path)
import pytest
from mkdocs.exceptions import PluginError

import snippets.charts
from tests.conftest import page


def render(markdown: str, src_path: str = "perf.md") -> str:
    stub = SimpleNamespace(file=SimpleNamespace(src_path=src_path, content_string=markdown))
    return charts.on_page_markdown(markdown, page=stub)


def test_marker_becomes_the_chart_and_other_markers_are_left_alone(monkeypatch) -> None:
    monkeypatch.setitem(snippets.charts.CHARTS, "tiny", lambda: "<figure>tiny</figure>")
    out = render("# P\n\n<!-- md:chart tiny -->\n\n<!-- md:table growth -->\n")
    assert out == "# P\n\n<figure>tiny</figure>\n\n<!-- md:table growth -->\n"


def test_unknown_chart_names_the_chart_and_the_page_line() -> None:
    with pytest.raises(PluginError, match=r"^perf\.md:3: unknown chart 'no_such_chart'"):
        render("# P\n\n<!-- md:chart no_such_chart -->\n")


def test_a_chart_that_raises_names_the_chart_the_page_line_and_the_error(monkeypatch) -> None:
    def broken() -> str:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(snippets.charts.CHARTS, "broken", broken)
    with pytest.raises(PluginError, match=r"^perf\.md:4: chart 'broken' failed: ZeroDivisionError"):
        render("# P\n\ntext\n<!-- md:chart broken -->\n")


@pytest.mark.build
def test_unknown_chart_fails_the_real_build_naming_file_and_line(build_small_site) -> None:
    result = build_small_site(
        {"index.md": page("# Home"), "bad.md": page("# Bad\n\n<!-- md:chart no_such_chart -->")}
    )
    assert result.returncode != 0
    assert "bad.md:7: unknown chart 'no_such_chart'" in result.stderr, result.stderr
