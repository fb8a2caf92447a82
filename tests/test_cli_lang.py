"""One language everywhere on the command line: ``--lang`` / ``GOV_DISCLOSURE_LANG`` reach the
help (argparse's own words too), the tables, the summaries, the usage and OS errors of every
command; the message tables are twins; ``--strict`` lists each problem once; empty inputs fail
alike on every command."""

from __future__ import annotations

import doctest
import errno
import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import attrs
import pytest

import gov_disclosure as gd
import gov_disclosure.cli as cli
from gov_disclosure import _cli_text
from gov_disclosure._cli_text import ARGPARSE_ZH, LANG_ENV, MESSAGES, argparse_text, format_fields, say
from gov_disclosure.cli import main
from gov_disclosure.renderers import render
from helpers import REPO

EXAMPLE_HTML = REPO / "examples" / "shanghai-office-2019.html"
LEGACY = REPO / "examples" / "pingtan-2018-legacy.txt"
WITH_ERROR = REPO / "examples" / "sample-2023-with-error.html"
COMMANDS = ([], ["check"], ["convert"], ["extract"])

#: The one Chinese term the English help keeps: the name of the document, beside its translation.
_TERM = "政府信息公开工作年度报告"


@pytest.fixture(autouse=True)
def _no_lang_from_outside(monkeypatch: pytest.MonkeyPatch) -> None:
    """The tests set the language themselves; a narrow terminal would rewrap the help."""
    monkeypatch.delenv(LANG_ENV, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def _wide(text: str) -> list[str]:
    return [ch for ch in text if unicodedata.east_asian_width(ch) in ("W", "F")]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        status = main(list(argv))
    except SystemExit as exc:  # --help, --version and usage errors end in argparse
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# ---------------------------------------------------------------------------- the tables


def test_every_message_has_its_twin_with_the_same_fields() -> None:
    assert set(MESSAGES) == {"zh", "en"}
    assert set(MESSAGES["zh"]) == set(MESSAGES["en"])
    for key in MESSAGES["en"]:
        zh, en = MESSAGES["zh"][key], MESSAGES["en"][key]
        assert format_fields(zh) == format_fields(en), key
        assert _wide(zh), f"{key}: the Chinese message has no Chinese: {zh!r}"
        assert not _wide(en.replace(_TERM, "")), f"{key}: the English message has Chinese: {en!r}"


_DYNAMIC = ("severity.", "level.", "status.", "kind.", "oserror.", "location.")


def test_every_message_is_used_and_every_used_key_exists() -> None:
    source = "\n".join(Path(m.__file__).read_text(encoding="utf-8") for m in (cli, _cli_text) if m.__file__)
    literal = set(re.findall(r"""(?:say\([^,()]+, |tell\(|\bt\()["']([a-z_.]+)["']""", source))
    literal |= set(re.findall(r'"(oserror\.[a-z_]+)"', source))
    assert literal, "no message key found in the sources"
    assert literal <= set(MESSAGES["en"]), sorted(literal - set(MESSAGES["en"]))
    unused = {k for k in MESSAGES["en"] if k not in literal and not k.startswith(_DYNAMIC)}
    assert not unused, sorted(unused)
    for prefix, values in (("severity.", ("error", "warning", "info")), ("level.", ("error", "warning", "info")),
                           ("status.", ("parsed", "problems", "failed", "skipped")),
                           ("kind.", tuple(k.value for k in gd.Kind)),
                           ("location.", tuple(f.name for f in attrs.fields(gd.Location)))):
        assert {k for k in MESSAGES["en"] if k.startswith(prefix)} == {prefix + v for v in values}


_PERCENT = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _fill(template: str, named: dict[str, str], unnamed: list[str]) -> str:
    rest = iter(unnamed)
    return _PERCENT.sub(lambda m: named[m.group(1)] if m.group(1) else next(rest), template)


def test_argparse_words_translate_with_their_fields() -> None:
    for english, chinese in ARGPARSE_ZH.items():
        assert sorted(_PERCENT.findall(english)) == sorted(_PERCENT.findall(chinese)), english
        assert _wide(chinese), english
        # filled in as argparse fills it, the message comes back in Chinese with the same values
        fields = _PERCENT.findall(english)
        named = {name: f"<{name}>" for name in fields if name}
        unnamed = [f"<{i}>" for i, name in enumerate(fields) if not name]
        english_text = _fill(english, named, unnamed)
        assert argparse_text(english_text, "zh") == _fill(chinese, named, unnamed), english
        assert argparse_text(english_text, "en") == english_text


def test_argparse_messages_nest_and_unknown_ones_pass_through() -> None:
    nested = "argument -j/--jobs: expected one argument"
    assert argparse_text(nested, "zh") == "参数 -j/--jobs：需要一个值"
    assert argparse_text("a message a later Python adds", "zh") == "a message a later Python adds"


def test_text_module_examples() -> None:
    result = doctest.testmod(_cli_text)
    assert result.attempted > 0
    assert result.failed == 0


# ---------------------------------------------------------------------------- help

#: Words the Chinese help may print: names of formats, programs and values typed as they are.
_NAMES = {"gov", "disclosure", "check", "convert", "extract", "html", "markdown", "text", "csv", "json", "docx",
          "jsonl", "lines", "parquet", "pdf", "word", "excel", "utf", "cpu", "state", "warning", "bom", "pip"}


def _help(capsys: pytest.CaptureFixture[str], command: list[str], *extra: str) -> str:
    status, out, err = _run(capsys, *command, "--help", *extra)
    assert status == 0, err
    assert not err
    return out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "program")
