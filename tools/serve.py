"""A small static server for a built site, for the browser tests and screenshots.

Loopback only; port 0 picks a free port. Files go as they are (page weights are
counted gzipped by tools/sizes.py, and `make bench` serves the site with Lighthouse
CI's own server, which gzips). Extra response headers (e.g. a Content-Security-Policy)
can be added to every response, or chosen per request path by a function.

    with serve(site_dir, headers={"Content-Security-Policy": "default-src 'self'"}) as url:
        ...  # url is "http://127.0.0.1:PORT/"

From a shell: `python -m tools.serve site/ [--port 8000] [--header 'Name: value']`.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

HOST = "127.0.0.1"
# Extra response headers: the same for every response, or chosen by the request path.
Headers = dict[str, str] | Callable[[str], dict[str, str]]


class SiteHandler(SimpleHTTPRequestHandler):
    """Serves one directory; adds `headers_for(path)`; logs nothing."""

    # Keep-alive, as real hosts do: HTTP/1.0 (the default) opens a connection per request.
    protocol_version = "HTTP/1.1"

    @staticmethod
    def headers_for(path: str) -> dict[str, str]:
        """Extra headers for a request path (set per server by a subclass)."""
        return {}

    # Python's default map lacks a few types a built site uses.
    extensions_map = {  # noqa: RUF012
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".mjs": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
    }

    def end_headers(self) -> None:
        for name, value in self.headers_for(self.path).items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a test run's output is for failures."""


def site_pages(directory: str | Path) -> list[str]:
    """Every page of a built site as a URL path ('', 'performance/', ...), from its files."""
    root = Path(directory)
    return sorted(
        "" if index.parent == root else f"{index.parent.relative_to(root).as_posix()}/"
        for index in root.rglob("index.html")
    )


def make_server(
    directory: str | Path, headers: Headers | None = None, port: int = 0
) -> ThreadingHTTPServer:
    """A server for `directory` on 127.0.0.1 (not yet serving); port 0 = any free port."""
    fixed = {} if callable(headers) else dict(headers or {})
    headers_for = headers if callable(headers) else (lambda _path: fixed)
    handler = type("Handler", (SiteHandler,), {"headers_for": staticmethod(headers_for)})
    bound = functools.partial(handler, directory=str(directory))
    server = ThreadingHTTPServer((HOST, port), bound)
    server.daemon_threads = True
    return server


@contextlib.contextmanager
def serve(directory: str | Path, headers: Headers | None = None, port: int = 0) -> Iterator[str]:
    """Serve `directory` in a background thread; yields the base URL (ends with '/')."""
    if not Path(directory).is_dir():
        raise FileNotFoundError(f"no such directory to serve: {directory}")
    server = make_server(directory, headers, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("directory", help="the built site, e.g. site/")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument(
        "--header", action="append", default=[], metavar="'NAME: VALUE'", help="add a header"
    )
    args = parser.parse_args(argv)
    headers = dict(h.split(":", 1) for h in args.header)
    headers = {name.strip(): value.strip() for name, value in headers.items()}
    server = make_server(args.directory, headers, args.port)
    print(f"serving {args.directory} at http://{HOST}:{server.server_address[1]}/ (Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()
