"""The HTML page path's fast paths give what the element-by-element walks they stand in for give.

The page's lines are written by libxslt (:func:`_linearise`); the walk in Python
(:func:`_walk_lines`) is the reference, and stays the path of a page that may hold the
stylesheet's sentinels and of a root of a few elements. Both are run here over the test pages
and over random markup.
"""

from __future__ import annotations

import codecs
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gov_disclosure.parsers import _html
from gov_disclosure.parsers._document import place_tables
from gov_disclosure.parsers._encoding import decode_html
from gov_disclosure.parsers._grid import mark_breaks
from gov_disclosure.parsers._prose import split_sections
from helpers import TITLE_PAGES

HERE = Path(__file__).parent
PAGES = sorted((HERE / "pages").glob("*.html")) + sorted((HERE / "corpus").glob("*.html"))


def _prepared(markup: str) -> etree._Element:
    """The tree as :meth:`_HtmlReader.read` has it when it linearises."""
    doc = _html._tree(markup)
    etree.strip_elements(doc, *_html._SKIP_TAGS - {"title", "meta", "link", "head"}, with_tail=False)
    mark_breaks(doc)
    return doc


def _same_lines(root: etree._Element) -> None:
    slow_lines, slow_tables = _html._walk_lines(root, _html._LayoutMemo())
    # the stylesheet (no walk first), and the walk given up at a few elements or not
    for budget in (0, 3, _html._WALK_ELEMENTS):
        fast_lines, fast_tables = _html._linearise(root, _html._LayoutMemo(), walk_budget=budget)
        assert fast_lines == slow_lines
        assert [(ref.element, ref.line) for ref in fast_tables] == [(ref.element, ref.line) for ref in slow_tables]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_stylesheet_lines_are_the_walks(page: Path) -> None:
    doc = _prepared(decode_html(page.read_bytes()).text)
    for root in [doc, _html._content_root(doc, _html._LayoutMemo()), *doc.iter("div", "td", "table")]:
        _same_lines(root)
    assert doc.xpath("//@*[namespace-uri() != '']") == []  # the stylesheet's marks are gone


_TAGS = ["p", "div", "span", "b", "a", "br", "li", "td", "tr", "table", "h2", "font", "script", "title", "select",
         "center", "o:p", "ucapcontent"]
_WORDS = st.sampled_from(["", " ", "\u3000", "\xa0", "\n", "\t", "一、总体情况", "2020年", "报告", "12", "  x  ",
                          "自然人", "&amp;", "&#160;", "<!-- c -->", "甲" * 210])


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 4 if depth < 4 else 0))):
        if draw(st.booleans()):
            parts.append(draw(_WORDS))
        else:
            tag = draw(st.sampled_from(_TAGS))
            inner = draw(_markup(depth + 1)) if tag != "br" else ""
            parts.append(f"<{tag}>{inner}</{tag}>" if tag != "br" else "<br>")
    return "".join(parts)


@given(_markup())
def test_stylesheet_lines_are_the_walks_on_any_markup(markup: str) -> None:
    try:
        doc = _prepared("<body>" + markup + "</body>")
    except _html.ParseError:
        return
    for root in [doc, *doc.iter("div", "td", "table", "p")]:
        _same_lines(root)


def _weight_link_by_link(el: etree._Element) -> int:
    text = len("".join(_html._text_of(el).split()))
    if text == 0:
        return 0
    return text - sum(len("".join(_html._text_of(a).split())) for a in el.iter("a"))


