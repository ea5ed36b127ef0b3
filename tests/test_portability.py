"""Where ``fcntl`` does not exist (Windows), and with two editors at once: every update lands."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from goldenthread.model import yamlread

MODEL = "aims:\n  a0:\n    title: First\n"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "GOLDENTHREAD_MODEL"}
    env["NO_COLOR"] = "1"
    return env


def test_an_edit_runs_where_fcntl_cannot_be_imported(tmp_path):
    model = tmp_path / "goldenthread.yaml"
    model.write_text(MODEL, encoding="utf-8")
    # The whole command in a process where `import fcntl` fails, as on Windows.
    program = textwrap.dedent(
        """
        import sys, warnings
        sys.modules["fcntl"] = None
        warnings.simplefilter("ignore")  # filelock says it falls back to a lock file of its own
        sys.argv = ["goldenthread", "add", "aim", "a1", "--title", "Second"]
        from goldenthread.cli.main import main
        main()
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=120, env=_env()
    )
    assert (proc.returncode, proc.stderr) == (0, "")
    assert proc.stdout.splitlines()[:2] == ["added aim 'a1' to goldenthread.yaml", "wrote goldenthread.yaml"]
    assert model.read_text(encoding="utf-8") == MODEL + "  a1:\n    title: Second\n"


def test_ten_editors_at_once_lose_no_update(tmp_path):
    model = tmp_path / "goldenthread.yaml"
    model.write_text(MODEL, encoding="utf-8")
    command = [sys.executable, "-m", "goldenthread.cli", "add", "aim"]
    procs = [
        subprocess.Popen([*command, f"b{i}", "--title", f"Aim {i}"], cwd=tmp_path, env=_env(), stdout=subprocess.PIPE)
        for i in range(10)
    ]
    assert [p.wait(timeout=300) for p in procs] == [0] * 10
    for p in procs:
        assert p.stdout is not None
        p.stdout.close()
    text = model.read_text(encoding="utf-8")
    assert sorted(line.strip() for line in text.splitlines() if line.startswith("  b")) == [f"b{i}:" for i in range(10)]
    assert text.startswith(MODEL)


def test_pyyaml_without_libyaml_is_one_clear_line(invoke, monkeypatch, tmp_path: Path):
    (tmp_path / "goldenthread.yaml").write_text(MODEL, encoding="utf-8")
    monkeypatch.setattr(yamlread, "CParser", None)
    result = invoke("gaps")
    assert result.exit_code == 2
    assert result.stderr == (
        "goldenthread: error: PyYAML is installed without libyaml, which goldenthread reads models with: "
        "install a PyYAML wheel built with it (pip install --force-reinstall PyYAML)\n"
    )
