"""Ship the site's Content-Security-Policy inside every built page, as a <meta> tag.

GitHub Pages cannot send response headers, so the policy travels with the page:
scripts only from the site's own origin. `mkdocs serve` injects an inline
live-reload script, so pages it serves carry no policy.
"""

from __future__ import annotations

# Inline scripts the policy allows, by the sha256 of their exact text: none. Add one
# ("sha256-...") only if a pinned plugin cannot do without it, saying where it comes from.
ALLOWED_INLINE_SCRIPTS: tuple[str, ...] = ()
POLICY = (
    " ".join(["script-src 'self'", *(f"'{h}'" for h in ALLOWED_INLINE_SCRIPTS)])
    + "; object-src 'none'; base-uri 'self'"
)
META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'

_serving = False


def on_startup(command, dirty, **kwargs):
    global _serving
    _serving = command == "serve"


def with_policy(html: str) -> str:
    """The page with the policy as the first element of its <head>."""
    return html.replace("<head>", f"<head>\n    {META}", 1)


def on_post_page(output, page, config, **kwargs):
    return output if _serving else with_policy(output)


def on_post_template(output_content, template_name, config, **kwargs):
    # Static pages rendered from templates (404.html); not sitemap.xml and the like.
    if _serving or not template_name.endswith(".html"):
        return output_content
    return with_policy(output_content)
