"""The command line's words, in Chinese and in English, and argparse made to speak them.

:data:`MESSAGES` holds one table per language with the same keys and the same format fields
(a test compares them); :func:`say` picks a message and fills it in. The language is a value
passed down from :func:`choose_lang` (``--lang``, else ``GOV_DISCLOSURE_LANG``, else ``zh``),
never a switch kept in a module.

argparse's own words (``usage:``, ``options``, its error messages) come from its gettext calls,
which a process-wide catalogue would change for every parser in the process. Here the parser
built for one language translates them itself: :class:`LocalizedParser` writes its own ``-h``
help and error line, and :class:`LocalizedFormatter` its section headings and usage prefix;
error messages are matched against argparse's English templates (:data:`ARGPARSE_ZH`).
"""

from __future__ import annotations

import argparse
import errno
import re
import string
import sys
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal, NoReturn

__all__ = [
    "DEFAULT_LANG", "LANGS", "LANG_ENV", "MESSAGES", "Lang", "LocalizedFormatter", "LocalizedParser",
    "argparse_text", "choose_lang", "os_error_reason", "say",
]

Lang = Literal["zh", "en"]

#: The languages of the command line; the first is the default.
LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

#: The environment variable that sets the language once for every command (``--lang`` wins).
LANG_ENV = "GOV_DISCLOSURE_LANG"

