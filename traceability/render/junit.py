"""Findings as JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

One ``<testsuite>`` per rule (those set to ``off`` left out); in it one
``<testcase>`` per finding, named for the entity: a ``<failure>`` when the
finding is unwaived, ``<skipped>`` when it is waived (the reason as its
message) or, with a baseline, when the baseline had it.  A rule with no
finding has one passing test case, so a clean rule reads as a pass and not
as nothing at all.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence

from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import Finding
from goldenthread.traceability.baseline import Baseline

__all__ = ["render_junit"]

# What XML 1.0 cannot hold at all, even escaped: C0 controls but tab and line breaks,
# lone surrogates and U+FFFE/U+FFFF.  A model cannot contain them; a file name might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(s: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", s)


def _case_name(f: Finding) -> str:
    return f"{f.kind} {f.entity}" if f.entity else f.message


def render_junit(
    findings: Sequence[Finding],
    rules: Mapping[str, str] | None = None,
    baseline: Baseline | None = None,
    name: str = "goldenthread",
) -> str:
    """The findings as a JUnit XML document (UTF-8 text with its declaration).

    ``rules`` is the model's ``rules:`` (rule id -> error, warning or off): a rule
    set to ``off``, or off by default and not turned on, gets no suite.  ``name`` names the outer ``<testsuites>``.
    """
    settings = dict(rules or {})
    by_rule: dict[str, list[Finding]] = {SCHEMA_RULE: []}
    by_rule.update((r, []) for r in RULES if settings.get(r, RULES[r].severity) != "off")
    for f in findings:
        by_rule.setdefault(f.rule, []).append(f)
    root = ET.Element("testsuites", name=_text(name))
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for rule, group in by_rule.items():
        suite = ET.SubElement(root, "testsuite", name=rule)
        counts = {"tests": 0, "failures": 0, "skipped": 0}
        if not group:
            ET.SubElement(suite, "testcase", classname=f"goldenthread.{rule}", name="no findings")
            counts["tests"] = 1
        for f in group:
            case = ET.SubElement(suite, "testcase", classname=f"goldenthread.{rule}", name=_text(_case_name(f)))
            if f.pos is not None:
                case.set("file", _text(f.pos.file))
                case.set("line", str(f.pos.line))
            counts["tests"] += 1
            where = f"{f.pos}: " if f.pos else ""
            if f.waived:
                ET.SubElement(case, "skipped", message=_text(f"waived: {f.reason or ''}"))
                counts["skipped"] += 1
            elif baseline is not None and f in baseline:
                ET.SubElement(case, "skipped", message=_text(f"in the baseline: {f.message}"))
                counts["skipped"] += 1
            else:
                failure = ET.SubElement(case, "failure", message=_text(f.message), type=f.severity)
                failure.text = _text(f"{where}{f.severity}[{f.rule}] {f.message}")
                counts["failures"] += 1
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
