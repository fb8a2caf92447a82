"""The HTML table path's shortcuts give what the per-cell computations they replace give.

A row's values set in one builder call, a header block's column map worked out once per
process, the report built row by row from each row's stable keys, the rows read found from one
map of key to row, a grid row's cells found by their tags: each is checked here against the
plain computation, over the edition's own keys and labels and random cells.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from gov_disclosure import AnnualReport, Edition
from gov_disclosure.model import ColumnKind, Placeholder, Unreadable, edition_spec
from gov_disclosure.model._tables import row_maker
from gov_disclosure.parsers import _table
from gov_disclosure.parsers._builder import ReportBuilder, _kinds, counted_keys
from gov_disclosure.parsers._grid import MAX_COLUMNS, Cell, Grid, _span, cell_text, expand_table, own_rows
from gov_disclosure.parsers._result import Location
from helpers import expanded_rows, expanded_table, header_words

_EDITIONS = st.sampled_from([Edition.V2019, Edition.V2021])
_RAW = st.sampled_from(["", "0", "12", "007", "12万元", "251000元", "3.5", "—", "-", "无", "abc", " 7 ", "+3",
                        "-18", "１２", "²", "1,234", "\u3000", "999", "1000", "0999", "00", "٣",
                        "12345678901234567890"])


def _keys(edition: Edition) -> list[str]:
    return sorted(_kinds(edition))


@st.composite
def _rows_of_cells(draw: st.DrawFn) -> tuple[Edition, list[list[tuple[str, str | None, int]]]]:
    """An edition and rows of (stable key, printed text or None for no cell, grid column)."""
    edition = draw(_EDITIONS)
    keys = st.sampled_from(_keys(edition))
    cell = st.tuples(keys, st.one_of(st.none(), _RAW), st.integers(min_value=0, max_value=12))
    return edition, draw(st.lists(st.lists(cell, max_size=8), max_size=5))


@given(_rows_of_cells())
def test_set_cells_is_set_cell_per_cell(case: tuple[Edition, list[list[tuple[str, str | None, int]]]]) -> None:
    """Values, returned values, problems (in order) and provenance are those of set_cell per cell."""
    edition, rows = case
    batch, single = (ReportBuilder(edition, source_format="html") for _ in range(2))
    for r, row in enumerate(rows):
        keys = [key for key, _raw, _col in row]
        cells = [None if raw is None else Cell(raw, r, col) for _key, raw, col in row]
        got = batch.set_cells(keys, cells, 1, r, "/table")
        expected = [single.set_cell(key, "" if raw is None else raw, 1, r, None if raw is None else col, "/table")
                    for key, raw, col in row]
        assert got == expected
        assert [type(value) for value in got] == [type(value) for value in expected]
    assert batch.values == single.values
    assert batch.problems == single.problems
    assert dict(batch.result().provenance) == dict(single.result().provenance)


@given(_EDITIONS, st.lists(st.sampled_from(range(400)), max_size=60))
def test_rows_read_are_the_rows_of_the_keys_set(edition: Edition, picks: list[int]) -> None:
    keys = _keys(edition)
    builder = ReportBuilder(edition, source_format="html")
    for pick in picks:
        key = keys[pick % len(keys)]
        builder.set_raw(key, str(pick), Location(key))
    assert builder.rows_read() == {key.rsplit(".", 1)[0] for key in builder.values}


def _report_by_grouping(builder: ReportBuilder) -> AnnualReport:
    """The report as the builder made it before: values grouped by table and row, then each row
    built from its columns by keyword."""
    grouped: dict[str, dict[str, dict[str, Any]]] = {}
    for key, value in builder.values.items():
        table_key, row_key, column = key.split(".")
        grouped.setdefault(table_key, {}).setdefault(row_key, {})[column] = value
    single_other = builder.edition is Edition.V2021 and "other_handling" in grouped.get("requests", {})
    tables: dict[str, Any] = {}
    for table in builder.spec.tables:
        given_rows = grouped.get(table.key, {})
        rows: dict[str, Any] = {}
        for row in table.rows:
            cols = given_rows.get(row.key)
            if cols is None:
                if row.optional and not builder.spec.row_printed(table.key, row.key, other_handling=single_other):
                    continue
                cols = {}
            rows[row.key] = row.row_class(**cols)
        tables[table.key] = table.table_class(**rows)
    return AnnualReport(edition=builder.edition, **tables)


@given(_EDITIONS, st.lists(st.tuples(st.sampled_from(range(400)), _RAW), max_size=80))
def test_report_is_the_values_grouped_by_row(edition: Edition, cells: list[tuple[int, str]]) -> None:
    keys = _keys(edition)
    builder = ReportBuilder(edition, source_format="html")
    for pick, raw in cells:
        key = keys[pick % len(keys)]
        builder.set_raw(key, raw, Location(key))
    report = builder.report()
    expected = _report_by_grouping(builder)
    assert report == expected
    assert report.cells() == expected.cells()
    assert [type(value) for value in report.cells().values()] == [type(value) for value in expected.cells().values()]


@given(st.lists(st.lists(st.sampled_from(header_words()), max_size=3), max_size=10),
       st.sampled_from(["proactive", "requests", "review_litigation"]), _EDITIONS)
def test_header_of_once_per_process_is_the_header_read_afresh(stacks: list[list[str]], table: str,
                                                               edition: Edition) -> None:
    """A header block's column map, kept once per process, is the map read afresh: the key and
    block of each column, the columns in 元, the 小计 column and the keys in order."""
    key = (edition, table, tuple(tuple(stack) for stack in stacks))
    _table._header_of.cache_clear()
    fresh = _table._header_of.__wrapped__(*key)
    _table._header_of(*key)  # the first call fills the cache, the second reads it
    kept = _table._header_of(*key)
    assert _table._header_of.cache_info().hits >= 1
    if fresh is None:
        assert kept is None
        return
    assert kept is not None
    assert (kept.table, kept.columns, kept.width, kept.subtotal, kept.units, kept.keys, kept.blocks_across) == (
        fresh.table, fresh.columns, fresh.width, fresh.subtotal, fresh.units, fresh.keys, fresh.blocks_across)


_CHILD = st.sampled_from(["<td>1</td>", "<th>自然人</th>", "<td colspan='2'>2</td>", "<td rowspan='2'>3</td>",
                          "<!-- 注 -->", "<td><p>4</p></td>", "<th><span>商业</span>企业</th>", "<td></td>",
                          "<b>x</b>", "<td><!-- c -->5</td>", "<td><p>6</p><p>7</p></td>"])


@given(st.lists(st.lists(_CHILD, max_size=6), min_size=1, max_size=5))
def test_grid_cells_are_the_rows_td_and_th(rows: list[list[str]]) -> None:
    """The cells of a grid are the <td> and <th> children of each row, in order, with their text and
    kind, whatever else the row holds (comments, stray inline elements)."""
    read, cells = expanded_rows("".join("<tr>" + "".join(row) + "</tr>" for row in rows))
    assert [(cell.text, cell.header) for cell in read] == [(cell_text(td), td.tag == "th") for td in cells]


@pytest.mark.parametrize("markup", ["<tr><td>a</td><td colspan=2>b</td></tr><tr><td rowspan=2>c</td><td>d</td></tr>"
                                    "<tr><td>e</td></tr>", ""])
def test_distinct_rows_are_each_rows_distinct_cells(markup: str) -> None:
    doc = etree.fromstring(f"<html><body><table>{markup}</table></body></html>", etree.HTMLParser())
    table = doc.find(".//table")
    assert table is not None
    expanded = expand_table(table)
    bare = Grid(expanded.rows, expanded.width)  # as the Word reader builds it: no distinct cells kept
    for grid in (expanded, bare):
        assert list(grid.distinct_rows()) == [grid.distinct(r) for r in range(len(grid.rows))]


def test_a_count_column_headed_in_yuan_is_read_as_counts() -> None:
    """元 in a header converts money to 万元; under a count column (其他结果（元）, a slip of the
    publisher) the counts are read as printed: the 元 turned them into amounts, which no count
    column holds, and the whole page failed with a StructureError."""
    from pathlib import Path

    from gov_disclosure import parse_html

    page = (Path(__file__).parent / "pages" / "split-tables-2019.html").read_text(encoding="utf-8")
    slipped = page.replace(">其他结果<", ">其他结果（元）<")
    assert slipped != page
    assert parse_html(slipped).report.review_litigation == parse_html(page).report.review_litigation


def _page_edits() -> list[tuple[str, str]]:
    """The HTML test pages, and each with its table cells edited the ways publishers print them:
    a count in 万元 or with a unit, full-width digits, a placeholder, a blank, a label cut in
    two by a line break, a header cell in 元, a spare cell at the end of a row."""
    from pathlib import Path

    from gov_disclosure.parsers._encoding import decode_html

    cell = r"(<td[^>]*>\s*)"
    edits = [(cell + "0<", r"\1０<"), (cell + "1<", r"\g<1>1件<"), (cell + "2<", r"\1—<"), (cell + "3<", r"\1<"),
             (cell + "0<", r"\1 0 <"), ("（一）", "（一）<br>"), ("</td>(\\s*)</tr>", r"</td><td>5</td>\1</tr>"),
             (">其他结果<", ">其他结果（元）<"), ("<td([^>]*)>1<", r'<td colspan="2"\1>1<'), ("总计", "合计")]
    out = []
    for page in sorted((Path(__file__).parent / "pages").glob("*.html")):
        text = decode_html(page.read_bytes()).text
        out.append((page.name, text))
        out += [(f"{page.name} edit {i}", edited) for i, (old, new) in enumerate(edits)
                if (edited := re.sub(old, new, text, count=3)) != text]
    return out


@pytest.mark.parametrize(("name", "page"), _page_edits(), ids=[name for name, _page in _page_edits()])
def test_one_pass_data_row_reads_what_the_general_path_reads(name: str, page: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual data row is read in one pass (``TableReader._plain_data``); with that pass
    refused, every row goes the general way: the values, problems and provenance are the same."""
    from gov_disclosure import GovDisclosureError, parse_html

    def outputs() -> object:
        try:
            result = parse_html(page)
        except GovDisclosureError as exc:
            return type(exc).__name__, str(exc)
        return (result.report, result.problems,
                {key: repr(result.provenance[key]) for key in result.provenance})

    taken: list[bool] = []
    one_pass = _table.TableReader._plain_data

    def counted(self: _table.TableReader, *args: Any) -> bool:
        taken.append(one_pass(self, *args))
        return taken[-1]

    monkeypatch.setattr(_table.TableReader, "_plain_data", counted)
    fast = outputs()
    monkeypatch.setattr(_table.TableReader, "_plain_data", lambda self, *args: False)
    assert outputs() == fast
    if "legacy" not in name:
        assert any(taken)  # the one-pass read was exercised