_EN: dict[str, str] = {
    # ----------------------------------------------------------------- help
    "prog.description": "Parse, check and render government information disclosure annual reports "
    "(政府信息公开工作年度报告).",
    "prog.epilog": "Messages and help are in Chinese unless --lang en is given, on the program or on any command; "
    f"the environment variable {LANG_ENV}=en (or zh) sets it once for every command, and --lang wins over it.",
    "help.help": "show this help message and exit",
    "help.version": "show the version number and exit",
    "help.lang": f"language of the messages and the help: zh (the default) or en; also set by {LANG_ENV}",
    "metavar.command": "COMMAND",
    "metavar.file": "FILE",
    "metavar.out": "OUT",
    "metavar.path": "PATH",
    "check.help": "parse and check reports; exit 0 checked and clean, 1 findings at error level, 2 a file could "
    "not be parsed, 3 nothing could be checked",
    "check.description": "Parse each FILE and check the form's arithmetic. Prints the parse problems and the "
    "findings of each file, naming every cell by its stable key and printed label.",
    "check.files": "report files (HTML, text, Markdown, PDF, Word, JSON); a folder or a glob stands for its files",
    "check.json": "print one JSON document instead of a table",
    "check.min_severity": "in the table, show findings at this severity or above (default warning; --json always "
    "has every finding, and the exit status counts every error)",
    "check.strict": "a parse problem at warning level or above makes the file fail (exit 2)",
    "convert.help": "parse a report and render it in another format",
    "convert.description": "Parse FILE and render the report as html (a standalone page), markdown, text, csv, "
    "json or docx (a Word document: give -o).",
    "convert.file": "the report file",
    "convert.to": "the output format",
    "convert.output": "write here instead of standard output",
    "convert.strict": "fail (exit 2) on any parse problem at warning level or above",
    "extract.help": "every table cell of many reports into one tidy CSV / JSON Lines / Parquet file",
    "extract.description": "Parse every report under PATH (files, folders, glob patterns) and write one row per "
    "table cell to OUT. The status table has one line per file: parsed, problems (parsed, with a parse problem "
    "at warning or error level), failed (with the reason; the file is skipped) or skipped (with the reason: "
    "extracted by an earlier --resume run, or a folder's file that holds no report). CSV starts with a UTF-8 "
    "byte-order mark for Excel (--no-bom to omit). Exit status 0: every file parsed; 2: some file could not "
    "be parsed, or a PATH names no report file (the others are in OUT).",
    "extract.paths": "files, folders (walked recursively) or globs",
    "extract.output": "output file (.csv, .jsonl, .parquet), or - for standard output (CSV unless --format)",
    "extract.format": "output format (default: OUT's suffix)",
    "extract.status": "write the per-file status table here, not to standard error",
    "extract.jobs": "worker processes (default 1; 0 = one per CPU)",
    "extract.resume": "keep a record of the files extracted into OUT (OUT.state.jsonl, written only with "
    "--resume); a later --resume run skips them and appends the rest",
    "extract.no_bom": "CSV without the UTF-8 byte-order mark (written by default so that Excel reads UTF-8)",
    "extract.strict": "a parse problem at warning level or above makes the file fail",
    "extract.no_progress": "no progress bar, even on a terminal",
    "jobs.not_a_number": "not a number: {text}",
    "jobs.negative": "must be 0 (one per CPU) or more",
    "usage.error": "{prog}: error: {message}",
    "lang.env_invalid": f"the environment variable {LANG_ENV} is {{value}}: use zh or en",
    # ----------------------------------------------------------------- check
    "edition": "{edition} edition",
    "edition.legacy": "legacy edition (before 2019)",
    "year": "{year}",
    "list.sep": ", ",
    "problems.head": "parse problems ({n}):",
    "problems.none": "parse problems: none",
    "findings.head": "findings ({n}):",
    "findings.none": "findings: none — the arithmetic holds",
    "kind.source": "the publisher's errors ({n}):",
    "kind.extraction": "what the parser could not read ({n}):",
    "severity.error": "ERROR",
    "severity.warning": "WARNING",
    "severity.info": "INFO",
    "level.error": "error",
    "level.warning": "warning",
    "level.info": "info",
    "raw": "raw: {raw}",
    "location.key": "key",
    "location.table": "table",
    "location.row": "row",
    "location.column": "column",
    "location.element": "element",
    "location.line": "line",
    "location.page": "page",
    "candidate": "candidate: {values}",
    "cells": "cells:",
    "blank": "(blank)",
    "sides": "printed {printed} · computed {computed}",
    "difference": "difference {difference}",
    "repair": "repair: {cell} = {value} (printed {printed})",
    "candidates": "repair candidates: {listed}",
    "more_zero": "… and {n} more cell(s) at 0 or blank (all in --json)",
    "hidden": "{n} finding(s) below {level} not shown",
    "verdict": "verdict: {verdict}",
    "holds": "the arithmetic holds",
    "holds_partly": "the arithmetic holds for what could be read ({n} table(s) not read, not checked)",
    "errors": "the published report has {n} error(s)",
    "not_assessed": "nothing could be checked — {why}",
    "failed.head": "{name} — could not be parsed",
    "failed.strict": "--strict: {n} parse problem(s) at warning level or above",
    "failed.more": "… and {n} more problem(s) (all in --json)",
    "summary": "{files} file(s): {clean} clean, {errors} with errors, {failed} could not be parsed, "
    "{unassessed} not assessed",
    "kinds": "the publisher's errors: {source} finding(s) at error level, in {files} file(s); what the parser "
    "could not read: {extraction} problem(s) and unread table(s)",
    # ----------------------------------------------------------------- inputs
    "input.empty_folder": "no report file in this folder",
    "input.no_match": "no file matches this pattern",
    "input.missing": "no such file or folder",
    "input.not_a_source": "not a report source: {what}",
    "input.reason": "{name}: {reason}",
    "check.skipped": "{name} — skipped: {reason}",
    "check.skipped_summary": "{n} file(s) of the folders skipped: no report source",
    # ----------------------------------------------------------------- convert and errors
    "could_not_parse": "{name}: could not be parsed: {error}",
    "cannot_write": "cannot write {path}: {reason}",
    "os_error": "{path}: {reason}",
    "docx_on_terminal": "a .docx document is binary; give -o FILE (or redirect the output)",
    "missing_extra": "the optional package {package} is needed: pip install 'gov_disclosure[{extra}]'",
    "interrupted": "interrupted",
    "oserror.not_found": "no such file or folder",
    "oserror.permission": "permission denied",
    "oserror.is_a_folder": "it is a folder, not a file",
    "oserror.not_a_folder": "a part of the path is a file, not a folder",
    "oserror.exists": "it exists already",
    "oserror.no_space": "no space left on the device",
    "oserror.read_only": "the file system is read-only",
    "oserror.name_too_long": "the name is too long",
    "oserror.io": "input/output error (a damaged disk or a lost network drive)",
    "oserror.other": "system error {name}",
    # ----------------------------------------------------------------- extract
    "extract.no_format": "cannot tell the output format from {out}; use a .csv, .jsonl or .parquet name, "
    "or --format",
    "extract.resume_parquet": "--resume needs CSV or JSON Lines output (a Parquet file cannot be appended to)",
    "extract.stdout": "-o - (standard output) takes CSV or JSON Lines, without --resume",
    "extract.afresh": "no usable earlier run for {out}; starting afresh",
    "extract.no_inputs": "no input files",
    "extract.stdout_name": "standard output",
    "extract.summary": "{files} file(s): {parsed} parsed, {problems} with problems, {failed} failed, "
    "{skipped} skipped; {records} record(s) → {out} ({elapsed:.1f} s, {rate:.1f} reports/s)",
    "extract.earlier": "extracted by an earlier run",
    "extract.changed": "changed since the earlier run; its old rows are in OUT: re-run without --resume",
    "extract.worker_died": "the worker process parsing {path} died",
    "extract.codes": "({codes})",
    "extract.status_header": "status\tfile\tedition\tyear\tcells\tdetail",
    "status.parsed": "parsed",
    "status.problems": "problems",
    "status.failed": "failed",
    "status.skipped": "skipped",
    "progress.total": "{done}/{total} files  {rate:.1f}/s",
    "progress.count": "{done} files  {rate:.1f}/s",
}

