"""Run pytest where numpy, SciPy, scikit-learn, pandas and Plotly cannot be imported:
`python -m tests.content_markers.without_science PYTEST_ARGS`. The site's tables and
charts need them; content_markers must not (test_knows_no_site.py runs its tests so)."""

from __future__ import annotations

import sys
from importlib.abc import MetaPathFinder

BLOCKED = frozenset({"numpy", "scipy", "sklearn", "pandas", "plotly"})


class Blocker(MetaPathFinder):
    """Fails the import of a BLOCKED package (or a module of one), as if not installed."""

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named '{fullname}' (blocked)", name=fullname)
        return None


if __name__ == "__main__":
    if any(name.partition(".")[0] in BLOCKED for name in sys.modules):
        sys.exit("a blocked package was imported before the blocker")
    sys.meta_path.insert(0, Blocker())
    import pytest

    sys.exit(pytest.main(sys.argv[1:]))
