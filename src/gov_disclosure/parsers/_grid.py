"""Expanding an HTML ``<table>`` into a grid: every slot of every row names the cell covering it.

``rowspan``/``colspan`` are honoured, absurd spans clamped (``colspan="10000"`` covers at most
:data:`MAX_COLUMNS` columns, a rowspan at most the rows that follow), and the total number of
slots is bounded so that hostile markup cannot exhaust memory.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import islice
from typing import Final, NamedTuple

import attrs
from lxml import etree

__all__ = ["MAX_COLUMNS", "MAX_SLOTS", "Cell", "Grid", "cell_text", "expand_table", "mark_breaks", "own_rows"]

MAX_COLUMNS = 64
"""No report table is wider; a wider span is clamped."""
MAX_ROWS = 2000
"""Rows read from one table; the rest are dropped (with ``Grid.truncated``)."""
MAX_SLOTS = 40_000
"""Bound on rows × columns of one grid."""

_STRIP = " \t\r\n\f\v\u00a0\u3000"
_SKIP = frozenset({"script", "style", "noscript", "template"})


class Cell(NamedTuple):
    """One printed cell: its text (line breaks where the markup broke it), origin and spans.

    ``row``/``col`` are the 0-based grid coordinates of its top-left slot; ``header`` is true
    for a ``<th>``. Immutable; a named tuple rather than an attrs class, so that a grid may keep
    its cells as plain tuples of the same fields (:data:`RawCell`) and read them by index. Cells
    are told apart by identity (``is``): two blank cells are equal.
    """

    text: str
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


RawCell = tuple[str, int, int, int, int, bool]
"""A cell as a grid keeps it: :class:`Cell`'s fields in order in a plain tuple (a :class:`Cell`
is one too). :func:`expand_table` makes plain tuples, four times cheaper to build than named
ones; the grid reader reads them by index (:data:`TEXT`, :data:`ROW`, :data:`COL`), the public
methods of :class:`Grid` hand out :class:`Cell` s."""

TEXT: Final = 0
"""The index of a :data:`RawCell`'s text."""
ROW: Final = 1
"""The index of a :data:`RawCell`'s row (of its top-left slot)."""
COL: Final = 2
"""The index of a :data:`RawCell`'s column (of its top-left slot)."""


