"""Findings as JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure Pipelines).

The failing tests are exactly what fails ``check``: one ``<testsuite>`` per
rule (those set to ``off`` left out), in it one ``<testcase>`` per finding,
named for the entity:

- a ``<failure>`` when the finding fails the check (an unwaived error; with
  ``strict``, an unwaived warning too);
- a passing test with the finding in ``<system-out>`` when it does not (a
  warning without ``strict``);
- ``<skipped>`` when it is waived (the reason as its message) or, with a
  baseline, when the baseline had it.

A rule with no finding has one passing test case, so a clean rule reads as a
pass and not as nothing at all. A model that does not load or follow the
format was not checked by any rule: the document then holds one suite,
``schema``, with one failing test per problem. Only what Jenkins' schema
(``junit-10.xsd``) allows is written; file paths are from the repository's top,
and the texts are one line each, escaped as ``check``'s text is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from dataclasses import replace

from goldenthread.model.rulebook import RULES, SCHEMA_RULE
from goldenthread.model.types import Finding
from goldenthread.traceability.baseline import Baseline
from goldenthread.traceability.render.findings import finding_line, repository_path
from goldenthread.traceability.render.safetext import one_line

__all__ = ["render_junit"]

# What XML 1.0 cannot hold at all, even escaped: C0 controls but tab and line breaks,
# lone surrogates and U+FFFE/U+FFFF.  A model cannot contain them; a file name might.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(s: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", one_line(s))


def _from_top(f: Finding, base: str | None) -> Finding:
    """``f`` with its file named from the repository's top (as annotations need)."""
    if f.pos is None:
        return f
    path = repository_path(f.pos.file, base)
    return f if path is None else replace(f, pos=replace(f.pos, file=path))


def _case_name(f: Finding) -> str:
    if f.entity:
        return f"{f.kind} {f.entity}"
    # Problems without an entity (a format error) are told apart by their place.
    return f"{f.pos}: {f.message}" if f.pos else f.message


def render_junit(
    findings: Sequence[Finding],
    rules: Mapping[str, str] | None = None,
    baseline: Baseline | None = None,
    name: str = "goldenthread",
    *,
    strict: bool = False,
    checked: bool = True,
    base: str | None = None,
) -> str:
    """The findings as a JUnit XML document (UTF-8 text with its declaration).

    ``rules`` is the model's ``rules:`` (rule id -> error, warning or off): a rule
    set to ``off``, or off by default and not turned on, gets no suite.  ``name`` names the outer
    ``<testsuites>``.  ``strict`` fails warnings as ``check --strict`` does; ``checked`` is False
    when the model did not load or follow the format (no rule ran); ``base`` is
    the repository root the file paths are given from.
    """
    settings = dict(rules or {})
    by_rule: dict[str, list[Finding]] = {SCHEMA_RULE: []}
    if checked:
        by_rule.update((r, []) for r in RULES if settings.get(r, RULES[r].severity) != "off")
    for f in findings:
        by_rule.setdefault(f.rule, []).append(_from_top(f, base))
    failing = ("error", "warning") if strict else ("error",)
    root = ET.Element("testsuites", name=_text(name))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for rule, group in by_rule.items():
        suite = ET.SubElement(root, "testsuite", name=rule)
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        if not group:
            ET.SubElement(suite, "testcase", classname=f"goldenthread.{rule}", name="no findings")
            counts["tests"] = 1
        for f in group:
            case = ET.SubElement(suite, "testcase", classname=f"goldenthread.{rule}", name=_text(_case_name(f)))
            counts["tests"] += 1
            if f.waived:
                ET.SubElement(case, "skipped", message=_text(f"waived: {f.reason or ''}"))
                counts["skipped"] += 1
            elif baseline is not None and f in baseline:
                ET.SubElement(case, "skipped", message=_text(f"in the baseline: {f.message}"))
                counts["skipped"] += 1
            elif f.severity in failing:
                failure = ET.SubElement(case, "failure", message=_text(f.message), type=f.severity)
                failure.text = _text(finding_line(f))
                counts["failures"] += 1
            else:
                ET.SubElement(case, "system-out").text = _text(finding_line(f))
        for key, value in counts.items():
            suite.set(key, str(value))
            if key in totals:  # testsuites@skipped is not in Jenkins' schema
                totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
