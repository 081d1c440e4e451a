"""The one browser every test and tool drives: Debian's Chromium, launched by path.

No test tool may download a browser here, so Playwright and Lighthouse CI both get this
path. The flags are the ones this machine needs: as root Chromium needs --no-sandbox,
and without the background-networking flags it phones home, which the closed network
refuses (those requests are not the site's anyway).
"""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
MISSING = f"{CHROMIUM} not found: install Debian's chromium package (apt-get install chromium)"
