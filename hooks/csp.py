"""Ship the site's Content-Security-Policy inside every built page, as a <meta> tag.

GitHub Pages cannot send response headers, so the policy travels with the page: scripts
run only from the site's own origin, and the theme's few inline set-up scripts (the
scope, the saved palette, content tabs), which must run before the first paint, are
allowed by the SHA-256 of their exact text. The hashes are computed here, page by page:
an inline script is the theme's when it matches one of the scripts in Material's
partials/javascripts templates, each `{{ ... }}` there standing for the value the
template fills in (the site's base URL, which differs with a page's depth). Any other
inline script, one written into a page's Markdown say, fails the build with the page's
name, since the browser would refuse to run it. `mkdocs serve` injects an inline
live-reload script, so the pages it serves carry no policy.
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

import material
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

POLICY = "script-src 'self'{hashes}; object-src 'none'; base-uri 'self'"
# The runnable examples' worker (assets/javascripts/runner-worker.mjs) compiles Python's
# WebAssembly, which a policy must allow: 'wasm-unsafe-eval', never 'unsafe-eval'. A
# worker gets its policy with its own response, not from the page's <meta> tag, so only
# a host that sends the policy as a header needs this, and only with that one file.
WORKER_POLICY = POLICY.format(hashes=" 'wasm-unsafe-eval'")
THEME_SCRIPTS = Path(material.__file__).parent / "templates" / "partials" / "javascripts"

SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.I | re.DOTALL)
# Script types a browser runs (no type is JavaScript); JSON data blocks are inert.
EXECUTABLE = re.compile(
    r"""\btype\s*=\s*["']?(?:module|(?:text|application)/(?:x-)?(?:java|ecma)script)\b""", re.I
)
TEMPLATE_VALUE = re.compile(r"\{\{.*?\}\}")


def inline_scripts(html: str) -> list[str]:
    """The text of every inline script in `html` that a browser would run."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        if "type=" in attrs.lower() and not EXECUTABLE.search(attrs):
            continue
        found.append(match.group("body"))
    return found


def csp_hash(script: str) -> str:
    """The CSP source expression that allows exactly this inline script."""
    return "sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()


@cache
def theme_scripts() -> tuple[re.Pattern[str], ...]:
    """Material's inline scripts as patterns: its text, with any filled-in value between."""
    patterns = []
    for template in sorted(THEME_SCRIPTS.glob("*.html")):
        for script in re.findall(r"<script>(.*?)</script>", template.read_text("utf-8"), re.S):
            parts = [re.escape(part) for part in TEMPLATE_VALUE.split(script)]
            patterns.append(re.compile('[^"<>]*'.join(parts)))
    return tuple(patterns)


def policy_for(html: str, page: str) -> str:
    """The page's policy: the site's own scripts, and the theme's inline scripts by hash."""
    hashes = []
    for script in inline_scripts(html):
        if not any(pattern.fullmatch(script) for pattern in theme_scripts()):
            raise PluginError(
                f"{page}: an inline <script> ({script.strip()[:60]!r}) would be blocked by the "
                "site's Content-Security-Policy: put the code in a file under "
                "docs/assets/javascripts/ and list it in extra_javascript"
            )
        hashes.append(f" '{csp_hash(script)}'")
    return POLICY.format(hashes="".join(dict.fromkeys(hashes)))


def with_policy(html: str, page: str) -> str:
    """The page with its policy as the first element of its <head>."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html, page)}">'
    return html.replace("<head>", f"<head>\n    {meta}", 1)


_serving = False


def on_startup(command: Literal["build", "gh-deploy", "serve"], dirty: bool, **kwargs: Any) -> None:
    global _serving
    _serving = command == "serve"


def on_post_page(output: str, page: Page, config: MkDocsConfig, **kwargs: Any) -> str:
    return output if _serving else with_policy(output, page.file.src_path)


def on_post_template(
    output_content: str, template_name: str, config: MkDocsConfig, **kwargs: Any
) -> str:
    # Static pages rendered from templates (404.html); not sitemap.xml and the like.
    if _serving or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content, template_name)
