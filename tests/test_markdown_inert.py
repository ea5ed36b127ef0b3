"""Markdown for pull requests and reports: a title notifies no one and shows as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

CARE = (Path(__file__).parent / "models" / "change" / "care.yaml").read_text(encoding="utf-8")
HOSTILE = "Ask @octocat and @acme/strategy-team &amp; &#64;x &lt;b&gt;"


def _no_mention(text: str) -> None:
    for line in text.splitlines():
        bare = line.replace("`@`", "")
        assert "@octocat" not in bare and "@acme" not in bare, line
        assert "&amp;" not in bare.replace("\\&amp;", "") and "&#64;" not in bare.replace("\\&#64;", ""), line


def test_a_pull_request_comment_mentions_no_one(invoke, tmp_path):
    (tmp_path / "old.yaml").write_text(CARE, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(CARE.replace("title: Cleaner streets", f'title: "{HOSTILE}"'), encoding="utf-8")
    text = invoke("diff", "old.yaml", "new.yaml", "--format", "markdown").stdout
    assert "Ask `@`octocat and `@`acme/strategy-team \\&amp; \\&#64;x \\&lt;b\\&gt;" in text
    _no_mention(text)


@pytest.mark.parametrize("command", ["gaps", "benefits", "summary", "matrix"])
def test_report_markdown_mentions_no_one(invoke, write_model, command):
    write_model(CARE.replace("title: Cleaner streets", f'title: "{HOSTILE}"'))
    result = invoke(command, "model.yaml", "--format", "markdown")
    assert result.exit_code == 0
    _no_mention(result.stdout)
    if command == "gaps":
        assert "| a2 | Ask `@`octocat and `@`acme/strategy-team \\&amp; \\&#64;x \\&lt;b\\&gt; |" in result.stdout
