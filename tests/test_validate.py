"""Validation of the model format: every class of schema error, at its exact place.

Each test writes a tiny model and compares the findings as
``(line, column, message)``; the helper also checks that every finding is
under the rule ``schema``, at severity ``error``, in the file written.
"""

from __future__ import annotations

import datetime as dt

import pytest

from goldenthread.model import LoadError, SchemaError, load_model
from goldenthread.model.validate import did_you_mean

DUPLICATE_NOTE = "ids start with a letter or digit and hold only letters, digits, '_', '.' and '-'"


@pytest.fixture
def schema_errors(write_model):
    """Write a model that must fail validation; return its findings as (line, column, message)."""

    def run(text: str, name: str = "model.yaml") -> list[tuple[int, int, str]]:
        path = write_model(text, name)
        with pytest.raises(SchemaError) as caught:
            load_model(path)
        found = caught.value.findings
        assert {(f.rule, f.severity, f.pos.file) for f in found} == {("schema", "error", str(path))}
        return [(f.pos.line, f.pos.column, f.message) for f in found]

    return run


@pytest.fixture
def schema_findings(write_model):
    """Like ``schema_errors`` but returns the findings themselves."""

    def run(text: str):
        with pytest.raises(SchemaError) as caught:
            load_model(write_model(text))
        return caught.value.findings

    return run


# -- keys --------------------------------------------------------------------------


def test_unknown_key_with_did_you_mean(schema_errors):
    assert schema_errors(
        """
        projects:
          p1:
            title: SAP usability
            budjet: 1200000
        """
    ) == [(4, 5, "unknown key 'budjet' in project 'p1'; did you mean 'budget'?")]


def test_unknown_key_without_a_close_match_has_no_suggestion(schema_errors):
    assert schema_errors(
        """
        aims:
          a1: {title: A, colour: red}
        """
    ) == [(2, 18, "unknown key 'colour' in aim 'a1'")]


def test_unknown_key_in_measure_and_model(schema_errors):
    assert schema_errors(
        """
        model: {title: T, as_at: 2005-07-14}
        benefits:
          b1:
            title: B
            measure: {unit: GBP, target: 5, target_dat: 2006-03-31}
        """
    ) == [
        (1, 19, "unknown key 'as_at' in 'model'; did you mean 'as_of'?"),
        (5, 37, "unknown key 'target_dat' in the measure of benefit 'b1'; did you mean 'target_date'?"),
    ]


def test_unknown_section_with_did_you_mean(schema_errors):
    assert schema_errors(
        """
        aim:
          a1: {title: A}
        strategy: {}
        """
    ) == [
        (1, 1, "unknown section 'aim'; did you mean 'aims'?"),
        (3, 1, "unknown section 'strategy'"),
    ]


def test_x_keys_are_allowed_everywhere(write_model):
    model = load_model(
        write_model(
            """
            x-generated-by: a spreadsheet
            model: {title: T, x-review: quarterly}
            rules: {x-note: defaults otherwise}
            aims:
              a1: {title: A, x-rank: 1, waive: {x-ticket: GT-12}}
            benefits:
              b1:
                title: B
                x-owner-email: someone@example.org
                measure: {unit: GBP, target: 5, x-basis: cash}
                measurements:
                  - {date: 2005-01-01, value: 1, x-checked: true}
            """
        )
    )
    assert model.aims["a1"].extra == {"x-rank": 1}
    assert model.aims["a1"].waive == {}
    assert model.benefits["b1"].extra == {"x-owner-email": "someone@example.org"}
    assert model.benefits["b1"].measure.unit == "GBP"
    assert model.benefits["b1"].measurements[0].value == 1
    assert model.rules == {}


# -- types ---------------------------------------------------------------------


def test_wrong_types_are_reported_at_the_value(schema_errors):
    assert schema_errors(
        """
        aims:
          a1:
            title: [not, text]
            tags: economy
            description: {a: b}
        projects:
          p1:
            title: P
            budget: lots
            start: next spring
            themes: t1
        benefits:
          b1:
            title: B
            measure: 500
            measurements: {date: 2005-01-01, value: 1}
        """
    ) == [
        (3, 12, "'title' of aim 'a1' must be text, not a list"),
        (4, 11, "'tags' of aim 'a1' must be a list of text, not text ('economy')"),
        (5, 18, "'description' of aim 'a1' must be text, not a mapping"),
        (9, 13, "'budget' of project 'p1' must be a number, not text ('lots')"),
        (10, 12, "'start' of project 'p1' must be a date (YYYY-MM-DD), not text ('next spring')"),
        (11, 13, "'themes' of project 'p1' must be a list of theme ids, not text ('t1')"),
        (15, 14, "'measure' of benefit 'b1' must be a mapping, not a number (500)"),
        (16, 19, "'measurements' of benefit 'b1' must be a list, not a mapping"),
    ]


