"""The round-trip path (ruamel.yaml, for editing) agrees with the fast read path and writes files back intact."""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import os
import stat
from pathlib import Path

import pytest

from goldenthread.model.edit.roundtrip import dump_roundtrip, load_roundtrip, to_plain
from goldenthread.model.errors import LoadError
from goldenthread.model.loader import example_path, load_example
from goldenthread.model.validate import validate
from goldenthread.model.yamlread import Map, Seq, read_yaml


def assert_same(fast, slow, where: str = "$") -> None:
    """Equal data, equal types (1 == 1.0 == True in Python) and equal positions, all the way down."""
    assert type(slow) is type(fast), f"{where}: {type(fast).__name__} vs {type(slow).__name__}"
    if isinstance(fast, Map):
        assert slow.pos == fast.pos, where
        assert list(slow) == list(fast), where
        assert [type(k) for k in slow] == [type(k) for k in fast], where
        assert slow.key_pos == fast.key_pos, where
        assert slow.value_pos == fast.value_pos, where
        for key in fast:
            assert_same(fast[key], slow[key], f"{where}.{key}")
    elif isinstance(fast, Seq):
        assert slow.pos == fast.pos, where
        assert slow.item_pos == fast.item_pos, where
        assert len(slow) == len(fast), where
        for i, (a, b) in enumerate(zip(fast, slow, strict=True)):
            assert_same(a, b, f"{where}[{i}]")
    elif isinstance(fast, float) and math.isnan(fast):
        assert math.isnan(slow), where
    else:
        assert slow == fast, where


FILES = {
    "measures": """
        # A benefit with a nested measure and measurements, block style.
        benefits:
          b-1:
            title: Fewer miles   # trailing comment
            kind: cashable
            projects:
              - p-1
              - p-2
            measure:
              unit: GBP
              baseline: 0
              target: 500000
              target_date: 2006-03-31
              direction: increase
            measurements:
              - date: 2005-03-31
                value: 120000
                source: Annual report
              -   date: 2004-03-31
                  value: 1.5e4

              # a comment between items
              - {date: 2005-09-30, value: -3.25}
        """,
    "flow": """
        aims: {a-1: {title: One, tags: [x, "y", 'z']}, a-2: {title: Two, tags: []}}
        themes:
          t-1: {title: T, aims: [a-1,
            a-2]}
          t-2: {}
        """,
    "quoted": """
        model:
          title: 'It''s a "model"'
          description: "tab\\there, unicode \\u00e9, line\\nbreak"
          organisation: "123"
        aims:
          '007': {title: "true"}
          "no": {title: '2005-07-14'}
        """,
    "yaml12": """
        aims:
          a-1:
            title: no
            owner: off
            description: NO
            tags: [yes, Y, on, n, ~, null, true, False, '']
            x-note: ! 42
        """,
    "numbers": """
        values: [0, -3, +5, 012, 0o17, 0x1F, 1e5, .5, 1., -2.5E-3, .inf, -.Inf, .nan, 1_000, 0b101, 12:30, 0x, 0o9]
        dates: [2005-07-14, 2005-7-14, 2005-07-14 10:00:00, 2005-07-14T10:00:00Z, 20050714]
        """,
    "blocks": """
        aims:
          a-1:
            title: Plain text that
              runs over two lines
            description: >-
              Folded text
              over lines.

              A second paragraph.
            owner: |
              Literal
               indented
          a-2:

            # a comment between a key and its fields
            title: x
            description:
        """,
}


@pytest.fixture
def model_file(write_model):
    def make(name: str, encoding_prefix: bytes = b"", newline: str = "\n"):
        path = write_model(FILES[name], f"{name}.yaml")
        text = path.read_text(encoding="utf-8")
        path.write_bytes(encoding_prefix + text.replace("\n", newline).encode("utf-8"))
        return path

    return make


def test_example_gives_equal_data_and_positions():
    path = example_path()
    _, data = load_roundtrip(path)
    assert_same(read_yaml(path), data)


def test_example_validates_to_the_same_model():
    name = "<example>/hampshire.yaml"
    _, data = load_roundtrip(example_path(), name)
    assert validate([(name, data)]) == load_example()


def test_a_generated_model_gives_equal_data_and_positions(tmp_path):
    spec = importlib.util.spec_from_file_location("generate", Path(__file__).parent / "benchmarks" / "generate.py")
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    path = tmp_path / "generated.yaml"
    path.write_text(generate.generate_model(300, seed=7), encoding="utf-8")
    _, data = load_roundtrip(path)
    assert_same(read_yaml(path), data)
    assert len(data["projects"]) == 180


