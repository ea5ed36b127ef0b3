"""``goldenthread check`` through the CLI: exit codes and exact output."""

from __future__ import annotations

import json


def test_example_fails_on_its_real_gaps(invoke):
    result = invoke("check", "--example", "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["model"]["entities"] == 37
    assert doc["summary"] == {"errors": 6, "warnings": 43, "waived": 0}


def test_no_model_found_is_a_usage_error(invoke):
    result = invoke("check")
    assert result.exit_code == 2
    assert "no model found" in result.stderr


def test_unknown_key_is_positioned_with_suggestion(invoke, write_model):
    path = write_model(
        """
        aims:
          a1:
            titel: Maximising life opportunities
        """
    )
    result = invoke("check", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:2:3: error[schema] aim 'a1' is missing required key 'title'",
        f"{path}:3:5: error[schema] unknown key 'titel' in aim 'a1'; did you mean 'title'?",
        "2 errors, 0 warnings, 0 waived: the model does not follow the format",
    ]
