"""The committed Pyodide is the pinned npm package's, unchanged, with its licences."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tools import vendor_pyodide
from tools.site import ROOT


def test_the_committed_files_are_the_ones_readme_lists_for_the_pinned_version() -> None:
    readme = (vendor_pyodide.VENDOR / "README.txt").read_text(encoding="utf-8")
    pinned = vendor_pyodide.pinned_version()
    assert readme.startswith(f"# Pyodide {pinned}\n"), "make vendor-pyodide after a new pin"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/pyodide"]["version"] == pinned
    listed = vendor_pyodide.vendored_hashes(readme)
    assert set(listed) == set(vendor_pyodide.FILES)
    for name, digest in listed.items():
        assert vendor_pyodide.sha256(vendor_pyodide.VENDOR / name) == digest, name
    for licence in ("LICENSE", "LICENSE-Python.txt"):
        assert (vendor_pyodide.VENDOR / licence).stat().st_size > 1000, licence


def fake_package(folder: Path, version: str) -> Path:
    folder.mkdir()
    (folder / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    for name in vendor_pyodide.FILES:
        (folder / name).write_bytes(name.encode())
    lock = {"info": {"python": "3.99.0"}}
    (folder / "pyodide-lock.json").write_text(json.dumps(lock), encoding="utf-8")
    return folder


def test_the_command_copies_the_files_and_lists_their_hashes(tmp_path, monkeypatch) -> None:
    package = fake_package(tmp_path / "pyodide", vendor_pyodide.pinned_version())
    monkeypatch.setattr(vendor_pyodide, "PACKAGE", package)
    monkeypatch.setattr(vendor_pyodide, "VENDOR", tmp_path / "vendor")
    assert vendor_pyodide.main() == 0
    readme = (tmp_path / "vendor" / "README.txt").read_text(encoding="utf-8")
    assert "CPython 3.99.0" in readme
    hashes = vendor_pyodide.vendored_hashes(readme)
    assert hashes["pyodide.mjs"] == vendor_pyodide.sha256(package / "pyodide.mjs")
    assert (tmp_path / "vendor" / "python_stdlib.zip").read_bytes() == b"python_stdlib.zip"


def test_the_command_refuses_a_package_other_than_the_pin(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(vendor_pyodide, "PACKAGE", fake_package(tmp_path / "p", "0.0.1"))
    monkeypatch.setattr(vendor_pyodide, "VENDOR", tmp_path / "vendor")
    with pytest.raises(SystemExit, match=re.escape("node_modules has pyodide 0.0.1")):
        vendor_pyodide.main()
    assert not (tmp_path / "vendor").exists()
