"""Unruled tables on a PDF page: runs of value lines under a header → records.

A line is cut into segments at wide gaps; its values are the trailing run of numbers, blanks
and placeholders. A table is a run of value lines (with wrapped labels between them) under a
header, or two value lines or more without one, or one line of five values or more and no
label, or, at the top of a page, the continuation of an unruled table that ended the page
before with values in the same columns. Columns come from where the values stand, named (and
widened with blank columns such as an empty 小计) by the header segments above; nothing says
how far a group label reaches, so it is given to the rows it stands beside only.
"""

from __future__ import annotations

import bisect
import itertools
import operator
import statistics
from collections.abc import Sequence
from typing import NamedTuple

import attrs

from ._pdf_lines import (
    _DIGIT_GAP,
    _VALUE_ENDS,
    LineKind,
    _Block,
    _column_of,
    _has_marker,
    _is_number,
    _is_valueish,
    _join_glyphs,
    _join_label,
    _Label,
    _Line,
    _merge_spans,
    _Record,
)

__all__ = ["find_unruled"]

_SEGMENT_GAP = 0.9  # × font size: unruled tables, a wider gap separates two cells
_MAX_HEADER_LINES = 8  # unruled tables: how far above the values a header may reach
_MAX_LABEL_LINES = 6  # unruled tables: label-only lines between two value lines
_MIN_LONE_VALUES = 5  # unruled tables: values on a line that is a table row with no header nor label




#: a row's label by column, then by top: ``(column's left edge, top, label)``
_COLUMN_TOP = operator.itemgetter(0, 1)

