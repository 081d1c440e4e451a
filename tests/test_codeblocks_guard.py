"""The code-block guard: every Python fence in docs/ runs in the tests, or includes tested
code (the parser, and what it holds pytest-codeblocks to, is in tests/fences.py)."""

from __future__ import annotations

import io
import textwrap

import pytest
from pytest_codeblocks.main import extract_from_buffer

from tests.fences import ROOT, Fence, check_docs, parse_fences, plant, run_codeblocks

# --- The guard on the real docs ----------------------------------------------------


def test_every_python_fence_in_docs_runs_or_includes_tested_snippet_code():
    problems, counts = check_docs(ROOT)
    assert not problems, "\n".join(problems)
    assert counts["inline python blocks run"] > 0


def test_the_parser_agrees_with_pytest_codeblocks_on_every_page():
    for page in sorted((ROOT / "docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        theirs = [b.lineno for b in extract_from_buffer(_lines(text)) if b.syntax == "python"]
        ours = [f.line for f in parse_fences(text) if f.collected and f.info == "python"]
        assert ours == theirs, page


# --- The parser, on planted Markdown ------------------------------------------------

PLANTED = textwrap.dedent(
    """\
    # Planted

    ```python
    print("runs")
    ```

    ```py
    print("skipped: py")
    ```

    ```python title="x.py"
    print("skipped: title")
    ```

    ```python hl_lines="1"
    print("skipped: hl_lines")
    ```

    ```python linenums="1"
    print("skipped: linenums")
    ```

    ``` {.python}
    print("skipped: attribute")
    ```

    ~~~python
    print("skipped: tildes")
    ~~~

    ??? question "Why?"

        ```python
        print("runs: in an admonition")
        ```

    === "Tab"

        ```python
        print("runs: in a tab")
        ```

    <!--pytest-codeblocks:cont-->

    ```python
    print("runs: continued")
    ```

    <!--pytest-codeblocks:expected-output-->

    ```python
    runs: continued
    ```

    <!--pytest-codeblocks:skip-->

    ```python
    print("skipped: marked")
    ```

    ```text
    not python
    ```
    """
)


def _lines(text: str) -> io.StringIO:
    return io.StringIO(text)  # extract_from_buffer reads a file-like object


def test_parser_sees_every_fence_and_which_ones_run():
    fences = parse_fences(PLANTED)
    python = [f for f in fences if f.looks_like_python]
    assert [f.line for f in fences if f.runs] == [3, 33, 39, 45]
    assert [f.line for f in python if not f.runs] == [7, 11, 15, 19, 23, 27, 51, 57]
    assert [f.body for f in fences if f.line in (33, 39)] == [
        ['print("runs: in an admonition")'],
        ['print("runs: in a tab")'],
    ]
    assert not fences[-1].looks_like_python


def test_parser_agrees_with_pytest_codeblocks_on_planted_markdown():
    with pytest.warns(DeprecationWarning):  # it warns on the `skip` comment
        blocks = extract_from_buffer(_lines(PLANTED))
    theirs = [(b.lineno, b.syntax) for b in blocks]
    fences = parse_fences(PLANTED)
    blocks_they_see = [f for f in fences if f.fence == "`" and not f.continues]
    ours = [(f.line, f.info) for f in blocks_they_see if not f.expected_output]
    assert ours == theirs


@pytest.mark.parametrize(
    "info",
    [
        "py",
        "python3",
        "{.python}",
        "{ .python title='a' }",
        'python title="x.py"',
        "py hl_lines='2'",
    ],
)
def test_python_looking_info_strings(info):
    assert Fence(line=1, info=info).looks_like_python


@pytest.mark.parametrize("info", ["text", "pycon", "sh", "yaml", 'text title="x.py"', ""])
def test_other_info_strings_are_not_python(info):
    assert not Fence(line=1, info=info).looks_like_python


# --- The guard, on planted sites ----------------------------------------------------


SECTIONED = "# --8<-- [start:part]\nx = 1\n# --8<-- [end:part]\n"


def test_guard_accepts_a_tested_include_and_reports_the_count(tmp_path):
    root = plant(
        tmp_path,
        """\
        ```python title="snippets/model.py"
        --8<-- "snippets/model.py:part"
        ```
        """,
        {"model.py": SECTIONED},
    )
    assert check_docs(root) == ([], {"inline python blocks run": 0, "snippet includes": 1})


@pytest.mark.parametrize(
    ("include", "message"),
    [
        (
            '--8<-- "snippets/model.py:nope"',
            "section 'nope', which snippets/model.py does not mark",
        ),
        ('--8<-- "snippets/gone.py"', "snippets/gone.py, which does not exist"),
        ('--8<-- "snippets/model.py:1:3"', "name a section, not lines"),
    ],
)
def test_guard_names_a_broken_include(tmp_path, include, message):
    root = plant(
        tmp_path,
        f'\n```python title="snippets/model.py"\n{include}\n```\n',
        {"model.py": SECTIONED},
    )
    problems, _ = check_docs(root)
    assert any(p.startswith("docs/planted.md:2: ") and message in p for p in problems), problems


def test_guard_wants_the_title_to_name_the_file_and_the_module_tested(tmp_path):
    root = plant(tmp_path, '```py\n--8<-- "snippets/model.py:part"\n```\n', {"model.py": SECTIONED})
    (root / "tests" / "test_model.py").unlink()
    problems, _ = check_docs(root)
    assert any("docs/planted.md:1: " in p and 'title="snippets/model.py"' in p for p in problems)
    assert any("docs/planted.md:1: " in p and "no unit tests" in p for p in problems)


def test_guard_fails_on_an_include_in_a_plain_python_fence(tmp_path):
    root = plant(
        tmp_path, '```python\n--8<-- "snippets/model.py:part"\n```\n', {"model.py": SECTIONED}
    )
    problems, _ = check_docs(root)
    assert any(p.startswith("docs/planted.md:1: an include in a plain") for p in problems)


def test_guard_fails_on_an_orphan_module_but_not_on_charts_or_init(tmp_path):
    root = plant(tmp_path, "No code here.\n", {"orphan.py": "", "__init__.py": ""})
    (root / "snippets" / "charts").mkdir()
    (root / "snippets" / "charts" / "bars.py").write_text("", encoding="utf-8")
    problems, _ = check_docs(root)
    assert problems == [
        'snippets/orphan.py:1: no page includes this module (--8<-- "snippets/orphan.py")'
    ]


def test_done_when_a_failing_block_in_a_titled_fence_fails_the_guard(tmp_path):
    root = plant(
        tmp_path,
        """\
        Text.

        ```python title="planted.py"
        raise RuntimeError("planted")
        ```
        """,
    )
    problems, _ = check_docs(root)
    assert len(problems) == 1 and problems[0].startswith("docs/planted.md:3: ")
    # ...which pytest-codeblocks alone would have let through: it collects nothing.
    result = run_codeblocks(root / "docs")
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, result.stdout


def test_done_when_a_failing_block_in_a_question_admonition_fails_with_the_page_name(tmp_path):
    root = plant(
        tmp_path,
        """\
        # Page

        ??? question "What does this print?"

            ```python
            raise RuntimeError("planted")
            ```
        """,
    )
    assert check_docs(root)[0] == []  # a plain python block: the guard leaves it to the runner
    result = run_codeblocks(root / "docs")
    assert result.returncode == pytest.ExitCode.TESTS_FAILED
    assert "planted.md::line 5" in result.stdout
    assert "RuntimeError" in result.stdout or "planted" in result.stdout


def test_guard_names_a_block_continued_from_an_include(tmp_path):
    # pytest-codeblocks' `cont` glues a block to the previous fence of any kind: after
    # an include fence, the continued code joins a block that never runs.
    page = (
        '```python title="snippets/model.py"\n--8<-- "snippets/model.py:part"\n```\n\n'
        "<!--pytest-codeblocks:cont-->\n\n```python\nraise RuntimeError\n```\n"
    )
    root = plant(tmp_path, page, {"model.py": SECTIONED})
    problems, _ = check_docs(root)
    assert problems == [
        "docs/planted.md:7: <!--pytest-codeblocks:cont--> glues this block to the fence at "
        "line 1, which is not run; continue a plain ```python block instead"
    ]


def test_a_plain_python_include_fence_is_run_as_python_and_fails(tmp_path):
    # The claim behind the guard's title= rule, checked against the runner itself.
    root = plant(tmp_path, '# Page\n\n```python\n--8<-- "snippets/model.py:part"\n```\n')
    result = run_codeblocks(root / "docs")
    assert result.returncode == pytest.ExitCode.TESTS_FAILED
    assert "planted.md::line 3" in result.stdout


@pytest.mark.parametrize(
    "comment",
    [
        "<!--pytest-codeblock:cont-->",
        "<!-- pytest_codeblocks:cont -->",
        "<!--pytest-codeblocks cont-->",
    ],
)
def test_guard_names_a_misspelt_directive_that_pytest_codeblocks_would_ignore(tmp_path, comment):
    root = plant(
        tmp_path, f"# Page\n\n```python\nx = 1\n```\n\n{comment}\n\n```python\nprint(x)\n```\n"
    )
    problems, _ = check_docs(root)
    assert problems == [
        f"docs/planted.md:7: {comment} is not a pytest-codeblocks directive, which would "
        "ignore it: write <!--pytest-codeblocks:cont--> or <!--pytest-codeblocks:expected-output-->"
    ]
