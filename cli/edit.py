"""The editing commands: add, set, link, unlink, rename, remove, waive, unwaive and measure.

Each parses its arguments, plans the change on a
:class:`~goldenthread.model.edit.ModelEdit`, and writes the changed files (or,
with ``--dry-run``, prints their unified diff).  The library refuses an edit
that would give the model a schema error, and every file is then left as it was.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import click

from goldenthread.cli.options import ModelSource, format_option, model_options
from goldenthread.model.edit.atomic import model_locked
from goldenthread.model.edit.session import EditError, ModelEdit, write_edit
from goldenthread.model.edit.values import parse_date, parse_number
from goldenthread.model.types import BENEFIT_KINDS, KINDS, PROJECT_STATUSES
from goldenthread.model.vocabulary import DIRECTIONS, MEASURE_FIELDS
from goldenthread.traceability.edits import findings_delta
from goldenthread.traceability.render.edits import FORMATS, EditReport, render_edit

__all__ = ["add", "link", "measure", "remove", "rename", "set_", "unlink", "unwaive", "waive"]

_Apply = Callable[[ModelEdit], object]


def _edit_options(f: Callable[..., Any]) -> Any:
    f = format_option(FORMATS, "text: what changed, one line each; json: one document.")(f)
    f = click.option("--dry-run", is_flag=True, help="Print the unified diff of the change and write nothing.")(f)
    return model_options(positional=False)(f)


def _run(command: str, source: ModelSource, fmt: str, dry_run: bool, apply: _Apply) -> None:
    if source.path is None:
        raise EditError("the built-in example cannot be edited: copy it, or start a model with goldenthread init")
    # Held from reading the files to renaming the new ones over them: two edits at once take turns.
    with model_locked(source.path):
        edit = ModelEdit(source.path)
        apply(edit)
        result = edit.finish()
        written = [] if dry_run or not result.files else write_edit(result)
    delta = findings_delta(result.before, result.after, result.renamed)
    report = EditReport(command, result, written, delta, dry_run, source.root)
    if fmt == "json":
        click.echo(render_edit(report, fmt), nl=False)
        return
    if dry_run:
        click.echo(result.diff(), nl=False)
    # With --dry-run the diff is the output; what it would do goes to stderr.
    click.echo(render_edit(report, fmt), err=dry_run)


@click.command()
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("entity_id", metavar="ID")
@click.option("--title", required=True, help="Short name shown in reports.")
@click.option("--description", help="Longer text.")
@click.option("--owner", help="Who is accountable.")
@click.option("--tag", "tags", multiple=True, help="A free label (repeat for more).")
@click.option("--aim", "aims", multiple=True, help="An aim it supports or evidences (theme, project, benefit).")
@click.option("--theme", "themes", multiple=True, help="A theme the project delivers.")
@click.option("--project", "projects", multiple=True, help="A project that realises the benefit.")
@click.option("--status", type=click.Choice(PROJECT_STATUSES), help="Project delivery status.")
@click.option("--budget", help="Project budget in the model currency.")
@click.option("--start", help="Project start date (YYYY-MM-DD).")
@click.option("--end", help="Project end date (YYYY-MM-DD).")
@click.option("--benefit-kind", type=click.Choice(BENEFIT_KINDS), help="Benefit classification.")
@click.option("--unit", help="Benefit measure: its unit (with --target).")
@click.option("--target", help="Benefit measure: its target value (with --unit).")
@click.option("--baseline", help="Benefit measure: its value before the investment.")
@click.option("--target-date", "target_date", help="Benefit measure: when the target should be reached (YYYY-MM-DD).")
@click.option("--direction", type=click.Choice(DIRECTIONS), help="Benefit measure: whether higher or lower is better.")
@click.option("--file", "file", help="The model file to put it in (default: the file that holds its section).")
@_edit_options
def add(kind: str, entity_id: str, source: ModelSource, fmt: str, dry_run: bool, **opts: Any) -> None:
    """Add an entity of KIND (aim, theme, project or benefit) with the id ID."""
    allowed = {
        "aims": ("theme", "project", "benefit"),
        "themes": ("project",),
        "projects": ("benefit",),
        "status": ("project",),
        "budget": ("project",),
        "start": ("project",),
        "end": ("project",),
        "benefit_kind": ("benefit",),
        "unit": ("benefit",),
        "target": ("benefit",),
        "baseline": ("benefit",),
        "target_date": ("benefit",),
        "direction": ("benefit",),
    }
    for name, kinds in allowed.items():
        if opts[name] and kind not in kinds:
            raise click.UsageError(f"--{name.replace('_', '-').rstrip('s')} does not apply to {kind}s")
    if bool(opts["unit"]) != bool(opts["target"]):
        raise click.UsageError("a measure needs both --unit and --target")
    if not opts["unit"] and any(opts[n] for n in ("baseline", "target_date", "direction")):
        raise click.UsageError("--baseline, --target-date and --direction need a measure: give --unit and --target")
    fields: dict[str, Any] = {
        "title": opts["title"],
        "description": opts["description"],
        "owner": opts["owner"],
        "tags": list(opts["tags"]),
        "status": opts["status"],
        "kind": opts["benefit_kind"],
        "themes": list(opts["themes"]),
        "projects": list(opts["projects"]),
        "aims": list(opts["aims"]),
    }
    if opts["budget"] is not None:
        fields["budget"] = parse_number("budget", opts["budget"])
    for name in ("start", "end"):
        if opts[name] is not None:
            fields[name] = parse_date(name, opts[name])
    if opts["unit"]:
        measure = {"unit": opts["unit"], "target": parse_number("target", opts["target"])}
        if opts["baseline"] is not None:
            measure["baseline"] = parse_number("baseline", opts["baseline"])
        if opts["target_date"] is not None:
            measure["target_date"] = parse_date("target_date", opts["target_date"])
        if opts["direction"] is not None:
            measure["direction"] = opts["direction"]
        fields["measure"] = {name: measure[name] for name in MEASURE_FIELDS if name in measure}
    _run("add", source, fmt, dry_run, lambda e: e.add(kind, entity_id, fields, opts["file"]))


@click.command(name="set")
@click.argument("entity_id", metavar="ID")
@click.argument("pairs", nargs=-1, metavar="[FIELD VALUE]...")
@click.option("--unset", "unset", multiple=True, metavar="FIELD", help="Remove a field (repeat for more).")
@click.option("--add", "adds", nargs=2, multiple=True, metavar="FIELD ITEM", help="Add ITEM to a list (tags).")
@click.option("--remove", "removes", nargs=2, multiple=True, metavar="FIELD ITEM", help="Remove ITEM from a list.")
@_edit_options
def set_(entity_id: str, pairs: tuple[str, ...], unset: tuple[str, ...], source: ModelSource, **kw: Any) -> None:
    """Set FIELD to VALUE on the entity ID, or on the model block when ID is `model` (title, as_of, currency...).

    A benefit's measure fields are measure.unit, measure.target...; a list of
    tags is typed with commas (A,B), and --add / --remove change one item
    (typed as is, commas and all). Several pairs are set together (a new
    measure needs its unit and target at once).
    """
    if len(pairs) % 2:
        raise click.UsageError(f"FIELD {pairs[-1]!r} has no VALUE")
    if not pairs and not unset and not kw["adds"] and not kw["removes"]:
        raise click.UsageError("name a FIELD and a VALUE, or --unset FIELD, --add FIELD ITEM, --remove FIELD ITEM")

    def apply(e: ModelEdit) -> None:
        for i in range(0, len(pairs), 2):
            e.set(entity_id, pairs[i], pairs[i + 1])
        for name in unset:
            e.set(entity_id, name, None)
        for mode, items in (("add", kw["adds"]), ("remove", kw["removes"])):
            for name in dict.fromkeys(n for n, _ in items):
                e.set_list(entity_id, name, [item for n, item in items if n == name], mode)

    _run("set", source, kw["fmt"], kw["dry_run"], apply)


@click.command()
@click.argument("src", metavar="SRC")
@click.argument("dst", metavar="DST")
@_edit_options
def link(src: str, dst: str, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Link SRC to DST: theme to aim, project to theme, project to aim, benefit to project, benefit to aim."""
    _run("link", source, fmt, dry_run, lambda e: e.link(src, dst))


