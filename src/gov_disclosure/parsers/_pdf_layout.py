"""PDF layout stage: positioned glyphs → neutral prose lines and table rows.

This module knows nothing about the report model. It turns the text layer of a PDF into
:class:`LayoutLine` rows — one per visual prose line, one per table row — that a later stage
maps to sections, rows and columns. Everything here works on *positioned* glyphs and ruling
lines from the character-and-line source (:mod:`._pdf_source`, PDFium through ``pypdfium2``),
never on a flat text dump: rows come from cell geometry or baselines, columns from the header's
x-ranges; ruled tables are found by :mod:`._pdf_ruling`. Glyphs become lines, and rows become
records, in :mod:`._pdf_lines`; unruled tables are read in :mod:`._pdf_unruled`; this module
reads the pages, the ruled tables and the page furniture, and puts everything together.

Library choice: the stage was first built on pdfplumber (pdfminer.six's content-stream
interpreter in pure Python: its bare ``extract_text`` of the corpus PDF takes some twenty
times as long as PDFium's). PDFium reads every character with its box in a fraction of that
(``benchmarks/bench_pdf.py`` prints both baselines next to the parse), and gives the same
lines and rows on every test PDF, the Chromium-printed ones and the corpus PDF. Flat text
of either library loses the rows with a label wrapped over two or three lines, a glyph of the
vertical label ``三、本年度办理结果`` glued into them (``本 30 1 0 …``), or the label cut by
the page break (``（四）无`` / ``法提供``): hence glyph by glyph.

What comes out (see :class:`LayoutLine` for the shape):

* ruled tables: the table finder over the page's *visible* rulings (stroked lines and
  rectangles, hairline filled rectangles; background fills are ignored, so shaded paragraphs
  are not tables). A grid of a single column is prose in a box, not a table.
* unruled tables: consecutive lines whose right-hand segments are numbers; columns from the
  value positions, named (and widened with blank columns such as an empty 小计) by the header
  segments above.
* a table that runs onto the next page (last thing on one page, first on the next, same left
  and right edges) is one table: a continuation without a header reuses the columns above, and
  a label cell cut by the page break (``（四）无`` / ``法提供``) is joined back into one label.
* page numbers and running headers/footers (lines repeated at the same place on several pages)
  are dropped before anything else.

For the stage that maps rows to the model:

* the value part of a row has exactly as many cells as its header has leaf columns; an added
  小计 column is an ordinary column, named ``小计`` in the last HEADER line.
* in a ruled table a label cell spanning rows (``（三）不予公开``) is repeated in every row it
  spans, before the row's own label: ``("（三）不予公开", "1.属于国家秘密")``. A *vertical*
  label spanning rows (``三、本年度办理结果``) is a GROUP line instead and appears in no row.
  A full-width row (``第二十条 第（一）项``) is a CAPTION.
* in an unruled table nothing says how far a group label reaches: it is given to the rows it
  stands beside only, and a caption is a prose line.
* labels keep their item markers as printed (``1.``, ``1、``, ``（一）``) and their typos.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from .._errors import ParseError
from ._pdf_lines import (
    _SPACES_RE,
    LineKind,
    _Block,
    _build_lines,
    _cell_lines,
    _column_of,
    _Glyph,
    _has_marker,
    _is_number,
    _is_valueish,
    _join_label,
    _join_value,
    _Label,
    _Line,
    _merge_spans,
    _Record,
)
from ._pdf_ruling import find_tables
from ._pdf_source import Char, SourcePage, read_source
from ._pdf_unruled import _Carry, find_unruled

__all__ = ["LayoutLine", "LineKind", "extract_layout"]


def _default_kind(line: LayoutLine) -> LineKind:
    return LineKind.ROW if line.is_table else LineKind.PROSE


@attrs.frozen
class LayoutLine:
    """One visual line of a PDF: a prose line, or one row of a table.

    ``cells`` of a prose line is its text as one element. A table row has its label cells
    first (``label_count`` of them, outermost group first, empty labels left out), then exactly
    one element per value column of the governing header, in column order, ``""`` for an
    empty cell. A value cell's text is what was printed in that cell: lines of a wrapped cell
    are joined with a space, so two numbers printed in one cell stay two (``"12 3"``).

    ``kind`` tells headers, captions and vertical group labels from body rows. For a HEADER
    line the value part holds each column's header text at that level (a spanning header is
    repeated over every column it spans, so the last HEADER line of a table names the leaf
    columns). A CAPTION or GROUP line is a single cell (``label_count == 1``, no values).

    ``top`` is the y of the row on its page in PDF points from the top edge (provenance only:
    it takes no part in equality).
    """

    page: int
    cells: tuple[str, ...]
    is_table: bool
    top: float = attrs.field(eq=False)
    kind: LineKind = attrs.field(default=attrs.Factory(_default_kind, takes_self=True))
    label_count: int = 1
    x0: float = attrs.field(default=0.0, eq=False)
    """Left edge of a prose line in PDF points (0 when not known; provenance and paragraphs only)."""
    x1: float = attrs.field(default=0.0, eq=False)
    """Right edge of a prose line (0 when not known)."""
    size: float = attrs.field(default=0.0, eq=False)
    """Font size of a prose line (0 when not known)."""

    @property
    def labels(self) -> tuple[str, ...]:
        """The label cells (a prose line's text counts as its label)."""
        return self.cells[: self.label_count]

    @property
    def values(self) -> tuple[str, ...]:
        """The value cells, one per column (empty for prose, captions and groups)."""
        return self.cells[self.label_count :]


# --------------------------------------------------------------------------------------------
# tunables (PDF points, or multiples of the font size where named so)

_SNAP = 3.0  # rulings, cell and table edges this close are the same
_MARGIN_BAND = 0.15  # × page height: where page numbers and running headers live

_DIGITS_RE = re.compile(r"\d+")
_PAGE_NUMBER_RE = re.compile(
    r"[-—–－~～_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*[，,]?\s*共\s*\d{1,4}\s*页)?[-—–－~～_\s]*"
    r"|[-—–－\s]*[ivxlcdmIVXLCDM]{1,6}[-—–－\s]*"
    r"|[Pp]age\s*\d+(?:\s*(?:of|/)\s*\d+)?"
)


# --------------------------------------------------------------------------------------------
# ruled tables


class _GridCell(NamedTuple):
    """One cell of a ruled table; its centre and its text read as a label and as a value are
    worked out once (the table reader asks for them many times). Make with :func:`_grid_cell`."""

    r0: int
    r1: int
    c0: int
    c1: int
    x0: float
    x1: float
    top: float
    bottom: float
    lines: tuple[str, ...]
    xc: float
    text: str  # the lines as one label
    value_text: str  # the lines as one value


def _grid_cell(
    r0: int, r1: int, c0: int, c1: int, x0: float, x1: float, top: float, bottom: float, lines: tuple[str, ...]
) -> _GridCell:
    # ``tuple.__new__`` directly: a named tuple's own ``__new__`` is a Python function
    if len(lines) <= 1:  # one line (or none) reads the same as a label and as a value
        text = lines[0].strip() if lines else ""
        return _MAKE(_GridCell, (r0, r1, c0, c1, x0, x1, top, bottom, lines, (x0 + x1) / 2, text, text))
    return _MAKE(
        _GridCell, (r0, r1, c0, c1, x0, x1, top, bottom, lines, (x0 + x1) / 2, _join_label(lines), _join_value(lines))
    )


_MAKE = tuple.__new__


@attrs.frozen
class _Grid:
    """One ruled table on one page: cells on a grid of column and row boundaries."""

    page: int
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    cells: tuple[_GridCell, ...]
    starts: tuple[tuple[int, ...], ...]  # row → indices of the cells whose first row it is
    covers: tuple[tuple[int, ...], ...]  # row → indices of the cells that cover it, left to right

    @property
    def nrows(self) -> int:
        return len(self.ys) - 1

    @property
    def ncols(self) -> int:
        return len(self.xs) - 1

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def _cluster(values: Iterable[float], tolerance: float = 1.0) -> tuple[float, ...]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tolerance:
            continue
        out.append(v)
    return tuple(out)


def _nearest(bounds: Sequence[float], value: float) -> int:
    i = bisect.bisect_left(bounds, value)
    if i == 0:
        return 0
    if i == len(bounds):
        return len(bounds) - 1
    return i if bounds[i] - value < value - bounds[i - 1] else i - 1


def _make_grid(
    page: int, boxes: Sequence[tuple[float, float, float, float]], glyphs: Sequence[_Glyph]
) -> tuple[_Grid | None, list[_Glyph]]:
    """A grid from the table finder's cell boxes, and the glyphs it left (meaningful with a grid only)."""
    xs = _cluster([b[0] for b in boxes] + [b[2] for b in boxes])
    ys = _cluster([b[1] for b in boxes] + [b[3] for b in boxes])
    if len(xs) < 3 or len(ys) < 2:  # a single column: a box around text, not a table
        return None, []
    nrows, ncols = len(ys) - 1, len(xs) - 1
    spans: list[tuple[int, int, int, int]] = []
    owner = [[-1] * ncols for _ in range(nrows)]
    # cells share their edges: each distinct edge position is placed once
    column = {x: _nearest(xs, x) for x in {b[0] for b in boxes} | {b[2] for b in boxes}}
    row = {y: _nearest(ys, y) for y in {b[1] for b in boxes} | {b[3] for b in boxes}}
    for box in boxes:
        c0, c1 = column[box[0]], column[box[2]]
        r0, r1 = row[box[1]], row[box[3]]
        if c1 <= c0 or r1 <= r0:
            continue
        index = len(spans)
        spans.append((r0, r1, c0, c1))
        for r in range(r0, r1):
            for c in range(c0, c1):
                if owner[r][c] < 0:
                    owner[r][c] = index
    members: list[list[_Glyph]] = [[] for _ in spans]
    rest: list[_Glyph] = []
    x_lo, x_hi, y_lo, y_hi = xs[0], xs[-1], ys[0], ys[-1]
    after = bisect.bisect_right
    for g in glyphs:
        xc, yc = g.xc, g.yc
        if x_lo <= xc < x_hi and y_lo <= yc < y_hi:
            index = owner[after(ys, yc) - 1][after(xs, xc) - 1]
            if index >= 0:
                members[index].append(g)
                continue
        rest.append(g)
    cells = tuple(
        _grid_cell(
            r0=r0,
            r1=r1,
            c0=c0,
            c1=c1,
            x0=xs[c0],
            x1=xs[c1],
            top=ys[r0],
            bottom=ys[r1],
            lines=_cell_lines(members[i]),
        )
        for i, (r0, r1, c0, c1) in enumerate(spans)
    )
    if not any(cell.lines for cell in cells):
        return None, []
    starts: list[list[int]] = [[] for _ in range(nrows)]
    covers: list[list[int]] = [[] for _ in range(nrows)]
    # each row's cells left to right (ties in finding order): the cells taken in that order once
    for i in sorted(range(len(cells)), key=lambda i: cells[i].x0):
        cell = cells[i]
        starts[cell.r0].append(i)
        for r in range(cell.r0, cell.r1):
            covers[r].append(i)
    grid = _Grid(
        page=page,
        xs=xs,
        ys=ys,
        cells=cells,
        starts=tuple(map(tuple, starts)),
        covers=tuple(map(tuple, covers)),
    )
    return grid, rest


# --------------------------------------------------------------------------------------------
# reading the PDF


@attrs.frozen
class _PageData:
    number: int
    width: float
    height: float
    lines: tuple[_Line, ...]  # text outside ruled tables
    grids: tuple[_Grid, ...]
    has_text: bool  # a printed glyph at least
    undecodable: int  # glyphs with no Unicode mapping (``(cid:123)``)


def _glyphs(chars: Sequence[Char], bbox: tuple[float, float, float, float] | None) -> Sequence[_Glyph]:
    """Glyphs inside ``bbox`` (the visible page, ``(left, top, right, bottom)``, by their
    centres, with a point to spare; ``None``: all)."""
    if bbox is None:
        return chars
    left, top_edge, right, bottom_edge = bbox
    left, top_edge, right, bottom_edge = left - 1, top_edge - 1, right + 1, bottom_edge + 1
    return [g for g in chars if left <= g.xc <= right and top_edge <= g.yc <= bottom_edge]


def _ruled(edges: Sequence[tuple[float, float, float, float]]) -> bool:
    """Two horizontal rulings and two vertical ones at least (the edges are read until both are
    found, not counted through)."""
    horizontal = vertical = 0
    for x0, top, x1, bottom in edges:
        if bottom - top < x1 - x0:
            horizontal += 1
        else:
            vertical += 1
        if horizontal >= 2 and vertical >= 2:
            return True
    return False


def _read_page(page: SourcePage) -> _PageData:
    # a turned page keeps every glyph: its content may sit outside the unturned box
    visible = None if page.rotated else (0.0, 0.0, page.width, page.height)
    glyphs = _glyphs(page.chars, visible)
    free = glyphs
    grids: list[_Grid] = []
    edges = page.edges
    if _ruled(edges):
        for cells in find_tables(edges, _SNAP):
            grid, rest = _make_grid(page.number, cells, free)
            if grid is not None:
                grids.append(grid)
                free = rest
    grids.sort(key=lambda grid: grid.top)
    return _PageData(
        number=page.number,
        width=page.width,
        height=page.height,
        lines=tuple(_build_lines(free)),
        grids=tuple(grids),
        has_text=any(not g.text.isspace() for g in glyphs),
        undecodable=page.undecodable,
    )


def _check_envelope(data: bytes) -> None:
    if not data:
        raise ParseError("PDF.CORRUPT#empty")
    if b"%PDF-" not in data[:1024]:
        raise ParseError("PDF.CORRUPT#no_header")
    if b"%%EOF" not in data:
        raise ParseError("PDF.CORRUPT#truncated")


def _read_pdf(data: bytes) -> list[_PageData]:
    _check_envelope(data)
    pages = [_read_page(page) for page in read_source(data)]
    if not pages:
        raise ParseError("PDF.CORRUPT#no_pages")
    if not any(page.has_text for page in pages):
        if any(page.undecodable for page in pages):
            raise ParseError("PDF.NO_TEXT_LAYER#unmapped")
        raise ParseError("PDF.NO_TEXT_LAYER", {"pages": len(pages)})
    return pages


# --------------------------------------------------------------------------------------------
# page furniture


def _apart(line: _Line, neighbour: float | None, below: bool) -> bool:
    """Is ``line`` set apart from the body (by more than a line's height) on the inner side?"""
    if neighbour is None:
        return True
    gap = neighbour - line.bottom if below else line.top - neighbour
    return gap > line.bottom - line.top


def _drop_furniture(pages: list[_PageData]) -> list[list[_Line]]:
    """Each page's free lines without page numbers and running headers/footers.

    Candidates are the first two and last two lines of a page, inside the top or bottom margin
    band, with no table beyond them. A candidate that is a page number (``- 4 -``,
    ``第4页 共6页``, ``4/6``) goes; so does one printed, digits aside, at the same height on two
    pages or more, if it is set apart from the body by a gap wider than its own height (body
    lines that merely look alike from page to page are not).
    """
    kept: list[list[_Line]] = []
    candidates: dict[str, list[tuple[int, _Line]]] = {}
    for index, page in enumerate(pages):
        lines = list(page.lines)
        edges = sorted([(ln.top, ln.bottom) for ln in lines] + [(g.top, g.bottom) for g in page.grids])
        tops, bottoms = [e[0] for e in edges], sorted(e[1] for e in edges)
        grid_top = min((g.top for g in page.grids), default=float("inf"))
        grid_bottom = max((g.bottom for g in page.grids), default=float("-inf"))
        found: list[tuple[_Line, bool]] = []
        for line in lines[:2]:
            if line.bottom <= grid_top and line.bottom < _MARGIN_BAND * page.height:
                below = next((t for t in tops if t > line.bottom), None)
                found.append((line, _apart(line, below, below=True)))
        for line in lines[-2:]:
            if line.top >= grid_bottom and line.top > (1 - _MARGIN_BAND) * page.height:
                above = next((b for b in reversed(bottoms) if b < line.top), None)
                found.append((line, _apart(line, above, below=False)))
        drop: set[int] = set()
        for line, apart in found:
            if _PAGE_NUMBER_RE.fullmatch(line.text):
                drop.add(id(line))
            elif apart:
                signature = _DIGITS_RE.sub("#", _SPACES_RE.sub("", line.text))
                candidates.setdefault(signature, []).append((index, line))
        kept.append([ln for ln in lines if id(ln) not in drop])
    repeated: set[int] = set()
    for seen in candidates.values():
        # by height: a line's peers within _SNAP are its neighbours (no scan of every pair)
        ordered = sorted(seen, key=lambda item: item[1].top)
        for n, (index, line) in enumerate(ordered):
            for step in (1, -1):
                k = n + step
                while 0 <= k < len(ordered) and abs(line.top - ordered[k][1].top) <= _SNAP:
                    if ordered[k][0] != index:
                        repeated.add(id(line))
                        break
                    k += step
                if id(line) in repeated:
                    break
    return [[ln for ln in lines if id(ln) not in repeated] for lines in kept]


# --------------------------------------------------------------------------------------------
# rows on their way out: labels are resolved last, after page-break joins


class _Resolver:
    """Turns records into layout lines once every page-break join is done.

    A vertical label that spans two rows or more becomes a GROUP line before the first of
    them and is left out of their labels; one that labels a single row stays that row's label.
    """

    def __init__(self, blocks: Iterable[_Block]) -> None:
        self.rows: dict[int, int] = {}
        for block in blocks:
            for record in block.records:
                if record.kind is LineKind.ROW:
                    for label in record.labels:
                        if isinstance(label, _Label):
                            self.rows[id(label)] = self.rows.get(id(label), 0) + 1
        self.seen: set[int] = set()

    def _is_group(self, label: _Label) -> bool:
        return self.rows.get(id(label), 0) >= 2 and label.vertical

    def lines(self, records: Iterable[_Record]) -> list[LayoutLine]:
        out: list[LayoutLine] = []
        for record in records:
            labels: list[str] = []
            for label in record.labels:
                if isinstance(label, str):
                    labels.append(label)
                elif record.kind is LineKind.ROW and self._is_group(label):
                    if id(label) not in self.seen:
                        self.seen.add(id(label))
                        group = LayoutLine(
                            page=label.page,
                            cells=(label.text,),
                            is_table=True,
                            top=round(label.top, 2),
                            kind=LineKind.GROUP,
                        )
                        out.append(group)
                elif label.text:
                    labels.append(label.text)
            out.append(
                LayoutLine(
                    page=record.page,
                    cells=(*labels, *record.values),
                    is_table=True,
                    top=round(record.top, 2),
                    kind=record.kind,
                    label_count=len(labels),
                )
            )
        return out


# --------------------------------------------------------------------------------------------
# ruled tables → records


@attrs.frozen
class _Columns:
    """The governing header: where labels end and the value columns' x-ranges."""

    label_x: float
    spans: tuple[tuple[float, float], ...]
    levels: tuple[tuple[str, ...], ...]


class _RuledTable:
    """Turns the page parts of one ruled table, in order, into records."""

    def __init__(self) -> None:
        self.blocks: list[_Block] = []
        self.columns: _Columns | None = None
        self.open: list[tuple[_GridCell, _Label]] = []
        self._last_row: _Record | None = None

    # -- row classes

    @staticmethod
    def _is_caption(grid: _Grid, r: int) -> bool:
        covering = grid.covers[r]
        if len(covering) != 1:
            return False
        cell = grid.cells[covering[0]]
        return cell.r0 == r and cell.c0 == 0 and cell.c1 == grid.ncols and bool(cell.text)

    @staticmethod
    def _is_numeric(grid: _Grid, r: int) -> bool:
        return any(_is_number(grid.cells[i].value_text) for i in grid.starts[r])

    @staticmethod
    def _texts_in_values(grid: _Grid, r: int, label_x: float) -> int:
        return sum(
            1 for i in grid.starts[r] if grid.cells[i].xc >= label_x and not _is_valueish(grid.cells[i].value_text)
        )

    def _header_like(self, grid: _Grid, r: int, columns: _Columns) -> bool:
        """Under an existing header: does row ``r`` start a new header (a repeated one on a new page)?

        Text (not a number, blank or placeholder) in at least two value columns and in half of
        them, or the same words as the current header: a row with an odd word in one value
        cell stays a body row.
        """
        if self._is_numeric(grid, r):
            return False
        texts = self._texts_in_values(grid, r, columns.label_x)
        if texts >= 2 and 2 * texts >= len(columns.spans):
            return True
        words = {grid.cells[i].text for i in grid.starts[r] if grid.cells[i].text}
        return bool(words) and any(words <= set(level) for level in columns.levels)

    # -- header

    def _header_end(self, grid: _Grid, r: int, end: int, label_x: float) -> int:
        h = r
        while h < end and not self._is_numeric(grid, h) and self._texts_in_values(grid, h, label_x) > 0:
            h += 1
        return h

    def _read_header(self, grid: _Grid, r: int, block: _Block) -> int:
        """Read the header starting at row ``r``; return the first row after it."""
        end = next((rr for rr in range(r + 1, grid.nrows) if self._is_caption(grid, rr)), grid.nrows)
        numbers = [
            grid.cells[i] for rr in range(r, end) for i in grid.starts[rr] if _is_number(grid.cells[i].value_text)
        ]
        corner: int | None = None
        if numbers:
            label_x = min(cell.x0 for cell in numbers) - 0.5
            # blank value cells left of the first number are values too: a row's values are
            # the run of blank, number and placeholder cells at its right end
            for rr in range(r, end):
                if not self._is_numeric(grid, rr):
                    continue
                start = None
                for i in reversed(grid.covers[rr]):
                    if not _is_valueish(grid.cells[i].value_text):
                        break
                    start = grid.cells[i].x0
                if start is not None:
                    label_x = min(label_x, start - 0.5)
        else:
            corner = grid.covers[r][0] if grid.covers[r] else None
            label_x = grid.cells[corner].x1 - 0.5 if corner is not None else grid.xs[1]
        h = self._header_end(grid, r, end, label_x)
        if not numbers and corner is not None and grid.cells[corner].r1 < h:
            # a header with no body below it on this page: a corner cell that does not span
            # the whole header names a column group (行政复议), not the label column
            label_x = grid.xs[0] - 0.5
            h = self._header_end(grid, r, end, label_x)
        heads = [i for rr in range(r, h) for i in grid.starts[rr]]
        leaves = [
            grid.cells[i]
            for i in heads
            if grid.cells[i].xc >= label_x
            and not any(
                grid.cells[j].r0 >= grid.cells[i].r1
                and grid.cells[i].x0 - 0.5 <= grid.cells[j].xc <= grid.cells[i].x1 + 0.5
                for j in heads
            )
        ]
        if leaves:
            spans = _merge_spans((cell.x0, cell.x1) for cell in leaves)
        else:
            spans = _merge_spans(
                (grid.cells[i].x0, grid.cells[i].x1)
                for rr in range(h, end)
                for i in grid.starts[rr]
                if grid.cells[i].xc >= label_x
            )
        if not spans:
            spans = ((label_x, grid.xs[-1]),)
        levels: list[tuple[str, ...]] = []
        for hr in range(r, h):
            covering = [grid.cells[i] for i in grid.covers[hr]]
            label_part = tuple(c.text for c in covering if c.xc < label_x and c.text)
            value_part = tuple(
                next(
                    (c.text for c in covering if c.xc >= label_x and c.x0 - 0.5 <= (x0 + x1) / 2 <= c.x1 + 0.5),
                    "",
                )
                for x0, x1 in spans
            )
            levels.append(label_part + value_part)
        columns = _Columns(label_x=label_x, spans=spans, levels=tuple(levels))
        repeated = (
            self.columns is not None
            and columns.levels == self.columns.levels
            and len(columns.spans) == len(self.columns.spans)
        )
        if not repeated:
            for hr, level in zip(range(r, h), levels, strict=True):
                n_labels = len(level) - len(spans)
                block.records.append(
                    _Record(
                        page=grid.page,
                        top=grid.ys[hr],
                        kind=LineKind.HEADER,
                        labels=list(level[:n_labels]),
                        values=list(level[n_labels:]),
                    )
                )
        self.columns = columns
        self._last_row = None
        return h

    # -- body

    def _label(self, grid: _Grid, index: int, labels: dict[int, _Label]) -> _Label:
        if index not in labels:
            cell = grid.cells[index]
            labels[index] = _Label(page=grid.page, top=cell.top, lines=list(cell.lines))
        return labels[index]

    def _join_open(self, grid: _Grid, columns: _Columns, labels: dict[int, _Label], joined: set[int]) -> None:
        """Join label cells cut by the page break back to their first half.

        A label cell in the first row of the continuation, in the same column as a label cell
        that reached the bottom of the previous part, is its rest unless it starts with an item
        marker (then it is the next item): ``（四）无`` + ``法提供``; an empty cell under a
        vertical label just extends it. A spanning cell whose text was all set below the
        break (empty above it) takes the text of its continuation, marker or not.
        """
        for index in grid.starts[0]:
            cell = grid.cells[index]
            if cell.xc >= columns.label_x:
                continue
            for above, label in self.open:
                if abs(above.x0 - cell.x0) <= _SNAP and abs(above.x1 - cell.x1) <= _SNAP:
                    # an empty cell above: the spanning label's text was all set on this page
                    if not cell.text or not _has_marker(cell.text) or not label.text:
                        label.lines.extend(line for line in cell.lines if line.strip())
                        labels[index] = label
                        joined.add(index)
                    break

    def _row(
        self, grid: _Grid, r: int, columns: _Columns, labels: dict[int, _Label], joined: set[int], block: _Block
    ) -> None:
        """Row ``r`` as a record: its label cells (spanning ones shared), one value per column."""
        if not any(grid.cells[i].lines for i in grid.starts[r] if i not in joined):
            return  # nothing begins here: the rest of a row cut by the page break, or a spacer
        values = [""] * len(columns.spans)
        for i in grid.starts[r]:
            cell = grid.cells[i]
            if cell.xc < columns.label_x or not cell.lines:
                continue
            k = _column_of(columns.spans, cell.xc)
            values[k] = f"{values[k]} {cell.value_text}" if values[k] else cell.value_text
        row_labels: list[_Label | str] = [
            self._label(grid, i, labels) for i in grid.covers[r] if grid.cells[i].xc < columns.label_x
        ]
        last = self._last_row
        if (
            r == 0
            and last is not None
            and len(last.labels) == len(row_labels)
            and all(a is b for a, b in zip(last.labels, row_labels, strict=True))
        ):
            # one row cut by the page break: its values may sit on either side
            last.values = [f"{a} {b}" if a and b else a or b for a, b in zip(last.values, values, strict=False)]
            return
        record = _Record(page=grid.page, top=grid.ys[r], kind=LineKind.ROW, labels=row_labels, values=values)
        block.records.append(record)
        self._last_row = record

    def feed(self, grid: _Grid, continued: bool) -> None:
        """Add the part of the table on one page (``continued``: it carries on from the previous part)."""
        block = _Block(page=grid.page, top=grid.top, bottom=grid.bottom, records=[])
        self.blocks.append(block)
        labels: dict[int, _Label] = {}
        joined: set[int] = set()
        if not continued:
            self.columns = None
            self._last_row = None
        elif (
            self.columns is not None and not self._is_caption(grid, 0) and not self._header_like(grid, 0, self.columns)
        ):
            self._join_open(grid, self.columns, labels, joined)
        r = 0
        while r < grid.nrows:
            if self._is_caption(grid, r):
                cell = grid.cells[grid.covers[r][0]]
                block.records.append(
                    _Record(page=grid.page, top=cell.top, kind=LineKind.CAPTION, labels=[cell.text], values=[])
                )
                self.columns = None
                self._last_row = None
                r += 1
                continue
            if self.columns is None or self._header_like(grid, r, self.columns):
                after = self._read_header(grid, r, block)
                if after > r:
                    r = after
                    continue
            if self.columns is not None:
                self._row(grid, r, self.columns, labels, joined, block)
            r += 1
        self.open = []
        if self.columns is not None and grid.nrows:
            self.open = [
                (grid.cells[i], self._label(grid, i, labels))
                for i in grid.covers[grid.nrows - 1]
                if grid.cells[i].xc < self.columns.label_x
            ]


# --------------------------------------------------------------------------------------------
# putting it together


def _ruled_blocks(pages: Sequence[_PageData], taken: Sequence[Sequence[tuple[float, float]]]) -> list[list[_Block]]:
    """Each page's ruled-table blocks; a grid that ends one page and one that starts the next,
    with the same left and right edges, are one table. ``taken``: each page's other content
    (prose lines, unruled tables) as (top, bottom)."""
    ruled: list[list[_Block]] = [[] for _ in pages]
    table = _RuledTable()
    previous: _Grid | None = None
    for index, page in enumerate(pages):
        for position, grid in enumerate(page.grids):
            continued = (
                previous is not None
                and position == 0
                and previous.page == page.number - 1
                and previous is pages[index - 1].grids[-1]
                and all(bottom <= previous.bottom + 1 for _, bottom in taken[index - 1])
                and all(top >= grid.top - 1 for top, _ in taken[index])
                and abs(previous.xs[0] - grid.xs[0]) <= _SNAP
                and abs(previous.xs[-1] - grid.xs[-1]) <= _SNAP
            )
            if not continued:
                table = _RuledTable()
            start = len(table.blocks)
            table.feed(grid, continued)
            ruled[index] += table.blocks[start:]
            previous = grid
    return ruled


def _layout(pages: list[_PageData]) -> tuple[LayoutLine, ...]:
    """Furniture out, unruled tables found among the free lines, ruled tables joined across
    page breaks; then every page's prose lines and table blocks in order of their tops."""
    prose: list[list[_Line]] = []
    unruled: list[list[_Block]] = []
    carry: _Carry | None = None
    for page, lines in zip(pages, _drop_furniture(pages), strict=True):
        blocks, rest, carry = find_unruled(page.number, [(g.top, g.bottom) for g in page.grids], lines, carry)
        unruled.append(blocks)
        prose.append(rest)
    taken = [
        [(ln.top, ln.bottom) for ln in lines] + [(b.top, b.bottom) for b in blocks]
        for lines, blocks in zip(prose, unruled, strict=True)
    ]
    ruled = _ruled_blocks(pages, taken)
    resolver = _Resolver(block for blocks in (*unruled, *ruled) for block in blocks)
    out: list[LayoutLine] = []
    for index, page in enumerate(pages):
        items: list[tuple[float, int, _Line | _Block]] = [(ln.top, n, ln) for n, ln in enumerate(prose[index])]
        items += [(b.top, len(items) + n, b) for n, b in enumerate(unruled[index] + ruled[index])]
        items.sort(key=lambda item: (item[0], item[1]))
        for _, _, item in items:
            if isinstance(item, _Line):
                out.append(
                    LayoutLine(
                        page=page.number,
                        cells=(item.text,),
                        is_table=False,
                        top=round(item.top, 2),
                        x0=round(item.x0, 2),
                        x1=round(item.x1, 2),
                        size=round(item.size, 2),
                    )
                )
            else:
                out.extend(resolver.lines(item.records))
    return tuple(out)


def extract_layout(data: bytes) -> tuple[LayoutLine, ...]:
    """The prose lines and table rows of a PDF, in reading order.

    Raises :class:`~gov_disclosure.ParseError` with code ``PDF.NO_TEXT_LAYER`` (no page has
    text: a scan), ``PDF.ENCRYPTED`` (needs a password) or ``PDF.CORRUPT`` (empty, truncated,
    not a PDF, unreadable), and :class:`~gov_disclosure.MissingExtraError` when pypdfium2 is
    not installed. No other exception escapes for any input bytes.

    On the corpus report ``huaian-2024.pdf`` the row labelled ``（一）予以公开`` comes out with
    the values ``('1288', '21', '0', '0', '50', '3', '1362')``. Bad bytes raise a library error:

    >>> try:
    ...     extract_layout(b"%PDF-1.7 cut short")
    ... except ParseError as exc:
    ...     print(exc.code)
    PDF.CORRUPT
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"extract_layout() needs bytes, not {type(data).__name__}")
    data = bytes(data)
    pages = _read_pdf(data)
    try:
        return _layout(pages)
    except Exception as exc:  # defensive: odd geometry must not escape as a random error
        raise ParseError("PDF.CORRUPT#layout", {"reason": f"{type(exc).__name__}: {exc}"}) from exc
