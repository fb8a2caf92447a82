"""Portal pages flattened the way crawlers flatten them, read as text: every value exact or flagged.

A crawler that keeps a page's text and drops its markup (``itertext``, BeautifulSoup's
``get_text(sep)``) joins the text nodes with a separator of its choosing — nothing, a line
break, a space, a tab. Two things are lost on the way: a blank cell leaves no text node at all
(its row has fewer values than cells, and where the blanks were is gone), and a number the
editor's markup broke into several runs (Word's ``<span>`` per keystroke, on TRS pages) comes
out in pieces (``1`` / ``4`` for 14: more values than cells). Pages are generated (the
project's HTML renderer over Hypothesis reports of both editions), their numbers broken into
spans at random, flattened with each separator, and parsed as text: every cell must come back
exactly, or be flagged — unreadable, or named by a problem that gives its readings
(``SPLIT.*``, ``TEXT.EXTRA_VALUES``): never a silently wrong number.
"""

from __future__ import annotations

import random

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, Edition, ParseError, check, parse, render
from gov_disclosure._frames import uncertain_cells
from gov_disclosure.model import Unreadable
from gov_disclosure.parsers import ParseResult
from gov_disclosure.parsers._text import parse_text
from gov_disclosure.testing import reports
from helpers import CORPUS, REPO
from test_text_parser import _REQUESTS_HEADER, _REVIEW_HEADER, _rows, _text, one_cell_per_line

SEPARATORS = ("", "\n", " ", "\t")


def flatten(page: str, separator: str, *, broken: float = 0.0, seed: int = 0, nbsp: str = "") -> str:
    """The page's text as a crawler keeps it: text nodes joined by ``separator``; with
    ``broken``, that share of the table's numbers broken into one span per digit group; with
    ``nbsp``, every empty cell holds that text (an editor's ``&nbsp;``)."""
    root = lxml.html.fromstring(page)
    for junk in list(root.iter("script", "style")):
        junk.drop_tree()
    rng = random.Random(seed)
    for cell in root.iter("td"):
        text = (cell.text or "").strip()
        if nbsp and not text and len(cell) == 0:
            cell.text = nbsp
        if len(cell) == 0 and text.isdigit() and len(text) > 1 and rng.random() < broken:
            cut = rng.randrange(1, len(text))
            cell.text = None
            for piece in (text[:cut], text[cut:]):
                span = lxml.html.Element("span")
                span.text = piece
                cell.append(span)
    return separator.join(root.itertext())


def wrong_and_silent(truth: AnnualReport, result: ParseResult) -> list[tuple[str, object, object]]:
    """The cells whose value differs from ``truth`` and that nothing flags."""
    flagged = uncertain_cells(result.problems)
    cells = result.report.cells()
    return [(key, want, cells.get(key)) for key, want in truth.cells().items()
            if cells.get(key) != want and key not in flagged and not isinstance(cells.get(key), Unreadable)]


def _national(*, blanks: bool) -> st.SearchStrategy[AnnualReport]:
    return st.sampled_from([Edition.V2019, Edition.V2021]).flatmap(
        lambda edition: reports(edition=edition, placeholders=False, blanks=blanks))


@settings(max_examples=12, deadline=None)
@given(report=_national(blanks=True), separator=st.sampled_from(SEPARATORS[1:]))
def test_flattened_page_whose_blank_cells_left_nothing_is_exact_or_flagged(report: AnnualReport,
                                                                           separator: str) -> None:
    """Blank cells that left no text node, the cells joined by a separator. (Joined by nothing,
    a row's digits run together with its blanks gone: no reading can say where they were, and
    the glued-text tests print every cell.)"""
    result = parse_text(flatten(render(report, "html"), separator))
    assert result.report.edition is report.edition
    assert wrong_and_silent(report, result) == []


@settings(max_examples=12, deadline=None)
@given(report=_national(blanks=False), separator=st.sampled_from(SEPARATORS), seed=st.integers(0, 2**16))
def test_flattened_page_with_numbers_broken_into_spans_is_exact_or_flagged(report: AnnualReport, separator: str,
                                                                           seed: int) -> None:
    """Numbers broken into spans, on a page that prints every cell (both at once — a broken
    number in a row whose blanks also left nothing — is not read back: see the CHANGELOG)."""
    result = parse_text(flatten(render(report, "html"), separator, broken=0.3, seed=seed))
    assert result.report.edition is report.edition
    assert wrong_and_silent(report, result) == []


@settings(max_examples=10, deadline=None)
@given(report=_national(blanks=True), separator=st.sampled_from(["\n", " "]), nbsp=st.sampled_from(["\xa0", "\u3000"]))
def test_flattened_page_whose_empty_cells_hold_nbsp_reads_exactly(report: AnnualReport, separator: str,
                                                                  nbsp: str) -> None:
    """Editors put ``&nbsp;`` (or an ideographic space) in empty cells: flattened, it stands alone
    on its line or between spaces, and is read as the blank cell it is."""
    result = parse_text(flatten(render(report, "html"), separator, nbsp=nbsp))
    assert result.report == report
    assert not [p for p in result.problems if p.code.startswith("SPLIT.")]