_ZH: dict[str, str] = {
    # ----------------------------------------------------------------- help
    "prog.description": "解析、核对和转换政府信息公开工作年度报告。",
    "prog.epilog": "提示和帮助默认用中文；在程序或任一命令后加 --lang en 改用英文。"
    f"环境变量 {LANG_ENV}=en（或 zh）可一次设定所有命令的语言，--lang 优先于它。",
    "help.help": "显示本帮助并退出",
    "help.version": "显示版本号并退出",
    "help.lang": f"提示和帮助的语言：zh（默认）或 en；也可由环境变量 {LANG_ENV} 设定",
    "metavar.command": "命令",
    "metavar.file": "文件",
    "metavar.out": "输出文件",
    "metavar.path": "路径",
    "check.help": "解析并核对报告；退出码 0 已核对且无误，1 有错误级结果，2 有文件无法解析，3 未能核对任何勾稽关系",
    "check.description": "解析每个文件并核对表格的勾稽关系。逐个文件列出解析问题和检查结果，"
    "每个单元格都标出其稳定键和报告中印出的栏目名称。",
    "check.files": "报告文件（HTML、纯文本、Markdown、PDF、Word、JSON）；文件夹或通配模式代表其中的文件",
    "check.json": "输出一个 JSON 文档，而不是表格",
    "check.min_severity": "表格中只显示此级别及以上的结果（默认 warning；--json 总是列出全部结果，退出码计入所有错误）",
    "check.strict": "有警告级及以上的解析问题时，该文件按失败处理（退出码 2）",
    "convert.help": "解析报告并转换为另一种格式",
    "convert.description": "解析文件，并把报告输出为 html（独立网页）、markdown、text、csv、json "
    "或 docx（Word 文档：须用 -o 指定输出文件）。",
    "convert.file": "报告文件",
    "convert.to": "输出格式",
    "convert.output": "写入此文件，而不是标准输出",
    "convert.strict": "有警告级及以上的解析问题时失败（退出码 2）",
    "extract.help": "把多份报告的每个表格单元格提取到一个整齐的 CSV / JSON Lines / Parquet 文件",
    "extract.description": "解析路径下的每份报告（文件、文件夹、通配模式），每个表格单元格写成输出文件中的一行。"
    "状态表每个文件一行：已解析；有问题（已解析，但有警告级或错误级的解析问题）；失败（附原因，该文件被略过）；"
    "已跳过（附原因：已由上次 --resume 运行提取，或文件夹中不是报告的文件）。"
    "CSV 以 UTF-8 字节顺序标记开头，便于 Excel 读取（--no-bom 可省去）。"
    "退出码 0：所有文件均已解析；2：有文件无法解析，或某个路径下没有报告文件（其余文件仍写入输出文件）。",
    "extract.paths": "文件、文件夹（递归遍历）或通配模式",
    "extract.output": "输出文件（.csv、.jsonl、.parquet），或 - 表示标准输出（默认 CSV，可用 --format 指定）",
    "extract.format": "输出格式（默认按输出文件的扩展名）",
    "extract.status": "把逐个文件的状态表写入此文件，而不是标准错误",
    "extract.jobs": "工作进程数（默认 1；0 表示每个 CPU 一个）",
    "extract.resume": "记录已提取到输出文件中的文件（输出文件名加 .state.jsonl，只在 --resume 时写入）；"
    "之后带 --resume 再运行时跳过这些文件，只追加其余文件",
    "extract.no_bom": "CSV 不加 UTF-8 字节顺序标记（默认加上，以便 Excel 按 UTF-8 读取）",
    "extract.strict": "有警告级及以上的解析问题时，该文件按失败处理",
    "extract.no_progress": "不显示进度条，即使输出到终端",
    "jobs.not_a_number": "不是数字：{text}",
    "jobs.negative": "须为 0（每个 CPU 一个）或更大的数",
    "usage.error": "{prog}：错误：{message}",
    "lang.env_invalid": f"环境变量 {LANG_ENV} 的值 {{value}} 无效：请用 zh 或 en",
    # ----------------------------------------------------------------- check
    "edition": "{edition} 年版",
    "edition.legacy": "旧版格式（2019 年以前）",
    "year": "{year} 年度",
    "list.sep": "，",
    "problems.head": "解析问题（{n}）：",
    "problems.none": "解析问题：无",
    "findings.head": "检查结果（{n}）：",
    "findings.none": "检查结果：无——勾稽关系成立",
    "kind.source": "发布机关的错误（{n}）：",
    "kind.extraction": "解析器未能读取的内容（{n}）：",
    "severity.error": "错误",
    "severity.warning": "警告",
    "severity.info": "提示",
    "level.error": "错误",
    "level.warning": "警告",
    "level.info": "提示",
    "raw": "原文：{raw}",
    "location.key": "键",
    "location.table": "表格",
    "location.row": "行",
    "location.column": "列",
    "location.element": "元素",
    "location.line": "行号",
    "location.page": "页",
    "candidate": "候选：{values}",
    "cells": "单元格：",
    "blank": "（空白）",
    "sides": "填报 {printed} · 计算 {computed}",
    "difference": "差额 {difference}",
    "repair": "修正：{cell} = {value}（填报 {printed}）",
    "candidates": "可能的修正：{listed}",
    "more_zero": "…… 另有 {n} 个单元格为 0 或空白（--json 中全部列出）",
    "hidden": "另有 {n} 条低于{level}级的结果未显示",
    "verdict": "结论：{verdict}",
    "holds": "勾稽关系成立",
    "holds_partly": "已读取部分的勾稽关系成立（{n} 个表格未能读取，未作核对）",
    "errors": "所发布的报告有 {n} 处错误",
    "not_assessed": "未能核对任何勾稽关系——{why}",
    "failed.head": "{name} — 无法解析",
    "failed.strict": "--strict：有 {n} 条警告级及以上的解析问题",
    "failed.more": "…… 另有 {n} 条问题（--json 中全部列出）",
    "summary": "共 {files} 个文件：{clean} 个无误，{errors} 个有错误，{failed} 个无法解析，{unassessed} 个未能核对",
    "kinds": "发布机关的错误：{files} 个文件中共 {source} 条错误级结果；"
    "解析器未能读取：{extraction} 条解析问题和未读表格",
    # ----------------------------------------------------------------- inputs
    "input.empty_folder": "此文件夹中没有报告文件",
    "input.no_match": "没有与此模式匹配的文件",
    "input.missing": "没有这个文件或文件夹",
    "input.not_a_source": "不是报告来源（{what}）",
    "input.reason": "{name}：{reason}",
    "check.skipped": "{name} — 已跳过：{reason}",
    "check.skipped_summary": "文件夹中另有 {n} 个文件不是报告来源，已跳过",
    # ----------------------------------------------------------------- convert and errors
    "could_not_parse": "{name}：无法解析：{error}",
    "cannot_write": "无法写入 {path}：{reason}",
    "os_error": "{path}：{reason}",
    "docx_on_terminal": "docx 文档是二进制文件：请用 -o 文件 指定输出（或重定向输出）",
    "missing_extra": "需要安装可选依赖包 {package}：pip install 'gov_disclosure[{extra}]'",
    "interrupted": "已中断",
    "oserror.not_found": "没有这个文件或文件夹",
    "oserror.permission": "没有权限",
    "oserror.is_a_folder": "这是文件夹，不是文件",
    "oserror.not_a_folder": "路径中有一部分是文件，不是文件夹",
    "oserror.exists": "已经存在",
    "oserror.no_space": "磁盘空间已满",
    "oserror.read_only": "文件系统为只读",
    "oserror.name_too_long": "名称过长",
    "oserror.io": "读写错误（磁盘损坏或网络驱动器断开）",
    "oserror.other": "系统错误 {name}",
    # ----------------------------------------------------------------- extract
    "extract.no_format": "无法从 {out} 判断输出格式：请用 .csv、.jsonl 或 .parquet 文件名，或用 --format 指定",
    "extract.resume_parquet": "--resume 需要 CSV 或 JSON Lines 输出（Parquet 文件不能追加）",
    "extract.stdout": "-o -（标准输出）只能输出 CSV 或 JSON Lines，且不能与 --resume 同用",
    "extract.afresh": "{out} 没有可用的上次运行记录，从头开始",
    "extract.no_inputs": "没有输入文件",
    "extract.stdout_name": "标准输出",
    "extract.summary": "共 {files} 个文件：{parsed} 个已解析，{problems} 个有问题，{failed} 个失败，"
    "{skipped} 个已跳过；{records} 条记录 → {out}（{elapsed:.1f} 秒，每秒 {rate:.1f} 份报告）",
    "extract.earlier": "已由上次运行提取",
    "extract.changed": "上次运行后已改动，旧的行仍在输出文件中：请不带 --resume 重新运行",
    "extract.worker_died": "解析 {path} 的工作进程意外终止",
    "extract.codes": "（{codes}）",
    "extract.status_header": "状态\t文件\t版本\t年度\t单元格\t说明",
    "status.parsed": "已解析",
    "status.problems": "有问题",
    "status.failed": "失败",
    "status.skipped": "已跳过",
    "progress.total": "{done}/{total} 个文件  每秒 {rate:.1f} 个",
    "progress.count": "{done} 个文件  每秒 {rate:.1f} 个",
}