_ROW_CLASSES = sorted({row.row_class for edition in (Edition.V2019, Edition.V2021)
                       for table in edition_spec(edition).tables for row in table.rows}, key=lambda c: c.__name__)
_ANY_VALUE = st.one_of(st.none(), st.integers(min_value=-5, max_value=10**12), st.booleans(),
                       st.decimals(allow_nan=True, allow_infinity=True, places=2), st.sampled_from(
                           [Placeholder("—"), Unreadable("abc"), "7", 1.5, Decimal("-0"), Decimal("1E+3")]))


@given(st.sampled_from(_ROW_CLASSES).flatmap(
    lambda cls: st.tuples(st.just(cls), st.lists(_ANY_VALUE, min_size=len(attrs.fields(cls)),
                                                 max_size=len(attrs.fields(cls))))))
def test_row_maker_makes_what_the_class_makes(case: tuple[type, list[object]]) -> None:
    """A row made by row_maker equals (fields and types) the row the validating constructor makes,
    and a value the constructor refuses is refused with the same error."""
    cls, values = case
    try:
        expected = cls(*values)
    except TypeError as exc:
        message = str(exc)
    else:
        message = ""
    if message:
        with pytest.raises(TypeError, match=re.escape(message)):
            row_maker(cls)(*values)
        return
    got = row_maker(cls)(*values)
    assert type(got) is cls
    assert got == expected
    assert [type(v) for v in attrs.astuple(got, recurse=False)] == [type(v) for v in attrs.astuple(expected,
                                                                                                     recurse=False)]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        got.total = 1  # type: ignore[attr-defined]


