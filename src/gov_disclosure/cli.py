"""The ``gov-disclosure`` command line (also ``python -m gov_disclosure``).

Three commands, each a thin layer over the public API:

``check FILE…``
    parse and check; a table of parse problems and findings per file (``--json`` for
    machines), the publisher's errors apart from what the parser could not read. Exit status
    0: something was checked and the arithmetic holds; 1: a finding at error level; 2: a file
    could not be parsed; 3: nothing could be checked (a legacy report, or every sum unfilled).
    When files differ, the first of 2, 1, 3 that applies.
``convert FILE --to FORMAT [-o OUT]``
    parse and render in another format (html, markdown, text, csv, json).
``extract PATH… -o OUT``
    every table cell of every file (files, folders, globs) into one tidy CSV, JSON Lines or
    Parquet file, with a per-file status table, ``--jobs N`` worker processes and ``--resume``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import glob
import itertools
import json
import operator
import os
import re
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from . import __version__
from ._errors import GovDisclosureError, KeyLookupError, MissingExtraError, ParseError
from .model import AnnualReport, CellValue, Placeholder, Unreadable, edition_spec
from .parsers import Kind, ParseResult, Problem
from .parsers._sniff import SNIFF_BYTES, sniff_source

__all__ = ["EXTRACT_FIELDS", "Extracted", "extract_file", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_FAILED = 2
#: ``check``: parsed, but nothing of the arithmetic could be assessed (no file failed or has errors).
#: Not 0, which says "checked and holds"; not 1, which says "the publisher is wrong".
EXIT_NOT_ASSESSED = 3

#: Suffixes of the files ``extract`` picks up when walking a folder.
REPORT_SUFFIXES = frozenset({".html", ".htm", ".shtml", ".xhtml", ".txt", ".md", ".markdown", ".pdf", ".docx", ".json"})

#: Output formats of ``extract`` by file suffix.
EXTRACT_SUFFIXES: Mapping[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}

#: The columns ``extract`` writes: the source file, then the renderers' record fields.
EXTRACT_FIELDS: tuple[str, ...] = ("file", "agency", "year", "edition", "section", "key", "row", "column", "label",
                                   "value", "raw")

_STATE_SUFFIX = ".state.jsonl"
_STATE_VERSION = 1

_WORDS: Mapping[str, Mapping[str, str]] = {
    "en": {
        "edition": "edition", "problems": "parse problems", "findings": "findings", "none": "none",
        "clean": "the arithmetic holds", "failed": "could not be parsed", "cells": "cells", "repair": "repair",
        "source": "the publisher's errors", "extraction": "what the parser could not read",
        "verdict": "verdict", "holds": "the arithmetic holds",
        "holds_partly": "the arithmetic holds for what could be read ({n} table(s) not read, not checked)",
        "errors": "the published report has {n} error(s)", "not_assessed": "nothing could be checked",
        "kinds": "the publisher's errors: {source} finding(s) at error level, in {files} file(s); what the parser "
        "could not read: {extraction} problem(s) and unread table(s)",
        "candidates": "repair candidates", "printed": "printed", "computed": "computed", "difference": "difference",
        "summary": "{files} file(s): {clean} clean, {errors} with errors, {failed} could not be parsed, "
        "{unassessed} not assessed",
        "hidden": "{n} finding(s) below {sev} not shown",
        "more_zero": "and {n} more cell(s) at 0 or blank (all in --json)",
    },
    "zh": {
        "edition": "版", "problems": "解析问题", "findings": "检查结果", "none": "无",
        "clean": "勾稽关系成立", "failed": "无法解析", "cells": "单元格", "repair": "修正",
        "source": "发布机关的错误", "extraction": "解析器未能读取的内容",
        "verdict": "结论", "holds": "勾稽关系成立",
        "holds_partly": "已读取部分的勾稽关系成立（{n} 个表格未能读取，未作核对）",
        "errors": "所发布的报告有 {n} 处错误", "not_assessed": "未能核对任何勾稽关系",
        "kinds": "发布机关的错误：{files} 个文件中共 {source} 条错误级结果；"
        "解析器未能读取：{extraction} 条解析问题和未读表格",
        "candidates": "可能的修正", "printed": "填报", "computed": "计算", "difference": "差额",
        "summary": "共 {files} 个文件：{clean} 个无误，{errors} 个有错误，{failed} 个无法解析，{unassessed} 个未能核对",
        "hidden": "另有 {n} 条低于 {sev} 级的结果未显示",
        "more_zero": "另有 {n} 个单元格为 0 或空白（--json 中全部列出）",
    },
}

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")

#: In the table, a sum with more cells than this shows its total and non-zero operands only.
_MAX_LISTED_CELLS = 8


# ---------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    _utf8_streams()
    parser = _build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.run(args)
    except MissingExtraError as exc:
        print(f"gov-disclosure: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `gov-disclosure check … | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("gov-disclosure: interrupted", file=sys.stderr)
        return 130
    return status


def _build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gov-disclosure",
        description="Parse, check and render 政府信息公开工作年度报告 "
        "(government information disclosure annual reports).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="parse and check reports; exit 0 checked and clean, 1 findings at error level, 2 a file could not be "
        "parsed, 3 nothing could be checked",
        description="Parse each FILE and check the form's arithmetic. Prints the parse problems and the findings "
        "of each file, naming every cell by its stable key and printed label.",
    )
    check.add_argument("files", nargs="+", metavar="FILE",
                       help="report files (HTML, text, Markdown, PDF, JSON); a folder or a glob stands for its files")
    check.add_argument("--json", action="store_true", help="print one JSON document instead of a table")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the messages (default zh)")
    check.add_argument("--min-severity", choices=("info", "warning", "error"), default="warning",
                       help="in the table, show findings at this severity or above (default warning; --json "
                       "always has every finding, and the exit status counts every error)")
    check.add_argument("--strict", action="store_true",
                       help="a parse problem at warning level or above makes the file fail (exit 2)")
    check.set_defaults(run=_run_check)

    convert = commands.add_parser(
        "convert", help="parse a report and render it in another format",
        description="Parse FILE and render the report as html (a standalone page), markdown, text, csv or json.",
    )
    convert.add_argument("file", metavar="FILE")
    convert.add_argument("--to", required=True, choices=("html", "markdown", "text", "csv", "json", "docx"),
                         dest="fmt")
    convert.add_argument("-o", "--output", metavar="OUT", help="write here instead of standard output")
    convert.add_argument("--strict", action="store_true", help="fail (exit 2) on any parse problem at warning level")
    convert.set_defaults(run=_run_convert)

    extract = commands.add_parser(
        "extract", help="every table cell of many reports into one tidy CSV / JSON Lines / Parquet file",
        description="Parse every report under PATH (files, folders, glob patterns) and write one row per table "
        "cell to OUT. The status table has one line per file: parsed, problems (parsed, with a parse problem "
        "at warning or error level), failed (with the reason; the file is skipped) or skipped (with the reason: "
        "extracted by an earlier --resume run, or a folder's file that holds no report). CSV starts with a UTF-8 "
        "byte-order mark for Excel (--no-bom to omit). Exit status 0: every file parsed; 2: some file could not "
        "be parsed, or a PATH names no report file (the others are in OUT).",
    )
    extract.add_argument("paths", nargs="+", metavar="PATH", help="files, folders (walked recursively) or globs")
    extract.add_argument("-o", "--output", required=True, metavar="OUT",
                         help="output file (.csv, .jsonl, .parquet), or - for standard output (CSV unless --format)")
    extract.add_argument("--format", choices=("csv", "jsonl", "parquet"), help="output format (default: OUT's suffix)")
    extract.add_argument("--status", metavar="FILE", help="write the per-file status table here, not to stderr")
    extract.add_argument("-j", "--jobs", type=_jobs, default=1, metavar="N",
                         help="worker processes (default 1; 0 = one per CPU)")
    extract.add_argument("--resume", action="store_true",
                         help="keep a record of the files extracted into OUT (OUT.state.jsonl, written only with "
                         "--resume); a later --resume run skips them and appends the rest")
    extract.add_argument("--no-bom", action="store_true",
                         help="CSV without the UTF-8 byte-order mark (written by default so that Excel reads UTF-8)")
    extract.add_argument("--strict", action="store_true",
                         help="a parse problem at warning level or above makes the file fail")
    extract.add_argument("--no-progress", action="store_true", help="no progress bar, even on a terminal")
    extract.set_defaults(run=_run_extract)
    return parser


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 (one per CPU) or more")
    return value


def _utf8_streams() -> None:
    """Write UTF-8 when the locale's encoding cannot carry Chinese text (a C locale, a pipe on Windows)."""
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "总计".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(encoding="utf-8")


