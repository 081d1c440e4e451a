"""Tables that pages show, computed at build time (rendered by hooks/tables.py).

Each function returns a Markdown table. `render_table(name)` raises KeyError for an
unknown name, which the build reports with the page's file and line.
"""

from __future__ import annotations

from snippets.growth import devops_run, measure, mlops_run

SEED_SIZES = (10, 100, 1000)


def growth_table() -> str:
    """The seed page's growth table, with the counts the two pipelines really make."""
    devops = measure(devops_run, SEED_SIZES)
    mlops = measure(mlops_run, SEED_SIZES)
    rows = [
        "| Items (n) | DevOps step runs (3 per service) | MLOps step runs (4 per dataset) |",
        "|---:|---:|---:|",
    ]
    for d, m in zip(devops, mlops, strict=True):
        rows.append(f"| {d.n:,} | {d.calls:,} | {m.calls:,} |")
    return "\n".join(rows)


TABLES = {
    "growth": growth_table,
}


def render_table(name: str) -> str:
    return TABLES[name]()