@click.command()
@click.argument("src", metavar="SRC")
@click.argument("dst", metavar="DST")
@_edit_options
def unlink(src: str, dst: str, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Remove the link from SRC to DST."""
    _run("unlink", source, fmt, dry_run, lambda e: e.link(src, dst, remove=True))


@click.command()
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@_edit_options
def rename(old: str, new: str, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Rename the entity OLD to NEW, and every link to it in every file."""
    _run("rename", source, fmt, dry_run, lambda e: e.rename(old, new))


@click.command()
@click.argument("entity_id", metavar="ID")
@click.option("--cascade", is_flag=True, help="Also remove the links to it from other entities.")
@_edit_options
def remove(entity_id: str, cascade: bool, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Remove the entity ID; refused while others link to it, unless --cascade."""
    _run("remove", source, fmt, dry_run, lambda e: e.remove(entity_id, cascade))


@click.command()
@click.argument("entity_id", metavar="ID")
@click.argument("rule", metavar="RULE")
@click.option("--reason", required=True, help="Why the gap is accepted.")
@_edit_options
def waive(entity_id: str, rule: str, reason: str, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Waive RULE for the entity ID: its finding no longer fails a check."""
    _run("waive", source, fmt, dry_run, lambda e: e.waive(entity_id, rule, reason))


@click.command()
@click.argument("entity_id", metavar="ID")
@click.argument("rule", metavar="RULE")
@_edit_options
def unwaive(entity_id: str, rule: str, source: ModelSource, fmt: str, dry_run: bool) -> None:
    """Remove the waiver of RULE from the entity ID."""
    _run("unwaive", source, fmt, dry_run, lambda e: e.waive(entity_id, rule, None))


@click.command()
@click.argument("benefit", metavar="BENEFIT")
@click.argument("value", metavar="[VALUE]", required=False)
@click.option("--date", "date", help="When it was measured (YYYY-MM-DD); default today.")
@click.option("--source", "where", help="Where the figure comes from.")
@click.option("--note", help="A note, kept as x-note.")
@click.option("--replace", is_flag=True, help="Correct the measurement of --date (its value, source or note).")
@click.option("--remove", is_flag=True, help="Remove the measurement of --date (no VALUE).")
@_edit_options
def measure(benefit: str, value: str | None, date: str | None, where: str | None, note: str | None, **kw: Any) -> None:
    """Add a measurement VALUE to BENEFIT, keeping the list in date order; or correct or remove one."""
    how = "replace" if kw["replace"] else "remove" if kw["remove"] else "add"
    if kw["replace"] and kw["remove"]:
        raise click.UsageError("--replace and --remove do not go together")
    if how != "add" and date is None:
        raise click.UsageError(f"--{how} needs the --date of the measurement")
    if how == "remove" and (value is not None or where or note):
        raise click.UsageError("--remove takes no VALUE, --source or --note")
    if how == "add" and value is None:
        raise click.UsageError("missing VALUE: the measured figure")
    when = parse_date("date", date) if date is not None else dt.date.today()
    _run(
        "measure",
        kw["source"],
        kw["fmt"],
        kw["dry_run"],
        lambda e: e.measure(benefit, value, when, where, note, how),
    )