@pytest.mark.parametrize("name", sorted(FILES))
def test_purpose_built_files_give_equal_data_and_positions(model_file, name):
    path = model_file(name)
    _, data = load_roundtrip(path)
    assert_same(read_yaml(path), data)


@pytest.mark.parametrize("name", sorted(FILES))
def test_bom_and_crlf_files_give_equal_data_and_positions(model_file, name):
    path = model_file(name, encoding_prefix=b"\xef\xbb\xbf", newline="\r\n")
    _, data = load_roundtrip(path)
    assert_same(read_yaml(path), data)


def test_scalars_resolve_by_yaml_12_core_rules_plus_dates(model_file):
    _, data = load_roundtrip(model_file("yaml12"))
    aim = data["aims"]["a-1"]
    assert (aim["title"], aim["owner"], aim["description"]) == ("no", "off", "NO")
    assert aim["tags"] == ["yes", "Y", "on", "n", None, None, True, False, ""]
    assert aim["x-note"] == "42"
    _, data = load_roundtrip(model_file("numbers"))
    values = data["values"]
    assert values[:12] == [0, -3, 5, 12, 15, 31, 100000.0, 0.5, 1.0, -0.0025, math.inf, -math.inf]
    assert [type(v) for v in values[:12]] == [int] * 6 + [float] * 6
    assert math.isnan(values[12])
    assert values[13:] == ["1_000", "0b101", "12:30", "0x", "0o9"]
    assert data["dates"] == [dt.date(2005, 7, 14), "2005-7-14", "2005-07-14 10:00:00", "2005-07-14T10:00:00Z", 20050714]
    _, data = load_roundtrip(model_file("quoted"))
    assert data["model"] == {
        "title": 'It\'s a "model"',
        "description": "tab\there, unicode \u00e9, line\nbreak",
        "organisation": "123",
    }
    assert list(data["aims"]) == ["007", "no"]
    assert data["aims"]["no"] == {"title": "2005-07-14"}


def test_positions_are_one_based_at_the_key_value_and_item(model_file):
    _, data = load_roundtrip(model_file("measures"))
    benefit = data["benefits"]["b-1"]
    assert data["benefits"].key_pos["b-1"] == (3, 3)
    assert benefit.value_pos["title"] == (4, 12)
    assert benefit["projects"].item_pos == [(7, 9), (8, 9)]
    assert benefit["measure"].key_pos["target"] == (12, 7)
    measurements = benefit["measurements"]
    assert measurements.item_pos == [(16, 9), (19, 11), (23, 9)]
    assert measurements[1].key_pos["value"] == (20, 11)
    assert measurements[2].value_pos["value"] == (23, 35)


def test_a_header_directive_and_document_markers_load(write_model):
    path = write_model("# yaml-language-server: $schema=x.json\n%YAML 1.1\n--- # start\naims: {a: {title: 012}}\n...\n")
    _, data = load_roundtrip(path)
    # The directive does not switch on YAML 1.1 rules: 012 is twelve, as the fast reader says.
    assert data == {"aims": {"a": {"title": 12}}}
    assert_same(read_yaml(path), data)


UNSAFE = [
    "aims: !!python/object/apply:os.system [echo hi]\n",
    "aims: !foo {a: 1}\n",
    "aims:\n  a: &x {title: t}\n  b: *x\n",
    "aims:\n  a:\n    <<: {title: t}\n",
    "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
    "aims:\n  a: 1\n  a: 2\n",
    "model: {as_of: 2005-02-30}\n",
    "a: 1\n---\nb: 2\n",
    "# only a comment\n",
    "- a\n- b\n",
    "a: [1\n",
]


@pytest.mark.parametrize("text", UNSAFE)
def test_refuses_exactly_what_the_fast_reader_refuses(write_model, text):
    path = write_model(text)
    with pytest.raises(LoadError) as fast:
        read_yaml(path)
    with pytest.raises(LoadError) as slow:
        load_roundtrip(path)
    assert slow.value.findings == fast.value.findings


def test_refuses_an_oversized_file_as_the_fast_reader_does(write_model, monkeypatch):
    import goldenthread.model.yamlread as yamlread

    monkeypatch.setattr(yamlread, "MAX_BYTES", 16)
    path = write_model("aims: {a: {title: twenty bytes and more}}\n")
    with pytest.raises(LoadError) as fast:
        read_yaml(path, "m.yaml")
    with pytest.raises(LoadError) as slow:
        load_roundtrip(path, "m.yaml")
    assert str(slow.value) == str(fast.value) == "m.yaml:1:1: error[schema] file is 42 bytes, over the 16-byte limit"