#: Every message of the command line, by language, then key: the same keys and format fields in each.
MESSAGES: Mapping[str, Mapping[str, str]] = {"zh": _ZH, "en": _EN}


def say(lang: str, key: str, **fields: object) -> str:
    """The message ``key`` in ``lang``, its ``{fields}`` filled in.

    >>> say("en", "summary", files=2, clean=1, errors=0, failed=1, unassessed=0)
    '2 file(s): 1 clean, 0 with errors, 1 could not be parsed, 0 not assessed'
    >>> say("zh", "errors", n=3)
    '所发布的报告有 3 处错误'
    """
    return MESSAGES[lang][key].format(**fields)


def format_fields(template: str) -> frozenset[str]:
    """The names of the ``{fields}`` of a message (format specs aside)."""
    return frozenset(name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None)


# ---------------------------------------------------------------------------- choosing the language


def choose_lang(argv: Sequence[str], environ: Mapping[str, str]) -> tuple[Lang, str | None]:
    """The language of a run, and the bad value of :data:`LANG_ENV` if it has one.

    The last ``--lang X`` (or ``--lang=X``, or an abbreviation argparse takes, such as ``--la``)
    before a ``--`` wins, as it does when argparse reads it; else :data:`LANG_ENV` (``zh`` or
    ``en``, in any case); else ``zh``. An unknown ``--lang`` value is left for argparse to
    refuse, in the language chosen without it.

    >>> choose_lang(["--lang", "en", "check", "--lang", "fr"], {})
    ('en', None)

    >>> choose_lang(["check", "a.html", "--lang", "en"], {})
    ('en', None)
    >>> choose_lang(["check", "a.html"], {"GOV_DISCLOSURE_LANG": "EN"})
    ('en', None)
    >>> choose_lang(["--lang=zh", "check"], {"GOV_DISCLOSURE_LANG": "en"})
    ('zh', None)
    >>> choose_lang(["check"], {"GOV_DISCLOSURE_LANG": "fr"})
    ('zh', 'fr')
    """
    from_option: str | None = None
    items = iter(argv)
    for item in items:
        if item == "--":
            break
        name, eq, value = item.partition("=")
        if len(name) >= 3 and "--lang".startswith(name):
            if not eq:
                value = next(items, "")
            if value in LANGS:
                from_option = value
    env_value = environ.get(LANG_ENV, "").strip()
    bad_env = env_value if env_value and env_value.lower() not in LANGS else None
    for candidate in (from_option, None if bad_env else env_value.lower()):
        if candidate in LANGS:
            return _as_lang(candidate), bad_env
    return DEFAULT_LANG, bad_env


