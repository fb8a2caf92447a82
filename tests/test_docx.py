"""Word documents: reading ``.docx`` built here (hand-written WordprocessingML and the renderer's
own output, reshaped as Word and its users reshape tables), and hostile archives."""

from __future__ import annotations

import copy
import io
import random
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from gov_disclosure import AnnualReport, Edition, ExtraSection, ParseError, Section, parse, parse_docx, render
from gov_disclosure.parsers._docx import _expand, _Numbering
from helpers import CORPUS, load_truth, truth_files
from test_render import CASES, numbered_report
from test_render_roundtrip import corpus_report

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W + "}"
NS = {"w": W}


def package(document: str | bytes, *, numbering: str | None = None, core: str | None = None,
            extra: dict[str, bytes] | None = None, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal .docx holding ``document`` (a whole document.xml, or a body's inner XML)."""
    if isinstance(document, str) and not document.startswith("<?xml"):
        document = (f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}" '
                    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                    f"<w:body>{document}</w:body></w:document>")
    files: dict[str, bytes] = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                               b'package/2006/content-types"/>',
        "word/document.xml": document.encode() if isinstance(document, str) else document,
    }
    if numbering is not None:
        files["word/numbering.xml"] = f'<w:numbering xmlns:w="{W}">{numbering}</w:numbering>'.encode()
    if core is not None:
        files["docProps/core.xml"] = core.encode()
    files.update(extra or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def p(text: str, ppr: str = "") -> str:
    return f'<w:p><w:pPr>{ppr}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def reshape(data: bytes, change: Callable[[etree._Element], None]) -> bytes:
    """``data`` (a .docx) with its document.xml changed in place by ``change``."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    root = etree.fromstring(parts["word/document.xml"])
    change(root)
    parts["word/document.xml"] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, part in parts.items():
            archive.writestr(name, part)
    return buffer.getvalue()


# ---------------------------------------------------------------- grids


def _tc(text: str, props: str = "") -> str:
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{p(text)}</w:tc>"


def _grid_of(rows: str):  # type: ignore[no-untyped-def]
    root = etree.fromstring(f'<w:tbl xmlns:w="{W}">{rows}</w:tbl>')
    grid, _boxes = _expand(root, _Numbering(None))
    return grid


@pytest.mark.parametrize("span", [2, 3, 5])
@pytest.mark.parametrize("down", [2, 3, 4])
def test_merged_cells_in_both_directions(span: int, down: int) -> None:
    """gridSpan across, vMerge restart/continue down, hMerge continue: one cell covering its slots."""
    rows = ["<w:tr>" + _tc("corner", f'<w:gridSpan w:val="{span}"/><w:vMerge w:val="restart"/>') + _tc("h") + "</w:tr>"]
    rows += ["<w:tr>" + _tc("", f'<w:gridSpan w:val="{span}"/><w:vMerge/>') + _tc(str(r)) + "</w:tr>"
             for r in range(1, down)]
    rows.append("<w:tr>" + _tc("left", '<w:hMerge w:val="restart"/>')
                + "".join(_tc("", '<w:hMerge w:val="continue"/>') for _ in range(span - 1)) + _tc("x") + "</w:tr>")
    grid = _grid_of("".join(rows))
    corner = grid.rows[0][0]
    assert corner is not None
    assert (corner.rowspan, corner.colspan) == (down, span)
    assert all(grid.rows[r][c] is corner for r in range(down) for c in range(span))
    left = grid.rows[down][0]
    assert left is not None
    assert left.colspan == span
    assert left.text == "left"
    assert [c.text for c in grid.distinct(down)] == ["left", "x"]
    assert grid.width == span + 1


def test_absurd_spans_are_clamped() -> None:
    grid = _grid_of("<w:tr>" + _tc("a", '<w:gridSpan w:val="100000000"/>') + "</w:tr><w:tr>"
                    + _tc("b", '<w:gridSpan w:val="-4"/>') + "</w:tr>")
    assert grid.clamped == 1
    assert grid.width <= 64


# ---------------------------------------------------------------- the renderer's output, reshaped


@pytest.mark.parametrize("case", CASES)
def test_numbered_reports_round_trip(case: str) -> None:
    report = numbered_report(case)
    result = parse(render(report, "docx"))
    assert result.report == report
    assert result.source_format == "docx"


def _split_table(index: int, at: int, header_rows: int) -> Callable[[etree._Element], None]:
    """Split the ``index``-th table before its row ``at`` into two tables with a page break
    between, the first ``header_rows`` rows repeated on top of the second (merges restarted)."""
    def change(root: etree._Element) -> None:
        tbl = root.findall(".//w:tbl", NS)[index]
        rows = tbl.findall("w:tr", NS)
        second = copy.deepcopy(tbl)
        for tr in second.findall("w:tr", NS):
            second.remove(tr)
        for tr in rows[:header_rows]:
            second.append(copy.deepcopy(tr))
        for tr in rows[at:]:
            tbl.remove(tr)
            second.append(tr)
        # a merge cut by the split restarts on the new page, with its label printed again
        first_moved = rows[at]
        for tc in first_moved.findall("w:tc", NS):
            vmerge = tc.find("w:tcPr/w:vMerge", NS)
            if vmerge is not None and vmerge.get(_W + "val") != "restart":
                vmerge.set(_W + "val", "restart")
                col = _column(first_moved, tc)
                label = _text_at(rows[:at], col)
                tc.find("w:p", NS).append(etree.fromstring(
                    f'<w:r xmlns:w="{W}"><w:t>{label}</w:t></w:r>'))
        brk = etree.fromstring(f'<w:p xmlns:w="{W}"><w:r><w:br w:type="page"/></w:r></w:p>')
        tbl.addnext(brk)
        brk.addnext(second)
    return change


def _column(tr: etree._Element, cell: etree._Element) -> int:
    col = 0
    for tc in tr.findall("w:tc", NS):
        if tc is cell:
            return col
        span = tc.find("w:tcPr/w:gridSpan", NS)
        col += int(span.get(_W + "val")) if span is not None else 1
    raise AssertionError("cell not in row")


def _text_at(rows: list[etree._Element], col: int) -> str:
    """The text of the restarted merge covering ``col`` above."""
    for tr in reversed(rows):
        for tc in tr.findall("w:tc", NS):
            if _column(tr, tc) == col:
                vmerge = tc.find("w:tcPr/w:vMerge", NS)
                if vmerge is not None and vmerge.get(_W + "val") == "restart":
                    return "".join(t.text or "" for t in tc.iter(_W + "t"))
    return ""


@pytest.mark.parametrize("case", ["2019", "2021"])
@pytest.mark.parametrize("cut", [0.3, 0.5, 0.8])
def test_a_table_split_by_a_page_break_with_its_header_repeated(case: str, cut: float) -> None:
    report = numbered_report(case)
    data = render(report, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    requests = root.findall(".//w:tbl", NS)[1]
    n_rows = len(requests.findall("w:tr", NS))
    header_rows = 3
    at = header_rows + int((n_rows - header_rows) * cut)
    split = reshape(data, _split_table(1, at, header_rows))
    with zipfile.ZipFile(io.BytesIO(split)) as archive:
        assert archive.read("word/document.xml").count(b"<w:tbl>") == 4
    assert parse(split).report == report


@settings(max_examples=8, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), case=st.sampled_from(CASES))
def test_labels_split_over_runs_with_different_fonts(seed: int, case: str) -> None:
    """Word splits a label into runs wherever the formatting (or the spell checker) changed."""
    rng = random.Random(seed)
    fonts = ["宋体", "仿宋_GB2312", "楷体", "Times New Roman"]

    def change(root: etree._Element) -> None:
        for run in list(root.iter(_W + "r")):
            t = run.find("w:t", NS)
            if t is None or not t.text or len(t.text) < 2:
                continue
            text = t.text
            cuts = sorted(rng.sample(range(1, len(text)), min(len(text) - 1, rng.randint(1, 3))))
            pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
            for piece in reversed(pieces[1:]):
                new = etree.fromstring(
                    f'<w:r xmlns:w="{W}"><w:rPr><w:rFonts w:eastAsia="{rng.choice(fonts)}"/>'
                    f'<w:sz w:val="{rng.choice([18, 21, 24])}"/></w:rPr><w:t xml:space="preserve"></w:t></w:r>')
                new.find("w:t", NS).text = piece
                run.addnext(new)
                if rng.random() < 0.3:  # a bookmark or a proofing mark between the runs
                    run.addnext(etree.fromstring(f'<w:proofErr xmlns:w="{W}" w:type="spellStart"/>'))
            t.text = pieces[0]

    report = numbered_report(case)
    assert parse(reshape(render(report, "docx"), change)).report == report


@pytest.mark.parametrize("edition", [Edition.V2019, Edition.V2021])
def test_the_blank_template(edition: Edition) -> None:
    """Every cell blank, no year, no prose: the edition comes from the tables' labels."""
    blank = AnnualReport.empty(edition)
    result = parse(render(blank, "docx"))
    assert result.report.edition is edition
    assert result.report == blank
    assert all(value is None for value in result.report.cells().values())


def _add_subtotal(wrong: int) -> Callable[[etree._Element], None]:
    """Insert a 小计 column after the five 法人或其他组织 columns of section 三 (values: their sum + wrong)."""
    def change(root: etree._Element) -> None:
        tbl = root.findall(".//w:tbl", NS)[1]
        grid = tbl.find("w:tblGrid", NS)
        grid.append(copy.deepcopy(grid[-1]))
        rows = tbl.findall("w:tr", NS)
        applicant = rows[0].findall("w:tc", NS)[-1]
        _bump(applicant)
        group = rows[1].findall("w:tc", NS)[-2]
        _bump(group)
        labels = rows[2].findall("w:tc", NS)
        labels[-1].addprevious(_cell("小计"))
        for tr in rows[3:]:
            values = tr.findall("w:tc", NS)[-7:]
            numbers = ["".join(t.text or "" for t in tc.iter(_W + "t")) for tc in values[1:6]]
            total = sum(int(n) for n in numbers) + wrong
            values[-1].addprevious(_cell(str(total)))
    return change


def _bump(tc: etree._Element) -> None:
    span = tc.find("w:tcPr/w:gridSpan", NS)
    span.set(_W + "val", str(int(span.get(_W + "val")) + 1))


def _cell(text: str) -> etree._Element:
    return etree.fromstring(f'<w:tc xmlns:w="{W}"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>')


@pytest.mark.parametrize("case", ["2019", "2021"])
def test_section_three_with_the_subtotal_column(case: str) -> None:
    report = numbered_report(case)
    result = parse(reshape(render(report, "docx"), _add_subtotal(0)))
    assert result.report == report
    assert not [p for p in result.problems if p.code.startswith("DOCX.SUBTOTAL")]
    wrong = parse(reshape(render(report, "docx"), _add_subtotal(3)))
    assert wrong.report == report  # checked, never stored
    codes = {p.code for p in wrong.problems}
    assert "DOCX.SUBTOTAL_MISMATCH" in codes


@pytest.mark.parametrize("path", truth_files(), ids=lambda path: path.name)
def test_corpus_reports_round_trip(path) -> None:  # type: ignore[no-untyped-def]
    """Every corpus report, with its title, agency and year, written and read back exactly."""
    report = corpus_report(load_truth(path))
    assert parse(render(report, "docx")).report == report


def _sources() -> list[object]:
    return [path for path in sorted(CORPUS.iterdir()) if path.suffix in {".html", ".txt", ".pdf"}]


@pytest.mark.parametrize("path", _sources(), ids=lambda path: path.name)  # type: ignore[attr-defined]
def test_corpus_sources_round_trip(path) -> None:  # type: ignore[no-untyped-def]
    """Every corpus report as parsed from its source — its printed prose and section order — written and read back."""
    report = parse(path).report
    assert parse_docx(render(report, "docx")).report == report


@given(order=st.permutations(range(5)))
@settings(max_examples=20)
def test_numbered_sections_keep_their_printed_order(order: list[int]) -> None:
    """Extra sections numbered between the form's sections are written where their numbers put them."""
    numerals, names = "二三四六七", ("公开平台建设", "工作机制建设", "队伍建设", "监督保障", "附件说明")
    extras = tuple(ExtraSection(f"{numerals[i]}、{names[i]}", f"{names[i]}的正文。") for i in order)
    report = attrs.evolve(AnnualReport.empty("legacy", year=2018, title="某区2018年政府信息公开工作年度报告"),
                          overview=Section("一、概述", "概述正文。"),
                          problems=Section("五、主要问题和改进措施", "问题正文。"), extra_sections=extras)
    data = render(report, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
    at = [body.index(f"{numeral}、") for numeral in "一二三四五六七"]
    assert at == sorted(at)
    back = parse_docx(data).report
    assert back.problems == report.problems
    assert sorted(back.extra_sections, key=lambda s: s.heading) == sorted(extras, key=lambda s: s.heading)


# ---------------------------------------------------------------- Word's own constructs

_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0">'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
    '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


def _numbered(level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'


def test_word_constructs_are_read_as_their_printed_text() -> None:
    mc = ('<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
          + p("附：本报告电子版可在门户网站下载。") + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback>"
          "<w:pict><w:txbxContent>" + p("附：本报告电子版可在门户网站下载。") + "</w:txbxContent></w:pict>"
          "</mc:Fallback></mc:AlternateContent>")
    body = (
        p("某某县人民政府2020年政府信息公开工作年度报告")
        + p("总体情况", _numbered(0))
        + '<w:p><w:r><w:t>本年度</w:t></w:r><w:del w:id="1"><w:r><w:delText>删去的话</w:delText></w:r></w:del>'
          '<w:ins w:id="2"><w:r><w:t>新增</w:t></w:r></w:ins><w:r><w:t>主动公开信息</w:t></w:r>'
          '<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>12</w:t></w:r></w:fldSimple>'
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> DOCPROPERTY x </w:instrText></w:r>'
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>条</w:t></w:r>'
          '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
          f'<w:r><w:t>。</w:t></w:r><w:r>{mc}</w:r></w:p>'
        + p("主动公开", _numbered(1))
        + '<w:sdt><w:sdtPr><w:alias w:val="正文"/></w:sdtPr><w:sdtContent>' + p("依法公开。")
        + "</w:sdtContent></w:sdt>"
        + p("主动公开政府信息情况", _numbered(0))
    )
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dc:title>ignored when the body names its title</dc:title>"
            "<dcterms:modified>2021-01-28T09:00:00Z</dcterms:modified></cp:coreProperties>")
    report = parse_docx(package(body, numbering=_NUMBERING, core=core)).report
    assert report.title == "某某县人民政府2020年政府信息公开工作年度报告"
    assert report.year == 2020
    assert str(report.published) == "2021-01-28"
    assert report.overview is not None
    assert report.overview.heading == "一、总体情况"
    text = report.overview.text
    assert "本年度新增主动公开信息12条。" in text
    assert "删去的话" not in text
    assert "DOCPROPERTY" not in text
    assert text.count("附：本报告电子版可在门户网站下载。") == 1
    assert "（一）主动公开" in text
    assert "依法公开。" in text


def test_core_properties_give_the_title_when_the_body_does_not() -> None:
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">'
            "<dc:title>某某局2022年政府信息公开工作年度报告</dc:title>"
            "<dcterms:created>2023-01-20T00:00:00Z</dcterms:created></cp:coreProperties>")
    report = parse_docx(package(p("一、总体情况") + p("本局依法公开。"), core=core)).report
    assert report.title == "某某局2022年政府信息公开工作年度报告"
    assert report.year == 2022
    assert str(report.published) == "2023-01-20"


# ---------------------------------------------------------------- hostile archives


def _bounded(call: Callable[[], object], seconds: float = 5.0) -> object:
    start = time.perf_counter()
    try:
        return call()
    finally:
        assert time.perf_counter() - start < seconds


def test_a_zip_bomb_is_refused_from_its_directory() -> None:
    bomb = package(b'<?xml version="1.0"?><w:document xmlns:w="' + W.encode() + b'"><w:body>'
                   + b" " * (40 * 1024 * 1024) + b"</w:body></w:document>")
    assert len(bomb) < 200_000
    with pytest.raises(ParseError) as info:
        _bounded(lambda: parse(bomb))
    assert info.value.code == "DOCX.TOO_LARGE"


def test_a_lying_directory_gains_nothing() -> None:
    """The central directory understates an entry: inflating stops at the bound or fails the CRC."""
    big = b'<?xml version="1.0"?><w:document xmlns:w="' + W.encode() + b'"><w:body>' + b" " * (30 * 1024 * 1024)
    data = bytearray(package(big + b"</w:body></w:document>"))
    at = data.rfind(b"PK\x01\x02")
    while at >= 0:
        name_len = int.from_bytes(data[at + 28: at + 30], "little")
        name = bytes(data[at + 46: at + 46 + name_len])
        if name == b"word/document.xml":
            data[at + 24: at + 28] = (1000).to_bytes(4, "little")  # uncompressed size
        at = data.rfind(b"PK\x01\x02", 0, at)
    with pytest.raises(ParseError) as info:
        _bounded(lambda: parse(bytes(data)))
    assert info.value.code.startswith("DOCX.")


@pytest.mark.parametrize("name", ["../evil.xml", "/etc/passwd", "word/../../x.xml", "C:/x.xml", "a\\..\\b"])
def test_entry_names_outside_the_package_are_refused(name: str) -> None:
    with pytest.raises(ParseError) as info:
        parse(package(p("x"), extra={name: b"x"}))
    assert info.value.code == "DOCX.UNSAFE_NAME"


def test_entities_are_never_expanded() -> None:
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i else "&lol;" * 10}">'
                        for i in range(10))
              + f']><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>')
    with pytest.raises(ParseError) as info:
        _bounded(lambda: parse(package(laughs)))
    assert info.value.code == "DOCX.DTD"
    external = (f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                f'<w:document xmlns:w="{W}"><w:body>{p("&x;")}</w:body></w:document>')
    with pytest.raises(ParseError):
        parse(package(external))


