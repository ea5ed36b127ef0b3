"""Keep the documentation true: every command output, table and reference in it is generated.

README.md and docs/*.md hold cog blocks (https://nedbatchelder.com/code/cog/) that call
the helpers below; regenerate everything, or check nothing has drifted, with::

    python docs/generate.py           # rewrite the generated parts in place
    python docs/generate.py --check   # exit 1, with a diff, when any would change

Commands shown with their output are run for real through the installed ``goldenthread``,
in a fresh temporary folder holding copies of ``tests/models/`` and ``docs/examples/``,
with a fixed environment (``COLUMNS=100``, ``NO_COLOR=1``, no ``$GOLDENTHREAD_MODEL``),
so the same tree always gives the same pages.  ``tests/test_docs.py`` runs the check, and
runs every ``console`` block of the docs again through :func:`run_session` on its own.

Conventions a page follows to be checked:

- an example whose output is shown is a fenced ``console`` block: lines starting ``$ `` are
  commands, the lines after each are its output (stdout and stderr, as a terminal shows them);
- an output ending in a line ``...`` was cut there: only the lines before it are compared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC_FILES = ("README.md", "docs/*.md")
#: Folders copied into every session, at the same relative path, so that examples can name them.
FIXTURES = ("tests/models", "docs/examples")
#: What the session's folder is shown as, wherever a command prints its absolute path.
SHOWN_CWD = "~/strategy"
CUT = "..."
_MARK = "<<goldenthread-docs {}>>"
_MARK_RE = re.compile(r"\n<<goldenthread-docs \d+>>\n")


def environment(home: Path) -> dict[str, str]:
    """The fixed environment every documented command runs in."""
    bin_dir = str(Path(sys.executable).parent)
    return {
        "PATH": os.pathsep.join([bin_dir, os.environ.get("PATH", os.defpath)]),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TZ": "UTC",
        "COLUMNS": "100",
        "LINES": "50",
        "NO_COLOR": "1",
        "TERM": "dumb",
        # Unbuffered, so stdout and stderr interleave as they would on a terminal.
        "PYTHONUNBUFFERED": "1",
        "PYTHONHASHSEED": "0",
    }


#: Outputs of the sessions run so far in this process: the same commands give the same outputs.
_sessions: dict[tuple[str, ...], list[str]] = {}


def run_session(commands: Sequence[str]) -> list[str]:
    """Run ``commands`` one after the other in one fresh folder; return each one's output.

    They run in one shell, so ``echo $?`` shows the previous command's exit code and a
    file one command writes is there for the next.  A session already run (or
    :func:`prefetch`-ed) in this process is not run again.
    """
    key = tuple(commands)
    if key not in _sessions:
        _sessions[key] = _run_session(key)
    return list(_sessions[key])


def prefetch(sessions: Iterable[Sequence[str]]) -> None:
    """Run many sessions at once, in parallel, so that the pages then find them done.

    A session that fails is left out: it fails again, with its message, where a page runs it.
    """
    keys = list(dict.fromkeys(tuple(s) for s in sessions if tuple(s) not in _sessions))
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 1)) as pool:
        futures = {key: pool.submit(_run_session, key) for key in keys}
    for key, future in futures.items():
        if future.exception() is None:
            _sessions[key] = future.result()


def _run_session(commands: tuple[str, ...]) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="goldenthread-docs-") as tmp:
        cwd = Path(tmp) / "strategy"
        cwd.mkdir()
        for folder in FIXTURES:
            if (ROOT / folder).is_dir():
                shutil.copytree(ROOT / folder, cwd / folder)
        # The markers split the outputs apart; the exit code is kept across them for ``echo $?``.
        script = "__rc=0\n" + "".join(
            f"printf '\\n{_MARK.format(i)}\\n'\n(exit $__rc); {c}\n__rc=$?\n" for i, c in enumerate(commands)
        )
        script += f"printf '\\n{_MARK.format(len(commands))}\\n'\n"
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-c", script],
            cwd=cwd,
            env=environment(Path(tmp)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=600,
        )
        text = done.stdout.decode("utf-8", errors="replace")
        for shown in {str(cwd), str(cwd.resolve())}:
            text = text.replace(shown, SHOWN_CWD)
    if "Traceback (most recent call last)" in text:
        # Never document a crash as an output: fail, so cog leaves the page as it was.
        raise RuntimeError(f"a command of {commands!r} crashed:\n{text}")
    parts = _MARK_RE.split(text)
    if len(parts) != len(commands) + 2:
        raise RuntimeError(f"could not split the output of {commands!r}:\n{text}")
    return [_ends_line(p) for p in parts[1:-1]]


def _ends_line(text: str) -> str:
    return text if not text or text.endswith("\n") else text + "\n"


def console_text(*commands: str, lines: int | None = None) -> str:
    """A ``console`` block: each command after ``$ ``, then its real output.

    ``lines``: keep only the first ``lines`` lines of each output, then ``...``.
    """
    outputs = run_session(commands)
    if lines is not None:
        for i, output in enumerate(outputs):
            kept = output.splitlines(keepends=True)
            if len(kept) > lines:
                outputs[i] = "".join(kept[:lines]) + CUT + "\n"
    body = "".join(f"$ {c}\n{o}" for c, o in zip(commands, outputs, strict=True))
    return f"```console\n{body}```\n"


def console(*commands: str, lines: int | None = None) -> None:
    """Write :func:`console_text` into the page (inside a cog block)."""
    _out(console_text(*commands, lines=lines))


def _out(text: str) -> None:
    import cog  # type: ignore[import-not-found]  # only there while cog runs the block

    cog.out(text)


def output_block(command: str, lang: str) -> None:
    """The real output of one command as a fenced ``lang`` block, for a page to render it
    (a Mermaid diagram, say); the command is run as :func:`console` runs it."""
    (output,) = run_session([command])
    _out(f"```{lang}\n{output}```\n")


def show_file(path: str, lang: str = "yaml") -> None:
    """The text of a file of this repository, as a fenced block."""
    text = (ROOT / path).read_text(encoding="utf-8")
    _out(f"```{lang}\n{_ends_line(text)}```\n")


# --- the command line ----------------------------------------------------------------------


def command_names() -> list[list[str]]:
    """Every command of the installed CLI, subcommands of groups included, as argument lists."""
    import click

    from goldenthread.cli.main import cli

    def walk(group: click.Group, prefix: list[str]) -> Iterator[list[str]]:
        for name in sorted(group.commands):
            command = group.commands[name]
            if getattr(command, "hidden", False):
                continue
            yield [*prefix, name]
            if isinstance(command, click.Group):
                yield from walk(command, [*prefix, name])

    return list(walk(cli, []))


def short_help(path: Sequence[str]) -> str:
    """The one-line summary of one command, as ``goldenthread --help`` would give it uncut."""
    import click

    from goldenthread.cli.main import cli

    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    return command.get_short_help_str(limit=1000)


def anchor(title: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    kept = re.sub(r"[^\w\- ]", "", title.strip().lower())
    return kept.replace(" ", "-")


def commands_table(link: str = "docs/cli.md") -> None:
    """A table of every command and its summary, each linked to its section of the reference."""
    rows = ["| command | what it answers or does |", "| --- | --- |"]
    for path in command_names():
        title = "goldenthread " + " ".join(path)
        rows.append(f"| [`{title}`]({link}#{anchor(title)}) | {_cell(short_help(path))} |")
    _out("\n".join(rows) + "\n")


def commands_list() -> None:
    """Every command's name, in one wrapped paragraph."""
    import textwrap

    names = ", ".join(f"`{' '.join(path)}`" for path in command_names())
    _out(textwrap.fill(names + ".", width=88, break_long_words=False, break_on_hyphens=False) + "\n")


