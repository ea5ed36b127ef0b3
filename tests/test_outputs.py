"""The output contract (``traceability/render/outputs.py``): every command's typed result and formats, stated once."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

import click
import pytest

from goldenthread.cli.main import COMMANDS, cli
from goldenthread.traceability.render import export, jsonschemas
from goldenthread.traceability.render.outputs import OUTPUTS, json_commands


def _format_option(name: str) -> click.Option | None:
    return next((p for p in cli.commands[name].params if isinstance(p, click.Option) and p.name == "fmt"), None)


def test_every_command_is_in_the_contract_once():
    assert sorted(OUTPUTS) == sorted(COMMANDS)


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_format_choices_and_default_are_the_contracts(name):
    option, output = _format_option(name), OUTPUTS[name]
    if not output.formats:
        assert option is None and output.writes
        return
    assert option is not None and isinstance(option.type, click.Choice)
    assert (tuple(option.type.choices), option.default) == (output.formats, output.formats[0])
    assert output.writes is None


@pytest.mark.parametrize("name", sorted(n for n, o in OUTPUTS.items() if o.result is not None))
def test_every_result_is_a_typed_class(name):
    module, _, attribute = OUTPUTS[name].result.partition(":")
    result = getattr(importlib.import_module(f"goldenthread.{module}"), attribute)
    assert isinstance(result, type)
    # Analysis, export's, holds the model and computes its parts lazily, once each: the others are data classes,
    # and an analysis's results frozen (import's is the spreadsheet's values, filled in as its sheets are read).
    if name != "export":
        assert dataclasses.is_dataclass(result)
        assert result.__dataclass_params__.frozen or module.startswith("model.")


def test_the_commands_without_a_result_write_fixed_documents():
    assert {n: o.writes for n, o in OUTPUTS.items() if o.result is None} == {
        "schema": "a JSON Schema",
        "init": "YAML model files",
    }


def test_every_json_command_has_a_schema_and_nothing_else_has():
    assert json_commands() == jsonschemas.OUTPUT_COMMANDS
    for name in json_commands():
        schema = jsonschemas.output_schema(name)
        assert schema["title"] == f"goldenthread {name} --format json"
    with pytest.raises(KeyError):
        jsonschemas.output_schema("report")


def test_export_writes_the_graph_formats_and_three_of_files():
    assert OUTPUTS["export"].formats == (*export.FORMATS, "xlsx", "archimate", "archi-csv")


def test_the_envelope_and_every_printed_json_document_are_written_in_one_module():
    root = Path(__file__).parent.parent
    opening, printing = [], []
    for folder in ("cli", "traceability"):
        for path in sorted((root / folder).rglob("*.py")):
            text, name = path.read_text(encoding="utf-8"), path.relative_to(root).as_posix()
            # The schemas describe the envelope; they do not write one.
            if '{"goldenthread": ' in text and not name.endswith(("jsonschemas.py", "jsondescriptions.py")):
                opening.append(name)
            # The HTML pages embed their data through Jinja2's tojson, set up in html/page.py.
            if "json.dumps(" in text and not name.endswith("html/page.py"):
                printing.append(name)
    assert opening == printing == ["traceability/render/envelope.py"]
