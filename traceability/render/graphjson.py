"""The graph as node-link JSON, and back: a faithful round trip.

The document is networkx's node-link form (``nx.node_link_graph(doc,
edges="edges")`` reads it, with dates as text), and :func:`graph_from_json`
turns it back into a graph equal to the one exported: dates become dates,
``tags`` a tuple, ``measure`` a :class:`~goldenthread.model.types.Measure`, and
so on.  Known attributes are encoded as plain JSON by their name; the users'
own ``extra`` (``x-`` keys) may hold any YAML value, so there a date is
written ``{"$date": "2005-07-14"}`` and a mapping whose keys are not all text
``{"$map": [[key, value], ...]}``.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import networkx as nx

from goldenthread.model.types import Measure, Measurement, ModelInfo, Position
from goldenthread.traceability.graph import restore_entities

__all__ = ["FORMAT_VERSION", "graph_from_json", "graph_to_json"]

#: Bumped when the document's shape changes incompatibly.
FORMAT_VERSION = 1

_DATES = ("start", "end")


def _date(d: dt.date | None) -> str | None:
    return None if d is None else d.isoformat()


def _undate(s: str | None) -> dt.date | None:
    return None if s is None else dt.date.fromisoformat(s)


def _free(value: object) -> object:
    """Encode a value of the users' own ``x-`` keys."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, float) and not math.isfinite(value):
        return {"$float": repr(value)}
    if isinstance(value, list | tuple):
        return [_free(v) for v in value]
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: _free(v) for k, v in value.items()}
        return {"$map": [[_free(k), _free(v)] for k, v in value.items()]}
    return value


def _unfree(value: object) -> object:
    if isinstance(value, list):
        return [_unfree(v) for v in value]
    if isinstance(value, dict):
        if len(value) == 1:
            ((tag, body),) = value.items()
            if tag == "$date":
                return dt.date.fromisoformat(body)
            if tag == "$datetime":
                return dt.datetime.fromisoformat(body)
            if tag == "$float":
                return float(body)
            if tag == "$map":
                return {_hashable(_unfree(k)): _unfree(v) for k, v in body}
        return {k: _unfree(v) for k, v in value.items()}
    return value


def _hashable(key: object) -> object:
    return tuple(key) if isinstance(key, list) else key


def _measure(m: Measure | None) -> dict[str, Any] | None:
    if m is None:
        return None
    return {
        "unit": m.unit,
        "target": m.target,
        "baseline": m.baseline,
        "target_date": _date(m.target_date),
        "direction": m.direction,
    }


def _unmeasure(d: dict[str, Any] | None) -> Measure | None:
    if d is None:
        return None
    return Measure(**{**d, "target_date": _undate(d["target_date"])})


def _measurement(m: Measurement) -> dict[str, Any]:
    pos = None if m.pos is None else {"file": m.pos.file, "line": m.pos.line, "column": m.pos.column}
    return {"date": m.date.isoformat(), "value": m.value, "source": m.source, "pos": pos}


def _unmeasurement(d: dict[str, Any]) -> Measurement:
    pos = None if d["pos"] is None else Position(**d["pos"])
    return Measurement(date=dt.date.fromisoformat(d["date"]), value=d["value"], source=d["source"], pos=pos)


def _encode_attr(name: str, value: Any) -> object:
    if name in _DATES:
        return _date(value)
    if name == "tags":
        return list(value)
    if name == "measure":
        return _measure(value)
    if name == "measurements":
        return [_measurement(m) for m in value]
    if name == "extra":
        return _free(value)
    return value


def _decode_attr(name: str, value: Any) -> object:
    if name in _DATES:
        return _undate(value)
    if name == "tags":
        return tuple(value)
    if name == "measure":
        return _unmeasure(value)
    if name == "measurements":
        return tuple(_unmeasurement(m) for m in value)
    if name == "extra":
        return _unfree(value)
    return value


def _info(info: ModelInfo) -> dict[str, Any]:
    return {
        "title": info.title,
        "organisation": info.organisation,
        "as_of": info.as_of.isoformat(),
        "currency": info.currency,
        "description": info.description,
    }


def graph_to_json(G: nx.DiGraph) -> dict[str, Any]:
    """The whole graph, every attribute, as a JSON-ready node-link document (model order)."""
    graph: dict[str, object] = {"format": "goldenthread-graph", "version": FORMAT_VERSION}
    info = G.graph.get("model")
    if info is not None:
        graph["model"] = _info(info)
    return {
        "directed": True,
        "multigraph": False,
        "graph": graph,
        # The typed entity stays behind: its fields are the flat attributes, and graph_from_json rebuilds it.
        "nodes": [
            {"id": n, **{k: _encode_attr(k, v) for k, v in d.items() if k != "entity"}} for n, d in G.nodes(data=True)
        ],
        "edges": [{"source": u, "target": v, **d} for u, v, d in G.edges(data=True)],
    }


def graph_from_json(doc: dict[str, Any]) -> nx.DiGraph:
    """The graph :func:`graph_to_json` wrote, equal to the original in nodes, edges and attributes.

    Each node gets its typed ``entity`` back (see
    :func:`~goldenthread.traceability.graph.restore_entities`), so the analyses run on it.
    """
    graph = doc.get("graph", {})
    G = nx.DiGraph()
    if "model" in graph:
        info = dict(graph["model"])
        info["as_of"] = dt.date.fromisoformat(info["as_of"])
        G.graph["model"] = ModelInfo(**info)
    for node in doc["nodes"]:
        attrs = {k: _decode_attr(k, v) for k, v in node.items() if k != "id"}
        G.add_node(node["id"], **attrs)
    for edge in doc["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target")}
        G.add_edge(edge["source"], edge["target"], **attrs)
    restore_entities(G)
    return G
