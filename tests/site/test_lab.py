"""The lab notebook: executed on every build, rendered with its charts and no CDN,
downloadable, runnable as a plain script with its exercise solutions, and a failing
cell fails the build naming the notebook, the line and the cell."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import jupytext
import pytest

from tests.conftest import ROOT, page

LAB = ROOT / "docs" / "lab" / "measure-it-yourself.py"
LAB_PAGE = Path("lab") / "measure-it-yourself" / "index.html"
# Attribute order is the HTML serializer's, so match attributes one by one.
CHART_DATA = re.compile(r'<div\b[^>]*\bclass="chart__figure"[^>]*>(.*?)</div>')
# A notebook in percent format, as a contributor would write one.
NOTEBOOK_HEADER = """\
# ---
# description: "A planted notebook."
# jupyter:
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---
"""


@pytest.fixture(scope="module")
def lab_html(built_site: Path) -> str:
    return (built_site / LAB_PAGE).read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


@pytest.mark.build
def test_lab_page_shows_the_executed_outputs(lab_html: str) -> None:
    text = article(lab_html)
    # Operation counts are exact: items of a fixed size give k = 1, each item's size
    # alone gives k = 1, and items growing with their size give about k = 2 on both
    # sides (a service's fixed deploy keeps DevOps a little under 2).
    assert re.search(r"DevOps operations\s+k = 1\.00", text)
    assert re.search(r"MLOps operations\s+k = 1\.00", text)
    assert re.search(r"features growing:\s+k = 1\.00", text)
    assert re.search(r"MLOps: n datasets of n features\s+k = 2\.00", text)
    assert re.search(r"DevOps: n services of 4n lines\s+k = 1\.9\d", text)
    assert re.search(r"The lab ran in \d+\.\d s\.", text)


@pytest.mark.build
def test_lab_executes_in_under_a_minute(lab_html: str) -> None:
    seconds = float(re.search(r"The lab ran in (\d+\.\d) s\.", lab_html).group(1))
    assert seconds < 60, f"the lab took {seconds} s to execute during the build"


@pytest.mark.build
def test_lab_charts_carry_the_measured_data(lab_html: str) -> None:
    figures = [json.loads(data) for data in CHART_DATA.findall(article(lab_html))]
    assert len(figures) >= 3
    first = {trace["name"]: trace for trace in figures[0]["data"]}
    # Each side's operations relative to its own count at the first size: a fixed work
    # per item (a service hashes every line, runs one check per two lines, deploys one
    # package; a dataset of the default size likewise) makes both exactly n / n0.
    for side in ("DevOps", "MLOps"):
        x, y = first[side]["x"], first[side]["y"]
        assert y == [round(n / x[0], 4) for n in x], side


@pytest.mark.build
def test_lab_page_loads_nothing_from_a_cdn_and_inlines_no_plotly(lab_html: str) -> None:
    assert not re.search(r"cdn|mathjax|mermaid|require\.js", lab_html, re.IGNORECASE)
    assert "plotly.js v" not in lab_html  # the bundle's licence banner
    assert "Plotly.newPlot" not in lab_html
    # Only the site's own script files and JSON data: nothing a CSP would block.
    executable = re.compile(r'<script(?![^>]*\b(?:src=|type="application/[\w.+-]*json"))[^>]*>')
    assert executable.findall(article(lab_html)) == []
    assert len(lab_html) < 300_000, "the lab page is heavier than any notebook needs"


@pytest.mark.build
def test_lab_page_hides_the_jupytext_header_and_offers_the_download(
    built_site: Path, lab_html: str
) -> None:
    assert "description:" not in article(lab_html)
    assert not re.search(r'<a href="#description', lab_html)  # nor in the table of contents
    links = re.findall(r"<a\b[^>]*>", article(lab_html))
    assert any('href="measure-it-yourself.py"' in a and " download" in a for a in links)
    download = built_site / LAB_PAGE.parent / "measure-it-yourself.py"
    assert download.read_bytes() == LAB.read_bytes()


def exercise_solutions(notebook: Path) -> list[str]:
    """The ```python blocks in the notebook's Markdown cells (its exercise solutions)."""
    cells = jupytext.read(notebook).cells
    markdown = "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")
    return re.findall(r"```python\n(.*?)```", markdown, re.DOTALL)


def test_lab_runs_as_a_plain_script_with_its_solutions(tmp_path: Path) -> None:
    solutions = exercise_solutions(LAB)
    assert len(solutions) == 3
    # The page tells readers to run the file as it is; the solutions run after it, as
    # a reader would paste them into new cells.
    script = tmp_path / "lab_with_solutions.py"
    markers = [f"print('solution {i} done')" for i in range(len(solutions))]
    script.write_text(
        LAB.read_text(encoding="utf-8")
        + "".join(f"\n{code}\n{marker}\n" for code, marker in zip(solutions, markers, strict=True)),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"DevOps operations\s+k = 1\.00", result.stdout)
    assert "[chart] " in result.stdout  # charts are named, not drawn, outside Jupyter
    for i in range(len(solutions)):
        assert f"solution {i} done" in result.stdout


@pytest.mark.build
def test_a_failing_cell_fails_the_build_naming_notebook_line_and_cell(build_small_site) -> None:
    notebook = NOTEBOOK_HEADER + textwrap.dedent(
        """
        # %% [markdown]
        # # Broken lab

        # %%
        ratio = 1

        # %%
        ratio = ratio / 0
        """
    )
    line = notebook.splitlines().index("ratio = ratio / 0") + 1
    result = build_small_site(
        {"index.md": page("# Home"), "lab/broken.py": notebook},
        [{"Home": "index.md"}, {"Broken": "lab/broken.py"}],
    )
    assert result.returncode != 0, result.stderr
    assert (
        f"lab/broken.py:{line}: code cell 2 raised ZeroDivisionError: division by zero"
        in result.stderr
    ), result.stderr[-3000:]


@pytest.mark.build
def test_a_cell_output_with_a_script_fails_the_build(build_small_site) -> None:
    notebook = NOTEBOOK_HEADER + textwrap.dedent(
        """
        # %%
        from IPython.display import HTML, display

        display(HTML("<script>document.title = 'x'</script>"))
        """
    )
    result = build_small_site(
        {"index.md": page("# Home"), "lab/scripted.py": notebook},
        [{"Home": "index.md"}, {"Scripted": "lab/scripted.py"}],
    )
    assert result.returncode != 0, result.stderr
    assert "lab/scripted.py:1: a cell's output contains '<script>'" in result.stderr
