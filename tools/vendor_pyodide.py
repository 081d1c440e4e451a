"""Copy the pinned Pyodide into docs/assets/vendor/pyodide/: `make vendor-pyodide`.

The runnable examples run Python in the reader's browser with Pyodide, served from the
site itself (no third-party request). The version is pinned in package.json and
package-lock.json (with its integrity hash); `npm ci` fetches it into node_modules/,
and this command copies the five files a browser loads, writes README.txt with the
version and each file's SHA-256 (a test compares them), and leaves the licence files
alone. The files are committed, so `make serve` and `make test` need no npm.

To update: change the version in package.json, `npm install`, `make vendor-pyodide`,
then run the browser tests, which run every runnable block in Pyodide.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

from tools.site import ROOT

PACKAGE = ROOT / "node_modules" / "pyodide"
VENDOR = ROOT / "docs" / "assets" / "vendor" / "pyodide"
# What loadPyodide() fetches: the loader, the interpreter (JS glue and WebAssembly),
# the standard library, and the lock file it reads at start (no packages are loaded).
FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
README = """\
# Pyodide {version}

CPython {python} compiled to WebAssembly, for the runnable examples: copied unchanged
from the npm package `pyodide@{version}` (the Pyodide project's own distribution) by
`make vendor-pyodide` (tools/vendor_pyodide.py). Only these files are used; the
browser fetches them when a reader first presses Run, never on page load.

Licences: Pyodide is MPL-2.0 (`LICENSE`); the Python standard library in
`python_stdlib.zip` is under the PSF licence (`LICENSE-Python.txt`).

SHA-256:
{hashes}
"""


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["devDependencies"]["pyodide"]


def vendored_hashes(readme: str) -> dict[str, str]:
    """{file: sha256} as README.txt lists them ("`name`: hex")."""
    hashes = {}
    for line in readme.splitlines():
        name, _, digest = line.partition(": ")
        if name.startswith("`") and name.endswith("`") and len(digest) == 64:
            hashes[name.strip("`")] = digest
    return hashes


def main() -> int:
    version = pinned_version()
    installed = json.loads((PACKAGE / "package.json").read_text(encoding="utf-8"))["version"]
    if installed != version:
        sys.exit(f"node_modules has pyodide {installed}, package.json pins {version}: npm ci")
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(PACKAGE / name, VENDOR / name)
    lock = json.loads((VENDOR / "pyodide-lock.json").read_text(encoding="utf-8"))
    hashes = "\n".join(f"`{name}`: {sha256(VENDOR / name)}" for name in FILES)
    text = README.format(version=version, python=lock["info"]["python"], hashes=hashes)
    (VENDOR / "README.txt").write_text(text, encoding="utf-8")
    print(f"vendored pyodide {version} into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
