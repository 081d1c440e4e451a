"""Build the site, strictly and never quietly: the one way tests and tools build it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"


def build_site(site_dir: Path, config: Path = CONFIG) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `config` into `site_dir`. Never `-q`: it would drop the
    warnings that strict mode counts."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    return subprocess.run(
        [*command, "-d", str(site_dir)],
        cwd=config.parent,
        capture_output=True,
        text=True,
        check=False,
    )


def build_or_exit(site_dir: Path) -> Path:
    """For commands: build the real site into `site_dir`, or exit with the build's error."""
    print("building the site ...", flush=True)
    result = build_site(site_dir)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site_dir
