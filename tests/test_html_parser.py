"""The HTML parser: the corpus page, hand-laid-out portal pages, pages that are no report, hostile input."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import Edition, GovDisclosureError, Kind, ParseError, Placeholder, ProblemSeverity, check
from gov_disclosure.parsers._grid import MAX_COLUMNS, expand_table, mark_breaks
from gov_disclosure.parsers._html import MAX_HTML_BYTES, parse_html
from helpers import CORPUS, load_truth, truth_value

PAGES = Path(__file__).resolve().parent / "pages"
PAGE_NAMES = sorted(p.name.removesuffix(".expected.json") for p in PAGES.glob("*.expected.json"))
SHANGHAI = CORPUS / "shanghai-office-2019.html"


def expected_value(value: Any) -> Any:
    if isinstance(value, dict):
        return Placeholder(value["placeholder"])
    if isinstance(value, str):
        return Decimal(value)
    return value


def above_info(result: gd.ParseResult) -> list[str]:
    return [str(p) for p in result.problems if p.severity is not ProblemSeverity.INFO]


# ------------------------------------------------------------------------------ the corpus page


def test_corpus_fragment_every_value_exact() -> None:
    truth = load_truth(CORPUS / "shanghai-office-2019.truth.json")
    result = gd.parse(SHANGHAI)
    assert result.source_format == "html"
    cells = dict(result.report.cells())
    wrong = {k: (v, cells.get(k)) for k, v in truth["values"].items() if cells.get(k) != truth_value(k, v)}
    assert wrong == {}
    assert result.report.edition is Edition.V2019
    assert result.report.year == truth["year"]
    assert result.report.agency == truth["agency"]
    assert above_info(result) == []


def test_corpus_fragment_blank_is_blank_and_money_keeps_its_raw_text() -> None:
    result = parse_html(SHANGHAI.read_bytes())
    assert result.report.requests is not None
    assert result.report.requests.granted.total is None  # printed &nbsp;, not 0
    assert result.report.cell("proactive.central_procurement.amount") == Decimal("25.1")
    prov = result.provenance["proactive.central_procurement.amount"]
    assert prov.raw == "251000元"
    assert prov.location.table == 0
    assert prov.location.element is not None
    assert prov.location.column is not None


def test_corpus_fragment_prose_sections() -> None:
    report = parse_html(SHANGHAI.read_bytes()).report
    assert report.intro is not None
    assert report.intro.startswith("本年度报告根据")
    assert report.overview is not None
    assert report.overview.heading == "一、总体情况"
    assert "（一）主动公开方面" in report.overview.text
    assert report.problems is not None
    assert report.problems.heading == "五、政府信息公开工作存在的主要问题及改进情况"
    assert report.other_matters is not None
    assert report.other_matters.text == "无。"
    assert report.published is not None
    assert report.published.isoformat() == "2020-01-31"


def test_corpus_fragment_as_str_and_bytes_agree() -> None:
    data = SHANGHAI.read_bytes()
    assert parse_html(data).report == parse_html(data.decode("utf-8")).report


def test_title_year_against_table_edition_is_a_problem_not_a_failure() -> None:
    text = SHANGHAI.read_text(encoding="utf-8").replace("2019年上海市人民政府办公厅", "2022年上海市人民政府办公厅", 1)
    result = parse_html(text)
    assert result.report.edition is Edition.V2019
    assert result.report.year == 2022
    assert [p.code for p in result.problems if p.code == "EDITION.YEAR_MISMATCH"] == ["EDITION.YEAR_MISMATCH"]


# ------------------------------------------------------------------------------ hand-laid-out pages


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_every_value_exact(name: str) -> None:
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    result = gd.parse(PAGES / f"{name}.html")
    report = result.report
    assert report.edition.value == expected["edition"]
    cells = dict(report.cells())
    wrong = {k: (v, cells.get(k)) for k, v in expected["values"].items() if cells.get(k) != expected_value(v)}
    assert wrong == {}
    for field in ("year", "agency", "title"):
        if field in expected:
            assert getattr(report, field) == expected[field], field
    if "published" in expected:
        assert report.published is not None
        assert report.published.isoformat() == expected["published"]
    for key, raw in expected.get("raw", {}).items():
        assert result.provenance[key].raw == raw
    wrong_subtotals = {f"requests.{row}" for row in expected.get("subtotal_wrong", ())}
    others = [p for p in above_info(result) if not any(w in p for w in wrong_subtotals)]
    assert others == []


def test_gbk_trs_page_decodes_gbk_only_characters_and_skips_portal_chrome() -> None:
    result = parse_html((PAGES / "gbk-trs-2020.html").read_bytes())
    report = result.report
    assert report.agency == "某某县堃山镇人民政府"  # 堃 is not in GB2312, the declared charset
    assert report.overview is not None
    assert "1,036" in report.overview.text
    assert report.intro is not None
    assert "首页" not in report.intro
    assert report.other_matters is not None
    assert "版权所有" not in report.other_matters.text
    assert report.cell("proactive.licensing.decisions") == 18538  # full-width digits
    assert report.cell("proactive.licensing.change") == 12  # "+12"
    assert report.cell("proactive.other_services.change") == -3
    assert report.cell("proactive.central_procurement.amount") == Decimal("71.19")
    assert report.cell("proactive.coercion.change") is None
    assert report.cell("proactive.coercion.decisions") == Placeholder("/")
    assert [p.code for p in result.problems if p.code == "CELL.PLACEHOLDER"] == ["CELL.PLACEHOLDER"]


def test_traditional_page() -> None:
    report = parse_html((PAGES / "traditional-2019.html").read_bytes()).report
    assert report.requests is not None
    assert report.requests.total_handled.total is not None
    assert report.other_matters is not None
    assert report.other_matters.text == "無。"


def test_one_big_table_2021_edition() -> None:
    result = parse_html((PAGES / "one-big-table-2021.html").read_bytes())
    report = result.report
    assert report.edition is Edition.V2021
    assert report.requests is not None
    assert report.requests.other_handling is None
    assert report.requests.other_no_fee_paid is not None
    assert report.cell("proactive.normative_documents.in_force") == 33  # printed 规范性文件
    assert report.cell("proactive.admin_fees.amount") == Decimal("25.1")
    assert [s.heading for s in report.extra_sections] == ["七、其他"]


def test_2021_edition_with_other_handling_as_one_row() -> None:
    report = parse_html((PAGES / "single-other-row-2021.html").read_bytes()).report
    assert report.edition is Edition.V2021
    assert report.prints_single_other_row
    assert report.requests is not None
    assert report.requests.other_no_correction is None
    assert report.cell("requests.other_handling.total") is not None


def test_subtotal_column_checked_not_stored() -> None:
    result = parse_html((PAGES / "nested-subtotal-2020.html").read_bytes())
    mismatches = [p for p in result.problems if p.code == "HTML.SUBTOTAL_MISMATCH"]
    assert len(mismatches) == 1
    assert mismatches[0].location.table is not None
    assert mismatches[0].raw == "999"
    assert "requests.granted" in mismatches[0].message("en")
    assert result.report.cell("requests.granted.total") == sum(
        result.report.cell(f"requests.granted.{c}")  # type: ignore[misc]
        for c in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other")
    )
    with pytest.raises(ParseError) as raised:
        parse_html((PAGES / "nested-subtotal-2020.html").read_bytes(), strict=True)
    assert raised.value.code == "PARSE.STRICT"
    assert [p.code for p in raised.value.problems] == ["HTML.SUBTOTAL_MISMATCH"]


def test_nested_layout_page_finds_content_without_navigation() -> None:
    report = parse_html((PAGES / "nested-subtotal-2020.html").read_bytes()).report
    assert report.title == "某某市生态环境局2020年政府信息公开工作年度报告"
    assert report.intro is None or "栏目" not in report.intro
    assert report.other_matters is not None
    assert "版权所有" not in report.other_matters.text


def test_legacy_page_keeps_prose_and_invents_no_tables() -> None:
    result = parse_html((PAGES / "legacy-2017.html").read_bytes())
    report = result.report
    assert report.edition is Edition.LEGACY
    assert (report.proactive, report.requests, report.review_litigation) == (None, None, None)
    assert report.overview is not None
    assert "2017年" in report.overview.text
    texts = " ".join(s.text for s in report.extra_sections)
    assert "12件" in texts
    assert above_info(result) == []


def test_legacy_fee_heading_after_section_three_is_a_section_of_its_own() -> None:
    report = parse_html((PAGES / "legacy-2017.html").read_bytes()).report
    headings = [s.heading for s in report.extra_sections]
    assert headings == ["二、主动公开政府信息情况", "三、依申请公开政府信息情况", "四、政府信息公开的收费及减免情况",
                        "五、因政府信息公开申请行政复议、提起行政诉讼的情况"]
    assert report.extra_sections[1].text == "全年共受理政府信息公开申请12件，均已按时答复。"
    assert report.extra_sections[2].text == "未收取任何费用。"


def _four_digit_report() -> gd.AnnualReport:
    report = gd.AnnualReport.empty("2021", overview=gd.Section("一、总体情况", "第一段。"))
    values: dict[str, Any] = {}
    cells = report.spec.iter_cells(other_handling=report.prints_single_other_row)
    for n, (_table, row, key) in enumerate(cells, start=1001):
        kind = next(c.kind for c in row.columns if key.endswith("." + c.key))
        values[key] = Decimal(f"{n}.25") if kind is gd.ColumnKind.MONEY else n
    return report.with_cells(values)


def test_content_root_never_descends_into_a_table_of_long_numbers() -> None:
    """Section 三's table of 4-digit counts holds most of the page's text: the root stays around it."""
    report = _four_digit_report()
    result = parse_html(gd.render(report, "html"))
    assert result.report == report
    assert result.report.overview == report.overview
    assert above_info(result) == []


def test_content_root_holds_every_statistical_table() -> None:
    """The densest block is the prose; the tables beside it are still read (the smallest element
    holding tables and headings is taken)."""
    page = gd.render(_four_digit_report(), "html")
    inner = page[page.index(">") + 1 : page.rindex("</div>")]  # inside the renderer's wrapper
    head, sep, tables = inner.partition('<h2 data-section="proactive">')
    prose = "<p>" + "本机关坚持以公开为常态、不公开为例外。" * 200 + "</p>"
    page = (f"<html><body><div><div class='nav'><a href='/'>首页</a></div><div class='text'>{head}{prose}</div>"
            f"<div class='tables'>{sep}{tables}</div></div></body></html>")
    result = parse_html(page)
    assert dict(result.report.cells()) == dict(_four_digit_report().cells())
    assert result.report.overview is not None
    assert result.report.overview.text.startswith("第一段。")
    assert above_info(result) == []


def test_section_four_printed_blank_is_a_table_of_blanks_and_a_blank_total_row_is_a_row() -> None:
    report = gd.AnnualReport.empty("2019").with_cells(
        {"proactive.regulations.new_made": 1, "requests.granted.commercial": 1, "requests.granted.total": 1}
    )
    result = parse_html(gd.render(report, "html"))
    assert result.report.review_litigation == report.review_litigation
    assert result.report == report
    codes = {p.code for p in result.problems}
    assert not codes & {"HTML.TABLE_MISSING", "HTML.ROW_MISSING"}, result.problems


def test_blank_spacer_row_before_section_four_values_is_not_a_duplicate() -> None:
    report = gd.AnnualReport.empty("2019").with_cells({"review_litigation.review.upheld": 3,
                                                      "review_litigation.review.total": 3})
    page = gd.render(report, "html")
    head, sep, rest = page.partition('<h2 data-section="review_litigation">')
    table_head, tr, data = rest.partition("<tr><td data-key")
    spacer = "<tr>" + "<td></td>" * 15 + "</tr>"
    result = parse_html(head + sep + table_head + spacer + tr + data)
    assert result.report.review_litigation == report.review_litigation
    assert not {p.code for p in result.problems} & {"CELL.DUPLICATE", "HTML.TABLE_MISSING"}


@pytest.mark.parametrize(
    ("table", "layout"),
    [
        ("<table><tr><td>" + "很长的一段文字。" * 30 + "</td></tr></table>", True),
        ("<table><tr><td>短</td></tr><td>" + "很长的一段文字。" * 30 + "</td></table>", True),  # a cell outside any row
        ("<table><tr><td>" + "字" * 150 + "</td><td>" + "字" * 150 + "</td></tr></table>", False),  # a long row only
        ("<table><tr><td>规章</td><td>1</td></tr></table>", False),
    ],
)
def test_layout_table_is_told_by_its_longest_cell(table: str, layout: bool) -> None:
    from gov_disclosure.parsers._html import _is_layout_table, _tree

    element = _tree(table).find(".//table")
    assert element is not None
    assert _is_layout_table(element) is layout


def test_prose_inside_a_layout_table_and_title_outside_the_content() -> None:
    page = ("<html><body><table><tr><td>首页</td><td>政务公开</td></tr>"
            "<tr><td colspan=2>2016年某县政府信息公开工作年度报告</td></tr><tr><td colspan=2><p>一、概述</p><p>"
            + "本县依法公开政府信息。" * 30 + "</p><p>二、主动公开政府信息情况</p><p>全年公开1000条。</p>"
            "<p>六、存在的主要问题及改进措施</p><p>无。</p></td></tr><tr><td>打印</td><td>关闭</td></tr></table></body></html>")
    report = parse_html(page).report
    assert report.edition is Edition.LEGACY
    assert (report.year, report.agency) == (2016, "某县")
    assert report.overview is not None
    assert report.overview.text == "本县依法公开政府信息。" * 30


def test_report_year_without_tables_keeps_prose_and_says_so() -> None:
    page = ("<p>2020年某某局政府信息公开工作年度报告</p><p>一、总体情况</p><p>本局依法公开。</p>"
            "<p>二、主动公开政府信息情况</p><p>见附表图片。</p><p>五、存在的主要问题及改进情况</p><p>无。</p>")
    result = parse_html(page)
    assert result.report.edition is Edition.V2019
    assert result.report.requests is None
    # section 二's heading is printed (its table an image): the parser's failure, said where;
    # 三 and 四 are not printed at all
    assert [p.code for p in result.problems] == ["HTML.TABLE_UNREAD", "HTML.NO_TABLES"]
    unread = result.problems[0]
    assert (unread.kind, unread.location.key, unread.raw) == (Kind.EXTRACTION, "proactive", "二、主动公开政府信息情况")
    by_code = {(f.code, f.scope) for f in check(result)}
    assert ("S.TABLE_NOT_ASSESSED", "proactive") in by_code
    assert {("S.TABLE_MISSING", "requests"), ("S.TABLE_MISSING", "review_litigation")} <= by_code
    assert ("S.TABLE_MISSING", "proactive") not in by_code


def test_unknown_row_label_is_reported_with_its_raw_text() -> None:
    text = SHANGHAI.read_text(encoding="utf-8").replace("2.重复申请", "2.某种新情形", 1)
    result = parse_html(text)
    unknown = [p for p in result.problems if p.code == "HTML.UNKNOWN_ROW"]
    assert len(unknown) == 1
    assert unknown[0].raw is not None
    assert "某种新情形" in unknown[0].raw
    assert result.report.cell("requests.rejected_duplicate.natural_person") is None
    missing = [p for p in result.problems if p.code == "HTML.ROW_MISSING"]
    assert len(missing) == 1
    assert "2.重复申请" in missing[0].message("en")


def test_review_row_with_its_own_label_and_no_corner_cell() -> None:
    text = SHANGHAI.read_text(encoding="utf-8")
    start = text.index("<table", text.index("四、政府信息公开行政复议"))
    end = text.index("</table>", start)
    head, _sep, data = text[start:end].rpartition("<tr>")
    result = parse_html(text[:start] + head + "<tr><td>件数</td>" + data + text[end:])
    assert result.report.review_litigation == parse_html(text).report.review_litigation
    assert above_info(result) == []


def test_group_and_row_label_in_one_cell() -> None:
    page = ("<p>2020年某局政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table>"
            "<tr><td colspan=2></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
            "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>"
            "<tr><td colspan=2>一、本年新收政府信息公开申请数量</td>"
            + "<td>1</td>" * 7 + "</tr><tr><td>三、本年度办理结果</td><td>（三）不予公开<br>1.属于国家秘密</td>"
            + "<td>2</td>" * 7 + "</tr></table>")
    report = parse_html(page).report
    assert report.cell("requests.withheld_state_secret.total") == 2
    assert report.cell("requests.new_received.natural_person") == 1


def test_review_blocks_down_the_side() -> None:
    page = ("<p>2020年某局政府信息公开工作年度报告</p><p>四、政府信息公开行政复议、行政诉讼情况</p><table>"
            "<tr><td>项目</td><td>结果维持</td><td>结果纠正</td><td>其他结果</td><td>尚未审结</td><td>总计</td></tr>"
            "<tr><td>行政复议</td><td>1</td><td>2</td><td>3</td><td>4</td><td>10</td></tr>"
            "<tr><td>行政诉讼（未经复议直接起诉）</td><td>0</td><td>1</td><td>0</td><td>0</td><td>1</td></tr>"
            "<tr><td>行政诉讼（复议后起诉）</td><td>2</td><td>0</td><td>0</td><td>0</td><td>2</td></tr></table>")
    result = parse_html(page)
    cells = {k: v for k, v in result.report.cells().items() if k.startswith("review_litigation.")}
    assert list(cells.values()) == [1, 2, 3, 4, 10, 0, 1, 0, 0, 1, 2, 0, 0, 0, 2]
    assert [p.code for p in result.problems] == ["HTML.TABLE_MISSING", "HTML.TABLE_MISSING"]


def test_money_column_headed_in_yuan_is_converted_with_a_note() -> None:
    page = ("<p>2019年某局政府信息公开工作年度报告</p><p>二、主动公开政府信息情况</p><table>"
            "<tr><td colspan=3>第二十条第（九）项</td></tr>"
            "<tr><td>信息内容</td><td>采购项目数量</td><td>采购总金额（元）</td></tr>"
            "<tr><td>政府集中采购</td><td>3</td><td>251000</td></tr></table>")
    result = parse_html(page)
    assert result.report.cell("proactive.central_procurement.amount") == Decimal("25.1")
    provenance = result.provenance["proactive.central_procurement.amount"]
    assert provenance.raw == "251000"
    assert provenance.note is not None
    assert "元" in provenance.note


def test_unreadable_cell_keeps_raw_text() -> None:
    text = SHANGHAI.read_text(encoding="utf-8").replace(">821<", ">八百<", 1)
    result = parse_html(text)
    assert result.report.cell("requests.new_received.natural_person") == gd.Unreadable("八百")
    assert [p.code for p in result.problems if p.severity is ProblemSeverity.ERROR] == ["CELL.UNREADABLE"]


# ------------------------------------------------------------------------------ not a report

LIST_PAGE = "<html><body><ul class=\"list\">" + "".join(
    f"<li><a href=\"/art/{i}.html\">某某局{2010 + i}年政府信息公开工作年度报告</a><span>2021-01-2{i % 10}</span></li>"
    for i in range(12)
) + "</ul></body></html>"


@pytest.mark.parametrize(
    ("page", "code", "needle"),
    [
        ("", "HTML.EMPTY", "empty"),
        (b"   \n\t ", "HTML.EMPTY", "empty"),
        ("<html><body></body></html>", "HTML.EMPTY", "no text"),
        ('<html><head><script src="/app.js"></script></head><body><div id="app"></div>'
         "<script>window.__INITIAL__={}</script></body></html>", "HTML.SCRIPT_ONLY", "JavaScript"),
        ("<html><head><title>某某局2021年政府信息公开工作年度报告</title></head><body><div id=\"zoom\">"
         "<p>某某局2021年政府信息公开工作年度报告</p><p>附件：<a href=\"/files/2022/P020220128.pdf\">"
         "2021年年报.pdf</a></p></div></body></html>", "HTML.ATTACHMENT_ONLY", "/files/2022/P020220128.pdf"),
        (LIST_PAGE, "HTML.NOT_A_REPORT", "list page"),
        ("<html><body><p>今日天气晴。</p><p>明天有雨。</p></body></html>", "HTML.NOT_A_REPORT", "no report"),
    ],
)
def test_pages_that_are_no_report(page: str | bytes, code: str, needle: str) -> None:
    with pytest.raises(ParseError) as raised:
        parse_html(page)
    assert raised.value.code == code
    assert needle in raised.value.message("en")


def test_too_large_input_is_refused() -> None:
    with pytest.raises(ParseError) as raised:
        parse_html(b" " * (MAX_HTML_BYTES + 1))
    assert raised.value.code == "HTML.TOO_LARGE"


# ------------------------------------------------------------------------------ grids


def _grid(markup: str) -> Any:
    doc = parse_html.__globals__["_tree"](markup)
    mark_breaks(doc)
    return expand_table(doc.find(".//table"))


def test_grid_expands_rowspan_and_colspan() -> None:
    grid = _grid("<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr>"
                 "<tr><td>D</td><td>E<br>F</td><td>G</td></tr></table>")
    texts = [[c.text if c else None for c in row] for row in grid.rows]
    assert texts == [["A", "A", "B"], ["A", "A", "C"], ["D", "E\nF", "G"]]
    assert grid.distinct(1)[0] is grid.rows[0][0]
    assert [c.text for c in grid.starting(1)] == ["C"]


def test_grid_clamps_absurd_spans() -> None:
    grid = _grid('<table><tr><td colspan="100000" rowspan="99999">A</td></tr><tr><td>B</td></tr></table>')
    assert grid.width == MAX_COLUMNS
    assert len(grid.rows) == 2
    assert grid.clamped == 2


def test_grid_skips_nested_table_text() -> None:
    grid = _grid("<table><tr><td>外<table><tr><td>内</td></tr></table>尾</td></tr></table>")
    assert grid.rows[0][0] is not None
    assert grid.rows[0][0].text == "外\n尾"


# ------------------------------------------------------------------------------ hostile input


def _either(source: str | bytes) -> gd.ParseResult | None:
    try:
        return parse_html(source)
    except GovDisclosureError:
        return None


def test_ten_thousand_nested_levels() -> None:
    for tag in ("div", "table><tr><td", "span"):
        close = "</" + "></".join(reversed(tag.split("><"))) + ">"
        page = "<p>2020年某局政府信息公开工作年度报告</p>" + f"<{tag}>" * 10_000 + "总计" + close * 10_000
        _either(page)


def test_twenty_megabyte_page_still_reads_its_tables() -> None:
    text = SHANGHAI.read_text(encoding="utf-8")
    paragraph = "<p>" + "政务公开工作持续推进，" * 200 + "</p>"
    padding = paragraph * (20_000_000 // len(paragraph.encode()))
    page = text.replace("六、其他需要报告的事项", padding + "六、其他需要报告的事项", 1).encode()
    assert len(page) > 20_000_000
    result = parse_html(page)
    assert dict(result.report.cells()) == dict(parse_html(SHANGHAI.read_bytes()).report.cells())
    assert result.report.problems is not None
    assert len(result.report.problems.text) > 6_000_000


def test_long_dense_table_is_cut_to_the_bounds() -> None:
    row = "<tr><td>1.属于国家秘密</td>" + "<td>1</td>" * 7 + "</tr>"
    head = ("<p>2020年某局政府信息公开工作年度报告</p><p>三、收到和处理政府信息公开申请情况</p><table>"
            "<tr><td></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td>"
            "<td>其他</td><td>总计</td></tr>")
    page = (head + row * 3_000 + "</table>").encode()
    result = parse_html(page)
    assert "HTML.TABLE_TRUNCATED" in [p.code for p in result.problems]
    assert result.report.cell("requests.withheld_state_secret.total") == 1


def test_cell_budget_across_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    from gov_disclosure.parsers import _html

    monkeypatch.setattr(_html, "_MAX_TOTAL_SLOTS", 50)
    result = parse_html(SHANGHAI.read_bytes())
    cut = [p for p in result.problems if p.code == "HTML.TABLE_TRUNCATED"]
    assert len(cut) == 1
    assert "2 table(s)" in cut[0].message("en")
    assert result.report.requests is None


def test_five_hundred_tables() -> None:
    table = "<table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table><p>段落</p>"
    page = "<p>2020年某局政府信息公开工作年度报告</p><p>一、总体情况</p>" + table * 500
    _either(page)


def test_span_bomb() -> None:
    cell = '<td rowspan="65535" colspan="65535">x</td>'
    rows = ("<tr>" + cell * 50 + "</tr>") * 50
    page = "<p>一、总体情况</p><p>二、主动公开政府信息情况</p><table>" + rows + "</table>"
    _either(page)


def test_entities_and_external_references_are_not_resolved() -> None:
    page = ('<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body>'
            '<p>2020年某局政府信息公开工作年度报告</p><p>一、总体情况</p><p>&x;</p>'
            '<img src="http://127.0.0.1:1/track.gif"><iframe src="http://127.0.0.1:1/"></iframe>'
            "<p>五、存在的主要问题及改进情况</p><p>无。</p></body></html>")
    result = parse_html(page)
    assert result.report.overview is not None
    assert "root:" not in result.report.overview.text


CORPUS_PAGES = [SHANGHAI.read_bytes(), *((PAGES / f"{n}.html").read_bytes() for n in PAGE_NAMES)]


@st.composite
def mutated_pages(draw: st.DrawFn) -> bytes:
    page = draw(st.sampled_from(CORPUS_PAGES))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "delete", "insert", "flip"]))
        at = draw(st.integers(0, max(0, len(page) - 1)))
        if kind == "cut":
            page = page[:at]
        elif kind == "delete":
            page = page[:at] + page[at + draw(st.integers(1, 2000)):]
        elif kind == "insert":
            junk = draw(st.sampled_from([b"<table>", b"</td>", b"<td colspan=999999>", b"\x00", b"\xff\xfe",
                                         b"<tr>", "总计".encode(), b"<!--", b"]]>", b"&#0;", b"<td rowspan=-3>"]))
            page = page[:at] + junk + page[at:]
        else:
            page = page[:at] + bytes([page[at] ^ 0xFF]) + page[at + 1:] if page else page
    return page


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_pages())
def test_mutated_pages_return_or_raise_library_errors(page: bytes) -> None:
    _either(page)


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000) | st.text(max_size=500))
def test_random_input_returns_or_raises_library_errors(data: bytes | str) -> None:
    _either(data)


# ------------------------------------------------------------------------------ round trip


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_rendered_html_parses_back(data: st.DataObject) -> None:
    from gov_disclosure.renderers import render
    from gov_disclosure.testing import reports

    report = data.draw(reports())
    parsed = parse_html(render(report, "html")).report
    assert parsed.edition == report.edition
    assert dict(parsed.cells()) == dict(report.cells())


def test_radical_block_characters_in_a_page_fold_to_ideographs() -> None:
    # text pasted from a PDF whose fonts map 人民 to the radical blocks (⼈ U+2F08, ⺠ U+2EA0)
    page = (Path(__file__).resolve().parents[1] / "docs" / "screenshots" / "report-2021.html").read_text(
        encoding="utf-8"
    )
    clean = gd.parse_html(page).report
    pasted = gd.parse_html(page.replace("人民", "⼈⺠")).report
    assert pasted.title == clean.title
    assert pasted.agency == clean.agency
    assert dict(pasted.cells()) == dict(clean.cells())
