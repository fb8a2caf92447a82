"""The parsers' fast paths give what the slow paths they stand in for give.

Each shortcut taken for speed (a test before a ``str.translate``, a table of anchor forms
built once, dictionaries of exact label forms built once per edition) is checked here against
the plain computation it replaces, over the edition's own labels and random text.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure._hanzi import HANZI, fold_hanzi
from gov_disclosure.parsers import _labels
from gov_disclosure.parsers._anchors import _containers, find_anchors, outermost, table_anchor_forms
from helpers import TITLE_PAGES, expanded_rows, expanded_table, header_words

# Characters the folding tables touch, mixed with plain Chinese, ASCII and the rest of Unicode.
_FOLDED = st.sampled_from(sorted(chr(code) for code in HANZI))
_PUNCT = st.sampled_from(sorted(chr(code) for code in _labels._PUNCT))
_ANY = st.one_of(_FOLDED, _PUNCT, st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                 st.characters(max_codepoint=0x7F), st.characters())
TEXT = st.lists(_ANY, max_size=60).map("".join)


@given(TEXT)
def test_fold_hanzi_is_the_translate_table(text: str) -> None:
    assert fold_hanzi(text) == text.translate(HANZI)


def _normalise_slowly(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_labels._FOLD)
    return _labels._QUOTES.sub("", _labels._SPACE.sub("", text))


@given(TEXT)
def test_normalise_is_one_translate_pass(text: str) -> None:
    assert _labels.normalise_uncached(text) == _normalise_slowly(text)


# combining marks and Hangul jamo compose with what comes before them; line breaks of every kind
_COMPOSING = st.sampled_from(["\u0301", "\u0308", "\u3099", "\u309a", "\u1161", "\u11a8", "\u1100", "e", "\u304b",
                              "\r", "\n", "\u2028", "\x0b", "\u200b", "\ufeff", "\u3000", " "])


def test_space_in_line_is_every_space_but_the_line_break() -> None:
    spaces = "".join(ch for ch in map(chr, range(0x110000)) if ch.isspace() and ch != "\n") + "\u200b\ufeff"
    assert _labels._SPACE_IN_LINE.fullmatch(spaces) is not None
    assert _labels._SPACE_IN_LINE.search("\n") is None


@given(st.lists(st.lists(st.one_of(_ANY, _COMPOSING), max_size=12).map("".join), max_size=8))
def test_normalise_lines_is_normalise_of_each_line(lines: list[str]) -> None:
    assert _labels.normalise_lines(lines) == [_labels.normalise_uncached(line)
                                              for line in lines]


@pytest.mark.parametrize("text", ["（一）予以 公開", "三、收到和處理政府信息公開申請情況。", "—— 1，2：3；4／5－6–7",
                                  "結轉下年度繼續辦理", "𠀀中", ""])
def test_normalise_examples(text: str) -> None:
    assert _labels.normalise_uncached(text) == _normalise_slowly(text)


@pytest.mark.parametrize("table", sorted(table_anchor_forms()))
def test_containers_are_the_forms_holding_each_form(table: str) -> None:
    forms = table_anchor_forms()[table]
    containers = _containers()[table]
    assert set(containers) == set(forms)
    for form in forms:
        assert containers[form] == {other for other in forms if other != form and form in other}


_FORMS = st.sampled_from(sorted({f for forms in table_anchor_forms().values() for f in forms}))


@given(st.lists(st.one_of(_FORMS, TEXT), max_size=12))
def test_find_anchors_keeps_the_outermost_forms(pieces: list[str]) -> None:
    """The anchors found are :func:`outermost` of every form the folded text holds."""
    folded = _labels.normalise_uncached("\n".join(pieces))
    expected = {key: outermost(f for f in forms if f in folded) for key, forms in table_anchor_forms().items()}
    assert dict(find_anchors(pieces).tables) == {key: forms for key, forms in expected.items() if forms}


# A cell's content: bare text, one element of text, inline runs, line breaks, blocks, a nested
# table, a comment — the shapes of real pages' cells.
_WORD = st.sampled_from(["", " ", "12", "（一）予以公开", " 3 ", "\u3000总计", "a\nb", "万元"])
_CONTENT = st.one_of(
    _WORD,
    st.builds("<p>{}</p>".format, _WORD),
    st.builds("<span>{}</span>{}".format, _WORD, _WORD),
    st.builds("{}<p>{}<br>{}</p>{}".format, _WORD, _WORD, _WORD, _WORD),
    st.builds("<div><span>{}</span></div>".format, _WORD),
    st.builds("{}<table><tr><td>{}</td></tr></table>{}".format, _WORD, _WORD, _WORD),
    st.builds("<!-- {} -->{}".format, _WORD, _WORD),
    st.builds("<br>{}".format, _WORD),
)


@given(st.lists(st.lists(_CONTENT, min_size=1, max_size=4), min_size=1, max_size=4),
       st.sampled_from(["td", "th"]))
def test_expanded_cells_read_as_cell_text(rows: list[list[str]], tag: str) -> None:
    """The grid's cell texts (read inline, with shortcuts) are :func:`cell_text` of each cell."""
    from gov_disclosure.parsers._grid import cell_text

    markup = "".join("<tr>" + "".join(f"<{tag}>{c}</{tag}>" for c in row) + "</tr>" for row in rows)
    for comments in (False, True):
        read, cells = expanded_rows(markup, remove_comments=comments)
        assert [cell.text for cell in read] == [cell_text(td) for td in cells]