# ---------------------------------------------------------------------------- labels and values


def cell_label(key: str, edition: str | None = None) -> str:
    """The printed label of a stable cell key, ``row › column``, from the edition description.

    ``edition`` picks the edition's labels (default: the 2021 edition's, else the 2019
    edition's). A ``"2023:"`` year prefix (cross-year findings) is kept; an unknown key gives ``""``.

    >>> cell_label("requests.granted.natural_person")
    '（一）予以公开 › 自然人'
    >>> cell_label("proactive.regulations.new_made", "2019")
    '第二十条第（一）项 规章 › 本年新制作数量'
    """
    prefix, _, bare = key.rpartition(":")
    parts = bare.split(".")
    if len(parts) != 3:
        return ""
    table, row, column = parts
    for name in (edition,) if edition is not None else ("2021", "2019"):
        try:
            row_spec = edition_spec(name).table(table).row(row)
        except (KeyError, ValueError):
            continue
        for col in row_spec.columns:
            if col.key == column:
                # The caption (第二十条第（一）项) or the innermost group (（三）不予公开) tells rows
                # apart; a numbered top-level heading (三、本年度办理结果) only adds length.
                inner = [g for g in row_spec.groups[-1:] if not _TOP_HEADING.match(g)]
                head = [row_spec.caption] if row_spec.caption else inner
                col_label = f"{col.group} {col.label}" if col.group else col.label
                label = f"{' '.join([*head, row_spec.label])} › {col_label}"
                return f"{prefix}: {label}" if prefix else label
    return ""


def _edition_cell_label(report: AnnualReport, key: str) -> str:
    return cell_label(key, report.edition.value) or cell_label(key)


def _cell_value(report: AnnualReport, key: str) -> CellValue:
    try:
        return report.cell(key)
    except (KeyLookupError, KeyError, ValueError):
        return None


