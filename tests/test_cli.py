"""The ``gov-disclosure`` command line, end to end through the console script (and ``-m``).

A handful of subprocess calls pin the contract (exit codes, ``--json`` shape, ``extract``
with a corrupt file, ``--resume``); the finer cases call :func:`gov_disclosure.cli.main`
in-process, which is the same code without the process start-up.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gov_disclosure as gd
from gov_disclosure.checks import check
from gov_disclosure.cli import cell_label, expand_paths, main
from gov_disclosure.renderers import render
from helpers import REPO

EXAMPLE_HTML = REPO / "examples" / "shanghai-office-2019.html"
BIN = Path(sys.executable).parent


def _run(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "PYTHONIOENCODING": "utf-8",
           **(env or {})}
    return subprocess.run(["gov-disclosure", *args], cwd=cwd, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=120, check=False)


@pytest.fixture(scope="module")
def reports_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """clean.html (a real report whose sums hold), bad.html (one wrong cell), corrupt.pdf."""
    folder = tmp_path_factory.mktemp("reports")
    shutil.copyfile(EXAMPLE_HTML, folder / "clean.html")
    (folder / "bad.html").write_text(render(_bad_report(), "html", standalone=True), encoding="utf-8")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n% cut short by a failed download\n\x00\x01\x02")
    return folder


def _bad_report() -> gd.AnnualReport:
    """A small 2021-edition report whose section 三 balances, but for one cell: granted.natural_person
    is printed 14 where its row total and its column's result sum both say 9."""
    cells: dict[str, gd.CellValue] = {}
    for row, value in (("new_received", 12), ("carried_over", 3), ("granted", 9), ("unavailable_not_held", 4),
                       ("total_handled", 13), ("carried_forward", 2)):
        cells[f"requests.{row}.natural_person"] = value
        cells[f"requests.{row}.total"] = value
    cells["requests.granted.natural_person"] = 14
    return gd.AnnualReport.empty("2021", year=2023, agency="某某县教育局").with_cells(cells)


def test_check_exit_codes_and_json_shape(reports_dir: Path) -> None:
    proc = _run("check", "clean.html", "bad.html", "--json", "--lang", "en", cwd=reports_dir)
    assert proc.returncode == 1, proc.stderr
    doc = json.loads(proc.stdout)
    assert set(doc) == {"version", "files", "summary", "exit_status"}
    assert doc["exit_status"] == 1
    assert doc["summary"] == {"files": 2, "clean": 1, "with_errors": 1, "not_assessed": 0, "failed": 0,
                              "skipped": 0, "source_errors": 2, "extraction": 0}
    clean, bad = doc["files"]
    assert (clean["path"], clean["status"], clean["edition"], clean["year"]) == ("clean.html", "clean", "2019", 2019)
    assert not [f for f in clean["findings"] if f["severity"] == "error"]
    assert bad["status"] == "errors"
    (row,) = [f for f in bad["findings"] if f["code"] == "T3.ROW_TOTAL" and f["severity"] == "error"]
    assert row["scope"] == "requests.granted"
    assert (row["printed"], row["computed"], row["difference"]) == (9, 14, -5)
    assert row["cells"][0] == {"key": "requests.granted.total",
                               "label": cell_label("requests.granted.total", "2021"), "value": 9}
    assert [c["key"] for c in row["cells"][1:]] == [
        f"requests.granted.{c}" for c in ("natural_person", "commercial", "research", "social_welfare",
                                          "legal_service", "other")
    ]
    assert row["cells"][1]["value"] == 14
    assert row["repair"] == {"cell": "requests.granted.natural_person", "value": 9, "printed": 14}
    assert row["repairs"] == [row["repair"]]
    assert row["message"].isascii()  # --lang en


def test_check_clean_file_exits_0_with_a_table(reports_dir: Path) -> None:
    proc = _run("check", "clean.html", cwd=reports_dir)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("clean.html — 2019 年版，2019 年度，上海市人民政府办公厅，html\n")
    assert "共 1 个文件：1 个无误，0 个有错误，0 个无法解析" in proc.stdout


