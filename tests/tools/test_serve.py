"""The static server the browser tests and screenshots use (no browser needed)."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tools.serve import serve


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "page").mkdir()
    (tmp_path / "index.html").write_text("<p>home</p>" * 50, encoding="utf-8")
    (tmp_path / "page" / "index.html").write_text("<p>page</p>", encoding="utf-8")
    (tmp_path / "app.js").write_text("console.log(1);", encoding="utf-8")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    return tmp_path


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=10) as response:
        # As headers go case-blind, named as written here (the server sends "Content-type").
        return response.status, {k.title(): v for k, v in response.headers.items()}, response.read()


def test_serves_on_loopback_with_a_free_port(site: Path) -> None:
    with serve(site) as url:
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert not url.endswith(":0/")


def test_serves_each_file_as_it_is_with_its_type(site: Path) -> None:
    """Even to a client that accepts gzip: nothing measures transfer sizes here."""
    with serve(site) as url:
        for path, name, kind in (
            ("", "index.html", "text/html"),
            ("app.js", "app.js", "application/javascript"),
            ("logo.png", "logo.png", "image/png"),
        ):
            status, headers, body = get(url + path)
            assert status == 200 and "Content-Encoding" not in headers
            assert headers["Content-Type"] == kind and body == (site / name).read_bytes()
            assert int(headers["Content-Length"]) == len(body)


def test_directory_urls_serve_their_index_and_missing_files_are_404(site: Path) -> None:
    with serve(site) as url:
        _, _, body = get(url + "page/")
        assert body == b"<p>page</p>"
        # Without the slash: redirected to it, as a static host does.
        _, _, body = get(url + "page")
        assert body == b"<p>page</p>"
        with pytest.raises(urllib.error.HTTPError) as error:
            get(url + "missing/")
        assert error.value.code == 404


def test_adds_extra_headers_to_every_response(site: Path) -> None:
    csp = "default-src 'self'"
    with serve(site, headers={"Content-Security-Policy": csp}) as url:
        for path in ("", "app.js", "logo.png"):
            _, headers, _ = get(url + path)
            assert headers["Content-Security-Policy"] == csp
        with pytest.raises(urllib.error.HTTPError) as error:
            get(url + "missing/")
        assert error.value.headers["Content-Security-Policy"] == csp


def test_refuses_a_directory_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), serve(tmp_path / "nope"):
        pass
