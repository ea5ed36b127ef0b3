"""A strategist's whole loop through the command line, with no text editor.

init; add, link, measure and waive until check passes; export the workbook;
change it in the spreadsheet; import it; diff the two versions.
"""

from __future__ import annotations

import openpyxl


def test_the_whole_loop(invoke, tmp_path):
    def ok(*args: str) -> str:
        result = invoke(*args)
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
        return result.stdout

    ok("init", "--title", "Borough IT strategy", "--as-of", "2025-04-01")
    ok("add", "aim", "safer-streets", "--title", "Safer streets")
    assert invoke("check").exit_code == 1  # an aim with no investment is an error
    ok("add", "theme", "cctv", "--title", "Connected CCTV", "--aim", "safer-streets")
    ok("add", "project", "cctv-upgrade", "--title", "CCTV upgrade", "--budget", "250,000", "--start", "2025-04-01")
    out = ok("link", "cctv-upgrade", "cctv")
    assert "resolved: " in out and "aim-without-investment" in out
    ok("add", "benefit", "fewer-incidents", "--title", "Fewer incidents", "--project", "cctv-upgrade")
    ok("link", "fewer-incidents", "safer-streets")
    ok("set", "fewer-incidents", "measure.unit", "incidents", "measure.target", "80", "measure.direction", "decrease")
    ok("measure", "fewer-incidents", "120", "--date", "2025-04-01", "--source", "Police data")
    assert invoke("check", "--strict").exit_code == 0
    ok("waive", "theme-1", "theme-without-project", "--reason", "Kept for next year")
    assert invoke("check", "--strict").exit_code == 0

    ok("export", "--format", "xlsx", "-o", "model.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "model.xlsx")
    projects = wb["Projects"]
    row = next(r for r in projects.iter_rows(min_row=2) if r[0].value == "cctv-upgrade")
    row[7].value = 300000  # budget
    wb["Measurements"].append(["fewer-incidents", "2025-10-01", 95, "Police data"])
    wb.save(tmp_path / "model.xlsx")
    ok("import", "model.xlsx", "-o", "next/goldenthread.yaml")
    assert invoke("check", "--strict", "next/goldenthread.yaml").exit_code == 0

    diff = invoke("diff", "goldenthread.yaml", "next/goldenthread.yaml")
    assert diff.exit_code == 0, diff.stderr
    assert "cctv-upgrade" in diff.stdout
    assert "300" in diff.stdout
