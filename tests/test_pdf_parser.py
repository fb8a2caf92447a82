"""The PDF parser end to end, at the ``gov_disclosure.parse`` level.

Generated reports are drawn as the official tables (``pdf_writer.draw_report``) and read
back: every cell exact, edition, year, title and agency right. Then the real report of the
corpus, and broken input: scans, corrupt, encrypted, empty and truncated files give library
errors with stable codes, never other exceptions.
"""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pypdfium2")

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from gov_disclosure import (
    AnnualReport,
    Edition,
    GovDisclosureError,
    MissingExtraError,
    ParseError,
    Placeholder,
    Unreadable,
    parse,
)
from gov_disclosure.parsers import ParseResult, ProblemSeverity, parse_pdf, sniff
from helpers import CORPUS, load_truth, report_from_truth
from pdf_writer import FONT, PAGE_H, draw_report, sample_report

HUAIAN = CORPUS / "huaian-2024.pdf"

# name → (report, drawing options): each PDF is drawn and parsed once per module
CASES: dict[str, tuple[AnnualReport, dict[str, Any]]] = {
    "2021-ruled": (sample_report(Edition.V2021, 1), {}),
    "2021-single-other-row": (sample_report(Edition.V2021, 3, single_other=True), {"marker": "、"}),
    "2019-ruled": (sample_report(Edition.V2019, 2), {"split_title": True, "marker": "、"}),
    "2021-unruled": (sample_report(Edition.V2021, 1), {"ruled": False}),
    # unruled, with value columns blank in every row (section 二's 本年废止件数, 2019's 上一年项目数量)
    # and a row holding only a placeholder (行政强制  —)
    "2021-unruled-blank-column": (sample_report(Edition.V2021, 10), {"ruled": False, "lead": 80}),
    "2021-unruled-placeholder-row": (sample_report(Edition.V2021, 2), {"ruled": False}),
    "2021-unruled-placeholder-only-row": (sample_report(Edition.V2021, 12), {"ruled": False}),
    # section 四's header ends a page, its row of values starts the next
    "2021-review-header-ends-page": (sample_report(Edition.V2021, 1), {"lead": 180}),
    "2021-unruled-review-header-ends-page": (
        sample_report(Edition.V2021, 3, single_other=True),
        {"ruled": False, "lead": 270},
    ),
    "2021-unruled-review-blanks-next-page": (sample_report(Edition.V2021, 1), {"ruled": False, "lead": 180}),
    "2019-unruled": (sample_report(Edition.V2019, 1), {"ruled": False, "split_title": True, "marker": "、"}),
    # section 四 opening with blank cells: the blanks left of the first number are values
    "2021-blank-first-cells": (
        sample_report(Edition.V2021, 4).with_cells(
            {
                **{f"review_litigation.review.{c}": None for c in ("upheld", "corrected", "pending")},
                "review_litigation.review.other": 2,
                "review_litigation.review.total": 2,
                **{f"review_litigation.litigation_direct.{c}": None for c in ("upheld", "corrected", "other")},
                "review_litigation.litigation_direct.pending": 0,
                "review_litigation.litigation_direct.total": 0,
            }
        ),
        {"lead": 120},
    ),
}


@pytest.fixture(scope="module")
def parsed() -> dict[str, tuple[AnnualReport, bytes, ParseResult]]:
    out = {}
    for name, (report, options) in CASES.items():
        data = draw_report(report, **options)
        out[name] = (report, data, parse(data))
    return out


def _differences(want: AnnualReport, got: AnnualReport) -> list[tuple[str, object, object]]:
    w, g = want.cells(), got.cells()
    return [(k, w.get(k), g.get(k)) for k in dict.fromkeys([*w, *g]) if w.get(k, "?") != g.get(k, "?")]


@pytest.mark.parametrize("name", list(CASES))
def test_generated_report_reads_back_exactly(
    name: str, parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]
) -> None:
    report, _data, result = parsed[name]
    assert result.source_format == "pdf"
    assert result.report.edition is report.edition
    assert result.report.year == report.year
    assert result.report.title == report.title
    assert result.report.agency == report.agency
    assert _differences(report, result.report) == []
    assert result.report.cells() == report.cells()
    assert result.report.prints_single_other_row == report.prints_single_other_row


@pytest.mark.parametrize("name", list(CASES))
def test_generated_report_problems_are_only_its_placeholder(
    name: str, parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]
) -> None:
    """The one section 二 placeholder is reported; nothing else is doubtful."""
    _report, _data, result = parsed[name]
    assert [p.code for p in result.problems] == ["CELL.PLACEHOLDER"]