def test_wrong_types_of_list_items_are_reported_at_the_item(schema_errors):
    assert schema_errors(
        """
        aims:
          a1: {title: A, tags: [ok, {bad: tag}]}
        themes:
          t1: {title: T, aims: [a1, [nested]]}
        benefits:
          b1: {title: B, measurements: [not-a-mapping]}
        """
    ) == [
        (2, 29, "items of 'tags' of aim 'a1' must be text, not a mapping"),
        (4, 29, "items of 'aims' of theme 't1' must be ids, not a list"),
        (6, 33, "each measurement of benefit 'b1' must be a mapping with date and value"),
    ]


def test_booleans_are_not_numbers(schema_errors):
    assert schema_errors(
        """
        projects:
          p1: {title: P, budget: true}
        """
    ) == [(2, 26, "'budget' of project 'p1' must be a number, not a boolean (true)")]


def test_an_entity_must_be_a_mapping(schema_errors):
    assert schema_errors(
        """
        aims:
          a1: Maximising life opportunities
          a2:
        """
    ) == [
        (2, 7, "aim 'a1' must be a mapping of fields, not text ('Maximising life opportunities')"),
        (3, 3, "aim 'a2' must be a mapping of fields, not nothing (null)"),
    ]


def test_a_section_must_be_a_mapping(schema_errors):
    assert schema_errors(
        """
        aims:
          - a1
        projects: 3
        """
    ) == [
        (2, 3, "section 'aims' must be a mapping, not a list"),
        (3, 11, "section 'projects' must be a mapping, not a number (3)"),
    ]


def test_numbers_and_dates_where_text_is_wanted_are_read_as_text(write_model):
    model = load_model(write_model("aims:\n  a1: {title: 2005, owner: 2005-07-14, tags: [1, x]}\n"))
    a1 = model.aims["a1"]
    assert (a1.title, a1.owner, a1.tags) == ("2005", "2005-07-14", ("1", "x"))


# -- enums -----------------------------------------------------------------------


def test_bad_enum_with_suggestion(schema_errors):
    assert schema_errors(
        """
        projects:
          p1: {title: P, status: actve}
        benefits:
          b1: {title: B, kind: cash}
        """
    ) == [
        (
            2,
            26,
            "'status' of project 'p1' must be one of proposed, approved, active, completed, cancelled, "
            "not text ('actve'); did you mean 'active'?",
        ),
        (
            4,
            24,
            "'kind' of benefit 'b1' must be one of cashable, non-cashable, quality, dis-benefit, not text ('cash'); "
            "did you mean 'cashable'?",
        ),
    ]


def test_bad_enum_without_suggestion(schema_errors):
    assert schema_errors(
        """
        benefits:
          b1: {title: B, measure: {unit: GBP, target: 1, direction: up}}
        """
    ) == [(2, 61, "'direction' of the measure of benefit 'b1' must be one of increase, decrease, not text ('up')")]


def test_currency_must_be_an_iso_code(schema_errors):
    assert schema_errors("model: {currency: pounds}\n") == [
        (1, 19, "'currency' of 'model' must be a three-letter ISO 4217 code such as GBP")
    ]


# -- required keys ---------------------------------------------------------------


def test_missing_title_is_reported_at_the_id(schema_errors):
    assert schema_errors(
        """
        themes:
          t1:
            description: no title
        """
    ) == [(2, 3, "theme 't1' is missing required key 'title'")]


def test_a_null_title_is_not_a_title(schema_errors):
    assert schema_errors("aims:\n  a1: {title: }\n") == [
        (2, 15, "'title' of aim 'a1' must be text, not nothing (null)")
    ]


def test_measure_missing_unit_and_target(schema_errors):
    assert schema_errors(
        """
        benefits:
          b1:
            title: B
            measure:
              baseline: 0
        """
    ) == [
        (5, 7, "the measure of benefit 'b1' is missing required key 'target'"),
        (5, 7, "the measure of benefit 'b1' is missing required key 'unit'"),
    ]


