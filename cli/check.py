"""``goldenthread check``: the CI gate."""

from __future__ import annotations

import os
from dataclasses import replace

import click

from goldenthread.cli.exits import exit_for_check, finish
from goldenthread.cli.options import ModelSource, format_option, model_options, use_colour
from goldenthread.traceability.check import check_model
from goldenthread.traceability.render.check import FORMATS, render_check


@click.command()
@model_options
@format_option(
    FORMATS,
    "text: one line a finding; json: one object; github: Actions workflow commands; "
    "sarif: SARIF 2.1.0 for code scanning; junit: JUnit XML, a test suite per rule.",
)
@click.option(
    "--baseline",
    metavar="OLD",
    help="A model (a path or REV:PATH) whose findings are known: the same rule on the same entity "
    "is reported as baseline and does not fail.",
)
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings as well as errors.")
def check(source: ModelSource, fmt: str, strict: bool, baseline: str | None) -> None:
    """Check MODEL (a YAML file or a folder of them) against the format and the rules.

    Without MODEL, -m or --example: $GOLDENTHREAD_MODEL, then goldenthread.yaml
    or model/ in the working directory. Exit 0 when nothing fails, 1 on an
    unwaived error (or warning, with --strict), 2 when the model cannot be
    read. A model that does not follow the format is reported in every
    format, its problems as findings.
    """
    known = None
    if baseline is None:
        result = check_model(source.path)
    else:
        from goldenthread.traceability.sides import baseline_and  # processes and git: only for --baseline

        # The baseline is loaded beside the check (in a second process when there are two cores).
        known, result = baseline_and(baseline, lambda: check_model(source.path))
    colour = fmt == "text" and use_colour()
    # CI annotates files by their path from the repository's top, wherever the check runs.
    repository = _repository_root(fmt == "sarif") if fmt in ("sarif", "github", "junit") else None
    text = render_check(
        result, fmt, root=source.root, colour=colour, baseline=known, repository=repository, strict=strict
    )
    click.echo(text, nl=False, color=colour)
    if known is not None:
        result = replace(result, findings=known.new(result.findings))
    finish(exit_for_check(result, strict))


def _repository_root(or_here: bool) -> str | None:
    """The git repository's top; outside one, the working directory if ``or_here`` (SARIF's URIs need a base)."""
    from goldenthread.model.sources.git import GitSourceError, Repository

    try:
        with Repository() as repo:
            return repo.top
    except GitSourceError:
        return os.getcwd() if or_here else None
