"""The safe YAML reader: positions, YAML 1.2 scalars, and everything it refuses."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from goldenthread.model.errors import LoadError
from goldenthread.model.yamlread import MAX_BYTES, MAX_DEPTH, Map, Seq, parse_yaml, read_yaml, resolve_plain


def refused(data: bytes | str) -> str:
    """The one-line message for YAML the reader must refuse, reported against ``f.yaml``."""
    with pytest.raises(LoadError) as caught:
        parse_yaml(data, "f.yaml")
    [finding] = caught.value.findings
    assert (finding.rule, finding.severity) == ("schema", "error")
    return str(caught.value)


# -- positions -------------------------------------------------------------------


def test_positions_are_one_based_for_keys_values_and_items():
    doc = parse_yaml("aims:\n  a1:\n    title: A\n    tags: [x, y]\n    more:\n      - z\n", "f.yaml")
    assert isinstance(doc, Map)
    assert doc.pos == (1, 1)
    assert doc.key_pos == {"aims": (1, 1)}
    a1 = doc["aims"]["a1"]
    assert doc["aims"].key_pos["a1"] == (2, 3)
    assert a1.key_pos == {"title": (3, 5), "tags": (4, 5), "more": (5, 5)}
    assert a1.value_pos == {"title": (3, 12), "tags": (4, 11), "more": (6, 7)}
    assert isinstance(a1["tags"], Seq)
    assert a1["tags"].item_pos == [(4, 12), (4, 15)]
    assert a1["more"].item_pos == [(6, 9)]


def test_columns_count_characters_not_bytes():
    doc = parse_yaml("aims:\n  café: {títle: ü, x: [1, 2]}\n", "f.yaml")
    assert doc["aims"]["café"].key_pos == {"títle": (2, 10), "x": (2, 20)}
    assert doc["aims"]["café"]["x"].item_pos == [(2, 24), (2, 27)]


def test_str_input_and_bom():
    assert parse_yaml("\ufeffa: 1\n") == {"a": 1}
    doc = parse_yaml(b"\xef\xbb\xbfa:\n  b: 1\n", "f.yaml")
    assert doc == {"a": {"b": 1}}
    assert doc["a"].key_pos == {"b": (2, 3)}


# -- YAML 1.2 scalars ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # YAML 1.1 booleans are text in 1.2.
        ("no", "no"),
        ("off", "off"),
        ("NO", "NO"),
        ("yes", "yes"),
        ("Yes", "Yes"),
        ("on", "on"),
        ("y", "y"),
        ("true", True),
        ("True", True),
        ("FALSE", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("12", 12),
        ("+12", 12),
        ("-12", -12),
        ("017", 17),  # decimal in 1.2, octal in 1.1
        ("0o17", 15),
        ("0x1F", 31),
        ("0x1f", 31),
        ("0o1_7", "0o1_7"),
        ("0o+7", "0o+7"),
        ("0o8", "0o8"),
        ("0x", "0x"),
        ("-0x1F", "-0x1F"),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("12:30", "12:30"),  # sexagesimal in 1.1
        ("1e3", 1000.0),
        (".5", 0.5),
        ("-1.5E-2", -0.015),
        ("1.2.3", "1.2.3"),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("2005-07-14", dt.date(2005, 7, 14)),
        ("2005-7-14", "2005-7-14"),
        ("2005-07-14T10:00:00", "2005-07-14T10:00:00"),
        ("SAP", "SAP"),
    ],
)
def test_resolve_plain(text, value):
    got = resolve_plain(text)
    assert got == value
    assert type(got) is type(value)


def test_resolve_nan():
    assert math.isnan(resolve_plain(".nan"))


def test_yaml_1_2_strings_in_a_document():
    doc = parse_yaml("title: no\nowner: off\nflag: NO\nok: yes\nn: 0o17\nh: 0x1F\nq: '12'\nd: \"2005-07-14\"\n")
    assert doc == {
        "title": "no",
        "owner": "off",
        "flag": "NO",
        "ok": "yes",
        "n": 15,
        "h": 31,
        "q": "12",
        "d": "2005-07-14",
    }


def test_block_scalars_are_text():
    assert parse_yaml("a: |\n  12\nb: >-\n  no\n") == {"a": "12\n", "b": "no"}


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("!!str 12", "12"),
        ("!!str no", "no"),
        ("!!int 12", 12),
        ("!!float 1", 1.0),
        ("!!bool true", True),
        ("!!null ~", None),
        ("! 12", "12"),  # the non-specific tag makes a scalar text
        ("!!map {b: 1}", {"b": 1}),
        ("!!seq [1]", [1]),
    ],
)
def test_core_tags_are_accepted(text, value):
    assert parse_yaml(f"a: {text}\n") == {"a": value}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("!!int x", "'x' is not a valid !!int"),
        ("!!int true", "'true' is not a valid !!int"),
        ("!!float x", "'x' is not a valid !!float"),
        ("!!bool 1", "'1' is not a valid !!bool"),
        ("!!null 0", "'0' is not a valid !!null"),
    ],
)
def test_core_tags_must_fit_their_value(text, message):
    assert refused(f"a: {text}\n") == f"f.yaml:1:4: error[schema] {message}"


# -- what is refused -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("!!python/object/apply:os.system ['echo pwned']", "tag:yaml.org,2002:python/object/apply:os.system"),
        ("!!python/name:os.system", "tag:yaml.org,2002:python/name:os.system"),
        ("!foo bar", "!foo"),
        ("!foo {x: 1}", "!foo"),
        ("!foo [1]", "!foo"),
        ("!!binary aGk=", "tag:yaml.org,2002:binary"),
        ("!!timestamp 2005-07-14", "tag:yaml.org,2002:timestamp"),
        ("!!set {a}", "tag:yaml.org,2002:set"),
        ("!!omap [a: 1]", "tag:yaml.org,2002:omap"),
        ("!<tag:example.com,2005:x> 1", "tag:example.com,2005:x"),
    ],
)
def test_non_core_tags_are_refused(text, tag):
    assert refused(f"a: {text}\n") == (
        f"f.yaml:1:4: error[schema] tag {tag!r} is not allowed: a model holds plain data only"
    )


def test_anchors_aliases_and_merge_keys_are_refused():
    assert refused("a: &x 1\n") == "f.yaml:1:4: error[schema] anchors are not allowed (&x)"
    assert refused("a: &m {b: 1}\n") == "f.yaml:1:4: error[schema] anchors are not allowed (&m)"
    assert refused("a:\n  - &s [1]\n") == "f.yaml:2:5: error[schema] anchors are not allowed (&s)"
    assert refused("a: *x\n") == "f.yaml:1:4: error[schema] aliases are not allowed (*x)"
    assert refused("a:\n  <<: {b: 1}\n") == "f.yaml:2:3: error[schema] merge keys (<<) are not allowed"


def test_billion_laughs_stops_at_the_first_anchor():
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, 10)]
    assert refused("\n".join(lines) + "\n") == "f.yaml:1:7: error[schema] anchors are not allowed (&lol0)"


def test_quoted_merge_key_is_an_ordinary_key():
    assert parse_yaml("a:\n  '<<': 1\n") == {"a": {"<<": 1}}


def test_nesting_up_to_the_limit_is_fine_and_one_more_is_refused():
    # The top-level mapping is one level; "a:" holds the rest.
    assert MAX_DEPTH == 32
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"
    parse_yaml(ok)
    too_deep = "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n"
    assert refused(too_deep) == "f.yaml:1:35: error[schema] nesting is deeper than 32 levels"


@pytest.mark.parametrize("levels", [20_000, 100_000])
@pytest.mark.parametrize(
    ("style", "make", "where"),
    [
        ("flow sequence", lambda n: "a: " + "[" * n + "]" * n + "\n", "1:35"),
        ("flow mapping", lambda n: "a: " + "{b: " * n + "1" + "}" * n + "\n", "1:128"),
        ("block sequence", lambda n: "a:\n" + "- " * n + "x\n", "2:63"),
        ("unclosed", lambda n: "a: " + "[" * n, "1:35"),
    ],
)
def test_very_deep_nesting_gives_a_clean_error(levels, style, make, where):
    assert refused(make(levels)) == f"f.yaml:{where}: error[schema] nesting is deeper than 32 levels"


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        (b"", "1:1", "file is empty: expected a mapping of sections (aims:, themes:, ...)"),
        (b"\n\n   \n", "1:1", "file is empty: expected a mapping of sections (aims:, themes:, ...)"),
        (b"# a comment\n# another\n", "1:1", "file is empty: expected a mapping of sections (aims:, themes:, ...)"),
        (b"\xef\xbb\xbf", "1:1", "file is empty: expected a mapping of sections (aims:, themes:, ...)"),
        (b"---\n", "2:1", "the top level must be a mapping of sections (aims:, themes:, ...)"),
        (b"~\n", "1:1", "the top level must be a mapping of sections (aims:, themes:, ...)"),
        (b"just text\n", "1:1", "the top level must be a mapping of sections (aims:, themes:, ...)"),
        (b"- aims\n- themes\n", "1:1", "the top level must be a mapping of sections (aims:, themes:, ...), not a list"),
        (b"aims: {}\n---\nthemes: {}\n", "2:1", "a model file holds one YAML document; found a second"),
        (b"---\naims: {}\n...\n---\nthemes: {}\n", "4:1", "a model file holds one YAML document; found a second"),
        (b"? [a]\n: b\n", "1:3", "complex (mapping or sequence) keys are not allowed"),
        (b"a:\n  b: 1\n  c: 2\n  b: 3\n", "4:3", "duplicate key 'b' (first at line 2, column 3)"),
        (b"a: {b: [1], b: 2}\n", "1:13", "duplicate key 'b' (first at line 1, column 5)"),
    ],
)
def test_shapes_a_model_file_cannot_have(data, where, message):
    assert refused(data) == f"f.yaml:{where}: error[schema] {message}"


def test_one_document_with_markers_is_fine():
    assert parse_yaml("---\naims: {}\n...\n") == {"aims": {}}


@pytest.mark.parametrize(
    ("data", "where", "byte"),
    [
        (b"aims:\n  a1:\n    title: caf\xe9\n", "3:15", "0xe9"),
        (b"\xff\xfea: 1\n", "1:1", "0xff"),
        # Columns count the characters before the bad byte, not its byte offset.
        ("aims:\n  ü: {title: é".encode() + b"\x80\n", "2:15", "0x80"),
        (b"\xef\xbb\xbfa:\n  b: \xc3\n", "2:6", "0xc3"),
        (b"\xef\xbb\xbfa: \xc3\n", "1:4", "0xc3"),
    ],
)
def test_non_utf8_bytes_are_positioned(data, where, byte):
    assert refused(data) == f"f.yaml:{where}: error[schema] not valid UTF-8: byte {byte} cannot be decoded"


def test_nul_character_is_positioned():
    assert refused(b"aims:\n  a1: {title: x\x00}\n") == "f.yaml:2:16: error[schema] NUL character in file"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        ("aims:\n\ta1: {title: x}\n", "2:1"),
        ("aims:\n  a1:\n    title: x\n\towner: y\n", "4:1"),
    ],
)
def test_tabs_are_explained(data, where):
    assert (
        refused(data)
        == f"f.yaml:{where}: error[schema] invalid YAML: a tab character here: YAML indents with spaces only"
    )


@pytest.mark.parametrize(
    ("data", "where", "message"),
    [
        # Unclosed at the end of the file: where the bracket or quote opened, not where the file ends.
        ("aims:\n  a1: {title: x\n", "2:7", "while parsing a flow mapping: did not find expected ',' or '}'"),
        ("aims:\n  a1: x\n b: y\n", "3:2", "while parsing a block mapping: did not find expected key"),
        ("aims:\n  a1: x: y\n", "2:8", "mapping values are not allowed in this context"),
        ('a: "unterminated\n', "1:4", "while scanning a quoted scalar: found unexpected end of stream"),
        (
            'model:\n  title: x\naims:\n  a1:\n    title: "Digital\n    owner: me\nthemes: {}\n',
            "5:12",
            "while scanning a quoted scalar: found unexpected end of stream",
        ),
        ("a: 1\x07\n", "1:5", "character U+0007 is not allowed (control characters are not allowed)"),
        ("a: b\nc: éé\x07\n", "2:6", "character U+0007 is not allowed (control characters are not allowed)"),
    ],
)
def test_syntax_errors_are_positioned(data, where, message):
    assert refused(data) == f"f.yaml:{where}: error[schema] invalid YAML: {message}"


def test_impossible_date_is_positioned():
    assert refused("model:\n  as_of: 2005-02-30\n") == (
        "f.yaml:2:10: error[schema] impossible date '2005-02-30': day is out of range for month"
    )


def test_a_quoted_impossible_date_is_just_text():
    assert parse_yaml("a: '2005-02-30'\n") == {"a": "2005-02-30"}


# -- files -----------------------------------------------------------------------


def test_read_yaml_reports_the_display_name(tmp_path):
    path = tmp_path / "m.yaml"
    path.write_bytes(b"a: [\n")
    with pytest.raises(LoadError) as caught:
        read_yaml(path, "shown.yaml")
    assert str(caught.value).startswith("shown.yaml:1:5: error[schema] invalid YAML: ")


def test_a_file_over_64_mib_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: nothing is written to disk
    assert MAX_BYTES == 64 * 1024 * 1024
    with pytest.raises(LoadError) as caught:
        read_yaml(path)
    assert str(caught.value) == f"{path}:1:1: error[schema] file is 67,108,865 bytes, over the 67,108,864-byte limit"


def test_a_directory_is_not_a_file(tmp_path):
    with pytest.raises(LoadError) as caught:
        read_yaml(tmp_path)
    assert str(caught.value) == f"{tmp_path}:1:1: error[schema] is a directory, expected a YAML file"


def test_a_missing_file(tmp_path):
    with pytest.raises(LoadError) as caught:
        read_yaml(tmp_path / "gone.yaml")
    assert str(caught.value) == f"{tmp_path}/gone.yaml:1:1: error[schema] cannot read file: No such file or directory"


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\e[31m", "001B"), ("\\0", "0000"), ("\\x7f", "007F"), ("\\u009b", "009B")],
)
def test_escaped_control_characters_are_refused(escape, code):
    # They would reach terminals and CI logs as ANSI sequences.
    assert refused(f'aims:\n  a1: {{title: "red{escape}text"}}\n') == (
        f"f.yaml:2:15: error[schema] control character U+{code} in a quoted string is not allowed"
    )


def test_escaped_tabs_and_line_breaks_are_text():
    assert parse_yaml('a: "one\\ttwo\\nthree"\n') == {"a": "one\ttwo\nthree"}
