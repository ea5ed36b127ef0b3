"""Fuzz the command line with mutated test models: no traceback, one line a problem, exit 0, 1 or 2.

Run (not collected by pytest: the file name does not start with ``test_``)::

    python tests/fuzz/fuzz_cli.py -max_total_time=600 -rss_limit_mb=4096 /tmp/corpus tests/fuzz/seeds

libFuzzer mutates the seed corpus (every model under ``tests/models`` and the
built-in example, copied into ``tests/fuzz/seeds`` on first run) with coverage
feedback from atheris; half the mutations are ours (:func:`mutate`): a hostile
value (numbers past every bound, titles with line breaks, bidi controls,
formulas and Mermaid directives) spliced in after a key, or the line ends
changed to CR or CRLF, so that more inputs load and reach the renderers.
Each input is written as a model file and one command picked by the input's
hash is run in-process, then judged:

- the command ends with exit code 0, 1 or 2 and no Python exception;
- with exit 2, every line on stderr is one problem: ``file:line:col: ...``
  naming a line and column that exist in the file (under LF, CRLF and CR
  line ends alike), or a one-line ``Error:``/``goldenthread:`` message;
- every JSON output parses strictly (no NaN or Infinity);
- every line of ``check --format text`` output has no control character.

``--keep-going`` (our own flag, before the libFuzzer ones) records a failing
input under ``tests/fuzz/failures/`` and carries on instead of stopping, and
prints the counts at the end.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import shutil
import sys
import tempfile
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from click.testing import CliRunner

    from goldenthread.cli.main import cli

HERE = Path(__file__).resolve().parent
TESTS = HERE.parent
SEEDS = HERE / "seeds"
EXAMPLE = str(TESTS.parent / "model" / "examples" / "hampshire.yaml")
FAILURES = HERE / "failures"

_POSITIONED = re.compile(r"(?P<file>.*?):(?P<line>\d+):(?P<col>\d+): \S")
_SIDE = re.compile(r"^(?:OLD|NEW) \((.*?)\)(?=:\d+:\d+: )")
_SUMMARY = re.compile(r"\d+ errors?, |.*: the model could not be loaded")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check", "--format", "text"),
    ("check", "--format", "json"),
    ("check", "--format", "github"),
    ("gaps", "--format", "json"),
    ("gaps", "--format", "csv"),
    ("summary", "--format", "json"),
    ("summary",),
    ("benefits", "--format", "json"),
    ("benefits", "--format", "csv"),
    ("matrix", "--format", "csv"),
    ("export", "--format", "json"),
    ("export", "--format", "mermaid"),
    ("export", "--format", "dot"),
    ("export", "--format", "graphml"),
    ("render", "-o", "{out}/graph.html"),
    ("report", "-o", "{out}/report.html"),
    ("trace", "-m", "{model}", "{first}"),
    ("impact", "-m", "{model}", "{first}"),
    ("impact", "-m", "{model}", "{first}", "--format", "json"),
    ("diff", "{model}", "{example}", "--format", "json"),
    ("export", "--format", "csv", "-o", "{out}/csv"),
)

stats: dict[str, object] = {"runs": 0, "failures": 0, "exit": {0: 0, 1: 0, 2: 0}}
keep_going = False
runner = CliRunner()


def _lines(data: bytes) -> list[str]:
    """The file's lines as positions count them (libyaml's breaks: CRLF, LF, CR, NEL, LS, PS)."""
    text = data.decode("utf-8-sig", errors="replace")
    lines = re.split("\r\n|[\r\n\x85\u2028\u2029]", text)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()  # after a final line break there is no further line
    return lines


#: Values spliced into the models, so that more fuzzed inputs load and reach the analyses and renderers.
HOSTILE = [
    b"1" + b"0" * 400,
    b"-" + b"9" * 5000,
    b"0x" + b"f" * 1200,
    b"1e400",
    b"-1.7e308",
    b"1e15",
    b"1e-12",
    b".nan",
    b"-.inf",
    b'"two\nlines"',
    b'"cr\rhere"',
    b'"\u202eevil"',
    b'"=HYPERLINK(1)"',
    b'"+1"',
    b'"@SUM(A1)"',
    b'"%%{init: {}}%%"',
    b'"C:\\new & <b> #35; "q""',
    b'"::error::forged"',
    b"[]",
    b"{}",
    b"2005-02-30",
    b"0001-01-01",
    b"9999-12-31",
    b"cancelled",
]
_VALUE_END = re.compile(rb"[,}\]\r\n]")


def _first_id(data: bytes) -> str:
    m = re.search(rb"^  ([A-Za-z0-9][A-Za-z0-9_.-]*):", data, re.M)
    return m.group(1).decode() if m else "x"


def _strict_json(text: str) -> None:
    def refuse(name: str) -> None:
        raise ValueError(f"non-finite number {name} in JSON")

    json.loads(text, parse_constant=refuse)


def judge(data: bytes, args: list[str], result, model: Path) -> str | None:
    """Why the run broke a promise, or None."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return "exception:\n" + "".join(traceback.format_exception(result.exception))
    if result.exit_code not in (0, 1, 2):
        return f"exit code {result.exit_code}"
    stats["exit"][result.exit_code] += 1
    lines = _lines(data)
    if result.exit_code == 2:
        for line in result.stderr.splitlines():
            if not line or line.startswith(("Error:", "goldenthread:", "Usage:", "Try ")):
                continue
            line = _SIDE.sub(r"\1", line)  # diff names the side: "OLD (path):line:col: ..."
            m = _POSITIONED.match(line)
            if m is None or not line.startswith(str(model)):
                return f"stderr line is not a positioned problem: {line!r}"
            n, c = int(m["line"]), int(m["col"])
            if not 1 <= n <= max(len(lines), 1) or not 1 <= c <= len(lines[n - 1]) + 1:
                return f"position {n}:{c} does not exist in the file: {line!r}"
            if _CONTROL.search(line):
                return f"control character on stderr: {line!r}"
    if "json" in args and result.exit_code != 2:
        try:
            _strict_json(result.stdout)
        except ValueError as e:
            return f"invalid JSON: {e}"
    if args[:1] == ["check"] and "text" in args:
        for line in result.stdout.splitlines():
            if _CONTROL.search(line):
                return f"control character in check text: {line!r}"
            if line and not (
                _POSITIONED.match(line) or re.match(r"\d+ errors?, |.*: the model could not be loaded", line)
            ):
                return f"check text line is neither a finding nor the summary: {line!r}"
    return None


