"""tests/tools/check_links.py, offline: which URLs it finds, and how it judges answers
(from a loopback server, never the network)."""

from __future__ import annotations

import socket
from pathlib import Path

from tests.tools.check_links import Link, check, collect, is_dead, links_in, main, report
from tests.tools.serve import serve


def test_links_in_finds_cited_urls_with_their_lines_and_skips_code_and_placeholders() -> None:
    text = (
        "See [DORA](https://dora.dev/research/2024/).\n"
        "Autolink <https://a.example.io/x?y=1>, then text.\n"
        "```python\nurl = 'https://in-code.example.io/'\n```\n"
        "[ref]: https://b.example.io/paper.pdf\n"
        "Placeholders: https://example.org/page and http://localhost:8000/.\n"
        "Bare https://c.example.io/path, with a comma.\n"
    )
    assert links_in(text, "docs/p.md") == [
        Link("https://dora.dev/research/2024/", "docs/p.md:1"),
        Link("https://a.example.io/x?y=1", "docs/p.md:2"),
        Link("https://b.example.io/paper.pdf", "docs/p.md:6"),
        Link("https://c.example.io/path", "docs/p.md:8"),
    ]


def test_collect_reads_pages_and_notebooks(tmp_path: Path) -> None:
    (tmp_path / "lab").mkdir()
    (tmp_path / "a.md").write_text("x https://a.example.io/\n", encoding="utf-8")
    (tmp_path / "lab" / "n.py").write_text("# see https://n.example.io/\n", encoding="utf-8")
    (tmp_path / "style.css").write_text("/* https://css.example.io/ */\n", encoding="utf-8")
    assert [link.url for link in collect(tmp_path)] == [
        "https://a.example.io/",
        "https://n.example.io/",
    ]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_live_missing_and_unreachable_urls_are_judged_and_reported(tmp_path: Path) -> None:
    (tmp_path / "here.html").write_text("ok", encoding="utf-8")
    with serve(tmp_path) as url:
        links = [
            Link(url + "here.html", "docs/a.md:1"),
            Link(url + "gone.html", "docs/a.md:2"),
            Link(url + "gone.html", "docs/b.md:5"),
            Link(f"http://127.0.0.1:{free_port()}/", "docs/c.md:3"),
        ]
        results = check(links, workers=2)
    assert results[url + "here.html"] == (200, ["docs/a.md:1"])
    assert results[url + "gone.html"] == (404, ["docs/a.md:2", "docs/b.md:5"])
    assert str(results[links[3].url][0]).startswith("no answer")
    text, dead = report(results)
    assert dead == 2
    assert text.startswith("Checked 3 external URLs: 2 dead, 0 unverified.")
    assert f"- {url}gone.html: 404 (cited at docs/a.md:2, docs/b.md:5)" in text


def test_bot_walls_and_rate_limits_are_unverified_not_dead() -> None:
    assert [is_dead(s) for s in (200, 301, 403, 429, 404, 410, 500, "no answer")] == [
        False, False, False, False, True, True, True, True,
    ]  # fmt: skip


def test_main_exits_zero_when_there_is_nothing_dead(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.md").write_text("Only https://example.org/ here.\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    assert "Checked 0 external URLs: 0 dead" in capsys.readouterr().out
