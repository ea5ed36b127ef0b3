"""The commented starter model that ``goldenthread init`` writes.

One of each entity, every field shown with a one-line comment, linked into one
unbroken golden thread so that ``goldenthread check`` passes on it as written.
"""

from __future__ import annotations

import datetime as dt
import json

from goldenthread.model.jsonschema import json_schema

__all__ = ["SCHEMA_FILE", "SPLIT_FILES", "STARTER_FILE", "schema_text", "starter_files"]

#: The one file ``init`` writes.
STARTER_FILE = "goldenthread.yaml"
#: The files ``init --split`` writes into its folder, one per section (the model block goes with the aims).
SPLIT_FILES = ("aims.yaml", "themes.yaml", "projects.yaml", "benefits.yaml")

#: The JSON Schema ``init`` writes beside the model, which the model's first line names: an editor with the
#: YAML language server completes and checks fields offline, with the schema of the version that wrote it.
SCHEMA_FILE = "goldenthread.schema.json"

_HEADER = f"# yaml-language-server: $schema=./{SCHEMA_FILE}\n"

#: What each file of ``init --split`` holds, said at its top: the layout explains itself to the next person.
_FOLDER = """\
# This folder is one goldenthread model: every .yaml file in it is read together, and an
# entity may link to one in any other file. One file per section, so that the people who
# keep each part edit their own file: {this}.
# `goldenthread add` puts a new entity in the file that holds its section.
"""
_HOLDS = (
    "this one holds the model block (title, date, currency) and the aims",
    "this one holds the IT strategy themes",
    "this one holds the projects and their budgets",
    "this one holds the benefits, their measures and measurements",
)

_MODEL = """\
# A goldenthread model: aims <- themes <- projects -> benefits, each linked by id.
# Check it with `goldenthread check`; change it with `goldenthread add/set/link/...` or any editor.

model:
  title: {title}  # shown at the top of every report
  organisation: {organisation}  # whose strategy this is
  as_of: {as_of}  # the date the model describes; findings such as a missed target count from it
  currency: GBP  # ISO 4217 code of every budget
  # description: Longer text about the model.

# rules:  # change a rule's severity: error, warning or off
#   benefit-without-measure: off
"""

_AIMS = """\
# Strategic aims: what the organisation wants to achieve.
aims:
  aim-1:  # the id: letters, digits, '_', '.' and '-'; links use it
    title: Better services for residents  # short name shown in reports (required)
    description: What the aim means, in a sentence or two.  # optional, as is every field below
    owner: Chief Executive  # who is accountable
    tags: [example]  # free labels for filtering
"""

_THEMES = """\
# IT strategy themes: how IT supports the aims.
themes:
  theme-1:
    title: Digital services  # required
    description: Services residents can use online.
    owner: Head of IT
    aims: [aim-1]  # the aims this theme supports
"""

_PROJECTS = """\
# Projects: the investments.
projects:
  project-1:
    title: Online booking  # required
    description: One booking system for every service.
    owner: Digital team
    status: active  # proposed, approved, active, completed or cancelled; default active
    budget: 100000  # in the model currency
    start: {start}  # YYYY-MM-DD
    end: {end}  # not before start
    themes: [theme-1]  # themes it delivers
    # aims: [aim-1]  # aims it supports directly, besides through its themes
    # waive:  # an acknowledged gap: rule id -> reason; a waived finding never fails a check
    #   project-without-benefit: A pilot; its results fed the platform.
"""

_BENEFITS = """\
# Benefits: what the investments are expected to deliver, and evidence that they do.
benefits:
  benefit-1:
    title: Bookings made online  # required
    kind: quality  # cashable, non-cashable or quality
    projects: [project-1]  # the projects that realise it
    aims: [aim-1]  # the aims it evidences
    measure:
      unit: "%"  # required in a measure
      baseline: 10  # the value before the investment
      target: 60  # required in a measure
      target_date: {target_date}  # when the target should be reached
      direction: increase  # increase (higher is better, the default) or decrease
    measurements:  # observed values, any order; `goldenthread measure` adds one
      - {{date: {as_of}, value: 10, source: Booking system}}
"""


def _text(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is YAML's)."""
    return json.dumps(value, ensure_ascii=False)


def starter_files(
    title: str = "Our IT strategy",
    organisation: str = "Our organisation",
    as_of: dt.date | None = None,
    split: bool = False,
) -> dict[str, str]:
    """File name -> text of the starter model: one file, or (``split``) one per section."""
    day = as_of or dt.date.today()
    values = {
        "title": _text(title),
        "organisation": _text(organisation),
        "as_of": day.isoformat(),
        "start": day.isoformat(),
        "end": _years_later(day, 1).isoformat(),
        "target_date": _years_later(day, 1).isoformat(),
    }
    parts = [t.format(**values) for t in (_AIMS, _THEMES, _PROJECTS, _BENEFITS)]
    head = _MODEL.format(**values)
    if not split:
        return {STARTER_FILE: _HEADER + head + "\n" + "\n".join(parts)}
    return {
        name: _HEADER + _FOLDER.format(this=holds) + "\n" + (head + "\n" if i == 0 else "") + part
        for i, (name, part, holds) in enumerate(zip(SPLIT_FILES, parts, _HOLDS, strict=True))
    }


def schema_text() -> str:
    """The JSON Schema of the format as ``goldenthread schema`` prints it, for :data:`SCHEMA_FILE`."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