def test_refuses_a_missing_file_and_a_folder(tmp_path):
    with pytest.raises(LoadError, match=r"^nope.yaml:1:1: error\[schema\] cannot read file: No such file"):
        load_roundtrip(tmp_path / "nope.yaml", "nope.yaml")
    with pytest.raises(LoadError, match=r"^dir:1:1: error\[schema\] is a directory, expected a YAML file$"):
        load_roundtrip(tmp_path, "dir")


def test_refuses_a_python_tag_with_a_positioned_message(write_model):
    path = write_model("aims: !!python/object/apply:os.system [echo hi]\n")
    with pytest.raises(LoadError) as e:
        load_roundtrip(path, "m.yaml")
    assert str(e.value) == (
        "m.yaml:1:7: error[schema] tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed: "
        "a model holds plain data only"
    )


def test_refuses_non_utf8_bytes_at_their_position(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"aims:\n  a: {title: caf\xe9}\n")
    with pytest.raises(LoadError) as e:
        load_roundtrip(path, "bad.yaml")
    assert str(e.value) == "bad.yaml:2:17: error[schema] not valid UTF-8: byte 0xe9 cannot be decoded"


HOUSE = """
    # yaml-language-server: $schema=goldenthread.schema.json
    # A model written the way people write them: comments everywhere.

    model:
      title: Example council IT strategy   # shown in reports
      as_of: 2005-07-14
      currency: GBP

    aims:
      # Aims come from the council plan.
      aim-1:
        title: Better services
        description: >-
          Folded text that runs
          over two lines.
        tags: [services, 'front line']

      aim-2:
        title: 'Council''s own efficiency'
        owner: "Chief Executive"

    themes:
      theme-1:
        title: Online services
        aims:
          - aim-1  # the only aim it serves
        waive:
          theme-without-project: Funded next year.

    projects:
      proj-1:
        title: Web platform
        status: active
        budget: 1200000
        start: 2005-04-01
        end: 2006-03-31
        themes:
          - theme-1
        aims: [aim-2]

    benefits:
      ben-1:
        title: Fewer phone calls
        kind: non-cashable
        projects:
          - proj-1
        aims:
          - aim-1
        measure: {unit: calls, baseline: 12000, target: 9000, target_date: 2006-03-31, direction: decrease}
        measurements:
          - date: 2005-03-31
            value: 11500.5
            source: Contact centre log
          # the autumn count
          - {date: 2005-09-30, value: 10200}
    # end of the model
    """


@pytest.fixture
def house(write_model):
    def make(prefix: bytes = b"", newline: str = "\n"):
        path = write_model(HOUSE, "house.yaml")
        path.write_bytes(prefix + path.read_text(encoding="utf-8").replace("\n", newline).encode("utf-8"))
        return path

    return make


def test_house_file_gives_equal_data_and_positions(house):
    path = house()
    _, data = load_roundtrip(path)
    assert_same(read_yaml(path), data)


@pytest.mark.parametrize(("prefix", "newline"), [(b"", "\n"), (b"\xef\xbb\xbf", "\n"), (b"\xef\xbb\xbf", "\r\n")])
def test_dumping_unedited_gives_the_same_bytes(house, tmp_path, prefix, newline):
    path = house(prefix, newline)
    doc, _ = load_roundtrip(path)
    out = tmp_path / "out.yaml"
    dump_roundtrip(doc, out)
    assert out.read_bytes() == path.read_bytes()


def test_dumping_the_example_unedited_gives_the_same_bytes(tmp_path):
    doc, _ = load_roundtrip(example_path())
    out = tmp_path / "out.yaml"
    dump_roundtrip(doc, out)
    assert out.read_bytes() == example_path().read_bytes()


@pytest.mark.parametrize(("prefix", "newline"), [(b"", "\n"), (b"\xef\xbb\xbf", "\r\n")])
def test_editing_a_title_in_a_commented_file_changes_that_line_only(house, prefix, newline):
    path = house(prefix, newline)
    before = path.read_bytes()
    doc, _ = load_roundtrip(path)
    doc.data["benefits"]["ben-1"]["title"] = "Fewer phone calls and letters"
    dump_roundtrip(doc, path)
    old = f"    title: Fewer phone calls{newline}".encode()
    new = f"    title: Fewer phone calls and letters{newline}".encode()
    assert before.count(old) == 1
    assert path.read_bytes() == before.replace(old, new)


# Spellings ruamel.yaml writes back in its own way: the meaning is kept, the bytes are not.
NORMALISED = {
    "measures": [
        ("      -   date: 2004-03-31\n          value: 1.5e4\n", "      - date: 2004-03-31\n        value: 1.5e4\n")
    ],
    "flow": [("aims: [a-1,\n    a-2]}", "aims: [a-1, a-2]}")],
    "quoted": [("unicode \\u00e9", "unicode \u00e9")],
    "yaml12": [("n, ~, null, true, False", "n, null, null, true, false"), ("x-note: ! 42", "x-note: '42'")],
    "numbers": [("+5, 012", "5, 012"), ("-.Inf", "-.inf")],
    "blocks": [("Plain text that\n      runs over two lines", "Plain text that runs over two lines")],
}


