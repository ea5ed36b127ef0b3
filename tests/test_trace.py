"""The golden thread through one entity, and ``goldenthread trace``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from goldenthread.model import load_model
from goldenthread.traceability.graph import UnknownEntity, build_graph
from goldenthread.traceability.trace import trace

MODEL = str(Path(__file__).parent / "models" / "portfolio.yaml")


@pytest.fixture(scope="module")
def G():
    return build_graph(load_model(MODEL))


def shape(nodes) -> list:
    """(relation, id, children) tuples: the tree without the node details."""
    return [(n.relation, n.id, shape(n.children)) for n in nodes]


class TestTrace:
    def test_project_up_through_themes_and_across_through_benefits(self, G):
        t = trace(G, "p1")
        assert shape(t.up) == [
            ("delivers", "t1", [("supports", "a1", []), ("supports", "a2", [])]),
            ("delivers", "t2", [("supports", "a2", [])]),
        ]
        assert shape(t.down) == [
            ("realises", "b1", [("evidences", "a1", [])]),
            ("realises", "b4", [("evidences", "a2", [])]),
            ("realises", "b7", []),
        ]

    def test_aim_down_to_benefits_and_their_latest_measurement(self, G):
        t = trace(G, "a3")
        assert t.up == ()
        assert shape(t.down) == [
            ("supports", "t3", []),
            (
                "contributes",
                "p2",
                [("realises", "b2", [("evidences", "a2", [])]), ("realises", "b3", [("evidences", "a2", [])])],
            ),
        ]
        b2 = t.down[1].children[0]
        assert (b2.latest.value, b2.latest.date.isoformat(), b2.unit) == (85, "2024-06-30", "calls")

    def test_benefit_both_ways(self, G):
        t = trace(G, "b2")
        assert shape(t.up) == [("evidences", "a2", [])]
        assert shape(t.down) == [("realises", "p2", [])]
        assert t.down[0].outgoing is False

    def test_theme_both_ways(self, G):
        t = trace(G, "t2")
        assert shape(t.up) == [("supports", "a2", [])]
        assert [n.id for n in t.down] == ["p1", "p2"]

    def test_only_up_or_only_down(self, G):
        assert trace(G, "p1", "up").down == ()
        assert trace(G, "p1", "up").directions == ("up",)
        assert trace(G, "p1", "down").up == ()
        assert trace(G, "p1", "down").directions == ("down",)
        assert trace(G, "p1").directions == ("up", "down")

    def test_an_unknown_direction_is_refused(self, G):
        with pytest.raises(ValueError, match="direction must be one of up, down, both, not 'sideways'"):
            trace(G, "p1", "sideways")  # type: ignore[arg-type]

    def test_cancelled_project_is_shown_as_such(self, G):
        t = trace(G, "p3")
        assert (t.root.status, t.root.budget) == ("cancelled", 1000)

    def test_unknown_id_suggests_the_closest(self, G):
        with pytest.raises(UnknownEntity, match=r"no entity has the id 'p11'; did you mean 'p1'\?"):
            trace(G, "p11")


class TestCommand:
    def test_text_tree(self, invoke):
        result = invoke("trace", "p1", "-m", MODEL)
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "project p1: Web platform [active, EUR 900]",
            "up (why: toward the aims)",
            "├── delivers theme t1: Digital services",
            "│   ├── supports aim a1: Healthy residents",
            "│   └── supports aim a2: Thriving economy",
            "└── delivers theme t2: Shared data",
            "    └── supports aim a2: Thriving economy",
            "down (what: delivery and evidence)",
            "├── realises benefit b1: Online transactions [latest 65% on 2024-03-31]",
            "│   └── evidences aim a1: Healthy residents",
            "├── realises benefit b4: Days to process a claim [latest 8 days on 2024-02-01]",
            "│   └── evidences aim a2: Thriving economy",
            '└── realises benefit b7: Staff time "released" [latest 100 hours on 2024-05-01]',
        ]

    def test_example_project(self, invoke):
        result = invoke("trace", "proj-swift", "--example", "--up")
        assert result.exit_code == 0
        assert result.stdout.splitlines() == [
            "project proj-swift: SWIFT social care system [active, no budget]",
            "up (why: toward the aims)",
            # The theme is linked to no aim: the report maps it to none (its finding is waived).
            "├── delivers theme theme-value-from-investments: Increasing value from existing investments",
            "└── contributes to aim aim-4-communities: Building Strong and Safe Communities",
        ]

    def test_aim_has_nothing_above(self, invoke):
        result = invoke("trace", "a4", "--model", MODEL)
        assert result.stdout.splitlines() == [
            "aim a4: Orphan aim",
            "up (why: toward the aims)",
            "    (nothing: an aim is the top of the thread)",
            "down (what: delivery and evidence)",
            "    (nothing: no theme, project or benefit leads to it)",
        ]

    def test_project_with_no_benefit_says_so(self, invoke):
        result = invoke("trace", "proj-sap", "--example", "--down")
        assert result.stdout.splitlines() == [
            "project proj-sap: SAP [active, no budget]",
            "down (what: delivery and evidence)",
            "    (nothing: it realises no benefit)",
        ]

    def test_json(self, invoke):
        result = invoke("trace", "b7", "-m", MODEL, "--format", "json")
        doc = json.loads(result.stdout)
        assert doc.pop("goldenthread") == {"version": "0.1.0", "command": "trace"}
        assert doc.pop("model")["files"] == ["portfolio.yaml"]
        assert doc == {
            "entity": {
                "id": "b7",
                "kind": "benefit",
                "title": 'Staff time "released"',
                "quantified": True,
                "unit": "hours",
                "latest": {"date": "2024-05-01", "value": 100},
            },
            "up": [],
            "down": [
                {
                    "id": "p1",
                    "kind": "project",
                    "title": "Web platform",
                    "relation": "realises",
                    "outgoing": False,
                    "status": "active",
                    "budget": 900,
                    "children": [],
                }
            ],
        }

    def test_json_only_down_has_no_up_key(self, invoke):
        doc = json.loads(invoke("trace", "t3", "-m", MODEL, "--down", "--format", "json").stdout)
        assert list(doc) == ["goldenthread", "model", "entity", "down"]

    def test_unknown_id_exits_2_with_did_you_mean(self, invoke):
        result = invoke("trace", "aim-1", "--example")
        assert result.exit_code == 2
        assert "no entity has the id 'aim-1'; did you mean 'aim-1-life-opportunities'?" in result.stderr
        assert result.stdout == ""

    def test_no_model_is_exit_2_never_the_example(self, invoke):
        result = invoke("trace", "proj-email")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr.startswith("goldenthread: error: no model found: looked for $GOLDENTHREAD_MODEL")

    def test_the_model_as_the_second_argument(self, invoke):
        assert invoke("trace", "b7", MODEL).stdout == invoke("trace", "b7", "-m", MODEL).stdout

    def test_missing_id_is_a_usage_error(self, invoke):
        assert invoke("trace", "--example").exit_code == 2
