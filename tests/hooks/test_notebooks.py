"""hooks/notebooks.py: the notebook's cells only, in Material's markup; a failing cell
named by file, line and cell; a script in a cell's output refused."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import nbformat
import notebooks
import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import get_toc
from nbclient.exceptions import CellExecutionError
from notebooks import cell_error_message, check_no_marker, tidy_notebook_html, toc_with_anchors

# The shape of mkdocs-jupyter's output, cut down: nbconvert's head, then the wrapper.
HEAD = (
    "<script>/* clipboard */</script><style>.jp-Cell{}</style>"
    '<!-- Load mathjax -->\n<script src=""> </script>'
    '<script type="module">import("https://cdnjs.example/mermaid.mjs")</script>'
)
CELLS = (
    '<div class="jupyter-wrapper">\n<div class="jp-Notebook" data-jp-theme-light="true">\n'
    '---\ndescription: "A lab."\n---\n'
    '<div class="jp-Cell"><h2 id="fit">Fit<a class="anchor-link" href="#fit">¶</a></h2></div>'
    '<div class="jp-Cell"><div class="zeroclipboard-container">\n<clipboard-copy for="cell-1">'
    "<div><span>Copied!</span><svg></svg></div></clipboard-copy>\n</div>"
    '<div class="highlight-ipynb hl-python "><pre><span></span>x = 1\n</pre></div>'
    '<div class="clipboard-copy-txt" id="cell-1">x = 1</div>\n'
    '<details><div class="highlight"><pre><span></span>y = 2\n</pre></div></details>'
    '<div class="jp-OutputArea"><script type="application/json" class="chart__figure">{}</script>'
    "</div></div></div></div>"
)


def test_tidy_keeps_the_cells_in_materials_markup() -> None:
    html = tidy_notebook_html("lab/x.py", HEAD + CELLS)
    assert html.startswith('<div class="jupyter-wrapper">')
    for gone in ("<style", "mathjax", "cdnjs", "description:", "clipboard", "Copied!"):
        assert gone not in html
    assert '<div class="highlight"><pre><code><span></span>x = 1\n</code></pre></div>' in html
    assert '<div class="highlight"><pre><code><span></span>y = 2\n</code></pre></div>' in html
    assert '<a class="headerlink" href="#fit">' in html
    assert 'class="chart__figure">{}</script>' in html  # chart data is not a script


def test_tidy_refuses_a_script_in_a_cell_output() -> None:
    cells = CELLS.replace("{}</script>", "{}</script><script>alert(1)</script>")
    with pytest.raises(PluginError, match=r"^lab/x\.py:1: a cell's output contains '<script>'"):
        tidy_notebook_html("lab/x.py", HEAD + cells)


def test_tidy_fails_loudly_when_the_template_changes() -> None:
    with pytest.raises(PluginError, match=r"^lab/x\.py:1: .*no longer matches its template"):
        tidy_notebook_html("lab/x.py", "<div>no wrapper</div>")


def test_toc_keeps_only_headings_on_the_page() -> None:
    toc = get_toc(
        [
            {"level": 2, "id": "description-a-lab", "name": "description", "children": []},
            {
                "level": 2,
                "id": "fit",
                "name": "Fit",
                "children": [{"level": 3, "id": "gone", "name": "Gone", "children": []}],
            },
        ]
    )
    kept = toc_with_anchors(toc.items, '<h2 id="fit">Fit</h2>')
    assert [item.id for item in kept] == ["fit"]
    assert kept[0].children == []


NOTEBOOK = """\
# %% [markdown]
# # A lab

# %%
a = 1

# %%
b = a / 0
"""


def failure(source: str) -> CellExecutionError:
    cell = nbformat.v4.new_code_cell(source)
    reply = {"ename": "ZeroDivisionError", "evalue": "division by zero", "traceback": ["tb"]}
    return CellExecutionError.from_cell_and_msg(cell, reply)


def test_cell_error_names_file_line_and_code_cell() -> None:
    message = cell_error_message("lab/x.py", NOTEBOOK, failure("b = a / 0"))
    assert message == "lab/x.py:8: code cell 2 raised ZeroDivisionError: division by zero"


def test_cell_error_without_a_matching_cell_still_names_the_file() -> None:
    message = cell_error_message("lab/x.py", NOTEBOOK, failure("not in the notebook"))
    assert message == "lab/x.py:1: a cell raised ZeroDivisionError: division by zero"


def test_a_marker_in_a_notebook_fails_naming_its_line() -> None:
    notebook = "# %% [markdown]\n# # Lab\n#\n# <!-- md:table growth -->\n\n# %%\nx = 1\n"
    check_no_marker("lab/x.py", notebook.replace("<!-- md:table growth -->", "Text."))
    with pytest.raises(PluginError, match=r"^lab/x\.py:4: '<!-- md:table growth -->' is not "):
        check_no_marker("lab/x.py", notebook)


# --- Under mkdocs serve, the lab runs again only when what it reads changed -------------


def lab_page(root: Path, calls: list[str]) -> SimpleNamespace:
    """A notebook page whose render (mkdocs-jupyter's, faked) counts its runs."""
    notebook = root / "docs" / "lab" / "nb.py"
    page = SimpleNamespace(
        file=SimpleNamespace(
            src_path="lab/nb.py", abs_src_path=str(notebook), content_string="# %%\n"
        ),
        content=None,
        toc=None,
        title=None,
    )

    def render(config, files) -> None:
        calls.append(notebook.read_text(encoding="utf-8"))
        page.content, page.toc, page.title = f"<p>run {len(calls)}</p>", [], "Lab"

    page.render = render
    return page


@pytest.fixture
def lab_folder(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setattr(notebooks, "_last_run", {})
    for name, text in {"docs/lab/nb.py": "# %%\n", "snippets/a.py": "A = 1\n"}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    (tmp_path / "data").mkdir()
    return tmp_path


def rebuild(root: Path, calls: list[str]) -> str:
    """One build of the lab page, as MkDocs makes it; the page's content."""
    page = notebooks.on_pre_page(lab_page(root, calls), None, None)
    page.render(SimpleNamespace(config_file_path=str(root / "mkdocs.yml")), None)
    return page.content


def test_serve_runs_the_lab_again_only_when_it_or_what_it_imports_changed(lab_folder) -> None:
    notebooks.on_startup(command="serve")
    try:
        calls: list[str] = []
        assert rebuild(lab_folder, calls) == "<p>run 1</p>"
        assert rebuild(lab_folder, calls) == "<p>run 1</p>", "another page's edit reran it"
        (lab_folder / "docs" / "lab" / "nb.py").write_text("# %%\nx = 1\n", encoding="utf-8")
        assert rebuild(lab_folder, calls) == "<p>run 2</p>"
        (lab_folder / "snippets" / "a.py").write_text("A = 2\n", encoding="utf-8")
        assert rebuild(lab_folder, calls) == "<p>run 3</p>"
        (lab_folder / "data" / "t.json").write_text("{}", encoding="utf-8")
        assert rebuild(lab_folder, calls) == "<p>run 4</p>"
        assert len(calls) == 4
    finally:
        notebooks.on_startup(command="build")


def test_a_build_always_runs_the_lab(lab_folder) -> None:
    notebooks.on_startup(command="build")
    calls: list[str] = []
    for _ in range(2):
        rebuild(lab_folder, calls)
    assert len(calls) == 2
