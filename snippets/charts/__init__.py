"""Plotly figures for the pages, computed from the snippets at build time."""
