"""content_markers as a Markdown extension: Markdown in, HTML out, with the site's own
extension settings (read from mkdocs.yml) but planted tables and charts (registries.py),
and no site build."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from markdown.preprocessors import Preprocessor

from content_markers import quizzes
from content_markers.markers import MarkerError
from content_markers.quiz_html import render_bank
from content_markers.quizzes import QuizError, load_banks
from tests.conftest import site_markdown
from tests.content_markers.registries import CHARTS, SETTINGS, TABLES, TINY_CHART, TINY_TABLE
from tests.content_markers.sample_bank import GOOD


def converter(**configs: dict) -> markdown.Markdown:
    """The site's converter with the planted tables and charts (and `configs`)."""
    planted = {**SETTINGS, **configs.get("content_markers", {})}
    return site_markdown(**{**configs, "content_markers": planted})


def convert(text: str, **configs: dict) -> str:
    return converter(**configs).convert(text)


def failure(text: str, **configs: dict) -> MarkerError:
    with pytest.raises(MarkerError) as caught:
        convert(text, **configs)
    return caught.value


def plant(folder: Path, banks: dict[str, str]) -> dict:
    """A folder holding only `banks` (name -> text); returns the extension's settings."""
    folder.mkdir()
    for name, text in banks.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    return {"content_markers": {"quiz_banks": str(folder)}}


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


# --- The banks, once per build --------------------------------------------------------


def test_the_banks_are_parsed_once_for_every_page_and_again_only_when_one_changes(
    tmp_path: Path, monkeypatch
) -> None:
    """A build converts each page with a new converter (MkDocs makes one per page), and
    each asks for every bank: the banks are parsed at the first, then reused, until a
    bank's text changes, as an edit under `mkdocs serve` does."""
    other = GOOD.replace("ct-is-unique", "ct-again")
    settings = plant(tmp_path / "banks", {"bank": GOOD, "other": other})
    parsed: list[str] = []
    parse_bank = quizzes.parse_bank
    monkeypatch.setattr(
        quizzes, "parse_bank", lambda text, bank: parsed.append(bank) or parse_bank(text, bank)
    )
    for page in (
        "# One\n\n<!-- md:quiz bank -->\n",
        "# Two\n",
        "# Three\n\n<!-- md:quiz other -->\n",
    ):
        convert(page, **settings)
    assert sorted(parsed) == ["banks/bank.md", "banks/other.md"]
    (tmp_path / "banks" / "other.md").write_text(other.replace("easy", "hard"), encoding="utf-8")
    html = convert("# Three\n\n<!-- md:quiz other -->\n", **settings)
    assert parsed[2:] == ["banks/bank.md", "banks/other.md"]
    assert 'data-difficulty="hard"' in html


# --- What each marker becomes --------------------------------------------------------


def test_a_table_marker_becomes_a_markdown_table_in_the_page() -> None:
    html = convert("# P\n\n<!-- md:table tiny -->\n\nAfter.\n")
    table = markdown.markdown(TINY_TABLE, extensions=["tables"])
    assert table in html
    assert html.index(table) < html.index("<p>After.</p>")


def test_a_chart_marker_becomes_the_chart_html_as_it_is() -> None:
    html = convert("# P\n\n<!-- md:chart tiny -->\n\nAfter.\n")
    assert f"\n{TINY_CHART}\n" in html
    assert "<p><figure" not in html


def test_a_quiz_marker_becomes_the_bank_escaped_with_closed_native_solutions(
    tmp_path: Path,
) -> None:
    stem = "Which practice is unique to ML systems?"
    planted = GOOD.replace(stem, stem + " <script>x()</script>")
    settings = plant(tmp_path / "banks", {"bank": planted})
    # The bank's HTML as it is, without the marks the search index reads.
    no_search_marks = {"content_markers.search_exclusions": {"exclude": []}}
    html = convert("# Quiz\n\n<!-- md:quiz bank -->\n", **settings, **no_search_marks)
    banks = load_banks(tmp_path / "banks")
    assert render_bank("bank", banks.questions["bank"]) in html
    assert "&lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script" not in html and not re.search(r"\son\w+=", html)
    assert html.count("<details ") == html.count('<details class="quiz-solution success">') == 1