def _value_text(value: object) -> str:
    if value is None:
        return "(blank)"
    if isinstance(value, (Placeholder, Unreadable)):
        return repr(value.raw)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _json_value(value: object) -> Any:
    """A cell value or finding number for JSON: ``int`` as is, ``Decimal`` as a string, raw text kept."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Placeholder):
        return {"placeholder": value.raw}
    if isinstance(value, Unreadable):
        return {"unreadable": value.raw}
    return str(value)


def _width(text: str) -> int:
    from .renderers import display_width

    return display_width(text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


# ---------------------------------------------------------------------------- check


def _check_inputs(specs: Sequence[str]) -> list[tuple[str, str | None]]:
    """The files to check: each spec as given, except that a folder or a glob stands for its
    files (see :func:`expand_paths`). A folder or glob naming no file comes with the reason,
    to fail as an unreadable file does (exit status 2, as in ``extract`` and ``convert``)."""
    names: list[tuple[str, str | None]] = []
    for spec in specs:
        if Path(spec).is_dir() or (not Path(spec).exists() and glob.has_magic(spec)):
            names.extend(expand_paths([spec]))
        else:
            names.append((spec, None))
    return names


def _read(path: str, strict: bool) -> ParseResult | GovDisclosureError:
    """Parse one file; an unexpected exception inside a parser is this file's failure
    (``PARSE.INTERNAL``), as in :func:`~gov_disclosure.parse_many`, not the end of the run."""
    from ._batch import parse_or_error

    return parse_or_error(path, strict)


def _run_check(args: argparse.Namespace) -> int:
    from .checks import Verdict, check, verdict

    words = _WORDS[args.lang]
    out = sys.stdout
    files: list[dict[str, Any]] = []
    clean = errors = failed = unassessed = 0
    source_errors = extraction = with_source_errors = 0
    names = _check_inputs(args.files)
    for name, reason in names:
        result = _read(name, args.strict) if reason is None else ParseError("SOURCE.UNREADABLE", f"{name}: {reason}")
        if isinstance(result, GovDisclosureError):
            exc = result
            failed += 1
            files.append({"path": name, "status": "failed", "error": _error_json(exc)})
            if not args.json:
                _print_failure(out, name, exc, words)
            continue
        findings = check(result)
        outcome = verdict(findings)
        errors += outcome is Verdict.ERRORS
        clean += outcome is Verdict.HOLDS
        unassessed += outcome is Verdict.NOT_ASSESSED
        n_source = sum(f.severity.value == "error" and f.kind is Kind.SOURCE for f in findings)
        source_errors += n_source
        with_source_errors += n_source > 0
        extraction += _extraction_count(result, findings)
        entry = _file_json(name, result, findings, args.lang)
        files.append(entry)
        if not args.json:
            _print_checked(out, name, result, findings, args.lang, _SEVERITY_RANK[args.min_severity])
    status = (EXIT_FAILED if failed else EXIT_FINDINGS if errors else EXIT_NOT_ASSESSED if unassessed
              else EXIT_OK)
    summary = {"files": len(names), "clean": clean, "with_errors": errors, "not_assessed": unassessed,
               "failed": failed, "source_errors": source_errors, "extraction": extraction}
    if args.json:
        doc = {"version": __version__, "files": files, "summary": summary, "exit_status": status}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(words["summary"].format(files=len(names), clean=clean, errors=errors, failed=failed,
                                          unassessed=unassessed) + "\n")
        if source_errors or extraction:
            out.write(words["kinds"].format(source=source_errors, files=with_source_errors,
                                            extraction=extraction) + "\n")
    return status


def _extraction_count(result: ParseResult, findings: Sequence[Any]) -> int:
    """What the parser could not read: its extraction problems at warning level or above, and
    the findings of extraction kind (tables not assessed)."""
    problems = sum(p.kind is Kind.EXTRACTION and p.severity.value != "info" for p in result.problems)
    return problems + sum(f.kind is Kind.EXTRACTION for f in findings)


def _describe_report(result: ParseResult, words: Mapping[str, str]) -> str:
    report = result.report
    bits = [f"{report.edition.value} {words['edition']}"]
    if report.year is not None:
        bits.append(str(report.year))
    if report.agency:
        bits.append(report.agency)
    bits.append(result.source_format)
    return ", ".join(bits)


def _print_failure(out: IO[str], name: str, exc: GovDisclosureError, words: Mapping[str, str]) -> None:
    out.write(f"{name} — {words['failed']}\n")
    out.write(f"  {exc}\n")
    for problem in getattr(exc, "problems", ())[:20]:
        out.write(f"    {problem}\n")
    out.write("\n")


def _print_checked(
    out: IO[str], name: str, result: ParseResult, findings: Sequence[Any], lang: str, min_rank: int
) -> None:
    from .checks import NOT_ASSESSED_CODES, Verdict, verdict

    words = _WORDS[lang]
    report = result.report
    out.write(f"{name} — {_describe_report(result, words)}\n")
    if result.problems:
        out.write(f"  {words['problems']} ({len(result.problems)}):\n")
        for problem in result.problems:
            _print_problem(out, problem)
    else:
        out.write(f"  {words['problems']}: {words['none']}\n")
    if not findings:
        out.write(f"  {words['findings']}: {words['none']} — {words['clean']}\n\n")
        return
    # The verdict's own findings are said in the verdict line, whatever --min-severity.
    listed = [f for f in findings if f.code not in NOT_ASSESSED_CODES]
    shown = [f for f in listed if f.severity.rank >= min_rank]
    if listed:
        out.write(f"  {words['findings']} ({len(listed)}):\n")
    for kind in (Kind.SOURCE, Kind.EXTRACTION):
        group = [f for f in shown if f.kind is kind]
        if group:
            out.write(f"   {words[kind.value]} ({len(group)}):\n")
        for finding in group:
            _print_finding(out, report, finding, lang)
    hidden = len(listed) - len(shown)
    if hidden:
        sev = next(k for k, v in _SEVERITY_RANK.items() if v == min_rank)
        out.write("    " + words["hidden"].format(n=hidden, sev=sev) + "\n")
    outcome = verdict(findings)
    if outcome is Verdict.NOT_ASSESSED:
        why = next(f for f in findings if f.code in NOT_ASSESSED_CODES)
        line = f"{words['not_assessed']} — {why.message(lang)}"
    elif outcome is Verdict.ERRORS:
        line = words["errors"].format(n=sum(f.severity.value == "error" for f in findings))
    else:
        unread = sum(f.kind is Kind.EXTRACTION and f.code == "S.TABLE_NOT_ASSESSED" for f in findings)
        line = words["holds_partly"].format(n=unread) if unread else words["holds"]
    out.write(f"  {words['verdict']}: {line}\n\n")


def _print_problem(out: IO[str], problem: Problem) -> None:
    where = str(problem.location)
    out.write(f"    {problem.severity.value.upper():<8}{problem.code}  {problem.message}")
    out.write(f"  @ {where}\n" if where != "-" else "\n")
    if problem.raw:
        out.write(f"            raw: {problem.raw!r}\n")
    for candidate in problem.candidates:
        out.write("            candidate: " + ", ".join(f"{k}={v}" for k, v in candidate.items()) + "\n")


def _print_finding(out: IO[str], report: AnnualReport, finding: Any, lang: str) -> None:
    words = _WORDS[lang]
    head = f"    {finding.severity.value.upper():<8}{finding.code}"
    if finding.scope:
        head += f"  {finding.scope}"
    out.write(head + "\n")
    out.write(f"            {finding.message(lang)}\n")
    if finding.printed is not None or finding.computed is not None:
        parts = [f"{words['printed']} {_value_text(finding.printed)}",
                 f"{words['computed']} {_value_text(finding.computed)}"]
        if finding.difference is not None:
            parts.append(f"{words['difference']} {finding.difference:+}")
        out.write("            " + " · ".join(parts) + "\n")
    if finding.cells:
        out.write(f"            {words['cells']}:\n")
        values = [(key, _cell_value(report, key)) for key in finding.cells]
        hidden = 0
        if len(values) > _MAX_LISTED_CELLS:
            kept = [values[0], *(kv for kv in values[1:] if kv[1] is not None and kv[1] != 0)]
            hidden = len(values) - len(kept)
            values = kept
        rows = [(key, _edition_cell_label(report, key), _value_text(value)) for key, value in values]
        key_w = max(_width(r[0]) for r in rows)
        label_w = max(_width(r[1]) for r in rows)
        for key, label, value in rows:
            out.write(f"              {_pad(key, key_w)}  {_pad(label, label_w)}  {value}\n")
        if hidden:
            out.write(f"              … {words['more_zero'].format(n=hidden)}\n")
    if finding.repair is not None:
        rep = finding.repair
        out.write(f"            {words['repair']}: {rep.cell} = {_value_text(rep.value)} "
                  f"({words['printed']} {_value_text(rep.printed)})\n")
    elif finding.repairs:
        listed = "; ".join(f"{r.cell} = {_value_text(r.value)}" for r in finding.repairs)
        out.write(f"            {words['candidates']}: {listed}\n")


def _error_json(exc: GovDisclosureError) -> dict[str, Any]:
    return {
        "type": type(exc).__name__,
        "code": getattr(exc, "code", None),
        "message": str(exc),
        "problems": [_problem_json(p) for p in getattr(exc, "problems", ())],
    }


def _problem_json(problem: Problem) -> dict[str, Any]:
    location = {k: v for k, v in (
        ("key", problem.location.key), ("table", problem.location.table), ("row", problem.location.row),
        ("column", problem.location.column), ("element", problem.location.element),
        ("line", problem.location.line), ("page", problem.location.page),
    ) if v is not None}
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": problem.message,
        "location": location,
        "raw": problem.raw,
        "candidates": [{k: _json_value(v) for k, v in c.items()} for c in problem.candidates],
        "kind": problem.kind.value,
    }


def _file_json(name: str, result: ParseResult, findings: Sequence[Any], lang: str) -> dict[str, Any]:
    from .checks import Verdict, verdict

    report = result.report
    outcome = verdict(findings)
    return {
        "path": name,
        "status": {Verdict.HOLDS: "clean", Verdict.ERRORS: "errors"}.get(outcome, outcome.value),
        "verdict": outcome.value,
        "format": result.source_format,
        "edition": report.edition.value,
        "year": report.year,
        "agency": report.agency,
        "problems": [_problem_json(p) for p in result.problems],
        "findings": [_finding_json(report, f, lang) for f in findings],
    }


def _finding_json(report: AnnualReport, finding: Any, lang: str) -> dict[str, Any]:
    def repair(r: Any) -> dict[str, Any]:
        return {"cell": r.cell, "value": _json_value(r.value), "printed": _json_value(r.printed)}

    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "kind": finding.kind.value,
        "message": finding.message(lang),
        "scope": finding.scope,
        "relation": finding.relation,
        "year": finding.year,
        "detail": finding.detail,
        "printed": _json_value(finding.printed),
        "computed": _json_value(finding.computed),
        "difference": _json_value(finding.difference),
        "cells": [
            {"key": key, "label": _edition_cell_label(report, key), "value": _json_value(_cell_value(report, key))}
            for key in finding.cells
        ],
        "repair": repair(finding.repair) if finding.repair is not None else None,
        "repairs": [repair(r) for r in finding.repairs],
    }


# ---------------------------------------------------------------------------- convert


def _run_convert(args: argparse.Namespace) -> int:
    from .renderers import render

    result = _read(args.file, args.strict)
    if isinstance(result, GovDisclosureError):
        print(f"gov-disclosure: {args.file}: {result}", file=sys.stderr)
        return EXIT_FAILED
    for problem in result.problems:
        print(f"{args.file}: {problem}", file=sys.stderr)
    if args.fmt == "docx":
        return _write_binary(render(result.report, "docx"), args.output)
    options: dict[str, Any] = {"standalone": True} if args.fmt == "html" else {}
    text = render(result.report, args.fmt, **options)
    if not text.endswith("\n"):
        text += "\n"
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            print(f"gov-disclosure: cannot write {args.output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _write_binary(data: bytes, output: str | None) -> int:
    """A binary format to ``output``, or to standard output when it is no terminal."""
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            print(f"gov-disclosure: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
            return EXIT_FAILED
        return EXIT_OK
    if sys.stdout.isatty():
        print("gov-disclosure: a .docx document is binary; give -o FILE (or redirect the output)", file=sys.stderr)
        return EXIT_FAILED
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return EXIT_OK


# ---------------------------------------------------------------------------- extract: inputs


def expand_paths(
    specs: Iterable[str],
    *,
    exclude: Iterable[Path] = (),
    on_skip: Callable[[str, str], None] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """The files named by ``specs`` (files, folders walked recursively, glob patterns), in a stable order.

    Yields ``(path, None)`` per file, and ``(spec, reason)`` for a spec that names nothing (a
    missing file, a glob that matches nothing, a folder without a report file), so that the
    caller can report it. The walk is lazy: files come as the folders are read. Each file comes
    once; ``exclude`` (resolved paths) are left out. Folders contribute files with a report
    suffix (:data:`REPORT_SUFFIXES`), hidden files and folders skipped; a walked file left out
    for what it holds is passed to ``on_skip(path, reason)``.
    """
    seen = {p.resolve() for p in exclude}
    skip = on_skip or (lambda _path, _reason: None)

    def once(path: Path) -> bool:
        resolved = path.resolve()
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            if not (yield from _walked(path, once, skip)):
                yield spec, "no report file in this folder"
        elif path.exists():
            if once(path):
                yield spec, None
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield spec, "no file matches this pattern"
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _walked(match_path, once, skip)
                elif once(match_path):
                    yield match, None
        else:
            yield spec, "no such file or folder"


def _walked(
    folder: Path, once: Callable[[Path], bool], skip: Callable[[str, str], None]
) -> Generator[tuple[str, None], None, bool]:
    """The report files under ``folder``, each once; returns whether there was any."""
    found = False
    for path in _walk(folder):
        if once(path):
            why = _not_a_source(path)
            if why is not None:
                skip(str(path), why)
                continue
            found = True
            yield str(path), None
    return found


def _not_a_source(path: Path) -> str | None:
    """Why a walked file is no report source, judged from its first bytes (``None``: it may be one)."""
    try:
        with path.open("rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return None  # the parse says what is wrong with it, as for a file named on the command line
    sniffed = sniff_source(head, path.name, whole=False)
    return None if sniffed.readable else f"not a report source: {sniffed.what or sniffed.format}"


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in REPORT_SUFFIXES:
                yield Path(root) / name


def count_inputs(specs: Iterable[str]) -> int:
    """How many lines :func:`expand_paths` may yield for ``specs`` at most (a cheap walk by names
    alone, for a progress bar's total; nothing is opened). A spec that names nothing counts one."""
    total = 0
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            total += max(1, sum(1 for _ in _walk(path)))
        elif glob.has_magic(spec) and not path.exists():
            found = sum(sum(1 for _ in _walk(Path(m))) if os.path.isdir(m) else 1
                        for m in glob.iglob(spec, recursive=True))
            total += max(1, found)
        else:
            total += 1
    return total


# ---------------------------------------------------------------------------- extract: outputs


#: One output row: the values of :data:`EXTRACT_FIELDS`, in that order.
Row = tuple[Any, ...]


class _Sink(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def write_encoded(self, text: str) -> None: ...

    def tell(self) -> int: ...

    def close(self) -> None: ...


def _text_output(path: Path | None, append: bool, newline: str) -> IO[str] | _Unclosed:
    """OUT opened for writing text, or standard output (``-o -``: ``path`` is None)."""
    if path is None:
        return _Unclosed(sys.stdout)
    return path.open("a" if append else "w", encoding="utf-8", newline=newline)


class _Unclosed:
    """Standard output as a sink's file: flushed, never closed."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.write = stream.write
        self.writelines = stream.writelines
        self.flush = stream.flush

    def tell(self) -> int:  # pragma: no cover - only --resume asks, and it needs a file
        return 0

    def close(self) -> None:
        self._stream.flush()


class _CsvSink:
    """CSV, starting with a UTF-8 byte-order mark unless ``bom`` is false: Excel reads a CSV
    without one in the ANSI code page (GBK mojibake on Chinese Windows)."""

    def __init__(self, path: Path | None, append: bool, bom: bool) -> None:
        import csv

        fresh = path is None or not append or not path.exists() or path.stat().st_size == 0
        self._file = _text_output(path, append, "")
        self._writer = csv.writer(self._file)
        if fresh:
            if bom:
                self._file.write("\ufeff")
            self._writer.writerow(EXTRACT_FIELDS)
            self._file.flush()

    def write(self, rows: Sequence[Row]) -> None:
        self.write_encoded(encode_rows(rows, "csv"))

    def write_encoded(self, text: str) -> None:
        self._file.write(text)
        self._file.flush()

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


def _csv_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


#: Output formats whose rows the workers write out as text (:func:`encode_rows`).
ENCODED_FORMATS = ("csv", "jsonl")


def encode_rows(rows: Iterable[Row], fmt: str) -> str:
    """``rows`` as the lines of the ``csv`` or ``jsonl`` output, exactly as ``extract`` writes them."""
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        # the csv module writes None as "" and other values as str() does: only an amount
        # (a Decimal, written without an exponent) needs :func:`_csv_text`
        csv.writer(buffer).writerows(
            row if not any(isinstance(value, Decimal) for value in row) else [_csv_text(value) for value in row]
            for row in rows
        )
        return buffer.getvalue()
    if fmt == "jsonl":
        return "".join(
            json.dumps({f: _json_value(v) for f, v in zip(EXTRACT_FIELDS, row, strict=True)}, ensure_ascii=False) + "\n"
            for row in rows
        )
    raise ValueError(f"rows are written out as text for {', '.join(ENCODED_FORMATS)}, not {fmt!r}")


class _JsonlSink:
    def __init__(self, path: Path | None, append: bool) -> None:
        self._file = _text_output(path, append, "\n")

    def write(self, rows: Sequence[Row]) -> None:
        self.write_encoded(encode_rows(rows, "jsonl"))

    def write_encoded(self, text: str) -> None:
        self._file.write(text)
        self._file.flush()

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


class _ParquetSink:
    """Row groups of up to ``batch`` records, written as they fill (memory stays bounded)."""

    def __init__(self, path: Path, batch: int = 50_000) -> None:
        import importlib

        try:
            self._pa = importlib.import_module("pyarrow")
            self._pq = importlib.import_module("pyarrow.parquet")
        except ImportError:
            raise MissingExtraError("parquet", "pyarrow", "writing Parquet") from None
        pa = self._pa
        self._schema = pa.schema([
            ("file", pa.string()), ("agency", pa.string()), ("year", pa.int32()), ("edition", pa.string()),
            ("section", pa.string()), ("key", pa.string()), ("row", pa.string()), ("column", pa.string()),
            ("label", pa.string()), ("value", pa.decimal128(38, 10)), ("raw", pa.string()),
        ])
        self._writer = self._pq.ParquetWriter(str(path), self._schema)
        self._rows: list[Row] = []
        self._batch = batch
        self._count = 0

    def write(self, rows: Sequence[Row]) -> None:
        self._rows.extend(rows)
        self._count += len(rows)
        if len(self._rows) >= self._batch:
            self._flush()

    def write_encoded(self, text: str) -> None:  # pragma: no cover - Parquet rows are never encoded
        raise TypeError("a Parquet file takes rows, not encoded text")

    def _flush(self) -> None:
        if not self._rows:
            return
        columns = {f: [_parquet_value(f, row[i]) for row in self._rows] for i, f in enumerate(EXTRACT_FIELDS)}
        self._writer.write_table(self._pa.table(columns, schema=self._schema))
        self._rows = []

    def tell(self) -> int:
        return self._count

    def close(self) -> None:
        self._flush()
        self._writer.close()


def _parquet_value(field: str, value: object) -> object:
    if field == "value" and isinstance(value, int):
        return Decimal(value)
    return value


def _open_sink(fmt: str, path: Path | None, append: bool, bom: bool) -> _Sink:
    if fmt == "csv":
        return _CsvSink(path, append, bom)
    if fmt == "jsonl":
        return _JsonlSink(path, append)
    if path is None:  # pragma: no cover - refused before
        raise ValueError("Parquet needs a file")
    return _ParquetSink(path)


# ---------------------------------------------------------------------------- extract: state


class _State:
    """The sidecar ``OUT.state.jsonl``: one line per file extracted into OUT (size, mtime, OUT size after)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[str] | None = None

    @staticmethod
    def for_output(out: Path) -> _State:
        return _State(out.with_name(out.name + _STATE_SUFFIX))

    def load(self, fmt: str) -> tuple[dict[str, tuple[int, int]], int] | None:
        """``({path: (size, mtime_ns)}, OUT size after the last complete file)``, or ``None`` if unusable."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            return None
        done: dict[str, tuple[int, int]] = {}
        out_size = 0
        try:
            header = json.loads(lines[0])
            if header.get("version") != _STATE_VERSION or header.get("format") != fmt:
                return None
            for line in lines[1:]:
                try:
                    entry = json.loads(line)
                except ValueError:  # a line cut short by a crash: the file it names is not done
                    break
                done[entry["path"]] = (int(entry["size"]), int(entry["mtime_ns"]))
                out_size = int(entry["out_size"])
        except (IndexError, KeyError, TypeError, ValueError):
            return None
        return done, out_size

    def start(self, fmt: str, append: bool) -> None:
        if append and self.path.exists():
            self._file = self.path.open("a", encoding="utf-8")
        else:
            self._file = self.path.open("w", encoding="utf-8")
            self._file.write(json.dumps({"version": _STATE_VERSION, "format": fmt}) + "\n")
            self._file.flush()

    def done(self, path: str, size: int, mtime_ns: int, out_size: int) -> None:
        if self._file is None:  # pragma: no cover - start() is always called first
            raise RuntimeError("state file not started")
        record = {"path": path, "size": size, "mtime_ns": mtime_ns, "out_size": out_size}
        self._file.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def _identity(path: str) -> tuple[str, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return str(Path(path).resolve()), st.st_size, st.st_mtime_ns


# ---------------------------------------------------------------------------- extract: status and progress


class _Progress:
    """A one-line progress bar on stderr, redrawn in place; silent unless enabled."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.total = total
        self.enabled = enabled
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.enabled and (now - self._last > 0.1 or self.done == self.total):
            self._last = now
            self.draw()

    def draw(self) -> None:
        if not self.enabled:
            return
        rate = self.done / max(time.monotonic() - self.started, 1e-9)
        if self.total:
            width = 30
            filled = width * min(self.done, self.total) // self.total
            bar = "#" * filled + "." * (width - filled)
            sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} files  {rate:.1f}/s\x1b[K")
        else:  # the total is not known (yet)
            sys.stderr.write(f"\r{self.done} files  {rate:.1f}/s\x1b[K")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _StatusTable:
    """The per-file status table: tab-separated, one line per file, written as files finish."""

    HEADER = ("status", "file", "edition", "year", "cells", "detail")

    def __init__(self, stream: IO[str], progress: _Progress, to_stderr: bool) -> None:
        self.stream = stream
        self.progress = progress
        self.to_stderr = to_stderr
        self.counts = {"parsed": 0, "problems": 0, "failed": 0, "skipped": 0}
        self._line(self.HEADER)

    def add(self, status: str, path: str, edition: str = "", year: object = "", cells: object = "",
            detail: str = "") -> None:
        self.counts[status] += 1
        self._line((status, path, edition, "" if year is None else str(year), str(cells), detail))

    def _line(self, fields: Sequence[str]) -> None:
        if self.to_stderr:
            self.progress.clear()
        clean = (f.replace("\t", " ").replace("\n", " ") for f in fields)
        self.stream.write("\t".join(clean) + "\n")
        self.stream.flush()
        if self.to_stderr:
            self.progress.draw()


def _problem_summary(problems: Sequence[Problem]) -> str:
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem.code] = counts.get(problem.code, 0) + 1
    return ", ".join(f"{code}×{n}" if n > 1 else code for code, n in counts.items())


# ---------------------------------------------------------------------------- extract: the per-file task


@attrs.frozen
class Extracted:
    """What one file gives ``extract``: its rows, or the reason it failed (plain data, cheap to pickle).

    With :func:`extract_file`'s ``encode``, the rows come written out as the output's text
    (``encoded``: one string, the cheapest thing to send from a worker process) and ``rows``
    is empty; ``count`` is the number of rows either way.
    """

    rows: tuple[Row, ...] = ()
    error: str | None = None
    edition: str = ""
    year: int | None = None
    problems: str = ""
    """The problem codes, summarised (``SPLIT.AMBIGUOUS, CELL.UNREADABLE×2``)."""
    serious: bool = False
    """A problem at warning or error level."""
    encoded: str | None = None
    """The rows as CSV or JSON Lines text (:func:`encode_rows`), when asked for."""
    count: int = 0
    """How many rows the file gave."""


def extract_file(path: str, *, strict: bool = False, encode: str | None = None) -> Extracted:
    """Parse one file into its tidy rows (:data:`EXTRACT_FIELDS`): the per-file work of ``extract``,
    run in the worker processes. Never raises for a bad file. ``encode`` (``"csv"`` or
    ``"jsonl"``) hands the rows back written out as that output's text (``Extracted.encoded``)."""
    from ._batch import parse_or_error
    from .renderers import cell_records

    result = parse_or_error(path, strict)
    if isinstance(result, GovDisclosureError):
        return Extracted(error=str(result))
    report = result.report
    fields = operator.itemgetter(*EXTRACT_FIELDS[1:])
    rows = tuple((path, *fields(record)) for record in cell_records(report))
    encoded = encode_rows(rows, encode) if encode is not None else None
    return Extracted(
        rows=rows if encoded is None else (),
        encoded=encoded,
        count=len(rows),
        edition=report.edition.value,
        year=report.year,
        problems=_problem_summary(result.problems),
        serious=any(p.severity.value != "info" for p in result.problems),
    )


def _worker_died(path: str) -> Extracted:
    return Extracted(error=f"[BATCH.WORKER_DIED] the worker process parsing {path} died")


def _extract_all(paths: Iterable[str], jobs: int, strict: bool,
                 encode: str | None) -> Generator[tuple[str, Extracted], None, None]:
    if jobs == 1:
        for path in paths:
            yield path, extract_file(path, strict=strict, encode=encode)
        return
    from ._batch import map_files

    with contextlib.closing(
        map_files(functools.partial(extract_file, strict=strict, encode=encode), paths, jobs=jobs, died=_worker_died)
    ) as results:  # closed on an interrupt too: the worker pool shuts down
        yield from results


# ---------------------------------------------------------------------------- extract


def _run_extract(args: argparse.Namespace) -> int:
    to_stdout = args.output == "-"
    out = None if to_stdout else Path(args.output)
    fmt = args.format or ("csv" if out is None else EXTRACT_SUFFIXES.get(out.suffix.lower()))
    shown = "standard output" if out is None else str(out)
    if fmt is None:
        print(f"gov-disclosure extract: cannot tell the output format from {args.output!r}; "
              "use a .csv, .jsonl or .parquet name, or --format", file=sys.stderr)
        return EXIT_FAILED
    if args.resume and fmt == "parquet":
        print("gov-disclosure extract: --resume needs CSV or JSON Lines output (a Parquet file cannot be appended to)",
              file=sys.stderr)
        return EXIT_FAILED
    if out is None and (fmt == "parquet" or args.resume):
        print("gov-disclosure extract: -o - (standard output) takes CSV or JSON Lines, without --resume",
              file=sys.stderr)
        return EXIT_FAILED
    jobs = args.jobs if args.jobs > 0 else (os.cpu_count() or 1)
    # The state file exists only for --resume: it records each finished file for the next run.
    state = _State.for_output(out) if out is not None and args.resume else None
    status_path = Path(args.status) if args.status else None

    done: dict[str, tuple[int, int]] = {}
    append = False
    if state is not None and out is not None:
        loaded = state.load(fmt)
        if loaded is not None and out.exists():
            done, out_size = loaded
            append = True
            if out.stat().st_size > out_size:  # rows of a file cut short by an interrupted run
                with out.open("r+b") as handle:
                    handle.truncate(out_size)
        elif out.exists() or state.path.exists():
            print(f"gov-disclosure extract: no usable earlier run for {out}; starting afresh", file=sys.stderr)

    exclude = [p for p in (out, state.path if state else None, status_path) if p is not None]
    skipped: list[tuple[str, str]] = []
    inputs = expand_paths(args.paths, exclude=exclude, on_skip=lambda path, why: skipped.append((path, why)))
    first = next(inputs, None)
    if first is None:
        print("gov-disclosure extract: no input files", file=sys.stderr)
        return EXIT_FAILED

    try:
        sink = _open_sink(fmt, out, append, bom=not args.no_bom)
    except OSError as exc:
        print(f"gov-disclosure extract: cannot write {shown}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        status_stream: IO[str] = status_path.open("w", encoding="utf-8") if status_path else sys.stderr
    except OSError as exc:
        sink.close()
        print(f"gov-disclosure extract: cannot write {status_path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    show_progress = sys.stderr.isatty() and not args.no_progress
    # The bar's total comes from a walk by names alone (cheap: nothing is opened).
    progress = _Progress(count_inputs(args.paths) if show_progress else None, enabled=show_progress)
    table = _StatusTable(status_stream, progress, to_stderr=status_path is None)
    if state is not None:
        state.start(fmt, append)
    started = time.monotonic()
    records = 0

    def report_skipped() -> None:
        for path, why in skipped:
            table.add("skipped", path, detail=why)
            progress.step()
        skipped.clear()

    def to_parse() -> Iterator[str]:
        # Pulled lazily by the workers' feeder, as room frees up: the walk, the table's lines for
        # files that are not parsed, and the parsing all advance together.
        for path, reason in itertools.chain([first] if first is not None else [], inputs):
            report_skipped()
            if reason is not None:
                table.add("failed", path, detail=reason)
                progress.step()
                continue
            ident = _identity(path) if done else None
            if ident is not None and ident[0] in done:
                if done[ident[0]] == ident[1:]:
                    table.add("skipped", path, detail="extracted by an earlier run")
                else:
                    table.add("failed", path, detail="changed since the earlier run; its old rows are in OUT: "
                              "re-run without --resume")
                progress.step()
                continue
            yield path
        report_skipped()

    try:
        # The workers write the rows out as CSV or JSON Lines text: one string per file comes back
        encode = fmt if fmt in ENCODED_FORMATS else None
        with contextlib.closing(_extract_all(to_parse(), jobs, args.strict, encode)) as outcomes:
            for path, extracted in outcomes:
                progress.step()
                if extracted.error is not None:
                    table.add("failed", path, detail=extracted.error)
                    continue
                if extracted.encoded is not None:
                    sink.write_encoded(extracted.encoded)
                else:
                    sink.write(extracted.rows)
                records += extracted.count
                if state is not None:
                    ident = _identity(path)
                    if ident is not None:
                        state.done(ident[0], ident[1], ident[2], sink.tell())
                table.add("problems" if extracted.serious else "parsed", path, extracted.edition, extracted.year,
                          extracted.count, extracted.problems)
    finally:
        sink.close()
        if state is not None:
            state.close()
        progress.clear()
        if status_path:
            status_stream.close()
    elapsed = time.monotonic() - started
    counts = table.counts
    parsed = counts["parsed"] + counts["problems"]
    rate = parsed / elapsed if elapsed > 0 else 0.0
    files = sum(counts.values())
    print(
        f"gov-disclosure extract: {files} file(s): {counts['parsed']} parsed, "
        f"{counts['problems']} with problems, "
        f"{counts['failed']} failed, {counts['skipped']} skipped; {records} record(s) → {shown} "
        f"({elapsed:.1f} s, {rate:.1f} reports/s)",
        file=sys.stderr,
    )
    return EXIT_FAILED if counts["failed"] else EXIT_OK
