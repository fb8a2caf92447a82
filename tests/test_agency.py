"""The agency from the page's own statement, the title's only as the last resort (issue 15).

Pages are generated: a report rendered as HTML or text, an agency name drawn from many places
and organs, stated in one of the ways portals state it (``<meta name="ContentSource">``,
``来源：``, ``信息来源：本网 …``, ``发布机构：``, a crawler header's ``发布机构:``, the signature
at the end), in simplified or traditional characters, beside decoys that name no agency
(``本网``, ``原创``, the site's name). ``provenance["agency"].basis`` says which was used.
"""

from __future__ import annotations

from dataclasses import dataclass
from unittest import mock

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport, ParseResult
from gov_disclosure.parsers._prose import AGENCY_BASES, AGENCY_FIELD_NAMES, is_agency_name
from gov_disclosure.renderers import render

PLACES = ("某某市", "甲乙县", "丙丁区", "戊己省", "庚辛自治州", "壬癸镇", "子丑市高新技术产业开发区")
ORGANS = ("人民政府办公室", "人民政府办公厅", "教育局", "卫生健康委员会", "司法局", "政务服务数据管理中心",
          "发展和改革委员会", "人民政府", "交通运输厅", "街道办事处", "市场监督管理局", "档案馆服务中心")
DECOYS = ("本网", "原创", "本站", "{place}人民政府门户网站", "{place}政府网", "{place}日报", "综合")
_TO_TRADITIONAL = opencc.OpenCC("s2t")
#: How a signature's date is printed: digits, or Chinese numerals as official documents print it.
SIGNATURE_DATES = ("2024年1月20日", "2024年01月20日", "2024-01-20", "2024年1月", "二〇二四年一月二十日",
                   "二○二四年元月十九日", "二〇二四年一月")


@dataclass(frozen=True)
class Page:
    html: bool
    head: tuple[str, ...] = ()
    """Lines (or, in HTML, paragraphs) between the title and the report."""
    tail: tuple[str, ...] = ()
    """Lines after the report (the signature)."""
    meta: str | None = None
    """``<meta name="ContentSource">`` content (HTML only)."""

    def build(self, title: str, *, traditional: bool = False) -> bytes:
        report = AnnualReport.empty("2021", title=title, year=2023).with_cells(
            {"requests.new_received.natural_person": 3, "requests.new_received.total": 3})
        body = render(report, "html" if self.html else "text")
        if self.html:
            head = "".join(f"<p>{line}</p>" for line in self.head)
            tail = "".join(f"<p>{line}</p>" for line in self.tail)
            meta = f'<meta name="ContentSource" content="{self.meta}">' if self.meta is not None else ""
            first, last = body.index("</h1>") + len("</h1>"), body.rindex("</div>")
            text = (f'<html><head><meta charset="utf-8">{meta}<title>{title}</title></head><body>'
                    f"{body[:first]}{head}{body[first:last]}{tail}{body[last:]}</body></html>")
        else:
            first, rest = body.split("\n", 1)
            text = "\n".join([first, *self.head, rest, *self.tail])
        if traditional:
            text = _TO_TRADITIONAL.convert(text)
        return text.encode("utf-8")


def _parse(page: Page, title: str, *, traditional: bool = False) -> ParseResult:
    return gd.parse(page.build(title, traditional=traditional))


names = st.builds(lambda p, o: p + o, st.sampled_from(PLACES), st.sampled_from(ORGANS))