@st.composite
def _count_rows(draw: st.DrawFn) -> tuple[Edition, list[str], list[tuple[list[str], list[str]]]]:
    """An edition, keys read before, and rows of distinct count keys with the texts under them."""
    edition = draw(_EDITIONS)
    counted = [key for key in _keys(edition) if _kinds(edition)[key] is not ColumnKind.MONEY]
    before = draw(st.lists(st.sampled_from(counted), max_size=3))
    rows = draw(st.lists(st.lists(st.sampled_from(counted), max_size=8, unique=True).flatmap(
        lambda keys: st.tuples(st.just(keys), st.lists(_RAW, min_size=len(keys), max_size=len(keys)))),
        max_size=6))
    return edition, before, rows


@given(_count_rows())
def test_set_counts_is_set_cells(case: tuple[Edition, list[str], list[tuple[list[str], list[str]]]]) -> None:
    """A row of count keys read by set_counts gives what set_cells gives: values returned, values
    kept, problems in order and provenance (a key read before, a text other than plain digits)."""
    edition, before, rows = case
    counted, general = (ReportBuilder(edition, source_format="html") for _ in range(2))
    for builder in (counted, general):
        for key in before:
            builder.set_raw(key, "5", Location(key))
    for r, (keys, raws) in enumerate(rows):
        assert counted_keys(edition, keys)
        cells = [Cell(raw, r, col) for col, raw in enumerate(raws)]
        got = counted.set_counts(tuple(keys), cells, 0, r, "/table")
        expected = general.set_cells(tuple(keys), cells, 0, r, "/table")
        assert got == expected
        assert [type(value) for value in got] == [type(value) for value in expected]
    assert list(counted.values.items()) == list(general.values.items())
    assert counted.problems == general.problems
    assert list(counted.provenance.items()) == list(general.provenance.items())


