"""Mermaid flowcharts of the graph: labels that Mermaid shows literally, and one chart per aim for large models."""

from __future__ import annotations

import re

import networkx as nx

from goldenthread.model.types import KINDS, SECTIONS
from goldenthread.traceability.render.formatting import markdown_escape
from goldenthread.traceability.render.safetext import one_line

__all__ = ["MERMAID_MAX_EDGES", "mermaid_by_aim", "mermaid_text"]


# Mermaid reads much inside a label: ``%%{init: ...}%%`` directives anywhere in
# the text, entity codes, Markdown in backticks, HTML, backslash escapes,
# brackets and arrows.  Everything but letters, digits, spaces and a few
# plain punctuation marks is written as a numeric entity code (``#37;``),
# which Mermaid turns back into the character and shows as text.
_MERMAID_PLAIN = re.compile(r"[^\W_]|[ ,.:'/?!]")


def _mermaid_label(text: str) -> str:
    r"""A double-quoted Mermaid label that shows ``text`` (made one line) literally.

    >>> _mermaid_label('%%{init: {"theme": "dark"}}%% C:\\new')
    '"#37;#37;#123;init: #123;#34;theme#34;: #34;dark#34;#125;#125;#37;#37; C:#92;new"'
    """
    return '"' + "".join(c if _MERMAID_PLAIN.match(c) else f"#{ord(c)};" for c in one_line(text)) + '"'


#: Mermaid refuses to draw a flowchart with more links than this unless told otherwise (its ``maxEdges``).
MERMAID_MAX_EDGES = 500


def mermaid_text(G: nx.DiGraph) -> str:
    # Node ids are n0, n1, ...: model ids may hold '.' or '-', or be words such
    # as "end" that Mermaid reads as syntax; the real id is in the label.
    key = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    lines = ["flowchart BT"]
    for kind in KINDS:
        ids = [n for n, d in G.nodes(data=True) if d["kind"] == kind]
        if not ids:
            continue
        lines.append(f"  subgraph {SECTIONS[kind]}[{_mermaid_label(SECTIONS[kind].capitalize())}]")
        for n in ids:
            lines.append(f"    {key[n]}[{_mermaid_label(n + ': ' + G.nodes[n]['title'])}]")
        lines.append("  end")
    for u, v, d in G.edges(data=True):
        lines.append(f"  {key[u]} -->|{d['relation']}| {key[v]}")
    return "\n".join(lines) + "\n"


def mermaid_by_aim(G: nx.DiGraph) -> str:
    """Markdown with one flowchart per aim (the aim and all that reaches it), then one of what reaches no aim.

    Mermaid draws at most :data:`MERMAID_MAX_EDGES` links in a flowchart, and
    its ``maxEdges`` can only be raised by the page that runs it, never from
    inside a diagram: a large model is drawn as several smaller ones.
    """
    parts = []
    seen: set[str] = set()
    for n, kind in G.nodes(data="kind"):
        if kind == "aim":
            thread = nx.ancestors(G, n) | {n}
            seen |= thread
            parts.append((G.nodes[n]["title"], thread))
    rest = set(G) - seen
    if rest:
        parts.append(("Not linked to an aim", rest))
    return "\n".join(
        f"## {markdown_escape(title)}\n\n```mermaid\n{mermaid_text(G.subgraph(ns))}```\n" for title, ns in parts
    )