def test_ten_thousand_nested_tables() -> None:
    inner = p("x")
    for _ in range(10_000):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    with pytest.raises(ParseError) as info:
        _bounded(lambda: parse(package(inner)))
    assert info.value.code == "DOCX.XML"


@pytest.mark.parametrize("compression", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])
def test_a_million_cells(compression: int) -> None:
    """Deflated, the repetitive part is a bomb by its ratio; stored, it is read and cut to the bounds."""
    row = "<w:tr>" + "<w:tc/>" * 1000 + "</w:tr>"
    doc = p("2021年某局政府信息公开工作年度报告") + "<w:tbl>" + row * 1000 + "</w:tbl>"
    data = package(doc, compression=compression)
    if compression == zipfile.ZIP_DEFLATED:
        with pytest.raises(ParseError) as info:
            _bounded(lambda: parse(data))
        assert info.value.code == "DOCX.TOO_LARGE"
        return
    result = _bounded(lambda: parse(data), seconds=10.0)
    assert "DOCX.TABLE_TRUNCATED" in {pr.code for pr in result.problems}  # type: ignore[attr-defined]


@pytest.mark.parametrize(("data", "code"), [
    (b"PK\x03\x04 not really a zip", "DOCX.NOT_A_ZIP"),
    (package(p("x"), extra={}).replace(b"word/document.xml", b"word/documenx.xml"), "DOCX.NO_DOCUMENT"),
    (package("<w:document"), "DOCX.XML"),
    (package(""), "DOCX.EMPTY"),
])
def test_broken_archives_raise_library_errors(data: bytes, code: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_docx(data)
    assert info.value.code == code


def test_docx_text_is_refused() -> None:
    with pytest.raises(ParseError):
        parse_docx("<w:document/>")  # type: ignore[arg-type]


def test_money_in_yuan_and_placeholders_survive() -> None:
    report = numbered_report("2021").with_cells({"requests.granted.total": None})
    report = attrs.evolve(report, published=None)
    cells = report.cells()
    assert isinstance(cells["proactive.admin_fees.amount"], Decimal)
    assert parse(render(report, "docx")).report == report