@given(_markup())
def test_weight_is_the_weight_link_by_link(markup: str) -> None:
    try:
        # more text than _SHORT_TEXT below the body and the list: their links' text is gathered by libxml2
        links = "<ul>" + "<li><a>链 接</a>项</li>" * (_html._SHORT_TEXT // 3 + 1) + markup + "</ul>"
        doc = _prepared("<body>" + markup + "<div><a>甲<a>乙</a></a> 丙</div><a><p>丁<a>戊</a></p></a>" + links
                        + "</body>")
    except _html.ParseError:
        return
    for el in doc.iter():
        assert _html._weight(el) == _weight_link_by_link(el)
        if isinstance(el.tag, str) and el.tag != "a":  # the content root weighs the body so
            assert _html._own_weight(el) + sum(_html._weight(c) for c in el if isinstance(c.tag, str)) == (
                _html._weight(el))


@pytest.mark.parametrize(("text", "char"), [("a\ufdd0b", "\ufdd0"), ("a\ufdd1b", "\ufdd1"), ("a&#xFDD0;b", "\ufdd0"),
                                           ("a&#64977b", "\ufdd1"), ("a&#x0fdd1;b", "\ufdd1")])
def test_a_page_that_may_hold_a_sentinel_keeps_it_in_its_line(text: str, char: str) -> None:
    page = f"<p>{text}</p><div>c</div>"
    assert _html.has_sentinel(page)
    lines, tables = _html._linearise(_prepared(page), _html._LayoutMemo(), walk=_html.has_sentinel(page))
    assert (lines, tables) == ([f"a{char}b", "c"], [])


def test_a_page_without_sentinels_is_not_walked() -> None:
    assert not _html.has_sentinel("<p>&#160;&#x3000;&#64975;报告</p>")


@pytest.mark.parametrize("text", ["a\ufdd0b", "a&#64977b", "ab"])
def test_the_sentinel_test_is_asked_only_when_the_stylesheet_would_run(text: str) -> None:
    small = _prepared(f"<p>{text}</p><div>c</div>")
    large = _prepared(f"<p>{text}</p>" + "<div>c</div>" * 60)
    asked: list[str] = []

    def sentinel(markup: str) -> bool:
        asked.append(markup)
        return _html.has_sentinel(markup)

    # a root the walk reads whole: its lines, the test never asked
    lines, _tables = _html._linearise(small, _html._LayoutMemo(), walk=lambda: sentinel(text))
    assert (lines, asked) == ([_html._text_of(small.find(".//p")), "c"], [])
    # a root beyond the walk's budget: asked once, and its answer decides (walk or stylesheet)
    lines, _tables = _html._linearise(large, _html._LayoutMemo(), walk=lambda: sentinel(text))
    assert asked == [text]
    assert lines == _html._walk_lines(large, _html._LayoutMemo())[0]
    assert lines[0] == _html._text_of(large.find(".//p"))


# ---------------------------------------------------------------------------------------- prose

_LINE_PARTS = st.sampled_from(["", " ", "\u3000", "\t", "\n", "===", "---", "·", "第3页", "-3-", "http://x.cn 2/3",
                               "11/28/26, 2:12 AM", "一、", "三.", "部分", "版权所有", "版權所有", "打印本頁",
                               "【字體", "微信", "微信 微信 微信", "标题：", "發布機構:", "来源 ：", "2024年",
                               "。", "；", "（一）", "(二)", "报告", "a", "中山市", "5"])
_LINES = st.lists(st.lists(_LINE_PARTS, max_size=6).map("".join), max_size=12)


@given(_LINES, st.booleans())
def test_lines_found_by_one_search_are_those_found_one_by_one(lines: list[str], joined: bool) -> None:
    from gov_disclosure.parsers import _prose

    with mock.patch.object(_prose, "_FEW_LINES", 0 if joined else _prose._FEW_LINES):  # searched joined or alone
        _lines_found_by_one_search_are_those_found_one_by_one(lines)


def _lines_found_by_one_search_are_those_found_one_by_one(lines: list[str]) -> None:
    from gov_disclosure.parsers import _prose

    assert _prose._first_chrome(lines) == next((n for n, line in enumerate(lines) if _prose.is_chrome(line)), None)
    maybe_heading = re.compile(r"[一二三四五六七八九十][、.．]|部分")  # as it was written first
    assert list(_prose._lines_matching(_prose._MAYBE_HEADING, lines, _prose._joined(lines))) == [
        n for n, line in enumerate(lines) if maybe_heading.search(line)]
    assert _prose._chrome_lines(lines) == [n for n, line in enumerate(lines) if _prose.is_chrome(line)]
    fields = _prose._lines_matching(_prose._MAYBE_FIELD, lines, _prose._joined(lines), superset=True)
    assert {n for n in fields if _prose._is_metadata_line(lines[n])} == {
        n for n, line in enumerate(lines) if _prose._is_metadata_line(line)}


@given(_LINES)
def test_paragraphs_broken_in_one_pass_are_broken_one_by_one(lines: list[str]) -> None:
    from gov_disclosure.parsers import _prose

    point_break = re.compile(r"(?<=[。；;])\s*(?=[（(][一二三四五六七八九十]{1,2}[）)])")  # as it was written first
    paras = [line.strip() for line in lines if line.strip()]
    assert _prose._paragraphs(lines) == "\n".join(point_break.sub("\n", p) for p in paras)




@pytest.mark.parametrize("page", TITLE_PAGES)
def test_title_anywhere_without_traditional_forms_is_the_title_with_them(page: str) -> None:
    doc = _html._tree(page)
    traditional = _html._TRADITIONAL_BAO.in_markup(_html._cleaned(page))
    assert traditional == any(mark in page for mark in ("報", "&#22577;", "&#x5831;"))
    assert _html._title_anywhere(doc, traditional=traditional) == _html._title_anywhere(doc, traditional=True)


@pytest.mark.parametrize(("markup", "holds"), [
    ("&#xFDD0;", True), ("&#XfDd1", True), ("&#x000fdd0;", True), ("&#64976;", True), ("&#0064977", True),
    ("&#649760;", False), ("&#xFDD2;", False), ("&#64978;", False), ("\ufdd1", True), ("&#160;报告", False),
])
def test_a_character_reference_tells_its_character(markup: str, holds: bool) -> None:
    assert _html.has_sentinel(markup) is holds
    if holds:  # and libxml2 reads it so
        text = etree.tostring(_html._tree(f"<p>{markup}</p>"), method="text", encoding="unicode")
        assert "\ufdd0" in text or "\ufdd1" in text


@given(_markup())
def test_breaks_marked_in_the_tables_then_the_rest_are_the_breaks_marked_at_once(markup: str) -> None:
    page = ("<body>" + markup + "<table><tr><td><p>甲</p>乙<br>丙</td></tr></table><a><div>丁</div>戊</a>"
            "<a><table><tr><td>己<br>庚</td></tr></table><p>辛</p></a></body>")
    whole, parts = _html._tree(page), _html._tree(page)
    mark_breaks(whole)
    for table in _html._outermost_tables(parts):
        mark_breaks(table)
    texts = [_html._text_of(table) for table in parts.iter("table")]
    assert texts == [_html._text_of(table) for table in whole.iter("table")]
    tables = list(parts.iter("table"))
    _html._mark_breaks_outside_tables(parts)
    assert etree.tostring(parts, encoding="unicode") == etree.tostring(whole, encoding="unicode")
    assert list(parts.iter("table")) == tables  # the same elements, back in their places


_TITLE_PARTS = st.sampled_from(["某某市人民政府", "2024年政府信息公开工作年度报告", "2023年度報告", "标题：", "题目:",
                                "發布機構：某局", "，", "。", " ", "版权所有", "首页>", "一、总体情况"])


@given(st.lists(st.lists(_TITLE_PARTS, max_size=4).map("".join), max_size=45))
def test_title_alone_is_the_title_of_the_metadata(lines: list[str]) -> None:
    from gov_disclosure.parsers import _prose

    assert _prose._title(lines) == _prose.find_metadata(lines)["title"]


def _agency_name_char_by_char(text: str | None) -> bool:
    """:func:`is_agency_name` as it was written first: each character tested in Python."""
    from gov_disclosure._hanzi import fold_hanzi
    from gov_disclosure.parsers import _prose

    if not text:
        return False
    name = text.strip()
    if not 3 <= len(name) <= 40:
        return False
    name = fold_hanzi(name)
    if name in _prose._NOT_AGENCY or name.startswith("本"):
        return False
    if any(ch.isdigit() or ch in "，。；:：,、!?！？《》“”\"'|/" or ch.isspace() for ch in name):
        return False
    return _prose._AGENCY_NAME_END.search(name) is not None


_NAME_PARTS = st.sampled_from(["某某市", "人民政府", "办公室", "局", "本网", "²", "①", "٣", "3", " ", "\u3000",
                               "\u2028",
                               "，", "/", "|", "《", "”", "'", "門戶網站", "委員會", "中心", "x"])


@given(st.lists(_NAME_PARTS, max_size=8).map("".join))
def test_agency_name_by_search_is_the_test_char_by_char(text: str) -> None:
    from gov_disclosure.parsers import _prose

    assert _prose.is_agency_name(text) == _agency_name_char_by_char(text)


def _head_metadata_walk_by_walk(doc: etree._Element) -> dict[str, str]:
    """:func:`_head_metadata` as it was written first: a walk of the tree for each kind."""
    out: dict[str, str] = {}
    names = {"articletitle": "title", "pubdate": "published", "contentsource": "source", "url": "url",
             "og:url": "url", "firstpublishedtime": "published"}
    for meta in doc.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name in names and content and names[name] not in out:
            out[names[name]] = content
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href") and "url" not in out:
            out["url"] = link.get("href", "")
    title = doc.find(".//title")
    if title is not None and " ".join(_html._text_of(title).split()):
        out["page_title"] = " ".join(_html._text_of(title).split())
    return out


_HEAD_PARTS = st.sampled_from([
    '<meta name="ArticleTitle" content="甲">', '<meta property="og:url" content="http://a/">',
    '<meta name="url" content=" http://b/ ">', '<link rel="canonical" href="http://c/">', '<link rel="x" href="d">',
    "<title>乙 丙</title>", "<title> </title>", '<meta name="PubDate" content="2024-01-02">', "<p>丁</p>",
    "<table><tr><td>戊</td></tr></table>", "<script>x</script>"])


@given(st.lists(_HEAD_PARTS, max_size=8), st.lists(_HEAD_PARTS, max_size=8))
def test_head_metadata_and_data_tables_in_one_walk(head: list[str], body: list[str]) -> None:
    doc = _html._tree(f"<html><head>{''.join(head)}</head><body>{''.join(body)}</body></html>")
    assert _html._head_metadata(doc) == _head_metadata_walk_by_walk(doc)
    hidden = {table for skipped in doc.iter(*_html._SKIP_TAGS) for table in skipped.iter("table")}
    assert _html._data_tables(doc, _html._LayoutMemo()) == [t for t in doc.iter("table") if t not in hidden
                                                             and not _html._is_layout_table(t)]


def _layout_row_by_row(table: etree._Element) -> bool:
    """:func:`_layout_test` as it was written first: each row's text measured in Python."""
    if table.find(".//table") is not None:
        return True
    if len(_html._text_of(table)) < _html._PROSE_CELL:
        return False
    if any(_html._tag(cell.getparent()) != "tr" for cell in table.iter("td", "th")):  # cells in no row
        return any(len(_html._text_of(cell)) >= _html._PROSE_CELL for cell in table.iter("td", "th"))
    return any(len(_html._text_of(row)) >= _html._PROSE_CELL
               and any(len(_html._text_of(cell)) >= _html._PROSE_CELL for cell in row.iterchildren("td", "th"))
               for row in table.iter("tr"))


_LONG = "长" * (_html._PROSE_CELL - 1)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_layout_test_by_one_call_is_the_test_row_by_row_on_pages(page: Path) -> None:
    doc = _prepared(decode_html(page.read_bytes()).text)
    for table in doc.iter("table"):
        assert _html._layout_test(table) == _layout_row_by_row(table)
    _same_as_walked(doc)


def _same_as_walked(doc: etree._Element) -> None:
    """The page's tables walked once (:class:`_LayoutMemo` of the page) are told layout or data as
    the whole test tells them one by one, its outermost tables are :func:`_outermost_tables`, and
    the info tables are found among them as among the page's."""
    walked = _html._LayoutMemo(doc)
    assert walked.outermost == _html._outermost_tables(doc)
    assert walked.tables == list(doc.iter("table"))
    for table in reversed(walked.tables):  # those it holds first, then a holder: each alone
        assert walked.is_layout(table) == _html._layout_test(table)
    assert _html._info_table_metadata(doc, walked) == _html._info_table_metadata(doc)


@given(_markup(), st.sampled_from(["", "x", "xy", "&#xD800;", "\u3000", "𠀀", "<br>", "<b>y</b>"]),
       st.sampled_from(["<tr><td>{}</td></tr>", "<td>{}</td>", "<tr><th>{}</th></tr>",
                        "<tr><div><td>{}</td></div></tr>", "<caption>{}</caption>", "<tr><td>x</td>{}</tr>",
                        "<tr><td><p>{}</p></td><td>{}</td></tr>"]))
def test_layout_test_by_one_call_is_the_test_row_by_row(markup: str, end: str, cell: str) -> None:
    try:
        doc = _prepared("<body><table>" + cell.replace("{}", _LONG + end) + f"{markup}</table>{markup}</body>")
    except _html.ParseError:
        return
    for table in doc.iter("table"):
        assert _html._layout_test(table) == _layout_row_by_row(table)
    _same_as_walked(doc)


@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=()), max_size=40)
       | st.sampled_from(["报告", "\ud800", "a\udfff", "\ud83d\ude00", "\x00", "\x1f", "\t\n\r", "\x7f", "甲\x0b乙"]))