def _as_lang(value: str | None) -> Lang:
    return "en" if value == "en" else "zh"


# ---------------------------------------------------------------------------- operating system errors


_OS_ERRORS: Mapping[int, str] = {
    errno.ENOENT: "oserror.not_found",
    errno.EACCES: "oserror.permission",
    errno.EPERM: "oserror.permission",
    errno.EISDIR: "oserror.is_a_folder",
    errno.ENOTDIR: "oserror.not_a_folder",
    errno.EEXIST: "oserror.exists",
    errno.ENOSPC: "oserror.no_space",
    errno.EROFS: "oserror.read_only",
    errno.ENAMETOOLONG: "oserror.name_too_long",
    errno.EIO: "oserror.io",
}


def os_error_reason(exc: OSError, lang: str) -> str:
    """Why an operating-system call failed, in ``lang`` (the OS's own text is in the locale's language).

    >>> os_error_reason(FileNotFoundError(2, "No such file or directory"), "zh")
    '没有这个文件或文件夹'
    >>> os_error_reason(OSError(errno.EBUSY, "Device or resource busy"), "en")
    'system error EBUSY'
    """
    key = _OS_ERRORS.get(exc.errno) if exc.errno is not None else None
    if key is None and isinstance(exc, PermissionError):
        key = "oserror.permission"
    if key is not None:
        return say(lang, key)
    name = errno.errorcode.get(exc.errno, str(exc.errno)) if exc.errno is not None else type(exc).__name__
    return say(lang, "oserror.other", name=name)


