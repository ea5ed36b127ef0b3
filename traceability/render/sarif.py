"""Findings as SARIF 2.1.0, for GitHub code scanning and other static-analysis consumers.

- one ``reportingDescriptor`` per rule of the rule book (and ``schema``),
  with its short and full description and a help text;
- a result per finding: rule, level, message, and a physical location whose
  file is relative to the repository root (``uriBaseId`` ``%SRCROOT%``),
  with 1-based line and column;
- ``partialFingerprints`` from the rule and the entity only, so that a
  finding keeps its identity when lines move or its message is reworded;
- a waived finding carries a ``suppressions`` entry (``inSource``: the
  waiver is in the model) with the waiver's reason as its justification;
- with a baseline, every result has a ``baselineState``: ``unchanged`` when
  the baseline has the same rule and entity, ``new`` otherwise.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Sequence
from urllib.parse import quote

from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import Finding
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.envelope import dumps

__all__ = ["FINGERPRINT", "SARIF_SCHEMA", "fingerprint", "render_sarif", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The name of goldenthread's partial fingerprint (versioned: a change of recipe gets a new name).
FINGERPRINT = "goldenthreadFinding/v1"


def fingerprint(f: Finding) -> str:
    """A stable hash of the rule and the entity (not the place, not the wording)."""
    return hashlib.sha256(f"{f.rule}\0{f.entity or ''}".encode()).hexdigest()


def _descriptors() -> list[dict[str, object]]:
    out: list[dict[str, object]] = [
        {
            "id": SCHEMA_RULE,
            "name": "ModelFormat",
            "shortDescription": {"text": "the model does not follow the format"},
            "fullDescription": {
                "text": "A structural problem: YAML syntax, a type, an unknown key, a reference to no entity, "
                "a duplicate id. The model is not analysed until it follows the format."
            },
            "help": {"text": "Correct the model at the place given; `goldenthread schema` prints the format."},
            "defaultConfiguration": {"level": "error"},
        }
    ]
    for rule in RULES.values():
        out.append(
            {
                "id": rule.id,
                "name": "".join(part.capitalize() for part in rule.id.split("-")),
                "shortDescription": {"text": rule.summary},
                "fullDescription": {
                    "text": f"A rule of the golden thread on each {rule.kind}: {rule.summary}. "
                    f"Its default severity is {rule.severity}."
                },
                "help": {
                    "text": f"Link the {rule.kind} so that the thread is whole, or acknowledge the gap on the "
                    f"{rule.kind} with `waive: {{{rule.id}: <reason>}}`. The model's `rules:` section can set "
                    f"the rule to error, warning or off.",
                    "markdown": f"Link the {rule.kind} so that the thread is whole, or acknowledge the gap on "
                    f"the {rule.kind}:\n\n```yaml\nwaive:\n  {rule.id}: <reason>\n```\n\n"
                    "The model's `rules:` section can set the rule to `error`, `warning` or `off`.",
                },
                # A rule off by default is one a team turns on: SARIF's "disabled", at level none.
                "defaultConfiguration": (
                    {"level": rule.severity} if rule.severity != "off" else {"level": "none", "enabled": False}
                ),
                "properties": {"tags": ["goldenthread", rule.kind]},
            }
        )
    return out


def _uri(file: str, base: str | None) -> str | None:
    """The file's path relative to ``base`` (the repository root), as a relative URI; None if not on disk."""
    if file.startswith("<"):  # the built-in example, or a model read from git
        return None
    path = file
    if base is not None:
        path = os.path.relpath(os.path.abspath(file), os.path.abspath(base))
    path = path.replace(os.sep, "/")
    if path.startswith("../") or path == "..":
        # Outside the repository: an absolute file: URI is all that can point at it.
        return "file://" + quote(posixpath.normpath(os.path.abspath(file).replace(os.sep, "/")))
    return quote(posixpath.normpath(path))


def _result(f: Finding, index: dict[str, int], base: str | None, baseline: Baseline | None) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": f.severity if f.severity in ("error", "warning") else "note",
        "message": {"text": f.message},
    }
    if f.pos is not None:
        uri = _uri(f.pos.file, base)
        if uri is not None:
            artifact: dict[str, object] = {"uri": uri}
            if not uri.startswith("file:"):
                artifact["uriBaseId"] = "%SRCROOT%"
            result["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact,
                        "region": {"startLine": f.pos.line, "startColumn": f.pos.column},
                    },
                    **({"logicalLocations": [{"name": f.entity, "kind": "object"}]} if f.entity else {}),
                }
            ]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint(f)}
    if f.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": f.reason or ""}]
    if baseline is not None:
        result["baselineState"] = "unchanged" if f in baseline else "new"
    return result


def sarif_log(
    findings: Sequence[Finding], version: str, base: str | None = None, baseline: Baseline | None = None
) -> dict[str, object]:
    """The SARIF log object: one run of goldenthread.

    ``base`` is the repository root the file URIs are relative to (None: the
    current directory); ``baseline`` marks each result ``new`` or ``unchanged``.
    """
    rules = _descriptors()
    index = {str(r["id"]): i for i, r in enumerate(rules)}
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "goldenthread",
                "version": version,
                "semanticVersion": version,
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, base, baseline) for f in findings if f.rule in index],
    }
    if base is not None:
        root = os.path.abspath(base).replace(os.sep, "/").rstrip("/") + "/"
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": "file://" + quote(root if root.startswith("/") else "/" + root)}
        }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(
    findings: Sequence[Finding], version: str, base: str | None = None, baseline: Baseline | None = None
) -> str:
    """:func:`sarif_log` as strict JSON text."""
    return dumps(sarif_log(findings, version, base, baseline))
