"""What a strategy team edits every quarter: the model block, tags, measurements, a new benefit's measure, numbers."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.model.edit.values import EditError, parse_number
from goldenthread.model.starter import starter_files


@pytest.fixture
def model(tmp_path):
    """The starter model, split into a folder ``m/``; returns a function running a command on it."""
    folder = tmp_path / "m"
    folder.mkdir()
    for name, text in starter_files(as_of=dt.date(2025, 4, 1), split=True).items():
        (folder / name).write_text(text)
    return folder


def _diff(result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_set_model_as_of_changes_one_line_and_keeps_its_comment(invoke, model):
    result = invoke("set", "model", "as_of", "2025-12-31", "-m", "m")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "set as_of of the model to 2025-12-31\nwrote m/aims.yaml\n"
    text = (model / "aims.yaml").read_text()
    assert (
        "  as_of: 2025-12-31  # the date the model describes; findings such as a missed target count from it\n" in text
    )
    assert invoke("check", "-m", "m", "--format", "json").exit_code == 0


def test_set_model_fields_in_place_and_refused(invoke, model):
    assert _diff(invoke("set", "model", "currency", "eur", "-m", "m", "--dry-run")) == (
        "--- m/aims.yaml\n+++ m/aims.yaml\n@@ -11,7 +11,7 @@\n"
        '   title: "Our IT strategy"  # shown at the top of every report\n'
        '   organisation: "Our organisation"  # whose strategy this is\n'
        "   as_of: 2025-04-01  # the date the model describes; findings such as a missed target count from it\n"
        "-  currency: GBP  # ISO 4217 code of every budget\n"
        "+  currency: EUR  # ISO 4217 code of every budget\n"
        "   # description: Longer text about the model.\n"
        " \n"
        " # rules:  # change a rule's severity: error, warning or off\n"
    )
    bad = invoke("set", "model", "curency", "EUR", "-m", "m")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "goldenthread: error: the model has no field 'curency'; did you mean 'currency'?; "
        "fields: title, organisation, description, as_of, currency, tolerance, review_every, language\n"
    )
    bad = invoke("set", "model", "currency", "pounds", "-m", "m")
    assert bad.stderr == (
        "goldenthread: error: 'currency' must be an ISO 4217 code of three letters (GBP, EUR...), not 'pounds'\n"
    )
    bad = invoke("set", "model", "as_of", "31/12/2025", "-m", "m")
    assert bad.stderr == "goldenthread: error: 'as_of' must be a date (YYYY-MM-DD), not '31/12/2025'\n"


def test_set_model_makes_the_block_at_the_top_when_there_is_none(invoke, write_model, tmp_path):
    path = write_model(
        """
        # Our aims.
        aims:
          a1: {title: One}  # the first
        """
    )
    assert invoke("set", "model", "title", "Plan 2026", "-m", str(path)).exit_code == 0
    assert path.read_text() == "model:\n  title: Plan 2026\n\n# Our aims.\naims:\n  a1: {title: One}  # the first\n"
    assert invoke("set", "model", "--unset", "title", "-m", str(path)).exit_code == 0
    assert path.read_text() == "model: {}\n\n# Our aims.\naims:\n  a1: {title: One}  # the first\n"


def test_set_tags_replaces_adds_and_removes(invoke, model):
    m = ("-m", "m")
    out = _diff(invoke("set", "aim-1", "tags", "A, B;C", *m, "--dry-run"))
    assert out.endswith(
        '-    tags: [example]  # free labels for filtering\n+    tags: [A, "B;C"]  # free labels for filtering\n'
    )
    r = invoke("set", "aim-1", "--add", "tags", "x", "--add", "tags", "y, z", "--remove", "tags", "example", *m)
    assert r.stdout == (
        "added x, y, z to tags of aim 'aim-1'\nremoved example from tags of aim 'aim-1'\nwrote m/aims.yaml\n"
    )
    assert '    tags: [x, "y, z"]  # free labels for filtering\n' in (model / "aims.yaml").read_text()
    r = invoke("set", "aim-1", "--remove", "tags", "q", *m)
    assert r.exit_code == 2
    assert r.stderr == "goldenthread: error: aim 'aim-1' has no tags q; it has x, y, z\n"
    assert invoke("set", "aim-1", "--unset", "tags", *m).exit_code == 0
    assert "tags" not in (model / "aims.yaml").read_text().split("aims:")[1]
    r = invoke("set", "aim-1", "--add", "tag", "x", *m)
    assert r.stderr == "goldenthread: error: aim 'aim-1' has no list 'tag'; did you mean 'tags'?; lists: tags\n"


def test_measure_replace_and_remove(invoke, model):
    m = ("-m", "m")
    again = invoke("measure", "benefit-1", "12", "--date", "2025-04-01", *m)
    assert again.exit_code == 2
    assert again.stderr == (
        "goldenthread: error: benefit 'benefit-1' already has a measurement on 2025-04-01: "
        "correct it with --replace, or remove it with --remove\n"
    )
    out = _diff(invoke("measure", "benefit-1", "12", "--date", "2025-04-01", "--replace", *m, "--dry-run"))
    assert out.endswith(
        "-      - {date: 2025-04-01, value: 10, source: Booking system}\n"
        "+      - {date: 2025-04-01, value: 12, source: Booking system}\n"
    )
    r = invoke("measure", "benefit-1", "--date", "2025-04-01", "--replace", "--source", "Survey", *m)
    assert r.stdout.startswith("corrected the measurement of benefit 'benefit-1' on 2025-04-01: source\n")
    r = invoke("measure", "benefit-1", "--date", "2025-05-01", "--remove", *m)
    assert r.stderr == (
        "goldenthread: error: benefit 'benefit-1' has no measurement on 2025-05-01; its measurements: 2025-04-01\n"
    )
    out = _diff(invoke("measure", "benefit-1", "--date", "2025-04-01", "--remove", *m, "--dry-run"))
    assert out.endswith(
        "       direction: increase  # increase (higher is better, the default) or decrease\n"
        "-    measurements:  # observed values, any order; `goldenthread measure` adds one\n"
        "-      - {date: 2025-04-01, value: 10, source: Survey}\n"
    )
    assert invoke("measure", "benefit-1", "--remove", *m).exit_code == 2  # no --date
    assert invoke("measure", "benefit-1", *m).stderr.endswith("missing VALUE: the measured figure\n")


def test_add_benefit_with_a_whole_measure(invoke, model):
    args = ("--unit", "hours", "--target", "5", "--baseline", "40", "--target-date", "2026-03-31")
    r = invoke("add", "benefit", "b2", "--title", "Less waiting", *args, "--direction", "decrease", "-m", "m")
    assert r.exit_code == 0, r.stderr
    assert (
        (model / "benefits.yaml")
        .read_text()
        .endswith(
            "  b2:\n    title: Less waiting\n    measure:\n      unit: hours\n      target: 5\n"
            "      baseline: 40\n      target_date: 2026-03-31\n      direction: decrease\n"
        )
    )
    r = invoke("add", "benefit", "b3", "--title", "X", "--baseline", "4", "-m", "m")
    assert r.exit_code == 2
    assert "--baseline, --target-date and --direction need a measure: give --unit and --target" in r.stderr


@pytest.mark.parametrize(
    ("typed", "written"),
    [("1.5e6", "1500000"), ("1,500,000", "1500000"), ("2.0", "2"), ("1200.50", "1200.5"), ("2.5E-1", "0.25")],
)
def test_numbers_are_written_as_meant(invoke, model, typed, written):
    assert invoke("set", "project-1", "budget", typed, "-m", "m").exit_code == 0
    assert f"    budget: {written}  # in the model currency\n" in (model / "projects.yaml").read_text()


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("£1,500,000", "1500000"), ("$1.1m", "1100000"), ("2000 GBP", "2000"), ("12.5k", "12500"), ("€3bn", "3000000000")],
)
def test_money_typed_as_money_is_refused_with_the_form_to_type(invoke, model, typed, meant):
    before = (model / "projects.yaml").read_bytes()
    r = invoke("set", "project-1", "budget", typed, "-m", "m")
    assert r.exit_code == 2
    assert r.stderr == (
        f"goldenthread: error: 'budget' must be a plain number: type {meant} "
        f"(no currency sign, code or multiplier), not {typed!r}\n"
    )
    assert (model / "projects.yaml").read_bytes() == before


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_a_whole_number_in_any_notation_is_an_int(n):
    for typed in (str(n), f"{n:.6e}" if abs(n) < 10**6 else str(n), f"{n:,}", f"{n}.0"):
        value = parse_number("budget", typed)
        assert value == n
        assert type(value) is int


def test_words_are_still_refused():
    with pytest.raises(EditError, match=r"^'budget' must be a number, not 'lots'$"):
        parse_number("budget", "lots")
