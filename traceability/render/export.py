"""Export the graph for other tools: JSON, GraphML (yEd), GEXF (Gephi), DOT (Graphviz),
Mermaid (GitHub) and CSV tables.

GraphML, GEXF and CSV take scalar attributes only, so there each node's
attributes are flattened (:func:`flat_attributes`): lists joined with ``; ``,
dates as ``YYYY-MM-DD``, the measure spread over ``unit``, ``baseline``,
``target``, ``target_date`` and ``direction``, the measurements reduced to
their number and the latest one; empty values are left out.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from pathlib import Path

import networkx as nx

from goldenthread.model.atomic import write_atomic
from goldenthread.model.types import KINDS, SECTIONS
from goldenthread.traceability.benefits import latest_of
from goldenthread.traceability.render.graphjson import graph_to_json

__all__ = ["CSV_FILES", "FORMATS", "export_files", "export_text", "flat_attributes", "write_export"]

FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "dot", "mermaid", "csv")
#: The two tables ``csv`` writes into its folder.
CSV_FILES: tuple[str, ...] = ("nodes.csv", "edges.csv")

#: Flat node columns, in the order CSV writes them.
_COLUMNS: tuple[str, ...] = (
    "id",
    "kind",
    "title",
    "description",
    "owner",
    "tags",
    "status",
    "budget",
    "start_date",
    "end_date",
    "benefit_kind",
    "unit",
    "baseline",
    "target",
    "target_date",
    "direction",
    "measurements",
    "latest_date",
    "latest_value",
    "waived_rules",
    "file",
    "line",
    "column",
)


def flat_attributes(d: dict[str, object]) -> dict[str, str | int | float]:
    """A node's attributes as scalars (no None), for GraphML, GEXF and CSV.

    ``start`` and ``end`` become ``start_date`` and ``end_date``: GEXF reads
    attributes named start and end as the node's lifetime.  ``budget`` is
    always a float, so that the column has one type.
    """
    out: dict[str, str | int | float] = {"label": d["title"]}
    for key in ("kind", "title", "description", "owner", "status", "benefit_kind"):
        if d.get(key) is not None:
            out[key] = d[key]
    if d.get("tags"):
        out["tags"] = "; ".join(d["tags"])
    if d.get("budget") is not None:
        out["budget"] = float(d["budget"])
    for key in ("start", "end"):
        if d.get(key) is not None:
            out[f"{key}_date"] = d[key].isoformat()
    m = d.get("measure")
    if m is not None:
        out["unit"] = m.unit
        out["target"] = float(m.target)
        if m.baseline is not None:
            out["baseline"] = float(m.baseline)
        if m.target_date is not None:
            out["target_date"] = m.target_date.isoformat()
        out["direction"] = m.direction
    if d.get("kind") == "benefit":
        measurements = d.get("measurements", ())
        out["measurements"] = len(measurements)
        latest = latest_of(measurements)
        if latest is not None:
            out["latest_date"] = latest.date.isoformat()
            out["latest_value"] = float(latest.value)
    if d.get("waive"):
        out["waived_rules"] = "; ".join(d["waive"])
    out.update(file=d["file"], line=d["line"], column=d["column"])
    return out


def _flat_graph(G: nx.DiGraph) -> nx.DiGraph:
    H = nx.DiGraph()
    H.add_nodes_from((n, flat_attributes(d)) for n, d in G._node.items())
    H.add_edges_from((u, v, {"relation": d["relation"]}) for u, v, d in G.edges(data=True))
    return H


def _json(G: nx.DiGraph) -> str:
    return json.dumps(graph_to_json(G), indent=2, ensure_ascii=False) + "\n"


def _graphml(G: nx.DiGraph) -> str:
    return "\n".join(nx.generate_graphml(_flat_graph(G))) + "\n"


_GEXF_DATE = re.compile(r'lastmodifieddate="[^"]*"')


def _gexf(G: nx.DiGraph) -> str:
    text = "\n".join(nx.generate_gexf(_flat_graph(G)))
    # networkx stamps today's date into the file; the model's own date keeps the output reproducible.
    info = G.graph.get("model")
    stamp = info.as_of.isoformat() if info is not None else "1970-01-01"
    return _GEXF_DATE.sub(f'lastmodifieddate="{stamp}"', text, count=1) + "\n"


def _dot_quote(s: object) -> str:
    """A DOT double-quoted string; backslashes are doubled so that titles never turn into escapes."""
    text = str(s).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + '"'


_SHAPES = {"aim": "doubleoctagon", "theme": "box", "project": "component", "benefit": "ellipse"}


def _dot(G: nx.DiGraph) -> str:
    info = G.graph.get("model")
    name = info.title if info is not None and info.title else "goldenthread"
    lines = [
        f"digraph {_dot_quote(name)} {{",
        "  rankdir=BT;",
        '  node [fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for kind in KINDS:
        ids = [n for n, d in G._node.items() if d["kind"] == kind]
        if not ids:
            continue
        lines.append(f"  subgraph {_dot_quote('cluster_' + kind)} {{")
        lines.append(f"    label={_dot_quote(SECTIONS[kind].capitalize())};")
        lines.append(f"    node [shape={_SHAPES[kind]}];")
        for n in ids:
            label = f"{n}\n{G._node[n]['title']}"
            lines.append(f"    {_dot_quote(n)} [label={_dot_quote(label)}];")
        lines.append("  }")
    for u, v, d in G.edges(data=True):
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(d['relation'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# Mermaid labels are HTML-ish text inside double quotes: quotes and markup
# characters become entity codes, which GitHub's renderer decodes.
_MERMAID_ESCAPES = {
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "#": "#35;",
    "`": "#96;",
    "\n": " ",
    "\r": " ",
}
_MERMAID_SPECIAL = re.compile('[&"<>#`\r\n]')


def _mermaid_label(text: str) -> str:
    return '"' + _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ESCAPES[m.group()], text) + '"'


def _mermaid(G: nx.DiGraph) -> str:
    # Node ids are n0, n1, ...: model ids may hold '.' or '-', or be words such
    # as "end" that Mermaid reads as syntax; the real id is in the label.
    key = {n: f"n{i}" for i, n in enumerate(G._node)}
    lines = ["flowchart BT"]
    for kind in KINDS:
        ids = [n for n, d in G._node.items() if d["kind"] == kind]
        if not ids:
            continue
        lines.append(f"  subgraph {SECTIONS[kind]}[{_mermaid_label(SECTIONS[kind].capitalize())}]")
        for n in ids:
            lines.append(f"    {key[n]}[{_mermaid_label(n + ': ' + G._node[n]['title'])}]")
        lines.append("  end")
    for u, v, d in G.edges(data=True):
        lines.append(f"  {key[u]} -->|{d['relation']}| {key[v]}")
    return "\n".join(lines) + "\n"


def _csv(rows: list[list[object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerows(rows)
    return buf.getvalue()


def _csv_tables(G: nx.DiGraph) -> dict[str, str]:
    nodes: list[list[object]] = [list(_COLUMNS)]
    for n, d in G._node.items():
        flat = flat_attributes(d)
        flat["id"] = n
        nodes.append([flat.get(c, "") for c in _COLUMNS])
    edges: list[list[object]] = [["source", "target", "relation"]]
    edges.extend([u, v, d["relation"]] for u, v, d in G.edges(data=True))
    return {CSV_FILES[0]: _csv(nodes), CSV_FILES[1]: _csv(edges)}


_SINGLE = {"json": _json, "graphml": _graphml, "gexf": _gexf, "dot": _dot, "mermaid": _mermaid}


def export_text(G: nx.DiGraph, fmt: str) -> str:
    """The graph in a one-file format (every format but ``csv``)."""
    if fmt not in _SINGLE:
        raise ValueError(f"{fmt!r} is not a one-file export format; use one of {', '.join(_SINGLE)}")
    return _SINGLE[fmt](G)


def _fenced(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def export_files(G: nx.DiGraph, fmt: str, output: str | os.PathLike[str]) -> dict[Path, str]:
    """Path -> content of every file an export to ``output`` writes.

    ``csv`` treats ``output`` as a folder and writes ``nodes.csv`` and
    ``edges.csv`` in it; ``mermaid`` to a ``.md`` file is wrapped in a
    ```` ```mermaid ```` block so that GitHub renders it in place.
    """
    out = Path(output)
    if fmt == "csv":
        return {out / name: text for name, text in _csv_tables(G).items()}
    text = export_text(G, fmt)
    if fmt == "mermaid" and _fenced(out):
        text = f"```mermaid\n{text}```\n"
    return {out: text}


def write_export(G: nx.DiGraph, fmt: str, output: str | os.PathLike[str]) -> list[Path]:
    """Write the export to ``output`` (atomically, file by file) and return the paths written.

    For ``csv`` the folder ``output`` is created if it does not exist.
    """
    files = export_files(G, fmt, output)
    if fmt == "csv":
        Path(output).mkdir(parents=True, exist_ok=True)
    for path, text in files.items():
        write_atomic(path, text)
    return list(files)