# ---------------------------------------------------------------------------- argparse in Chinese


#: argparse's own English words and messages (its gettext message ids) and their Chinese.
#: Each translation has the message's ``%`` fields, named ones by name, the others in order.
ARGPARSE_ZH: Mapping[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少以下参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项值：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "有歧义的选项：%(option)s 可以是 %(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同用",
    "ignored explicit argument %r": "多余的值 %r",
    "one of the arguments %s is required": "须给出参数 %s 之一",
    "unexpected option string: %s": "意外的选项：%s",
}

_FIELD = re.compile(r"%\((\w+)\)[sr]|%[sr]")


def _fields(template: str) -> Iterator[str]:
    unnamed = 0
    for match in _FIELD.finditer(template):
        if match.group(1):
            yield match.group(1)
        else:
            yield f"_{unnamed}"
            unnamed += 1


def _pattern(template: str) -> re.Pattern[str]:
    parts: list[str] = []
    last = 0
    for match, name in zip(_FIELD.finditer(template), _fields(template), strict=True):
        parts.append(re.escape(template[last:match.start()]))
        parts.append(f"(?P<{name}>.+?)")
        last = match.end()
    parts.append(re.escape(template[last:]))
    return re.compile("".join(parts), re.DOTALL)


_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (_pattern(english), chinese) for english, chinese in ARGPARSE_ZH.items() if _FIELD.search(english)
)