def test_control_characters_are_told_as_the_regex_finds_them(text: str) -> None:
    assert _html._may_hold_control(text) is (_html._CONTROL.search(text) is not None)
    assert _html._cleaned(text) == _html._XML_DECL.sub("", _html._CONTROL.sub("", text.lstrip("\ufeff")), count=1)
    markup, data = _html._cleaned_markup(text)
    assert (markup, data) == (_html._cleaned(text), _html._cleaned(text).encode("utf-8"))


@given(st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, exclude_categories=("Cs",)), max_size=40)
       | st.sampled_from(["报告", "\x00", "\x1f", "\ufeff\ufeff<p>x</p>", "\ufeff", "<?xml version='1.0'?><p>1</p>"]),
       st.sampled_from([b"", codecs.BOM_UTF8]))
def test_a_pages_utf8_bytes_are_cleaned_as_its_text_is(text: str, bom: bytes) -> None:
    data = bom + text.encode("utf-8")
    decoded = decode_html(data)
    utf8 = _html._own_utf8(data, decoded)
    assert utf8 is None or utf8 == decoded.text.encode("utf-8")
    # the bytes the reader hands on are cleaned as the text encoded again
    assert _html._cleaned_markup(decoded.text, utf8) == _html._cleaned_markup(decoded.text)
    if text.strip():
        assert _same_result(_html.parse_html, data, decoded.text)


