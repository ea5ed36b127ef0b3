"""The graph as GraphML that yEd opens labelled and networkx reads back, written piece by piece.

- the model's title, organisation, ``as_of`` and currency as graph data;
- every node's flat attributes (:func:`~goldenthread.traceability.render.export.flat_attributes`)
  as data with a declared type, and yEd's node graphics (a ``y:ShapeNode``
  with a ``y:NodeLabel``: the title, which networkx reads back as ``label``;
  a shape and colour for each kind);
- each link an edge with its ``relation``.

The text is made as a sequence of pieces straight from the graph, never as an
XML tree of the whole model: at 100,000 entities a tree costs more memory than
the check itself (issue 18).  Text is escaped for XML, carriage returns kept
as ``&#13;`` (a reader turns a raw one into a line feed), and the characters
XML cannot hold at all written as ``\\uXXXX``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import networkx as nx

__all__ = ["graphml_pieces", "piece_count"]

#: Node data, in the order it is declared, with GraphML's type for each.
NODE_KEYS: tuple[tuple[str, str], ...] = (
    ("kind", "string"),
    ("title", "string"),
    ("description", "string"),
    ("owner", "string"),
    ("tags", "string"),
    ("status", "string"),
    ("budget", "double"),
    ("start_date", "string"),
    ("end_date", "string"),
    ("benefit_kind", "string"),
    ("unit", "string"),
    ("baseline", "double"),
    ("target", "double"),
    ("target_date", "string"),
    ("direction", "string"),
    ("measurements", "long"),
    ("latest_date", "string"),
    ("latest_value", "double"),
    ("waived_rules", "string"),
    ("file", "string"),
    ("line", "long"),
    ("column", "long"),
)
GRAPH_KEYS: tuple[str, ...] = ("title", "organisation", "as_of", "currency")

#: yEd's shapes, as close as it has to the DOT export's.
_SHAPES = {"aim": "octagon", "theme": "rectangle", "project": "roundrectangle", "benefit": "ellipse"}
_FILLS = {"aim": "#FFE08A", "theme": "#CFE2F3", "project": "#D9EAD3", "benefit": "#F4CCCC"}

_NOT_XML = re.compile("[\ufffe\uffff\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
_TEXT = re.compile("[&<>\r]|" + _NOT_XML.pattern)
_ATTRIBUTE = re.compile('[&<>"\r\n\t]|' + _NOT_XML.pattern)


def _sub(m: re.Match[str]) -> str:
    ch = m.group()
    return _ESCAPES.get(ch) or f"\\u{ord(ch):04x}"


def _text(value: object) -> str:
    return _TEXT.sub(_sub, value if isinstance(value, str) else repr(value) if isinstance(value, float) else str(value))


def _attribute(value: str) -> str:
    return _ATTRIBUTE.sub(_sub, value)


def _data(key: str, value: object) -> str:
    return f'<data key="{key}">{_text(value)}</data>'


def piece_count(G: nx.DiGraph) -> int:
    """How many pieces :func:`graphml_pieces` makes of ``G``: one a node and one a link, and four more."""
    return int(G.number_of_nodes() + G.number_of_edges()) + 4


def graphml_pieces(G: nx.DiGraph) -> Iterator[str]:
    """The GraphML document, in pieces (a node or an edge each) that join into the file."""
    from goldenthread.traceability.render.export import flat_attributes

    yield (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" '
        'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
        'http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">\n'
    )
    keys = [f'  <key id="g_{k}" for="graph" attr.name="{k}" attr.type="string" />\n' for k in GRAPH_KEYS]
    keys += [f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="{t}" />\n' for k, t in NODE_KEYS]
    keys.append('  <key id="n_graphics" for="node" yfiles.type="nodegraphics" />\n')
    keys.append('  <key id="e_relation" for="edge" attr.name="relation" attr.type="string" />\n')
    yield "".join(keys)
    yield '  <graph id="goldenthread" edgedefault="directed">\n'
    info = G.graph.get("model")
    if info is not None:
        for key in GRAPH_KEYS:
            value = getattr(info, key)
            if value is not None:
                yield f"    {_data('g_' + key, value.isoformat() if key == 'as_of' else value)}\n"
    for n, d in G.nodes(data=True):
        flat = flat_attributes(d)
        data = "".join(_data("n_" + k, flat[k]) for k, _ in NODE_KEYS if k in flat)
        kind = d["kind"]
        graphics = (
            '<data key="n_graphics"><y:ShapeNode>'
            f'<y:Geometry height="40.0" width="{max(80, 7 * min(len(d["title"]), 40))}.0" x="0" y="0"/>'
            f'<y:Fill color="{_FILLS[kind]}"/>'
            f'<y:NodeLabel>{_text(d["title"])}</y:NodeLabel><y:Shape type="{_SHAPES[kind]}"/>'
            "</y:ShapeNode></data>"
        )
        # One line a node: a large model's file is a tenth smaller without the indentation.
        yield f'    <node id="{_attribute(n)}">{data}{graphics}</node>\n'
    for u, v, d in G.edges(data=True):
        relation = _data("e_relation", d["relation"])
        yield f'    <edge source="{_attribute(u)}" target="{_attribute(v)}">{relation}</edge>\n'
    yield "  </graph>\n</graphml>\n"
