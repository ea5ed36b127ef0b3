"""``goldenthread export``: the graph for other tools."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import click

from goldenthread.cli.archimate import write_archi
from goldenthread.cli.importing import write_workbook
from goldenthread.cli.options import ModelSource, counted, load_analysis, model_options
from goldenthread.traceability.render.envelope import model_block
from goldenthread.traceability.render.export import export_text, mermaid_limit_note, write_export
from goldenthread.traceability.render.graphml import graphml_pieces, piece_count
from goldenthread.traceability.render.outputs import formats_of

_HINT = "'-o' / '--output'"
#: Pieces (entities and links) from which an export takes seconds: a progress bar on a terminal.
_LARGE = 20_000
#: Formats that write several files into the folder -o names.
_FOLDERS = ("csv", "archi-csv")


@click.command()
@model_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(formats_of("export")),
    default="json",
    show_default=True,
    help="json: node-link, every attribute; graphml: yEd; gexf: Gephi; dot: Graphviz; "
    "mermaid: a flowchart for GitHub; csv: nodes.csv, edges.csv, measurements.csv and model.csv; "
    "xlsx: a workbook that import reads back; "
    "archimate: an ArchiMate exchange file (Archi) that import reads back; "
    "archi-csv: elements.csv, relations.csv and properties.csv for Archi's CSV import.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="File to write (for csv and archi-csv: a folder, created if missing). "
    "Default, or '-': standard output (not for csv, xlsx, archimate or archi-csv).",
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
    if output == "-":  # as Unix tools read it: standard output, not a file named '-'
        output = None
        if fmt == "xlsx":
            write_workbook(source, "-")
            return
    if output is None and fmt == "csv":
        raise click.UsageError("--format csv writes three files: name a folder with -o/--output")
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
    note = mermaid_limit_note(analysis.graph, output) if fmt == "mermaid" else None
    if note is not None:
        click.echo(f"goldenthread: warning: {note}", err=True)
    G = analysis.graph

    def walk(pieces: Iterator[str]) -> Iterator[str]:
        return counted(pieces, piece_count(G), "Writing GraphML", _LARGE)

    if output is None:
        # GraphML is written as it is made: a large model's document is never held whole.
        for piece in walk(graphml_pieces(G)) if fmt == "graphml" else [export_text(G, fmt, block)]:
            click.echo(piece, nl=False)
        return
    for path in write_export(
        G, fmt, output, protect=source.files(), model=block, rules=analysis.model.rules, walk=walk
    ):
        click.echo(f"goldenthread: wrote {path}", err=True)