@st.composite
def statements(draw: st.DrawFn, agency: str, place: str) -> tuple[Page, str]:
    """A page stating ``agency`` one way, maybe after a decoy; and the basis expected."""
    html = draw(st.booleans())
    decoy = draw(st.sampled_from(DECOYS)).format(place=place)
    kinds = ["source", "source_after_site", "source_glued", "source_bracketed", "agency_field", "crawler", "signature",
             "signature_one_line"]
    if not html:  # the HTML reader recognises 发布机构 / 发文机关 / 发文机构 fields only (its own list)
        kinds.append("cms_field")
    if html:
        kinds.append("meta")
    kind = draw(st.sampled_from(kinds))
    colon = draw(st.sampled_from(["：", ":", "： "]))
    date = draw(st.sampled_from(SIGNATURE_DATES))
    if kind == "meta":
        return Page(html, meta=agency), "content_source"
    if kind == "source":
        return Page(html, head=(f"来源{colon}{agency}",)), "source_field"
    if kind == "source_after_site":
        return Page(html, head=(f"信息来源{colon}{decoy} {agency}  发布日期{colon}2024-01-20",)), "source_field"
    if kind == "source_glued":  # no space before the line's next field
        after = draw(st.sampled_from(["作者：张三", "浏览次数：120", "字号：大 中 小", "发布时间：2024-01-20"]))
        return Page(html, head=(f"来源{colon}{agency}{after}",)), "source_field"
    if kind == "source_bracketed":
        return Page(html, head=(f"【来源{colon}{agency}】【字体：大 中 小】",)), "source_field"
    if kind == "cms_field":
        label = draw(st.sampled_from(AGENCY_FIELD_NAMES))
        return Page(html, head=(f"来源{colon}{decoy}", f"{label}{colon}{agency} | 发布日期{colon}2024-01-20")), \
            "agency_field"
    if kind == "agency_field":
        return Page(html, head=(f"来源{colon}{decoy}", f"发布机构{colon}{agency}")), "agency_field"
    if kind == "crawler":
        return Page(html, head=(f"发布机构: {agency}", "发布时间: 2024-01-20")), "agency_field"
    if kind == "signature":
        return Page(html, head=(f"来源{colon}{decoy}",), tail=(agency, date)), "signature"
    return Page(html, tail=(f"{agency} {date}",)), "signature"


@settings(max_examples=40, deadline=None)
@given(data=st.data())
def test_the_page_s_statement_wins_over_the_title(data: st.DataObject) -> None:
    place = data.draw(st.sampled_from(PLACES))
    agency = place + data.draw(st.sampled_from(ORGANS))
    title_agency = data.draw(names.filter(lambda n: n != agency))
    page, basis = data.draw(statements(agency, place))
    traditional = data.draw(st.booleans())
    result = _parse(page, f"{title_agency}2023年度政府信息公开工作年度报告", traditional=traditional)
    assert result.report.agency == agency
    assert result.provenance["agency"].basis == basis
    assert basis in AGENCY_BASES


@settings(max_examples=25, deadline=None)
@given(place=st.sampled_from(PLACES), title_agency=names, html=st.booleans(), data=st.data())
def test_what_names_no_agency_is_refused(place: str, title_agency: str, html: bool, data: st.DataObject) -> None:
    """本网, 原创, the site's name: never the agency; the title's agency is the last resort."""
    decoy = data.draw(st.sampled_from(DECOYS)).format(place=place)
    page = data.draw(st.sampled_from([
        Page(html, head=(f"来源：{decoy}",)),
        Page(html, head=(f"信息来源：{decoy}",), meta=decoy if html else None),
        Page(html, tail=(decoy, "2024年1月20日")),
    ]))
    result = _parse(page, f"{title_agency}2023年度政府信息公开工作年度报告")
    assert result.report.agency == title_agency
    assert result.provenance["agency"].basis == "title"


def test_a_signature_needs_its_date() -> None:
    """An agency name alone at the end (a footer's 主办单位, a menu) is no signature."""
    page = Page(False, tail=("某某市教育局",))
    result = _parse(page, "某某市人民政府2023年度政府信息公开工作年度报告")
    assert (result.report.agency, result.provenance["agency"].basis) == ("某某市人民政府", "title")


def test_a_blank_agency_field_still_means_no_agency() -> None:
    page = Page(False, head=("发布机构：", "来源：某某市教育局"))
    result = _parse(page, "2023年度政府信息公开工作年度报告")
    assert result.report.agency is None
    assert "agency" not in result.provenance


@pytest.mark.parametrize(("text", "ok"), [
    ("某某市人民政府办公室", True), ("某某县卫生健康委员会", True), ("某某区政务服务数据管理中心", True),
    ("某某市人民政府", True), ("某某街道办事处", True), ("某某市教育局", True),
    ("本网", False), ("原创", False), ("本站", False), ("某某市人民政府门户网站", False), ("中国政府网", False),
    ("某某日报", False), ("2024年1月20日", False), ("发布机构：某某局", False), ("", False),
    ("某某市人民政府辦公室", True),
])
def test_is_agency_name(text: str, ok: bool) -> None:
    assert is_agency_name(text) is ok


