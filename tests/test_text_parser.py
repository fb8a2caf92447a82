"""The text parser: the real reports, generated reports in three text layouts, hostile input."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gov_disclosure import GovDisclosureError, ParseError, parse
from gov_disclosure.model import AnnualReport, CellValue, Edition, Placeholder, Section, Unreadable
from gov_disclosure.parsers import Location, ParseResult
from gov_disclosure.parsers._text import parse_lines, parse_text
from gov_disclosure.testing import reports
from helpers import as_source

CORPUS = Path(__file__).resolve().parent / "corpus"
TEXT_FILES = ["zhongshan-office-2020.txt", "pingtan-2024.txt", "pingtan-2022.txt", "pingtan-2018-legacy.txt"]
PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def national(**options: bool) -> st.SearchStrategy[AnnualReport]:
    """Reports of either national edition (``reports`` takes one edition at a time)."""
    return st.sampled_from([Edition.V2019, Edition.V2021]).flatmap(lambda ed: reports(edition=ed, **options))


# ---------------------------------------------------------------------------- helpers


def _plain(value: object) -> object:
    if isinstance(value, str):
        return Decimal(value)
    return value


def _ambiguous_ok(result: ParseResult, key: str, want: object) -> bool:
    """The key is named by a SPLIT.AMBIGUOUS problem with a candidate holding ``want``."""
    return any(
        p.code == "SPLIT.AMBIGUOUS" and key in str(p) and any(c.get(key) == want for c in p.candidates)
        for p in result.problems
    )


def _text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, (Placeholder, Unreadable)):
        return value.raw
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _rows(report: AnnualReport, table: str) -> Iterator[tuple[str, list[str], list[CellValue]]]:
    """(row key, labels printed before the row's values, cells) in printed order."""
    cells = report.cells()
    spec = report.spec.table(table)
    printed_groups: set[str] = set()
    caption = None
    for row in spec.rows:
        keys = [k for k in cells if k.startswith(f"{table}.{row.key}.")]
        if not keys:
            continue
        labels = []
        if row.caption and row.caption != caption:
            caption = row.caption
            labels += [row.caption, "信息内容", *[c.label for c in row.columns]]
        for group in row.groups:
            if group not in printed_groups:
                printed_groups.add(group)
                labels.append(group)
        labels.append(row.label)
        yield row.key, labels, [cells[k] for k in keys]


_REQUESTS_HEADER = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况", "自然人",
                    "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
_REVIEW_HEADER = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉",
                  "复议后起诉"] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2


def _prose(section: Section | None) -> list[str]:
    return [section.heading, *section.text.split("\n")] if section is not None else []


def one_cell_per_line(report: AnnualReport) -> str:
    """A portal page flattened to text: every cell and every label on its own line."""
    assert report.published is not None
    lines = ["您现在的位置: 首页 >> 政务公开", report.title or "",
             f"信息来源:本网 {report.agency} 发布日期:{report.published:%Y年%m月%d日}"]
    lines += _prose(report.overview)
    for table, heading, header in (("proactive", "二、主动公开政府信息情况", []),
                                   ("requests", "三、收到和处理政府信息公开申请情况", _REQUESTS_HEADER)):
        lines += [heading, *header]
        for _key, labels, values in _rows(report, table):
            lines += labels + [_text(v) for v in values]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", *_REVIEW_HEADER]
    lines += [_text(v) for _k, _l, values in _rows(report, "review_litigation") for v in values]
    lines += _prose(report.problems) + _prose(report.other_matters)
    lines += ["新媒体", "微信 微信 微信二维码"]
    return "\n\n".join(lines)


def glued(report: AnnualReport) -> str:
    """A crawler dump: a header block, then the whole body on one line, each row's cells glued."""
    assert report.published is not None
    head = [f"标题: {report.title}", f"发布时间: {report.published:%Y-%m-%d} 10:00", "文号: ",
            f"发布机构: {report.agency}", "==================== 正文 ===================="]
    body = []
    for section in (report.overview,):
        body += _prose(section)
    for table, heading, header in (("proactive", "二、主动公开政府信息情况", []),
                                   ("requests", "三、收到和处理政府信息公开申请情况", _REQUESTS_HEADER)):
        body += [heading, *header]
        for _key, labels, values in _rows(report, table):
            body += [*labels, "".join(_text(v) for v in values)]
    body += ["四、政府信息公开行政复议、行政诉讼情况", *_REVIEW_HEADER]
    body.append("".join(_text(v) for _k, _l, values in _rows(report, "review_litigation") for v in values))
    body += _prose(report.problems) + _prose(report.other_matters)
    return "\n".join(head) + "\n" + "".join(body) + "\n"


