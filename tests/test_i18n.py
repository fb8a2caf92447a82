"""One language everywhere: the message catalogue (``_i18n.py``) against the code that uses it.

Every message id the source raises or records has a Chinese and an English template with the
same fields; the catalogue holds nothing unused; every problem met over the test pages, the
corpus copies and generated reports, and every refusal, reads in both languages.
"""

from __future__ import annotations

import io
import re
import string
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

import gov_disclosure as gd
from gov_disclosure._errors import LanguageError, check_lang
from gov_disclosure._i18n import FAMILY, FORMATS, MESSAGES, PHRASES, Phrase, phrase, render, split_id, template
from gov_disclosure.parsers import _html, _sniff, _text
from gov_disclosure.testing import reports
from helpers import CORPUS, REPO, as_source, load_truth, report_from_truth, truth_files

SRC = REPO / "src" / "gov_disclosure"
CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*(![rs])?\}")
#: Words of the form an English message may name as the form prints them (section numbers,
#: column headers, fee): terms of the form, not untranslated text.
FORM_TERMS = ("法人或其他组织", "小计", "信息处理费", "（六）", "三", "四", "五", "六", "七")

# A message id as the source writes it: "CODE", "CODE#variant", or f"{prefix}.CODE…" for the readers.
_ID = re.compile(r"""(f?)"((?:\{[^}"]+\}|[A-Z][A-Z0-9]*)\.[A-Z][A-Z0-9_]*(?:#[a-z0-9_]+)?)\"""")
_PHRASE = re.compile(r"""(?:phrase\(|PHRASES\[)(f?)["']([^"']+)["']""")


def _sources() -> Iterator[tuple[Path, str]]:
    for path in sorted(SRC.rglob("*.py")):
        if path.name != "_i18n.py":
            yield path, path.read_text(encoding="utf-8")


def _used_ids() -> set[str]:
    """Every message id the source names: literals as written, f-strings as their ``{FORMAT}`` family."""
    used: set[str] = set()
    for _path, text in _sources():
        for is_f, literal in _ID.findall(text):
            if literal.startswith("{"):
                assert is_f, literal
                literal = FAMILY + literal[literal.index("}.") + 1:]
            used.add(literal)
    return used


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def _filled(text: str) -> dict[str, str]:
    return {name: f"<{name}>" for name in _fields(text)}


def _english_words(text: str, params: dict[str, Any] | None = None) -> str:
    """``text`` without the arguments' own text (source text quoted in it) and the form's terms."""
    for value in (params or {}).values():
        for piece in (value if isinstance(value, tuple) else (value,)):
            shown = piece.text("en") if isinstance(piece, Phrase) else str(piece)
            if shown:
                text = text.replace(repr(shown), "").replace(shown, "")
    for term in FORM_TERMS:
        text = text.replace(term, "")
    return text


def _reads_in_both(code: str, params: dict[str, Any], zh: str, en: str) -> None:
    assert zh, code
    assert en, code
    assert zh != en, code
    for text in (zh, en):
        assert not PLACEHOLDER.search(_english_words(text, params)), (code, text)
    assert CJK.search(zh), (code, zh)
    assert not CJK.search(_english_words(en, params)), (code, en)


# ------------------------------------------------------------------------------- the catalogue


def test_the_source_names_message_ids_at_all() -> None:
    used = _used_ids()
    # the scan finds the forms the source uses (a plain code, a variant, a reader family)
    assert {"CELL.UNREADABLE", "PDF.CORRUPT#empty", "{FORMAT}.TABLE_MISSING", "{FORMAT}.NOT_A_REPORT"} <= used


def test_every_message_id_the_source_uses_has_both_templates() -> None:
    missing = []
    for message_id in sorted(_used_ids()):
        code, variant = split_id(message_id)
        if code.startswith(FAMILY):
            found = [template(fmt + code[len(FAMILY):], variant) for fmt in FORMATS]
        else:
            found = [template(code, variant)]
        if any(t is None or set(t) != {"zh", "en"} for t in found):
            missing.append(message_id)
    assert missing == []


def test_the_catalogue_holds_no_unused_message() -> None:
    used = _used_ids()
    assert sorted(set(MESSAGES) - used) == []