def test_one(data: bytes) -> None:
    digest = hashlib.sha1(data).digest()
    template = COMMANDS[digest[0] % len(COMMANDS)]
    with tempfile.TemporaryDirectory() as out:
        model = Path(out) / "model.yaml"
        model.write_bytes(data)
        args = [a.format(out=out, first=_first_id(data), model=model, example=EXAMPLE) for a in template]
        if "{model}" not in template:
            args.insert(1, str(model))
        result = runner.invoke(cli, args, catch_exceptions=True, env={"NO_COLOR": "1"})
        stats["runs"] += 1
        why = judge(data, args, result, model)
    if stats["runs"] % 200 == 0:
        _save_stats()
    if why is None:
        return
    stats["failures"] += 1
    FAILURES.mkdir(exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:12]
    (FAILURES / f"{name}.yaml").write_bytes(data)
    (FAILURES / f"{name}.txt").write_text(f"{' '.join(args)}\n{why}\n", encoding="utf-8", errors="replace")
    if not keep_going:
        raise AssertionError(f"{' '.join(args)}: {why}")


def mutate(data: bytes, max_size: int, seed: int) -> bytes:
    """Half libFuzzer's own mutations; half a hostile value spliced in after a ``key:``, or the line ends changed."""
    rng = random.Random(seed)
    choice = rng.random()
    if choice < 0.5:
        return atheris.Mutate(data, max_size)
    if choice < 0.6:
        end = rng.choice([b"\r", b"\r\n", b"\n"])
        return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n").replace(b"\n", end)[:max_size]
    starts = [m.end() for m in re.finditer(rb": ", data)]
    if not starts:
        return atheris.Mutate(data, max_size)
    start = rng.choice(starts)
    m = _VALUE_END.search(data, start)
    end = m.start() if m else len(data)
    return (data[:start] + rng.choice(HOSTILE) + data[end:])[:max_size]


def _save_stats() -> None:
    # libFuzzer ends the process with exit(), past any Python ``finally``: the figures are saved as they go.
    (HERE / "stats.json").write_text(json.dumps(stats) + "\n", encoding="utf-8")


def _seed() -> None:
    if SEEDS.exists():
        return
    SEEDS.mkdir()
    for p in sorted((TESTS / "models").rglob("*.yaml")):
        shutil.copyfile(p, SEEDS / p.relative_to(TESTS / "models").as_posix().replace("/", "__"))
    example = TESTS.parent / "model" / "examples" / "hampshire.yaml"
    shutil.copyfile(example, SEEDS / "hampshire.yaml")


def main() -> None:
    global keep_going
    argv = sys.argv[:]
    if "--keep-going" in argv:
        argv.remove("--keep-going")
        keep_going = True
    _seed()
    os.environ["NO_COLOR"] = "1"
    atheris.Setup(argv, test_one, custom_mutator=mutate)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
