"""Content markers: `<!-- md:table|chart|quiz NAME -->` in a page, rendered at build time.

One Python-Markdown extension (listed in mkdocs.yml as `content_markers`), so MkDocs
and Zensical both render the markers. The content logic is plain functions that
know no engine: markers.py (the syntax), render.py (what each kind renders) and
quizzes.py (the quiz banks, parsed and checked) with quiz_html.py and templates/quiz.html
(their HTML). extension.py is the thin Python-Markdown adapter; a
move to another Markdown engine rewrites that one module.
"""

from content_markers.extension import makeExtension

__all__ = ["makeExtension"]