def test_both_templates_of_a_message_use_the_same_fields() -> None:
    for table in (MESSAGES, PHRASES):
        for key, templates in table.items():
            assert _fields(templates["zh"]) == _fields(templates["en"]), key


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_every_template_reads_in_its_language(message_id: str) -> None:
    code, variant = split_id(message_id)
    params = _filled(MESSAGES[message_id]["en"])
    zh, en = render(code, params, "zh", variant), render(code, params, "en", variant)
    assert all(value in zh and value in en for value in params.values())
    _reads_in_both(message_id, params, zh, en)


def test_every_phrase_the_source_uses_exists_and_reads_in_its_language() -> None:
    named = {key for _path, text in _sources() for is_f, key in _PHRASE.findall(text) if not is_f}
    assert named, "no phrase(...) found in the source"
    assert sorted(named - set(PHRASES)) == []
    for key, templates in PHRASES.items():
        filled = _filled(templates["en"])
        _reads_in_both(key, filled, phrase(key, **filled).text("zh"), phrase(key, **filled).text("en"))


def test_every_phrase_of_the_catalogue_is_used() -> None:
    everything = (path.read_text(encoding="utf-8") for path in SRC.rglob("*.py"))
    named = {key for text in everything for _is_f, key in _PHRASE.findall(text)}
    families = {key.split("{")[0] for key in named if "{" in key}  # f"format.{fmt}" → "format."
    assert families == {"format.", "advice.", "severity.", "os."}
    unused = [key for key in PHRASES if key not in named and not key.startswith(tuple(families))]
    assert unused == []


def test_every_format_the_sniffer_names_is_said_and_advised_in_both_languages() -> None:
    text = Path(_sniff.__file__).read_text(encoding="utf-8")
    named = set(re.findall(r'Sniffed\("([a-z0-9]+)"\)', text)) | {"zip"}
    named |= {fmt for _magic, fmt in _sniff._MAGIC} | {fmt for _marker, fmt in _sniff._ZIP_MARKERS}
    named |= set(_sniff._OLE2_SUFFIXES.values()) | {kind for _stream, kind in _sniff._OLE2_STREAMS}
    for fmt in sorted(named - _sniff.READABLE):
        refused = _sniff.Sniffed(fmt)
        with pytest.raises(gd.ParseError) as raised:
            refused.refuse()
        assert f"format.{fmt}" in PHRASES, fmt
        assert f"advice.{fmt}" in PHRASES, fmt
        assert refused.what == PHRASES[f"format.{fmt}"]["en"]
        _reads_in_both(fmt, {}, raised.value.message("zh"), raised.value.message("en"))


def test_severities_have_a_word_in_each_language() -> None:
    words = {sev.value: (sev.word("zh"), sev.word("en")) for sev in gd.ProblemSeverity}
    assert words == {"error": ("错误", "error"), "warning": ("警告", "warning"), "info": ("提示", "info")}
    assert {sev.value: (sev.word(), sev.word("en")) for sev in gd.Severity} == words


# ------------------------------------------------------------------------------- the language


@pytest.mark.parametrize("lang", ["fr", "ZH", "", None, "zh-CN"])
def test_an_unknown_language_is_a_clear_value_error(lang: object) -> None:
    problem = gd.Problem("CELL.UNREADABLE", gd.ProblemSeverity.ERROR, {"key": "a.b.c", "text": "x"})
    for call in (lambda: check_lang(lang), lambda: problem.message(lang),  # type: ignore[arg-type]
                 lambda: gd.ParseError("PDF.ENCRYPTED").message(lang),  # type: ignore[arg-type]
                 lambda: problem.severity.word(lang)):  # type: ignore[arg-type]
        with pytest.raises(LanguageError, match="lang must be one of 'zh', 'en'") as raised:
            call()
        assert isinstance(raised.value, ValueError)
        assert isinstance(raised.value, gd.GovDisclosureError)