def _same_result(parse: Any, data: bytes, text: str) -> bool:
    def outcome(source: bytes | str) -> str:
        try:
            return repr(parse(source).report)
        except _html.ParseError as exc:
            return repr(exc)
    return outcome(data) == outcome(text)


def _tree_as_text(markup: str, data: bytes | None) -> str:
    try:
        return etree.tostring(_html._parse(markup, data), encoding="unicode")
    except _html.ParseError as exc:
        return repr(exc)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_the_tree_of_the_utf8_bytes_is_the_tree_of_the_text(page: Path) -> None:
    markup, data = _html._cleaned_markup(decode_html(page.read_bytes()).text)
    assert _tree_as_text(markup, data) == _tree_as_text(markup, None)


@given(_markup(), st.sampled_from(["", '<meta charset="gbk">', '<meta charset="utf-16">', "<?xml version='1.0'?>",
                                   "\ufeff", "&#0;", "\x00", "<!-- -->", "é\xff", "😀"]))
def test_the_tree_of_the_utf8_bytes_is_the_tree_of_the_text_for_random_markup(markup: str, extra: str) -> None:
    cleaned, data = _html._cleaned_markup(extra + markup + extra)
    assert _tree_as_text(cleaned, data) == _tree_as_text(cleaned, None)


@pytest.mark.parametrize("markup", ["&#xFDD0;", "&#64976;", "\ufdd1", "&#160;报告", "報", "&#22577;", "&#x5831;", "x"])
def test_references_searched_once_tell_what_they_tell_searched_each_time(markup: str) -> None:
    references = "&#" in markup
    assert _html.has_sentinel(markup, references=references) is _html.has_sentinel(markup)
    assert (_html._TRADITIONAL_BAO.in_markup(markup, references=references)
            is _html._TRADITIONAL_BAO.in_markup(markup))


