"""PDF layout stage: positioned glyphs → neutral prose lines and table rows.

This module knows nothing about the report model. It turns the text layer of a PDF into
:class:`LayoutLine` rows — one per visual prose line, one per table row — that a later stage
maps to sections, rows and columns. Everything here works on *positioned* glyphs and ruling
lines from the character-and-line source (:mod:`._pdf_source`, PDFium through ``pypdfium2``),
never on a flat text dump: rows come from cell geometry or baselines, columns from the header's
x-ranges; ruled tables are found by :mod:`._pdf_ruling`.

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
import enum
import itertools
import operator
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from .._errors import ParseError
from ._pdf_ruling import find_tables
from ._pdf_source import Char, SourcePage, read_source

__all__ = ["LayoutLine", "LineKind", "extract_layout"]


class LineKind(enum.Enum):
    """What a :class:`LayoutLine` is."""

    #: A visual line of running text outside any table.
    PROSE = "prose"
    #: A table row that is one cell spanning the whole table (``第二十条 第（一）项``).
    CAPTION = "caption"
    #: One level of a table's column header.
    HEADER = "header"
    #: A group label typeset vertically down the label column (``三、本年度办理结果``); it
    #: stands before the first row it spans and is not repeated in the rows' labels.
    GROUP = "group"
    #: A body row of a table: label cells, then one value per column.
    ROW = "row"


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

_SPACE_GAP = 0.6  # × font size: a wider gap inside a line is a space
_DIGIT_GAP = 0.2  # × font size: between two digits a much narrower gap already separates numbers
_SEGMENT_GAP = 0.9  # × font size: unruled tables, a wider gap separates two cells
_SNAP = 3.0  # rulings, cell and table edges this close are the same
_MAX_HEADER_LINES = 8  # unruled tables: how far above the values a header may reach
_MAX_LABEL_LINES = 6  # unruled tables: label-only lines between two value lines
_MIN_LONE_VALUES = 5  # unruled tables: values on a line that is a table row with no header nor label
_MARGIN_BAND = 0.15  # × page height: where page numbers and running headers live

_UNITS = ("%", "％", "万元", "元", "件", "个", "项", "条", "次", "人次", "户", "家", "人")  # after a number
_NUMBER_RE = re.compile(r"[+\-−－]?\d[\d,，]*(?:[.．]\d+)?\s*(?:" + "|".join(map(re.escape, _UNITS)) + ")?")
_PLACEHOLDERS = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "―", "无", "不适用", "…"})
#: the characters a value cell's text can end with, besides a digit
_VALUE_ENDS = frozenset(unit[-1] for unit in _UNITS) | frozenset(mark[-1] for mark in _PLACEHOLDERS)
_MARKER_RE = re.compile(
    r"\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d))"
)
_SPACES_RE = re.compile(r"\s+")
_DIGITS_RE = re.compile(r"\d+")
_PAGE_NUMBER_RE = re.compile(
    r"[-—–－~～_\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*[，,]?\s*共\s*\d{1,4}\s*页)?[-—–－~～_\s]*"
    r"|[-—–－\s]*[ivxlcdmIVXLCDM]{1,6}[-—–－\s]*"
    r"|[Pp]age\s*\d+(?:\s*(?:of|/)\s*\d+)?"
)


def _is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(text.strip()) is not None


def _is_valueish(text: str) -> bool:
    """Blank, a number, or a placeholder: anything a value cell normally holds."""
    stripped = text.strip()
    return not stripped or stripped in _PLACEHOLDERS or _is_number(stripped)


def _has_marker(text: str) -> bool:
    return _MARKER_RE.match(text) is not None


# --------------------------------------------------------------------------------------------
# glyphs and lines


#: One glyph: the source's character, made in the shape this stage reads.
_Glyph = Char


@attrs.frozen
class _Line:
    """Glyphs sharing a baseline, left to right."""

    glyphs: tuple[_Glyph, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


def _join_glyphs(glyphs: Sequence[_Glyph]) -> str:
    """The text of glyphs on one line, with a space where the gap (or a space glyph) says so.

    Evenly spread glyphs (justified or letter-spaced cells: ``结　果``) are one word: only a gap
    that stands out from the others, or a printed space, separates. Digits are never joined
    across a visible gap, so two numbers printed side by side stay two.
    """
    if len(glyphs) == 1:
        text = glyphs[0].text
        return "" if text.isspace() else text
    parts: list[str] = []
    prev: _Glyph | None = None
    spaced = False
    spread: bool | None = None  # worked out when a wide gap first asks
    for g in glyphs:
        text = g.text
        if text.isspace():
            spaced = prev is not None
            continue
        if prev is not None:
            if spaced:
                parts.append(" ")
            else:
                gap = g.x0 - prev.x1
                # both thresholds are positive (sizes are at least 1); the narrower one first
                if gap > 0 and gap > _DIGIT_GAP * (g.size if g.size > prev.size else prev.size):
                    em = g.size if g.size > prev.size else prev.size
                    if prev.text[-1].isdigit() and text[0].isdigit():
                        parts.append(" ")
                    elif gap > _SPACE_GAP * em:
                        if spread is None:
                            spread = _evenly_spread(glyphs)
                        if not spread:
                            parts.append(" ")
        parts.append(text)
        prev = g
        spaced = False
    return "".join(parts)


def _evenly_spread(glyphs: Sequence[_Glyph]) -> bool:
    """Three printed glyphs or more, all apart by the same gap (within a tenth of the font size)."""
    solid = [g for g in glyphs if not g.text.isspace()]
    if len(solid) < 3:
        return False
    gaps = [b.x0 - a.x1 for a, b in itertools.pairwise(solid)]
    narrowest = min(gaps)
    return max(gaps) - narrowest < 0.1 * max(g.size for g in solid) and narrowest > 0


def _kept(glyphs: Sequence[_Glyph]) -> list[_Glyph]:
    """A line's glyphs left to right, without fake bold (the same glyph painted twice, a hair apart)."""
    ordered = sorted(glyphs, key=_BY_X0) if len(glyphs) > 1 else glyphs
    kept: list[_Glyph] = []
    for g in ordered:
        if kept and kept[-1].text == g.text and abs(kept[-1].x0 - g.x0) < 0.3 * max(g.x1 - g.x0, 0.5):
            continue
        kept.append(g)
    return kept


