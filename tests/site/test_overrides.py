"""Theme overrides that copy a Material partial stay in step with the installed Material."""

from __future__ import annotations

import re
from pathlib import Path

import material

from tests.conftest import ROOT

MATERIAL_PARTIALS = Path(material.__file__).parent / "templates" / "partials"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.DOTALL)


def test_the_search_partial_is_materials_but_for_the_dialog_name() -> None:
    """overrides/partials/search.html only names the dialog (aria-label)."""
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text("utf-8")
    upstream = (MATERIAL_PARTIALS / "search.html").read_text("utf-8")
    named = 'role="dialog" aria-label="{{ lang.t(\'search\') }}"'
    assert ours.count(named) == 1
    ours = LEADING_COMMENT.sub("", ours).replace(named, 'role="dialog"')
    assert ours == LEADING_COMMENT.sub("", upstream)