def test_flattened_pages_of_the_repository_are_exact_or_flagged() -> None:
    """The real page of the corpus, the example pages and the hand-made test pages (TRS pages
    whose numbers are broken into Word's spans among them), flattened with every separator."""
    pages = [CORPUS / "shanghai-office-2019.html", *sorted((REPO / "tests" / "pages").glob("*.html")),
             *sorted((REPO / "examples").glob("*.html"))]
    from gov_disclosure.parsers._encoding import decode_html

    checked = 0
    for page in pages:
        truth = parse(page).report
        if truth.edition is Edition.LEGACY:
            continue
        markup = decode_html(page.read_bytes()).text
        for separator in SEPARATORS:
            try:
                result = parse_text(flatten(markup, separator))
            except ParseError as exc:  # pragma: no cover - the assertion names the page
                raise AssertionError(f"{page.name} {separator!r}: {exc}") from None
            assert wrong_and_silent(truth, result) == [], (page.name, separator)
            checked += 1
    assert checked >= 4 * 8


def test_a_number_broken_into_spans_is_read_whole_by_the_row_arithmetic() -> None:
    """``1`` / ``4`` for 14 in a row with a total: the pieces are read as one glued run and cut
    by the row's arithmetic (an info, not a lost value)."""
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "（一）予以公开\n1\n4\n2\n0\n0\n0\n0\n1\n6\n")
    result = parse_text(text)
    cells = result.report.cells()
    assert [cells[f"requests.granted.{c}"] for c in ("natural_person", "commercial", "total")] == [14, 2, 16]
    assert [p.severity.value for p in result.problems if p.code == "TEXT.EXTRA_VALUES"] == ["info"]


def test_extra_values_without_arithmetic_are_flagged_with_the_reading_kept() -> None:
    """A section 二 row has no sum to decide which pieces belong together: the first ones are
    kept, and the problem names every cell of the row with that reading."""
    text = ("二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年新制作数量 本年新公开数量 对外公开总数量\n"
            "规章\n1\n4\n1\n4\n3\n68\n")
    result = parse_text(text)
    flagged = uncertain_cells(result.problems)
    for column in ("new_made", "new_published", "total_published"):
        assert flagged.get(f"proactive.regulations.{column}") == "unconfirmed"


def labels_apart(report: AnnualReport) -> str:
    """Text that prints each table's row labels in one block and its values in another, one per
    line (a PDF's text extracted column by column: ``pdftotext`` without ``-layout``)."""
    head = one_cell_per_line(report).split("二、主动公开政府信息情况")[0]
    lines = [head]
    for table, heading, header in (("proactive", "二、主动公开政府信息情况", []),
                                   ("requests", "三、收到和处理政府信息公开申请情况", _REQUESTS_HEADER)):
        rows = list(_rows(report, table))
        lines += [heading, *(label for _key, labels, _values in rows for label in labels), *header]
        lines += [_text(v) for _key, _labels, values in rows for v in values]
    lines += ["四、政府信息公开行政复议、行政诉讼情况", *_REVIEW_HEADER]
    lines += [_text(v) for _key, _labels, values in _rows(report, "review_litigation") for v in values]
    return "\n".join(lines)


@settings(max_examples=8, deadline=None)
@given(report=_national(blanks=True))
def test_labels_printed_apart_from_values_are_flagged_not_blamed(report: AnnualReport) -> None:
    """Values no row took: the rows read with no value are named as unsure (never silently
    blank), and the checker blames the reading, not the publisher, for what follows from them."""
    result = parse_text(labels_apart(report))
    assert wrong_and_silent(report, result) == []
    blamed = [f for f in check(result) if f.kind.value == "source" and f.severity.value == "error"]
    assert blamed == []


def test_a_row_read_with_a_blank_total_is_unconfirmed() -> None:
    """Six values for seven cells, no placement adding up but the one that leaves the total
    blank (a PDF whose 总计 column ran past the page's edge): the row is named as unsure."""
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "一、本年新收政府信息公开申请数量 208 205 61 46 73 54\n")
    result = parse_text(text)
    (problem,) = [p for p in result.problems if p.code == "SPLIT.UNCONFIRMED"]
    assert problem.variant == "blank_total"
    flagged = uncertain_cells(result.problems)
    assert flagged["requests.new_received.total"] == "unconfirmed"
    assert flagged["requests.new_received.natural_person"] == "unconfirmed"


def test_a_row_missing_from_a_table_read_is_named_with_its_cells() -> None:
    text = ("三、收到和处理政府信息公开申请情况\n自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n"
            "二、上年结转政府信息公开申请数量 1 0 0 0 0 0 1\n")
    result = parse_text(text)
    (missing,) = [p for p in result.problems if p.code == "TEXT.ROW_MISSING"]
    assert "requests.new_received.total" in missing.cells
    assert uncertain_cells(result.problems)["requests.new_received.total"] == "unconfirmed"