# ---------------------------------------------------------------------------------------- agency

_INFO_AGENCY = st.sampled_from([None, "", " ", "某某市统计局", "本网"])
_INFO_SOURCE = st.sampled_from([None, "", "某某市统计局", "本网", "中山市人民政府门户网站"])
_CONTENT_SOURCE = st.sampled_from([None, "某某市人民政府办公室", "本网", ""])
_FIELD_LINES = st.lists(st.sampled_from([
    "发布机构：某某县交通运输局", "发布机构：", "来源：某某市统计局", "来源：本网", "發布機構：某某县人民政府",
    "发布机构：某局" + "甲" * 300, "发布日期：2024-01-20", "本报告由某某市人民政府办公室根据《条例》编制。"]),
    max_size=3)
_TAIL_LINES = st.lists(st.sampled_from(["某某区司法局", "2024年1月20日", "某某区司法局 2024年1月20日", "本网", "无。"]),
                       max_size=3)


@settings(max_examples=60, deadline=None)
@given(_INFO_AGENCY, _INFO_SOURCE, _CONTENT_SOURCE, _FIELD_LINES, _TAIL_LINES)
def test_the_prose_agency_is_looked_for_only_where_it_may_be_taken(
        info_agency: str | None, info_source: str | None, content_source: str | None, fields: list[str],
        tail: list[str]) -> None:
    """Whatever the page states, the result is the one of a parse that reads the agency the lines
    state without a field on every page (:meth:`_HtmlReader._needs_page_agency` answering yes)."""
    rows = "".join(f"<tr><td>{label}：</td><td>{value}</td></tr>"
                   for label, value in (("发布机构", info_agency), ("来源", info_source)) if value is not None)
    info = f"<table>{rows}</table>" if rows else ""
    tag = f'<meta name="ContentSource" content="{content_source}">' if content_source is not None else ""
    body = "".join(f"<p>{line}</p>" for line in [*fields, "某某县2023年政府信息公开工作年度报告", "一、总体情况",
                                                 "本年度依法公开。", "二、主动公开政府信息情况", *tail])
    page = f"<html><head>{tag}</head><body>{info}<div class='zoom'>{body}</div></body></html>"

    def outcome() -> object:
        result = _html.parse_html(page)
        return (result.report, repr(result.problems), {k: repr(result.provenance[k]) for k in result.provenance})

    with mock.patch.object(_html._HtmlReader, "_needs_page_agency", return_value=True):
        every_page = outcome()
    assert outcome() == every_page