@attrs.frozen
class Grid:
    """A table as a rectangle of slots; ``rows[r][c]`` is the :class:`Cell` covering it or ``None``.

    ``truncated`` is true when the table was larger than the bounds and was cut;
    ``clamped`` counts the spans that were reduced. A grid is made from its rows of slots
    (``Grid(rows, width)``, as the Word reader does) or by :func:`expand_table`, whose cells are
    :data:`RawCell` s, made into :class:`Cell` s (each cell once, so identity holds) only when
    :attr:`rows`, :meth:`distinct`, :meth:`distinct_rows` or :meth:`starting` are first asked.
    """

    _slots: tuple[tuple[RawCell | None, ...], ...] = attrs.field(alias="rows")
    """The rows of slots, as given (named or plain tuples)."""
    width: int
    truncated: bool = False
    clamped: int = 0
    _distinct: tuple[tuple[RawCell, ...], ...] = attrs.field(
        default=attrs.Factory(lambda self: tuple(_distinct(row) for row in self._slots), takes_self=True),
        eq=False, repr=False, alias="_distinct")
    """:meth:`distinct` of every row, worked out once (given by :func:`expand_table`, which has them)."""
    _labels: tuple[str, ...] = attrs.field(
        default=attrs.Factory(lambda self: _labels(self._distinct), takes_self=True),
        eq=False, repr=False, alias="_labels")
    """:meth:`labels` of every row, in order (given by :func:`expand_table`, which reads each text)."""
    _label_ends: tuple[int, ...] = attrs.field(
        default=attrs.Factory(lambda self: _label_ends(self._distinct), takes_self=True),
        eq=False, repr=False, alias="_label_ends")
    """How many of :attr:`_labels` the rows up to each row print."""
    _plain: bool = attrs.field(default=False, eq=False, repr=False, alias="_plain")
    """The cells are plain tuples (:func:`expand_table`): :attr:`rows` makes them :class:`Cell` s."""
    _named: tuple[tuple[tuple[Cell | None, ...], ...], tuple[tuple[Cell, ...], ...]] | None = attrs.field(
        default=None, init=False, eq=False, repr=False)
    """The rows and distinct cells as :class:`Cell` s, once asked (for a grid of plain tuples)."""

    @property
    def height(self) -> int:
        """The number of rows (``len(rows)``, without making the cells named tuples)."""
        return len(self._slots)

    @property
    def slot_rows(self) -> tuple[tuple[RawCell | None, ...], ...]:
        """:attr:`rows` as the grid keeps them (for the grid reader: read by index, never by name)."""
        return self._slots

    def slot_distinct(self, r: int) -> tuple[RawCell, ...]:
        """:meth:`distinct` as the grid keeps them (for the grid reader: read by index)."""
        return self._distinct[r]

    @property
    def rows(self) -> tuple[tuple[Cell | None, ...], ...]:
        """The rows of slots: ``rows[r][c]`` is the :class:`Cell` covering slot ``(r, c)`` or ``None``."""
        if not self._plain:
            return self._slots  # type: ignore[return-value]  # made from Cells
        return self._as_cells()[0]

    def distinct(self, r: int) -> tuple[Cell, ...]:
        """The cells of row ``r`` left to right, each once (a colspan covers several slots)."""
        if not self._plain:
            return self._distinct[r]  # type: ignore[return-value]  # made from Cells
        return self._as_cells()[1][r]

    def distinct_rows(self) -> Sequence[tuple[Cell, ...]]:
        """:meth:`distinct` of every row, in order."""
        if not self._plain:
            return self._distinct  # type: ignore[return-value]  # made from Cells
        return self._as_cells()[1]

    def labels(self, rows: int) -> Sequence[str]:
        """The texts of the cells starting in the first ``rows`` rows, left to right, row by row,
        but those blank or of digits alone (``str.isdigit``): what may be a label."""
        if rows >= len(self._label_ends):
            return self._labels
        return self._labels[:self._label_ends[rows - 1]] if rows > 0 else ()

    def starting(self, r: int) -> list[Cell]:
        """The cells whose top-left slot is in row ``r`` (not those spanning down from above)."""
        return [c for c in self.distinct(r) if c.row == r]

    def _as_cells(self) -> tuple[tuple[tuple[Cell | None, ...], ...], tuple[tuple[Cell, ...], ...]]:
        named = self._named
        if named is None:
            # each plain cell made a Cell once (the plain ones stay alive in the grid: ids hold)
            made: dict[int, Cell] = {}
            for cells in self._distinct:
                for cell in cells:
                    if id(cell) not in made:
                        made[id(cell)] = Cell._make(cell)
            named = (tuple(tuple(None if c is None else made[id(c)] for c in row) for row in self._slots),
                     tuple(tuple(made[id(c)] for c in cells) for cells in self._distinct))
            object.__setattr__(self, "_named", named)
        return named


def _distinct(row: Sequence[RawCell | None]) -> tuple[RawCell, ...]:
    out: list[RawCell] = []
    last: RawCell | None = None
    for cell in row:
        # a cell covers adjacent slots of a row, so comparing with the previous slot suffices
        if cell is not None and cell is not last:
            out.append(cell)
        last = cell
    return tuple(out)


def _labels(distinct: Sequence[tuple[RawCell, ...]]) -> tuple[str, ...]:
    return tuple(cell[TEXT] for r, cells in enumerate(distinct) for cell in cells
                 if cell[ROW] == r and cell[TEXT] and not cell[TEXT].isdigit())


def _label_ends(distinct: Sequence[tuple[RawCell, ...]]) -> tuple[int, ...]:
    ends: list[int] = []
    count = 0
    for r, cells in enumerate(distinct):
        count += sum(1 for cell in cells if cell[ROW] == r and cell[TEXT] and not cell[TEXT].isdigit())
        ends.append(count)
    return tuple(ends)


def own_rows(table: etree._Element) -> Iterator[etree._Element]:
    """The ``<tr>`` of ``table`` itself (through thead/tbody/tfoot), not those of nested tables."""
    # a comment's or a processing instruction's tag is a function, equal to no name
    for child in table:
        tag = child.tag
        if tag == "tr":
            yield child
        elif tag == "tbody" or tag == "thead" or tag == "tfoot":
            for row in child:
                if row.tag == "tr":
                    yield row


