"""The PDF layout stage: real report rows against the truth file, generated PDFs, broken PDFs."""

from __future__ import annotations

import io
import json
import random
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pypdfium2")

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from gov_disclosure import MissingExtraError, ParseError, edition_spec
from gov_disclosure.parsers._pdf_layout import LayoutLine, LineKind, extract_layout

CORPUS = Path(__file__).resolve().parent / "corpus"
HUAIAN = CORPUS / "huaian-2024.pdf"

FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese text with no font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_W, PAGE_H = A4

# The rows and cells a 2021-edition form prints, from the edition description.
_FORM = edition_spec("2021")
REQUEST_ROWS = tuple(row.key for row in _FORM.table("requests").rows if _FORM.row_printed("requests", row.key))
REQUEST_COLUMNS = tuple(col.key for col in _FORM.table("requests").rows[0].columns)
REVIEW_CELLS = tuple(
    f"{block.key}.{col.key}" for block in _FORM.table("review_litigation").rows for col in block.columns
)


# ------------------------------------------------------------------------------------------
# a small PDF writer for the tests (reportlab canvas, y measured from the top of the page)


class Sheet:
    """Pages of text and ruled or unruled table cells, placed by their top edge."""

    def __init__(self, **options: Any) -> None:
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, **options)
        self.canvas.setFont(FONT, 10)

    def text(self, x: float, top: float, text: str, size: float = 10, *, centre: bool = False) -> None:
        self.canvas.setFont(FONT, size)
        baseline = PAGE_H - top - size * 0.88
        if centre:
            self.canvas.drawCentredString(x, baseline, text)
        else:
            self.canvas.drawString(x, baseline, text)

    def table(
        self,
        xs: Sequence[float],
        top: float,
        heights: Sequence[float],
        cells: Sequence[tuple[int, int, int, int, Sequence[str]]],
        *,
        labels: int = 1,
        ruled: bool = True,
        size: float = 9,
    ) -> None:
        """Cells as (r0, r1, c0, c1, lines); columns before ``labels`` are left-aligned."""
        ys = [top]
        for height in heights:
            ys.append(ys[-1] + height)
        for r0, r1, c0, c1, lines in cells:
            x0, x1, y0, y1 = xs[c0], xs[c1], ys[r0], ys[r1]
            if ruled:
                self.canvas.setLineWidth(0.5)
                self.canvas.rect(x0, PAGE_H - y1, x1 - x0, y1 - y0, stroke=1, fill=0)
            pitch = size * 1.3
            first = (y0 + y1) / 2 - len(lines) * pitch / 2
            for k, line in enumerate(lines):
                if c0 < labels:
                    self.text(x0 + 3, first + k * pitch, line, size)
                else:
                    self.text((x0 + x1) / 2, first + k * pitch, line, size, centre=True)

    def page(self) -> None:
        self.canvas.showPage()

    def image_page(self) -> None:
        from PIL import Image, ImageDraw

        picture = Image.new("RGB", (400, 300), "white")
        draw = ImageDraw.Draw(picture)
        for k in range(8):
            draw.rectangle((20, 20 + 30 * k, 380, 35 + 30 * k), fill="black")
        self.canvas.drawImage(ImageReader(picture), 72, 300, width=400, height=300)
        self.page()

    def pdf(self) -> bytes:
        self.canvas.save()
        return self.buffer.getvalue()


def rows_of(lines: Sequence[LayoutLine]) -> list[LayoutLine]:
    return [line for line in lines if line.kind is LineKind.ROW]


def by_labels(lines: Sequence[LayoutLine]) -> dict[tuple[str, ...], tuple[str, ...]]:
    return {line.labels: line.values for line in rows_of(lines)}


# ------------------------------------------------------------------------------------------
# the real report


