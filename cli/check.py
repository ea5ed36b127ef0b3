"""``goldenthread check``: the CI gate."""

from __future__ import annotations

import click

from goldenthread.cli.options import example_option, resolve_source, use_colour
from goldenthread.traceability.check import check_model
from goldenthread.traceability.render.check import FORMATS, render_check


@click.command()
@click.argument("model", required=False, type=click.Path(dir_okay=True, file_okay=True))
@example_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: one line a finding; json: one object; github: Actions workflow commands.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
@click.pass_context
def check(ctx: click.Context, model: str | None, example: bool, fmt: str, strict: bool) -> None:
    """Check MODEL (a YAML file or a folder of them) against the format and the rules.

    Without MODEL: $GOLDENTHREAD_MODEL, then goldenthread.yaml or model/ in the
    working directory. Exit 0 when nothing fails, 1 on an unwaived error (or
    warning, with --strict), 2 when the model cannot be loaded.
    """
    source = resolve_source(model, example, fallback=False)
    result = check_model(source)
    click.echo(render_check(result, fmt, colour=fmt == "text" and use_colour()), nl=False)
    ctx.exit(result.exit_code(strict))