def mark_breaks(root: etree._Element) -> None:
    """Turn ``<br>`` and the ends of block elements into newlines in the tree's text, once per
    document, so that :func:`cell_text` can read cells with lxml's fast ``itertext``."""
    # one walk for both: a <br> and the end of a block each put a line break before the tail
    for el in root.iter("br", "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"):
        el.tail = "\n" + (el.tail or "")


def cell_text(cell: etree._Element, *, nested: bool = True) -> str:
    """The text of a cell: inline elements joined, line breaks where the markup broke lines
    (after :func:`mark_breaks`), each line stripped. A nested table's text is left out
    (``nested=False`` says the caller knows there is none)."""
    if len(cell) == 0:
        raw = cell.text or ""
    elif not nested or cell.find(".//table") is None:
        # libxml2's text serialiser: several times faster than joining the children's texts in Python
        raw = etree.tostring(cell, method="text", encoding="unicode", with_tail=False)
    else:
        raw = _text_outside_tables(cell)
    text = raw.strip(_STRIP)
    if "\n" not in text:  # one line (the line breaks of mark_breaks at its ends are gone)
        return text.strip() if "\n" in raw else text
    return "\n".join(line.strip(_STRIP) for line in text.split("\n")).strip()


def _text_outside_tables(cell: etree._Element) -> str:
    parts: list[str] = [cell.text or ""]
    stack: list[tuple[etree._Element, bool]] = [(child, False) for child in reversed(cell)]
    while stack:
        el, entered = stack.pop()
        if entered:
            parts.append(el.tail or "")
            continue
        if not isinstance(el.tag, str) or el.tag in _SKIP or el.tag == "table":
            parts.append("\n" + (el.tail or ""))
            continue
        parts.append(el.text or "")
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    return "".join(parts)


_SMALL_SPANS: Final = {text: int(text) for text in (*map(str, range(10)), *(f"{n:02d}" for n in range(100)))}
"""Every text of one or two ASCII digits ("0"–"9", "00"–"99") and its number: a span attribute's
usual value, looked up by :func:`expand_table` (the tests and ``int`` cost ~4× the look-up)."""


def _span(value: str, limit: int) -> tuple[int, bool]:
    if len(value) <= 8 and value.isascii() and value.isdigit():  # the common case: "2"
        n = int(value)
    else:
        # decimal digits only: int() refuses the other digits (superscripts: colspan="¹")
        digits = "".join(ch for ch in value.strip()[:8] if ch.isdecimal())
        if not digits:
            return 1, False
        n = int(digits)
    if n < 1:
        return 1, False
    if n > limit:
        return limit, True
    return n, False


