"""Findings as SARIF 2.1.0, for GitHub code scanning and other static-analysis consumers.

- one ``reportingDescriptor`` per rule of the rule book (and ``schema``),
  with its short and full description, a help text and a ``helpUri``: the
  rule's row in ``docs/rules.md`` at the project's home page (the driver's
  ``informationUri``, read from the installed package's metadata);
- a result per finding: rule, level, message, and a physical location whose
  file is relative to the repository root (``uriBaseId`` ``%SRCROOT%``),
  with 1-based line and column; a finding with no place in a file on disk
  (the built-in example's, a problem of the whole model) is placed in the
  file it came from, or the model as named;
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
from functools import cache
from urllib.parse import quote

from goldenthread.model.loader import EXAMPLE_NAME, example_path
from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import Finding
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.envelope import dumps
from goldenthread.traceability.render.findings import repository_path

__all__ = ["FINGERPRINT", "SARIF_SCHEMA", "fingerprint", "help_uri", "home_page", "render_sarif", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
#: The name of goldenthread's partial fingerprint (versioned: a change of recipe gets a new name).
FINGERPRINT = "goldenthreadFinding/v1"


#: Used when the package's metadata cannot be read (run from a source tree that was never installed).
_HOME_FALLBACK = "https://github.com/goldenthread/goldenthread"


@cache
def home_page() -> str:
    """The project's home page, ``[project.urls] Homepage`` in ``pyproject.toml``, read only when SARIF is written."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        urls: list[str] = metadata("goldenthread").get_all("Project-URL") or []
    except PackageNotFoundError:  # pragma: no cover - the tests run the installed package
        return _HOME_FALLBACK
    for entry in urls:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() == "homepage" and url.strip():
            return url.strip().rstrip("/")
    return _HOME_FALLBACK  # pragma: no cover - pyproject.toml names it


def help_uri(rule: str) -> str:
    """Where the docs say what ``rule`` finds: its row of the rules table."""
    return f"{home_page()}/blob/main/docs/rules.md#{rule}"


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
            "helpUri": help_uri(SCHEMA_RULE),
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
                "helpUri": help_uri(rule.id),
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
    if file == f"<example>/{EXAMPLE_NAME}":  # the built-in example: the file installed with the package
        return _uri(str(example_path().resolve()), base)
    if file.startswith("<"):  # a model read from git
        return None
    path = repository_path(file, base)
    if path is None:
        # Outside the repository: an absolute file: URI is all that can point at it.
        return "file://" + quote(posixpath.normpath(os.path.abspath(file).replace(os.sep, "/")))
    return quote(path)


def _artifact(uri: str) -> dict[str, object]:
    return {"uri": uri} if uri.startswith("file:") else {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _result(
    f: Finding, index: dict[str, int], base: str | None, baseline: Baseline | None, model_uri: str | None
) -> dict[str, object]:
    result: dict[str, object] = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": f.severity if f.severity in ("error", "warning") else "note",
        "message": {"text": f.message},
    }
    uri = None if f.pos is None else _uri(f.pos.file, base)
    logical = {"logicalLocations": [{"name": f.entity, "kind": "object"}]} if f.entity else {}
    if f.pos is not None and uri is not None:
        region = {"startLine": f.pos.line, "startColumn": f.pos.column}
        result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(uri), "region": region}, **logical}]
    elif model_uri is not None:
        # Code scanning shows only results with a place: the model as a whole is the nearest one.
        result["locations"] = [{"physicalLocation": {"artifactLocation": _artifact(model_uri)}, **logical}]
    result["partialFingerprints"] = {FINGERPRINT: fingerprint(f)}
    if f.waived:
        result["suppressions"] = [{"kind": "inSource", "justification": f.reason or ""}]
    if baseline is not None:
        result["baselineState"] = "unchanged" if f in baseline else "new"
    return result


def sarif_log(
    findings: Sequence[Finding],
    version: str,
    base: str | None = None,
    baseline: Baseline | None = None,
    source: str | None = None,
) -> dict[str, object]:
    """The SARIF log object: one run of goldenthread.

    ``base`` is the repository root the file URIs are relative to (None: the
    current directory); ``baseline`` marks each result ``new`` or ``unchanged``;
    ``source`` is the model as named (a file or folder), where a finding with
    no place of its own is put.
    """
    rules = _descriptors()
    model_uri = None if source is None else _uri(source, base)
    index = {str(r["id"]): i for i, r in enumerate(rules)}
    run: dict[str, object] = {
        "tool": {
            "driver": {
                "name": "goldenthread",
                "version": version,
                "semanticVersion": version,
                "informationUri": home_page(),
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": [_result(f, index, base, baseline, model_uri) for f in findings if f.rule in index],
    }
    if base is not None:
        root = os.path.abspath(base).replace(os.sep, "/").rstrip("/") + "/"
        run["originalUriBaseIds"] = {
            "%SRCROOT%": {"uri": "file://" + quote(root if root.startswith("/") else "/" + root)}
        }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def render_sarif(
    findings: Sequence[Finding],
    version: str,
    base: str | None = None,
    baseline: Baseline | None = None,
    source: str | None = None,
) -> str:
    """:func:`sarif_log` as strict JSON text."""
    return dumps(sarif_log(findings, version, base, baseline, source))
