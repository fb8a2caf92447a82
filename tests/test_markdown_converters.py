"""Markdown as HTML-to-Markdown converters write it, read back: every value exact or flagged.

Crawlers keep pages as Markdown (html2text, markdownify and their kin). Two traits of theirs
are generated here from the project's own HTML rendering of Hypothesis reports, whatever
report it is: a cell spanning several columns is padded out with empty cells after it (the
row's values are its last cells), and tables are written without their outer pipes (GitHub's
``a | b`` rows), a one-column heading row delimited by a lone ``---``.
"""

from __future__ import annotations

from decimal import Decimal

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, Edition, render
from gov_disclosure._frames import uncertain_cells
from gov_disclosure.parsers._text import parse_text
from gov_disclosure.testing import reports


def to_markdown(page: str, *, outer_pipes: bool) -> str:
    """The page as a converter writes it: paragraphs as lines, each table as a pipe table whose
    spanned cells are padded with empty cells; without ``outer_pipes``, rows as ``a | b``."""
    root = lxml.html.fromstring(page)
    out: list[str] = []
    for element in root.iter("p", "h1", "h2", "h3", "div", "table"):
        if element.tag == "table":
            out.append("")
            for n, tr in enumerate(element.iter("tr")):
                cells: list[str] = []
                for td in tr.iter("td", "th"):
                    cells.append(" ".join(td.text_content().split()))
                    cells += [""] * (int(td.get("colspan", "1")) - 1)
                if outer_pipes:
                    out.append("| " + " | ".join(cells) + " |")
                else:
                    out.append("| ".join(cells) if len(cells) > 1 else cells[0])
                if n == 0:
                    rule = "|".join(["---"] * len(cells))
                    out.append(f"|{rule}|" if outer_pipes else rule)
            out.append("")
        elif element.text and element.text.strip() and element.getparent() is not None \
                and element.getparent().tag not in ("td", "th"):
            out += ["", element.text_content().strip()]
    return "\n".join(out) + "\n"


def _national() -> st.SearchStrategy[AnnualReport]:
    return st.sampled_from([Edition.V2019, Edition.V2021]).flatmap(
        lambda edition: reports(edition=edition, placeholders=False))


@settings(max_examples=10, deadline=None)
@given(report=_national(), outer_pipes=st.booleans())
def test_converter_markdown_reads_back_exact_or_flagged(report: AnnualReport, outer_pipes: bool) -> None:
    """Every value exact, or named by a problem with its readings (a row padded at both ends,
    with no total to tell which end is the padding, is read one way and flagged)."""
    result = parse_text(to_markdown(render(report, "html"), outer_pipes=outer_pipes))
    flagged = uncertain_cells(result.problems)
    cells = result.report.cells()
    assert [key for key, want in report.cells().items() if cells[key] != want and key not in flagged] == []
    assert {p.code for p in result.problems if p.severity.value != "info"} <= {"TEXT.EXTRA_VALUES"}


def test_a_padded_label_span_is_no_value() -> None:
    """``| 一、本年新收… | | | 208 | … |``: a label spanning three columns, padded out by two empty
    cells; the row's seven values are its last seven cells (the first of them blank here)."""
    text = ("三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | | | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|\n"
            "| 一、本年新收政府信息公开申请数量 | | | | 5 | 0 | 0 | 0 | 1 | 6 |\n")
    cells = parse_text(text).report.cells()
    assert [cells[f"requests.new_received.{c}"] for c in ("natural_person", "commercial", "other", "total")] == \
        [None, 5, 1, 6]


def test_rows_without_outer_pipes_after_a_lone_rule() -> None:
    text = ("二、主动公开政府信息情况\n---\n第二十条第（一）项\n信息内容| 本年制发件数| 本年废止件数| 现行有效件数\n"
            "规章| 1| 0| 12\n规范性文件| 5| 7| 33\n")
    cells = parse_text(text).report.cells()
    assert [cells["proactive.regulations.in_force"], cells["proactive.normative_documents.repealed"]] == [12, 7]


def test_a_row_padded_at_both_ends_is_decided_by_its_total_or_flagged() -> None:
    head = ("三、收到和处理政府信息公开申请情况\n\n| 申请人情况 | | | | | | | | |\n"
            "|---|---|---|---|---|---|---|---|---|\n")
    # the padding after the values: only that reading adds up to its total
    text = head + "| 一、本年新收政府信息公开申请数量 | | 5 | 0 | 0 | 0 | 1 | 6 | |\n"
    result = parse_text(text)
    assert result.report.cells()["requests.new_received.total"] == 6
    assert not [p for p in result.problems if p.code == "TEXT.EXTRA_VALUES"]
    # section 二 has no total: a decimal cannot be the count of projects, so it is the amount
    head = ("二、主动公开政府信息情况\n\n| 第二十条第（九）项 | | | |\n|---|---|---|---|\n"
            "| 信息内容 | 采购项目数量 | 采购总金额 | |\n")
    result = parse_text(head + "| 政府集中采购 | | 743.54 | |\n")
    assert result.report.cells()["proactive.central_procurement.amount"] == Decimal("743.54")
    assert result.report.cells()["proactive.central_procurement.projects"] is None
    assert not [p for p in result.problems if p.code == "TEXT.EXTRA_VALUES"]
    # a whole number fits either column: the first reading is kept, and both are named
    result = parse_text(head + "| 政府集中采购 | | 12 | |\n")
    (padding,) = [p for p in result.problems if p.code == "TEXT.EXTRA_VALUES"]
    assert len(padding.candidates) == 2
    assert uncertain_cells(result.problems)["proactive.central_procurement.amount"] == "unconfirmed"
