"""The output contract: what every command computes, and the formats it renders that in.

Each command computes one typed result and hands it to its renderer, which
turns it into the formats listed here, the first the default; a ``json``
document is always in the one envelope (:mod:`.envelope`) and has a JSON
Schema (:mod:`.jsonschemas`).  Read from here: every ``--format``'s choices,
the commands ``goldenthread schema --output`` knows, the test that each of
them has a schema, and the table of outputs in ``docs/inside.md``.  The result
types are named by their import path, not imported: start-up imports this
module, and a command loads only the analyses it runs.

>>> OUTPUTS["gaps"].formats
('text', 'markdown', 'csv', 'json')
>>> OUTPUTS["report"].formats, OUTPUTS["report"].writes
((), 'an HTML page')
>>> "report" in json_commands(), "check" in json_commands()
(False, True)
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["EDIT_COMMANDS", "OUTPUTS", "Output", "formats_of", "json_commands"]


# A named tuple, not a data class: every command imports this module, and a tuple class is made faster.
class Output(NamedTuple):
    """One command's output."""

    #: The typed result the command computes and renders, as ``module:Name`` under ``goldenthread``;
    #: None for a command that analyses nothing (it writes a fixed document).
    result: str | None
    #: ``--format``'s choices, the default first; empty when the command has no ``--format``.
    formats: tuple[str, ...] = ()
    #: What a command without ``--format`` writes.
    writes: str | None = None


#: The editing commands: all compute an edit's report and print it alike.
EDIT_COMMANDS: tuple[str, ...] = ("add", "link", "measure", "remove", "rename", "set", "unlink", "unwaive", "waive")

_TABLES = ("text", "markdown", "csv", "json")

#: Every command, as ``goldenthread --help`` lists them.
OUTPUTS: dict[str, Output] = {
    "check": Output("traceability.check:CheckResult", ("text", "json", "github", "sarif", "junit")),
    "schema": Output(None, writes="a JSON Schema"),
    "gaps": Output("traceability.coverage:CoverageReport", _TABLES),
    "trace": Output("traceability.trace:Trace", ("text", "json")),
    "impact": Output("traceability.scenario:Scenario", ("text", "json")),
    "benefits": Output("traceability.benefits:BenefitStatus", _TABLES),
    "matrix": Output("traceability.matrix:Matrix", _TABLES),
    "export": Output(
        "traceability.context:Analysis",
        ("json", "graphml", "gexf", "dot", "mermaid", "csv", "xlsx", "archimate", "archi-csv"),
    ),
    "summary": Output("traceability.summary:Summary", _TABLES),
    "render": Output("traceability.render.html.graphpage:GraphView", writes="an HTML page"),
    "report": Output("traceability.render.html.reportpage:ReportPage", writes="an HTML page"),
    "diff": Output("traceability.changes:Diff", ("text", "markdown", "json")),
    "history": Output("traceability.history:History", ("text", "csv", "json")),
    "init": Output(None, writes="YAML model files"),
    "import": Output("model.sources.sheetreader:Imported", writes="YAML model files"),
    **{name: Output("traceability.render.edits:EditReport", ("text", "json")) for name in EDIT_COMMANDS},
}


def formats_of(command: str) -> tuple[str, ...]:
    """``command``'s ``--format`` choices, the default first."""
    return OUTPUTS[command].formats


def json_commands() -> tuple[str, ...]:
    """The commands that print a ``--format json`` document (each has a schema), sorted."""
    return tuple(sorted(name for name, output in OUTPUTS.items() if "json" in output.formats))