def _fill(template: str, values: Mapping[str, str]) -> str:
    """``template``'s ``%`` fields replaced by ``values`` (already formatted, as argparse printed them)."""
    names = iter(_fields(template))
    return _FIELD.sub(lambda _match: values[next(names)], template)


def argparse_text(text: str, lang: str) -> str:
    """One of argparse's English words or messages (a filled-in message too) in ``lang``.

    Unknown text is returned as it is: a later Python may word a message anew.

    >>> argparse_text("argument --to: invalid choice: 'pdf' (choose from 'html', 'text')", "zh")
    "参数 --to：无效的选项值：'pdf'（可选：'html', 'text'）"
    >>> argparse_text("the following arguments are required: FILE", "en")
    'the following arguments are required: FILE'
    """
    if lang != "zh":
        return text
    if text in ARGPARSE_ZH:
        return ARGPARSE_ZH[text]
    for pattern, chinese in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is not None:
            values = match.groupdict()
            if "message" in values:
                values["message"] = argparse_text(values["message"], lang)
            return _fill(chinese, values)
    return text


_CHINESE_HEADING = re.compile(r"(?<=[\u4e00-\u9fff]):$", re.MULTILINE)


class LocalizedFormatter(argparse.HelpFormatter):
    """argparse's help in one language: its section headings and usage prefix translated, and
    Chinese text wrapped by terminal columns (a Chinese character takes two)."""

    def __init__(self, prog: str, *, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        super().__init__(prog, **kwargs)
        self.lang = lang

    def start_section(self, heading: str | None) -> None:
        super().start_section(argparse_text(heading, self.lang) if heading else heading)

    def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
        if prefix is None:
            prefix = argparse_text("usage: ", self.lang)
        super().add_usage(usage, actions, groups, prefix)

    def format_help(self) -> str:
        text = super().format_help()
        if self.lang != "zh":
            return text
        # argparse ends a section heading with an ASCII colon; a Chinese heading takes a full-width one
        text = _CHINESE_HEADING.sub("：", text)
        # argparse indents the usage's next lines by the prefix's length in characters; 用法：
        # takes two columns a character
        prefix = argparse_text("usage: ", self.lang)
        lines = text.split("\n")
        if lines[0].startswith(prefix):
            shift = " " * (_columns(prefix) - len(prefix))
            for i in range(1, len(lines)):
                if not lines[i].startswith(" "):
                    break
                lines[i] = shift + lines[i]
        return "\n".join(lines)

    def _format_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any) -> str:
        # argparse wraps the usage by its length in characters; with Chinese metavars it is
        # wider on the terminal: wrap it narrower until it fits (shifted as format_help does)
        width = self._width
        try:
            for _attempt in range(4):
                text = str(super()._format_usage(usage, actions, groups, prefix))
                shift = _columns(prefix or "") - len(prefix or "")
                lines = text.rstrip("\n").split("\n")
                widths = [_columns(line) + (shift if i else 0) for i, line in enumerate(lines)]
                widest = max(widths)
                if widest <= width:
                    break
                # the widest line is that many columns wider than its length: leave that much room
                self._width -= max(widest - width, widest - len(lines[widths.index(widest)]))
        finally:
            self._width = width
        return text

    def _format_action(self, action: argparse.Action) -> str:
        # argparse pads an option's name to the help column by its length in characters: a
        # Chinese metavar (文件) is wider than that, so its help starts that much further
        text = super()._format_action(action)
        invocation = self._format_action_invocation(action)
        extra = _columns(invocation) - len(invocation)
        head, newline, rest = text.partition("\n")
        start = head.find(invocation)
        if extra <= 0 or start < 0:
            return text
        after = start + len(invocation)
        gap = len(head[after:]) - len(head[after:].lstrip(" "))
        if head[after:].strip() and gap > 2:
            head = head[:after] + head[after + min(extra, gap - 2):]
        return head + newline + rest

    def _split_lines(self, text: str, width: int) -> list[str]:
        if not _has_wide(text):
            return super()._split_lines(text, width)
        return _wrap_columns(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if not _has_wide(text):
            return super()._fill_text(text, width, indent)
        return "\n".join(indent + line for line in _wrap_columns(" ".join(text.split()), width - len(indent)))


class LocalizedParser(argparse.ArgumentParser):
    """An argument parser that speaks ``lang``: its ``-h`` help, help layout and error line.

    Subcommand parsers made by ``add_subparsers().add_parser(...)`` are of this class too: pass
    them ``lang`` as well.
    """

    def __init__(self, *args: Any, lang: str = DEFAULT_LANG, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _formatter_for(lang))
        kwargs["add_help"] = False  # its own -h, with the help in ``lang``
        super().__init__(*args, **kwargs)
        self.lang = lang
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say(lang, "help.help"))

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        text = say(self.lang, "usage.error", prog=self.prog, message=argparse_text(message, self.lang))
        self.exit(2, text + "\n")


