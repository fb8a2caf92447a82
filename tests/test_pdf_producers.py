"""PDFs from another producer (headless Chromium) read back exactly like the page they were printed from."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure.parsers._pdf import reading_lines
from gov_disclosure.parsers._pdf_layout import LayoutLine

pytest.importorskip("pypdfium2")  # the ``pdf`` extra; CI installs it

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_chromium_pdf_equals_the_page_it_was_printed_from(edition: str) -> None:
    page = gd.parse(REPO / "docs" / "screenshots" / f"report-{edition}.html").report
    result = gd.parse(REPO / "tests" / "pdfs" / f"chromium-{edition}.pdf")
    assert result.report == page  # every cell, the metadata and the prose
    assert result.report.title == page.title
    assert "⼈" not in (result.report.title or "")
    assert "⺠" not in (result.report.agency or "")
    assert not [p for p in result.problems if p.severity.value != "info"]


def _line(text: str, x0: float, x1: float, top: float, size: float = 12.0) -> LayoutLine:
    return LayoutLine(page=1, cells=(text,), is_table=False, top=top, x0=x0, x1=x1, size=size)


def test_paragraphs_follow_the_margins() -> None:
    layout = [
        _line("某某县教育局", 250, 350, 50, size=18),  # centred title lines stand alone
        _line("2023年政府信息公开工作年度报告", 200, 400, 75, size=18),
        _line("发布机构：某某县教育局", 72, 220, 100),  # a short metadata line
        _line("本报告依据《条例》编制，统计期限为2023年1月1日至", 96, 523, 125),  # indented first line
        _line("2023年12月31日。", 72, 180, 145),  # continues: the line above runs to the margin
        _line("如对本报告有疑问，请与本局联系。", 96, 300, 165),  # indented: a new paragraph
    ]
    lines, _locations = reading_lines(layout)
    assert [cells[0] for cells in lines] == [
        "某某县教育局",
        "2023年政府信息公开工作年度报告",
        "发布机构：某某县教育局",
        "本报告依据《条例》编制，统计期限为2023年1月1日至2023年12月31日。",
        "如对本报告有疑问，请与本局联系。",
    ]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_pdftotext_layout_of_the_pdf_reads_like_the_page(edition: str) -> None:
    page = gd.parse(REPO / "docs" / "screenshots" / f"report-{edition}.html").report
    result = gd.parse(REPO / "tests" / "pdfs" / f"chromium-{edition}.layout.txt")
    assert result.source_format == "text"
    assert dict(result.report.cells()) == dict(page.cells())
    assert result.report.title == page.title
    assert not [p for p in result.problems if p.severity.value != "info"]


def test_a_row_lost_in_the_text_is_reported_not_silent() -> None:
    text = (REPO / "tests" / "pdfs" / "chromium-2021.layout.txt").read_text(encoding="utf-8")
    # cut the label of one row so that nothing can name it
    broken = text.replace("2.重复申请", "？？？？", 1)
    result = gd.parse(io.StringIO(broken))
    codes = {p.code for p in result.problems if p.severity.value == "warning"}
    assert {"TEXT.UNLABELLED_VALUES", "TEXT.ROW_MISSING"} <= codes
    assert result.report.cell("requests.rejected_duplicate.total") is None  # blank, not a guess