def test_check_unparseable_file_exits_2_after_checking_the_others(reports_dir: Path) -> None:
    proc = _run("check", "bad.html", "missing.txt", "--lang", "en", cwd=reports_dir)
    assert proc.returncode == 2
    assert "missing.txt — could not be parsed\n  [SOURCE.NOT_FOUND]" in proc.stdout
    # the table of the parseable file is still there, with both sides and the repair
    assert "ERROR   T3.ROW_TOTAL  requests.granted" in proc.stdout
    assert "repair: requests.granted.natural_person = 9 (printed 14)" in proc.stdout


def test_extract_skips_a_corrupt_file_and_resume_appends_only_new_files(reports_dir: Path, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(reports_dir, corpus)
    out = tmp_path / "cells.csv"
    first = _run("extract", str(corpus), "-o", str(out), "--jobs", "2", "--resume", "--lang", "en", cwd=tmp_path)
    assert first.returncode == 2  # one file failed; the others are in OUT
    status = [line.split("\t") for line in first.stderr.splitlines() if "\t" in line]
    assert status[0] == ["status", "file", "edition", "year", "cells", "detail"]
    by_file = {Path(row[1]).name: row for row in status[1:]}
    assert by_file["corrupt.pdf"][0] == "failed"
    assert by_file["corrupt.pdf"][5]
    assert by_file["clean.html"][0] in ("parsed", "problems")
    rows = _read_csv(out)
    assert {Path(r["file"]).name for r in rows} == {"bad.html", "clean.html"}
    clean_rows = sum(1 for r in rows if r["file"].endswith("clean.html"))

    shutil.copyfile(EXAMPLE_HTML, corpus / "new.html")
    second = _run("extract", str(corpus), "-o", str(out), "--resume", cwd=tmp_path, env={"GOV_DISCLOSURE_LANG": "en"})
    status2 = {Path(line.split("\t")[1]).name: line.split("\t")[0]
               for line in second.stderr.splitlines()[1:] if "\t" in line}
    assert status2 == {"bad.html": "skipped", "clean.html": "skipped", "corrupt.pdf": "failed", "new.html": "parsed"}
    rows2 = _read_csv(out)
    assert len(rows2) == len(rows) + clean_rows
    assert rows2[: len(rows)] == rows


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:  # the CSV starts with a BOM, for Excel
        return list(csv.DictReader(handle))


def test_convert_and_module_entry_point(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "gov_disclosure", "convert", str(EXAMPLE_HTML), "--to", "markdown"],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == render(gd.parse(EXAMPLE_HTML).report, "markdown").rstrip("\n") + "\n"


# ------------------------------------------------------------------ in-process (same code, no start-up)


def _main(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_check_text_table_names_cells_with_labels_and_values(
    reports_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = _main(capsys, "check", str(reports_dir / "bad.html"))
    assert status == 1
    report = gd.parse(reports_dir / "bad.html").report
    (finding,) = [f for f in check(report) if f.code == "T3.ROW_TOTAL" and f.severity.value == "error"]
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("requests.granted.natural_person "))
    assert cell_label("requests.granted.natural_person", "2021") in line
    assert line.rstrip().endswith("14")
    assert finding.message("zh") in out
    assert "修正：requests.granted.natural_person = 9（填报 14）" in out


def test_check_strict_turns_problems_into_a_failure(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    unreadable_cell = {"requests.granted.natural_person": gd.Unreadable("十二")}
    report = gd.AnnualReport.empty("2021", year=2023).with_cells(unreadable_cell)
    page = tmp_path / "unreadable.html"
    page.write_text(render(report, "html", standalone=True), encoding="utf-8")
    status, out, _ = _main(capsys, "check", str(page), "--json")
    assert status == 3  # parsed, but every sum is unfilled: nothing could be checked
    problems = json.loads(out)["files"][0]["problems"]
    (unreadable,) = [p for p in problems if p["code"] == "CELL.UNREADABLE"]
    assert unreadable["location"]["key"] == "requests.granted.natural_person"
    assert unreadable["raw"] == "十二"
    status, out, _ = _main(capsys, "check", str(page), "--json", "--strict")
    assert status == 2
    error = json.loads(out)["files"][0]["error"]
    assert error["code"] == "PARSE.STRICT"
    assert "CELL.UNREADABLE" in {p["code"] for p in error["problems"]}


def test_convert_writes_a_file_and_fails_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "report.json"
    status, _, _ = _main(capsys, "convert", str(EXAMPLE_HTML), "--to", "json", "-o", str(target))
    assert status == 0
    assert gd.from_json(target.read_text(encoding="utf-8")) == gd.parse(EXAMPLE_HTML).report
    status, _, err = _main(capsys, "convert", str(tmp_path / "missing.html"), "--to", "text")
    assert status == 2
    assert "SOURCE.NOT_FOUND" in err


def test_extract_jsonl_values_keep_decimals_and_blanks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from decimal import Decimal

    report = gd.AnnualReport.empty("2021", year=2023, agency="某某县教育局").with_cells(
        {"proactive.admin_fees.amount": Decimal("71.19"), "requests.granted.total": 5}
    )
    page = tmp_path / "r.html"
    page.write_text(render(report, "html", standalone=True), encoding="utf-8")
    out = tmp_path / "cells.jsonl"
    status, _, err = _main(capsys, "extract", str(page), "-o", str(out))
    assert status == 0, err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_key = {r["key"]: r for r in records}
    assert by_key["proactive.admin_fees.amount"]["value"] == "71.19"
    assert by_key["requests.granted.total"]["value"] == 5
    assert by_key["requests.granted.natural_person"]["value"] is None
    assert set(records[0]) == {"file", "agency", "year", "edition", "section", "key", "row", "column", "label",
                               "value", "raw", "status"}
    assert by_key["requests.granted.total"]["status"] == "number"
    assert by_key["requests.granted.natural_person"]["status"] == "blank"


def test_extract_resume_drops_rows_of_a_file_cut_short(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copyfile(EXAMPLE_HTML, tmp_path / "a.html")
    out = tmp_path / "cells.csv"
    assert _main(capsys, "extract", str(tmp_path / "a.html"), "-o", str(out), "--resume")[0] == 0
    complete = out.read_bytes()
    with out.open("a", encoding="utf-8") as handle:  # an interrupted run left half a file behind
        handle.write("half,a,row\n")
    shutil.copyfile(EXAMPLE_HTML, tmp_path / "b.html")
    status, _, err = _main(capsys, "extract", str(tmp_path / "a.html"), str(tmp_path / "b.html"), "-o", str(out),
                           "--resume", "--status", str(tmp_path / "status.tsv"), "--lang", "en")
    assert status == 0, err
    data = out.read_bytes()
    assert data.startswith(complete)
    assert b"half,a,row" not in data
    assert len(data.splitlines()) == 2 * len(complete.splitlines()) - 1  # one header
    status_lines = (tmp_path / "status.tsv").read_text(encoding="utf-8").splitlines()
    assert [ln.split("\t")[0] for ln in status_lines] == ["status", "skipped", "parsed"]


def test_extract_resume_refuses_a_changed_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "a.html"
    shutil.copyfile(EXAMPLE_HTML, page)
    out = tmp_path / "cells.csv"
    assert _main(capsys, "extract", str(page), "-o", str(out), "--resume")[0] == 0
    before = out.read_bytes()
    page.write_bytes(page.read_bytes() + b"\n<!-- edited -->\n")
    status, _, err = _main(capsys, "extract", str(page), "-o", str(out), "--resume", "--lang", "en")
    assert status == 2
    assert "changed since the earlier run" in err
    assert out.read_bytes() == before


def test_extract_parquet_or_a_clear_missing_extra(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cells.parquet"
    status, _, err = _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(out))
    try:
        import pyarrow.parquet as pq
    except ImportError:
        assert status == 2
        assert "pip install 'gov_disclosure[parquet]'" in err
        return
    assert status == 0, err
    table = pq.read_table(out)
    expected = [r["raw"] for r in _records(EXAMPLE_HTML)]
    assert table.column("raw").to_pylist() == expected
    assert table.num_rows == len(expected)


def _records(path: Path) -> list[dict[str, Any]]:
    from gov_disclosure.renderers import cell_records

    return list(cell_records(gd.parse(path).report))


def test_extract_usage_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(tmp_path / "cells.xlsx"))
    assert status == 2
    assert "--format" in err
    status, _, err = _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(tmp_path / "c.parquet"), "--resume",
                           "--lang", "en")
    assert status == 2
    assert "--resume needs CSV or JSON Lines" in err
    status, _, err = _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(tmp_path / "c.parquet"), "--resume")
    assert status == 2
    assert "--resume 需要 CSV 或 JSON Lines 输出" in err


def test_expand_paths_walks_folders_globs_once_in_order(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("b.html", "a.txt", "sub/c.pdf", "notes.docx", ".hidden.html"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    skipped: list[str] = []
    found = list(expand_paths([str(tmp_path), str(tmp_path / "*.html"), str(tmp_path / "nothing*.txt"),
                               str(tmp_path / "gone.txt")], on_skip=lambda path, _why: skipped.append(path),
                              lang="en"))
    names = [(Path(p).relative_to(tmp_path).as_posix() if r is None else Path(p).name, r) for p, r in found]
    assert names == [
        ("a.txt", None),
        ("b.html", None),
        ("notes.docx", None),  # a Word suffix, so walked: its parse says it is no Word document
        ("sub/c.pdf", None),
        ("nothing*.txt", "no file matches this pattern"),
        ("gone.txt", "no such file or folder"),
    ]
    assert skipped == []


@pytest.mark.skipif(not hasattr(os, "symlink") or sys.platform == "win32", reason="symbolic links")
def test_a_walk_takes_a_linked_file_once_and_enters_no_linked_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "reports" / "sub").mkdir(parents=True)
    (tmp_path / "reports" / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "reports" / "b.txt").write_text("x", encoding="utf-8")
    (tmp_path / "reports" / "also-a.txt").symlink_to(tmp_path / "reports" / "sub" / "a.txt")
    (tmp_path / "reports" / "linked").symlink_to(tmp_path / "reports" / "sub")
    monkeypatch.chdir(tmp_path)
    found = [path for path, reason in expand_paths(["./reports", "reports/sub/a.txt"]) if reason is None]
    # the link comes first (sorted), so the file it names is not taken again; paths as Path writes them
    assert found == ["reports/also-a.txt", "reports/b.txt"]
    assert [p for p, _ in expand_paths(["reports"], exclude=[tmp_path / "reports" / "sub" / "a.txt"])] == [
        "reports/b.txt"]


_NOT_SOURCES = {
    "scan.pdf.txt": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4,
    "photo.html": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(200),
    "old.txt": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
    "dump.md": bytes(range(256)) * 8,
}


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_walk_skips_files_that_are_no_report_source(tmp_path: Path, jobs: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """A folder's images, old office files and binary data are listed as skipped; a Word report is read."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in _NOT_SOURCES.items():
        (folder / name).write_bytes(data)
    (folder / "report.docx").write_bytes(render(gd.parse(EXAMPLE_HTML).report, "docx"))
    out = tmp_path / "cells.csv"
    assert main(["extract", str(folder), "-o", str(out), "--jobs", jobs, "--no-progress", "--lang", "en"]) == 0
    err = capsys.readouterr().err
    for name in _NOT_SOURCES:
        line = next(line for line in err.splitlines() if line.endswith(name) or f"{name}\t" in line)
        assert line.startswith("skipped"), line
        assert "not a report source" in line
    assert any(line.startswith("parsed") and "report.docx" in line for line in err.splitlines())
    assert "report.docx" in out.read_text(encoding="utf-8-sig")


def test_docstring_examples() -> None:
    import doctest

    import gov_disclosure.cli

    result = doctest.testmod(gov_disclosure.cli)
    assert result.attempted > 0
    assert result.failed == 0


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_extract_draws_a_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["extract", str(EXAMPLE_HTML), str(EXAMPLE_HTML.with_name("missing.html")),
                 "-o", str(tmp_path / "a.csv"), "--lang", "en"]) == 2
    drawn = terminal.getvalue()
    assert "\r[" in drawn
    assert "2/2 files" in drawn
    assert f"failed\t{EXAMPLE_HTML.with_name('missing.html')}" in drawn
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stderr", piped)
    assert main(["extract", str(EXAMPLE_HTML), "-o", str(tmp_path / "b.csv")]) == 0
    assert "\r" not in piped.getvalue()


def test_check_takes_folders_and_globs(reports_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _main(capsys, "check", str(reports_dir), str(reports_dir / "nothing*.html"), "--json")
    assert status == 2  # corrupt.pdf, and the pattern that matches nothing
    doc = json.loads(out)
    statuses = {Path(f["path"]).name: f["status"] for f in doc["files"]}
    assert statuses == {"bad.html": "errors", "clean.html": "clean", "corrupt.pdf": "failed", "nothing*.html": "failed"}


def test_extract_csv_starts_with_a_bom_unless_no_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cells.csv"
    assert _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(out))[0] == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbffile,agency,")
    assert data.count(b"\xef\xbb\xbf") == 1
    plain = tmp_path / "plain.csv"
    assert _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(plain), "--no-bom")[0] == 0
    assert plain.read_bytes() == data[3:]
    jsonl = tmp_path / "cells.jsonl"
    assert _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(jsonl))[0] == 0
    assert jsonl.read_bytes().startswith(b'{"file"')  # JSON Lines never carries a BOM


@pytest.mark.parametrize(("fmt", "bom"), [(None, True), ("jsonl", False)])
def test_extract_to_standard_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fmt: str | None, bom: bool
) -> None:
    monkeypatch.chdir(tmp_path)
    status, out, err = _main(capsys, "--lang", "en", "extract", str(EXAMPLE_HTML), "-o", "-",
                             *(["--format", fmt] if fmt else []))
    assert status == 0, err
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no file named "-" nor "-.state.jsonl"
    expected = _records(EXAMPLE_HTML)
    if fmt is None:
        assert out.startswith("\ufefffile,agency,")
        rows = list(csv.DictReader(io.StringIO(out.removeprefix("\ufeff"))))
    else:
        rows = [json.loads(line) for line in out.splitlines()]
    assert [r["raw"] for r in rows] == [r["raw"] for r in expected]
    assert "→ standard output" in err
    status, _, err = _main(capsys, "extract", str(EXAMPLE_HTML), "-o", "-", "--resume")
    assert status == 2
    assert "标准输出" in err


def test_extract_keeps_a_state_file_only_with_resume(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cells.csv"
    assert _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(out))[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cells.csv"]
    assert _main(capsys, "extract", str(EXAMPLE_HTML), "-o", str(out), "--resume")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cells.csv", "cells.csv.state.jsonl"]


@pytest.mark.parametrize("empty", ["folder", "glob"])
def test_empty_inputs_exit_2_on_every_command(tmp_path: Path, capsys: pytest.CaptureFixture[str], empty: str) -> None:
    (tmp_path / "empty").mkdir()
    spec = str(tmp_path / "empty") if empty == "folder" else str(tmp_path / "nothing*.html")
    reason = "no report file in this folder" if empty == "folder" else "no file matches this pattern"
    status, out, err = _main(capsys, "check", spec, "--json", "--lang", "en")
    assert status == 2
    (entry,) = json.loads(out)["files"]
    assert entry["status"] == "failed"
    assert reason in entry["error"]["message"]
    status, _, err = _main(capsys, "extract", spec, "-o", str(tmp_path / "cells.csv"), "--lang", "en")
    assert status == 2
    assert f"failed\t{spec}\t\t\t\t{reason}" in err
    status, _, err = _main(capsys, "convert", spec, "--to", "text")
    assert status == 2
    assert "SOURCE.UNREADABLE" in err or "SOURCE.NOT_FOUND" in err


def test_check_lists_the_walked_files_it_skips(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder walk keeps only report sources; ``check`` lists what it skipped, with the reason,
    in the table, in ``--json`` and in the summary (the exit status is the reports')."""
    shutil.copy(REPO / "examples" / "zhongshan-office-2020.txt", tmp_path)
    (tmp_path / "scan.pdf").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    status, out, _err = _main(capsys, "check", "--lang", "en", str(tmp_path))
    assert status == 0
    assert f"{tmp_path / 'scan.pdf'} — skipped: not a report source: a PNG image" in out
    assert "1 file(s) of the folders skipped" in out
    status, out, _err = _main(capsys, "check", str(tmp_path))
    assert "已跳过：不是报告来源（PNG 图片）" in out
    status, out, _err = _main(capsys, "check", "--json", str(tmp_path))
    doc = json.loads(out)
    assert doc["summary"]["skipped"] == 1
    assert [f["status"] for f in doc["files"]] == ["skipped", "clean"]


@pytest.mark.parametrize("to_file", [True, False])
def test_convert_to_csv_starts_with_a_bom_unless_no_bom(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        to_file: bool) -> None:
    """The CSV a person opens in Excel, from convert as from extract: UTF-8 with a BOM, once."""
    from gov_disclosure import parse, render

    def run(*options: str) -> str:
        out = tmp_path / "report.csv"
        status, printed, _ = _main(capsys, "convert", str(EXAMPLE_HTML), "--to", "csv", *options,
                                   *(["-o", str(out)] if to_file else []))
        assert status == 0
        return out.read_bytes().decode("utf-8") if to_file else printed

    expected = render(parse(EXAMPLE_HTML).report, "csv")
    assert run() == "\ufeff" + expected
    assert run("--no-bom") == expected
    for fmt in ("json", "markdown"):
        status, printed, _ = _main(capsys, "convert", str(EXAMPLE_HTML), "--to", fmt)
        assert status == 0
        assert not printed.startswith("\ufeff")


def test_extract_says_how_sure_each_value_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CSV a person opens carries the uncertainty the frames carry: a cell a SPLIT problem names is
    ``ambiguous`` there too, never a plain number."""
    example = REPO / "examples" / "pingtan-2024.txt"
    out = tmp_path / "cells.csv"
    assert _main(capsys, "extract", str(example), "-o", str(out))[0] == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    expected = {r["key"]: r["status"] for r in gd.to_records(gd.parse(example))}
    assert {r["key"]: r["status"] for r in rows} == expected
    assert "ambiguous" in expected.values()


def test_version_is_printed_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--version"])
    assert stopped.value.code in (0, None)
    assert capsys.readouterr().out == f"gov-disclosure {gd.__version__}\n"


def test_the_command_line_starts_without_looking_up_the_version() -> None:
    # importlib.metadata is a fifth of the import: paid only by --version and check --json
    code = "import sys, gov_disclosure.cli; print('importlib.metadata' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "False"


@pytest.mark.skipif(sys.platform != "linux", reason="a file name that is no UTF-8 needs a byte-named file system")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_extract_writes_a_file_name_that_is_no_utf8_with_its_bytes_escaped(
    jobs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    name = os.fsdecode(b"bad\xff.txt")
    shutil.copyfile(REPO / "examples" / "zhongshan-office-2020.txt", folder / name)
    out, status_file = tmp_path / "cells.csv", tmp_path / "status.tsv"
    argv = ["extract", str(folder), "-o", str(out), "--jobs", jobs, "--status", str(status_file), "--resume",
            "--lang", "en"]
    assert _main(capsys, *argv)[0] == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        files = {row["file"] for row in csv.DictReader(handle)}
    assert files == {str(folder / "bad") + "\\xff.txt"}
    assert "bad\\xff.txt" in status_file.read_text(encoding="utf-8")
    written = out.read_bytes()
    assert _main(capsys, *argv)[0] == 0  # --resume knows the file again: nothing more is written
    assert out.read_bytes() == written
    assert "skipped\t" + str(folder / "bad") + "\\xff.txt" in status_file.read_text(encoding="utf-8")
