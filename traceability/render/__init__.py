"""Renderers: analysis results as text, Markdown, CSV, JSON, HTML and exports.

Nothing here computes an analysis; each module turns results into one output.
"""