def test_a_problem_is_chinese_by_default_and_english_on_request() -> None:
    problem = gd.Problem("CELL.PLACEHOLDER", gd.ProblemSeverity.INFO, {"key": "requests.granted.total", "text": "/"},
                         gd.Location(key="requests.granted.total"))
    assert problem.message() == problem.message("zh") == "requests.granted.total：此处应为数字，印的是占位符“/”"
    assert problem.message("en") == "requests.granted.total: placeholder '/' instead of a number"
    assert str(problem) == f"[CELL.PLACEHOLDER] 提示：{problem.message()} (key=requests.granted.total)"
    assert problem.describe("en") == f"[CELL.PLACEHOLDER] info: {problem.message('en')} (key=requests.granted.total)"


def test_a_problem_s_params_are_read_only_and_take_part_in_equality() -> None:
    one = gd.Problem("TEXT.OTHER_ROWS", gd.ProblemSeverity.WARNING)
    assert one == gd.Problem("TEXT.OTHER_ROWS", gd.ProblemSeverity.WARNING, {})
    assert hash(one) == hash(gd.Problem("TEXT.OTHER_ROWS", gd.ProblemSeverity.WARNING))
    cut = gd.Problem("TEXT.TRUNCATED", gd.ProblemSeverity.WARNING, {"limit": 5})
    assert cut != gd.Problem("TEXT.TRUNCATED", gd.ProblemSeverity.WARNING, {"limit": 6})
    with pytest.raises(TypeError):
        cut.params["limit"] = 7  # type: ignore[index]
    with pytest.raises(TypeError, match="mapping"):
        gd.Problem("TEXT.TRUNCATED", gd.ProblemSeverity.WARNING, "more than 5 lines")  # type: ignore[arg-type]


def test_a_parse_error_is_its_code_params_and_message() -> None:
    exc = gd.ParseError("PDF.CORRUPT#page", {"reason": "PdfiumError: bad"})
    assert (exc.code, exc.variant, dict(exc.params)) == ("PDF.CORRUPT", "page", {"reason": "PdfiumError: bad"})
    assert str(exc) == "[PDF.CORRUPT] 该 PDF 有一页无法读取（PdfiumError: bad）"
    assert exc.message("en") == "a page of the PDF could not be read (PdfiumError: bad)"
    with pytest.raises(TypeError, match="mapping"):
        gd.ParseError("PDF.CORRUPT", "the PDF could not be read")  # type: ignore[arg-type]


def test_a_strict_parse_error_lists_its_problems_in_the_language_asked() -> None:
    with pytest.raises(gd.ParseError) as raised:
        gd.parse_text(_STRICT, strict=True)
    exc = raised.value
    assert exc.code == "PARSE.STRICT"
    assert exc.problems
    first = exc.problems[0]
    assert exc.message("zh").startswith(f"{len(exc.problems)} 个问题：[{first.code}] ")
    assert first.message("zh") in exc.message("zh")
    assert exc.message("en").startswith(f"{len(exc.problems)} problem(s): [{first.code}] ")
    assert first.message("en") in exc.message("en")


def test_an_os_refusal_is_said_in_the_language_asked(tmp_path: Path) -> None:
    with pytest.raises(gd.ParseError) as raised:
        gd.parse(tmp_path)
    assert raised.value.message("zh") == f"{tmp_path} 是文件夹，不是文件"
    unreadable = gd.ParseError("SOURCE.UNREADABLE", {"path": "a.html", "reason": gd._i18n.os_reason(
        PermissionError(13, "Permission denied"))})
    assert unreadable.message("zh") == "无法读取 a.html：没有权限"
    assert unreadable.message("en") == "cannot read a.html: Permission denied"


# ------------------------------------------------------------------------------- what is produced


def _check_problems(result: gd.ParseResult) -> int:
    for problem in result.problems:
        zh, en = problem.message("zh"), problem.message("en")
        assert template(problem.code, problem.variant) is not None, (problem.code, problem.variant)
        _reads_in_both(problem.code, dict(problem.params), zh, en)
        assert problem.describe("zh") != problem.describe("en")
    return len(result.problems)


def _inputs() -> list[Path]:
    folders = (REPO / "tests" / "pages", CORPUS, REPO / "tests" / "pdfs", REPO / "examples")
    suffixes = {".html", ".txt", ".md", ".pdf", ".docx"}
    return sorted(p for folder in folders for p in folder.iterdir()
                  if p.suffix in suffixes and not p.name.endswith(".layout.txt") and p.stem != "README")


def test_every_problem_over_the_pages_corpus_copies_and_examples_reads_in_both_languages() -> None:
    pytest.importorskip("pypdfium2")
    seen = 0
    for path in _inputs():
        seen += _check_problems(gd.parse(path))
    assert seen > 0


def _with_problems(report: gd.AnnualReport) -> gd.AnnualReport:
    """A report with a placeholder and an unreadable cell, so that every format reports both."""
    return report.with_cells({"requests.granted.total": gd.Placeholder("/"),
                              "requests.new_received.natural_person": gd.Unreadable("十二")})


_WITH_TABLES = [p for p in truth_files() if load_truth(p)["edition"] != "legacy"]  # legacy: no table to mark


@pytest.mark.parametrize("truth", _WITH_TABLES, ids=lambda p: p.name.split(".")[0])
def test_every_problem_of_a_rendered_corpus_report_reads_in_both_languages(truth: Path) -> None:
    report = _with_problems(report_from_truth(load_truth(truth)))
    for fmt in ("text", "markdown", "html", "docx"):
        result = gd.parse(as_source(gd.render(report, fmt)))
        assert "CELL.PLACEHOLDER" in {p.code for p in result.problems}, fmt
        _check_problems(result)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(reports())
def test_every_problem_of_a_generated_report_reads_in_both_languages(report: gd.AnnualReport) -> None:
    for fmt in ("text", "html"):
        _check_problems(gd.parse(as_source(gd.render(report, fmt))))


def test_a_refusal_from_a_worker_process_keeps_its_code_and_arguments(tmp_path: Path) -> None:
    image = tmp_path / "scan.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    report = tmp_path / "report.txt"
    report.write_bytes((CORPUS / "pingtan-2024.txt").read_bytes())
    items = list(gd.parse_many([image, report, image], jobs=2))
    assert [item.ok for item in items] == [False, True, False]
    error = items[0].error
    assert isinstance(error, gd.ParseError)
    assert (error.code, error.params["what"]) == ("SOURCE.UNSUPPORTED", phrase("format.png"))
    assert error.message("zh").startswith("PNG 图片，")
    assert error.message("en").startswith("a PNG image, ")
    result = items[1].result
    assert result is not None
    assert [p.message("en") for p in result.problems] == [p.message("en") for p in gd.parse(report).problems]


# ------------------------------------------------------------------------------- refusals


def _docx(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_STRICT = "某某局2022年度政府信息公开工作年度报告\n一、总体情况\n本局……\n二、主动公开政府信息情况\n"
_PROSE = "今天开会，讨论明年的工作安排。会议由办公室主任主持，各部门负责人参加。"
_MARKDOWN_PROSE = f"# 会议\n\n{_PROSE}\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
REFUSALS: dict[str, tuple[str, Callable[[Path], Any]]] = {
    "missing path": ("SOURCE.NOT_FOUND", lambda tmp: gd.parse(tmp / "nothing.html")),
    "missing str path": ("SOURCE.NOT_FOUND", lambda tmp: gd.parse(str(tmp / "nothing.html"))),
    "text given as path": ("SOURCE.NOT_FOUND", lambda tmp: gd.parse("一、总体情况\n" * 3)),
    "folder": ("SOURCE.UNREADABLE", lambda tmp: gd.parse(tmp)),
    "closed file": ("SOURCE.UNREADABLE", lambda tmp: gd.parse(_closed())),
    "url": ("SOURCE.URL", lambda tmp: gd.parse("https://example.org/report.html")),
    "image": ("SOURCE.UNSUPPORTED", lambda tmp: gd.parse(b"\x89PNG\r\n\x1a\n" + bytes(64))),
    "spreadsheet": ("SOURCE.UNSUPPORTED", lambda tmp: gd.parse(_docx({"xl/workbook.xml": b"<x/>"}))),
    "undecodable": ("SOURCE.UNDECODABLE", lambda tmp: gd.parse(bytes(range(128, 256)) * 4)),
    "empty page": ("HTML.EMPTY", lambda tmp: gd.parse_html("")),
    "page without text": ("HTML.EMPTY", lambda tmp: gd.parse_html("<html><body></body></html>")),
    "script shell": ("HTML.SCRIPT_ONLY",
                     lambda tmp: gd.parse_html("<html><body><script>x()</script></body></html>")),
    "list page": ("HTML.NOT_A_REPORT", lambda tmp: gd.parse_html(
        "<html><body>" + "".join(f'<p><a href="/{i}.html">通知公告第{i}号</a></p>' for i in range(9))
        + "</body></html>")),
    "attachment": ("HTML.ATTACHMENT_ONLY", lambda tmp: gd.parse_html(
        '<html><head><title>2022年政府信息公开工作年度报告</title></head><body>'
        '<p>附件：<a href="/files/report.pdf">年度报告</a></p></body></html>')),
    "html prose": ("HTML.NOT_A_REPORT", lambda tmp: gd.parse_html(f"<html><body><p>{_PROSE}</p></body></html>")),
    "text prose": ("TEXT.NOT_A_REPORT", lambda tmp: gd.parse_text(_PROSE)),
    "markdown prose": ("MARKDOWN.NOT_A_REPORT",
                       lambda tmp: gd.parse(io.StringIO(_MARKDOWN_PROSE))),
    "text of a wrong type": ("TEXT.INPUT", lambda tmp: _text.parse_text(3)),  # type: ignore[arg-type]
    "html of a wrong type": ("HTML.INPUT", lambda tmp: _html.parse_html(3)),  # type: ignore[arg-type]
    "docx as text": ("DOCX.INPUT", lambda tmp: gd.parse_docx("text")),  # type: ignore[arg-type]
    "docx no zip": ("DOCX.NOT_A_ZIP", lambda tmp: gd.parse_docx(b"not a zip at all")),
    "docx no document": ("DOCX.NO_DOCUMENT", lambda tmp: gd.parse_docx(_docx({"word/other.xml": b"<x/>"}))),
    "docx dtd": ("DOCX.DTD",
                 lambda tmp: gd.parse_docx(_docx({"word/document.xml": b'<!DOCTYPE x [<!ENTITY a "b">]><x/>'}))),
    "docx bad xml": ("DOCX.XML", lambda tmp: gd.parse_docx(_docx({"word/document.xml": b"<x"}))),
    "docx no body": ("DOCX.EMPTY", lambda tmp: gd.parse_docx(_docx({"word/document.xml": b"<x/>"}))),
    "docx unsafe name": ("DOCX.UNSAFE_NAME", lambda tmp: gd.parse_docx(_docx({"../evil.xml": b"x",
                                                                              "word/document.xml": b"<x/>"}))),
    "pdf empty": ("PDF.CORRUPT", lambda tmp: gd.parse_pdf(b"")),
    "pdf no header": ("PDF.CORRUPT", lambda tmp: gd.parse_pdf(b"hello world")),
    "pdf truncated": ("PDF.CORRUPT", lambda tmp: gd.parse_pdf(b"%PDF-1.4\n1 0 obj\n")),
    "pdf damaged": ("PDF.CORRUPT", lambda tmp: gd.parse_pdf(b"%PDF-1.4\ngarbage\n%%EOF\n")),
    "strict": ("PARSE.STRICT", lambda tmp: gd.parse_text(_STRICT, strict=True)),
}


def _closed() -> io.BytesIO:
    stream = io.BytesIO(b"x")
    stream.close()
    return stream


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_every_refusal_reads_in_both_languages(case: str, tmp_path: Path) -> None:
    code, call = REFUSALS[case]
    if code.startswith("PDF."):
        pytest.importorskip("pypdfium2")
    with pytest.raises(gd.ParseError) as raised:
        call(tmp_path)
    exc = raised.value
    assert exc.code == code
    assert template(exc.code, exc.variant) is not None
    zh, en = exc.message("zh"), exc.message("en")
    quoted = dict(exc.params)
    for n, problem in enumerate(exc.problems):  # a strict refusal lists its problems, their source text quoted
        quoted.update({f"{n}.{name}": value for name, value in problem.params.items()})
    _reads_in_both(code, quoted, zh, en)
    assert str(exc) == f"[{code}] {zh}"
