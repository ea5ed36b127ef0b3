"""The docs cannot drift: what they show is what the commands do, and they cover every command.

``docs/generate.py`` writes every shown output by running the command; these tests
check that regenerating would change nothing, and run each ``console`` example of
every page again on its own, so that hand-written examples are held to the same rule.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_generate() -> ModuleType:
    # Loaded by path under its own name: tests/benchmarks/ has a generate.py of its own.
    spec = importlib.util.spec_from_file_location("goldenthread_docs_generate", ROOT / "docs" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


gen = _load_generate()
EXAMPLES = [e for page in gen.pages() for e in gen.console_examples(page) if e.shows_output]


def test_regenerating_the_docs_changes_nothing(capsys):
    """``python docs/generate.py --check``, in this process: the console examples below reuse its sessions."""
    status = gen.main(["--check"])
    assert status == 0, capsys.readouterr().out


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e.page}:{e.line}" for e in EXAMPLES])
def test_console_example_shows_what_the_commands_print(example):
    actual = gen.run_session(example.commands)
    for command, shown, got in zip(example.commands, example.outputs, actual, strict=True):
        assert gen.matches(shown, got), f"{example.page}:{example.line}: $ {command}\n--- shown\n{shown}--- got\n{got}"


def test_the_docs_have_console_examples():
    pages = {e.page for e in EXAMPLES}
    assert {"README.md", "docs/cli.md", "docs/questions.md", "docs/rules.md", "docs/format.md"} <= pages


def test_every_command_has_its_section_in_the_reference():
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for path in gen.command_names():
        title = "goldenthread " + " ".join(path)
        assert f"\n## {title}\n" in reference, title
        assert f"\n$ {title} --help\n" in reference, title


_SHELL_THEN_OUTPUT = re.compile(r"```(?:sh|bash|shell)\n[^`]*goldenthread [^`]*```\s*\n```(?:text|json|markdown)?\n")


@pytest.mark.parametrize("page", gen.pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shown_outputs_are_console_blocks(page):
    """An output shown under a command in an ``sh`` block would never be checked: it must be a ``console`` block."""
    text = page.read_text(encoding="utf-8")
    found = [text[: m.start()].count("\n") + 1 for m in _SHELL_THEN_OUTPUT.finditer(text)]
    assert not found, f"{page.relative_to(ROOT)}: output shown outside a console block at lines {found}"


_LINK = re.compile(r"\]\(([^)\s]+)\)")


@pytest.mark.parametrize("page", gen.pages(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_local_links_lead_somewhere(page):
    text = page.read_text(encoding="utf-8")
    broken = []
    for target in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, fragment = target.partition("#")
        dest = (page.parent / path).resolve() if path else page
        if not dest.exists():
            broken.append(target)
        elif fragment and dest.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", dest.read_text(encoding="utf-8"), flags=re.MULTILINE)
            if fragment not in {gen.anchor(h) for h in headings}:
                broken.append(target)
    assert not broken, f"{page.relative_to(ROOT)}: {broken}"


def test_every_page_is_in_the_index():
    index = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    for page in (ROOT / "docs").glob("*.md"):
        if page.name != "index.md":
            assert f"]({page.name})" in index, page.name


@pytest.mark.parametrize(
    ("shown", "actual", "expected"),
    [
        ("a\nb\n", "a\nb\n", True),
        ("a\nb\n", "a\nb\nc\n", False),
        ("a\n...\n", "a\nb\nc\n", True),
        ("a\n...\n", "x\nb\n", False),
        ("...\n", "anything\n", True),
        ("", "", True),
        ("", "x\n", False),
    ],
)
def test_a_cut_output_is_compared_up_to_the_cut(shown, actual, expected):
    assert gen.matches(shown, actual) is expected


def test_console_blocks_are_read_back_as_written(tmp_path):
    page = tmp_path / "probe.md"
    page.write_text("text\n\n```console\n$ echo a\na\n$ echo $?\n0\n```\n\n```console\n$ true\n```\n")
    (first, second) = gen.console_examples(page)
    assert (first.line, first.commands, first.outputs) == (3, ("echo a", "echo $?"), ("a\n", "0\n"))
    assert second.commands == ("true",) and not second.shows_output


def test_a_session_keeps_exit_codes_and_files_between_commands():
    assert gen.run_session(["echo hi > f.txt", "cat f.txt", "false", "echo $?", "printf x"]) == [
        "",
        "hi\n",
        "",
        "1\n",
        "x\n",
    ]


def test_a_session_shows_its_folder_by_a_fixed_name():
    assert gen.run_session(["pwd", "ls tests/models/portfolio.yaml"]) == [
        "~/strategy\n",
        "tests/models/portfolio.yaml\n",
    ]