def test_provenance_records_are_built_when_read() -> None:
    """A grid cell's provenance is kept as a tuple and read as the record ``set_raw`` makes."""
    import pickle

    from gov_disclosure import Edition
    from gov_disclosure.parsers._builder import ReportBuilder
    from gov_disclosure.parsers._result import Location, Provenance, Provenances

    fast, slow = (ReportBuilder(Edition.V2021, source_format="html") for _ in range(2))
    cells = [("requests.granted.natural_person", "12"), ("requests.granted.total", " 3万 "),
             ("requests.granted.other", "—"), ("requests.granted.natural_person", "13")]
    for column, (key, raw) in enumerate(cells):
        assert fast.set_cell(key, raw, 1, 2, column, "/html/body/table") == slow.set_raw(
            key, raw, Location(key, 1, 2, column, "/html/body/table"))
    assert fast.values == slow.values
    assert fast.problems == slow.problems
    lazy, eager = fast.result().provenance, slow.result().provenance
    assert isinstance(lazy, Provenances)
    assert dict(lazy) == dict(eager)
    assert lazy["requests.granted.total"] is lazy["requests.granted.total"]
    assert lazy == eager
    assert list(lazy) == list(eager)
    assert len(lazy) == len(eager)
    assert "requests.granted.total" in lazy
    assert "requests.granted.closed" not in lazy
    assert isinstance(lazy["requests.granted.natural_person"], Provenance)
    assert dict(pickle.loads(pickle.dumps(lazy))) == dict(eager)




@pytest.mark.parametrize("page", TITLE_PAGES)
def test_title_anywhere_is_the_translating_xpath(page: str) -> None:
    """The title found by a cheap test in libxml2 and a fold in Python is the one the XPath that
    folds every text node finds."""
    from typing import Any, cast

    from lxml import etree

    from gov_disclosure.parsers import _html

    wanted = set("报告年")
    trad = "".join(chr(c) for c, s in HANZI.items() if s in wanted)
    simp = "".join(HANZI[ord(c)] for c in trad)
    folded = f"translate(., '{trad}', '{simp}')"
    slow = etree.XPath(f"//body//text()[contains({folded}, '报告') or contains({folded}, '年报')]")
    doc = _html._tree(page)
    expected = None
    for node in cast(list[Any], slow(doc))[:50]:
        text = " ".join(_html._text_of(node.getparent()).split())
        if 6 <= len(text) <= 80 and _html.YEAR_IN_TITLE.search(text) and _html.REPORT_TAIL.search(
                _labels.normalise(text)):
            expected = text
            break
    assert _html._title_anywhere(doc) == expected


@given(st.one_of(st.text(max_size=12), st.integers(min_value=-5, max_value=10**12).map(str)),
       st.integers(min_value=1, max_value=100))