@given(st.text(alphabet=st.sampled_from(list("ab:： 发布机构\n")), max_size=12))
def test_a_field_is_cut_at_its_first_colon_of_either_width(part: str) -> None:
    assert _html._split_field(part) == re.sub("[：:]", ":", part, count=1).partition(":")


def test_the_parsers_kept_per_thread_read_every_page_as_a_new_one_would() -> None:
    pages = [page.read_bytes() for page in PAGES] + [b"", b"\x00\x00", "<p>报告</p>".encode("gbk")]

    def outcome(data: bytes) -> str:
        try:
            return repr(_html.parse_html(data).report)
        except _html.ParseError as exc:
            return repr(exc)

    alone = [outcome(data) for data in pages]
    with ThreadPoolExecutor(max_workers=4) as pool:  # each thread its own parsers, made in it
        together = list(pool.map(outcome, pages * 3))
    assert together == alone * 3
    # a parser is not left in any state by a page it refused
    assert [outcome(data) for data in reversed(pages)] == alone[::-1]


_PLACED_LINES = st.sampled_from([
    "一、总体情况", "2020年，本局……", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "x一、总体情况二、主动公开政府信息情况", "四、政府信息公开行政复议、行政诉讼情况", "七、其他",
    "六、其他需要报告的事项",
])