def test_counted_keys_are_distinct_keys_of_count_columns() -> None:
    edition = Edition.V2021
    money = next(key for key, kind in _kinds(edition).items() if kind is ColumnKind.MONEY)
    count = next(key for key, kind in _kinds(edition).items() if kind is ColumnKind.COUNT)
    assert counted_keys(edition, [count])
    assert not counted_keys(edition, [count, count])
    assert not counted_keys(edition, [count, money])
    assert not counted_keys(edition, [count, "requests.no_such_row.total"])


_SPANS = st.sampled_from(["", ' colspan="2"', ' rowspan="2"', ' colspan="3" rowspan="2"', ' rowspan="12"',
                          ' colspan="0"', ' rowspan="x"', ' colspan="99"', ' rowspan="１"', ' colspan=" 2"',
                          ' colspan="²"', ' rowspan="07"', ' colspan="64"', ' colspan="65"'])
_TEXTS = st.sampled_from(["", "12", " 7 ", "自然人", "1.属于国家秘密", "<p>3</p>", "<br>", "总计"])


def _markup(rows: list[list[tuple[str, str, str]]]) -> str:
    return "".join("<tr>" + "".join(f"<{tag}{span}>{text}</{tag}>" for span, tag, text in row) + "</tr>"
                   for row in rows)