def test_span_reads_digits_as_before(value: str, limit: int) -> None:
    """The span's decimal digits (a superscript ¹ is none: it raised ValueError), clamped."""
    from gov_disclosure.parsers._grid import _span

    digits = "".join(ch for ch in value.strip()[:8] if ch.isdecimal())
    n = int(digits) if digits else 0
    expected = (1, False) if n < 1 else (limit, True) if n > limit else (n, False)
    assert _span(value, limit) == expected


@pytest.mark.parametrize("attribute", ["colspan", "rowspan"])
def test_a_span_looked_up_reads_as_span_reads_it(attribute: str) -> None:
    """Every span of one or two ASCII digits (looked up by ``expand_table``) and a few around
    them give the cell the width or height :func:`_span` gives it within the table's bounds."""
    from gov_disclosure.parsers._grid import _SMALL_SPANS, MAX_COLUMNS, _span

    assert dict(_SMALL_SPANS) == {text: int(text) for text in map(str, range(10))} | {f"{n:02d}": n for n in range(100)}
    rows = 3
    for value in [*_SMALL_SPANS, "100", "064", "65", " 2", "2 ", "１", "+2", "-1", "1.5", ""]:
        markup = f'<tr><td {attribute}="{value}">a</td></tr>' + "<tr><td>b</td></tr>" * (rows - 1)
        _table, grid = expanded_table(markup)
        first = grid.distinct(0)[0]
        if attribute == "colspan":
            expected = 1 if value == "1" else _span(value, MAX_COLUMNS)[0]
            assert (first.colspan, first.rowspan, grid.clamped) == (
                expected, 1, int(value != "1" and _span(value, MAX_COLUMNS)[1]))
        else:
            expected = 1 if value == "1" else _span(value, rows)[0]
            assert (first.rowspan, first.colspan, grid.clamped) == (
                expected, 1, int(value != "1" and _span(value, rows)[1]))


def test_a_superscript_span_is_no_span() -> None:
    from gov_disclosure import parse_html

    page = "<p>2020年某局政府信息公开工作年度报告</p><table><tr><td colspan='¹'>x</td><td>y</td></tr></table>"
    result = parse_html(page)
    assert result.report.year == 2020


@given(st.lists(st.sampled_from(header_words()), max_size=4),
       st.sampled_from(["proactive", "requests", "review_litigation"]), st.sampled_from(["2019", "2021"]))
def test_header_column_reads_a_column_as_the_loop_did(stack: list[str], table: str, year: str) -> None:
    """One header column read once per process gives the key, block, unit and 小计 of the loop
    that read it cell by cell (the subtotal column: set at a 小计 met before the key, else only
    when none was set)."""
    from gov_disclosure import Edition
    from gov_disclosure.parsers import _table

    edition = Edition(year)
    for subtotal_before in (None, 7):
        subtotal = subtotal_before
        block: str | None = None
        col: str | None = None
        yuan = False
        for text in reversed(stack):
            if len(_table._fold(text)) > _table._MAX_LABEL:
                continue
            if _table._fold(text) in _table._SUBTOTAL and table == "requests":
                subtotal = 3 if subtotal is None or col is None else subtotal
                break
            if col is None:
                col = _table._column_of(edition, table, text)
                if col is not None:
                    yuan = yuan or bool(_table._YUAN_ONLY.search(_labels.normalise(text)))
                    continue
            if table == "review_litigation" and block is None:
                block = _table._row_of(edition, table, text)
        got_col, got_block, got_yuan, at = _table._header_column(edition, table, tuple(stack))
        got_subtotal = 3 if at == _table._FORCE or (at == _table._IF_UNSET and subtotal_before is None) \
            else subtotal_before
        assert (got_col, got_block, got_yuan, got_subtotal) == (col, block, yuan, subtotal)


_SPAN = st.sampled_from(["", ' colspan="2"', ' rowspan="2"', ' colspan="3" rowspan="2"', ' rowspan="9"',
                         ' colspan="0"', ' rowspan="x"'])


@given(st.lists(st.lists(st.tuples(_SPAN, st.sampled_from(["td", "th"])), min_size=0, max_size=5),
                min_size=1, max_size=6))