def markdown(report: AnnualReport) -> str:
    """Markdown as PDF-to-Markdown tools write it: pipe tables, merged cells written out."""
    out = [f"# {report.title}", "", f"发布日期：{report.published}", ""]
    for section in (report.overview,):
        if section is not None:
            out += [f"## {section.heading}", "", section.text, ""]
    out += ["## 二、主动公开政府信息情况", ""]
    for _key, labels, values in _rows(report, "proactive"):
        if len(labels) > 1:
            out += ["", f"**{labels[0]}**", "", "| " + " | ".join(labels[1:-1]) + " |",
                    "|" + "---|" * (len(labels) - 2)]
        out.append("| " + " | ".join([labels[-1], *(_text(v) for v in values)]) + " |")
    out += ["", "## 三、收到和处理政府信息公开申请情况", "",
            "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况 | 申请人情况 | "
            "申请人情况 | 申请人情况 | 申请人情况 | 申请人情况 | 申请人情况 |",
            "|---|---|---|---|---|---|---|---|",
            "| | 自然人 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 法人或其他组织 | 总计 |",
            "| | | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | |"]
    for _key, labels, values in _rows(report, "requests"):
        out.append("| " + " ".join(labels) + " | " + " | ".join(_text(v) for v in values) + " |")
    out += ["", "## 四、政府信息公开行政复议、行政诉讼情况", "",
            "| " + " | ".join(["行政复议"] * 5 + ["行政诉讼"] * 10) + " |", "|" + "---|" * 15,
            "| " + " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3) + " |"]
    out.append("| " + " | ".join(_text(v) for _k, _l, values in _rows(report, "review_litigation")
                                  for v in values) + " |")
    for section in (report.problems, report.other_matters):
        if section is not None:
            out += ["", f"## {section.heading}", "", section.text]
    return "\n".join(out) + "\n"


def _assert_cells(report: AnnualReport, result: ParseResult) -> None:
    got = result.report
    assert got.edition is report.edition
    assert dict(got.cells()) == dict(report.cells()), list(result.problems)


def _assert_prose(report: AnnualReport, got: AnnualReport, *, joined: bool = False) -> None:
    for key in ("overview", "problems", "other_matters"):
        want, have = getattr(report, key), getattr(got, key)
        assert have is not None
        assert have.heading == want.heading
        if joined:
            assert have.text.replace("\n", "") == want.text.replace("\n", "")
        else:
            assert have.text == want.text


# ---------------------------------------------------------------------------- corpus


def _truth(name: str) -> dict[str, object]:
    truth: dict[str, object] = json.loads((CORPUS / name.replace(".txt", ".truth.json")).read_text(encoding="utf-8"))
    return truth


@pytest.mark.parametrize("name", TEXT_FILES)
def test_real_report_every_value_and_the_metadata(name: str) -> None:
    truth = _truth(name)
    result = parse(CORPUS / name)
    report = result.report
    assert report.edition.value == truth["edition"]
    assert report.year == truth["year"]
    for field in ("agency", "title"):
        if truth[field] is not None:
            assert getattr(report, field) == truth[field]
    if truth["published"] is not None:
        assert report.published == dt.date.fromisoformat(str(truth["published"]))
    cells = report.cells()
    values = truth["values"]
    assert isinstance(values, dict)
    ambiguous = truth.get("ambiguous", [])
    assert isinstance(ambiguous, list)
    for key, want in values.items():
        if cells[key] != _plain(want):
            assert key in ambiguous, key
            assert _ambiguous_ok(result, key, _plain(want)), key


@pytest.mark.parametrize("name", TEXT_FILES[:3])
def test_real_report_prose_is_kept(name: str) -> None:
    report = parse(CORPUS / name).report
    assert report.overview is not None
    assert report.overview.heading == "一、总体情况"
    assert len(report.overview.points()) >= 5  # 一段导语 + （一）…（五）
    assert report.problems is not None
    assert report.problems.text
    assert report.other_matters is not None
    assert "信息处理费" in report.other_matters.text
    assert "微信" not in report.other_matters.text


def test_legacy_report_keeps_prose_and_invents_no_table() -> None:
    result = parse(CORPUS / "pingtan-2018-legacy.txt")
    report = result.report
    assert report.edition is Edition.LEGACY
    assert report.requests is None
    assert report.proactive is None
    assert report.review_litigation is None
    assert report.overview is not None
    assert report.overview.text.startswith("2018年以来")
    assert report.problems is not None
    headings = [e.heading for e in report.extra_sections]
    assert headings[0] == "二、主动公开政府信息情况"
    assert headings[-1] == "六、政府信息公开情况统计表"
    assert "2069" in report.extra_sections[-1].text


def test_glued_label_digit_is_the_next_items_number() -> None:
    """pingtan-2024: ``3200000326.属于四类过程性信息`` is 32,0,0,0,0,0,32 then item 6."""
    result = parse(CORPUS / "pingtan-2024.txt")
    cells = result.report.cells()
    assert cells["requests.withheld_internal_affairs.total"] == 32
    assert cells["requests.withheld_process_info.total"] == 0
    note = result.provenance["requests.withheld_internal_affairs.natural_person"].note
    assert note is not None
    assert "320000032" in note
    assert "totals" in note


def test_prose_figure_confirms_a_section_two_split() -> None:
    result = parse(CORPUS / "pingtan-2022.txt")
    assert result.report.cells()["proactive.normative_documents.in_force"] == 698
    note = result.provenance["proactive.normative_documents.in_force"].note
    assert note is not None
    assert "prose" in note
    assert not [p for p in result.problems if p.code.startswith("SPLIT.")]


def test_strict_raises_on_the_ambiguous_split() -> None:
    with pytest.raises(ParseError) as info:
        parse_text((CORPUS / "pingtan-2024.txt").read_bytes(), strict=True)
    assert [p.code for p in info.value.problems] == ["SPLIT.AMBIGUOUS"]


def test_gb18030_bytes() -> None:
    text = (CORPUS / "zhongshan-office-2020.txt").read_text(encoding="utf-8")
    result = parse_text(text.encode("gb18030"))
    assert result.report.cells()["requests.total_handled.total"] == 217


# ---------------------------------------------------------------------------- generated reports


@PROPERTY
@given(national(blanks=False))
def test_one_cell_per_line_gives_back_every_cell(report: AnnualReport) -> None:
    result = parse_text(one_cell_per_line(report))
    _assert_cells(report, result)
    _assert_prose(report, result.report)
    got = result.report
    assert (got.title, got.agency, got.year, got.published) == (report.title, report.agency, report.year,
                                                                 report.published)


@PROPERTY
@given(national())
def test_markdown_gives_back_every_cell_blanks_included(report: AnnualReport) -> None:
    text = markdown(report)
    result = parse(as_source(text))
    assert result.source_format == "markdown"
    _assert_cells(report, result)
    _assert_prose(report, result.report)


@PROPERTY
@given(national(blanks=False, placeholders=False))
def test_glued_runs_give_back_every_cell_or_name_the_truth(report: AnnualReport) -> None:
    result = parse_text(glued(report))
    got = result.report
    assert got.edition is report.edition
    want = report.cells()
    for key, value in got.cells().items():
        if value != want[key]:
            assert _ambiguous_ok(result, key, want[key]), (key, value, want[key], result.problems)
    assert (got.title, got.agency, got.published) == (report.title, report.agency, report.published)
    _assert_prose(report, got, joined=True)


@PROPERTY
@given(national())
def test_pre_split_lines_with_locations(report: AnnualReport) -> None:
    """The PDF layout stage's entry: rows as tuples of cells, a page for every line."""
    lines: list[tuple[str, ...]] = [(report.title or "",), ("二、主动公开政府信息情况",)]
    for _key, labels, values in _rows(report, "proactive"):
        lines += [(label,) for label in labels[:-1]] + [(labels[-1], *(_text(v) for v in values))]
    lines += [("三、收到和处理政府信息公开申请情况",), tuple(_REQUESTS_HEADER)]
    for _key, labels, values in _rows(report, "requests"):
        lines.append(("".join(labels), *(_text(v) for v in values)))
    lines += [("四、政府信息公开行政复议、行政诉讼情况",), tuple(_REVIEW_HEADER)]
    lines.append(tuple(_text(v) for _k, _l, values in _rows(report, "review_litigation") for v in values))
    lines.append(("五、存在的主要问题及改进情况",))
    locations = [Location(page=1 + n // 20, line=n + 1) for n in range(len(lines))]
    result = parse_lines(lines, locations=locations)
    assert result.source_format == "pdf"
    _assert_cells(report, result)
    key = "requests.total_handled.total"
    assert result.provenance[key].location.page is not None


@PROPERTY
@given(national(), st.sampled_from(["text", "markdown"]))
def test_project_renderers_read_back(report: AnnualReport, fmt: str) -> None:
    from gov_disclosure.renderers import render

    result = parse(as_source(render(report, fmt)))
    _assert_cells(report, result)
    assert (result.report.title, result.report.year) == (report.title, report.year)


# ---------------------------------------------------------------------------- problems, not crashes


def test_publisher_error_in_a_glued_run_is_flagged_not_fixed() -> None:
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开2110000030\n五、存在的主要问题及改进情况\n无。"
    result = parse_text(text)
    assert [p.code for p in result.problems if p.code.startswith("SPLIT.")] == ["SPLIT.INCONSISTENT"]


def test_publisher_error_printed_cell_by_cell_is_kept_as_printed() -> None:
    text = "三、收到和处理政府信息公开申请情况\n（一）予以公开 2 1 0 0 0 0 30\n五、存在的主要问题及改进情况\n无。"
    result = parse_text(text)
    assert result.report.cells()["requests.granted.total"] == 30
    assert not [p for p in result.problems if p.code.startswith("SPLIT.")]


def test_edition_that_does_not_match_the_year_is_a_problem() -> None:
    text = ("某某局2022年度政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
            "信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n规章 1 2 3\n")
    result = parse_text(text)
    assert result.report.edition is Edition.V2019
    assert "EDITION.YEAR_MISMATCH" in [p.code for p in result.problems]
    assert result.report.cells()["proactive.regulations.total_published"] == 3


def test_stray_spaces_inside_labels() -> None:
    text = "三、收到和处理政府信息公开申请情况\n三、本年度办 理结果 （一）予以 公开 1 0 0 0 0 0 1\n"
    assert parse_text(text).report.cells()["requests.granted.total"] == 1


def test_subtotal_column_is_recognised_not_stored() -> None:
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 小计 总计\n"
            "（一）予以公开 1 2 0 0 0 0 2 3\n")
    result = parse_text(text)
    assert result.report.cells()["requests.granted.total"] == 3
    assert [(p.code, p.severity.value) for p in result.problems if p.code == "TEXT.SUBTOTAL"] == [
        ("TEXT.SUBTOTAL", "info")]
    wrong = parse_text(text.replace("0 0 0 0 2 3", "0 0 0 0 5 3"))
    assert [(p.code, p.severity.value) for p in wrong.problems if p.code == "TEXT.SUBTOTAL"] == [
        ("TEXT.SUBTOTAL", "warning")]
    assert wrong.report.cells()["requests.granted.total"] == 3


def test_a_word_with_a_number_is_one_cell() -> None:
    text = ("二、主动公开政府信息情况\n| 信息内容 | 本年处理决定数量 |\n|---|---|\n| 行政许可 | 约3件 |\n"
            "三、收到和处理政府信息公开申请情况\n（一）予以公开  1  0  约3件  0  0  0  4\n")
    cells = parse_text(text).report.cells()
    assert cells["proactive.licensing.decisions"] == Unreadable("约3件")
    assert cells["requests.granted.research"] == Unreadable("约3件")
    assert cells["requests.granted.total"] == 4


def test_a_lone_value_sits_under_its_aligned_column_label() -> None:
    header = "  ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3)
    total_end = 2 * len(header[: header.index("总计") + 2]) - header[: header.index("总计") + 2].count(" ")
    value_line = " " * (total_end - 1) + "7"  # under 总计: CJK characters are two columns wide
    text = f"四、政府信息公开行政复议、行政诉讼情况\n{header}\n{value_line}\n"
    cells = parse_text(text).report.cells()
    assert cells["review_litigation.review.total"] == 7
    assert cells["review_litigation.review.upheld"] is None


def test_a_table_printed_with_every_cell_blank_is_a_table_of_blanks() -> None:
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n"
            "|---|---|---|---|\n| 规章 | | | |\n| 行政规范性文件 | | | |\n")
    report = parse_text(text).report
    assert report.proactive is not None
    assert report.cells()["proactive.regulations.issued"] is None
    assert report.requests is None


def test_a_glued_run_with_its_subtotal_splits_into_eight() -> None:
    text = ("三、收到和处理政府信息公开申请情况申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织"
            "法律服务机构其他小计一、本年新收政府信息公开申请数量217100001218（一）予以公开52100038")
    result = parse_text(text)
    cells = result.report.cells()
    assert [cells[f"requests.granted.{c}"] for c in ("natural_person", "commercial", "research", "total")] == [
        5, 2, 1, 8]
    assert cells["requests.new_received.total"] == 218
    assert [p.severity.value for p in result.problems if p.code == "TEXT.SUBTOTAL"] == ["info", "info"]
    assert not [p for p in result.problems if p.code.startswith("SPLIT.")]


def _hostile() -> Iterator[tuple[str, str | bytes]]:
    rng = random.Random(5)
    yield "random bytes", bytes(rng.randrange(256) for _ in range(5000))
    yield "labels, no numbers", "三、收到和处理政府信息公开申请情况\n（一）予以公开\n（七）总计\n四、结转下年度继续办理"
    yield "numbers, no labels", "三、收到和处理政府信息公开申请情况\n" + "\n".join(str(i) for i in range(500))
    yield "300 digits", "三、收到和处理政府信息公开申请情况\n（一）予以公开" + "7" * 300
    yield "every row on one line", "三、收到和处理政府信息公开申请情况" + "".join(
        f"{i}.属于国家秘密{rng.randrange(10 ** 9)}" for i in range(300))
    yield "empty", ""
    yield "only headings", "一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
    yield "1 MB", ("一、总体情况 本机关2023年度……。二、主动公开政府信息情况规章123456789。" * 20000)[:1_000_000]


@pytest.mark.parametrize(("case", "source"), list(_hostile()), ids=[c for c, _s in _hostile()])
def test_hostile_input_gives_problems_or_a_library_error(case: str, source: str | bytes) -> None:
    try:
        result = parse_text(source)
    except GovDisclosureError:
        return
    assert isinstance(result.report, AnnualReport)
    if case in ("random bytes", "empty", "numbers, no labels"):
        assert result.problems


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789一二三四五、.（）总计其他予以公开规章 \n|")), max_size=400))
def test_any_text_parses_without_crashing(text: str) -> None:
    try:
        result = parse_text(text)
    except GovDisclosureError:
        return
    assert isinstance(result, ParseResult)


def test_a_run_cut_by_its_digits_alone_is_reported_with_every_reading() -> None:
    # "15" under two columns: 1 and 5, or 15 beside a blank cell (either side) — nothing in the
    # report decides (no sum holds over section 二's rows).
    lines = [
        ("某某县教育局2020年政府信息公开工作年度报告",),
        ("二、主动公开政府信息情况",),
        ("第二十条第（八）项",),
        ("信息内容", "上一年项目数量", "本年增/减"),
        ("行政事业性收费", "15"),
    ]
    result = parse_lines(lines)
    split = [p for p in result.problems if p.code.startswith("SPLIT.")]
    assert [p.code for p in split] == ["SPLIT.AMBIGUOUS"]
    problem = split[0]
    assert problem.severity.value == "warning"
    readings = [dict(c) for c in problem.candidates]
    assert {"proactive.admin_fees.prior_year_items": 1, "proactive.admin_fees.change": 5} in readings
    assert {"proactive.admin_fees.prior_year_items": 15, "proactive.admin_fees.change": None} in readings
    assert {"proactive.admin_fees.prior_year_items": None, "proactive.admin_fees.change": 15} in readings
    with pytest.raises(ParseError):
        parse_lines(lines, strict=True)
    with pytest.raises(ParseError):
        parse_lines(lines, strict=True)


def test_a_run_of_zeros_is_not_reported_as_unconfirmed() -> None:
    # "000" cannot be one number (a leading zero): the cut into 0, 0, 0 is forced.
    lines = [
        ("某某县教育局2022年政府信息公开工作年度报告",),
        ("二、主动公开政府信息情况",),
        ("第二十条第（一）项",),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "000"),
    ]
    result = parse_lines(lines)
    assert not [p for p in result.problems if p.code == "SPLIT.UNCONFIRMED"]
    assert result.report.cell("proactive.regulations.in_force") == 0
