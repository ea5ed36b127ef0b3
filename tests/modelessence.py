"""What a round trip through another format must keep of a model: shared by the xlsx and ArchiMate tests."""

from __future__ import annotations

import dataclasses

from goldenthread.model.types import Model


def essence(model: Model) -> dict[str, object]:
    """What the round trip keeps: every entity's fields, links, measurements and waivers; the model's info and rules."""

    def fields(e: object) -> dict[str, object]:
        out = {f.name: getattr(e, f.name) for f in dataclasses.fields(e) if f.name not in ("pos", "extra")}
        if "measurements" in out:
            out["measurements"] = sorted((m.date, m.value, m.source) for m in out["measurements"])
        return out

    return {
        "info": model.info,
        "rules": model.rules,
        **{kind: [fields(e) for e in model.section(kind).values()] for kind in ("aim", "theme", "project", "benefit")},
    }
