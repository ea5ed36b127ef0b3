"""The outside contract every command keeps: how it takes its model, its formats, its width, its help."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from goldenthread.cli.main import cli

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")

#: Every command that reads a model, with the arguments it needs besides the model.
READERS: dict[str, list[str]] = {
    "check": [],
    "gaps": [],
    "benefits": [],
    "summary": [],
    "matrix": [],
    "export": [],
    "render": ["-o", "out.html"],
    "report": ["-o", "out.html"],
    "trace": ["p1"],
    "impact": ["p1"],
}
#: Every command whose output is a table, and the formats each must offer.
TABLES = ("gaps", "benefits", "summary", "matrix")


def _no_model_message(where: Path) -> str:
    return (
        f"goldenthread: error: no model found: looked for $GOLDENTHREAD_MODEL, goldenthread.yaml and model/ in "
        f"{where}; name one, or use --example\n"
    )


class TestTheModel:
    @pytest.mark.parametrize("command", READERS)
    def test_none_found_is_exit_2_with_the_message_and_nothing_written(self, invoke, tmp_path, command):
        result = invoke(command, *READERS[command])
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", _no_model_message(tmp_path))
        assert list(tmp_path.iterdir()) == []

    # render and report print no model path: their own tests check the page they write.
    @pytest.mark.parametrize("command", [c for c in READERS if c not in ("render", "report")])
    def test_positional_and_option_and_environment_read_the_same_model(self, invoke, monkeypatch, command):
        args = READERS[command]
        by_option = invoke(command, *args, "-m", MODEL)
        assert by_option.exit_code in (0, 1), by_option.stderr
        by_argument = invoke(command, *args, MODEL)
        monkeypatch.setenv("GOLDENTHREAD_MODEL", MODEL)
        by_environment = invoke(command, *args)
        assert by_argument.stdout == by_option.stdout == by_environment.stdout

    # impact is left out: with -m every argument is an ID (TestImpactArguments).
    @pytest.mark.parametrize("command", [c for c in READERS if c != "impact"])
    def test_named_twice_is_a_usage_error(self, invoke, command):
        result = invoke(command, *READERS[command], MODEL, "-m", MODEL)
        assert result.exit_code == 2
        assert (
            result.stderr.splitlines()[-1]
            == f"Error: the model is named twice ({MODEL!r} and -m {MODEL!r}): name it once"
        )

    @pytest.mark.parametrize("command", READERS)
    def test_example_and_a_model_is_a_usage_error(self, invoke, command):
        result = invoke(command, *READERS[command], "-m", MODEL, "--example")
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == "Error: give a MODEL or --example, not both"

    @pytest.mark.parametrize("command", ["check", "gaps", "summary", "matrix", "export"])
    def test_a_stray_argument_says_how_the_command_takes_its_model(self, invoke, command):
        result = invoke(command, MODEL, "extra")
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            f"Error: unexpected extra argument (extra): {command} takes one model: "
            "[MODEL], -m/--model PATH or --example"
        )

    def test_a_stray_argument_to_trace(self, invoke):
        result = invoke("trace", "p1", MODEL, "x", "y")
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1] == (
            "Error: unexpected extra arguments (x y): trace takes ID and one model: "
            "[MODEL], -m/--model PATH or --example"
        )

    def test_a_missing_model_is_one_positioned_line(self, invoke):
        result = invoke("gaps", "gone.yaml")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == "gone.yaml:1:1: error[schema] no such file or folder\n"


class TestImpactArguments:
    def test_the_last_argument_is_the_model_when_it_exists(self, invoke):
        doc = json.loads(invoke("impact", "p1", "t2", MODEL, "--format", "json").stdout)
        assert [i["entity"] for i in doc["impacts"]] == ["p1", "t2"]
        assert doc["model"]["files"] == ["portfolio.yaml"]

    def test_with_m_every_argument_is_an_id(self, invoke):
        result = invoke("impact", "p1", MODEL, "-m", MODEL)
        assert result.exit_code == 2
        assert result.stderr.startswith(f"goldenthread: error: no entity has the id {MODEL!r}")

    def test_a_lone_argument_is_an_id(self, invoke, tmp_path):
        Path("p1").write_text("not a model", encoding="utf-8")
        result = invoke("impact", "p1")
        assert (result.exit_code, result.stderr) == (2, _no_model_message(tmp_path))

    def test_the_rule_is_in_the_help(self, invoke):
        text = " ".join(invoke("impact", "--help").stdout.split())
        assert "Usage: cli impact [OPTIONS] [ID]... [MODEL]" in text
        assert "the last is the model when it names an existing file or folder" in text


class TestFormats:
    @pytest.mark.parametrize("command", TABLES)
    def test_every_table_offers_text_markdown_csv_json(self, command):
        fmt = next(p for p in cli.commands[command].params if p.name == "fmt")
        assert set(fmt.type.choices) == {"text", "markdown", "csv", "json"}

    def test_matrix_json(self, invoke):
        doc = json.loads(invoke("matrix", MODEL, "--format", "json").stdout)
        assert list(doc) == ["goldenthread", "model", "value", "kinds", "cols", "rows"]
        assert doc["goldenthread"] == {"version": "0.1.0", "command": "matrix"}
        assert {k: doc[k] for k in ("value", "kinds", "cols", "rows")} == {
            "value": "count",
            "kinds": {"rows": "aim", "cols": "theme"},
            "cols": [
                {"id": "t1", "title": "Digital services"},
                {"id": "t2", "title": "Shared data"},
                {"id": "t3", "title": "Street sensors"},
            ],
            "rows": [
                {"id": "a1", "title": "Healthy residents", "cells": {"t1": 1}},
                {"id": "a2", "title": "Thriving economy", "cells": {"t1": 1, "t2": 2}},
                {"id": "a3", "title": "Clean streets", "cells": {"t3": 0}},
                {"id": "a4", "title": "Orphan aim", "cells": {}},
            ],
        }

    def test_matrix_budget_json_holds_the_money(self, invoke):
        doc = json.loads(invoke("matrix", MODEL, "--cols", "projects", "--value", "budget", "--format", "json").stdout)
        assert doc["kinds"] == {"rows": "aim", "cols": "project"}
        assert doc["rows"][0]["cells"] == {"p1": 450.0, "p4": None}  # p4 states no budget: null, never 0

    def test_benefits_csv_cells_are_never_formulas(self, invoke, write_model):
        path = write_model("benefits:\n  b1: {title: '=HYPERLINK(\"http://x\")'}\n")
        lines = invoke("benefits", str(path), "--format", "csv").stdout.splitlines()
        assert lines[1] == 'b1,"\'=HYPERLINK(""http://x"")",,,,,,,,,,,unquantified,,false,false,0,false'


class TestWidth:
    def test_titles_whole_when_there_is_room(self, invoke, monkeypatch):
        monkeypatch.setenv("COLUMNS", "200")
        assert "a1   Healthy residents         2" in invoke("gaps", MODEL).stdout

    def test_a_narrow_terminal_cuts_the_titles_to_fit(self, invoke, monkeypatch):
        monkeypatch.setenv("COLUMNS", "90")
        lines = invoke("gaps", MODEL).stdout.splitlines()
        assert lines[2:5] == [
            "aim  title             projects  investment (EUR)  share  themes  evidence  status",
            "---  ----------------  --------  ----------------  -----  ------  --------  ----------------------",
            "a1   Healthy residen…         2               450  37.5%       1       1/2  covered",
        ]

    def test_into_a_pipe_nothing_is_cut(self, invoke, monkeypatch):
        monkeypatch.delenv("COLUMNS", raising=False)
        assert "Healthy residents" in invoke("gaps", MODEL).stdout


class TestHelp:
    def test_every_short_help_is_shown_whole(self, invoke):
        text = " ".join(invoke("--help").stdout.split())
        for name, command in cli.commands.items():
            assert command.short_help, name
            assert f"{name} {' '.join(command.short_help.split())}" in text

    @pytest.mark.parametrize("command", READERS)
    def test_every_reader_documents_the_three_ways(self, invoke, command):
        text = invoke(command, "--help").stdout
        assert "-m, --model PATH" in text and "--example" in text


def test_exit_codes_are_decided_in_one_place():
    root = Path(__file__).parent.parent
    places, literal = [], []
    # An exit with a number written out, anywhere (model/edit/atomic.py re-raises a signal's own code).
    written = re.compile(r"(?:sys\.exit|\bexit|Exit|SystemExit)\(\s*\d+\s*\)")
    for folder in ("cli", "traceability", "model"):
        for path in (root / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if "class Outcome(" in text:
                places.append(path.relative_to(root).as_posix())
            literal += [f"{path.name}: {m.group()}" for m in written.finditer(text)]
    assert places == ["cli/exits.py"]
    assert literal == []


def test_every_outcome_has_its_meaning_and_the_codes_are_0_1_2():
    from goldenthread.cli.exits import MEANINGS, Outcome

    assert list(MEANINGS) == list(Outcome)
    assert [int(o) for o in Outcome] == [0, 1, 2]


class TestHostileText:
    HOSTILE = 'aims:\n  a1: {title: "Evil\\u2028line \\u202eright-to-left"}\n'

    @pytest.mark.parametrize("command", ["gaps", "matrix", "summary", "trace"])
    def test_a_title_never_breaks_a_line_or_reorders_it(self, invoke, write_model, command):
        path = write_model(self.HOSTILE)
        args = ["a1"] if command == "trace" else []
        text = invoke(command, *args, str(path)).stdout
        assert "\u2028" not in text and "\u202e" not in text
        if command in ("gaps", "trace"):
            assert "Evil\\u2028line \\u202eright-to-left" in text


class TestTerminalWidth:
    class Tty:
        def isatty(self) -> bool:
            return True

    def test_columns_wins(self, monkeypatch):
        from goldenthread.cli.options import terminal_width

        monkeypatch.setenv("COLUMNS", "77")
        assert terminal_width(self.Tty()) == 77

    def test_a_terminal_gives_its_width(self, monkeypatch):
        from goldenthread.cli.options import terminal_width

        monkeypatch.delenv("COLUMNS", raising=False)
        monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((132, 50)))
        assert terminal_width(self.Tty()) == 132

    def test_a_pipe_has_no_limit(self, monkeypatch):
        from goldenthread.cli.options import terminal_width

        monkeypatch.delenv("COLUMNS", raising=False)
        assert terminal_width(object()) is None
