"""``goldenthread history``: the golden thread over the commits that touched the model."""

from __future__ import annotations

import os
from importlib.metadata import version

import click

from goldenthread.cli.options import ModelSource, format_option, model_options, with_progress, write_page
from goldenthread.model.errors import GoldenthreadError
from goldenthread.model.sources.git import Repository
from goldenthread.traceability.history import history
from goldenthread.traceability.render.envelope import model_block
from goldenthread.traceability.render.history import HISTORY_FORMATS, render_history, render_history_page
from goldenthread.traceability.tags import commit_tags

__all__ = ["history_command"]


@click.command("history")
@model_options
@click.option("--rev-range", metavar="A..B", help="The commits to walk, as git log takes them (default: HEAD).")
@click.option("--max-count", type=click.IntRange(min=1), metavar="N", help="At most N commits, newest first.")
@format_option(HISTORY_FORMATS, "text: a table; csv: one row per commit; json: one document.")
@click.option(
    "--html",
    "html_file",
    metavar="FILE",
    type=click.Path(dir_okay=False, writable=True),
    help="Also write a self-contained page to FILE: the shares of the aims and the investment "
    "over time, by date, with the tags marked.",
)
def history_command(
    source: ModelSource, rev_range: str | None, max_count: int | None, fmt: str, html_file: str | None
) -> None:
    """Walk the commits that touched MODEL (newest first) and print, per commit: date, short hash,
    subject, aims with investment, aims with evidence, total investment and findings by severity.

    Each commit's model is read from git's objects (no checkout). A commit
    whose model does not load keeps its row, saying why. Always exits 0 when
    the repository and range can be read (it is a report), 2 otherwise.
    """
    if source.path is None:
        raise click.UsageError("history reads the model's commits: name a model in a git repository, not --example")
    if not os.path.exists(source.path):
        # A mistyped path has no commits either: without this, CI would pass on "no commit touched the model".
        raise GoldenthreadError(
            f"no file or folder {os.fspath(source.path)!r}: history follows a model that exists now"
        )
    with Repository() as repo:
        path = repo.worktree_path(source.path)
        found = history(repo, path, rev_range, max_count, with_progress("Reading the commits"))
    rows, newest = found.rows, found.model
    currency = newest.info.currency if newest is not None else "GBP"
    block = model_block(newest, found.root)
    if html_file is not None:
        title = f"History of {newest.info.title}" if newest is not None and newest.info.title else "Model history"
        tags = commit_tags()
        write_page(html_file, render_history_page(rows, title, currency, path, version("goldenthread"), tags))
    click.echo(render_history(rows, fmt, currency, block, path), nl=False)
