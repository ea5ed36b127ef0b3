"""``export --format csv`` then ``import`` gives the model back, every measurement and waiver reason included."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from pathlib import Path

import pytest
from benchmarks.generate import generate_model
from external import system_program
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modelessence import essence

from goldenthread.model.loader import example_path, load_model
from goldenthread.model.sources.spreadsheet import read_csv_export
from goldenthread.model.sources.yamlwrite import imported_yaml
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.export import write_export
from goldenthread.traceability.render.xlsx import workbook_bytes

MODELS = Path(__file__).parent / "models"
EVERY = [
    example_path(),
    MODELS / "money.yaml",
    MODELS / "portfolio.yaml",
    MODELS / "change" / "care.yaml",
    MODELS / "commented" / "three-files",
    *sorted((MODELS / "good").iterdir()),
]


def round_trip(model: Model, tmp: Path) -> Model:
    folder = tmp / "csv"
    write_export(Analysis(model).graph, "csv", folder, rules=model.rules)
    out = tmp / "back.yaml"
    out.write_text(imported_yaml(read_csv_export(folder), "csv")["goldenthread.yaml"], encoding="utf-8")
    return load_model(out)


@pytest.mark.parametrize("path", EVERY, ids=lambda p: p.name)
def test_round_trip_gives_the_model_back(path, tmp_path):
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(n=st.integers(4, 60), seed=st.integers(0, 10_000))
def test_round_trip_on_generated_models(n, seed, tmp_path):
    path = tmp_path / f"g{n}-{seed}.yaml"
    path.write_text(generate_model(n, seed))
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    reason=_TEXT.filter(str.strip),
    source=_TEXT,
    values=st.lists(st.integers(-(10**11), 10**11).map(lambda i: i / 100), min_size=1, max_size=4, unique=True),
)
def test_round_trip_keeps_any_reason_source_and_value(reason, source, values, tmp_path):
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    measured = ", ".join(f"{{date: 2024-0{i + 1}-01, value: {v!r}, source: {q(source)}}}" for i, v in enumerate(values))
    waive = f"{{aim-without-investment: {q(reason)}, aim-without-evidence: {q(reason)}}}"
    text = (
        "model: {title: T, as_of: 2025-01-01}\n"
        f"aims:\n  a1: {{title: A, waive: {waive}}}\n"
        f"benefits:\n  b1: {{title: B, aims: [a1], measure: {{unit: u, target: 1}}, measurements: [{measured}]}}\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


def test_the_money_model_stays_behind_after_the_round_trip(invoke, tmp_path):
    assert invoke("export", str(MODELS / "money.yaml"), "--format", "csv", "-o", "out").exit_code == 0
    assert (tmp_path / "out" / "measurements.csv").read_text("utf-8") == (
        "\ufeffbenefit,date,value,source,after as of\n"
        "savings,2024-09-30,200000,Ledger,\n"
        "savings,2025-06-30,450000,Forecast,yes\n"  # after the model's 2025-03-31: ignored, and said so
        "waits,2024-06-30,27,,\n"
        "complaints,2025-01-31,62,,\n"
    )
    assert invoke("import", "out", "-o", "back.yaml").exit_code == 0
    before = invoke("benefits", str(MODELS / "money.yaml"), "--format", "csv").stdout
    assert invoke("benefits", "back.yaml", "--format", "csv").stdout == before
    # Before measurements.csv, savings came back with its 2025 forecast alone and read "unmeasured" (#16).
    assert before.splitlines()[1].startswith("savings,Cashable savings,cashable,GBP,increase,0,500000,2026-03-31,")
    assert ",0.4,0.6666666666666666,behind," in before.splitlines()[1]


def test_waivers_keep_their_reasons_in_nodes_csv(invoke, tmp_path):
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "out").exit_code == 0
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO((tmp_path / "out" / "nodes.csv").read_text("utf-8-sig")))}
    assert rows["pilot"]["waivers"] == "project-without-benefit: A pilot; its results fed the platform."
    # For people who read nodes.csv alone, the latest measurement stays beside the count.
    assert (rows["online-payments"]["measurements"], rows["online-payments"]["latest_date"]) == ("2", "2005-06-30")
    assert invoke("import", "out", "-o", "back.yaml").exit_code == 0
    back = load_model(tmp_path / "back.yaml")
    assert back.projects["pilot"].waive == {"project-without-benefit": "A pilot; its results fed the platform."}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("savings,2024-13-01,1,", "out/measurements.csv:B3: bad date '2024-13-01' in 'date': write it YYYY-MM-DD"),
        ("savings,2024-10-01,lots,", "out/measurements.csv:C3: bad number 'lots' in 'value'"),
        ("saving,2024-10-01,1,", "out/measurements.csv:A3: unknown benefit 'saving'; did you mean 'savings'?"),
        ("savings,,1,", "out/measurements.csv:B3: missing date"),
    ],
)
def test_a_bad_measurement_is_named_at_its_cell_and_nothing_is_written(row, message, invoke, tmp_path):
    assert invoke("export", str(MODELS / "money.yaml"), "--format", "csv", "-o", "out").exit_code == 0
    path = tmp_path / "out" / "measurements.csv"
    lines = path.read_text("utf-8").splitlines()
    path.write_text("\n".join([*lines[:2], row, *lines[3:]]) + "\n", encoding="utf-8")
    result = invoke("import", "out", "-o", "back.yaml")
    assert (result.exit_code, result.stderr) == (2, message + "\n")
    assert not (tmp_path / "back.yaml").exists()


def test_an_export_without_measurements_csv_is_read_as_v0_2_wrote_it(invoke, tmp_path):
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "out").exit_code == 0
    (tmp_path / "out" / "measurements.csv").unlink()
    nodes = tmp_path / "out" / "nodes.csv"
    rows = list(csv.reader(io.StringIO(nodes.read_text("utf-8-sig"), newline="")))
    column = rows[0].index("waivers")
    rows[0][column] = "waived_rules"
    for r in rows[1:]:
        r[column] = "; ".join(line.partition(":")[0] for line in r[column].splitlines())
    nodes.write_text("\ufeff" + "".join(",".join(f'"{c}"' for c in r) + "\n" for r in rows), encoding="utf-8")
    assert invoke("import", "out", "-o", "back.yaml").exit_code == 0
    back = load_model(tmp_path / "back.yaml")
    assert back.projects["pilot"].waive == {"project-without-benefit": "reason not recorded in the CSV export"}
    assert [(m.date.isoformat(), m.value) for m in back.benefits["online-payments"].measurements] == [
        ("2005-06-30", 22)
    ]


def _cells(text: str) -> list[list[str]]:
    def same(cell: str) -> str:
        try:
            return repr(float(cell))  # LibreOffice writes 10.0 as 10
        except ValueError:
            return cell

    return [[same(c) for c in row] for row in csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))]


def test_libreoffice_reads_each_csv_as_written(tmp_path):
    soffice = system_program("soffice", "apt-get install -y libreoffice-calc-nogui")
    model = load_model(MODELS / "money.yaml")
    written = write_export(Analysis(model).graph, "csv", tmp_path / "csv", rules=model.rules)
    assert sorted(p.name for p in written) == ["edges.csv", "measurements.csv", "model.csv", "nodes.csv"]
    # In: comma, double quote, UTF-8 (76), from line 1, quoted fields as text, no date detection; out: the same.
    options = "44,34,76,1,,0,true,false"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            f"--infilter=CSV:{options}",
            "--convert-to",
            f"csv:Text - txt - csv (StarCalc):{options}",
            "--outdir",
            str(tmp_path / "calc"),
            *map(str, written),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for path in written:
        shown = (tmp_path / "calc" / path.name).read_text("utf-8")
        assert _cells(shown) == _cells(path.read_text("utf-8")), path.name


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("path", [MODELS / "money.yaml", MODELS / "good" / "complete.yaml"], ids=lambda p: p.name)
def test_an_unedited_export_merges_as_no_change(fmt, path, invoke, tmp_path):
    model = tmp_path / path.name
    model.write_bytes(path.read_bytes())
    out = "out" if fmt == "csv" else "out.xlsx"
    assert invoke("export", str(model), "--format", fmt, "-o", out).exit_code == 0
    # A dis-benefit's measure (money.yaml) states no direction: its default, decrease, is no change.
    result = invoke("import", out, "--merge", "-m", str(model), "--allow-remove")
    assert (result.exit_code, result.stdout) == (0, f"{model} already says what {out} says: nothing to change\n")


def test_a_csv_edit_merges_every_measurement(invoke, tmp_path):
    model = tmp_path / "money.yaml"
    model.write_bytes((MODELS / "money.yaml").read_bytes())
    assert invoke("export", str(model), "--format", "csv", "-o", "out").exit_code == 0
    measured = tmp_path / "out" / "measurements.csv"
    lines = measured.read_text("utf-8").splitlines()
    # The 2024 ledger figure corrected, the 2025 forecast dropped, a new reading of waits added.
    lines[1] = "savings,2024-09-30,210000,Ledger"
    del lines[2]
    measured.write_text("\n".join([*lines, "waits,2025-03-01,25,Survey"]) + "\n", encoding="utf-8")
    result = invoke("import", "out", "--merge", "-m", str(model), "--allow-remove")
    assert result.exit_code == 0, result.stderr
    back = load_model(model)
    assert [(m.date.isoformat(), m.value, m.source) for m in back.benefits["savings"].measurements] == [
        ("2024-09-30", 210000, "Ledger")
    ]
    assert [(m.date.isoformat(), m.value, m.source) for m in back.benefits["waits"].measurements][-1] == (
        "2025-03-01",
        25,
        "Survey",
    )


def test_a_waiver_reason_edited_in_nodes_csv_merges(invoke, tmp_path):
    model = tmp_path / "complete.yaml"
    model.write_bytes((MODELS / "good" / "complete.yaml").read_bytes())
    assert invoke("export", str(model), "--format", "csv", "-o", "out").exit_code == 0
    nodes = tmp_path / "out" / "nodes.csv"
    text = nodes.read_text("utf-8")
    nodes.write_text(text.replace("A pilot; its results fed the platform.", "Closed in 2005."), encoding="utf-8")
    assert invoke("import", "out", "--merge", "-m", str(model)).exit_code == 0
    assert load_model(model).projects["pilot"].waive == {"project-without-benefit": "Closed in 2005."}


def test_the_workbook_marks_a_measurement_after_as_of_too():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(workbook_bytes(Analysis(load_model(MODELS / "money.yaml")))))
    rows = list(book["Measurements"].iter_rows(values_only=True))
    assert rows[0] == ("benefit", "date", "value", "source", "after as of")
    assert [(r[0], r[4]) for r in rows[1:]] == [
        ("savings", None),
        ("savings", "yes"),
        ("waits", None),
        ("complaints", None),
    ]
