"""Under `mkdocs serve` (`make serve`) only: a rebuild reuses each table and chart the
previous build computed, while the data they read (data/) is unchanged.

A running `mkdocs serve` imports the code of snippets/ once (Python does not import a
changed module again), so between two rebuilds only data/ can change what a table or a
chart shows; computing them again (the growth tables run both pipelines and write
thousands of files) was most of a rebuild's time. Restart `make serve` after changing
code in snippets/ or content_markers/, as before. `mkdocs build`, and so `make build`,
`make check` and the tests, computes every table and chart afresh.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from snippets.charts import CHARTS
from snippets.tables import TABLES

DATA = Path(__file__).resolve().parent.parent / "data"


def data_digest(folder: Path = DATA) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def reusing(make: Callable[[], str], digest: Callable[[], str] = data_digest) -> Callable[[], str]:
    """`make`, computed again only when `digest()` differs from its last call's."""
    last: dict[str, str] = {}

    def made() -> str:
        now = digest()
        if last.get("digest") != now:
            last["output"], last["digest"] = make(), now
        return last["output"]

    return made


def on_startup(command, **kwargs):
    if command != "serve":
        return
    for registry in (TABLES, CHARTS):
        for name, make in list(registry.items()):
            registry[name] = reusing(make)
