"""``goldenthread init``: start a model (or an empty spreadsheet register)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import click

from goldenthread.cli.importing import WouldOverwrite
from goldenthread.model.edit.atomic import write_atomic, write_atomic_group
from goldenthread.model.edit.values import parse_date
from goldenthread.model.starter import SCHEMA_FILE, schema_text, starter_files


@click.command()
@click.argument("folder", metavar="[DIR]", default=".", type=click.Path(file_okay=False))
@click.option("--split", is_flag=True, help="Write aims.yaml, themes.yaml, projects.yaml and benefits.yaml.")
@click.option("--title", default="Our IT strategy", show_default=True, help="The model's title.")
@click.option("--organisation", default="Our organisation", show_default=True, help="Whose strategy it is.")
@click.option("--as-of", "as_of", help="The date the model describes (YYYY-MM-DD); default today.")
@click.option("--xlsx", "xlsx", metavar="FILE.xlsx", help="Write an empty spreadsheet register instead.")
def init(folder: str, split: bool, title: str, organisation: str, as_of: str | None, xlsx: str | None) -> None:
    """Write a commented starter model into DIR (default: here): every field shown, one line of comment each.

    It passes `goldenthread check` as written. Beside it goes the format's JSON
    Schema (goldenthread.schema.json), which the model's first line names, so
    that editors check it offline. Refuses to overwrite any file (exit 2).
    """
    if xlsx is not None:
        if Path(xlsx).exists():
            raise WouldOverwrite(f"{xlsx} already exists: init never overwrites a file")
        from goldenthread.traceability.render.xlsx import empty_register  # openpyxl only when asked for

        write_atomic(xlsx, empty_register())
        click.echo(f"goldenthread: wrote {xlsx}", err=True)
        return
    day = parse_date("--as-of", as_of) if as_of is not None else dt.date.today()
    base = Path(folder)
    files: dict[str, str | bytes] = {
        str(base / name): text for name, text in starter_files(title, organisation, day, split).items()
    }
    files[str(base / SCHEMA_FILE)] = schema_text()
    existing = [str(p) for p in files if os.path.exists(p)]
    if existing:
        raise WouldOverwrite(f"{', '.join(existing)} already exists: init never overwrites a file")
    base.mkdir(parents=True, exist_ok=True)
    write_atomic_group(files)
    for p in files:
        click.echo(f"goldenthread: wrote {p}", err=True)