def test_measurement_missing_date_and_value(schema_errors):
    assert schema_errors(
        """
        benefits:
          b1:
            title: B
            measurements:
              - {date: 2005-03-31, value: 1}
              - {value: 2}
              - date: 2005-06-30
                source: audit
        """
    ) == [
        (6, 9, "a measurement of benefit 'b1' is missing required key 'date'"),
        (7, 9, "a measurement of benefit 'b1' is missing required key 'value'"),
    ]


# -- ids -------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["'bad id'", "_private", "-dash", "'a/b'", "'é'"])
def test_bad_id(schema_errors, bad):
    shown = bad.strip("'")
    assert schema_errors(f"aims:\n  {bad}: {{title: A}}\n") == [(2, 3, f"invalid id {shown!r}: {DUPLICATE_NOTE}")]


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("1.50", "invalid id 1.5: YAML reads this key as a number (1.5); quote it"),
        ("true", "invalid id True: YAML reads this key as a boolean (true); quote it"),
        ("~", "invalid id None: YAML reads this key as nothing (null); quote it"),
    ],
)
def test_ids_yaml_reads_as_other_types_must_be_quoted(schema_errors, key, message):
    assert schema_errors(f"aims:\n  {key}: {{title: A}}\n") == [(2, 3, message)]


def test_quoted_fraction_ids_are_fine(write_model):
    model = load_model(write_model("aims:\n  '1.50': {title: A}\nthemes:\n  t1: {title: T, aims: ['1.50']}\n"))
    assert model.themes["t1"].aims == ("1.50",)


def test_numbers_and_dates_as_ids_are_read_as_text(write_model):
    model = load_model(
        write_model(
            """
            aims:
              2005: {title: A}
              2005-07-14: {title: B}
            themes:
              t1: {title: T, aims: [2005, 2005-07-14]}
            """
        )
    )
    assert list(model.aims) == ["2005", "2005-07-14"]
    assert model.themes["t1"].aims == ("2005", "2005-07-14")


def test_duplicate_id_across_sections_names_both_places(schema_errors, write_model):
    path = write_model("")
    assert schema_errors(
        """
        aims:
          sap: {title: SAP aim}
        projects:
          sap: {title: SAP project}
        """
    ) == [(4, 3, f"duplicate id 'sap': already defined as an aim at {path}:2:3")]


def test_duplicate_id_within_a_section_is_a_yaml_duplicate_key(write_model):
    path = write_model("aims:\n  a1: {title: A}\n  a1: {title: B}\n")
    with pytest.raises(LoadError) as caught:
        load_model(path)
    assert [str(f.pos) + " " + f.message for f in caught.value.findings] == [
        f"{path}:3:3 duplicate key 'a1' (first at line 2, column 3)"
    ]