@pytest.fixture(scope="module")
def huaian() -> tuple[tuple[LayoutLine, ...], dict[str, Any]]:
    if not HUAIAN.is_file():
        pytest.fail(f"the corpus copy in tests/corpus is missing: {HUAIAN}")
    truth = json.loads((CORPUS / "huaian-2024.truth.json").read_text(encoding="utf-8"))
    return extract_layout(HUAIAN.read_bytes()), truth["values"]


def test_corpus_path_resolves() -> None:
    assert CORPUS.is_dir(), CORPUS
    assert HUAIAN.is_file()


def test_huaian_section_two_rows(huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]]) -> None:
    lines, truth = huaian
    rows = by_labels(lines)
    p = "proactive"
    assert rows[("规章",)] == tuple(str(truth[f"{p}.regulations.{c}"]) for c in ("issued", "repealed", "in_force"))
    assert rows[("行政规范性文件",)] == tuple(
        str(truth[f"{p}.normative_documents.{c}"]) for c in ("issued", "repealed", "in_force")
    )
    assert rows[("行政许可",)] == (str(truth[f"{p}.licensing.decisions"]),)
    assert rows[("行政处罚",)] == (str(truth[f"{p}.penalties.decisions"]),)
    assert rows[("行政强制",)] == (str(truth[f"{p}.coercion.decisions"]),)
    assert rows[("行政事业性收费",)] == (truth[f"{p}.admin_fees.amount"],)
    captions = [line.cells[0] for line in lines if line.kind is LineKind.CAPTION]
    assert captions == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    headers = [line.values for line in lines if line.kind is LineKind.HEADER]
    assert ("本年制发件数", "本年废止件数", "现行有效件数") in headers
    assert ("本年收费金额（单位：万元）",) in headers


def request_rows(lines: Sequence[LayoutLine]) -> list[LayoutLine]:
    """The body rows of table 三: from its header to the end of the table."""
    start = next(i for i, line in enumerate(lines) if line.kind is LineKind.HEADER and "自然人" in line.values)
    table: list[LayoutLine] = []
    for line in lines[start:]:
        if not line.is_table:
            break
        table.append(line)
    return rows_of(table)


def assert_request_values(lines: Sequence[LayoutLine], truth: dict[str, Any]) -> None:
    body = request_rows(lines)
    assert len(body) == len(REQUEST_ROWS)
    for key, line in zip(REQUEST_ROWS, body, strict=True):
        expected = tuple(str(truth[f"requests.{key}.{column}"]) for column in REQUEST_COLUMNS)
        assert line.values == expected, (key, line)
    assert {line.page for line in body} == {4, 5}


def test_huaian_section_three_rows_in_order(huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]]) -> None:
    """Every number of table 三 in the right row and column, across the page break."""
    lines, truth = huaian
    assert_request_values(lines, truth)