def test_help_in_chinese_has_no_english_words(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, command)
    assert out.startswith("用法：gov-disclosure")
    assert "选项" in out
    assert "显示本帮助并退出" in out
    typed = re.sub(r"--?[a-z][a-z-]*|\{[^}]*\}|GOV_DISCLOSURE_LANG|\bOUT\b", " ", out)
    words = {w.lower() for w in re.findall(r"[A-Za-z]{2,}", typed)} - {"zh", "en"}
    assert words <= _NAMES, sorted(words - _NAMES)
    for english in ("usage", "options", "positional", "arguments", "show", "message", "exit", "FILE", "PATH"):
        assert english not in out


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "program")
def test_help_in_english_has_no_chinese(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    out = _help(capsys, command, "--lang", "en")
    assert out.startswith("usage: gov-disclosure")
    assert "show this help message and exit" in out
    assert not _wide(out.replace(_TERM, ""))
    assert out == _help(capsys, ["--lang", "en", *command])  # on the program or on the command


def _columns(text: str) -> int:
    return len(text) + len(_wide(text))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0] if c else "program")
def test_chinese_help_is_laid_out_by_terminal_columns(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    """A Chinese character takes two columns: the lines fit the terminal (100 columns here; a
    closing mark may overhang by one character), the help texts start in one column, and the
    usage's next lines line up under its first argument."""
    out = _help(capsys, command)
    lines = out.splitlines()
    assert max(_columns(line) for line in lines) <= 100
    starts = {_columns(m.group(1)) for line in lines if (m := re.match(r"^(  +\S.*?\S  +)\S", line))}
    assert len(starts) == 1, starts
    prog = "用法：gov-disclosure " + (f"{command[0]} " if command else "")
    assert lines[0].startswith(prog)
    for line in lines[1:]:
        if not line.startswith(" "):
            break
        assert _columns(line) - _columns(line.lstrip(" ")) == _columns(prog), line


def test_help_follows_the_environment_and_the_option_wins(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    chinese = _help(capsys, ["extract"])
    english = _help(capsys, ["extract"], "--lang", "en")
    monkeypatch.setenv(LANG_ENV, "en")
    assert _help(capsys, ["extract"]) == english
    assert _help(capsys, ["extract"], "--lang", "zh") == chinese
    assert _help(capsys, ["extract"], "--la=zh") == chinese  # an abbreviation argparse takes
    monkeypatch.setenv(LANG_ENV, " ZH ")
    assert _help(capsys, ["extract"]) == chinese


def test_every_help_text_says_the_language_switch(capsys: pytest.CaptureFixture[str]) -> None:
    for command in COMMANDS:
        assert "--lang {zh,en}" in _help(capsys, command)
    assert LANG_ENV in _help(capsys, [])


# ---------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(("argv", "zh", "en"), [
    (["convert", "a.html"], "缺少以下参数：--to", "the following arguments are required: --to"),
    (["convert", "a.html", "--to", "pdf"], "参数 --to：无效的选项值：'pdf'", "argument --to: invalid choice: 'pdf'"),
    (["extract", "a", "-o", "b.csv", "-j", "x"], "参数 -j/--jobs：不是数字：'x'",
     "argument -j/--jobs: not a number: 'x'"),
    (["extract", "a", "-o", "b.csv", "-j", "-1"], "参数 -j/--jobs：须为 0（每个 CPU 一个）或更大的数",
     "argument -j/--jobs: must be 0 (one per CPU) or more"),
    (["check", "a.html", "--bogus"], "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
    ([], "缺少以下参数：命令", "the following arguments are required: COMMAND"),
    (["check", "a.html", "--lang", "fr"], "参数 --lang：无效的选项值：'fr'", "argument --lang: invalid choice: 'fr'"),
])
def test_usage_errors_in_both_languages(argv: list[str], zh: str, en: str, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("用法：")
    assert "错误：" + zh in err
    assert "usage" not in err
    assert "error:" not in err
    assert "argument" not in err
    status, out, err = _run(capsys, "--lang", "en", *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: ")
    assert f"error: {en}" in err
    assert not _wide(err)


def test_a_bad_environment_value_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LANG_ENV, "fr")
    status, out, err = _run(capsys, "check", str(EXAMPLE_HTML))
    assert (status, out) == (2, "")
    assert f"环境变量 {LANG_ENV} 的值 'fr' 无效" in err
    status, out, err = _run(capsys, "check", str(EXAMPLE_HTML), "--lang", "en")
    assert (status, out) == (2, "")
    assert f"the environment variable {LANG_ENV} is 'fr': use zh or en" in err


# ---------------------------------------------------------------------------- what the commands say


def _bad_html(tmp_path: Path) -> Path:
    cells: dict[str, gd.CellValue] = {"requests.granted.natural_person": 14, "requests.granted.total": 9}
    page = tmp_path / "bad.html"
    page.write_text(render(gd.AnnualReport.empty("2021", year=2023).with_cells(cells), "html", standalone=True),
                    encoding="utf-8")
    return page


def test_check_table_is_in_one_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _bad_html(tmp_path)
    status, out, _ = _run(capsys, "check", str(page), str(LEGACY), str(tmp_path / "gone.html"))
    assert status == 2
    for english in ("ERROR", "WARNING", "INFO", "legacy 版", "edition", "verdict", "printed", "repair", "cells",
                    "could not be parsed", "file(s)", ": none"):
        assert english not in out, english
    assert "    错误    T3.ROW_TOTAL  requests.granted" in out
    assert f"{LEGACY} — 旧版格式（2019 年以前），2018 年度，text" in out
    assert f"{page} — 2021 年版，2023 年度，html" in out
    assert re.search(r"结论：所发布的报告有 \d+ 处错误", out)
    assert "gone.html — 无法解析" in out
    status, out, _ = _run(capsys, "check", str(page), str(LEGACY), str(tmp_path / "gone.html"), "--lang", "en")
    assert status == 2
    assert "    ERROR   T3.ROW_TOTAL  requests.granted" in out
    assert f"{LEGACY} — legacy edition (before 2019), 2018, text" in out
    assert re.search(r"verdict: the published report has \d+ error\(s\)", out)
    assert "gone.html — could not be parsed" in out


@pytest.mark.parametrize("path", [WITH_ERROR, LEGACY, EXAMPLE_HTML], ids=lambda p: p.name)
def test_check_in_english_prints_chinese_only_in_what_the_report_printed(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chinese in ``--lang en`` output only where the report's own words are quoted: the agency
    on the file's line, the printed labels of the cells, and the findings' messages (which
    quote the form's labels and are the checks' own, tested there)."""
    status, out, _ = _run(capsys, "check", str(path), "--lang", "en", "--min-severity", "info")
    assert status in (0, 1, 3)
    result = gd.parse(path)
    messages = {f.message("en") for f in gd.check(result)}
    keys = re.compile(r"(?:requests|proactive|reviews|fees|overview)\.[a-z_.*]+ ")
    for line in out.splitlines():
        text = line.strip()
        if text.startswith(str(path)) or text in messages or keys.match(text) or not _wide(text):
            continue
        raise AssertionError(f"Chinese in the English output: {line!r}")


def test_a_finding_below_the_threshold_is_counted_in_words(capsys: pytest.CaptureFixture[str]) -> None:
    _, zh, _ = _run(capsys, "check", str(EXAMPLE_HTML))
    _, en, _ = _run(capsys, "check", str(EXAMPLE_HTML), "--lang", "en")
    assert re.search(r"另有 \d+ 条低于警告级的结果未显示", zh)
    assert re.search(r"\d+ finding\(s\) below warning not shown", en)


def test_every_problem_and_error_text_passes_through_one_helper(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The seam where the library's bilingual messages come in: nothing prints ``.message`` itself."""
    monkeypatch.setattr(cli, "_problem_text", lambda problem, lang: f"<problem {problem.code} {lang}>")
    monkeypatch.setattr(cli, "_error_text", lambda exc, lang: f"<error {lang}>")
    page = _unreadable_html(tmp_path)
    _, out, _ = _run(capsys, "check", str(page), "--lang", "en")
    assert "<problem CELL.UNREADABLE en>" in out
    assert "cannot read" not in out
    _, out, _ = _run(capsys, "check", str(page), "--json")
    assert {p["message"] for p in json.loads(out)["files"][0]["problems"]} == {"<problem CELL.UNREADABLE zh>"}
    _, out, _ = _run(capsys, "check", str(page), "--strict")
    assert "<problem CELL.UNREADABLE zh>" in out
    _, out, _ = _run(capsys, "check", str(tmp_path / "gone.txt"), "--json")
    assert json.loads(out)["files"][0]["error"]["message"] == "<error zh>"
    _, _, err = _run(capsys, "convert", str(tmp_path / "gone.txt"), "--to", "text")
    assert "<error zh>" in err
    _, _, err = _run(capsys, "convert", str(page), "--to", "text", "-o", str(tmp_path / "out.txt"))
    assert "<problem CELL.UNREADABLE zh>" in err
    (tmp_path / "empty.html").write_bytes(b"")
    _, _, err = _run(capsys, "extract", str(tmp_path / "empty.html"), "-o", str(tmp_path / "c.csv"))
    assert "<error zh>" in err


# ---------------------------------------------------------------------------- --strict


def _unreadable_html(tmp_path: Path) -> Path:
    cells = {"requests.granted.natural_person": gd.Unreadable("十二"), "requests.granted.total": gd.Unreadable("十")}
    page = tmp_path / "unreadable.html"
    page.write_text(render(gd.AnnualReport.empty("2021", year=2023).with_cells(cells), "html", standalone=True),
                    encoding="utf-8")
    return page


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_strict_lists_each_problem_once(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = _unreadable_html(tmp_path)
    problems = [p for p in gd.parse(page).problems if p.severity.value != "info"]
    assert len(problems) == 2
    status, out, _ = _run(capsys, "check", str(page), "--strict", "--lang", lang)
    assert status == 2
    status, _, err = _run(capsys, "convert", str(page), "--to", "text", "--strict", "--lang", lang)
    assert status == 2
    for text in (out, err):
        assert text.count("PARSE.STRICT") == 1
        assert say(lang, "failed.strict", n=2) in text
        for problem in problems:
            assert text.count(cli._problem_text(problem, lang)) == 1, text
            assert text.count(say(lang, "raw", raw=repr(problem.raw))) <= 1, text
    status, _, err = _run(capsys, "extract", str(page), "-o", str(tmp_path / "c.csv"), "--strict", "--lang", lang)
    assert status == 2
    (failed,) = [line for line in err.splitlines() if line.startswith(say(lang, "status.failed") + "\t")]
    assert failed.count("CELL.UNREADABLE") == 1  # CELL.UNREADABLE×2


# ---------------------------------------------------------------------------- OS errors


def _os_cases(tmp_path: Path) -> list[tuple[list[str], str, str]]:
    """(argv, the path named, the reason's key) of outputs the operating system refuses."""
    folder = tmp_path / "a-folder"
    folder.mkdir(exist_ok=True)
    missing = tmp_path / "no-such-folder" / "out.md"
    return [
        (["convert", str(EXAMPLE_HTML), "--to", "markdown", "-o", str(missing)], str(missing), "oserror.not_found"),
        (["convert", str(EXAMPLE_HTML), "--to", "markdown", "-o", str(folder)], str(folder), "oserror.is_a_folder"),
        (["convert", str(EXAMPLE_HTML), "--to", "docx", "-o", str(folder)], str(folder), "oserror.is_a_folder"),
        (["extract", str(EXAMPLE_HTML), "-o", str(missing.with_suffix(".csv"))], str(missing.with_suffix(".csv")),
         "oserror.not_found"),
        (["extract", str(EXAMPLE_HTML), "-o", str(tmp_path / "c.csv"), "--status", str(folder)], str(folder),
         "oserror.is_a_folder"),
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_os_errors_are_one_line_in_the_language(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for argv, path, reason in _os_cases(tmp_path):
        status, _, err = _run(capsys, *argv, "--lang", lang)
        assert status == 2, argv
        assert err.count("\n") == 1, err
        assert say(lang, "cannot_write", path=path, reason=say(lang, reason)) in err, err
        if lang == "en":
            assert not _wide(err), err


def test_os_error_reasons_by_kind() -> None:
    cases = {PermissionError(errno.EACCES, "Permission denied"): "oserror.permission",
             PermissionError(errno.EPERM, "Operation not permitted"): "oserror.permission",
             IsADirectoryError(errno.EISDIR, "Is a directory"): "oserror.is_a_folder",
             NotADirectoryError(errno.ENOTDIR, "Not a directory"): "oserror.not_a_folder",
             OSError(errno.ENOSPC, "No space left on device"): "oserror.no_space",
             OSError(errno.EROFS, "Read-only file system"): "oserror.read_only"}
    for exc, key in cases.items():
        assert _cli_text.os_error_reason(exc, "zh") == MESSAGES["zh"][key]
        assert _cli_text.os_error_reason(exc, "en") == MESSAGES["en"][key]
    assert _cli_text.os_error_reason(OSError("no errno"), "zh") == "系统错误 OSError"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_an_output_failing_midway_is_one_line_not_a_traceback(
    lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "cells.csv"
    full = say(lang, "oserror.no_space")
    for filename, said in ((str(out), say(lang, "os_error", path=out, reason=full)), (None, full)):

        def full_disk(self: object, rows: object, filename: str | None = filename) -> None:
            raise OSError(errno.ENOSPC, "No space left on device", filename)

        # the rows arrive as the workers' CSV text (write_encoded) or as rows (write)
        monkeypatch.setattr(cli._CsvSink, "write", full_disk)
        monkeypatch.setattr(cli._CsvSink, "write_encoded", full_disk)
        status, _, err = _run(capsys, "extract", str(EXAMPLE_HTML), "-o", str(out), "--lang", lang)
        assert status == 2
        assert err.splitlines()[-1] == f"gov-disclosure: {said}"


# ---------------------------------------------------------------------------- empty inputs


def _empty_inputs(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "empty-folder").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / "scan.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    for name, data in (("empty.html", b""), ("empty.txt", b""), ("blank.txt", b"  \n\n \t\n"), ("empty.md", b""),
                       ("empty.pdf", b""), ("empty.json", b""), ("empty.docx", b"")):
        (tmp_path / name).write_bytes(data)
    specs = {name: str(tmp_path / name) for name in ("empty.html", "empty.txt", "blank.txt", "empty.md", "empty.pdf",
                                                     "empty.json", "empty.docx", "empty-folder", "images")}
    specs["glob"] = str(tmp_path / "nothing*.html")
    specs["missing"] = str(tmp_path / "missing.html")
    return specs


def test_empty_inputs_exit_2_on_every_command_in_both_languages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for lang in ("zh", "en"):
        (tmp_path / lang).mkdir()
        for what, spec in _empty_inputs(tmp_path / lang).items():
            out_file = str(tmp_path / lang / "cells.csv")
            for argv in (["check", spec], ["check", spec, "--json"], ["convert", spec, "--to", "text"],
                         ["extract", spec, "-o", out_file]):
                status, out, err = _run(capsys, *argv, "--lang", lang)
                assert status == 2, (what, argv, out, err)
                if argv[0] == "check" and "--json" not in argv:
                    assert say(lang, "failed.head", name=spec) in out, (what, out)
                    assert say(lang, "summary", files=1, clean=0, errors=0, failed=1, unassessed=0) in out
                elif argv[0] == "convert":
                    assert not out
                    assert err.count("\n") == 1, (what, err)
                    assert err.startswith(f"gov-disclosure: {spec}"), (what, err)
                elif argv[0] == "extract":
                    assert f"\n{say(lang, 'status.failed')}\t{spec}\t" in err, (what, err)


# ---------------------------------------------------------------------------- the language reaches everything


def test_lang_on_the_program_reaches_the_command_and_the_last_one_wins(capsys: pytest.CaptureFixture[str]) -> None:
    _, zh, _ = _run(capsys, "check", str(LEGACY))
    _, en, _ = _run(capsys, "--lang", "en", "check", str(LEGACY))
    assert "解析问题：无" in zh
    assert "parse problems: none" in en
    assert _run(capsys, "--lang", "en", "check", str(LEGACY), "--lang", "zh")[1] == zh
    assert _run(capsys, "--lang", "zh", "check", str(LEGACY), "--lang", "en")[1] == en


def test_extract_status_table_progress_and_summary_follow_the_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Terminal:
        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> int:
            self.text += text
            return len(text)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    for lang, header, parsed, files in (("zh", "状态\t文件\t版本\t年度\t单元格\t说明", "已解析", " 个文件"),
                                        ("en", "status\tfile\tedition\tyear\tcells\tdetail", "parsed", " files")):
        terminal = Terminal()
        shutil.copyfile(EXAMPLE_HTML, tmp_path / "a.html")
        with monkeypatch.context() as patched:
            patched.setattr(sys, "stderr", terminal)
            assert main(["extract", str(tmp_path / "a.html"), "-o", str(tmp_path / f"{lang}.csv"),
                         "--lang", lang]) == 0
        text = terminal.text
        assert header in text
        assert f"{parsed}\t{tmp_path / 'a.html'}\t2019\t2019\t" in text
        assert f"1/1{files}" in text
        summary = text.rstrip("\n").splitlines()[-1].removeprefix("\x1b[K")  # after the bar is cleared
        assert summary.startswith("gov-disclosure extract: ")
        assert ("共 1 个文件" in summary) == (lang == "zh")
        assert ("1 file(s)" in summary) == (lang == "en")


def test_the_readme_check_examples_print_what_they_show() -> None:
    """The README's ``$ gov-disclosure check …`` blocks are what the command prints today."""
    from test_docs import fenced_blocks

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = [body for info, body, _line in fenced_blocks(readme) if body.startswith("$ gov-disclosure check ")]
    assert len(shown) >= 2
    bindir = Path(sys.executable).parent
    for body in shown:
        command, *expected = body.rstrip("\n").split("\n")
        args = command.removeprefix("$ gov-disclosure ").split()
        proc = subprocess.run([str(bindir / "gov-disclosure"), *args], cwd=REPO, capture_output=True, text=True,
                              encoding="utf-8", timeout=120, check=False,
                              env={"PATH": str(bindir), "PYTHONIOENCODING": "utf-8", "COLUMNS": "100"})
        assert proc.stdout.rstrip("\n").split("\n") == expected, command
