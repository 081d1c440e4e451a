"""hooks/serve_reuse.py: under `mkdocs serve` a rebuild reuses each table and chart
while data/ is unchanged; a build computes them afresh."""

from __future__ import annotations

from pathlib import Path

import pytest
import serve_reuse

from snippets.charts import CHARTS
from snippets.tables import TABLES


def test_a_table_is_computed_again_only_when_the_data_changed(tmp_path: Path) -> None:
    (tmp_path / "wall_times.json").write_text("{}", encoding="utf-8")
    calls = []
    table = serve_reuse.reusing(
        lambda: f"table {len(calls.append(1) or calls)}",
        lambda: serve_reuse.data_digest(tmp_path),
    )
    assert table() == table() == "table 1"
    (tmp_path / "wall_times.json").write_text('{"new": 1}', encoding="utf-8")
    assert table() == table() == "table 2"
    (tmp_path / "more.json").write_text("{}", encoding="utf-8")
    assert table() == "table 3"


@pytest.mark.parametrize(("command", "wrapped"), [("serve", True), ("build", False)])
def test_only_serve_reuses_them(monkeypatch, command: str, wrapped: bool) -> None:
    for registry in (TABLES, CHARTS):  # each entry as it was, after the test
        for name, make in list(registry.items()):
            monkeypatch.setitem(registry, name, make)
    before = {**TABLES, **CHARTS}
    serve_reuse.on_startup(command=command)
    after = {**TABLES, **CHARTS}
    assert after.keys() == before.keys()
    assert all((after[name] is not before[name]) == wrapped for name in before)
