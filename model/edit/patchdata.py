"""The data of an edited file without reading it again: the old data, with the edited entities read anew.

Reading a 10,000-entity file takes about half a second; an edit changes a few
lines of it.  So the data after an edit is the data before, with each entity an
edit replaced (or added) read from its own new lines, and every position below
an edit moved down by the lines it added.  The result equals what
:func:`~goldenthread.model.yamlread.parse_yaml` gives for the new text (a
property test holds it to that).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from goldenthread.model.edit.fragments import Splice
from goldenthread.model.yamlread import Map, Seq, parse_yaml

__all__ = ["patched_data"]


def _shifted(node: Any, delta: int) -> Any:
    """A copy of ``node`` with every line number moved by ``delta``."""
    if isinstance(node, Map):
        out = Map((node.pos[0] + delta, node.pos[1]))
        for key, value in node.items():
            out[key] = _shifted(value, delta)
        out.key_pos = {k: (line + delta, col) for k, (line, col) in node.key_pos.items()}
        out.value_pos = {k: (line + delta, col) for k, (line, col) in node.value_pos.items()}
        return out
    if isinstance(node, Seq):
        seq = Seq((node.pos[0] + delta, node.pos[1]))
        seq.extend(_shifted(item, delta) for item in node)
        seq.item_pos = [(line + delta, col) for line, col in node.item_pos]
        return seq
    return node


class _Lines:
    """Where an old line ends up: the splices' starts and the lines each adds, in order."""

    def __init__(self, splices: Sequence[Splice]):
        self.splices = sorted(splices, key=lambda s: s.start)
        self.ends: list[int] = []
        self.deltas: list[int] = []
        total = 0
        for s in self.splices:
            total += s.text.count("\n") - (s.end - s.start + 1)
            self.ends.append(s.end)
            self.deltas.append(total)

    def delta(self, line: int) -> int:
        """How far old ``line`` (not inside a splice) moves: the lines added by the splices above it."""
        i = bisect_left(self.ends, line)  # splices that end before ``line``
        return self.deltas[i - 1] if i else 0

    def start(self, splice: Splice) -> int:
        """Where the splice's new text starts in the new file: moved by the splices above it, not by itself."""
        i = self.splices.index(splice)
        return splice.start + (self.deltas[i - 1] if i else 0)


def patched_data(data: Map, splices: Sequence[Splice | None], name: str) -> Map | None:
    """The data of the file after ``splices``, or None when one of them was not entity by entity."""
    if not splices or any(s is None for s in splices):
        return None
    done = [s for s in splices if s is not None]
    moves = _Lines(done)
    by_section: dict[str, list[Splice]] = {}
    for s in done:
        by_section.setdefault(s.section, []).append(s)
    root = Map(data.pos)
    for top, body in data.items():
        line, col = data.key_pos[top]
        d = moves.delta(line)
        root.key_pos[top] = (line + d, col)
        vline, vcol = data.value_pos[top]
        if top not in by_section:
            root[top] = _shifted(body, d) if d else body
            root.value_pos[top] = (vline + d, vcol)
            continue
        assert isinstance(body, Map)
        replaced: dict[Any, Map] = {}
        added: list[Map] = []
        for s in by_section[top]:
            fragment = parse_yaml(s.text, name)
            new = _shifted(fragment, moves.start(s) - 1)
            if s.key is None:
                added.append(new)
            else:
                replaced[s.key] = new
        section = Map(body.pos)
        for key, value in body.items():
            kline, kcol = body.key_pos[key]
            piece = replaced.get(key)
            if piece is None:
                dk = moves.delta(kline)
                section[key] = _shifted(value, dk) if dk else value
                section.key_pos[key] = (kline + dk, kcol)
                section.value_pos[key] = (body.value_pos[key][0] + dk, body.value_pos[key][1])
            else:
                for k, v in piece.items():
                    section[k] = v
                    section.key_pos[k] = piece.key_pos[k]
                    section.value_pos[k] = piece.value_pos[k]
        for piece in added:
            for k, v in piece.items():
                section[k] = v
                section.key_pos[k] = piece.key_pos[k]
                section.value_pos[k] = piece.value_pos[k]
        first = min(section.key_pos.values()) if section.key_pos else body.pos
        section.pos = first
        root[top] = section
        root.value_pos[top] = first
    return root