def test_duplicate_id_across_files_in_a_folder_names_both_places(tmp_path):
    folder = tmp_path / "model"
    (folder / "b").mkdir(parents=True)
    (folder / "a.yaml").write_text("aims:\n  hpsn: {title: A}\n", encoding="utf-8")
    (folder / "b" / "projects.yml").write_text("# projects\nprojects:\n  hpsn: {title: HPSN}\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_model(folder)
    [f] = caught.value.findings
    assert (f.rule, str(f.pos), f.entity, f.kind) == ("schema", f"{folder}/b/projects.yml:3:3", "hpsn", "project")
    assert f.message == f"duplicate id 'hpsn': already defined as an aim at {folder}/a.yaml:2:3"


# -- references ------------------------------------------------------------------


def test_reference_to_missing_id_with_suggestion(schema_errors):
    assert schema_errors(
        """
        aims:
          aim-1-life: {title: A}
        themes:
          t1: {title: T, aims: [aim-1-lfie, nowhere]}
        """
    ) == [
        (4, 25, "'aims' of theme 't1' names unknown aim 'aim-1-lfie'; did you mean 'aim-1-life'?"),
        (4, 37, "'aims' of theme 't1' names unknown aim 'nowhere'"),
    ]


def test_suggestions_come_from_the_wanted_kind_only(schema_errors):
    assert schema_errors(
        """
        aims:
          swift: {title: A}
        projects:
          swift2: {title: P}
        benefits:
          b1: {title: B, projects: [swfit]}
        """
    ) == [(6, 29, "'projects' of benefit 'b1' names unknown project 'swfit'; did you mean 'swift2'?")]


def test_reference_to_an_id_of_the_wrong_kind(schema_errors):
    assert schema_errors(
        """
        aims:
          a1: {title: A}
        themes:
          t1: {title: T, aims: [a1]}
        projects:
          p1: {title: P, themes: [a1], aims: [t1]}
        """
    ) == [
        (6, 27, "'themes' of project 'p1' names 'a1', which is an aim, not a theme"),
        (6, 39, "'aims' of project 'p1' names 't1', which is a theme, not an aim"),
    ]


def test_reference_listed_twice(schema_errors):
    assert schema_errors(
        """
        aims:
          a1: {title: A}
        themes:
          t1:
            title: T
            aims:
              - a1
              - a1
        """
    ) == [(8, 9, "'a1' is listed twice in 'aims' of theme 't1'")]


def test_reference_errors_name_their_entity(schema_findings):
    [f] = schema_findings("projects:\n  p1: {title: P, aims: [a9]}\n")
    assert (f.entity, f.kind) == ("p1", "project")


# -- values ----------------------------------------------------------------------


def test_end_before_start(schema_errors):
    assert schema_errors(
        """
        projects:
          p1:
            title: P
            start: 2005-04-01
            end: 2005-03-31
        """
    ) == [(5, 10, "end 2005-03-31 of project 'p1' precedes its start 2005-04-01")]


def test_end_on_start_is_fine(write_model):
    model = load_model(write_model("projects:\n  p1: {title: P, start: 2005-04-01, end: 2005-04-01}\n"))
    assert model.projects["p1"].end == dt.date(2005, 4, 1)


def test_negative_budget(schema_errors):
    assert schema_errors("projects:\n  p1: {title: P, budget: -5}\n") == [
        (2, 26, "'budget' of project 'p1' must not be negative (-5)")
    ]


@pytest.mark.parametrize("value", [".inf", "-.inf", ".nan"])
def test_budget_must_be_finite(schema_errors, value):
    assert schema_errors(f"projects:\n  p1: {{title: P, budget: {value}}}\n") == [
        (2, 26, "'budget' of project 'p1' must be a finite number of at most 1e15 in size")
    ]


def test_impossible_date_is_positioned(write_model):
    path = write_model("projects:\n  p1:\n    title: P\n    start: 2005-02-30\n")
    with pytest.raises(LoadError) as caught:
        load_model(path)
    [f] = caught.value.findings
    assert (f.rule, str(f.pos)) == ("schema", f"{path}:4:12")
    assert f.message == "impossible date '2005-02-30': day is out of range for month"


# -- rules and waivers -----------------------------------------------------------


def test_unknown_rule_in_rules_with_did_you_mean(schema_errors):
    assert schema_errors(
        """
        rules:
          project-without-benfit: error
          schema: off
          aim-without-evidence: warn
          theme-without-aim: fatal
        """
    ) == [
        (2, 3, "unknown rule 'project-without-benfit'; did you mean 'project-without-benefit'?"),
        (3, 3, "unknown rule 'schema' (schema errors are always errors)"),
        (
            4,
            25,
            "rule 'aim-without-evidence' must be set to error, warning or off, not text ('warn'); "
            "did you mean 'warning'?",
        ),
        (5, 22, "rule 'theme-without-aim' must be set to error, warning or off, not text ('fatal')"),
    ]


def test_unknown_rule_in_waive_with_did_you_mean(schema_errors):
    assert schema_errors(
        """
        aims:
          a1:
            title: A
            waive:
              aim-without-investmnt: funded from reserves
              schema: please
              aim-without-evidence: ""
        """
    ) == [
        (5, 7, "unknown rule 'aim-without-investmnt' in 'waive' of aim 'a1'; did you mean 'aim-without-investment'?"),
        (6, 7, "unknown rule 'schema' in 'waive' of aim 'a1' (schema errors cannot be waived)"),
        (7, 29, "waiver of 'aim-without-evidence' in aim 'a1' needs a reason (non-empty text)"),
    ]


def test_waive_must_be_a_mapping(schema_errors):
    assert schema_errors("aims:\n  a1: {title: A, waive: [aim-without-evidence]}\n") == [
        (2, 25, "'waive' of aim 'a1' must be a mapping of rule id to reason")
    ]


def test_rules_and_waivers_are_read(write_model):
    model = load_model(
        write_model(
            """
            rules: {broken-thread: error, aim-without-evidence: off}
            aims:
              a1: {title: A, waive: {aim-without-investment: Funded from reserves}}
            """
        )
    )
    assert model.rules == {"broken-thread": "error", "aim-without-evidence": "off"}
    assert model.aims["a1"].waive == {"aim-without-investment": "Funded from reserves"}


# -- sections across files -------------------------------------------------------


@pytest.mark.parametrize("section", ["model", "rules"])
def test_second_model_or_rules_section_across_files(tmp_path, section):
    folder = tmp_path / "strategy"
    folder.mkdir()
    (folder / "1.yaml").write_text(f"{section}: {{}}\n", encoding="utf-8")
    (folder / "2.yaml").write_text(f"aims:\n  a1: {{title: A}}\n{section}:\n", encoding="utf-8")
    with pytest.raises(SchemaError) as caught:
        load_model(folder)
    [f] = caught.value.findings
    assert (f.rule, str(f.pos), f.entity) == ("schema", f"{folder}/2.yaml:3:1", None)
    assert f.message == f"{section!r} may appear once in a model; it is also at {folder}/1.yaml:1:1"


def test_folder_files_are_merged_in_path_order(tmp_path):
    folder = tmp_path / "strategy"
    (folder / "b").mkdir(parents=True)
    (folder / "b" / "a.yaml").write_text("aims:\n  second: {title: B}\n", encoding="utf-8")
    (folder / "a.yml").write_text("aims:\n  first: {title: A}\n", encoding="utf-8")
    (folder / "notes.txt").write_text("not a model", encoding="utf-8")
    model = load_model(folder)
    assert list(model.aims) == ["first", "second"]
    assert model.files == (f"{folder}/a.yml", f"{folder}/b/a.yaml")


def test_empty_folder_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_model(tmp_path)
    assert str(caught.value) == f"{tmp_path}:1:1: error[schema] folder holds no *.yaml or *.yml files"


def test_missing_path_is_a_load_error(tmp_path):
    with pytest.raises(LoadError) as caught:
        load_model(tmp_path / "nope.yaml")
    assert str(caught.value) == f"{tmp_path}/nope.yaml:1:1: error[schema] no such file or folder"


# -- findings carry what they concern --------------------------------------------


def test_entity_errors_name_the_entity_and_file_errors_do_not(schema_findings):
    found = schema_findings(
        """
        model: {colour: red}
        projects:
          p1: {title: P, budget: -1}
        benefits:
          b1: {title: B, measure: {unit: GBP}}
        """
    )
    assert [(f.pos.line, f.entity, f.kind) for f in found] == [
        (1, None, None),
        (3, "p1", "project"),
        (5, "b1", "benefit"),
    ]


def test_every_problem_is_reported_in_one_run_sorted_by_position(schema_errors):
    found = schema_errors(
        """
        projects:
          p2: {title: P, aims: [zz]}
          p1: {titel: P}
        """
    )
    assert [(line, col) for line, col, _ in found] == [(2, 25), (3, 3), (3, 8)]


# -- defaults --------------------------------------------------------------------


def test_defaults(write_model):
    model = load_model(
        write_model(
            """
            projects:
              p1: {title: P}
            benefits:
              b1: {title: B, measure: {unit: GBP, target: 5}}
            """
        )
    )
    assert model.info.currency == "GBP"
    assert model.info.as_of == dt.date.today()
    assert model.info.title is None
    assert model.projects["p1"].status == "active"
    assert model.projects["p1"].budget is None
    assert model.benefits["b1"].measure.direction == "increase"
    assert model.benefits["b1"].benefit_kind is None


def test_empty_optional_values_are_absent(write_model):
    model = load_model(write_model("model:\naims:\n  a1: {title: A, owner: , tags: }\nthemes:\n"))
    assert (model.aims["a1"].owner, model.aims["a1"].tags) == (None, ())


def test_positions_are_the_id_keys(write_model):
    path = write_model("aims:\n  a1: {title: A}\n\nprojects:\n    p1:\n        title: P\n")
    model = load_model(path)
    assert str(model.aims["a1"].pos) == f"{path}:2:3"
    assert str(model.projects["p1"].pos) == f"{path}:5:5"


def test_did_you_mean():
    assert did_you_mean("budjet", ["budget", "title"]) == "; did you mean 'budget'?"
    assert did_you_mean("zzz", ["budget"]) == ""
    assert did_you_mean(5, ["budget"]) == ""