@given(st.lists(st.lists(st.tuples(_SPANS, st.sampled_from(["td", "th"]), _TEXTS), max_size=6), min_size=1,
                max_size=8))
def test_expanded_spans_are_read_as_span_reads_them(rows: list[list[tuple[str, str, str]]]) -> None:
    """The spans read without _span's call are those _span reads, clamped alike; rows are padded
    to the grid's width (or left as they are when every row is as wide)."""
    table, grid = expanded_table(_markup(rows))
    trs = list(own_rows(table))
    clamped = 0
    for r, tr in enumerate(trs):
        for cell, td in zip(grid.starting(r), tr.iterchildren("td", "th"), strict=False):
            colspan, col_cut = _span(td.get("colspan", "1"), MAX_COLUMNS - cell.col)
            rowspan, row_cut = _span(td.get("rowspan", "1"), max(1, len(trs) - r))
            assert (cell.colspan, cell.rowspan) == (colspan, rowspan)
            clamped += col_cut + row_cut
    assert grid.clamped == clamped
    assert all(len(row) == grid.width for row in grid.rows)


@given(st.lists(st.lists(st.tuples(_SPANS, st.sampled_from(["td", "th"]), _TEXTS | st.sampled_from(
    ["x" * 90, "²", "\u2003", " \u3000 ", "a\nb"])), max_size=6), min_size=1, max_size=8),
    st.integers(min_value=0, max_value=10))
def test_grid_labels_are_the_texts_of_the_cells_each_row_starts(rows: list[list[tuple[str, str, str]]],
                                                                 first: int) -> None:
    """The texts that may be labels, gathered while the table is expanded, are those of the cells
    each row starts, left to right, but blanks and digits alone — as a grid built from its rows
    alone (the Word reader's) works them out."""
    _table, grid = expanded_table(_markup(rows))
    bare = Grid(grid.rows, grid.width)
    assert grid.labels(first) == bare.labels(first)
    assert list(grid.labels(first)) == [cell.text for r in range(min(first, len(grid.rows)))
                                        for cell in grid.starting(r) if cell.text and not cell.text.isdigit()]


@given(st.lists(st.lists(st.tuples(_SPANS, st.sampled_from(["td", "th"]), _TEXTS), max_size=6), min_size=1,
                max_size=8))
def test_a_table_told_to_hold_no_table_expands_as_searched(rows: list[list[tuple[str, str, str]]]) -> None:
    """expand_table(nested=False), as the HTML reader calls it for a table its page walk found
    holding none, makes the grid the search for nested tables makes: slots, distinct cells, labels."""
    table, grid = expanded_table(_markup(rows), marked=True)
    told = expand_table(table, nested=False)
    assert told.slot_rows == grid.slot_rows
    assert [told.slot_distinct(r) for r in range(told.height)] == [grid.slot_distinct(r) for r in range(grid.height)]
    assert told.labels(told.height) == grid.labels(grid.height)
    assert (told.width, told.truncated, told.clamped) == (grid.width, grid.truncated, grid.clamped)


def test_grid_labels_leave_out_the_row_cut_at_max_slots() -> None:
    """A table past MAX_SLOTS is cut before the row that overflows it: that row's texts, read
    before the cut, are no labels of the grid."""
    row = "<tr>" + "".join(f"<td>列{c}</td>" for c in range(MAX_COLUMNS)) + "</tr>"
    doc = etree.fromstring(f"<html><body><table>{row * 700}</table></body></html>", etree.HTMLParser())
    table = doc.find(".//table")
    assert table is not None
    grid = expand_table(table)
    assert grid.truncated
    assert grid.labels(10_000) == Grid(grid.rows, grid.width).labels(10_000)
    assert len(grid.labels(10_000)) == len(grid.rows) * MAX_COLUMNS