def _make_line(glyphs: Sequence[_Glyph]) -> _Line:
    kept = _kept(glyphs)
    texts, _, x1s, tops, bottoms, all_sizes, *_ = zip(*kept, strict=True)
    sizes = [size for text, size in zip(texts, all_sizes, strict=True) if not text.isspace()] or [kept[0].size]
    return _Line(
        glyphs=tuple(kept),
        text=_join_glyphs(kept).strip(),
        x0=kept[0].x0,
        x1=max(x1s),
        top=min(tops),
        bottom=max(bottoms),
        size=sizes[0] if len(sizes) == 1 else statistics.median(sizes),
    )


_BY_X0 = operator.attrgetter("x0")
_BY_CENTRE = operator.attrgetter("yc", "x0")
_BY_TOP = operator.attrgetter("top", "x0")


def _line_groups(glyphs: Iterable[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into visual lines by vertical centre, in order of the centres.

    A glyph joins the current line when its centre is within half a glyph height of the line's
    first glyph: label and value fonts whose baselines differ by a point or two share a line,
    stacked characters of a vertical label do not.
    """
    groups: list[list[_Glyph]] = []
    anchor: _Glyph | None = None
    for g in sorted(glyphs, key=_BY_CENTRE):
        if anchor is not None:
            lower = g.height if g.height < anchor.height else anchor.height  # min(), without the call
            if abs(g.yc - anchor.yc) <= 0.5 * lower:
                groups[-1].append(g)
                continue
        groups.append([g])
        anchor = g
    return groups


def _build_lines(glyphs: Iterable[_Glyph]) -> list[_Line]:
    """Glyphs as visual lines (see :func:`_line_groups`), blank ones left out; top to bottom."""
    lines = [_make_line(group) for group in _line_groups(glyphs)]
    lines = [line for line in lines if line.text]
    lines.sort(key=_BY_TOP)
    return lines


def _cell_lines(glyphs: Sequence[_Glyph]) -> tuple[str, ...]:
    """The text lines of one table cell, top to bottom (rotated text: in reading order); the
    same texts, in the same order, as :func:`_build_lines` gives."""
    if not glyphs:
        return ()
    if all(not g.upright for g in glyphs if not g.text.isspace()):
        upward = sum(g.upward for g in glyphs) * 2 > len(glyphs)
        ordered = sorted(glyphs, key=lambda g: g.yc, reverse=upward)
        return tuple(g.text for g in ordered if not g.text.isspace())
    if len(glyphs) == 1:  # a one-glyph cell (a digit, a placeholder): its line, if not blank
        text = glyphs[0].text.strip()
        return (text,) if text else ()
    first = glyphs[0].yc
    if all(g.yc == first for g in glyphs):  # one line (a number, a short label): no grouping
        text = _join_glyphs(_kept(glyphs)).strip()
        return (text,) if text else ()
    lines: list[tuple[float, float, str]] = []
    for group in _line_groups(glyphs):
        kept = _kept(group)
        text = _join_glyphs(kept).strip()
        if text:
            lines.append((min(g.top for g in kept), kept[0].x0, text))
    if len(lines) > 1:
        lines.sort(key=_FIRST_TWO)
    return tuple(line[2] for line in lines)


_FIRST_TWO = operator.itemgetter(0, 1)


def _join_label(lines: Iterable[str]) -> str:
    """Wrapped label lines as one label: Chinese text joins without a space, Latin words with one."""
    out = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalpha() and line[0].isascii() and line[0].isalpha():
            out += " "
        out += line
    return out


def _join_value(lines: Iterable[str]) -> str:
    """A value cell's lines: joined with a space, so that nothing is glued into a new number."""
    return " ".join(line.strip() for line in lines if line.strip())


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


def _read_page(page: SourcePage) -> _PageData:
    # a turned page keeps every glyph: its content may sit outside the unturned box
    visible = None if page.rotated else (0.0, 0.0, page.width, page.height)
    glyphs = _glyphs(page.chars, visible)
    free = glyphs
    grids: list[_Grid] = []
    edges = page.edges
    horizontal = sum(e[3] - e[1] < e[2] - e[0] for e in edges)
    if horizontal >= 2 and len(edges) - horizontal >= 2:
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
        for index, line in seen:
            if any(other != index and abs(line.top - peer.top) <= _SNAP for other, peer in seen):
                repeated.add(id(line))
    return [[ln for ln in lines if id(ln) not in repeated] for lines in kept]


# --------------------------------------------------------------------------------------------
# rows on their way out: labels are resolved last, after page-break joins


@attrs.define(eq=False)
class _Label:
    """A label cell's text, shared by every row it spans (and grown by a page-break join)."""

    page: int
    top: float
    lines: list[str]

    @property
    def text(self) -> str:
        return _join_label(self.lines)

    @property
    def vertical(self) -> bool:
        """One or two characters per line over three lines or more: typeset vertically."""
        solid = [_SPACES_RE.sub("", line) for line in self.lines]
        solid = [s for s in solid if s]
        return len(solid) >= 3 and all(len(s) <= 2 for s in solid)


@attrs.define(eq=False)
class _Record:
    page: int
    top: float
    kind: LineKind
    labels: list[_Label | str]
    values: list[str]


@attrs.define(eq=False)
class _Block:
    """Records that stand together on one page, placed at ``top`` among the prose lines."""

    page: int
    top: float
    bottom: float
    records: list[_Record]


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


def _column_of(spans: Sequence[tuple[float, float]], x: float) -> int:
    for i, (x0, x1) in enumerate(spans):
        if x0 - 0.5 <= x <= x1 + 0.5:
            return i
    return min(range(len(spans)), key=lambda i: min(abs(x - spans[i][0]), abs(x - spans[i][1])))


def _merge_spans(spans: Iterable[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    out: list[tuple[float, float]] = []
    for x0, x1 in sorted(spans):
        if out and x0 < out[-1][1] - 0.5:
            out[-1] = (out[-1][0], max(out[-1][1], x1))
        else:
            out.append((x0, x1))
    return tuple(out)


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
# unruled tables


class _Seg(NamedTuple):
    """A run of glyphs on one line with no wide gap inside: one cell of an unruled table."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    own: bool = False  # the last label on a line that carries values: that row's own label

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.top + self.bottom) / 2


class _ULine:
    """A line of an unruled page: its segments (cut when first asked for: a line that cannot
    end in a value is seldom asked), and where its values start."""

    __slots__ = ("_segs", "first_value", "line", "lone")

    def __init__(
        self, line: _Line, segs: tuple[_Seg, ...] | None, first_value: int | None, lone: int | None = None
    ) -> None:
        self.line = line
        self._segs = segs
        #: index of the first value segment on a line that carries values
        self.first_value = first_value
        #: a label then one placeholder: values only inside a table's value columns
        self.lone = lone

    @property
    def segs(self) -> tuple[_Seg, ...]:
        if self._segs is None:
            self._segs = _segments(self.line)
        return self._segs

    @property
    def is_data(self) -> bool:
        return self.first_value is not None

    @property
    def label_segs(self) -> tuple[_Seg, ...]:
        return self.segs if self.first_value is None else self.segs[: self.first_value]

    @property
    def value_segs(self) -> tuple[_Seg, ...]:
        return () if self.first_value is None else self.segs[self.first_value :]


def _segments(line: _Line) -> tuple[_Seg, ...]:
    """The line cut at gaps wider than :data:`_SEGMENT_GAP` × the font size; a space glyph
    belongs to the segment before it. One pass: each segment's extent (of its printed glyphs)
    is kept as it grows, and its glyphs are a slice of the line's."""
    glyphs = line.glyphs
    # (first index, end index, x0, x1, top, bottom, size) of each segment so far
    bounds: list[list[float]] = []
    here: list[float] = []  # the last of them
    prev: _Glyph | None = None
    for n, g in enumerate(glyphs):
        if g.text.isspace():
            if here:
                here[1] = n + 1
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            if not (gap > 0 and gap > _SEGMENT_GAP * (g.size if g.size > prev.size else prev.size)):
                here[1] = n + 1
                if g.x1 > here[3]:
                    here[3] = g.x1
                if g.top < here[4]:
                    here[4] = g.top
                if g.bottom > here[5]:
                    here[5] = g.bottom
                if g.size > here[6]:
                    here[6] = g.size
                prev = g
                continue
        here = [n, n + 1, g.x0, g.x1, g.top, g.bottom, g.size]
        bounds.append(here)
        prev = g
    if len(bounds) == 1:  # one segment holds all the line's printed glyphs: the line's own text
        _, _, x0, x1, top, bottom, size = bounds[0]
        return (_Seg(line.text, x0, x1, top, bottom, size),)
    segs: list[_Seg] = []
    for first, stop, x0, x1, top, bottom, size in bounds:
        i, j = int(first), int(stop)
        text = glyphs[i].text.strip() if j == i + 1 else _join_glyphs(glyphs[i:j]).strip()
        segs.append(_Seg(text, x0, x1, top, bottom, size))
    return tuple(segs)


def _uline(line: _Line) -> _ULine:
    """A line cut into segments; its values are the trailing run of numbers, blanks and
    placeholders (with one number at least, or two placeholders)."""
    last = line.text[-1:]
    if not (last.isdecimal() or last in _VALUE_ENDS):
        return _ULine(line, None, None)  # its last segment holds no value: no values at all
    segs = _segments(line)
    first: int | None = None
    for i in range(len(segs) - 1, -1, -1):
        if not _is_valueish(segs[i].text):
            break
        first = i
    lone: int | None = None
    if first is not None:
        values = segs[first:]
        lone_placeholder = not any(_is_number(s.text) for s in values) and len(values) < 2
        if lone_placeholder and first > 0 and values[0].text:
            lone = first
        if lone_placeholder or (len(segs) == 1 and not _is_number(segs[0].text)):
            first = None
    if first is not None:
        segs = tuple(s if s.own == (i == first - 1) else s._replace(own=i == first - 1) for i, s in enumerate(segs))
    return _ULine(line, segs, first, lone)


def _as_data(u: _ULine, value_x: float) -> _ULine | None:
    """A line ending in a lone placeholder (``行政强制  —``) as a value line, when the placeholder
    stands in the value columns of the table around it."""
    if u.lone is None or u.segs[u.lone].x0 < value_x - u.line.size:
        return None
    segs = tuple(s if s.own == (i == u.lone - 1) else s._replace(own=i == u.lone - 1) for i, s in enumerate(u.segs))
    return _ULine(u.line, segs, u.lone)


@attrs.define(eq=False)
class _Carry:
    """An unruled table that ends its page, for a continuation at the top of the next."""

    spans: tuple[tuple[float, float], ...]
    label_cols: tuple[float, ...]
    last_labels: dict[float, _Label]  # label column's left edge → its last label
    #: only a header closed the page: its columns serve rows without labels alone (section 四)
    header_only: bool = False


def _label_only(u: _ULine, value_x: float) -> bool:
    return not u.is_data and all(s.x1 <= value_x + 0.5 * s.size for s in u.segs)


def _crosses(u: _ULine, left: float, value_x: float) -> bool:
    """A segment that starts well inside the label area and runs into the values: prose."""
    return any(s.x0 < (left + value_x) / 2 and s.x1 > value_x + s.size for s in u.segs)


def _in_value_area(u: _ULine, value_x: float) -> bool:
    return any(s.xc >= value_x - s.size for s in u.segs)


def _gap(upper: _ULine, lower: _ULine) -> float:
    return lower.line.top - upper.line.bottom


class _UnruledTable:
    """One unruled table on one page: header lines and body lines → records."""

    def __init__(self, page: int, header: Sequence[_ULine], body: Sequence[_ULine], carry: _Carry | None) -> None:
        self.page = page
        self.header = header
        self.body = body
        self.data = [u for u in body if u.is_data]
        self.value_x = min(s.x0 for u in self.data for s in u.value_segs)
        self.value_x = self._blank_columns_left()
        self.carry = carry
        self.spans = carry.spans if carry is not None else self._columns()
        self.top = (header[0] if header else body[0]).line.top
        self.bottom = body[-1].line.bottom

    def _blank_columns_left(self) -> float:
        """The left edge of the values, moved left over header columns that hold no value at all.

        A header segment left of the first value stands over a blank column when it is clear
        of every row label and is not the first segment of its header line (that one names
        the label column: 信息内容); in a table without row labels (section 四) every one does.
        """
        labels = [s for u in self.body for s in u.label_segs]
        label_right = max((s.x1 for s in labels), default=None)
        x = self.value_x
        for u in self.header:
            for n, s in enumerate(sorted(u.segs, key=lambda seg: seg.x0)):
                if s.xc >= self.value_x - s.size:
                    continue
                if label_right is None or (n > 0 and s.x0 > label_right + s.size):
                    x = min(x, s.x0)
        return x

    def _pitch(self, centres: Sequence[float]) -> float:
        steps = [b - a for a, b in itertools.pairwise(centres)]
        return statistics.median(steps) if steps else 4 * statistics.median(u.line.size for u in self.data)

    def _columns(self) -> tuple[tuple[float, float], ...]:
        """Value columns: where the values stand, plus header columns that hold no value at all.

        A header segment that touches no value and stands well away from every value column
        (an empty 小计 column), or stands on the lowest header line beside the other column
        names, is a column of its own; one centred between value columns higher up is a
        spanning header (法人或其他组织) and adds nothing.
        """
        clusters = _merge_spans((s.x0, s.x1) for u in self.data for s in u.value_segs)
        centres = [(x0 + x1) / 2 for x0, x1 in clusters]
        far = 0.6 * self._pitch(centres)
        near = 0.35 * self._pitch(centres)
        lowest = self.header[-1] if self.header else None
        blank = [
            (s.x0, s.x1)
            for u in self.header
            for s in u.segs
            if s.xc >= self.value_x - s.size
            and not any(s.x0 < x1 and x0 < s.x1 for x0, x1 in clusters)
            and all(abs(s.xc - c) > (near if u is lowest else far) for c in centres)
        ]
        return _merge_spans([*clusters, *_merge_spans(blank)])

    def _header_records(self) -> list[_Record]:
        """Header lines: upper levels line by line, then one line of the leaf column names.

        Columns own the x-range up to half-way to their neighbours. A header segment that
        overlaps two or more of those ranges (each by a fifth of its width) spans them; any
        other belongs to the column nearest its centre. In each column the lowest segments
        set close together (wrapped lines of one cell: ``商业企`` / ``业``) are the leaf name;
        segments further up are upper levels, shown on the line they were printed on.
        """
        spans = self.spans
        centres = [(x0 + x1) / 2 for x0, x1 in spans]
        half = self._pitch(centres) / 2
        bounds = [centres[0] - half, *((a + b) / 2 for a, b in itertools.pairwise(centres)), centres[-1] + half]
        label_text = _join_label(s.text for u in self.header for s in u.segs if s.xc < self.value_x - s.size)
        label_part: list[_Label | str] = [label_text] if label_text else []
        upper: list[list[str]] = [[""] * len(spans) for _ in self.header]
        in_column: list[list[tuple[int, _Seg]]] = [[] for _ in spans]
        for n, u in enumerate(self.header):
            for s in u.segs:
                if s.xc < self.value_x - s.size:
                    continue
                width = max(s.x1 - s.x0, 1.0)
                inside = [k for k, c in enumerate(centres) if s.x0 <= c <= s.x1]
                covered = [
                    k
                    for k in range(len(spans))
                    if k in inside or min(s.x1, bounds[k + 1]) - max(s.x0, bounds[k]) >= 0.35 * width
                ]
                if len(covered) >= 2:
                    for k in covered:
                        upper[n][k] = s.text
                elif len(inside) == 1:
                    in_column[inside[0]].append((n, s))
                else:
                    in_column[min(range(len(spans)), key=lambda k: abs(s.xc - centres[k]))].append((n, s))
        leaves: list[str] = []
        for k, found in enumerate(in_column):
            found.sort(key=lambda item: item[1].top)
            gaps = [b.top - a.bottom for (_, a), (_, b) in itertools.pairwise(found)]
            size = max((seg.size for _, seg in found), default=1.0)
            limit = max(1.5 * min(gaps), 1.5 * size) if len(gaps) >= 2 else 3 * size
            cut = len(found) - 1
            while cut > 0 and gaps[cut - 1] <= limit:
                cut -= 1
            leaves.append(_join_label(s.text for _, s in found[max(cut, 0) :]))
            for n, seg in found[: max(cut, 0)]:
                upper[n][k] = f"{upper[n][k]}{seg.text}"
        records = [
            _Record(self.page, u.line.top, LineKind.HEADER, list(label_part), values)
            for u, values in zip(self.header, upper, strict=True)
            if any(values)
        ]
        records.append(_Record(self.page, self.header[-1].line.top, LineKind.HEADER, list(label_part), leaves))
        return records

    def _label_blocks(self) -> tuple[list[tuple[float, _Label, float, float]], tuple[float, ...]]:
        """Label cells: (column's left edge, label, top, bottom), and the label columns' left edges.

        Segments are grouped by left edge into label columns; down a column a segment
        continues the cell above unless it starts with an item marker (``（三）``, ``1.``, ``1、``),
        or both are the own labels of value lines, or a row with its own label lies between
        them, or they are far apart. Runs of one- or two-character segments stack into a
        vertical label whatever their spacing.
        """
        segs = [s for u in self.body for s in u.label_segs]
        em = statistics.median([s.size for s in segs]) if segs else 10.0
        starts = list(self.carry.label_cols) if self.carry is not None else []
        for x in sorted(s.x0 for s in segs):
            if not any(abs(x - c) <= 1.5 * em for c in starts):
                starts.append(x)
        cols = tuple(sorted(starts))
        labelled = [u.line.yc for u in self.data if u.label_segs]
        per_col: dict[int, list[_Seg]] = {}
        for s in segs:
            k = min(range(len(cols)), key=lambda i: abs(s.x0 - cols[i]))
            per_col.setdefault(k, []).append(s)
        out: list[tuple[float, _Label, float, float]] = []
        for k, col_segs in sorted(per_col.items()):
            col_segs.sort(key=lambda s: s.top)
            groups: list[list[_Seg]] = []
            for s in col_segs:
                if groups and not _has_marker(s.text):
                    prev = groups[-1][-1]
                    gap = s.top - prev.bottom
                    short = all(len(p.text.replace(" ", "")) <= 2 for p in groups[-1])
                    between = any(prev.bottom < y < s.top for y in labelled)
                    wrapped = not (prev.own and s.own) and not between and gap <= 1.5 * s.size
                    stacked = (
                        short
                        and len(s.text.replace(" ", "")) <= 2
                        and s.x0 < prev.x1
                        and prev.x0 < s.x1
                        and gap <= 6 * s.size
                    )
                    if wrapped or stacked:
                        groups[-1].append(s)
                        continue
                groups.append([s])
            for group in groups:
                label = _Label(page=self.page, top=group[0].top, lines=[s.text for s in group])
                out.append((cols[k], label, group[0].top, group[-1].bottom))
        return out, cols

    def records(self) -> tuple[list[_Record], _Carry]:
        """The table's records, and what a continuation on the next page needs."""
        records = self._header_records() if self.header else []
        blocks, cols = self._label_blocks()
        rows = self.data
        size = statistics.median([u.line.size for u in rows])
        row_labels: list[list[tuple[float, float, _Label]]] = [[] for _ in rows]
        carried = dict(self.carry.last_labels) if self.carry is not None else {}
        last_labels: dict[float, _Label] = dict(carried)
        first_bottom = rows[0].line.bottom
        for col, label, top, bottom in blocks:
            above = next((carried.pop(x) for x in list(carried) if abs(x - col) <= 1.5 * size), None)
            if above is not None and top <= first_bottom and not _has_marker(label.text):
                above.lines.extend(label.lines)  # the rest of a label cut by the page break
                continue
            slack = size if label.vertical else 0.3 * size
            hits = [i for i, u in enumerate(rows) if top - slack <= u.line.yc <= bottom + slack]
            if not hits:
                middle = (top + bottom) / 2
                hits = [min(range(len(rows)), key=lambda i: abs(rows[i].line.yc - middle))]
            for i in hits:
                row_labels[i].append((col, top, label))
            last_labels = {x: lab for x, lab in last_labels.items() if abs(x - col) > 1.5 * size}
            last_labels[col] = label
        for i, u in enumerate(rows):
            values = [""] * len(self.spans)
            for s in u.value_segs:
                c = _column_of(self.spans, s.xc)
                values[c] = f"{values[c]} {s.text}" if values[c] else s.text
            labels: list[_Label | str] = [label for _, _, label in sorted(row_labels[i], key=lambda t: t[:2])]
            records.append(_Record(self.page, u.line.top, LineKind.ROW, labels, values))
        carry = _Carry(spans=self.spans, label_cols=cols, last_labels=last_labels)
        return records, carry


def _aligned(u: _ULine, carry: _Carry) -> bool:
    return all(any(x0 - s.size <= s.xc <= x1 + s.size for x0, x1 in carry.spans) for s in u.value_segs)


def _under_column_name(above: _ULine, u: _ULine) -> _ULine | None:
    """A label and a lone placeholder right under a header line naming the placeholder's
    column (not the header's first, label-column segment): a one-row table's value line."""
    if u.lone is None or above.is_data or _gap(above, u) > 2.5 * u.line.size:
        return None
    mark = u.segs[u.lone]
    names = sorted(above.segs, key=lambda seg: seg.x0)[1:]
    if not any(n.x0 - n.size <= mark.xc <= n.x1 + n.size for n in names):
        return None
    return _as_data(u, mark.x0)


def _grow(ulines: list[_ULine], i: int) -> tuple[int, float]:
    """From the value line ``i``: the end of its run of value lines and wrapped labels, and
    the left edge of the values. Lines ending in a lone placeholder in the value columns
    become value lines (in ``ulines``)."""
    value_x = min(s.x0 for s in ulines[i].value_segs)
    j, last_data = i + 1, i
    while j < len(ulines):
        u = ulines[j]
        if _gap(ulines[j - 1], u) > 2.5 * u.line.size:
            break
        promoted = _as_data(u, value_x)
        if promoted is not None:
            ulines[j] = u = promoted
        if u.is_data:
            value_x = min(value_x, min(s.x0 for s in u.value_segs))
            last_data = j
        elif not (_label_only(u, value_x) and j - last_data <= _MAX_LABEL_LINES):
            break
        j += 1
    end = last_data + 1
    # the wrapped label of the last row; and whatever label lines close the page (a label
    # cut by the page break, its rest on the next page)
    at_page_end = j == len(ulines)
    while (
        end < j
        and _label_only(ulines[end], value_x)
        and _gap(ulines[end - 1], ulines[end]) <= 1.5 * ulines[end].line.size
        and (at_page_end or not _has_marker(ulines[end].line.text))
    ):
        end += 1
    return end, value_x


def _header_above(ulines: Sequence[_ULine], used: Sequence[bool], start: int, end: int, value_x: float) -> list[int]:
    """Indices of the header lines right above ``start`` (none: a headerless table)."""
    left = min(
        (s.x0 for u in ulines[start:end] for s in u.label_segs),
        default=value_x - 4 * ulines[start].line.size,
    )
    header: list[int] = []
    k = start - 1
    while k >= 0 and len(header) < _MAX_HEADER_LINES and not used[k]:
        u, below = ulines[k], ulines[k + 1]
        limit = (6 if not header else 2.5) * below.line.size  # rows may be tall; header lines are not
        if _gap(u, below) > limit or u.is_data or _crosses(u, left, value_x):
            break
        header.insert(0, k)
        k -= 1
    while header and not _in_value_area(ulines[header[0]], value_x):
        header.pop(0)
    return header


def _find_unruled(
    page: _PageData, lines: Sequence[_Line], carry: _Carry | None
) -> tuple[list[_Block], list[_Line], _Carry | None]:
    """Unruled tables among a page's free lines: their blocks, the prose left, and a carry.

    A table is a run of value lines (with wrapped labels between them) under a header, or
    two value lines or more without one, or one line of five values or more and no label, or,
    at the top of a page, the continuation of an unruled table that ended the previous page
    with values in the same columns.
    """
    ulines = [_uline(line) for line in lines]
    used = [False] * len(ulines)
    blocks: list[_Block] = []
    last_carry: _Carry | None = None
    last_end = -1
    grid_top = min((g.top for g in page.grids), default=float("inf"))
    grid_bottom = max((g.bottom for g in page.grids), default=float("-inf"))
    i = 0
    while i < len(ulines):
        if not ulines[i].is_data and i > 0 and not used[i - 1]:
            promoted = _under_column_name(ulines[i - 1], ulines[i])
            if promoted is not None:
                ulines[i] = promoted
        if not ulines[i].is_data:
            i += 1
            continue
        value_x = min(s.x0 for s in ulines[i].value_segs)
        while i > 0 and not used[i - 1] and _gap(ulines[i - 1], ulines[i]) <= 2.5 * ulines[i].line.size:
            promoted = _as_data(ulines[i - 1], value_x)  # a first row holding only a placeholder
            if promoted is None:
                break
            ulines[i - 1] = promoted
            i -= 1
        end, value_x = _grow(ulines, i)
        data = [u for u in ulines[i:end] if u.is_data]
        start = i
        if not ulines[i].label_segs:  # the first row's label stands above its values
            while (
                start > 0
                and not used[start - 1]
                and _label_only(ulines[start - 1], value_x)
                and _gap(ulines[start - 1], ulines[start]) <= 1.5 * ulines[start].line.size
            ):
                start -= 1
        header = _header_above(ulines, used, start, end, value_x)
        continues = (
            not header
            and carry is not None
            and all(used[:start])
            and ulines[start].line.top < grid_top
            and all(_aligned(u, carry) for u in data)
            and not (carry.header_only and any(u.label_segs for u in ulines[start:end]))
        )
        # one line of numbers alone (section 四's row, its header left on the page before)
        lone_row = len(data) == 1 and not data[0].label_segs and len(data[0].value_segs) >= _MIN_LONE_VALUES
        if not header and not continues and len(data) < 2 and not lone_row:
            i += 1
            continue
        table = _UnruledTable(
            page.number,
            [ulines[h] for h in header],
            ulines[start:end],
            carry if continues else None,
        )
        records, table_carry = table.records()
        blocks.append(_Block(page=page.number, top=table.top, bottom=table.bottom, records=records))
        for n in range(header[0] if header else start, end):
            used[n] = True
        last_carry, last_end = table_carry, end
        i = end
    ends_page = last_end == len(ulines) and (not blocks or blocks[-1].top > grid_bottom)
    prose = [u.line for n, u in enumerate(ulines) if not used[n]]
    if ulines and not ends_page and not used[-1] and (not page.grids or ulines[-1].line.top > grid_bottom):
        return blocks, prose, _header_carry(ulines)
    return blocks, prose, last_carry if ends_page else None


def _header_carry(ulines: Sequence[_ULine]) -> _Carry | None:
    """A table header that closes the page with its body on the next: its leaf columns.

    The header is the run of lines at the page's end that are cut into several segments
    (or are short pieces of wrapped names), one of them into three or more; its leaf
    columns are the x-ranges of the segments printed within two lines of its last line. It
    serves a continuation whose rows have no labels (the labels' column would be a column).
    """
    run: list[_ULine] = []
    for u in reversed(ulines):
        if u.is_data:
            return None
        short = len(u.segs) == 1 and len(u.segs[0].text.replace(" ", "")) <= 4
        if len(u.segs) < 2 and not short:
            break
        if run and _gap(u, run[0]) > 2.5 * u.line.size:
            break
        run.insert(0, u)
    if not any(len(u.segs) >= 3 for u in run):
        return None
    last = run[-1].line
    band = [s for u in run if u.line.top >= last.top - 2 * last.size for s in u.segs]
    spans = _merge_spans((s.x0, s.x1) for s in band)
    if len(spans) < 2:
        return None
    return _Carry(spans=spans, label_cols=(), last_labels={}, header_only=True)


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
        blocks, rest, carry = _find_unruled(page, lines, carry)
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