def test_a_marker_in_an_admonition_renders_inside_it() -> None:
    html = convert('!!! note "Counts"\n\n    <!-- md:table tiny -->\n\n    <!-- md:chart tiny -->')
    inside = re.search(r'<div class="admonition note">(.*)</div>', html, re.DOTALL).group(1)
    assert "<table>" in inside and 'id="chart-tiny"' in inside


def test_a_marker_shown_as_code_stays_code() -> None:
    html = convert(
        "Write `<!-- md:table growth -->`:\n\n```markdown\n<!-- md:table no_such -->\n```\n\n"
        '??? example "In a block"\n\n    ```markdown\n    <!-- md:chart no_such -->\n    ```\n'
    )
    assert html.count("&lt;!-- md:table") == 2
    assert html.count("&lt;!-- md:chart") == 1
    assert "<table>" not in html


# --- What fails, and what the message names ---------------------------------------------


@pytest.mark.parametrize(
    ("kind", "plural", "names"),
    [("table", "tables", TABLES), ("chart", "charts", CHARTS)],
)
def test_an_unknown_name_fails_listing_the_names_there_are(kind, plural, names) -> None:
    error = failure(f"# P\n\n<!-- md:{kind} no_such -->\n")
    assert error.line == 3
    assert error.problem == (
        f"unknown {kind} 'no_such' (the {plural} are {', '.join(sorted(names))})"
    )


def test_an_unknown_bank_lists_the_banks(tmp_path: Path) -> None:
    settings = plant(tmp_path / "banks", {"one": GOOD})
    error = failure("<!-- md:quiz two -->\n", **settings)
    assert error.problem == "unknown quiz 'two' (the quizzes are one)"


def test_an_unknown_kind_fails_listing_the_kinds() -> None:
    error = failure("Text.\n\n<!-- md:tables growth -->\n")
    assert (error.line, error.problem) == (
        3,
        "unknown marker '<!-- md:tables growth -->' "
        "(the markers are md:chart, md:check, md:quiz, md:run, md:table)",
    )


@pytest.mark.parametrize(
    ("written", "spelling"),
    [
        ("<!--md:table growth-->", "<!-- md:table growth -->"),
        ("<!-- md: table growth -->", "<!-- md:table growth -->"),
        ("<!-- MD:table growth -->", "<!-- md:table growth -->"),
        ("<!-- md:Table growth -->", "<!-- md:table growth -->"),
        ("<!-- md:table  growth -->", "<!-- md:table growth -->"),
        ("<!-- md:table -->", "<!-- md:table NAME -->"),
        ("<!-- md:table growth", "<!-- md:table growth -->"),
        ("<!-- md:table growth --> and text", "<!-- md:table growth -->"),
    ],
)
def test_a_near_miss_fails_with_the_spelling_that_works(written, spelling) -> None:
    error = failure(f"# P\n\nText.\n\n{written}\n")
    assert error.line == 5
    assert error.problem == (
        f"'{written}' is not a marker as written: write it exactly as '{spelling}', "
        "on a line of its own"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Text <!-- md:table growth --> in a paragraph.",
        "<div><!-- md:chart pipeline_growth --></div>",
        "- a list item <!--md:quiz review-->",
    ],
)
def test_a_marker_inside_a_line_fails_instead_of_staying_a_comment(line) -> None:
    error = failure(f"# P\n\n{line}\n")
    assert error.line == 3
    assert "would stay an invisible HTML comment" in error.problem


def test_the_line_is_the_page_line_after_includes_and_code_blocks() -> None:
    source = (
        "# P\n\n"
        '```text\n--8<-- "includes/abbreviations.md"\n```\n\n'
        "```text\n<!-- md:table tiny -->\n```\n\n"
        "<!-- md:table tiny -->\n\n"
        "<!-- md:table no_such -->\n"
    )
    assert failure(source).line == line_of(source, "<!-- md:table no_such -->")


