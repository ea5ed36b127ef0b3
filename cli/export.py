"""``goldenthread export``: the graph for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from goldenthread.cli.importing import write_workbook
from goldenthread.cli.options import ModelSource, load_analysis, model_options
from goldenthread.traceability.render.envelope import model_block
from goldenthread.traceability.render.export import FORMATS, export_text, write_export

_HINT = "'-o' / '--output'"


@click.command()
@model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "xlsx")),
    default="json",
    show_default=True,
    help="json: node-link, every attribute; graphml: yEd; gexf: Gephi; dot: Graphviz; "
    "mermaid: a flowchart for GitHub; csv: nodes.csv, edges.csv and model.csv; "
    "xlsx: a workbook that import reads back.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="File to write (for csv: a folder, created if missing). Default: standard output (not for csv).",
)
def export(source: ModelSource, fmt: str, output: str | None) -> None:
    """Export the graph of MODEL: every entity a node, every link an edge.

    Mermaid written to a .md file is wrapped in a ```mermaid block.
    """
    if output is None and fmt == "csv":
        raise click.UsageError("--format csv writes three files: name a folder with -o/--output")
    if output is not None:
        out = Path(output)
        if fmt == "csv" and out.exists() and not out.is_dir():
            raise click.BadParameter(f"{output!r} is a file; csv writes three files into a folder", param_hint=_HINT)
        if fmt != "csv" and out.is_dir():
            raise click.BadParameter(f"{output!r} is a folder; name a file", param_hint=_HINT)
        if fmt != "csv" and not out.absolute().parent.is_dir():
            raise click.BadParameter(f"folder {str(out.parent)!r} does not exist", param_hint=_HINT)
    if fmt == "xlsx":
        write_workbook(source, output)
        return
    analysis = load_analysis(source)
    block = model_block(analysis.model, analysis.root)
    if output is None:
        click.echo(export_text(analysis.graph, fmt, block), nl=False)
        return
    rules = analysis.model.rules
    for path in write_export(analysis.graph, fmt, output, protect=source.files(), model=block, rules=rules):
        click.echo(f"goldenthread: wrote {path}", err=True)