def test_distinct_cells_of_a_row_are_its_slots_read_once(rows: list[list[tuple[str, str]]]) -> None:
    """A row expanded without a colspan or a gap keeps its slots as its distinct cells; every row
    gives what reading its slots left to right, each cell once, gives."""
    from gov_disclosure.parsers._grid import _distinct

    markup = "".join("<tr>" + "".join(f"<{tag}{span}>{i}</{tag}>" for i, (span, tag) in enumerate(row)) + "</tr>"
                     for row in rows)
    _table, grid = expanded_table(markup)
    # every row padded to the grid's width (the HTML reader's slot budget counts rows × width)
    assert all(len(row) == grid.width for row in grid.rows)
    for r, row in enumerate(grid.rows):
        expected = _distinct(row)
        got = grid.distinct(r)
        assert len(got) == len(expected)
        assert all(a is b for a, b in zip(got, expected, strict=True))


def _header_keys(table: object) -> list[tuple[str | None, str]]:
    from gov_disclosure.model import TableSpec

    assert isinstance(table, TableSpec)
    columns = [c.key for c in table.columns]
    if table.key == "review_litigation":
        blocks: list[str | None] = [None, *(r.key for r in table.rows)]
        return [(block, col) for block in blocks for col in columns]
    return [(None, col) for col in columns] + [(None, "__subtotal__"), (None, "no_such_column")]


@pytest.mark.parametrize("year", ["2019", "2021"])
def test_row_plan_is_the_per_cell_loop(year: str) -> None:
    """What a row does with each header column, worked out once per process, is what the loop over
    the row's cells decided cell by cell: set the stable key (summing the five 法人或其他组织
    columns of section 三 for its 小计), keep the 小计 cell, report a column the row lacks, or skip."""
    from gov_disclosure import EDITIONS, Edition
    from gov_disclosure.parsers import _table

    edition = Edition(year)
    row_columns = _table._row_columns(edition)
    for table in EDITIONS[edition].tables:
        keys = tuple(_header_keys(table))
        for row_key in [None, *(r.key for r in table.rows)]:
            expected: list[tuple[str, str, str]] = []
            for block, col_name in keys:
                rk = (block or row_key) if table.key == "review_litigation" else row_key
                if col_name == "__subtotal__":
                    expected.append((_table._SUBTOTAL_SLOT, "", ""))
                elif rk is None:
                    expected.append((_table._SKIP, "", ""))
                elif col_name not in row_columns[table.key, rk]:
                    expected.append((_table._EXTRA, f"{table.key}.{rk}.{col_name}", ""))
                else:
                    summed = table.key == "requests" and col_name not in ("natural_person", "total")
                    expected.append((_table._SET, f"{table.key}.{rk}.{col_name}", col_name if summed else ""))
            assert list(_table._row_plan(edition, table.key, keys, row_key)) == expected


_NAME_PART = st.sampled_from(["zoom", "ZOOM", "Zoom", "con", "ucap", "-content", "content", "_", "trs", "_editor",
                              "TRS_Editor", "view", "VIEW", "article", "paper", "default", "font", " ", "\u00a0",
                              "\u3000", "x", "İ", "K"])
_NAME_VALUE = st.one_of(st.none(), st.lists(_NAME_PART, max_size=5).map("".join))


@given(st.lists(st.tuples(st.sampled_from(["div", "span", "ucapcontent", "p"]), _NAME_VALUE, _NAME_VALUE),
                max_size=12))
def test_named_elements_hold_every_container(elements: list[tuple[str, str | None, str | None]]) -> None:
    """The portal containers found by searching the joined ids and classes are those the test of
    every element with an id or a class finds when the page names a container at all, in the same
    order (``<ucapcontent>`` first)."""
    from html import escape

    from lxml import etree

    from gov_disclosure.parsers import _html

    def attr(name: str, value: str | None) -> str:
        return "" if value is None else f' {name}="{escape(value)}"'

    markup = "".join(f"<{tag}{attr('id', ident)}{attr('class', cls)}>t</{tag}>" for tag, ident, cls in elements)
    doc = etree.fromstring(f"<html><body><div>{markup}</div></body></html>", etree.HTMLParser(collect_ids=False))
    body = doc.find("body")
    assert body is not None
    values = [v for el in body.iterdescendants() for v in (el.get("id"), el.get("class")) if v is not None]
    names = _html._ROOT_IDS | _html._ROOT_CLASSES
    every = [el for el in body.iterdescendants() if el.get("id") is not None or el.get("class") is not None
             ] if any(name in " ".join(values).lower() for name in names) else []
    tagged = list(body.iter("ucapcontent"))
    found = _html._named_elements(body, every=any(el.get("id") is not None or el.get("class") is not None
                                                  for el in tagged))
    assert ([el for el in [*tagged, *found] if _html._is_container(el)]
            == [el for el in [*tagged, *every] if _html._is_container(el)])
    assert all(any(el is other for other in every) for el in found)



