"""Build the site, strictly and never quietly: the one way tests and tools build it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "mkdocs.yml"
# Material prints its end-of-life notice above every build's output, a contributor's
# error included; the project follows that road itself (make build-zensical).
QUIET = {"NO_MKDOCS_2_WARNING": "1"}


def load_config(config: Path = CONFIG) -> dict:
    """mkdocs.yml as MkDocs reads it (its `!ENV` tags resolved), for tests and tools."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load(config.read_text(encoding="utf-8"), Loader=get_yaml_loader())


def build_site(
    site_dir: Path, config: Path = CONFIG, execute_lab: bool = True
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of `config` into `site_dir`. Never `-q`: it would drop the
    warnings that strict mode counts. `execute_lab=False` builds the lab notebook without
    running it (LAB_EXECUTE in mkdocs.yml), for a quick check of everything else."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    env = {**os.environ, "LAB_EXECUTE": "true" if execute_lab else "false", **QUIET}
    return subprocess.run(
        [*command, "-d", str(site_dir)],
        cwd=config.parent,
        env=env,
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
