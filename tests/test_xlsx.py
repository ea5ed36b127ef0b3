"""``export --format xlsx`` and ``import``: the round trip gives the model back; problems name their cell."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from benchmarks.generate import generate_model
from external import system_program
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from modelessence import essence

from goldenthread.model.loader import example_path, load_model
from goldenthread.model.sources.spreadsheet import SpreadsheetError, read_workbook
from goldenthread.model.sources.yamlwrite import imported_yaml
from goldenthread.model.types import Model
from goldenthread.traceability.context import Analysis
from goldenthread.traceability.render.xlsx import workbook_bytes

MODELS = Path(__file__).parent / "models"
GOOD = [example_path(), MODELS / "portfolio.yaml", *sorted((MODELS / "good").iterdir())]


def round_trip(model: Model, tmp: Path) -> Model:
    book = tmp / "model.xlsx"
    book.write_bytes(workbook_bytes(Analysis(model)))
    out = tmp / "back.yaml"
    out.write_text(imported_yaml(read_workbook(book), "model.xlsx")["goldenthread.yaml"])
    return load_model(out)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.name)
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


def test_workbook_is_the_same_bytes_for_the_same_model():
    model = load_model(example_path())
    assert workbook_bytes(Analysis(model)) == workbook_bytes(Analysis(model))


def test_text_is_never_a_formula(tmp_path):
    model = tmp_path / "m.yaml"
    model.write_text(
        "aims:\n  a1:\n    title: '=HYPERLINK(\"http://x\")'\n    owner: '+1'\n    description: '@SUM(A1)'\n"
    )
    book = tmp_path / "m.xlsx"
    book.write_bytes(workbook_bytes(Analysis(load_model(model))))
    ws = openpyxl.load_workbook(book)["Aims"]
    assert [(c.value, c.data_type) for c in ws[2][1:4]] == [
        ('=HYPERLINK("http://x")', "s"),
        ("@SUM(A1)", "s"),
        ("+1", "s"),
    ]


def test_sheets_headers_and_formats(tmp_path):
    book = tmp_path / "c.xlsx"
    book.write_bytes(workbook_bytes(Analysis(load_model(MODELS / "good" / "complete.yaml"))))
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == [
        "Aims",
        "Themes",
        "Projects",
        "Benefits",
        "Measurements",
        "Links",
        "Findings",
        "About",
        "Lists",
    ]
    projects = wb["Projects"]
    assert projects.freeze_panes == "A2"
    assert projects.auto_filter.ref == "A1:O4"
    assert projects["H2"].value == 1200000.5 and projects["H2"].number_format == '"£"#,##0.00'
    assert projects["I2"].value == dt.datetime(2005, 4, 1) and projects["I2"].number_format == "yyyy-mm-dd"
    assert wb["Aims"]["H2"].number_format == "0.0%"


def _workbook_with(tmp_path: Path, edit) -> Path:
    book = tmp_path / "in.xlsx"
    book.write_bytes(workbook_bytes(Analysis(load_model(MODELS / "good" / "complete.yaml"))))
    wb = openpyxl.load_workbook(book)
    edit(wb)
    wb.save(book)
    return book


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (lambda wb: wb["Aims"].cell(2, 1, "bad id!"), "Aims!A2: bad id 'bad id!'"),
        (lambda wb: wb["Projects"].cell(2, 8, "lots"), "Projects!H2: bad number 'lots' in 'budget'"),
        (lambda wb: wb["Projects"].cell(2, 9, "someday"), "Projects!I2: bad date 'someday' in 'start'"),
        (lambda wb: wb["Themes"].cell(2, 1, "aim-1"), "Themes!A2: duplicate id 'aim-1' (first at Aims!A2)"),
        (lambda wb: wb["Links"].cell(2, 2, "aim-2"), "Links!B2: unknown entity 'aim-2'; did you mean 'aim-1'?"),
        (lambda wb: wb["Projects"].cell(1, 2, "name"), "Projects!A1: missing required column 'title'"),
    ],
)
def test_problems_name_the_cell_and_nothing_is_written(edit, problem, tmp_path, invoke):
    book = _workbook_with(tmp_path, edit)
    with pytest.raises(SpreadsheetError) as e:
        read_workbook(book, "in.xlsx")
    assert any(p.startswith(f"in.xlsx:{problem}") for p in e.value.problems), e.value.problems
    result = invoke("import", str(book), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 2
    assert not (tmp_path / "out.yaml").exists()


def test_formulas_are_read_as_cached_values(tmp_path):
    # openpyxl writes no cached value: a formula cell reads as empty, never evaluated.
    book = _workbook_with(tmp_path, lambda wb: wb["Aims"].cell(2, 4, "=1+1"))
    assert read_workbook(book).sections["aim"]["aim-1"]["owner"] is None


def test_import_refuses_to_overwrite_without_force(tmp_path, invoke):
    book = _workbook_with(tmp_path, lambda wb: None)
    out = tmp_path / "out.yaml"
    out.write_text("keep")
    assert invoke("import", str(book), "-o", str(out)).exit_code == 2
    assert out.read_text() == "keep"
    assert invoke("import", str(book), "-o", str(out), "--force").exit_code == 0
    assert "# from Aims!A2\n  aim-1:" in out.read_text()


def test_import_split(tmp_path, invoke):
    book = _workbook_with(tmp_path, lambda wb: None)
    assert invoke("import", str(book), "-o", str(tmp_path / "m"), "--split").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "m").iterdir()) == [
        "aims.yaml",
        "benefits.yaml",
        "projects.yaml",
        "themes.yaml",
    ]
    assert essence(load_model(tmp_path / "m")) == essence(load_model(MODELS / "good" / "complete.yaml"))


def test_import_of_the_csv_export(tmp_path, invoke):
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "csv").exit_code == 0
    assert invoke("import", "csv", "-o", "back.yaml").exit_code == 0
    back = load_model(tmp_path / "back.yaml")
    original = load_model(MODELS / "good" / "complete.yaml")
    assert list(back.projects) == list(original.projects)
    assert back.projects["portal"].themes == ("web",)
    assert back.benefits["online-payments"].projects == ("portal",)
    assert back.projects["pilot"].waive == {"project-without-benefit": "A pilot; its results fed the platform."}
    # model.csv: the model block and the rule settings come back too (not GBP and today)
    assert back.info == original.info
    assert back.rules == original.rules


def test_tags_holding_a_semicolon_survive_the_round_trips(tmp_path, invoke, write_model):
    write_model(
        """
        model: {title: T, as_of: 2025-01-01, currency: EUR}
        rules: {benefit-unmeasured: off}
        aims:
          a1: {title: A, tags: ["x;y", '"q"', plain, "a; b"]}
        """
    )
    assert invoke("export", "model.yaml", "--format", "xlsx", "-o", "m.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "m.xlsx")
    assert wb["Aims"]["E2"].value == '"x;y"; """q"""; plain; "a; b"'
    assert invoke("export", "model.yaml", "--format", "csv", "-o", "csv").exit_code == 0
    for source in ("m.xlsx", "csv"):
        assert invoke("import", source, "-o", f"{source}.yaml").exit_code == 0
        back = load_model(tmp_path / f"{source}.yaml")
        assert back.aims["a1"].tags == ("x;y", '"q"', "plain", "a; b")
        assert (back.info.currency, back.rules) == ("EUR", {"benefit-unmeasured": "off"})


def test_libreoffice_reads_every_sheet(tmp_path):
    soffice = system_program("soffice", "apt-get install -y libreoffice-calc-nogui")
    import subprocess

    model = load_model(MODELS / "good" / "complete.yaml")
    book = tmp_path / "m.xlsx"
    book.write_bytes(workbook_bytes(Analysis(model)))
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheets = {p.stem.removeprefix("m-"): p for p in tmp_path.glob("m-*.csv")}
    assert sorted(sheets) == sorted(
        ["Aims", "Themes", "Projects", "Benefits", "Measurements", "Links", "Findings", "About", "Lists"]
    )
    projects = list(csv.reader(sheets["Projects"].open(encoding="utf-8")))
    assert [row[0] for row in projects[1:]] == list(model.projects)
    assert projects[1][1] == "Transactional platform"
    links = list(csv.reader(sheets["Links"].open(encoding="utf-8")))
    assert ["web", "aim-1", "supports"] in links
    measurements = list(csv.reader(sheets["Measurements"].open(encoding="utf-8")))
    assert measurements[1][:1] == ["online-payments"] and len(measurements) == 4


def test_the_layout_in_the_docs_is_the_layout():
    from goldenthread.model.sources.sheetlayout import ENTITY_SHEETS, FINDINGS, LINKS, MEASUREMENTS

    doc = (Path(__file__).parent.parent / "docs" / "authoring.md").read_text(encoding="utf-8")
    for name, columns in [*ENTITY_SHEETS.values(), MEASUREMENTS, LINKS, FINDINGS]:
        table = [f"### {name}\n\n| column | use | meaning |\n|---|---|---|"]
        for c in columns:
            use = ("input (required)" if c.required else "input") if c.input else "computed"
            table.append(f"| `{c.header}` | {use} | {c.meaning} |")
        assert "\n".join(table) + "\n" in doc, name


_CELL_VALUES = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30),  # what a worksheet can hold
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(dt.date(1900, 3, 1), dt.date(2100, 1, 1)),
    st.sampled_from(["aim-1", "web", "portal", "online-payments", "=1+1", "active", "decrease", "2005-13-01"]),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(["Aims", "Themes", "Projects", "Benefits", "Measurements", "Links", "About"]),
            st.integers(1, 5),
            st.integers(1, 14),
            _CELL_VALUES,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_any_cell_edit_imports_or_names_its_problems(changes, tmp_path, invoke):
    def edit(wb):
        for sheet, row, col, value in changes:
            wb[sheet].cell(row, col).value = value

    book = _workbook_with(tmp_path, edit)
    out = tmp_path / "out.yaml"
    out.unlink(missing_ok=True)
    result = invoke("import", str(book), "-o", str(out))
    assert result.exit_code in (0, 2), result.stderr
    if result.exit_code == 0:
        load_model(out)  # what import writes always loads
    else:
        assert not out.exists()
        assert result.stderr and all(line.startswith(str(book)) for line in result.stderr.splitlines())


def test_limits_refuse_before_reading(tmp_path, monkeypatch):
    import goldenthread.model.sources.spreadsheet as spreadsheet

    book = _workbook_with(tmp_path, lambda wb: None)
    monkeypatch.setattr(spreadsheet, "MAX_CELLS", 50)
    with pytest.raises(SpreadsheetError, match=r"over 50 cells; refused"):
        read_workbook(book, "in.xlsx")
    monkeypatch.setattr(spreadsheet, "MAX_BYTES", 100)
    with pytest.raises(SpreadsheetError, match=r"in.xlsx: \d[\d,]* bytes, over the 100-byte limit; refused"):
        read_workbook(book, "in.xlsx")


def test_not_a_workbook(tmp_path, invoke):
    (tmp_path / "fake.xlsx").write_text("not a zip")
    result = invoke("import", "fake.xlsx", "-o", "out.yaml")
    assert result.exit_code == 2
    assert result.stderr == "fake.xlsx: cannot read as an .xlsx workbook: File is not a zip file\n"


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters="\n\t"), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    title=_TEXT.filter(str.strip),
    description=_TEXT,
    owner=_TEXT,
    tag=st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), min_size=1),
    budget=st.one_of(st.integers(0, 10**12), st.integers(0, 10**12).map(lambda i: i / 100)),
    value=st.integers(-(10**11), 10**11).map(lambda i: i / 100),
    reason=_TEXT.filter(str.strip),
)
def test_round_trip_keeps_any_text_and_number(title, description, owner, tag, budget, value, reason, tmp_path):
    import json

    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    text = (
        f"model: {{title: {q(title)}, as_of: 2025-01-01}}\n"
        f"aims:\n  a1: {{title: {q(title)}, description: {q(description)}, owner: {q(owner)}, tags: [{q(tag)}]}}\n"
        f"projects:\n  p1: {{title: P, budget: {budget!r}, aims: [a1],"
        f" waive: {{project-without-benefit: {q(reason)}}}}}\n"
        f"benefits:\n  b1: {{title: B, aims: [a1], measure: {{unit: {q(owner)}, target: {value!r}}},"
        f" measurements: [{{date: 2025-01-01, value: {value!r}, source: {q(description)}}}]}}\n"
    )
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    model = load_model(path)
    assert essence(round_trip(model, tmp_path)) == essence(model)


def test_a_control_character_is_named_at_its_cell(tmp_path, invoke):
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "csv").exit_code == 0
    nodes = tmp_path / "csv" / "nodes.csv"
    nodes.write_text(nodes.read_text(encoding="utf-8-sig").replace("Maximising", "Max\x07imising", 1))
    result = invoke("import", "csv", "-o", "back.yaml")
    assert result.exit_code == 2
    assert result.stderr == "csv/nodes.csv:C2: control character U+0007 in 'title': a model's text may not hold one\n"
    assert not (tmp_path / "back.yaml").exists()


def test_repeated_problems_are_capped(tmp_path, invoke):
    assert invoke("export", str(MODELS / "good" / "complete.yaml"), "--format", "csv", "-o", "csv").exit_code == 0
    edges = tmp_path / "csv" / "edges.csv"
    header, first = edges.read_text(encoding="utf-8-sig").splitlines()[:2]
    edges.write_text("\n".join([header] + [first] * 200_001) + "\n")
    result = invoke("import", "csv", "-o", "back.yaml")
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 101
    assert lines[0] == "csv/edges.csv:A3: the link 'web' to 'aim-1' is listed twice (first in row 2)"
    assert lines[-1] == "... and 199,900 more"