def test_huaian_read_as_unruled_keeps_every_number(
    huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The fallback for tables without rulings, on a real layout: rulings hidden, same numbers."""
    from gov_disclosure.parsers import _pdf_layout

    monkeypatch.setattr(_pdf_layout, "find_tables", lambda edges, tolerance: [])
    lines = extract_layout(HUAIAN.read_bytes())
    _, truth = huaian
    assert_request_values(lines, truth)
    rows = by_labels(lines)
    assert rows[("行政规范性文件",)] == ("8", "26", "66")
    assert rows[("行政许可",)] == ("447228",)
    assert rows[("行政事业性收费",)] == ("96171.6",)
    review = next(line for line in rows_of(lines) if len(line.values) == 15)
    assert review.values == tuple(str(truth[f"review_litigation.{cell}"]) for cell in REVIEW_CELLS)
    headers = [line.values for line in lines if line.kind is LineKind.HEADER]
    assert ("本年制发件数", "本年废止件数", "现行有效件数") in headers
    assert ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计") in headers
    assert [line.cells for line in lines if line.kind is LineKind.GROUP] == [("三、本年度办理结果",)]


def test_huaian_section_three_labels(huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]]) -> None:
    lines, _ = huaian
    groups = [line for line in lines if line.kind is LineKind.GROUP]
    assert [g.cells for g in groups] == [("三、本年度办理结果",)]
    table = [line for line in lines if line.is_table and line.page in (4, 5)]
    after_group = table[table.index(groups[0]) + 1]
    assert after_group.labels == ("（一）予以公开",)
    labels = [line.labels for line in rows_of(lines)]
    assert ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",) in labels
    assert ("（三）不予公开", "1.属于国家秘密") in labels
    # the group label cut by the page break is one label again, on both pages
    assert ("（四）无法提供", "1.本机关不掌握相关政府信息") in labels
    assert ("（四）无法提供", "2.没有现成信息需要另行制作") in labels
    assert ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息") in labels
    assert ("（六）其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请") in labels
    assert ("（六）其他处理", "3、其他") in labels
    assert ("（七）总计",) in labels
    assert not any("三、" in label for row in labels for label in row if label != "三、本年度办理结果")
    leaf_header = [line for line in lines if line.kind is LineKind.HEADER and "自然人" in line.values][-1]
    assert leaf_header.values == ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")


def test_huaian_section_four_row(huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]]) -> None:
    lines, truth = huaian
    row = next(line for line in rows_of(lines) if len(line.values) == 15)
    assert row.label_count == 0
    assert row.values == tuple(str(truth[f"review_litigation.{cell}"]) for cell in REVIEW_CELLS)


def test_huaian_every_value_cell_is_one_printed_number(
    huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]],
) -> None:
    lines, _ = huaian
    values = [v for line in rows_of(lines) for v in line.values]
    assert values
    assert all(v.replace(".", "", 1).isdigit() for v in values), values
    assert len(values) == len(REQUEST_ROWS) * 7 + 15 + 10


def test_huaian_prose(huaian: tuple[tuple[LayoutLine, ...], dict[str, Any]]) -> None:
    lines, _ = huaian
    prose = [line for line in lines if not line.is_table]
    texts = [line.cells[0] for line in prose]
    assert texts[0] == "淮安市人民政府"
    assert "一、总体情况" in texts
    assert "三、收到和处理政府信息公开申请情况" in texts
    assert texts[-1] == "办法》，全年收取政府信息公开信息处理费3940元。"
    assert not [t for t in texts if t.strip("- ").isdigit()], "page numbers must be dropped"
    assert all(line.label_count == 1 and line.values == () for line in prose)
    # reading order: pages ascending, tops ascending within a page
    assert [(line.page, line.top) for line in prose] == sorted((line.page, line.top) for line in prose)


# ------------------------------------------------------------------------------------------
# generated PDFs

REQUEST_HEADER = [
    (0, 2, 0, 2, ["（本列数据的勾稽关系为：第一项加第二项之和，", "等于第三项加第四项之和）"]),
    (0, 1, 2, 4, ["申请人情况"]),
    (1, 2, 2, 3, ["自然人"]),
    (1, 2, 3, 4, ["总计"]),
]
XS = [60, 110, 300, 380, 460]


def furniture(sheet: Sheet, page: int) -> None:
    sheet.text(200, 30, "某市人民政府2024年政府信息公开工作年度报告", 8)
    sheet.text(PAGE_W / 2, 800, f"- {page} -", 9, centre=True)


def test_table_continues_onto_next_pages() -> None:
    sheet = Sheet()
    furniture(sheet, 1)
    sheet.text(60, 80, "三、收到和处理政府信息公开申请情况", 12)
    sheet.table(
        XS,
        110,
        [30, 24, 24, 24, 24],
        [
            *REQUEST_HEADER,
            (2, 3, 0, 2, ["一、本年新收政府信息公开申请数量"]),
            (2, 3, 2, 3, ["5"]),
            (2, 3, 3, 4, ["5"]),
            (3, 4, 0, 2, ["二、上年结转政府信息公开申请数量"]),
            (3, 4, 2, 3, ["1"]),
            (3, 4, 3, 4, ["1"]),
            (4, 5, 0, 1, ["（四）无"]),
            (4, 5, 1, 2, ["1.本机关不掌握相关政府信息"]),
            (4, 5, 2, 3, ["3"]),
            (4, 5, 3, 4, ["3"]),
        ],
        labels=2,
    )
    sheet.page()
    furniture(sheet, 2)
    sheet.table(
        XS,
        60,
        [24, 24, 24],
        [
            (0, 2, 0, 1, ["法提供"]),
            (0, 1, 1, 2, ["2.没有现成信息需要另行制作"]),
            (0, 1, 2, 3, ["1"]),
            (0, 1, 3, 4, ["1"]),
            (1, 2, 1, 2, ["3.补正后申请内容仍不明确"]),
            (1, 2, 2, 3, ["0"]),
            (1, 2, 3, 4, ["0"]),
            (2, 3, 0, 1, ["（五）不"]),
            (2, 3, 1, 2, ["5.要求行政机关确认或重新出"]),
            (2, 3, 2, 3, ["2"]),
            (2, 3, 3, 4, ["2"]),
        ],
        labels=2,
    )
    sheet.page()
    furniture(sheet, 3)
    sheet.table(
        XS,
        60,
        [24, 24],
        [
            (0, 1, 0, 1, ["予处理"]),
            (0, 1, 1, 2, ["具已获取信息"]),
            (0, 1, 2, 3, [""]),
            (0, 1, 3, 4, [""]),
            (1, 2, 0, 2, ["（七）总计"]),
            (1, 2, 2, 3, ["6"]),
            (1, 2, 3, 4, ["6"]),
        ],
        labels=2,
    )
    sheet.text(60, 130, "四、政府信息公开行政复议、行政诉讼情况", 12)
    sheet.page()
    lines = extract_layout(sheet.pdf())

    texts = [line.cells[0] for line in lines if not line.is_table]
    assert texts == ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    headers = [line for line in lines if line.kind is LineKind.HEADER]
    assert len(headers) == 2  # two header levels, not repeated on the continuation pages
    assert headers[-1].values == ("自然人", "总计")
    assert [(line.page, line.labels, line.values) for line in rows_of(lines)] == [
        (1, ("一、本年新收政府信息公开申请数量",), ("5", "5")),
        (1, ("二、上年结转政府信息公开申请数量",), ("1", "1")),
        (1, ("（四）无法提供", "1.本机关不掌握相关政府信息"), ("3", "3")),
        (2, ("（四）无法提供", "2.没有现成信息需要另行制作"), ("1", "1")),
        (2, ("（四）无法提供", "3.补正后申请内容仍不明确"), ("0", "0")),
        (2, ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"), ("2", "2")),
        (3, ("（七）总计",), ("6", "6")),
    ]


def test_repeated_header_and_subtotal_column() -> None:
    """A header repeated on the next page is not emitted twice; an added 小计 column is a column."""
    xs = [60, 110, 250, 300, 350, 400, 450, 500]
    header = [
        (0, 2, 0, 2, ["（本列数据的勾稽关系为：", "第一项加第二项之和）"]),
        (0, 2, 2, 3, ["自然人"]),
        (0, 1, 3, 6, ["法人或其他组织"]),
        (1, 2, 3, 4, ["商业企业"]),
        (1, 2, 4, 5, ["其他"]),
        (1, 2, 5, 6, ["小计"]),
        (0, 2, 6, 7, ["总计"]),
    ]

    def body(r: int, label: str, values: Sequence[str]) -> list[tuple[int, int, int, int, Sequence[str]]]:
        return [(r, r + 1, 0, 2, [label])] + [(r, r + 1, 2 + k, 3 + k, [v]) for k, v in enumerate(values)]

    sheet = Sheet()
    sheet.table(
        xs,
        80,
        [24, 24, 24],
        [*header, *body(2, "一、本年新收政府信息公开申请数量", ["1", "2", "3", "0", "3"])],
        labels=2,
    )
    sheet.page()
    sheet.table(
        xs,
        60,
        [24, 24, 24],
        [*header, *body(2, "二、上年结转政府信息公开申请数量", ["1", "0", "0", "", "1"])],
        labels=2,
    )
    sheet.page()
    lines = extract_layout(sheet.pdf())
    headers = [line for line in lines if line.kind is LineKind.HEADER]
    assert [line.values for line in headers] == [
        ("自然人", "法人或其他组织", "法人或其他组织", "法人或其他组织", "总计"),
        ("自然人", "商业企业", "其他", "小计", "总计"),
    ]
    assert [(line.page, line.labels, line.values) for line in rows_of(lines)] == [
        (1, ("一、本年新收政府信息公开申请数量",), ("1", "2", "3", "0", "3")),
        (2, ("二、上年结转政府信息公开申请数量",), ("1", "0", "0", "", "1")),
    ]


def test_vertical_group_label_and_wrapped_labels() -> None:
    sheet = Sheet()
    xs = [60, 85, 130, 300, 380, 460]
    vertical = ["三、", "本", "年", "度", "办", "理", "结", "果"]
    sheet.table(
        xs,
        80,
        [30, 24, 24, 24, 24, 24, 44, 24],
        [
            (0, 1, 0, 3, ["信息内容"]),
            (0, 1, 3, 4, ["自然人"]),
            (0, 1, 4, 5, ["总计"]),
            (1, 2, 0, 3, ["二、上年结转政府信息公开申请数量"]),
            (1, 2, 3, 4, ["1"]),
            (1, 2, 4, 5, ["1"]),
            (2, 7, 0, 1, vertical),
            (2, 3, 1, 3, ["（一）予以公开"]),
            (2, 3, 3, 4, ["4"]),
            (2, 3, 4, 5, ["4"]),
            (3, 5, 1, 2, ["（三）不", "予公开"]),
            (3, 4, 2, 3, ["1.属于国家秘密"]),
            (3, 4, 3, 4, ["0"]),
            (3, 4, 4, 5, ["0"]),
            (4, 5, 2, 3, ["2.其他法律行政法规禁止公开"]),
            (4, 5, 3, 4, ["2"]),
            (4, 5, 4, 5, ["2"]),
            (5, 7, 1, 2, ["（六）其", "他处理"]),
            (5, 6, 2, 3, ["3、其他"]),
            (5, 6, 3, 4, ["/"]),
            (5, 6, 4, 5, [""]),
            (6, 7, 2, 3, ["1、申请人无正当理由逾期不补", "正、行政机关不再处理其政府信", "息公开申请"]),
            (6, 7, 3, 4, ["12 3"]),
            (6, 7, 4, 5, ["15"]),
            (7, 8, 0, 3, ["四、结转下年度继续办理"]),
            (7, 8, 3, 4, ["0"]),
            (7, 8, 4, 5, ["0"]),
        ],
        labels=3,
    )
    sheet.page()
    lines = extract_layout(sheet.pdf())
    table = [line for line in lines if line.is_table]
    assert [(line.kind, line.cells) for line in table] == [
        (LineKind.HEADER, ("信息内容", "自然人", "总计")),
        (LineKind.ROW, ("二、上年结转政府信息公开申请数量", "1", "1")),
        (LineKind.GROUP, ("三、本年度办理结果",)),
        (LineKind.ROW, ("（一）予以公开", "4", "4")),
        (LineKind.ROW, ("（三）不予公开", "1.属于国家秘密", "0", "0")),
        (LineKind.ROW, ("（三）不予公开", "2.其他法律行政法规禁止公开", "2", "2")),
        (LineKind.ROW, ("（六）其他处理", "3、其他", "/", "")),
        # two numbers printed in one cell stay two; a three-line label is one label
        (
            LineKind.ROW,
            ("（六）其他处理", "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "12 3", "15"),
        ),
        (LineKind.ROW, ("四、结转下年度继续办理", "0", "0")),
    ]
    assert [line.label_count for line in table] == [1, 1, 1, 1, 2, 2, 2, 2, 1]


def test_unruled_table_columns_from_header() -> None:
    sheet = Sheet()
    centres = [250, 320, 390, 460]  # 自然人, 商业企业, 科研机构, 总计

    def row(top: float, label: Sequence[str], values: Sequence[str]) -> None:
        for k, line in enumerate(label):
            sheet.text(60, top + 13 * k, line, 9)
        for centre, value in zip(centres, values, strict=True):
            if value:
                sheet.text(centre, top, value, 9, centre=True)

    furniture(sheet, 1)
    sheet.text(60, 80, "三、收到和处理政府信息公开申请情况", 12)
    sheet.text(355, 110, "申请人情况", 9, centre=True)
    sheet.text(250, 128, "自然人", 9, centre=True)
    sheet.text(355, 128, "法人或其他组织", 9, centre=True)
    sheet.text(460, 128, "总计", 9, centre=True)
    sheet.text(320, 146, "商业企业", 9, centre=True)
    sheet.text(390, 146, "科研机构", 9, centre=True)
    row(170, ["一、本年新收政府信息公开申请数量"], ["5", "1", "0", "6"])
    row(194, ["二、上年结转政府信息公开申请数量"], ["1", "", "0", "1"])
    row(218, ["（二）部分公开（区分处理的，只计", "这一情形，不计其他情形）"], ["2", "0", "0", "2"])
    row(255, ["（七）总计"], ["7", "1", "0", "8"])
    sheet.page()
    furniture(sheet, 2)  # the table goes on below the running header, with no header of its own
    row(60, ["四、结转下年度继续办理"], ["1", "0", "0", "1"])
    sheet.text(60, 100, "四、政府信息公开行政复议、行政诉讼情况", 12)
    sheet.page()
    lines = extract_layout(sheet.pdf())

    texts = [line.cells[0] for line in lines if not line.is_table]
    assert texts == ["三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]
    headers = [line.values for line in lines if line.kind is LineKind.HEADER]
    assert headers[-1] == ("自然人", "商业企业", "科研机构", "总计")
    assert [(line.page, line.labels, line.values) for line in rows_of(lines)] == [
        (1, ("一、本年新收政府信息公开申请数量",), ("5", "1", "0", "6")),
        (1, ("二、上年结转政府信息公开申请数量",), ("1", "", "0", "1")),
        (1, ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",), ("2", "0", "0", "2")),
        (1, ("（七）总计",), ("7", "1", "0", "8")),
        (2, ("四、结转下年度继续办理",), ("1", "0", "0", "1")),
    ]


def test_hairline_filled_borders_and_shading() -> None:
    """Word draws borders as thin filled rectangles and shades header rows: borders count, shading not."""
    sheet = Sheet()
    c = sheet.canvas
    xs, ys = [60, 200, 300, 400], [100, 130, 154, 178]
    c.setFillColorRGB(0.78, 0.85, 0.95)
    c.rect(60, PAGE_H - 130, 340, 30, stroke=0, fill=1)
    c.setFillColorRGB(0, 0, 0)
    for y in ys:
        c.rect(60, PAGE_H - y - 0.25, 340, 0.5, stroke=0, fill=1)
    for x in xs:
        c.rect(x - 0.25, PAGE_H - ys[-1], 0.5, ys[-1] - ys[0], stroke=0, fill=1)
    printed = [("信息内容", "本年制发件数", "现行有效件数"), ("规章", "1", "11"), ("行政规范性文件", "8", "66")]
    for top, cells in zip(ys, printed, strict=False):
        sheet.text(63, top + 7, cells[0], 9)
        sheet.text(250, top + 7, cells[1], 9, centre=True)
        sheet.text(350, top + 7, cells[2], 9, centre=True)
    sheet.page()
    assert [(line.kind, line.cells) for line in extract_layout(sheet.pdf())] == [
        (LineKind.HEADER, ("信息内容", "本年制发件数", "现行有效件数")),
        (LineKind.ROW, ("规章", "1", "11")),
        (LineKind.ROW, ("行政规范性文件", "8", "66")),
    ]


@pytest.mark.parametrize("rotation", [90, 270])
def test_turned_landscape_page(rotation: int) -> None:
    """/Rotate pages drawn to read upright once turned (pdfminer shifts /Rotate 270 content)."""
    sheet = Sheet()
    c = sheet.canvas
    c.setPageRotation(rotation)
    if rotation == 90:
        c.translate(PAGE_W, 0)
        c.rotate(90)
    else:
        c.translate(0, PAGE_H)
        c.rotate(-90)
    height = PAGE_W  # of the page as read

    def text(x: float, top: float, line: str) -> None:
        c.setFont(FONT, 10)
        c.drawString(x, height - top - 8.8, line)

    text(60, 60, "二、主动公开政府信息情况")
    for k, (label, a, b) in enumerate([("规章", "1", "2"), ("行政规范性文件", "3", "4")]):
        text(60, 100 + 24 * k, label)
        text(300, 100 + 24 * k, a)
        text(400, 100 + 24 * k, b)
    c.setLineWidth(0.5)
    for k in range(3):
        c.line(55, height - 95 - 24 * k, 500, height - 95 - 24 * k)
    for x in (55, 250, 350, 500):
        c.line(x, height - 95, x, height - 143)
    sheet.page()
    lines = extract_layout(sheet.pdf())
    assert [(line.is_table, line.cells) for line in lines] == [
        (False, ("二、主动公开政府信息情况",)),
        (True, ("规章", "1", "2")),
        (True, ("行政规范性文件", "3", "4")),
    ]


def test_lone_glyphs_of_a_font_without_outlines_are_read() -> None:
    """A one-glyph text object in a font neither embedded nor installed (reportlab's built-in
    CID font) has no outline box: PDFium's text page drops such objects unless the source
    widens them, and every lone glyph must still be read, in its place."""
    sheet = Sheet()
    sheet.text(60, 80, "一、总体情况")
    sheet.text(60, 120, "无")
    for k, glyph in enumerate("本年度"):
        sheet.text(200, 160 + 14 * k, glyph)
    sheet.text(60, 220, "果")
    sheet.page()
    lines = extract_layout(sheet.pdf())
    assert [line.cells for line in lines] == [("一、总体情况",), ("无",), ("本",), ("年",), ("度",), ("果",)]
    assert [round(line.top - lines[0].top) for line in lines] == [0, 40, 80, 94, 108, 140]


def test_boxed_paragraph_is_prose_not_a_table() -> None:
    sheet = Sheet()
    sheet.canvas.rect(55, PAGE_H - 160, 480, 80, stroke=1, fill=0)
    sheet.text(60, 90, "（五）政府信息公开监督保障情况。全年组织4次检查。")
    sheet.text(60, 110, "按季度开展政务新媒体专项检查。")
    sheet.page()
    lines = extract_layout(sheet.pdf())
    assert [(line.is_table, line.cells) for line in lines] == [
        (False, ("（五）政府信息公开监督保障情况。全年组织4次检查。",)),
        (False, ("按季度开展政务新媒体专项检查。",)),
    ]


def test_running_header_goes_lookalike_body_lines_stay() -> None:
    sheet = Sheet()
    for page in (1, 2, 3):
        furniture(sheet, page)
        for k in range(3):
            sheet.text(60, 60 + 14 * k, f"（{k + 1}）第{page}页正文，受理申请{page * 10 + k}件。", 10)
        sheet.page()
    texts = [(line.page, line.cells[0]) for line in extract_layout(sheet.pdf())]
    assert texts == [
        (page, f"（{k + 1}）第{page}页正文，受理申请{page * 10 + k}件。") for page in (1, 2, 3) for k in range(3)
    ]


def test_password_free_restrictions_are_readable() -> None:
    sheet = Sheet(encrypt=StandardEncryption("", "owner", canPrint=0, canCopy=0))
    # Latin text: pdfminer does not decode reportlab's predefined CJK CMaps under encryption
    sheet.canvas.setFont("Helvetica", 10)
    sheet.canvas.drawString(60, 700, "Annual report 2024")
    sheet.page()
    assert [line.cells for line in extract_layout(sheet.pdf())] == [("Annual report 2024",)]


# ------------------------------------------------------------------------------------------
# errors


def small_pdf() -> bytes:
    sheet = Sheet()
    sheet.text(60, 80, "一、总体情况")
    sheet.table(XS, 120, [24, 24], [(0, 1, 0, 2, ["规章"]), (0, 1, 2, 4, ["1"]), (1, 2, 0, 4, ["x"])])
    sheet.page()
    return sheet.pdf()


def error_code(data: bytes) -> str:
    with pytest.raises(ParseError) as caught:
        extract_layout(data)
    return caught.value.code


def test_image_only_pdf_has_no_text_layer() -> None:
    sheet = Sheet()
    sheet.image_page()
    sheet.image_page()
    assert error_code(sheet.pdf()) == "PDF.NO_TEXT_LAYER"


def test_encrypted_pdf() -> None:
    sheet = Sheet(encrypt=StandardEncryption("secret", "owner"))
    sheet.text(60, 80, "一、总体情况")
    sheet.page()
    assert error_code(sheet.pdf()) == "PDF.ENCRYPTED"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"<html><body>404</body></html>", id="not-a-pdf"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", id="garbage"),
        pytest.param(b"%PDF-1.4\n%%EOF\n", id="no-objects"),
    ],
)
def test_corrupt_pdf(data: bytes) -> None:
    assert error_code(data) == "PDF.CORRUPT"


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.99])
def test_truncated_pdf(fraction: float) -> None:
    data = small_pdf()
    assert error_code(data[: int(len(data) * fraction)]) == "PDF.CORRUPT"


def test_damaged_bytes_raise_only_parse_errors() -> None:
    data = small_pdf()
    generator = random.Random(20240101)
    for _ in range(60):
        damaged = bytearray(data)
        for _ in range(generator.randint(1, 12)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        try:
            result: object = extract_layout(bytes(damaged))
        except ParseError as exc:
            result = exc.code
        assert isinstance(result, tuple) or result in {"PDF.CORRUPT", "PDF.NO_TEXT_LAYER", "PDF.ENCRYPTED"}


def test_missing_pypdfium2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(MissingExtraError) as caught:
        extract_layout(small_pdf())
    assert caught.value.extra == "pdf"
    assert caught.value.package == "pypdfium2"


def test_layout_line_shape() -> None:
    line = LayoutLine(
        page=1, cells=("（三）不予公开", "1.属于国家秘密", "2", ""), is_table=True, top=1.0, label_count=2
    )
    assert line.kind is LineKind.ROW
    assert line.labels == ("（三）不予公开", "1.属于国家秘密")
    assert line.values == ("2", "")
    prose = LayoutLine(page=1, cells=("一、总体情况",), is_table=False, top=5.0)
    assert prose.kind is LineKind.PROSE
    assert prose.values == ()
    assert prose == LayoutLine(page=1, cells=("一、总体情况",), is_table=False, top=99.0)  # top is provenance


def test_corrupt_after_encrypted_is_still_corrupt() -> None:
    """PDFium's last-error code outlives a failed load: a corrupt file read after an
    encrypted one must not be called encrypted."""
    sheet = Sheet(encrypt=StandardEncryption("secret", "owner"))
    sheet.text(60, 80, "一、总体情况")
    sheet.page()
    encrypted = sheet.pdf()
    # a page tree whose dictionary is broken: PDFium fails to load it without setting an error
    broken, count = re.subn(rb"(\d+ 0 obj\n)<<(\n/Count)", rb"\1s<\2", small_pdf())
    assert count == 1
    for _ in range(2):
        assert error_code(encrypted) == "PDF.ENCRYPTED"
        assert error_code(broken) == "PDF.CORRUPT"