def option_choices(path: Sequence[str], option: str) -> None:
    """The values an option of a command accepts (``option`` as it is written: ``--format``), as a list."""
    import click

    from goldenthread.cli.main import cli

    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    (param,) = (p for p in command.params if option in getattr(p, "opts", ()))
    assert isinstance(param.type, click.Choice), f"{option} of {path} is not a choice"
    _out(_either(param.type.choices) + ":\n")


def _either(items: Sequence[str]) -> str:
    quoted = [f"`{i}`" for i in items]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def cli_reference() -> None:
    """A table of the commands, then one section a command: its whole ``--help``, run for real."""
    commands_table(link="")
    parts = ["\n", console_text("goldenthread --help")]
    for path in command_names():
        title = "goldenthread " + " ".join(path)
        parts.append(f"\n## {title}\n\n{_cell(short_help(path))}\n\n")
        parts.append(console_text(f"{title} --help"))
    _out("".join(parts))


# --- the model format and the rules --------------------------------------------------------


def _type_text(field: object) -> str:
    from goldenthread.model.vocabulary import Field

    assert isinstance(field, Field)
    kind = field.type
    simple = {
        "str": "text",
        "strlist": "list of text",
        "number": "number",
        "amount": "number >= 0",
        "percent": "number from 0 to 100",
        "period": "period: `30d`, `6w`, `3m`, `1y` (days, weeks, months, years)",
        "allocation": "mapping of aim id to percent (above 0, at most 100; adding up to 100)",
        "date": "date `YYYY-MM-DD`",
        "currency": "three capital letters (ISO 4217)",
        "waive": "mapping of rule id to a non-empty reason",
        "measure": "mapping: [measure](#measure)",
        "measurements": "list of mappings: [measurement](#measurement)",
    }
    if kind in simple:
        return simple[kind]
    if kind == "enum":
        return _either(field.choices)
    if kind == "refs":
        return f"list of {field.ref} ids"
    # A new kind of field must be described here, or generating the docs fails loudly.
    raise ValueError(f"docs/generate.py does not know how to describe a field of type {kind!r}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def fields_table(section: str) -> None:
    """The keys of one mapping of the format, from ``goldenthread.model.vocabulary``.

    ``section``: ``model``, ``measure``, ``measurement``, ``entity`` (the keys every kind of
    entity has), or an entity kind (``aim``...: the keys of that kind besides those).
    """
    from goldenthread.model import vocabulary

    kinds = list(vocabulary.ENTITY_FIELDS.values())
    common = {name: f for name, f in kinds[0].items() if all(k.get(name) == f for k in kinds)}
    tables = {
        "model": vocabulary.MODEL_FIELDS,
        "measure": vocabulary.MEASURE_FIELDS,
        "measurement": vocabulary.MEASUREMENT_FIELDS,
        "entity": common,
        **{
            kind: {name: f for name, f in fields.items() if name not in common}
            for kind, fields in vocabulary.ENTITY_FIELDS.items()
        },
    }
    if not tables[section]:
        _out("No keys besides those every entity has.\n")
        return
    rows = ["| key | type | required | meaning |", "| --- | --- | --- | --- |"]
    for name, field in tables[section].items():
        required = "**yes**" if field.required else ""
        rows.append(f"| `{name}` | {_type_text(field)} | {required} | {_cell(field.doc)} |")
    _out("\n".join(rows) + "\n")


def sections_table() -> None:
    """The top-level sections of a model, from ``goldenthread.model.vocabulary.TOP_LEVEL``."""
    from goldenthread.model.vocabulary import TOP_LEVEL

    rows = ["| section | holds |", "| --- | --- |"]
    rows += [f"| `{name}:` | {_cell(doc)} |" for name, doc in TOP_LEVEL.items()]
    _out("\n".join(rows) + "\n")


def outputs_table() -> None:
    """Every command's typed result and formats, from ``goldenthread.traceability.render.outputs``."""
    from goldenthread.traceability.render.outputs import OUTPUTS

    rows = ["| command | computes | formats |", "| --- | --- | --- |"]
    for name, output in OUTPUTS.items():
        if output.result is None:
            computes = "(a fixed document)"
        else:
            module, _, attribute = output.result.partition(":")
            computes = f"`{attribute}` (`{module.replace('.', '/')}.py`)"
        formats = ", ".join(output.formats) if output.formats else f"(writes {output.writes})"
        rows.append(f"| `{name}` | {computes} | {formats} |")
    _out("\n".join(rows) + "\n")


def exit_codes_table() -> None:
    """The exit codes and what each means, from ``goldenthread.cli.exits``."""
    from goldenthread.cli.exits import MEANINGS

    rows = [f"| {int(outcome)} | {_cell(meaning)} |" for outcome, meaning in MEANINGS.items()]
    _out("\n".join(["| code | meaning |", "| --- | --- |", *rows]) + "\n")


def rules_table() -> None:
    """The rule book, from ``goldenthread.model.rulebook``: every rule and its default severity."""
    from goldenthread.model.rulebook import RULES, SCHEMA_RULE

    rows = ["| rule | applies to | default severity | fires when |", "| --- | --- | --- | --- |"]
    # Each rule's anchor is where SARIF's helpUri for it points (traceability/render/sarif.py).
    rows += [f'| <a id="{r.id}"></a>`{r.id}` | {r.kind} | {r.severity} | {_cell(r.summary)} |' for r in RULES.values()]
    rows.append(
        f'| <a id="{SCHEMA_RULE}"></a>`{SCHEMA_RULE}` | the files | error, always | '
        "the model does not follow the format: YAML that "
        "cannot be read, wrong types, unknown keys, bad or duplicate ids, bad references |"
    )
    _out("\n".join(rows) + "\n")


def settings_text() -> None:
    """The values ``rules:`` accepts, from the rule book."""
    from goldenthread.model.rulebook import SETTINGS

    _out(_either(SETTINGS) + ".\n")


# --- the code ------------------------------------------------------------------------------


def module_map(
    folders: Sequence[str] = ("model", "model/edit", "model/sources", "traceability", "traceability/render", "cli"),
) -> None:
    """One row a module of the package: its path and the first line of its docstring."""
    import ast

    rows = ["| module | what it holds |", "| --- | --- |"]
    for folder in folders:
        for path in sorted((ROOT / folder).glob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            doc = (ast.get_docstring(tree) or "").strip()
            first = " ".join(doc.split("\n\n", 1)[0].split())
            rel = path.relative_to(ROOT).as_posix()
            rows.append(f"| [`{rel}`](../{rel}) | {_cell(first)} |")
    _out("\n".join(rows) + "\n")


# --- reading the pages back, for the tests -------------------------------------------------


@dataclass(frozen=True)
class ConsoleExample:
    """One ``console`` block of a page: its commands and the output shown for each."""

    page: str
    line: int
    commands: tuple[str, ...]
    outputs: tuple[str, ...]

    @property
    def shows_output(self) -> bool:
        return any(self.outputs)


def console_examples(page: Path) -> list[ConsoleExample]:
    """Every ``console`` block of ``page``, in order."""
    lines = page.read_text(encoding="utf-8").splitlines(keepends=True)
    found: list[ConsoleExample] = []
    i = 0
    while i < len(lines):
        if lines[i].rstrip("\n") != "```console":
            i += 1
            continue
        start = i + 1
        commands: list[str] = []
        outputs: list[str] = []
        i += 1
        while i < len(lines) and lines[i].rstrip("\n") != "```":
            if lines[i].startswith("$ "):
                commands.append(lines[i][2:].rstrip("\n"))
                outputs.append("")
            elif outputs:
                outputs[-1] += lines[i]
            i += 1
        name = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else str(page)
        found.append(ConsoleExample(name, start, tuple(commands), tuple(outputs)))
        i += 1
    return found


def matches(shown: str, actual: str) -> bool:
    """True when ``actual`` is ``shown``, or starts with it when ``shown`` was cut with ``...``."""
    if shown.endswith(f"\n{CUT}\n") or shown == f"{CUT}\n":
        return actual.startswith(shown[: -len(CUT) - 1])
    return actual == shown


def pages() -> list[Path]:
    """README.md and every page under docs/, the files cog runs over."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def main(argv: Sequence[str]) -> int:
    """Regenerate every page (``--check``: only report what would change, exit 1 if anything)."""
    from cogapp import Cog  # type: ignore[import-untyped]

    check = "--check" in argv
    files = [str(p.relative_to(ROOT)) for p in pages()]
    mode = ["--check", "--diff", "--check-fail-msg", "run: python docs/generate.py"] if check else ["-r"]
    # The sessions the pages show now are most likely the ones they will show: run them all at once.
    prefetch(e.commands for page in pages() for e in console_examples(page))
    # The pages' blocks import this module as ``generate`` (docs/) or ``docs.generate`` (README):
    # let them find this very module, and the sessions it has run.
    this = sys.modules[__name__]
    saved = {name: sys.modules.get(name) for name in ("generate", "docs.generate")}
    sys.modules.update(dict.fromkeys(saved, this))
    cwd = os.getcwd()
    try:
        os.chdir(ROOT)
        status = Cog().main(["cog", *mode, "-U", "-I", "docs", "--verbosity", "1", *files])
    finally:
        os.chdir(cwd)
        for name, module in saved.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
    # cog says 5 for a failed check and 2 for an error in a block: either way, the docs are not right.
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