def _report_row_by_row(builder: Any) -> Any:
    """The report as ReportBuilder.report made it before its tables were made in one call: row by row."""
    from gov_disclosure.model import AnnualReport, Edition
    from gov_disclosure.parsers._builder import _other_handling

    single_other = builder.edition is Edition.V2021 and any(key in builder.values
                                                            for key in _other_handling(builder.edition))
    return AnnualReport(edition=builder.edition, **builder._tables_by_row(single_other), **builder.metadata)


def _rows_made(report: Any) -> list[str]:
    """``table.row`` of every row the report holds (an optional row left out is ``None``)."""
    import attrs

    return [f"{table}.{field.name}" for table in ("proactive", "requests", "review_litigation")
            if getattr(report, table) is not None
            for field in attrs.fields(type(getattr(report, table)))
            if getattr(getattr(report, table), field.name) is not None]


@given(st.sampled_from(["2019", "2021"]), st.data())
def test_report_tables_made_in_one_call_are_those_made_row_by_row(year: str, data: st.DataObject) -> None:
    """Every table, row (an optional row made when printed or read, ``None`` otherwise) and value of
    the report made by the edition's tables maker is what the row-by-row construction makes."""
    from gov_disclosure.model import ColumnKind, Edition, Placeholder, Unreadable
    from gov_disclosure.parsers._builder import ReportBuilder, _kinds

    edition = Edition(year)
    kinds = _kinds(edition)
    builder = ReportBuilder(edition, source_format="html")
    for key in data.draw(st.lists(st.sampled_from(sorted(kinds)), max_size=40, unique=True)):
        number = st.decimals(allow_nan=False, allow_infinity=False, places=2) if kinds[key] is ColumnKind.MONEY \
            else st.integers(min_value=-5, max_value=10**6)
        builder.values[key] = data.draw(st.one_of(st.none(), number, st.builds(Placeholder, st.just("/")),
                                                  st.builds(Unreadable, st.just("x"))))
    made, expected = builder.report(), _report_row_by_row(builder)
    assert made == expected
    assert _rows_made(made) == _rows_made(expected)


@pytest.mark.parametrize(("key", "value"), [("requests.granted.commercial", "7"),
                                            ("requests.granted.commercial", 1.5),
                                            ("requests.granted.commercial", True),
                                            ("proactive.admin_fees.amount", Decimal("NaN")),
                                            ("proactive.admin_fees.amount", 3)])
def test_report_names_the_row_of_a_value_no_row_takes(key: str, value: object) -> None:
    """A value the builder holds that its row's class refuses (not a count, an amount, a placeholder,
    unreadable or blank) makes report() raise a StructureError naming the row, as row by row."""
    from gov_disclosure import StructureError
    from gov_disclosure.model import Edition
    from gov_disclosure.parsers._builder import ReportBuilder

    builder = ReportBuilder(Edition.V2021, source_format="html")
    builder.values["requests.granted.natural_person"] = 3
    builder.values[key] = value  # type: ignore[assignment]  # what no parser sets
    with pytest.raises(StructureError) as info:
        builder.report()
    assert info.value.path == "$." + key.rsplit(".", 1)[0]


_ROW_TEXT = st.one_of(st.sampled_from(["", " ", "12", "１２", "—", "/", "无", "3件", "1,234", "小计", "信息内容",
                                       "自然人", "商业企业", "总计", "规章", "行政许可", "（一）予以公开",
                                       "1.属于国家秘密", "本年新制作数量", "结果维持", "行政复议", "第二十条第（一）项",
                                       "abc"]), TEXT)