@given(st.lists(_PLACED_LINES, max_size=10),
       st.lists(st.integers(0, 12), max_size=6))
def test_tables_are_placed_under_the_last_heading_before_them(lines: list[str], positions: list[int]) -> None:
    layout = split_sections(lines)
    heads = [(layout.origin[index], key) for key, index in layout.headings]
    expected = [([key for origin, key in heads if origin < line] or [None])[-1] for line in positions]
    assert place_tables(positions, layout) == expected


_TEXT = st.sampled_from(["", "1", "长" * 100, _LONG, _LONG + "x", "长" * 60 + "<br>" + "长" * 140,
                         "<b>" + _LONG + "</b>"])
_CELL = st.builds(lambda tag, text, wrap: wrap.format(f"<{tag}>{text}</{tag}>"), st.sampled_from(["td", "th"]), _TEXT,
                  st.sampled_from(["{}", "<div>{}</div>", "<td><span>{}</span></td>", "<td><p>x</p>{}</td>"]))
_ROW = st.lists(_CELL, max_size=4).map(lambda cells: "<tr>" + "".join(cells) + "</tr>")
_PART = st.one_of(_ROW, _CELL, st.builds("<caption>{}</caption>".format, _TEXT),
                  st.lists(_ROW, max_size=4).map(lambda rows: "<tbody>" + "".join(rows) + "</tbody>"),
                  st.lists(_ROW, max_size=3).map(lambda rows: "<thead>" + "".join(rows) + "</thead>"),
                  st.lists(_ROW, max_size=3).map(lambda rows: "<div>" + "".join(rows) + "</div>"))


@given(st.lists(_PART, max_size=8), st.booleans())
def test_layout_test_in_either_form_is_a_long_cell_anywhere(parts: list[str], nested: bool) -> None:
    """Both forms of the layout test (a table's grandchildren measured all, or those below a long
    child) say what its definition says, whatever the table's shape: it holds a table, or a cell
    anywhere below it (a stray one too) holds text enough for prose."""
    inner = "<table><tr><td>1</td></tr></table>" if nested else ""
    try:
        doc = _prepared(f"<body><table>{''.join(parts)}</table>{inner}</body>")
    except _html.ParseError:
        return
    for table in doc.iter("table"):
        holds = table.find(".//table") is not None
        long_cell = any(len(_html._text_of(cell)) >= _html._PROSE_CELL for cell in table.iter("td", "th"))
        for wrapped in (False, True):
            assert _html._LAYOUT[wrapped](table) is (holds or long_cell)
            if not holds:
                assert _html._LAYOUT_FLAT[wrapped](table) is long_cell
        assert _html._layout_test(table) is (holds or long_cell)
