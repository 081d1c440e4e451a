"""Build the site, strictly and never quietly: the one way tests and tools build it.

`build_site` runs `mkdocs build --strict` in a new process, as a contributor does;
`build_here` runs the same build in the calling process, for the tests' many small
sites, each of which would otherwise spend most of a second or two importing MkDocs,
the theme and the notebook plugin again. Both give a CompletedProcess whose stderr is
the build's log.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import subprocess
import sys
import traceback
from collections.abc import Iterator
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


@contextlib.contextmanager
def environment(**values: str) -> Iterator[None]:
    """os.environ with `values` set, as it was afterwards."""
    before = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_here(
    site_dir: Path, config: Path = CONFIG, execute_lab: bool = True
) -> subprocess.CompletedProcess[str]:
    """`build_site`, in this process: the same steps as `mkdocs build --strict` (from the
    config's folder, with the same environment), its log captured as the command prints
    it, and an exception the command would die of written as its traceback."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config as mkdocs_config
    from mkdocs.exceptions import MkDocsException

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.INFO)
    returncode = 0
    lab = {"LAB_EXECUTE": "true" if execute_lab else "false"}
    try:
        with environment(**lab, **QUIET), contextlib.chdir(config.parent):
            loaded = mkdocs_config(config_file=str(config), site_dir=str(site_dir), strict=True)
            loaded.plugins.on_startup(command="build", dirty=False)
            try:
                build(loaded)
            finally:
                loaded.plugins.on_shutdown()
    except MkDocsException as error:  # what the command prints as "Aborted ..." or "Error: ..."
        log.write(f"{error.format_message()}\n")
        returncode = 1
    except Exception:
        log.write(traceback.format_exc())
        returncode = 1
    finally:
        mkdocs_log.removeHandler(handler)
        mkdocs_log.setLevel(level)
    return subprocess.CompletedProcess(["build_here", str(config)], returncode, "", log.getvalue())


def build_or_exit(site_dir: Path) -> Path:
    """For commands: build the real site into `site_dir`, or exit with the build's error."""
    print("building the site ...", flush=True)
    result = build_site(site_dir)
    if result.returncode != 0:
        sys.exit(f"mkdocs build --strict failed:\n{result.stderr[-4000:]}")
    return site_dir
