"""Make mkdocs-jupyter's pages (the lab notebooks) follow the site's rules.

1. A failing cell fails the build with `<notebook>:<line>: code cell N raised <Error>: ...`
   (mkdocs-jupyter alone prints the cell's source and a coloured traceback).
2. The page keeps only the notebook itself. nbconvert's template puts in front of it
   0.6 MB of JupyterLab CSS, inline scripts (blocked by the site's script-src 'self'),
   a MathJax loader with an empty src and a mermaid loader from a CDN; all are dropped.
   Code, in cells and in Markdown, gets Material's code-block markup (its colours in
   both palettes, and its copy button); the lab section of site.css does the rest.
3. A cell output with an executable <script> fails the build: it could not run under
   the site's Content-Security-Policy (display charts with snippets.charts.html).
4. A `<!-- md:... -->` marker in a notebook fails the build: markers are rendered in
   Markdown pages only (mkdocs-jupyter converts notebooks without Python-Markdown).
5. Under `mkdocs serve` (`make serve`) a rebuild reuses the lab as the previous build
   ran it, unless the notebook or what it imports (snippets/, data/) changed since: an
   edit to another page rebuilds in seconds, not the lab's half a minute. `mkdocs build`,
   and so `make build`, `make check` and the tests, always run it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from nbclient.exceptions import CellExecutionError

from content_markers.markers import stray_marker
from content_markers.search_exclusions import mark, parse

NOTEBOOK_SUFFIXES = (".py", ".ipynb")
WRAPPER = '<div class="jupyter-wrapper">'
# jupytext turns the header (which holds the page's description) into a raw cell.
HEADER_CELL = re.compile(r'(<div class="jp-Notebook"[^>]*>\s*)---\n.*?\n---\n', re.DOTALL)
# Copy buttons that need the dropped inline script, and the hidden text they copy.
COPY_WIDGETS = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>'
    r'|<div [^>]*class="clipboard-copy-txt"[^>]*>.*?</div>',
    re.DOTALL,
)
# Code cells ("highlight-ipynb") and fenced code in Markdown cells ("highlight").
CODE_BLOCK = re.compile(
    r'<div class="highlight(?:-ipynb)?[^"]*"><pre>(?!<code>)(.*?)</pre></div>', re.DOTALL
)
EXECUTABLE_SCRIPT = re.compile(r'<script\b(?![^>]*\btype="application/[\w.+-]*json")[^>]*>')
# nbclient's message: "An error occurred while executing the following cell:\n---\n<source>\n---"
FAILED_CELL = re.compile(r"following cell:\n-{18}\n(?P<source>.*?)\n-{18}\n", re.DOTALL)


def is_notebook(page) -> bool:
    return page.file.src_path.endswith(NOTEBOOK_SUFFIXES)


def cell_error_message(src_path: str, notebook_text: str, error: CellExecutionError) -> str:
    """`<src_path>:<line>: code cell N raised <Error>: <value>` for the cell that failed."""
    import jupytext

    match = FAILED_CELL.search(str(error))
    source = match.group("source") if match else ""
    line, where = 1, "a cell"
    if source:
        position = notebook_text.find(source)
        if position >= 0:
            line = notebook_text.count("\n", 0, position) + 1
        notebook = jupytext.reads(notebook_text, fmt=Path(src_path).suffix[1:])
        code_cells = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
        if source in code_cells:
            where = f"code cell {code_cells.index(source) + 1}"
    return f"{src_path}:{line}: {where} raised {error.ename}: {error.evalue}"


def tidy_notebook_html(src_path: str, html: str) -> str:
    """The notebook's cells only, in Material's markup (see the module docstring)."""
    start = html.find(WRAPPER)
    if start < 0:
        raise PluginError(
            f"{src_path}:1: mkdocs-jupyter's output has no {WRAPPER}; "
            "hooks/notebooks.py no longer matches its template"
        )
    html = HEADER_CELL.sub(r"\1", html[start:], count=1)
    html = COPY_WIDGETS.sub("", html)
    html = CODE_BLOCK.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', html)
    html = html.replace('class="anchor-link"', 'class="headerlink"')
    script = EXECUTABLE_SCRIPT.search(html)
    if script:
        raise PluginError(
            f"{src_path}:1: a cell's output contains {script.group(0)!r}, which the site's "
            "Content-Security-Policy blocks; show charts with snippets.charts.html.figure_html"
        )
    return html


def check_no_marker(src_path: str, notebook_text: str) -> None:
    """Fail on a content marker in a notebook, which nothing would render."""
    marker = stray_marker(notebook_text)
    if marker:
        line = notebook_text.count("\n", 0, notebook_text.find(marker)) + 1
        raise PluginError(
            f"{src_path}:{line}: '{marker}' is not rendered in a notebook (markers work in "
            "Markdown pages); show a table or chart from snippets in a code cell instead"
        )


@contextlib.contextmanager
def own_ipython_profile() -> Iterator[None]:
    """Run the notebook's kernel with a fresh IPython profile of the build's own.

    The kernel would otherwise read the contributor's ~/.ipython (startup scripts, say),
    so a page could differ from one machine to the next; and it warns, above any error
    the build reports, that its local socket is not encrypted. This profile sets its log
    level to errors only. The kernel finds it through IPYTHONDIR, which it inherits.
    """
    with tempfile.TemporaryDirectory(prefix="lab-ipython-") as folder:
        profile = Path(folder, "profile_default")
        profile.mkdir()
        (profile / "ipython_kernel_config.json").write_text(
            json.dumps({"IPKernelApp": {"log_level": "ERROR"}}), encoding="utf-8"
        )
        before = os.environ.get("IPYTHONDIR")
        os.environ["IPYTHONDIR"] = folder
        try:
            yield
        finally:
            if before is None:
                del os.environ["IPYTHONDIR"]
            else:
                os.environ["IPYTHONDIR"] = before


# What a notebook's output depends on besides its own text (the folders it imports from).
NOTEBOOK_READS = ("snippets", "data")
_serving = False
# Under `mkdocs serve`: notebook -> (what it read, as last run; content, toc, title).
_last_run: dict[str, tuple[str, tuple]] = {}


def inputs_digest(notebook: Path, root: Path) -> str:
    """A digest of the notebook and of every file under NOTEBOOK_READS."""
    digest = hashlib.sha256(notebook.read_bytes())
    for folder in NOTEBOOK_READS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def on_startup(command: Literal["build", "gh-deploy", "serve"], **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


def on_pre_page(page: Page, config: MkDocsConfig, files: Files) -> Page:
    # Hooks run after plugins, so mkdocs-jupyter has already replaced page.render.
    if not is_notebook(page):
        return page
    check_no_marker(page.file.src_path, page.file.content_string)
    source = Path(page.file.abs_src_path or page.file.src_path)  # a notebook is a file
    render = page.render

    def render_naming_the_cell(config: MkDocsConfig, files: Files) -> None:
        root = Path(config.config_file_path).parent
        inputs = inputs_digest(source, root) if _serving else None
        last = _last_run.get(page.file.src_path)
        if inputs and last and last[0] == inputs:
            page.content, page.toc, page.title = last[1]
            return
        try:
            with own_ipython_profile():
                render(config, files)
        except CellExecutionError as error:
            text = source.read_text(encoding="utf-8")
            raise PluginError(cell_error_message(page.file.src_path, text, error)) from error
        if inputs:
            _last_run[page.file.src_path] = (inputs, (page.content, page.toc, page.title))

    # As hooks/marker_errors.py does: MkDocs has no hook around a page's rendering.
    page.render = render_naming_the_cell  # type: ignore[method-assign]
    return page


def toc_with_anchors(items: list, html: str) -> list:
    """The TOC entries whose heading is on the page (the header cell's is not)."""
    kept = [item for item in items if f'id="{item.id}"' in html]
    for item in kept:
        item.children = toc_with_anchors(item.children, html)
    return kept


def on_page_content(html: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    if not is_notebook(page):
        return html
    html = tidy_notebook_html(page.file.src_path, html)
    # A notebook's HTML is not Markdown's, so the search exclusions that Markdown
    # extension marks are marked here too, from its list in mkdocs.yml: the lab's code
    # stays out of the search index, as every page's does.
    exclude = config.mdx_configs.get("content_markers.search_exclusions", {}).get("exclude", [])
    html = mark(html, [parse(selector) for selector in exclude])
    page.toc.items = toc_with_anchors(page.toc.items, html)
    return html
