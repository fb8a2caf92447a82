"""The ``gov-disclosure`` command line (also ``python -m gov_disclosure``).

Three commands, each a thin layer over the public API:

``check FILE…``
    parse and check; a table of parse problems and findings per file (``--json`` for
    machines), the publisher's errors apart from what the parser could not read. Exit status
    0: something was checked and the arithmetic holds; 1: a finding at error level; 2: a file
    could not be parsed; 3: nothing could be checked (a legacy report, or every sum unfilled).
    When files differ, the first of 2, 1, 3 that applies.
``convert FILE --to FORMAT [-o OUT]``
    parse and render in another format (html, markdown, text, csv — with a UTF-8 BOM unless
    ``--no-bom`` — json, docx).
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
import os
import re
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import IO, Any, Protocol

import attrs

from ._cli_text import DEFAULT_LANG, LANGS, Lang, LocalizedParser, choose_lang, os_error_reason, say
from ._errors import GovDisclosureError, KeyLookupError, MissingExtraError, ParseError
from ._extract_rows import EXTRACT_FIELDS, Row
from .model import AnnualReport, CellValue, Placeholder, Unreadable, edition_spec
from .parsers import Kind, Location, ParseResult, Problem
from .parsers._sniff import SNIFF_BYTES, is_report_source, sniff_source

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

_STATE_SUFFIX = ".state.jsonl"
_STATE_VERSION = 2  # 2: the status column (an output of version 1 is written afresh, not appended to)

_SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

_TOP_HEADING = re.compile(r"^[一二三四五六七八九十]+、")

#: In the table, a sum with more cells than this shows its total and non-zero operands only.
_MAX_LISTED_CELLS = 8


# ---------------------------------------------------------------------------- entry point


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status.

    Messages and help are in the language of ``--lang`` (on the program or on any command),
    else of the environment variable ``GOV_DISCLOSURE_LANG``, else Chinese.
    """
    _utf8_streams()
    argv_given = argv
    argv = list(sys.argv[1:] if argv is None else argv)
    lang, bad_env = choose_lang(argv, os.environ)
    parser = _build_parser(lang)
    if bad_env is not None:
        parser.error(say(lang, "lang.env_invalid", value=repr(bad_env)))
    args = parser.parse_args(argv)
    args.lang = getattr(args, "lang", lang)
    try:
        status: int = args.run(args)
    except MissingExtraError as exc:
        print(f"gov-disclosure: {say(args.lang, 'missing_extra', package=exc.package, extra=exc.extra)}",
              file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:  # `gov-disclosure check … | head`
        sys.stderr.close()
        return EXIT_OK
    except OSError as exc:  # an output that fails while written (a full disk, a lost drive)
        reason = os_error_reason(exc, args.lang)
        if exc.filename is not None:
            reason = say(args.lang, "os_error", path=exc.filename, reason=reason)
        print(f"gov-disclosure: {reason}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print(f"gov-disclosure: {say(args.lang, 'interrupted')}", file=sys.stderr)
        return 130
    if argv_given is None:
        _before_exit()
    return status


def _before_exit() -> None:
    """Run as the program (the interpreter exits next): set everything alive aside from the
    garbage collector, whose passes at the interpreter's exit would otherwise walk every module,
    table and pattern once more (a few hundredths of a second at each run; nothing is left to
    collect that matters, and every file is closed and flushed already)."""
    import gc

    gc.freeze()


def _version() -> str:
    """The package's version, looked up when needed (not at every start: see ``__getattr__``)."""
    from . import __version__

    return __version__


class _VersionAction(argparse.Action):
    """``--version``: as argparse's ``version`` action, the version looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: object,
                 option_string: str | None = None) -> None:
        parser._print_message(f"{parser.prog} {_version()}\n", sys.stdout)
        parser.exit()


def _build_parser(lang: Lang = DEFAULT_LANG) -> argparse.ArgumentParser:
    """The parser in one language: every help text, metavar and argparse's own words."""

    def t(key: str) -> str:
        return say(lang, key)

    def add_lang(parser: argparse.ArgumentParser) -> None:
        # SUPPRESS: a command's parser leaves alone a --lang given before the command.
        parser.add_argument("--lang", choices=LANGS, default=argparse.SUPPRESS, help=t("help.lang"))

    parser = LocalizedParser(prog="gov-disclosure", description=t("prog.description"), epilog=t("prog.epilog"),
                             lang=lang)
    parser.add_argument("--version", action=_VersionAction, help=t("help.version"))
    add_lang(parser)
    commands = parser.add_subparsers(dest="command", required=True, metavar=t("metavar.command"))

    check = commands.add_parser("check", help=t("check.help"), description=t("check.description"), lang=lang)
    check.add_argument("files", nargs="+", metavar=t("metavar.file"), help=t("check.files"))
    check.add_argument("--json", action="store_true", help=t("check.json"))
    add_lang(check)
    check.add_argument("--min-severity", choices=("info", "warning", "error"), default="warning",
                       help=t("check.min_severity"))
    check.add_argument("--strict", action="store_true", help=t("check.strict"))
    check.set_defaults(run=_run_check)

    convert = commands.add_parser("convert", help=t("convert.help"), description=t("convert.description"),
                                  lang=lang)
    convert.add_argument("file", metavar=t("metavar.file"), help=t("convert.file"))
    convert.add_argument("--to", required=True, choices=("html", "markdown", "text", "csv", "json", "docx"),
                         dest="fmt", help=t("convert.to"))
    convert.add_argument("-o", "--output", metavar=t("metavar.out"), help=t("convert.output"))
    add_lang(convert)
    convert.add_argument("--strict", action="store_true", help=t("convert.strict"))
    convert.add_argument("--no-bom", action="store_true", help=t("extract.no_bom"))
    convert.set_defaults(run=_run_convert)

    extract = commands.add_parser("extract", help=t("extract.help"), description=t("extract.description"),
                                  lang=lang)
    extract.add_argument("paths", nargs="+", metavar=t("metavar.path"), help=t("extract.paths"))
    extract.add_argument("-o", "--output", required=True, metavar=t("metavar.out"), help=t("extract.output"))
    extract.add_argument("--format", choices=("csv", "jsonl", "parquet"), help=t("extract.format"))
    extract.add_argument("--status", metavar=t("metavar.file"), help=t("extract.status"))
    extract.add_argument("-j", "--jobs", type=functools.partial(_jobs, lang=lang), default=1, metavar="N",
                         help=t("extract.jobs"))
    extract.add_argument("--resume", action="store_true", help=t("extract.resume"))
    extract.add_argument("--no-bom", action="store_true", help=t("extract.no_bom"))
    add_lang(extract)
    extract.add_argument("--strict", action="store_true", help=t("extract.strict"))
    extract.add_argument("--no-progress", action="store_true", help=t("extract.no_progress"))
    extract.set_defaults(run=_run_extract)
    return parser


def _jobs(text: str, lang: str = DEFAULT_LANG) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say(lang, "jobs.not_a_number", text=repr(text))) from None
    if value < 0:
        raise argparse.ArgumentTypeError(say(lang, "jobs.negative"))
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


def _value_text(value: object, lang: str) -> str:
    if value is None:
        return say(lang, "blank")
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


def _check_inputs(specs: Sequence[str], lang: str,
                  on_skip: Callable[[str, str], None] | None = None) -> list[tuple[str, str | None]]:
    """The files to check: each spec as given, except that a folder or a glob stands for its
    files (see :func:`expand_paths`; a walked file that is no report source goes to ``on_skip``).
    A folder or glob naming no file comes with the reason, to fail as an unreadable file does
    (exit status 2, as in ``extract`` and ``convert``)."""
    names: list[tuple[str, str | None]] = []
    for spec in specs:
        if Path(spec).is_dir() or (not Path(spec).exists() and glob.has_magic(spec)):
            names.extend(expand_paths([spec], lang=lang, on_skip=on_skip))
        else:
            names.append((spec, None))
    return names


def _read(path: str, strict: bool) -> ParseResult | GovDisclosureError:
    """Parse one file; an unexpected exception inside a parser is this file's failure
    (``PARSE.INTERNAL``), as in :func:`~gov_disclosure.parse_many`, not the end of the run."""
    from ._batch import parse_or_error

    return parse_or_error(path, strict)


# The one place where the command line takes the text of a parse problem or of an error: the
# library's messages say it in one language or in both (``message(lang)``); these helpers
# read either.


def _problem_text(problem: Problem, lang: str) -> str:
    """A parse problem's message, in ``lang`` where the problem can say it in ``lang``."""
    message = getattr(problem, "message", "")
    return str(message(lang) if callable(message) else message)


def _error_text(exc: GovDisclosureError, lang: str) -> str:
    """An error's message without its code, in ``lang`` where the error can say it in ``lang``."""
    if isinstance(exc, MissingExtraError):
        return say(lang, "missing_extra", package=exc.package, extra=exc.extra)
    if not isinstance(exc, ParseError):  # a JSON document that is no report: its message ends with its path
        return str(exc)
    message: Any = exc.message
    return str(message(lang) if callable(message) else message)


def _error_line(exc: GovDisclosureError, lang: str) -> str:
    """One line for an error: ``[CODE] message``; a ``--strict`` failure says how many problems
    it carries (they are listed after it, each once)."""
    code = getattr(exc, "code", None)
    problems = getattr(exc, "problems", ())
    strict = code == "PARSE.STRICT" and problems
    text = say(lang, "failed.strict", n=len(problems)) if strict else _error_text(exc, lang)
    return f"[{code}] {text}" if code else text


def _run_check(args: argparse.Namespace) -> int:
    from .checks import Verdict, check, verdict

    lang = args.lang
    out = sys.stdout
    files: list[dict[str, Any]] = []
    clean = errors = failed = unassessed = 0
    source_errors = extraction = with_source_errors = 0
    skipped: list[tuple[str, str]] = []
    names = _check_inputs(args.files, lang, on_skip=lambda path, why: skipped.append((path, why)))
    for path, why in skipped:  # walked files that are no report source: listed, never parsed
        files.append({"path": path, "status": "skipped", "reason": why})
        if not args.json:
            out.write(say(lang, "check.skipped", name=path, reason=why) + "\n\n")
    for name, reason in names:
        if reason is not None:  # a folder or glob that names no report file
            failed += 1
            text = say(lang, "input.reason", name=name, reason=reason)
            files.append({"path": name, "status": "failed", "error": {
                "type": "ParseError", "code": "SOURCE.UNREADABLE", "message": text, "problems": []}})
            if not args.json:
                _print_failure(out, name, f"[SOURCE.UNREADABLE] {text}", (), lang)
            continue
        result = _read(name, args.strict)
        if isinstance(result, GovDisclosureError):
            failed += 1
            files.append({"path": name, "status": "failed", "error": _error_json(result, lang)})
            if not args.json:
                _print_failure(out, name, _error_line(result, lang), getattr(result, "problems", ()), lang)
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
        entry = _file_json(name, result, findings, lang)
        files.append(entry)
        if not args.json:
            _print_checked(out, name, result, findings, lang, _SEVERITY_RANK[args.min_severity])
    status = (EXIT_FAILED if failed else EXIT_FINDINGS if errors else EXIT_NOT_ASSESSED if unassessed
              else EXIT_OK)
    summary = {"files": len(names), "clean": clean, "with_errors": errors, "not_assessed": unassessed,
               "failed": failed, "skipped": len(skipped), "source_errors": source_errors, "extraction": extraction}
    if args.json:
        doc = {"version": _version(), "files": files, "summary": summary, "exit_status": status}
        json.dump(doc, out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        out.write(say(lang, "summary", files=len(names), clean=clean, errors=errors, failed=failed,
                      unassessed=unassessed) + "\n")
        if source_errors or extraction:
            out.write(say(lang, "kinds", source=source_errors, files=with_source_errors, extraction=extraction)
                      + "\n")
        if skipped:
            out.write(say(lang, "check.skipped_summary", n=len(skipped)) + "\n")
    return status


def _extraction_count(result: ParseResult, findings: Sequence[Any]) -> int:
    """What the parser could not read: its extraction problems at warning level or above, and
    the findings of extraction kind (tables not assessed)."""
    problems = sum(p.kind is Kind.EXTRACTION and p.severity.value != "info" for p in result.problems)
    return problems + sum(f.kind is Kind.EXTRACTION for f in findings)


def _describe_report(result: ParseResult, lang: str) -> str:
    report = result.report
    if report.edition.value == "legacy":
        bits = [say(lang, "edition.legacy")]
    else:
        bits = [say(lang, "edition", edition=report.edition.value)]
    if report.year is not None:
        bits.append(say(lang, "year", year=report.year))
    if report.agency:
        bits.append(report.agency)
    bits.append(result.source_format)
    return say(lang, "list.sep").join(bits)


#: The most problems of a failed file the table lists (``--json`` has every one).
_MAX_FAILURE_PROBLEMS = 20


def _print_failure(out: IO[str], name: str, line: str, problems: Sequence[Problem], lang: str) -> None:
    out.write(say(lang, "failed.head", name=name) + "\n")
    out.write(f"  {line}\n")
    for problem in problems[:_MAX_FAILURE_PROBLEMS]:
        _print_problem(out, problem, lang)
    if len(problems) > _MAX_FAILURE_PROBLEMS:
        out.write("    " + say(lang, "failed.more", n=len(problems) - _MAX_FAILURE_PROBLEMS) + "\n")
    out.write("\n")


def _print_checked(
    out: IO[str], name: str, result: ParseResult, findings: Sequence[Any], lang: str, min_rank: int
) -> None:
    from .checks import NOT_ASSESSED_CODES, Verdict, verdict

    report = result.report
    out.write(f"{name} — {_describe_report(result, lang)}\n")
    if result.problems:
        out.write("  " + say(lang, "problems.head", n=len(result.problems)) + "\n")
        for problem in result.problems:
            _print_problem(out, problem, lang)
    else:
        out.write("  " + say(lang, "problems.none") + "\n")
    if not findings:
        out.write("  " + say(lang, "findings.none") + "\n\n")
        return
    # The verdict's own findings are said in the verdict line, whatever --min-severity.
    listed = [f for f in findings if f.code not in NOT_ASSESSED_CODES]
    shown = [f for f in listed if f.severity.rank >= min_rank]
    if listed:
        out.write("  " + say(lang, "findings.head", n=len(listed)) + "\n")
    for kind in (Kind.SOURCE, Kind.EXTRACTION):
        group = [f for f in shown if f.kind is kind]
        if group:
            out.write("   " + say(lang, f"kind.{kind.value}", n=len(group)) + "\n")
        for finding in group:
            _print_finding(out, report, finding, lang)
    hidden = len(listed) - len(shown)
    if hidden:
        level = next(k for k, v in _SEVERITY_RANK.items() if v == min_rank)
        out.write("    " + say(lang, "hidden", n=hidden, level=say(lang, f"level.{level}")) + "\n")
    outcome = verdict(findings)
    if outcome is Verdict.NOT_ASSESSED:
        why = next(f for f in findings if f.code in NOT_ASSESSED_CODES)
        line = say(lang, "not_assessed", why=why.message(lang))
    elif outcome is Verdict.ERRORS:
        line = say(lang, "errors", n=sum(f.severity.value == "error" for f in findings))
    else:
        unread = sum(f.kind is Kind.EXTRACTION and f.code == "S.TABLE_NOT_ASSESSED" for f in findings)
        line = say(lang, "holds_partly", n=unread) if unread else say(lang, "holds")
    out.write("  " + say(lang, "verdict", verdict=line) + "\n\n")


def _severity(severity: Any, lang: str) -> str:
    """A problem's or finding's severity as a word of ``lang``, padded for the table's column."""
    return _pad(say(lang, f"severity.{severity.value}"), 8)


def _location_text(location: Location, lang: str) -> str:
    """Where a problem is, as ``name=value`` pairs (the fields of ``--json``'s ``location``,
    indexes 0-based as there) with the names in ``lang``; empty when nothing is known."""
    values = ((f.name, getattr(location, f.name)) for f in attrs.fields(Location))
    return say(lang, "list.sep").join(f"{say(lang, f'location.{name}')}={value}"
                                      for name, value in values if value is not None)


def _problem_line(problem: Problem, lang: str) -> str:
    """A parse problem on one line: severity, code, message and where (for standard error)."""
    where = _location_text(problem.location, lang)
    line = f"{say(lang, f'severity.{problem.severity.value}')} {problem.code}  {_problem_text(problem, lang)}"
    return line + (f"  @ {where}" if where else "")


def _print_problem(out: IO[str], problem: Problem, lang: str) -> None:
    where = _location_text(problem.location, lang)
    out.write(f"    {_severity(problem.severity, lang)}{problem.code}  {_problem_text(problem, lang)}")
    out.write(f"  @ {where}\n" if where else "\n")
    if problem.raw:
        out.write("            " + say(lang, "raw", raw=repr(problem.raw)) + "\n")
    for candidate in problem.candidates:
        values = ", ".join(f"{k}={v}" for k, v in candidate.items())
        out.write("            " + say(lang, "candidate", values=values) + "\n")


def _print_finding(out: IO[str], report: AnnualReport, finding: Any, lang: str) -> None:
    head = f"    {_severity(finding.severity, lang)}{finding.code}"
    if finding.scope:
        head += f"  {finding.scope}"
    out.write(head + "\n")
    out.write(f"            {finding.message(lang)}\n")
    if finding.printed is not None or finding.computed is not None:
        sides = say(lang, "sides", printed=_value_text(finding.printed, lang),
                    computed=_value_text(finding.computed, lang))
        if finding.difference is not None:
            sides += " · " + say(lang, "difference", difference=f"{finding.difference:+}")
        out.write("            " + sides + "\n")
    if finding.cells:
        out.write("            " + say(lang, "cells") + "\n")
        values = [(key, _cell_value(report, key)) for key in finding.cells]
        hidden = 0
        if len(values) > _MAX_LISTED_CELLS:
            kept = [values[0], *(kv for kv in values[1:] if kv[1] is not None and kv[1] != 0)]
            hidden = len(values) - len(kept)
            values = kept
        rows = [(key, _edition_cell_label(report, key), _value_text(value, lang)) for key, value in values]
        key_w = max(_width(r[0]) for r in rows)
        label_w = max(_width(r[1]) for r in rows)
        for key, label, value in rows:
            out.write(f"              {_pad(key, key_w)}  {_pad(label, label_w)}  {value}\n")
        if hidden:
            out.write("              " + say(lang, "more_zero", n=hidden) + "\n")
    if finding.repair is not None:
        rep = finding.repair
        out.write("            " + say(lang, "repair", cell=rep.cell, value=_value_text(rep.value, lang),
                                       printed=_value_text(rep.printed, lang)) + "\n")
    elif finding.repairs:
        listed = "; ".join(f"{r.cell} = {_value_text(r.value, lang)}" for r in finding.repairs)
        out.write("            " + say(lang, "candidates", listed=listed) + "\n")


def _error_json(exc: GovDisclosureError, lang: str) -> dict[str, Any]:
    return {
        "type": type(exc).__name__,
        "code": getattr(exc, "code", None),
        "message": _error_text(exc, lang),
        "problems": [_problem_json(p, lang) for p in getattr(exc, "problems", ())],
    }


def _problem_json(problem: Problem, lang: str) -> dict[str, Any]:
    location = {k: v for k, v in (
        ("key", problem.location.key), ("table", problem.location.table), ("row", problem.location.row),
        ("column", problem.location.column), ("element", problem.location.element),
        ("line", problem.location.line), ("page", problem.location.page),
    ) if v is not None}
    return {
        "code": problem.code,
        "severity": problem.severity.value,
        "message": _problem_text(problem, lang),
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
        "problems": [_problem_json(p, lang) for p in result.problems],
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

    lang = args.lang
    result = _read(args.file, args.strict)
    if isinstance(result, GovDisclosureError):
        line = say(lang, "could_not_parse", name=args.file, error=_error_line(result, lang))
        print(f"gov-disclosure: {line}", file=sys.stderr)
        for problem in getattr(result, "problems", ()):
            print(f"  {_problem_line(problem, lang)}", file=sys.stderr)
        return EXIT_FAILED
    for problem in result.problems:
        print(f"{args.file}: {_problem_line(problem, lang)}", file=sys.stderr)
    if args.fmt == "docx":
        return _write_binary(render(result.report, "docx"), args.output, lang)
    options: dict[str, Any] = {"standalone": True} if args.fmt == "html" else {}
    text = render(result.report, args.fmt, **options)
    if not text.endswith("\n"):
        text += "\n"
    if args.fmt == "csv" and not args.no_bom:  # as extract writes it: Excel reads UTF-8 only after a BOM
        text = "\ufeff" + text
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            _cannot_write("gov-disclosure", args.output, exc, lang)
            return EXIT_FAILED
    else:
        sys.stdout.write(text)
    return EXIT_OK


def _cannot_write(prog: str, path: object, exc: OSError, lang: str) -> None:
    """One line on standard error: ``path`` could not be written, and why, in ``lang``."""
    print(f"{prog}: {say(lang, 'cannot_write', path=path, reason=os_error_reason(exc, lang))}", file=sys.stderr)


def _write_binary(data: bytes, output: str | None, lang: str) -> int:
    """A binary format to ``output``, or to standard output when it is no terminal."""
    if output:
        try:
            Path(output).write_bytes(data)
        except OSError as exc:
            _cannot_write("gov-disclosure", output, exc, lang)
            return EXIT_FAILED
        return EXIT_OK
    if sys.stdout.isatty():
        print(f"gov-disclosure: {say(lang, 'docx_on_terminal')}", file=sys.stderr)
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
    lang: str = DEFAULT_LANG,
) -> Iterator[tuple[str, str | None]]:
    """The files named by ``specs`` (files, folders walked recursively, glob patterns), in a stable order.

    Yields ``(path, None)`` per file, and ``(spec, reason)`` for a spec that names nothing (a
    missing file, a glob that matches nothing, a folder without a report file), so that the
    caller can report it. The walk is lazy: files come as the folders are read. Each file comes
    once; ``exclude`` (resolved paths) are left out. Folders contribute files with a report
    suffix (:data:`REPORT_SUFFIXES`), hidden files and folders skipped; a walked file left out
    for what it holds is passed to ``on_skip(path, reason)``. The reasons are in ``lang``.
    """
    # Resolved paths as strings (``os.path.realpath``, which ``Path.resolve`` calls): a walk
    # resolves a folder once and each file in it by name, unless the file is a symbolic link.
    seen = {os.path.realpath(p) for p in exclude}
    skip = on_skip or (lambda _path, _reason: None)

    def once(resolved: str) -> bool:
        if resolved in seen:
            return False
        seen.add(resolved)
        return True

    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            if not (yield from _walked(path, once, skip, lang)):
                yield spec, say(lang, "input.empty_folder")
        elif path.exists():
            if once(os.path.realpath(path)):
                yield spec, None
        elif glob.has_magic(spec):
            matches = sorted(glob.glob(spec, recursive=True))
            if not matches:
                yield spec, say(lang, "input.no_match")
            for match in matches:
                match_path = Path(match)
                if match_path.is_dir():
                    yield from _walked(match_path, once, skip, lang)
                elif once(os.path.realpath(match_path)):
                    yield match, None
        else:
            yield spec, say(lang, "input.missing")


def _walked(
    folder: Path, once: Callable[[str], bool], skip: Callable[[str, str], None], lang: str
) -> Generator[tuple[str, None], None, bool]:
    """The report files under ``folder``, each once; returns whether there was any."""
    found = False
    for path, name, resolved in _walk(str(folder), os.path.realpath(folder)):
        if once(resolved):
            why = _not_a_source(path, name, lang)
            if why is not None:
                skip(path, why)
                continue
            found = True
            yield path, None
    return found


def _not_a_source(path: str, name: str, lang: str) -> str | None:
    """Why a walked file is no report source, judged from its first bytes (``None``: it may be one)."""
    try:
        with open(path, "rb") as stream:
            head = stream.read(SNIFF_BYTES)
    except OSError:
        return None  # the parse says what is wrong with it, as for a file named on the command line
    if is_report_source(head, name):
        return None
    sniffed = sniff_source(head, name, whole=False)
    return say(lang, "input.not_a_source", what=sniffed.what_in("en" if lang == "en" else "zh") or sniffed.format)


def _walk(folder: str, resolved: str) -> Iterator[tuple[str, str, str]]:
    """``(path, name, resolved path)`` of the files with a report suffix under ``folder`` (whose
    resolved path is ``resolved``), hidden ones left out: in the order and with the paths of
    ``os.walk`` (top down, sorted, into no linked folder, read errors passed over), each path
    as ``Path(root) / name`` writes it."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError:
        return
    root = str(Path(folder))
    files: list[tuple[str, bool]] = []
    folders: list[str] = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            if not entry.is_symlink():
                folders.append(entry.name)
        elif os.path.splitext(entry.name)[1].lower() in REPORT_SUFFIXES:
            files.append((entry.name, entry.is_symlink()))
    for name, link in sorted(files):
        path = name if root == "." else os.path.join(root, name)
        yield path, name, os.path.realpath(path) if link else os.path.join(resolved, name)
    for name in sorted(folders):
        yield from _walk(os.path.join(folder, name), os.path.join(resolved, name))


def count_inputs(specs: Iterable[str]) -> int:
    """How many lines :func:`expand_paths` may yield for ``specs`` at most (a cheap walk by names
    alone, for a progress bar's total; nothing is opened). A spec that names nothing counts one."""
    total = 0
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            total += max(1, sum(1 for _ in _walk(spec, spec)))
        elif glob.has_magic(spec) and not path.exists():
            found = sum(sum(1 for _ in _walk(m, m)) if os.path.isdir(m) else 1
                        for m in glob.iglob(spec, recursive=True))
            total += max(1, found)
        else:
            total += 1
    return total


# ---------------------------------------------------------------------------- extract: outputs


class _Sink(Protocol):
    def write(self, rows: Sequence[Row]) -> None: ...

    def write_encoded(self, data: bytes) -> None: ...

    def tell(self) -> int: ...

    def close(self) -> None: ...


def _byte_output(path: Path | None, append: bool) -> IO[bytes] | _Unclosed:
    """OUT opened for writing bytes, or standard output (``-o -``: ``path`` is None)."""
    if path is None:
        return _Unclosed(sys.stdout)
    return path.open("ab" if append else "wb")


class _Unclosed:
    """Standard output as a sink's file: the UTF-8 bytes written as its text (in its own
    encoding), flushed, never closed."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, data: bytes) -> int:
        return self._stream.write(data.decode("utf-8"))

    def flush(self) -> None:
        self._stream.flush()

    def tell(self) -> int:  # pragma: no cover - only --resume asks, and it needs a file
        return 0

    def close(self) -> None:
        self._stream.flush()


class _TextSink:
    """CSV or JSON Lines, written as UTF-8 bytes: the workers send each file's rows as the
    output's bytes (:func:`_extract_for_output`), which are written as they come."""

    def __init__(self, fmt: str, path: Path | None, append: bool, head: str = "") -> None:
        self._fmt = fmt
        self._file = _byte_output(path, append)
        if head:
            self._file.write(head.encode("utf-8"))
            self._file.flush()

    def write(self, rows: Sequence[Row]) -> None:
        self.write_encoded(encode_rows(rows, self._fmt).encode("utf-8"))

    def write_encoded(self, data: bytes) -> None:
        self._file.write(data)
        self._file.flush()

    def tell(self) -> int:
        return self._file.tell()

    def close(self) -> None:
        self._file.close()


class _CsvSink(_TextSink):
    """CSV, starting with a UTF-8 byte-order mark unless ``bom`` is false: Excel reads a CSV
    without one in the ANSI code page (GBK mojibake on Chinese Windows)."""

    def __init__(self, path: Path | None, append: bool, bom: bool) -> None:
        fresh = path is None or not append or not path.exists() or path.stat().st_size == 0
        head = ("\ufeff" if bom else "") + encode_rows([EXTRACT_FIELDS], "csv") if fresh else ""
        super().__init__("csv", path, append, head)


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


class _JsonlSink(_TextSink):
    def __init__(self, path: Path | None, append: bool) -> None:
        super().__init__("jsonl", path, append)


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
            ("label", pa.string()), ("value", pa.decimal128(38, 10)), ("raw", pa.string()), ("status", pa.string()),
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

    def write_encoded(self, data: bytes) -> None:  # pragma: no cover - Parquet rows are never encoded
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
        # ASCII with escapes: a name that is no UTF-8 (lone surrogates) reads back as it was
        self._file.write(json.dumps(record) + "\n")
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

    def __init__(self, total: int | None, enabled: bool, lang: str = DEFAULT_LANG) -> None:
        self.lang = lang
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
            counted = say(self.lang, "progress.total", done=self.done, total=self.total, rate=rate)
            sys.stderr.write(f"\r[{bar}] {counted}\x1b[K")
        else:  # the total is not known (yet)
            sys.stderr.write(f"\r{say(self.lang, 'progress.count', done=self.done, rate=rate)}\x1b[K")
        sys.stderr.flush()

    def clear(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()


class _StatusTable:
    """The per-file status table: tab-separated, one line per file, written as files finish.
    Its heading and status words are in ``lang``; the edition is the stable value, as in OUT."""

    def __init__(self, stream: IO[str], progress: _Progress, to_stderr: bool, lang: str = DEFAULT_LANG) -> None:
        self.stream = stream
        self.progress = progress
        self.to_stderr = to_stderr
        self.lang = lang
        self.counts = {"parsed": 0, "problems": 0, "failed": 0, "skipped": 0}
        self._line(say(lang, "extract.status_header").split("\t"))

    def add(self, status: str, path: str, edition: str = "", year: object = "", cells: object = "",
            detail: str = "") -> None:
        self.counts[status] += 1
        word = say(self.lang, f"status.{status}")
        self._line((word, path, edition, "" if year is None else str(year), str(cells), detail))

    def _line(self, fields: Sequence[str]) -> None:
        if self.to_stderr:
            self.progress.clear()
        line = "\t".join(fields)
        if "\n" in line or line.count("\t") != len(fields) - 1 or not _encodable(line):
            # a field with a tab, a line break or a name that is no UTF-8: each field cleaned
            line = "\t".join(_printable(f).replace("\t", " ").replace("\n", " ") for f in fields)
        self.stream.write(line + "\n")
        self.stream.flush()
        if self.to_stderr:
            self.progress.draw()


def _encodable(text: str) -> bool:
    """Whether UTF-8 can write ``text`` as it is (no lone surrogate: see :func:`_printable`)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _printable(text: str) -> str:
    """``text`` as UTF-8 can write it: the bytes of a file name that are no UTF-8 (which Python
    keeps as lone surrogates) as ``\\xNN``, as in ``bad\\xff.txt``."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        except UnicodeEncodeError:  # a surrogate that stands for no byte
            return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


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


def extract_file(path: str, *, strict: bool = False, encode: str | None = None,
                 lang: Lang = DEFAULT_LANG) -> Extracted:
    """Parse one file into its tidy rows (:data:`EXTRACT_FIELDS`): the per-file work of ``extract``,
    run in the worker processes. Never raises for a bad file; its error is said in ``lang``.
    ``encode`` (``"csv"`` or ``"jsonl"``) hands the rows back written out as that output's text
    (``Extracted.encoded``)."""
    from ._batch import parse_or_error
    from ._extract_rows import report_rows, report_text
    from .renderers._records import cell_slots

    result = parse_or_error(path, strict)
    if isinstance(result, GovDisclosureError):
        problems = getattr(result, "problems", ())
        summary = " " + say(lang, "extract.codes", codes=_problem_summary(problems)) if problems else ""
        return Extracted(error=_error_line(result, lang) + summary)
    report = result.report
    if encode is None:
        rows = tuple(report_rows(_printable(path), report, result.problems))
        encoded = None
        count = len(rows)
    else:
        rows = ()
        encoded = report_text(_printable(path), report, result.problems, encode)
        count = len(cell_slots(report))
    return Extracted(
        rows=rows,
        encoded=encoded,
        count=count,
        edition=report.edition.value,
        year=report.year,
        problems=_problem_summary(result.problems),
        serious=any(p.severity.value != "info" for p in result.problems),
    )


def _extract_for_output(path: str, *, strict: bool, encode: str | None, lang: Lang) -> tuple[Extracted, bytes]:
    """:func:`extract_file` as ``extract`` runs it: the rows' text apart, as the output's UTF-8
    bytes (empty when the rows come as rows). This is what a worker sends back: bytes cross the
    process boundary as they are, where a ``str`` is decoded from UTF-8 in the parent (the
    slowest step of receiving it) only to be encoded again to be written."""
    extracted = extract_file(path, strict=strict, encode=encode, lang=lang)
    if extracted.encoded is None:
        return extracted, b""
    return attrs.evolve(extracted, encoded=None), extracted.encoded.encode("utf-8")


def _worker_died(path: str, lang: str = DEFAULT_LANG) -> tuple[Extracted, bytes]:
    return Extracted(error=f"[BATCH.WORKER_DIED] {say(lang, 'extract.worker_died', path=path)}"), b""


def _extract_all(
    paths: Iterable[str], jobs: int, strict: bool, encode: str | None, lang: Lang = DEFAULT_LANG
) -> Generator[tuple[str, tuple[Extracted, bytes]], None, None]:
    if jobs == 1:
        for path in paths:
            yield path, _extract_for_output(path, strict=strict, encode=encode, lang=lang)
        return
    from ._batch import map_files

    task = functools.partial(_extract_for_output, strict=strict, encode=encode, lang=lang)
    died = functools.partial(_worker_died, lang=lang)
    with contextlib.closing(
        map_files(task, paths, jobs=jobs, died=died)
    ) as results:  # closed on an interrupt too: the worker pool shuts down
        yield from results


# ---------------------------------------------------------------------------- extract


def _run_extract(args: argparse.Namespace) -> int:
    lang = args.lang

    def tell(key: str, **fields: object) -> None:
        print(f"gov-disclosure extract: {say(lang, key, **fields)}", file=sys.stderr)

    to_stdout = args.output == "-"
    out = None if to_stdout else Path(args.output)
    fmt = args.format or ("csv" if out is None else EXTRACT_SUFFIXES.get(out.suffix.lower()))
    shown = say(lang, "extract.stdout_name") if out is None else str(out)
    if fmt is None:
        tell("extract.no_format", out=repr(args.output))
        return EXIT_FAILED
    if args.resume and fmt == "parquet":
        tell("extract.resume_parquet")
        return EXIT_FAILED
    if out is None and (fmt == "parquet" or args.resume):
        tell("extract.stdout")
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
            tell("extract.afresh", out=out)

    exclude = [p for p in (out, state.path if state else None, status_path) if p is not None]
    skipped: list[tuple[str, str]] = []
    inputs = expand_paths(args.paths, exclude=exclude, on_skip=lambda path, why: skipped.append((path, why)),
                          lang=lang)
    first = next(inputs, None)
    if first is None:
        tell("extract.no_inputs")
        return EXIT_FAILED

    try:
        sink = _open_sink(fmt, out, append, bom=not args.no_bom)
    except OSError as exc:
        _cannot_write("gov-disclosure extract", shown, exc, lang)
        return EXIT_FAILED
    try:
        status_stream: IO[str] = status_path.open("w", encoding="utf-8") if status_path else sys.stderr
    except OSError as exc:
        sink.close()
        _cannot_write("gov-disclosure extract", status_path, exc, lang)
        return EXIT_FAILED
    show_progress = sys.stderr.isatty() and not args.no_progress
    # The bar's total comes from a walk by names alone (cheap: nothing is opened).
    progress = _Progress(count_inputs(args.paths) if show_progress else None, enabled=show_progress, lang=lang)
    table = _StatusTable(status_stream, progress, to_stderr=status_path is None, lang=lang)
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
                    table.add("skipped", path, detail=say(lang, "extract.earlier"))
                else:
                    table.add("failed", path, detail=say(lang, "extract.changed"))
                progress.step()
                continue
            yield path
        report_skipped()

    try:
        # The workers write the rows out as CSV or JSON Lines: one UTF-8 byte string per file comes back
        encode = fmt if fmt in ENCODED_FORMATS else None
        with contextlib.closing(_extract_all(to_parse(), jobs, args.strict, encode, lang)) as outcomes:
            for path, (extracted, data) in outcomes:
                progress.step()
                if extracted.error is not None:
                    table.add("failed", path, detail=extracted.error)
                    continue
                if data:
                    sink.write_encoded(data)
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
    tell("extract.summary", files=files, parsed=counts["parsed"], problems=counts["problems"],
         failed=counts["failed"], skipped=counts["skipped"], records=records, out=shown, elapsed=elapsed, rate=rate)
    return EXIT_FAILED if counts["failed"] else EXIT_OK