def test_unruled_cases_hold_what_they_are_named_for() -> None:
    blank_column = CASES["2021-unruled-blank-column"][0].cells()
    assert blank_column["proactive.regulations.repealed"] is None
    assert blank_column["proactive.normative_documents.repealed"] is None
    placeholder_row = CASES["2021-unruled-placeholder-row"][0].cells()
    assert isinstance(placeholder_row["proactive.coercion.decisions"], Placeholder)
    # the only row of its block (第二十条第（五）项 行政许可) holds only a placeholder
    only_row = CASES["2021-unruled-placeholder-only-row"][0].cells()
    assert isinstance(only_row["proactive.licensing.decisions"], Placeholder)
    assert CASES["2019-unruled"][0].cells()["proactive.admin_fees.prior_year_items"] is None
    review = CASES["2021-unruled-review-blanks-next-page"][0].cells()
    assert any(v is None for k, v in review.items() if k.startswith("review_litigation."))


@pytest.mark.parametrize(
    "name",
    ["2021-review-header-ends-page", "2021-unruled-review-header-ends-page", "2021-unruled-review-blanks-next-page"],
)
def test_review_header_and_values_on_two_pages(
    name: str, parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]
) -> None:
    """The premise: section 四's values are on the page after its header."""
    import pypdfium2

    _report, data, result = parsed[name]
    pdf = pypdfium2.PdfDocument(data)
    try:
        texts = [page.get_textpage().get_text_range() for page in pdf]
    finally:
        pdf.close()
    header_page = next(n for n, text in enumerate(texts, 1) if "复议后起诉" in text.replace(" ", ""))
    assert _pages_of(result, "review_litigation.") == {header_page + 1}


def _pages_of(result: ParseResult, prefix: str) -> set[int | None]:
    return {p.location.page for key, p in result.provenance.items() if key.startswith(prefix)}


@pytest.mark.parametrize("name", ["2021-ruled", "2019-ruled", "2021-unruled"])
def test_section_three_continues_onto_the_next_page(
    name: str, parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]
) -> None:
    """The premise of the read-back tests: table 三 is cut by a page break (no header on the
    second part), and its values came from both pages."""
    _report, _data, result = parsed[name]
    assert len(_pages_of(result, "requests.")) == 2


def test_prose_sections_from_the_pdf(parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]) -> None:
    report, _data, result = parsed["2021-ruled"]
    for key in ("overview", "problems", "other_matters"):
        want, got = getattr(report, key), getattr(result.report, key)
        assert got is not None, key
        assert got.heading == want.heading
        assert got.text.replace("\n", "") == want.text.replace("\n", "")


def test_vertical_group_label_is_not_a_row(parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]) -> None:
    """三、本年度办理结果 is printed one glyph per line beside the result rows: it is a group,
    and the rows beside it keep their own labels."""
    from gov_disclosure.parsers._pdf_layout import LineKind, extract_layout

    _report, data, _result = parsed["2021-ruled"]
    lines = extract_layout(data)
    assert [line.cells for line in lines if line.kind is LineKind.GROUP] == [("三、本年度办理结果",)]
    labels = [line.labels for line in lines if line.kind is LineKind.ROW]
    assert ("（一）予以公开",) in labels
    # the first rows of （三）不予公开 end page 1, while the cell's text was set on page 2
    pages = {line.labels: line.page for line in lines if line.kind is LineKind.ROW}
    assert pages[("（三）不予公开", "1.属于国家秘密")] == 1
    assert pages[("（三）不予公开", "8.属于行政查询事项")] == 2


def test_path_and_bytes(tmp_path: Path, parsed: dict[str, tuple[AnnualReport, bytes, ParseResult]]) -> None:
    report, data, _result = parsed["2019-ruled"]
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    assert sniff(data) == "pdf"
    for source in (path, str(path), data):
        assert parse(source).report.cells() == report.cells()


# ------------------------------------------------------------------------------------------
# digits: a cell holding two numbers


@pytest.fixture(scope="module")
def two_numbers() -> dict[str, tuple[AnnualReport, ParseResult]]:
    """``requests.granted``: the commercial figure typed into the natural-person cell."""
    report = sample_report(Edition.V2021, 1)
    cells = report.cells()
    a, b = "requests.granted.natural_person", "requests.granted.commercial"
    assert isinstance(cells[a], int)
    assert isinstance(cells[b], int)
    assert cells[b] > 0
    printed = {
        "neighbour-blank": {a: f"{cells[a]} {cells[b]}", b: ""},
        "neighbour-printed": {a: f"{cells[a]} {cells[b]}"},
        "glued": {a: f"{cells[a]}{cells[b]}", b: ""},
    }
    return {name: (report, parse(draw_report(report, printed=p))) for name, p in printed.items()}


def test_two_numbers_beside_a_blank_are_cut_by_the_row_total(
    two_numbers: dict[str, tuple[AnnualReport, ParseResult]],
) -> None:
    report, result = two_numbers["neighbour-blank"]
    assert _differences(report, result.report) == []


