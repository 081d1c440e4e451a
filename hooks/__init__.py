"""The MkDocs hooks (mkdocs.yml `hooks:`, listed there by file path, as MkDocs loads them).

They hold what only MkDocs does (page files and lines in errors, the CSP meta tag, the
notebook pages, lean code markup, reuse under `mkdocs serve`); content logic that both
MkDocs and Zensical must run lives in content_markers/. Tests and tools import them as
this package: `from hooks.page_meta import check_front_matter`.
"""
