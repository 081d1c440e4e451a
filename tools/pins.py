"""Which pinned requirements have a newer release, and which of those would install here.

`make pins` (and the weekly drift workflow) prints one row per `name==version` line of
requirements.txt that is not the newest published release: the pin, the newest release,
and the newest release that pip can resolve with its dependencies from the registries
this machine reaches. A newer release can be published before its dependencies are
served (Zensical 0.1.3 needed a zensical-ui that was not yet available), so "published"
alone does not mean a pin can move. It only reports; it never changes a pin.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS = Path(__file__).resolve().parent.parent / "requirements.txt"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([^\s;#]+)")


@dataclass(frozen=True)
class Drift:
    name: str
    pinned: str
    newest: str
    installable: str | None  # the newest release newer than the pin that resolves, if any


def pins(text: str) -> list[tuple[str, str]]:
    """(name, version) for every exact pin in a requirements file's text."""
    return [m.groups() for line in text.splitlines() if (m := PIN.match(line.strip()))]


def pip(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pip", *args], capture_output=True, text=True, check=False
    )


def releases(name: str) -> list[str]:
    """Published releases, newest first, as `pip index versions` lists them."""
    out = pip("index", "versions", name).stdout
    listed = re.search(r"Available versions: (.+)", out)
    return [v.strip() for v in listed.group(1).split(",")] if listed else []


def installs(name: str, version: str) -> bool:
    """Whether pip can resolve `name==version` with its dependencies from here."""
    resolved = pip("install", "--dry-run", "--ignore-installed", "--quiet", f"{name}=={version}")
    return resolved.returncode == 0


def drift(name: str, pinned: str) -> Drift | None:
    published = releases(name)
    if not published or published[0] == pinned:
        return None
    newer = published[: published.index(pinned)] if pinned in published else published[:1]
    installable = next((v for v in newer if installs(name, v)), None)
    return Drift(name, pinned, published[0], installable)


def main() -> int:
    rows = [d for name, pinned in pins(REQUIREMENTS.read_text()) if (d := drift(name, pinned))]
    if not rows:
        print("Every pin is the newest published release.")
        return 0
    print("| Package | Pinned | Newest published | Newest that installs here |")
    print("|---|---|---|---|")
    for d in rows:
        installable = d.installable or "none newer than the pin"
        print(f"| {d.name} | {d.pinned} | {d.newest} | {installable} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