#: ``tuple.__new__``: a named tuple's own ``__new__`` is a Python function (segments are made
#: by the thousand), so :class:`_Seg` is made from all its fields with this
_MAKE = tuple.__new__


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
    is kept as it grows, and its glyphs are a slice of the line's.

    A glyph is unpacked into locals at once, and the segment growing and the glyph before are
    kept in locals too (a named tuple's field read by name, or a list's item, costs more: this
    loop runs once per glyph of every line that may end in values).
    """
    glyphs = line.glyphs
    # (first index, end index, x0, x1, top, bottom, size, loose) of each segment; a segment is
    # loose when :func:`_join_glyphs` may put a space inside it (a space glyph before a printed
    # glyph, or a gap past the narrower of its two thresholds): any other reads as its glyphs'
    # texts side by side
    bounds: list[tuple[int, int, float, float, float, float, float, bool]] = []
    first = stop = -1  # the segment growing: its glyphs (none yet: -1) and its extent
    x0 = x1 = top = bottom = size = last_x1 = last_size = 0.0  # ... and the printed glyph before
    loose = spaced = False  # spaced: a space glyph since the last printed glyph of the segment
    for n, (text, g_x0, g_x1, g_top, g_bottom, g_size, _, _, _, _, _) in enumerate(glyphs):
        if text.isspace():
            if first >= 0:
                stop = n + 1
                spaced = True
            continue
        if first >= 0:
            gap = g_x0 - last_x1
            if gap > 0:
                em = g_size if g_size > last_size else last_size
                if gap > _SEGMENT_GAP * em:
                    bounds.append((first, stop, x0, x1, top, bottom, size, loose))
                    first, stop, x0, x1, top, bottom, size = n, n + 1, g_x0, g_x1, g_top, g_bottom, g_size
                    last_x1, last_size = g_x1, g_size
                    loose = spaced = False
                    continue
                if gap > _DIGIT_GAP * em:
                    loose = True
            if spaced:
                loose = True
                spaced = False
            stop = n + 1
            if g_x1 > x1:
                x1 = g_x1
            if g_top < top:
                top = g_top
            if g_bottom > bottom:
                bottom = g_bottom
            if g_size > size:
                size = g_size
            last_x1, last_size = g_x1, g_size
            continue
        first, stop, x0, x1, top, bottom, size = n, n + 1, g_x0, g_x1, g_top, g_bottom, g_size
        last_x1, last_size = g_x1, g_size
    if first < 0:
        return ()
    if not bounds:  # one segment holds all the line's printed glyphs: the line's own text
        return (_MAKE(_Seg, (line.text, x0, x1, top, bottom, size, False)),)
    bounds.append((first, stop, x0, x1, top, bottom, size, loose))
    segs: list[_Seg] = []
    for i, j, x0, x1, top, bottom, size, loose in bounds:
        if j == i + 1:
            text = glyphs[i].text.strip()
        elif loose:
            text = _join_glyphs(glyphs[i:j]).strip()
        else:  # what _join_glyphs gives: the printed glyphs' texts side by side (spaces only trail)
            text = "".join([g.text for g in glyphs[i:j]]).strip()
        segs.append(_MAKE(_Seg, (text, x0, x1, top, bottom, size, False)))
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
    if first:  # the label before the values is the row's own (the segments are made not own)
        label = segs[first - 1]
        segs = (*segs[: first - 1], _MAKE(_Seg, (*label[:6], True)), *segs[first:])
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
                x0, x1 = s.x0, s.x1
                width = max(x1 - x0, 1.0)
                inside = [k for k, c in enumerate(centres) if x0 <= c <= x1]
                # the overlap with each column's range (min and max written out: one per column)
                least = 0.35 * width
                covered = [
                    k
                    for k, c in enumerate(centres)
                    if x0 <= c <= x1
                    or (x1 if x1 < bounds[k + 1] else bounds[k + 1]) - (x0 if x0 > bounds[k] else bounds[k]) >= least
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
        labelled = sorted(u.line.yc for u in self.data if u.label_segs)  # searched, not scanned
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
                    after = bisect.bisect_right(labelled, prev.bottom)  # a labelled row in the gap
                    between = after < len(labelled) and labelled[after] < s.top
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
        by_centre = sorted(range(len(rows)), key=lambda i: rows[i].line.yc)  # the rows' indices
        centres = [rows[i].line.yc for i in by_centre]
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
            # the rows whose centres the label spans, in row order (by a search, not a scan)
            first, last = bisect.bisect_left(centres, top - slack), bisect.bisect_right(centres, bottom + slack)
            hits = sorted(by_centre[first:last])
            if not hits:
                middle = (top + bottom) / 2
                hits = [min(range(len(rows)), key=lambda i: abs(rows[i].line.yc - middle))]
            for i in hits:
                row_labels[i].append((col, top, label))
            last_labels = {x: lab for x, lab in last_labels.items() if abs(x - col) > 1.5 * size}
            last_labels[col] = label
        spans = self.spans
        for u, found in zip(rows, row_labels, strict=True):
            values = [""] * len(spans)
            for s in u.value_segs:
                c = _column_of(spans, (s.x0 + s.x1) / 2)  # ``s.xc``
                values[c] = f"{values[c]} {s.text}" if values[c] else s.text
            if len(found) > 1:  # (a row has one label or none, mostly: nothing to sort)
                found.sort(key=_COLUMN_TOP)
            labels: list[_Label | str] = [label for _, _, label in found]
            records.append(_Record(self.page, u.line.top, LineKind.ROW, labels, values))
        carry = _Carry(spans=self.spans, label_cols=cols, last_labels=last_labels)
        return records, carry


def _aligned(u: _ULine, carry: _Carry) -> bool:
    spans = carry.spans
    for s in u.value_segs:
        xc, size = (s.x0 + s.x1) / 2, s.size  # ``s.xc``, worked out once
        if not any(x0 - size <= xc <= x1 + size for x0, x1 in spans):
            return False
    return True


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


def find_unruled(
    page: int, grids: Sequence[tuple[float, float]], lines: Sequence[_Line], carry: _Carry | None
) -> tuple[list[_Block], list[_Line], _Carry | None]:
    """Unruled tables among the free lines of page ``page`` (its ruled tables span ``grids``,
    as (top, bottom)): their blocks, the prose left, and a carry.

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
    grid_top = min((top for top, _ in grids), default=float("inf"))
    grid_bottom = max((bottom for _, bottom in grids), default=float("-inf"))
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
            page,
            [ulines[h] for h in header],
            ulines[start:end],
            carry if continues else None,
        )
        records, table_carry = table.records()
        blocks.append(_Block(page=page, top=table.top, bottom=table.bottom, records=records))
        for n in range(header[0] if header else start, end):
            used[n] = True
        last_carry, last_end = table_carry, end
        i = end
    ends_page = last_end == len(ulines) and (not blocks or blocks[-1].top > grid_bottom)
    prose = [u.line for n, u in enumerate(ulines) if not used[n]]
    if ulines and not ends_page and not used[-1] and (not grids or ulines[-1].line.top > grid_bottom):
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
