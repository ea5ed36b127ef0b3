r"""Export the graph for other tools: JSON, GraphML (yEd), GEXF (Gephi), DOT (Graphviz),
Mermaid (GitHub) and CSV tables.

GraphML, GEXF and CSV take scalar attributes only, so there each node's
attributes are flattened (:func:`flat_attributes`): lists joined with ``; ``,
dates as ``YYYY-MM-DD``, the measure spread over ``unit``, ``baseline``,
``target``, ``target_date``, ``direction``, ``baseline_date`` and ``tolerance``, the measurements reduced to
their number and the latest one; empty values are left out.  CSV keeps the rest beside ``nodes.csv``, so that
``import`` gives the model back: every measurement in ``measurements.csv`` (the workbook's Measurements sheet),
the model block and rule settings in ``model.csv``, and each waiver with its reason in ``nodes.csv``'s
``waivers`` column (one ``rule-id: reason`` a line, as the workbook has it).

Every format is read by a program that interprets text, so user text is
escaped for each one to show literally and run nothing: Mermaid labels are
entity-coded (``%%{init}%%`` directives, ``#``, quotes, backslashes,
brackets and arrows), DOT labels have ``&`` and backslashes escaped (Graphviz
decodes HTML entities and ``\N``-style escapes), CSV cells never start a
formula and are quoted when they hold a line break (and each file starts with
a UTF-8 byte-order mark, for Excel), GraphML and GEXF keep a
carriage return as ``&#13;``.  Line breaks and other controls in labels are
shown as ``\n``-style escapes (:func:`~goldenthread.traceability.render.safetext.one_line`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from goldenthread.model.allocation import allocation_text
from goldenthread.model.edit.atomic import write_atomic_group
from goldenthread.model.sources.sheetlayout import (
    CSV_EDGES,
    CSV_MEASUREMENTS,
    CSV_MODEL,
    CSV_NODES,
    MEASUREMENTS,
    cell_list,
    later_than,
    waivers_cell,
)
from goldenthread.model.types import KINDS, SECTIONS, untyped_fields
from goldenthread.model.vocabulary import LINKS
from goldenthread.traceability.benefits import latest_of
from goldenthread.traceability.render.envelope import document, dumps
from goldenthread.traceability.render.graphjson import graph_to_json
from goldenthread.traceability.render.graphml import graphml_pieces
from goldenthread.traceability.render.mermaid import MERMAID_MAX_EDGES, mermaid_by_aim, mermaid_text
from goldenthread.traceability.render.safetext import csv_text, one_line

__all__ = [
    "CSV_FILES",
    "FORMATS",
    "MERMAID_MAX_EDGES",
    "MODEL_CSV",
    "export_files",
    "export_text",
    "flat_attributes",
    "mermaid_limit_note",
    "write_export",
]

FORMATS: tuple[str, ...] = ("json", "graphml", "gexf", "dot", "mermaid", "csv")
#: The tables ``csv`` writes into its folder: nodes, links and every measurement (as the workbook's sheet has them).
CSV_FILES: tuple[str, ...] = (CSV_NODES, CSV_EDGES, CSV_MEASUREMENTS)
#: ... and beside them the model block and rule settings, rows as the workbook's About sheet has them.
MODEL_CSV = CSV_MODEL

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
    "baseline_date",
    "tolerance",
    "measurements",
    "latest_date",
    "latest_value",
    "waivers",
    "file",
    "line",
    "column",
)


def flat_attributes(d: Mapping[str, Any]) -> dict[str, str | int | float]:
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
        out["tags"] = cell_list(d["tags"])
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
        if m.baseline_date is not None:
            out["baseline_date"] = m.baseline_date.isoformat()
        if m.tolerance is not None:
            out["tolerance"] = float(m.tolerance)
    if d.get("kind") == "benefit":
        measurements = d.get("measurements", ())
        out["measurements"] = len(measurements)
        latest = latest_of(measurements)
        if latest is not None:
            out["latest_date"] = latest.date.isoformat()
            out["latest_value"] = float(latest.value)
    if d.get("waive"):
        out["waived_rules"] = "; ".join(d["waive"])
    for name in untyped_fields(d["kind"]) if d.get("kind") in KINDS else ():
        value = d.get(name)
        if value is not None:
            if isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, dict):
                value = allocation_text(value)  # the one mapping-valued field: one cell, as ``set`` takes it
            out[name] = value
    out.update(file=d["file"], line=d["line"], column=d["column"])
    return out


#: Characters XML 1.0 cannot hold at all; the reader refuses other controls before they get here.
_NOT_XML = re.compile("[\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f]")


def _flat_graph(G: nx.DiGraph, cr: str) -> nx.DiGraph:
    """The flattened graph for the XML formats, carriage returns as ``cr`` (a placeholder for ``&#13;``)."""

    def xml(value: object) -> object:
        if not isinstance(value, str):
            return value
        value = _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
        return value.replace("\r", cr)

    H = nx.DiGraph()
    H.add_nodes_from((xml(n), {k: xml(v) for k, v in flat_attributes(d).items()}) for n, d in G.nodes(data=True))
    H.add_edges_from((xml(u), xml(v), {"relation": d["relation"]}) for u, v, d in G.edges(data=True))
    return H


def _placeholder(G: nx.DiGraph) -> str:
    """A private-use character found in no text of the graph, to stand for CR while XML is generated.

    An XML writer puts a carriage return into element text as it is, and every
    XML reader turns it into a line feed; ``&#13;`` is kept.
    """
    text = repr(list(G.nodes(data=True)))
    return next(c for c in map(chr, range(0xE000, 0xF900)) if c not in text)


def _cr_back(xml: str, cr: str) -> str:
    """The placeholder ``cr`` as ``&#13;``, whether the XML writer wrote it as itself or as a character reference."""
    return xml.replace(cr, "&#13;").replace(f"&#{ord(cr)};", "&#13;").replace(f"&#x{ord(cr):x};", "&#13;")


def _json(G: nx.DiGraph, model: Mapping[str, object] | None = None) -> str:
    doc = graph_to_json(G)
    # From the command line the document is in the common envelope; node-link readers ignore its two keys.
    return dumps(doc if model is None else document("export", model, doc))


def _graphml(G: nx.DiGraph) -> str:
    return "".join(graphml_pieces(G))


_GEXF_DATE = re.compile(r'lastmodifieddate="[^"]*"')
#: networkx writes graph@name, which the GEXF 1.2 schema does not allow on <graph>.
_GEXF_GRAPH_NAME = re.compile(r'(<graph [^>]*?) name="[^"]*"')


def _gexf(G: nx.DiGraph) -> str:
    cr = _placeholder(G)
    text = _cr_back("\n".join(nx.generate_gexf(_flat_graph(G, cr))), cr)
    # networkx stamps today's date into the file; the model's own date keeps the output reproducible.
    info = G.graph.get("model")
    stamp = info.as_of.isoformat() if info is not None else "1970-01-01"
    text = _GEXF_GRAPH_NAME.sub(r"\1", text, count=1)
    return _GEXF_DATE.sub(f'lastmodifieddate="{stamp}"', text, count=1) + "\n"


def _dot_quote(s: object, lines: tuple[str, ...] = ()) -> str:
    """A DOT double-quoted string that Graphviz shows as written.

    The text is made one line first (:func:`one_line`); ``lines`` are more
    lines of the label, joined with DOT's ``\\n``.  Backslashes are doubled
    (Graphviz reads ``\\N``, ``\\G``, ``\\l``... as escapes) and ``&`` is
    written ``&amp;`` (Graphviz decodes HTML entities in labels).
    """
    parts = [one_line(str(p)).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;") for p in (s, *lines)]
    return '"' + "\\n".join(parts) + '"'


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
        ids = [n for n, d in G.nodes(data=True) if d["kind"] == kind]
        if not ids:
            continue
        lines.append(f"  subgraph {_dot_quote('cluster_' + kind)} {{")
        lines.append(f"    label={_dot_quote(SECTIONS[kind].capitalize())};")
        lines.append(f"    node [shape={_SHAPES[kind]}];")
        for n in ids:
            label = _dot_quote(n, (G.nodes[n]["title"],))
            lines.append(f"    {_dot_quote(n)} [label={label}];")
        lines.append("  }")
    for u, v, d in G.edges(data=True):
        lines.append(f"  {_dot_quote(u)} -> {_dot_quote(v)} [label={_dot_quote(d['relation'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _csv_model(G: nx.DiGraph, rules: Mapping[str, str]) -> str:
    """The model block and rule settings: what nodes.csv and edges.csv cannot say, for ``import`` to read back."""
    info = G.graph.get("model")
    rows: list[list[object]] = [["field", "value"]]
    if info is not None:
        for key, value in (
            ("title", info.title),
            ("organisation", info.organisation),
            ("description", info.description),
            ("as of", info.as_of.isoformat() if info.as_of else None),
            ("currency", info.currency),
            ("tolerance", info.tolerance or None),
            ("review every", info.review_every),
        ):
            if value:
                rows.append([key, value])
    rows += [[f"rule {rule}", setting] for rule, setting in rules.items()]
    return "\ufeff" + csv_text(rows)


#: Relations whose link the model holds on the edge's target: a benefit names the projects that realise it.
_HELD_BY_TARGET = frozenset(link.relation for link in LINKS if link.holder != link.source)


def _edge_rows(G: nx.DiGraph) -> Iterator[list[object]]:
    """Each link source, target, relation (the graph's way), listed under the entity holding it in the order
    it holds them, so that ``import`` gives each list back in the model's order."""
    for n in G:
        yield from ([n, m, d["relation"]] for m, d in G.succ[n].items() if d["relation"] not in _HELD_BY_TARGET)
        yield from ([m, n, d["relation"]] for m, d in G.pred[n].items() if d["relation"] in _HELD_BY_TARGET)


def _csv_tables(G: nx.DiGraph) -> dict[str, str]:
    # The vocabulary's fields with no column of their own, under their names, before the source place.
    added = list(dict.fromkeys(name for kind in KINDS for name in untyped_fields(kind)))
    columns = [*_COLUMNS[:-3], *added, *_COLUMNS[-3:]]
    nodes: list[list[object]] = [[*columns]]
    measured: list[list[object]] = [[c.header for c in MEASUREMENTS[1]]]
    info = G.graph.get("model")
    as_of = info.as_of if info is not None else None
    for n, d in G.nodes(data=True):
        flat = flat_attributes(d)
        flat["id"] = n
        if d.get("waive"):  # with the reasons, which GraphML's and GEXF's waived_rules leave out
            flat["waivers"] = waivers_cell(d["waive"])
        nodes.append([flat.get(c, "") for c in columns])
        measured.extend(
            [n, m.date.isoformat(), m.value, m.source, later_than(m.date, as_of)] for m in d.get("measurements", ())
        )
    edges: list[list[object]] = [["source", "target", "relation"], *_edge_rows(G)]
    # A byte-order mark first: without it Excel reads UTF-8 as the local code page and garbles "é".
    return {name: "\ufeff" + csv_text(rows) for name, rows in zip(CSV_FILES, (nodes, edges, measured), strict=True)}


_SINGLE = {"json": _json, "graphml": _graphml, "gexf": _gexf, "dot": _dot, "mermaid": mermaid_text}


def export_text(G: nx.DiGraph, fmt: str, model: Mapping[str, object] | None = None) -> str:
    """The graph in a one-file format (every format but ``csv``).

    ``model``: the envelope's ``model`` block (:func:`~goldenthread.traceability.render.envelope.model_block`);
    with it, ``json`` is a document of the common envelope, as the command prints it.
    """
    if fmt not in _SINGLE:
        raise ValueError(f"{fmt!r} is not a one-file export format; use one of {', '.join(_SINGLE)}")
    if fmt == "json":
        return _json(G, model)
    return _SINGLE[fmt](G)


def _fenced(path: Path) -> bool:
    return path.suffix.lower() in (".md", ".markdown")


def mermaid_limit_note(G: nx.DiGraph, output: str | os.PathLike[str] | None) -> str | None:
    """What to tell the user when the flowchart has more links than Mermaid draws in one; None when it has not."""
    links = G.number_of_edges()
    if links <= MERMAID_MAX_EDGES:
        return None
    # Mermaid takes maxEdges only from the page that runs it, never from the diagram itself.
    then = (
        "written as one flowchart per aim"
        if output is not None and _fenced(Path(output))
        else f'render it with maxEdges set (mmdc -c with {{"maxEdges": {links}}}), '
        "or export to a .md file, which splits it by aim"
    )
    return f"{links:,} links, more than Mermaid draws in one flowchart ({MERMAID_MAX_EDGES}): {then}"


def export_files(
    G: nx.DiGraph,
    fmt: str,
    output: str | os.PathLike[str],
    model: Mapping[str, object] | None = None,
    rules: Mapping[str, str] | None = None,
) -> dict[Path, str]:
    """Path -> content of every file an export to ``output`` writes.

    ``csv`` treats ``output`` as a folder and writes ``nodes.csv``,
    ``edges.csv``, ``measurements.csv`` and ``model.csv`` (the model block
    and the ``rules`` settings) in it; ``mermaid`` to a ``.md`` file is wrapped in a
    ```` ```mermaid ```` block so that GitHub renders it in place, or, with
    more than :data:`MERMAID_MAX_EDGES` links, in one block per aim.
    """
    out = Path(output)
    if fmt == "csv":
        tables = {**_csv_tables(G), MODEL_CSV: _csv_model(G, rules or {})}
        return {out / name: text for name, text in tables.items()}
    if fmt == "mermaid" and _fenced(out) and G.number_of_edges() > MERMAID_MAX_EDGES:
        return {out: mermaid_by_aim(G)}
    text = export_text(G, fmt, model)
    if fmt == "mermaid" and _fenced(out):
        text = f"```mermaid\n{text}```\n"
    return {out: text}


def write_export(
    G: nx.DiGraph,
    fmt: str,
    output: str | os.PathLike[str],
    protect: Collection[str | os.PathLike[str]] = (),
    model: Mapping[str, object] | None = None,
    rules: Mapping[str, str] | None = None,
    walk: Callable[[Iterator[str]], Iterable[str]] = iter,
) -> list[Path]:
    """Write the export to ``output`` atomically and return the paths written.

    For ``csv`` the folder ``output`` is created if it does not exist, and the
    four tables are written as a unit (:func:`~goldenthread.model.edit.atomic.write_atomic_group`).
    ``protect``: the model's files, which are never written over; ``model``: as for :func:`export_text`;
    ``walk`` goes through GraphML's pieces (the command passes one that shows progress on a terminal).
    """
    if fmt == "graphml":
        # Encoded piece by piece: the text is never held as str and as bytes at once (100 MB at 100k entities).
        data = b"".join(p.encode() for p in walk(graphml_pieces(G)))
        write_atomic_group({os.fspath(output): data}, protect=protect)
        return [Path(output)]
    files = export_files(G, fmt, output, model, rules)
    if fmt == "csv":
        Path(output).mkdir(parents=True, exist_ok=True)
    write_atomic_group({os.fspath(p): text for p, text in files.items()}, protect=protect)
    return list(files)