def _formatter_for(lang: str) -> type[LocalizedFormatter]:
    return _ZhFormatter if lang == "zh" else _EnFormatter


class _ZhFormatter(LocalizedFormatter):
    def __init__(self, prog: str, **kwargs: Any) -> None:
        super().__init__(prog, lang="zh", **kwargs)


class _EnFormatter(LocalizedFormatter):
    def __init__(self, prog: str, **kwargs: Any) -> None:
        super().__init__(prog, lang="en", **kwargs)


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def _has_wide(text: str) -> bool:
    return any(_is_wide(ch) for ch in text)


def _columns(text: str) -> int:
    return sum(2 if _is_wide(ch) else 1 for ch in text)


_CLOSING = frozenset("，。；：、）》」”’！？")
_OPENING = frozenset("（《「“‘")


def _wrap_columns(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` terminal columns: broken at a space, or between two
    characters of which one is Chinese, never inside a word of Latin letters or digits."""
    width = max(width, 10)
    tokens = re.findall(r"[^\s\u2e80-\uffef]+|[\u2e80-\uffef]| ", text)
    lines: list[str] = []
    line = ""
    used = 0
    for token in tokens:
        size = _columns(token)
        if token == " ":
            if line:
                line += " "
                used += 1
            continue
        if used + size > width and line.strip() and token not in _CLOSING:  # closing punctuation stays
            carried = ""
            if line[-1] in _OPENING:  # opening punctuation goes with the text after it
                line, carried = line[:-1], line[-1]
            lines.append(line.rstrip())
            line, used = carried, _columns(carried)
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines
