"""A source that prints none of the form's anchors is refused as ``<FORMAT>.NOT_A_REPORT`` in
every format, never read as a report full of blanks; one that prints them is read."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import Edition, ParseError, edition_spec, parse, parse_html, parse_text, render
from gov_disclosure.parsers._anchors import TABLE_MIN_ANCHORS, Anchors, find_anchors, table_anchor_forms
from gov_disclosure.testing import reports
from pdf_writer import Document
from test_docx import p, package

# Common characters and the punctuation of running prose: random text of them is prose that
# names no section and no row of the form.
_HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
# Hypothesis also draws string constants from the code under test (the form's own labels): a
# word holding an anchor is left out here, and sentences that do print labels are pinned below.
_WORDS = st.text(alphabet=_HANZI, min_size=2, max_size=8).filter(
    lambda word: not find_anchors([word]).tables)
_SENTENCE = st.builds(lambda words, end: "，".join(words) + end,
                      st.lists(_WORDS, min_size=1, max_size=6), st.sampled_from("。！？；"))
# Sentences that a news article about open government would print: words of the domain, no form.
_DOMAIN = st.sampled_from((
    "本机关认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "记者从市政府获悉，全市政务公开工作取得新进展。",
    "2022年12月31日，某某区召开政务公开工作推进会。",
    "会议强调，要进一步提升政务服务水平，回应社会关切。",
    "全年共发布新闻稿件120篇，组织新闻发布会8场。",
))
PROSE = st.lists(st.one_of(_SENTENCE, _DOMAIN), min_size=1, max_size=12)


def _text(lines: list[str]) -> bytes | str:
    return "\n".join(lines)


def _gb18030(lines: list[str]) -> bytes | str:
    return "\n".join(lines).encode("gb18030")


def _markdown(lines: list[str]) -> bytes | str:
    table = ["| 项目 | 数量 |", "| --- | --- |", *(f"| {line[:6]} | {n} |" for n, line in enumerate(lines))]
    return "# " + lines[0][:20] + "\n\n" + "\n\n".join(lines) + "\n\n" + "\n".join(table) + "\n"


def _html(lines: list[str]) -> bytes | str:
    body = "".join(f"<p>{html.escape(line)}</p>" for line in lines)
    rows = "".join(f"<tr><td>{html.escape(line[:6])}</td><td>{n}</td></tr>" for n, line in enumerate(lines))
    title = html.escape(lines[0][:20])
    return f"<html><head><title>{title}</title></head><body>{body}<table>{rows}</table></body></html>"


def _docx(lines: list[str]) -> bytes | str:
    return package("".join(p(html.escape(line)) for line in lines))


def _pdf(lines: list[str]) -> bytes | str:
    doc = Document()
    for line in lines:
        doc.paragraph(line)
    return doc.pdf()


FORMATS: dict[str, tuple[Callable[[list[str]], bytes | str], str]] = {
    "text": (_text, "TEXT"),
    "gb18030": (_gb18030, "TEXT"),
    "markdown": (_markdown, "MARKDOWN"),
    "html": (_html, "HTML"),
    "docx": (_docx, "DOCX"),
    "pdf": (_pdf, "PDF"),
}


def _read(source: bytes | str) -> object:
    """Parse what a format builder made (``str`` is markup or text, not a path)."""
    if isinstance(source, bytes):
        return parse(source)
    return parse_html(source) if source.startswith("<html") else parse_text(source)


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@settings(max_examples=8)
@given(lines=PROSE)
def test_prose_with_no_anchor_is_not_a_report(fmt: str, lines: list[str]) -> None:
    make, prefix = FORMATS[fmt]
    with pytest.raises(ParseError) as raised:
        _read(make(lines))
    error = raised.value
    assert error.code == f"{prefix}.NOT_A_REPORT", error
    assert "no report form found" in error.message("en")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_empty_looking_document_titled_as_a_report_is_read(fmt: str) -> None:
    """A report whose tables are images still names itself: it is a (legacy or table-less) report."""
    make, _prefix = FORMATS[fmt]
    lines = ["某某县2022年政府信息公开工作年度报告", "本报告的统计表以图片形式发布，请见附件图片。" * 10]
    result = _read(make(lines))
    assert result.report.year == 2022  # type: ignore[attr-defined]


@settings(max_examples=10)
@given(report=reports(), fmt=st.sampled_from(("text", "markdown", "html", "docx")))
def test_every_rendered_report_has_its_anchors(report, fmt: str) -> None:  # type: ignore[no-untyped-def]
    rendered = render(report, fmt)
    result = parse(rendered.encode("utf-8") if isinstance(rendered, str) else rendered)
    assert result.report.edition is report.edition


@pytest.mark.parametrize("edition", [Edition.V2019, Edition.V2021])
def test_each_table_alone_is_enough(edition: Edition) -> None:
    """Any table of the form, printed with nothing around it (no heading, no title), is a report."""
    forms = table_anchor_forms()
    for table in edition_spec(edition).tables:
        labels = [row.label for row in table.rows] + [col.label for col in table.columns]
        found = find_anchors(labels)
        assert table.key in found.tables_seen, (edition, table.key, found)
        assert len(found.tables[table.key]) >= TABLE_MIN_ANCHORS
        assert found.tables[table.key] <= forms[table.key]


def test_anchors_are_read_only_and_described() -> None:
    anchors = find_anchors(["一、总体情况", "本年度……"], sections=["overview", "extra"])
    assert anchors.sections == frozenset({"overview"})
    assert not anchors.is_report
    assert [p.text("en") for p in anchors.describe()] == ["1 section heading(s)"]
    assert [p.text("zh") for p in anchors.describe()] == ["1 个章节标题"]
    with pytest.raises(TypeError):
        anchors.tables["requests"] = frozenset()  # type: ignore[index]
    assert Anchors(sections=frozenset({"overview", "problems"})).is_report


def test_a_label_counts_once_however_many_of_its_forms_it_holds() -> None:
    """``本年处理决定数量`` also holds the form ``处理决定数量``: one printed label, one anchor, so two
    labels in a sentence of prose stay below the rule (a Hypothesis find)."""
    anchors = find_anchors(["上年项目数量，本年处理决定数量。"])
    assert anchors.tables["proactive"] == frozenset({"上年项目数量", "本年处理决定数量"})
    assert not anchors.is_report
    with pytest.raises(ParseError) as raised:
        parse_text("上年项目数量，本年处理决定数量。")
    assert raised.value.code == "TEXT.NOT_A_REPORT"


def test_the_anchor_a_table_is_seen_by_is_the_first_printed() -> None:
    """Where several anchors of an unread table stand on one line, the one quoted is the first
    printed (it was the first of a set, which changed with the interpreter's hash seed)."""
    code = ("from gov_disclosure.parsers._prose import split_sections\n"
            "from gov_disclosure.parsers._document import table_anchor\n"
            "lines = ['某某县2022年政府信息公开工作年度报告', '一、总体情况', '本年度……',\n"
            "         '申请人情况 自然人 予以公开 部分公开 不予公开']\n"
            "print(table_anchor(split_sections(lines), 'requests'))\n")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout
            for seed in range(4)}
    assert seen == {"(3, '申请人情况')\n"}