def test_a_snippet_that_raises_names_the_marker_the_error_and_the_line_that_raised(
    monkeypatch,
) -> None:
    def broken() -> str:
        return str(1 / 0)

    monkeypatch.setitem(CHARTS, "broken", broken)
    error = failure("# P\n\n<!-- md:chart broken -->\n")
    raising_line = broken.__code__.co_firstlineno + 1
    assert error.problem == (
        "chart 'broken' failed: ZeroDivisionError: division by zero "
        f"(raised at tests/content_markers/test_extension.py:{raising_line} in broken)"
    )


@pytest.mark.parametrize(
    ("setting", "problem"),
    [
        ("tests.content_markers.no_such:TABLES", "ModuleNotFoundError: No module named"),
        ("tests.content_markers.registries:NO_SUCH", "AttributeError:"),
        ("tests.content_markers.registries:TINY_TABLE", "is a str, not a mapping"),
    ],
)
def test_a_setting_that_names_no_registry_fails_naming_the_setting(setting, problem) -> None:
    with pytest.raises(ValueError, match=f"^content_markers setting tables: '{setting}'") as caught:
        convert("# P\n\n<!-- md:table tiny -->\n", content_markers={"tables": setting})
    assert problem in str(caught.value)


def test_a_page_without_a_table_or_chart_imports_no_registry() -> None:
    """A page of prose (or of quizzes) never imports the site's tables and charts."""
    html = convert("# P\n\nProse.\n", content_markers={"tables": "no_such:T", "charts": "x:C"})
    assert "<p>Prose.</p>" in html


def test_without_a_registry_a_marker_says_there_are_none() -> None:
    error = failure("# P\n\n<!-- md:chart tiny -->\n", content_markers={"charts": ""})
    assert error.problem == "unknown chart 'tiny' (no charts)"


def test_a_broken_bank_a_page_shows_names_the_marker_and_the_bank_line(tmp_path: Path) -> None:
    broken = GOOD.replace("- [x] Continuous training", "- [ ] Continuous training")
    settings = plant(tmp_path / "banks", {"bank": broken})
    error = failure("# Quiz\n\n<!-- md:quiz bank -->\n", **settings)
    options = line_of(broken, "- [ ] Continuous integration")
    assert error.line == 3
    assert error.problem == (
        f"quiz 'bank' failed: QuizError: banks/bank.md:{options}: question 'ct-is-unique': "
        "no option is marked correct ('- [x] text')"
    )


def test_a_duplicate_id_fails_the_page_showing_the_second_bank(tmp_path: Path) -> None:
    settings = plant(tmp_path / "banks", {"another": GOOD, "bank": GOOD})
    error = failure("<!-- md:quiz bank -->\n", **settings)
    heading = line_of(GOOD, "## ct-is-unique")
    assert error.problem.endswith(
        f"banks/bank.md:{heading}: question 'ct-is-unique': duplicate id, "
        f"first used at banks/another.md:{heading}"
    )


def test_a_broken_bank_no_page_shows_fails_every_page(tmp_path: Path) -> None:
    settings = plant(
        tmp_path / "banks",
        {"good": GOOD, "unused": GOOD.replace("ct-is-unique", "other-id").replace("[x]", "[ ]")},
    )
    for text in ("# No quiz here\n", "<!-- md:quiz good -->\n"):
        with pytest.raises(QuizError, match=r"(?m)^banks/unused\.md:\d+: question 'other-id'"):
            convert(text, **settings)


def test_under_an_engine_that_says_which_page_the_error_names_it() -> None:
    # Zensical registers the page it converts as the `rendering_context` preprocessor.
    class RenderingContext(Preprocessor):
        page = SimpleNamespace(path="performance.md")

        def run(self, lines: list[str]) -> list[str]:
            return lines

    md = converter()
    md.preprocessors.register(RenderingContext(md), "rendering_context", 0)
    with pytest.raises(MarkerError) as caught:
        md.convert("# P\n\n<!-- md:table nope -->\n")
    assert str(caught.value).startswith("performance.md, line 3 after the front matter: unknown")