@pytest.mark.parametrize("name", sorted(FILES))
def test_unusual_spellings_keep_their_meaning(model_file, tmp_path, name):
    path = model_file(name)
    doc, data = load_roundtrip(path)
    out = tmp_path / "out.yaml"
    dump_roundtrip(doc, out)
    expected = path.read_text(encoding="utf-8")
    for old, new in NORMALISED[name]:
        assert expected.count(old) == 1
        expected = expected.replace(old, new)
    assert out.read_text(encoding="utf-8") == expected
    again = read_yaml(out)
    if name == "numbers":
        assert math.isnan(again["values"][12])
        again["values"][12] = data["values"][12] = "nan"
    assert again == data


def test_dumping_keeps_a_header_directive_and_document_markers(write_model, tmp_path):
    text = "# yaml-language-server: $schema=x.json\n\n%YAML 1.2\n--- # start\n# lead\naims: {a: {title: 012}}\n...\n"
    path = write_model(text)
    doc, _ = load_roundtrip(path)
    dump_roundtrip(doc, path)
    assert path.read_text(encoding="utf-8") == text


def test_editing_a_title_changes_that_line_only(tmp_path):
    original = example_path().read_text(encoding="utf-8")
    path = tmp_path / "hampshire.yaml"
    path.write_text(original, encoding="utf-8")
    doc, data = load_roundtrip(path)
    assert doc.data["aims"]["aim-2-environment"]["title"] == "Stewardship of the Environment"
    doc.data["aims"]["aim-2-environment"]["title"] = "Stewardship of the environment: less travel, less paper"
    dump_roundtrip(doc, path)
    after = path.read_text(encoding="utf-8")
    old_line = "    title: Stewardship of the Environment\n"
    assert original.count(old_line) == 1
    assert after == original.replace(old_line, "    title: 'Stewardship of the environment: less travel, less paper'\n")
    comments = [line for line in original.splitlines() if line.lstrip().startswith("#") or " # " in line]
    assert len(comments) > 100
    assert all(line in after.splitlines() for line in comments)
    assert read_yaml(path)["aims"]["aim-2-environment"]["title"] == (
        "Stewardship of the environment: less travel, less paper"
    )
    assert read_yaml(path).key_pos == data.key_pos


def test_edited_parts_take_their_container_position(model_file):
    doc, _ = load_roundtrip(model_file("flow"))
    doc.data["aims"]["a-3"] = {"title": "New", "tags": ["n"]}
    data = to_plain(doc.data)
    assert data["aims"]["a-3"] == {"title": "New", "tags": ["n"]}
    assert data["aims"].key_pos["a-3"] == data["aims"].pos == (1, 7)
    assert data["aims"]["a-3"]["tags"].item_pos == [(1, 7)]
    assert data["aims"].key_pos["a-1"] == (1, 8)


def _leftovers(folder) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


def test_a_dump_that_cannot_be_represented_leaves_the_old_file(tmp_path, model_file):
    path = model_file("measures")
    before = path.read_bytes()
    doc, _ = load_roundtrip(path)
    doc.data["benefits"]["b-1"]["title"] = object()
    with pytest.raises(Exception, match="cannot represent"):
        dump_roundtrip(doc, path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_dump_the_fast_reader_could_not_read_back_is_refused(tmp_path, model_file):
    path = model_file("measures")
    before = path.read_bytes()
    doc, _ = load_roundtrip(path)
    doc.data["benefits"]["b-1"]["measure"]["target_date"] = dt.datetime(2006, 3, 31, 12, 0)
    with pytest.raises(LoadError) as e:
        dump_roundtrip(doc, path)
    assert str(e.value).startswith(f"{path}:13:20: error[schema] not written: the edited model would not read back: ")
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_failed_write_leaves_the_old_file(tmp_path, model_file, monkeypatch):
    path = model_file("measures")
    before = path.read_bytes()
    doc, _ = load_roundtrip(path)
    doc.data["benefits"]["b-1"]["title"] = "Changed"

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space left"):
        dump_roundtrip(doc, path)
    assert path.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_dump_keeps_the_file_mode(model_file):
    path = model_file("flow")
    path.chmod(0o640)
    doc, _ = load_roundtrip(path)
    doc.data["aims"]["a-1"]["title"] = "Changed"
    dump_roundtrip(doc, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert read_yaml(path)["aims"]["a-1"]["title"] == "Changed"
