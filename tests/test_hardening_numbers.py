"""Numbers that could overflow, drift or fail to print: bounded where they are read, exact where money is added."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from goldenthread.model.errors import LoadError
from goldenthread.model.loader import load_model
from goldenthread.model.validate import SchemaError
from goldenthread.model.vocabulary import MAX_NUMBER
from goldenthread.model.yamlread import MAX_INT_DIGITS, parse_yaml
from goldenthread.traceability.attribution import aim_investment, attribute, exact_amount
from goldenthread.traceability.graph import build_graph

NUMBER_FIELDS = [
    ("projects:\n  p1: {{title: P, budget: {v}}}\n", "'budget' of project 'p1'"),
    ("benefits:\n  b1: {{title: B, measure: {{unit: x, target: {v}}}}}\n", "'target' of the measure of benefit 'b1'"),
    (
        "benefits:\n  b1: {{title: B, measure: {{unit: x, target: 1, baseline: {v}}}}}\n",
        "'baseline' of the measure of benefit 'b1'",
    ),
    (
        "benefits:\n  b1: {{title: B, measurements: [{{date: 2005-01-01, value: {v}}}]}}\n",
        "'value' of a measurement of benefit 'b1'",
    ),
]


def _schema_messages(tmp_path, text: str) -> list[str]:
    path = tmp_path / "m.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_model(path)
    return [f"{f.pos.line}:{f.pos.column}: {f.message}" for f in caught.value.findings]


# -- integers too long to print ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "digits"),
    [("9" * 5000, 5000), ("-" + "1" * 4301, 4301), ("0x" + "f" * 1001, 1001), ("0o" + "7" * 2000, 2000)],
)
@pytest.mark.parametrize("where", ["value", "key", "extension"])
def test_an_integer_too_long_is_a_positioned_error(spelling, digits, where):
    text = {
        "value": f"projects:\n  p1: {{title: P, budget: {spelling}}}\n",
        "key": f"aims:\n  {spelling}: {{title: A}}\n",
        "extension": f"x-data:\n  deep: [1, {spelling}]\n",
    }[where]
    column = {"value": 26, "key": 3, "extension": 13}[where]
    line = 2
    with pytest.raises(LoadError) as caught:
        parse_yaml(text, "f.yaml")
    assert str(caught.value) == (
        f"f.yaml:{line}:{column}: error[schema] number too long: {digits:,} digits, at most {MAX_INT_DIGITS:,}"
    )


@given(digits=st.integers(1, 3 * MAX_INT_DIGITS), base=st.sampled_from(["", "0x", "0o", "-", "+"]))
@settings(max_examples=60, deadline=None)
def test_every_integer_is_read_and_printable_or_refused(digits, base):
    spelling = base + ("7" * digits)
    try:
        value = parse_yaml(f"a: {spelling}\n", "f.yaml")["a"]
    except LoadError as e:
        assert digits > MAX_INT_DIGITS
        assert str(e).startswith("f.yaml:1:4: error[schema] number too long")
    else:
        assert digits <= MAX_INT_DIGITS
        assert isinstance(value, int)
        str(value)  # Python refuses to print integers over 4,300 digits: these never are


# -- the bound on amounts and measures --------------------------------------------------------------------------

_TOO_BIG = "must be a finite number of at most 1e15 in size"


@pytest.mark.parametrize(("template", "owner"), NUMBER_FIELDS)
@pytest.mark.parametrize("value", ["1" + "0" * 309, "-" + "9" * 400, "1.7e308", "-1e16", ".inf", ".nan", "1e400"])
def test_a_number_out_of_bounds_is_a_positioned_error(tmp_path, template, owner, value):
    text = template.format(v=value)
    [message] = _schema_messages(tmp_path, text)
    column = text.splitlines()[1].index(value) + 1
    assert message == f"2:{column}: {owner} {_TOO_BIG}"


@pytest.mark.parametrize(("template", "owner"), NUMBER_FIELDS[1:])
def test_a_measure_too_close_to_zero_is_refused(tmp_path, template, owner):
    text = template.format(v="1e-12")
    [message] = _schema_messages(tmp_path, text)
    assert message.endswith(f"{owner} must be 0 or at least 1e-9 in size, not 1e-12")


@given(
    value=st.one_of(
        st.integers(-(10**20), 10**20),
        st.floats(allow_nan=True, allow_infinity=True),
    )
)
@settings(max_examples=200, deadline=None)
@example(value=10**15)
@example(value=10**15 + 1)
@example(value=1e-9)
def test_a_number_is_accepted_exactly_when_it_is_within_the_bound(value):
    from goldenthread.model.validate import validate

    spelling = (
        json.dumps(value) if isinstance(value, int) else repr(value).replace("inf", ".inf").replace("nan", ".nan")
    )
    doc = parse_yaml(f"projects:\n  p1: {{title: P, budget: {spelling}}}\n", "m.yaml")
    budget = doc["projects"]["p1"]["budget"]
    acceptable = (
        isinstance(budget, int | float)
        and math.isfinite(budget)
        and 0 <= budget <= MAX_NUMBER
        and (budget == 0 or budget >= 1e-9)
    )
    try:
        model = validate([("m.yaml", doc)])
    except SchemaError:
        assert not acceptable
    else:
        assert acceptable
        assert model.projects["p1"].budget == budget


def test_sums_of_the_largest_budgets_stay_finite_and_json_strict(tmp_path, runner):
    from goldenthread.cli.main import cli

    projects = "".join(f"  p{i}: {{title: P, budget: 1e15, aims: [a1]}}\n" for i in range(50))
    path = tmp_path / "m.yaml"
    path.write_text(f"aims:\n  a1: {{title: A}}\nprojects:\n{projects}", encoding="utf-8")

    def refuse(name: str) -> None:
        raise AssertionError(f"printed {name}")

    for command in ("gaps", "summary", "benefits"):
        result = runner.invoke(cli, [command, str(path), "--format", "json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout, parse_constant=refuse)
    assert attribute(build_graph(load_model(path))).aims == {"a1": 5e16}


# -- exact money ------------------------------------------------------------------------------------------------


def _model(budgets: list[str], aims: int = 3):
    aim_ids = ", ".join(f"a{i}" for i in range(aims))
    text = "aims:\n" + "".join(f"  a{i}: {{title: A}}\n" for i in range(aims)) + "projects:\n"
    text += "".join(f"  p{i}: {{title: P, budget: {b}, aims: [{aim_ids}]}}\n" for i, b in enumerate(budgets))
    return build_graph(_validated(text))


def _validated(text: str):
    from goldenthread.model.validate import validate

    return validate([("m.yaml", parse_yaml(text, "m.yaml"))])


def test_ten_budgets_of_ten_pence_make_exactly_one_pound_where_floats_drift():
    G = _model(["0.10"] * 10, aims=3)
    floats = 0.0
    for _ in range(10):
        floats += 0.10
    assert floats != 1.0  # what adding floats as they come gives: 0.9999999999999999
    a = attribute(G)
    assert a.total == 1.0
    # Split in three and added again, the shares make the total, to the last digit.
    assert float(sum(Fraction(repr(x)) for x in a.aims.values())) == pytest.approx(1.0, abs=1e-15)
    assert [aim_investment(G, f"a{i}") for i in range(3)] == list(a.aims.values())


@given(pence=st.lists(st.integers(0, 10**12), min_size=1, max_size=40), aims=st.integers(1, 7))
@settings(max_examples=60, deadline=None)
def test_attributed_money_adds_up_to_the_penny(pence, aims):
    budgets = [f"{p // 100}.{p % 100:02d}" for p in pence]
    a = attribute(_model(budgets, aims))
    exact_total = Fraction(sum(pence), 100)
    assert a.total == float(exact_total)
    assert round(a.total * 100) == sum(pence)
    # Each aim gets exactly a third (or seventh...) of the total, rounded once.
    assert set(a.aims.values()) == {float(exact_total / aims)}


def test_exact_amount_reads_a_float_as_the_decimal_it_was_written_as():
    assert exact_amount(0.1) == Fraction(1, 10)
    assert exact_amount(1200000.5) == Fraction(2400001, 2)
    assert exact_amount(10**15) == Fraction(10**15)


@given(value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15))
def test_exact_amount_round_trips_every_float(value):
    assume(value == 0 or abs(value) >= 1e-9)
    assert float(exact_amount(value)) == value


@pytest.mark.parametrize("spelling", [".nan", ".inf", "-.inf", "[1, .NaN, {a: -.Inf}]"])
def test_non_finite_extension_data_is_kept_as_text_so_json_stays_strict(tmp_path, runner, spelling):
    from goldenthread.cli.main import cli

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(f"aims:\n  a1: {{title: A, x-figure: {spelling}}}\n", encoding="utf-8")
    new.write_text(f"aims:\n  a1: {{title: B, x-figure: {spelling}}}\n", encoding="utf-8")

    def refuse(name: str) -> None:
        raise AssertionError(f"printed {name}")

    for args in (["diff", str(old), str(new)], ["export", str(old)], ["trace", "-m", str(old), "a1"]):
        result = runner.invoke(cli, [*args, "--format", "json"])
        assert result.exit_code == 0, result.output
        json.loads(result.stdout, parse_constant=refuse)
    extra = load_model(old).aims["a1"].extra["x-figure"]
    assert extra == {".nan": ".nan", ".inf": ".inf", "-.inf": "-.inf"}.get(spelling, [1, ".nan", {"a": "-.inf"}])
