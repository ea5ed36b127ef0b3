"""``goldenthread export``: the graph for other tools."""

from __future__ import annotations

from pathlib import Path

import click

from goldenthread.cli.archimate import write_archi
from goldenthread.cli.importing import write_workbook
from goldenthread.cli.options import ModelSource, load_analysis, model_options
from goldenthread.traceability.render.envelope import model_block
from goldenthread.traceability.render.export import FORMATS, export_text, write_export

_HINT = "'-o' / '--output'"
#: Formats that write several files into the folder -o names.
_FOLDERS = ("csv", "archi-csv")


@click.command(short_help="Export the graph: JSON, GraphML, GEXF, DOT, Mermaid, CSV, xlsx or ArchiMate.")
@model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice((*FORMATS, "xlsx", "archimate", "archi-csv")),
    default="json",
    show_default=True,
    help="json: node-link, every attribute; graphml: yEd; gexf: Gephi; dot: Graphviz; "
    "mermaid: a flowchart for GitHub; csv: nodes.csv and edges.csv; xlsx: a workbook that import reads back; "
    "archimate: an ArchiMate exchange file (Archi) that import reads back; "
    "archi-csv: elements.csv, relations.csv and properties.csv for Archi's CSV import.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="File to write (for csv and archi-csv: a folder, created if missing). "
    "Default: standard output (not for csv, xlsx, archimate or archi-csv).",
)
@click.option(
    "--views",
    type=click.Choice(("thread", "per-aim")),
    default="thread",
    show_default=True,
    help="archimate: one view of the whole golden thread, or also one view per aim.",
)
def export(source: ModelSource, fmt: str, output: str | None, views: str) -> None:
    """Export the graph of MODEL: every entity a node, every link an edge.

    Mermaid written to a .md file is wrapped in a ```mermaid block.
    """
    if output is None and fmt == "csv":
        raise click.UsageError("--format csv writes two files: name a folder with -o/--output")
    if output is not None:
        out = Path(output)
        if fmt in _FOLDERS and out.exists() and not out.is_dir():
            raise click.BadParameter(f"{output!r} is a file; {fmt} writes its files into a folder", param_hint=_HINT)
        if fmt not in _FOLDERS and out.is_dir():
            raise click.BadParameter(f"{output!r} is a folder; name a file", param_hint=_HINT)
        if fmt not in _FOLDERS and not out.absolute().parent.is_dir():
            raise click.BadParameter(f"folder {str(out.parent)!r} does not exist", param_hint=_HINT)
    if fmt == "xlsx":
        write_workbook(source, output)
        return
    if fmt in ("archimate", "archi-csv"):
        write_archi(source, fmt, output, views)
        return
    analysis = load_analysis(source)
    block = model_block(analysis.model, analysis.root)
    if output is None:
        click.echo(export_text(analysis.graph, fmt, block), nl=False)
        return
    for path in write_export(analysis.graph, fmt, output, protect=source.files(), model=block):
        click.echo(f"goldenthread: wrote {path}", err=True)