def test_corpus_agencies_say_where_they_came_from() -> None:
    """The real reports: the stated agency is kept, and provenance names its basis."""
    from helpers import CORPUS

    result = gd.parse(CORPUS / "zhongshan-office-2020.txt")
    assert result.report.agency == "中山市人民政府办公室"
    assert result.provenance["agency"].basis == "source_field"
    result = gd.parse(CORPUS / "pingtan-2024.txt")
    assert result.provenance["agency"].basis == "agency_field"


@pytest.mark.parametrize("line", ["2024年1月20日星期六", "二〇二四年", "2024年", "一月二十日", "共二〇二四年一月"])
def test_what_is_no_signature_date(line: str) -> None:
    page = Page(False, tail=("某某市教育局", line))
    result = _parse(page, "某某市人民政府2023年度政府信息公开工作年度报告")
    assert (result.report.agency, result.provenance["agency"].basis) == ("某某市人民政府", "title")


@pytest.mark.parametrize("label", AGENCY_FIELD_NAMES)
def test_a_blank_field_of_any_agency_label_means_no_agency(label: str) -> None:
    page = Page(False, head=(f"{label}：", "来源：某某市教育局"))
    result = _parse(page, "2023年度政府信息公开工作年度报告")
    assert result.report.agency is None


@pytest.mark.parametrize("label", AGENCY_FIELD_NAMES)
def test_a_word_document_reads_every_agency_label(label: str) -> None:
    """The Word reader takes the same labels as the text reader (one list, ``AGENCY_FIELD_NAMES``)."""
    from test_docx import p, package

    body = (p("某某市人民政府2023年度政府信息公开工作年度报告") + p(f"{label}：某某市教育局")
            + p("一、总体情况") + p("本局依法公开政府信息。"))
    result = gd.parse_docx(package(body))
    assert (result.report.agency, result.provenance["agency"].basis) == ("某某市教育局", "agency_field")
    blank = gd.parse_docx(package(p("某某市人民政府2023年度政府信息公开工作年度报告") + p(f"{label}：")
                                  + p("一、总体情况") + p("本局依法公开政府信息。")))
    assert blank.report.agency is None


@pytest.mark.parametrize("label", AGENCY_FIELD_NAMES)
@pytest.mark.parametrize("html", [True, False])
def test_every_agency_label_is_read_in_html_and_text(label: str, html: bool) -> None:
    """The HTML reader takes the same labels as the text and Word readers (one list), in a
    paragraph of the page as in a line of text."""
    page = Page(html, head=(f"{label}：某某市教育局",))
    result = _parse(page, "某某市人民政府2023年度政府信息公开工作年度报告")
    assert (result.report.agency, result.provenance["agency"].basis) == ("某某市教育局", "agency_field")


def _signature_folding_every_line(lines: list[str]) -> tuple[str, int] | None:
    """:func:`_prose._signature` as it was written first: every line of the tail folded."""
    from gov_disclosure.parsers import _prose

    with mock.patch.object(_prose, "_could_sign", return_value=True):
        return _prose._signature(lines)


_SIGNATURE_PARTS = st.sampled_from([
    "某某市人民政府办公室", "某某市人民政府辦公室", "某某市人民政府", "本网", "２０２４年１月２０日", "2024年1月20日",
    "二〇二四年一月二十日", "二○二四年元月", "2024 年 1 月", "2024-01-20", "年", "月", "日", " ", "\u3000", "  ",
    "公開工作仍需加強。", "無。", "六、其他需要報告的事項", "甲" * 30, "乙" * 45, "辦",
])


@given(st.lists(st.lists(_SIGNATURE_PARTS, max_size=12).map("".join), max_size=16))
def test_a_signature_is_found_without_folding_the_lines_that_cannot_sign(lines: list[str]) -> None:
    from gov_disclosure.parsers import _prose

    assert _prose._signature(lines) == _signature_folding_every_line(lines)