@pytest.mark.parametrize("year", ["2019", "2021"])
@given(texts=st.lists(_ROW_TEXT, max_size=9))
def test_row_texts_say_what_the_cells_said_one_by_one(year: str, texts: list[str]) -> None:
    """What a row's texts say, worked out once per row of texts, is what the row reader asked of
    its cells one by one: a number in a cell (a blank is none), the filled cells, the header score
    and whether a filled cell is a row label of section 二 or 三."""
    from gov_disclosure.model import Edition
    from gov_disclosure.parsers import _table

    edition = Edition(year)
    seen = _table._row_texts(edition, tuple(texts))
    number = any(text and _table._is_number(text) for text in texts)
    assert seen.number == number
    if not number:
        filled = [text for text in texts if text.strip()]
        assert [texts[i] for i in seen.filled] == filled
        assert seen.score == _table._header_score(edition, tuple(texts))[0]
        assert seen.data_label == any(_table._is_data_label(edition, text) for text in filled)


@given(st.lists(st.lists(st.tuples(_SPAN, st.sampled_from(["td", "th"])), min_size=0, max_size=5),
                min_size=1, max_size=6))
def test_a_grid_hands_out_named_cells_for_the_plain_ones_it_keeps(rows: list[list[tuple[str, str]]]) -> None:
    """The cells expand_table keeps as plain tuples come out of rows and distinct as Cells with the
    same fields, one Cell per plain cell: two slots hold the same Cell exactly when they held the
    same plain cell, and a row's distinct cells are the Cells of its slots."""
    from gov_disclosure.parsers._grid import Cell

    markup = "".join("<tr>" + "".join(f"<{tag}{span}>{i}</{tag}>" for i, (span, tag) in enumerate(row)) + "</tr>"
                     for row in rows)
    _table, grid = expanded_table(markup)
    assert grid.height == len(grid.rows) == len(grid.slot_rows)
    named: dict[int, Cell] = {}
    for r, (row, plain_row) in enumerate(zip(grid.rows, grid.slot_rows, strict=True)):
        for cell, plain in zip(row, plain_row, strict=True):
            if plain is None:
                assert cell is None
                continue
            assert isinstance(cell, Cell)
            assert tuple(cell) == plain
            assert named.setdefault(id(plain), cell) is cell
        assert [named[id(plain)] for plain in grid.slot_distinct(r)] == list(grid.distinct(r))
        assert all(a is named[id(b)] for a, b in zip(grid.distinct(r), grid.slot_distinct(r), strict=True))
    assert len(set(map(id, named.values()))) == len(named)


_HEADER_CELL = st.tuples(_SPAN, st.sampled_from(["td", "th"]),
                         st.one_of(st.sampled_from(header_words()), st.sampled_from(["12", "", "（一）", "合计"])))


@pytest.mark.parametrize("year", ["2019", "2021"])
@given(rows=st.lists(st.lists(_HEADER_CELL, min_size=1, max_size=6), min_size=1, max_size=6))
def test_a_header_block_is_handed_the_texts_of_its_rows(year: str, rows: list[list[tuple[str, str, str]]]) -> None:
    """The texts the row loop hands to a header block are those of the block's rows' distinct
    cells, row by row: what the block read itself from the grid before."""
    from gov_disclosure.model import Edition
    from gov_disclosure.parsers._builder import ReportBuilder
    from gov_disclosure.parsers._grid import TEXT
    from gov_disclosure.parsers._table import TableReader

    markup = "".join("<tr>" + "".join(f"<{tag}{span}>{text}</{tag}>" for span, tag, text in row) + "</tr>"
                     for row in rows)
    _element, grid = expanded_table(markup)
    blocks: list[tuple[int, int, tuple[str, ...]]] = []

    class Recording(TableReader):
        def _header(self, ti: int, grid: Any, r0: int, r1: int, texts: tuple[str, ...]) -> None:
            blocks.append((r0, r1, texts))
            super()._header(ti, grid, r0, r1, texts)

    builder = ReportBuilder(Edition(year), source_format="html")
    Recording(builder, [grid], headings=["requests"], elements=[None], prefix="HTML").read()
    for r0, r1, texts in blocks:
        assert 0 <= r0 < r1 <= grid.height
        assert texts == tuple(cell[TEXT] for r in range(r0, r1) for cell in grid.slot_distinct(r))