def test_two_numbers_without_a_blank_stay_unreadable(
    two_numbers: dict[str, tuple[AnnualReport, ParseResult]],
) -> None:
    report, result = two_numbers["neighbour-printed"]
    a = "requests.granted.natural_person"
    assert result.report.cell(a) == Unreadable(f"{report.cell(a)} {report.cell('requests.granted.commercial')}")
    assert [k for k, _w, _g in _differences(report, result.report)] == [a]
    problem = next(p for p in result.problems if p.code == "PDF.SEVERAL_NUMBERS")
    assert problem.location.key == a
    assert problem.severity is ProblemSeverity.WARNING
    with pytest.raises(ParseError) as caught:
        parse(draw_report(report, printed={a: problem.raw or ""}), strict=True)
    assert "PDF.SEVERAL_NUMBERS" in {p.code for p in caught.value.problems}


def test_one_printed_number_is_never_cut(two_numbers: dict[str, tuple[AnnualReport, ParseResult]]) -> None:
    """Digits printed together in one cell are one number, whatever the row total says."""
    report, result = two_numbers["glued"]
    cells = report.cells()
    assert result.report.cell("requests.granted.natural_person") == int(
        f"{cells['requests.granted.natural_person']}{cells['requests.granted.commercial']}"
    )
    assert result.report.cell("requests.granted.commercial") is None


# ------------------------------------------------------------------------------------------
# the real report


@pytest.fixture(scope="module")
def huaian() -> tuple[ParseResult, dict[str, Any]]:
    if not HUAIAN.is_file():
        pytest.fail(f"the corpus copy in tests/corpus is missing: {HUAIAN}")
    return parse(HUAIAN), load_truth(CORPUS / "huaian-2024.truth.json")


def test_huaian_every_value(huaian: tuple[ParseResult, dict[str, Any]]) -> None:
    result, truth = huaian
    want = report_from_truth(truth)
    assert result.report.edition is want.edition
    assert _differences(want, result.report) == []


def test_huaian_metadata(huaian: tuple[ParseResult, dict[str, Any]]) -> None:
    result, truth = huaian
    assert result.report.year == truth["year"]
    assert result.report.title == truth["title"]
    assert result.report.agency == truth["agency"]


# ------------------------------------------------------------------------------------------
# what is not a readable report


def _small_pdf(**options: Any) -> bytes:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, **options)
    pdf.setFont(FONT, 12)
    pdf.drawString(72, PAGE_H - 100, "某某县教育局2023年政府信息公开工作年度报告")
    pdf.drawString(72, PAGE_H - 130, "一、总体情况")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def _error_code(data: bytes) -> str:
    with pytest.raises(ParseError) as caught:
        parse(data)
    return caught.value.code


def test_scan_without_text_layer() -> None:
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", (400, 300), "white")
    ImageDraw.Draw(picture).rectangle((20, 20, 380, 40), fill="black")
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    for _ in range(2):
        pdf.drawImage(ImageReader(picture), 72, 300, width=400, height=300)
        pdf.showPage()
    pdf.save()
    assert _error_code(buffer.getvalue()) == "PDF.NO_TEXT_LAYER"


def test_encrypted() -> None:
    assert _error_code(_small_pdf(encrypt=StandardEncryption("secret", "owner"))) == "PDF.ENCRYPTED"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"%PDF-", id="header-only"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", id="garbage"),
        pytest.param(b"%PDF-1.4\n%%EOF\n", id="no-objects"),
    ],
)
def test_corrupt(data: bytes) -> None:
    assert _error_code(data) == "PDF.CORRUPT"


def test_empty_pdf_file(tmp_path: Path) -> None:
    """An empty file is empty whatever its name (``parse``); as PDF bytes it is a corrupt PDF."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _error_code(path) == "SOURCE.EMPTY"
    with pytest.raises(ParseError) as raised:
        parse_pdf(b"")
    assert raised.value.code == "PDF.CORRUPT"


@pytest.mark.parametrize("fraction", [0.2, 0.6, 0.95])
def test_truncated(fraction: float) -> None:
    data = _small_pdf()
    assert _error_code(data[: int(len(data) * fraction)]) == "PDF.CORRUPT"


def test_damaged_bytes_give_a_result_or_a_parse_error() -> None:
    data = _small_pdf()
    generator = random.Random(20250301)
    for _ in range(40):
        damaged = bytearray(data)
        for _ in range(generator.randint(1, 12)):
            damaged[generator.randrange(len(damaged))] = generator.randrange(256)
        try:
            outcome: object = parse(bytes(damaged))
        except ParseError as exc:
            outcome = exc.code
        # damage can also leave a text layer with no anchor of the form left
        refusals = {"PDF.CORRUPT", "PDF.NO_TEXT_LAYER", "PDF.ENCRYPTED", "PDF.NOT_A_REPORT"}
        assert isinstance(outcome, ParseResult) or outcome in refusals


def test_missing_pdf_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    with pytest.raises(GovDisclosureError) as caught:
        parse(_small_pdf())
    assert isinstance(caught.value, MissingExtraError)
    assert "pip install 'gov_disclosure[pdf]'" in str(caught.value)
