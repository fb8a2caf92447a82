"""Sections and metadata found in a report's lines (shared by the HTML and text parsers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure._hanzi import fold_hanzi
from gov_disclosure.parsers import _prose
from gov_disclosure.parsers._prose import find_metadata, is_chrome, split_sections

CORPUS = Path(__file__).resolve().parent / "corpus"

SIX = ["overview", "proactive", "requests", "review_litigation", "problems", "other_matters"]


def _lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").splitlines()


def test_headings_on_their_own_lines() -> None:
    lines = [
        "某某县人民政府2023年度政府信息公开工作年度报告",
        "  一、总体情况",
        "  2023年，我县……。",
        "  （一）主动公开。全年公开信息100条。",
        "二、主动公开政府信息情况",
        "规章 0 0 0",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1",
        "四、结转下年度继续办理 0 0 0 0 0 0 0",
        "四、政府信息公开行政复议、行政诉讼情况",
        "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0",
        "五、存在的主要问题及改进情况",
        "一是……。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。",
    ]
    layout = split_sections(lines)
    assert [key for key, _ in layout.headings] == SIX
    assert layout.sections["overview"].text == "2023年，我县……。\n（一）主动公开。全年公开信息100条。"
    assert layout.sections["other_matters"].text == "本年度未收取信息处理费。"
    assert layout.table_text("requests").splitlines()[1].startswith("四、结转下年度继续办理")
    assert layout.intro is None


def test_headings_glued_inside_one_line() -> None:
    line = (
        "本报告由某某办公室编制。一、总体情况 2024年，全面推进。（一）主动公开方面。全年公开10条。"
        "（二）依申请公开方面。二、主动公开政府信息情况第二十条第（一）项规章000"
        "三、收到和处理政府信息公开申请情况申请人情况0000000四、政府信息公开行政法复议、行政诉讼情况0 0 0"
        "五、存在的主要问题及改进情况一是不足。六、其它需要报告事项无。"
    )
    layout = split_sections([line])
    assert [key for key, _ in layout.headings] == SIX
    assert layout.intro == "本报告由某某办公室编制。"
    assert layout.sections["overview"].heading == "一、总体情况"
    assert layout.sections["overview"].points() == (
        "2024年，全面推进。",
        "（一）主动公开方面。全年公开10条。",
        "（二）依申请公开方面。",
    )
    assert layout.table_headings["review_litigation"] == "四、政府信息公开行政法复议、行政诉讼情况"
    assert layout.table_text("proactive") == "第二十条第（一）项规章000"
    assert layout.sections["other_matters"].text == "无。"


def test_section_list_in_the_intro_is_not_a_heading() -> None:
    lines = ["本报告包括：一、总体情况；二、主动公开政府信息情况；", "一、总体情况", "正文。"]
    layout = split_sections(lines)
    assert layout.headings == (("overview", 1),)


def test_sections_beyond_six_are_extra() -> None:
    lines = ["一、总体情况", "甲。", "五、存在的主要问题及改进情况", "乙。"]
    lines += ["六、其他需要报告的事项", "丙。", "七、附件说明", "丁。"]
    layout = split_sections(lines)
    assert [e.heading for e in layout.extra_sections] == ["七、附件说明"]
    assert layout.extra_sections[0].text == "丁。"


def test_trailing_page_chrome_is_cut() -> None:
    lines = ["六、其他需要报告的事项", "无。", "新媒体", "微信 微信 微信二维码", "手机版 手机版 手机版二维码"]
    layout = split_sections(lines)
    assert layout.sections["other_matters"].text == "无。"
    assert is_chrome("您现在的位置: 首页 >> 政务公开")
    assert not is_chrome("本年度未发出收费通知，未收取信息处理费。")


def test_metadata_from_a_crawler_header_block() -> None:
    meta = find_metadata(_lines("pingtan-2024.txt"))
    assert meta == {
        "title": "平潭综合实验区2024年度政府信息公开工作年度报告",
        "agency": "平潭综合实验区管委会办公室",
        "year": 2024,
        "published": dt.date(2025, 3, 10),
        "source_url": "https://www.pingtan.gov.cn/zwgk/zfxxgk/zfxxgknb/202503/t20250310_97791.htm",
        "agency_basis": "agency_field",
        "agency_line": 3,
        "agency_raw": "发布机构: 平潭综合实验区管委会办公室",
        "title_line": 0,
    }


def test_empty_agency_field_gives_no_agency() -> None:
    meta = find_metadata(_lines("pingtan-2022.txt"))
    assert meta["agency"] is None
    assert meta["year"] == 2022


def test_metadata_from_a_portal_page() -> None:
    meta = find_metadata(_lines("zhongshan-office-2020.txt"))
    assert meta["title"] == "中山市人民政府办公室2020年度政府信息公开工作年度报告"
    assert meta["agency"] == "中山市人民政府办公室"
    assert meta["published"] == dt.date(2021, 1, 29)
    assert meta["year"] == 2020


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["某某局2021年度政府信息公开工作年度报告"], {"agency": "某某局", "year": 2021}),
        (["本报告所列数据统计期限为2024年1月1日至2024年12月31日。"], {"agency": None, "year": 2024}),
        (["公开日期：2022-01-30", "正文"], {"published": dt.date(2022, 1, 30), "year": None}),
        (["发布日期:2022年13月40日"], {"published": None}),
        (["淮安市人民政府", "2024年政府信息公开工作年度报告", "本报告由淮安市人民政府办公室根据《条例》规定编制。"],
         {"title": "淮安市人民政府2024年政府信息公开工作年度报告", "agency": "淮安市人民政府办公室", "year": 2024}),
        (["某某县教育局2023年度政府信息公开工作年度报告", "信息来源：本站 某某县教育局"], {"agency": "某某县教育局"}),
    ],
)
def test_metadata_fallbacks(lines: list[str], expected: dict[str, object]) -> None:
    meta = find_metadata(lines)
    for key, value in expected.items():
        assert meta[key] == value


def test_legacy_report_sections() -> None:
    layout = split_sections(_lines("pingtan-2018-legacy.txt"))
    keys = [key for key, _ in layout.headings]
    assert keys == ["overview", "proactive", "requests", "review_litigation", "problems", "extra"]
    assert layout.sections["overview"].heading == "一、概述"
    assert layout.extra_sections[0].heading == "六、政府信息公开情况统计表"


def test_title_loses_the_spaces_text_extraction_put_between_chinese_and_digits() -> None:
    # pdftotext -layout prints "2024 年": no report title is typeset that way
    meta = find_metadata(["        某某市人民政府2024 年政府信息公开工作年度报告", "一、总体情况"])
    assert meta["title"] == "某某市人民政府2024年政府信息公开工作年度报告"
    assert meta["year"] == 2024


def test_title_and_agency_fold_radical_block_characters() -> None:
    # some PDF producers map 人民 to the radical blocks (⼈ U+2F08, ⺠ U+2EA0); copies keep them
    meta = find_metadata(["标题: 某某⼈⺠政府2023年政府信息公开工作年度报告", "信息来源: 某某⼈⺠政府办公室"])
    assert meta["title"] == "某某人民政府2023年政府信息公开工作年度报告"
    assert meta["agency"] == "某某人民政府办公室"


_PIECES = st.sampled_from([
    "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项", "七、其他", "一、概述", "四、", "十一、", "第二部分", "一是", "。", "，", " ", "2020年",
    "情况", "统一、规范", "政府信息", "12",
])


@settings(max_examples=300)
@given(pieces=st.lists(_PIECES, max_size=8), last_index=st.integers(-1, 5), last_ordinal=st.integers(0, 8),
       open_key=st.sampled_from([None, "overview", "proactive", "requests", "problems", "extra"]),
       tables_are_prose=st.booleans(), budget=st.integers(0, 5))
def test_a_short_line_is_cut_as_its_remembered_cut_says(pieces: list[str], last_index: int, last_ordinal: int,
                                                       open_key: str | None, tables_are_prose: bool,
                                                       budget: int) -> None:
    line = "".join(pieces)
    fields = {"last_index": last_index, "last_ordinal": last_ordinal, "open_key": open_key,
              "tables_are_prose": tables_are_prose, "budget": budget}
    expected_state = _prose._State(**fields)
    expected = _prose._line_pieces(line, expected_state)
    for _ in range(2):  # the first time made, the second remembered
        state = _prose._State(**fields)
        assert _prose._split_line(line, state) == expected
        assert attrs.astuple(state) == attrs.astuple(expected_state)


_HEAD_LINES = st.sampled_from([
    "某某市交通运输局2021年政府信息公开工作年度报告", "2021年政府信息公开工作年度报告", "某某市人民政府办公室",
    "标题：某某区2020年政府信息公开工作年度报告", "题目:", "发布机构：某某局", "首页 > 政务公开", "一、总体情况",
    "二、主动公开政府信息情况", "本局2021年政府信息公开工作年度报告如下。一、总体情况",
    "某某县2019年度信息公开年报一、概述",
    "2021年，本局扎实推进政务公开。", "（一）主动公开。全年公开100条。", "", "   ", "六、其他需要报告的事项",
    "某某局2022年政府信息公开工作年度报告" + "甲" * 300, "某某2020年报告，", "繁體2020年度報告",
])


@settings(max_examples=300)
@given(lines=st.lists(_HEAD_LINES, max_size=12), legacy=st.booleans())
def test_the_title_find_metadata_found_cuts_the_intro_as_its_own_search(lines: list[str], legacy: bool) -> None:
    found = find_metadata(lines)
    title = None if found["title"] is None else (found["title_line"], found["title"])
    assert split_sections(lines, tables_are_prose=legacy, title=title) == split_sections(lines, tables_are_prose=legacy)


_TAIL_LINES = st.sampled_from([
    "某某市人民政府辦公室", "某某市人民政府办公室", "2024年1月20日", "二〇二四年一月二十日",
    "２０２４年１月２０日", "某某局 2024年1月20日", "⼈⺠政府 2024-01-20", "無。", "公開工作仍需加強。", "", "  ",
    "本网", "某某县住房和城乡建设局", "x" * 45, "某某局\u30002024年1月",
])


@settings(max_examples=300)
@given(lines=st.lists(_TAIL_LINES, max_size=16), first=st.integers(0, 16))
def test_the_signature_read_from_lines_folded_already_is_the_signature(lines: list[str], first: int) -> None:
    folded = [fold_hanzi(line) for line in lines[:first]]
    assert _prose._signature(lines, folded) == _prose._signature(lines)