def expand_table(table: etree._Element, *, nested: bool = True) -> Grid:
    """Expand ``table`` (an lxml ``<table>`` element) into a :class:`Grid`. ``nested=False``
    says the caller knows the table holds no table (its descendants are not searched for one)."""
    # the cells of this table that hold a table (their text leaves it out); the list keeps the
    # element proxies alive, so that their ids stay theirs
    holders = [up for inner in table.iterdescendants("table")
               for up in inner.iterancestors("td", "th")] if nested else []
    holder_ids = {id(el) for el in holders}
    trs = list(islice(own_rows(table), MAX_ROWS))
    truncated = len(trs) >= MAX_ROWS
    rows: list[tuple[RawCell | None, ...]] = []
    distinct: list[tuple[RawCell, ...]] = []
    labels: list[str] = []  # Grid.labels, gathered as each text is read
    label_ends: list[int] = []
    clamped = 0
    slots = 0
    width = 0
    narrowest = MAX_COLUMNS + 1
    n_rows = len(trs)
    # per row, column → cell spanning down into it (a rowspan reaches the last row at most)
    pending: list[dict[int, RawCell] | None] = [None] * n_rows
    max_columns = MAX_COLUMNS
    tostring = etree.tostring
    for r, tr in enumerate(trs):
        row: list[RawCell | None] = []
        append = row.append
        # the row's cells each once (Grid.distinct), made as the slots are filled: a cell from
        # above covers adjacent slots, so it is new when the slot before holds another
        cells: list[RawCell] = []
        add = cells.append
        above = pending[r]
        col = 0
        if above:
            while col in above:  # the row's first slots, from above (col: the row's length)
                cell = above.pop(col)
                if not col or row[-1] is not cell:
                    add(cell)
                append(cell)
                col += 1
        for td in tr:  # iterchildren("td", "th") filters in lxml, but costs twice this test
            tag = td.tag
            if tag == "td":
                th = False
            elif tag == "th":
                th = True
            else:
                continue
            if col >= max_columns:
                break
            # cell_text(td, nested=...) inlined, with one more case read in Python: a cell
            # holding one element with nothing in it but text (<td><p>12</p></td>)
            children = len(td)
            if children == 0:
                raw = td.text
                if raw is None:
                    raw = ""
            elif holder_ids and id(td) in holder_ids and td.find(".//table") is not None:
                raw = _text_outside_tables(td)
            elif children == 1 and len(leaf := td[0]) == 0 and isinstance(leaf.tag, str):
                raw = (td.text or "") + (leaf.text or "") + (leaf.tail or "")
            else:
                raw = tostring(td, method="text", encoding="unicode", with_tail=False)
            if raw.isdigit():  # a number: nothing to strip (most cells of a report)
                text = raw
            else:
                text = raw.strip(_STRIP)
                if "\n" in text:
                    text = "\n".join(line.strip(_STRIP) for line in text.split("\n")).strip()
                elif "\n" in raw:
                    text = text.strip()
                if text and not text.isdigit():
                    labels.append(text)
            names = td.keys()  # one call for the attributes' names: most cells have none, so no span
            if not names:
                cell = (text, r, col, 1, 1, th)  # a RawCell: Cells are made when asked
                add(cell)
                append(cell)
                col += 1
            else:
                colspan = rowspan = 1
                # a span of one or two ASCII digits within its bound is looked up, without _span's call
                if "colspan" in names:
                    span = td.get("colspan", "")
                    if span != "1":
                        limit = max_columns - col
                        if 0 < (n := _SMALL_SPANS.get(span, 0)) <= limit:
                            colspan = n
                        else:
                            colspan, cut = _span(span, limit)
                            clamped += cut
                if "rowspan" in names:
                    span = td.get("rowspan", "")
                    if span != "1":
                        limit = n_rows - r if n_rows - r > 1 else 1
                        if 0 < (n := _SMALL_SPANS.get(span, 0)) <= limit:
                            rowspan = n
                        else:
                            rowspan, cut = _span(span, limit)
                            clamped += cut
                cell = (text, r, col, rowspan, colspan, th)  # a RawCell: Cells are made when asked
                add(cell)
                if colspan == 1:
                    append(cell)
                    col += 1
                else:
                    row.extend([cell] * colspan)
                    col += colspan
                if rowspan > 1:
                    for dr in range(r + 1, r + rowspan):
                        below = pending[dr]
                        if below is None:
                            below = pending[dr] = {}
                        if colspan == 1:
                            below[col - 1] = cell
                        else:
                            for dc in range(col - colspan, col):
                                below[dc] = cell
            if above and col in above:
                while col in above:
                    cell = above.pop(col)
                    if row[-1] is not cell:
                        add(cell)
                    append(cell)
                    col += 1
        if above:
            # rowspans reaching past the last cell of this row
            for at in sorted(above):
                if at < len(row):
                    continue  # overlapped by a colspan of this row (malformed spans)
                while len(row) < at:
                    append(None)
                cell = above[at]
                if not row or row[-1] is not cell:
                    add(cell)
                append(cell)
        n_slots = len(row)
        slots += n_slots
        if slots > MAX_SLOTS:
            truncated = True
            break
        label_ends.append(len(labels))
        slots_of_row = tuple(row)
        rows.append(slots_of_row)
        if n_slots > width:
            width = n_slots
        if n_slots < narrowest:
            narrowest = n_slots
        # as many cells as slots: each slot a cell of its own, the row itself
        distinct.append(slots_of_row if len(cells) == n_slots else tuple(cells))  # type: ignore[arg-type]
    if narrowest >= width:  # every row as wide as the widest: nothing to pad
        grid_rows = tuple(rows)
    else:
        grid_rows = tuple([r if len(r) == width else r + (None,) * (width - len(r)) for r in rows])
    if len(labels) > (label_ends[-1] if label_ends else 0):
        del labels[label_ends[-1] if label_ends else 0:]  # the texts of a row cut at MAX_SLOTS
    return Grid(grid_rows, width, truncated, clamped, _distinct=tuple(distinct), _labels=tuple(labels),
                _label_ends=tuple(label_ends), _plain=True)
