"""The PDF layout stage's vocabulary: glyphs → visual lines, cell text, and the records rows leave as.

Shared by the ruled-table reader (:mod:`._pdf_layout`) and the unruled-table reader
(:mod:`._pdf_unruled`): how glyphs on one baseline become a line of text (spaces from gaps,
digits never glued across a visible gap, fake bold dropped), what a value cell may hold
(numbers, units, placeholders), and the label and record shapes both readers produce.
Positions are in PDF points in the displayed frame (x from the left, y from the top).
"""

from __future__ import annotations

import enum
import itertools
import operator
import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import attrs

from ._pdf_source import Char

__all__ = ["LineKind"]


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


# --------------------------------------------------------------------------------------------
# tunables (multiples of the font size) and what value cells hold

_SPACE_GAP = 0.6  # × font size: a wider gap inside a line is a space
_DIGIT_GAP = 0.2  # × font size: between two digits a much narrower gap already separates numbers

_UNITS = ("%", "％", "万元", "元", "件", "个", "项", "条", "次", "人次", "户", "家", "人")  # after a number
_NUMBER_RE = re.compile(r"[+\-−－]?\d[\d,，]*(?:[.．]\d+)?\s*(?:" + "|".join(map(re.escape, _UNITS)) + ")?")
_PLACEHOLDERS = frozenset({"/", "／", "\\", "-", "－", "—", "——", "–", "―", "无", "不适用", "…"})
#: the characters a value cell's text can end with, besides a digit
_VALUE_ENDS = frozenset(unit[-1] for unit in _UNITS) | frozenset(mark[-1] for mark in _PLACEHOLDERS)
#: blank, a placeholder or a number (one pattern: a value cell is asked this very often)
_VALUEISH_RE = re.compile(
    "(?:" + "|".join(map(re.escape, sorted(_PLACEHOLDERS, key=len, reverse=True))) + "|" + _NUMBER_RE.pattern + ")?"
)
_MARKER_RE = re.compile(
    r"\s*(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|\d+\s*[、.．](?!\d))"
)
_SPACES_RE = re.compile(r"\s+")


def _is_number(text: str) -> bool:
    return _NUMBER_RE.fullmatch(text.strip()) is not None


def _is_valueish(text: str) -> bool:
    """Blank, a number, or a placeholder: anything a value cell normally holds."""
    return _VALUEISH_RE.fullmatch(text.strip()) is not None


def _has_marker(text: str) -> bool:
    return _MARKER_RE.match(text) is not None


# --------------------------------------------------------------------------------------------
# glyphs and lines


#: One glyph: the source's character, made in the shape this stage reads.
_Glyph = Char


class _Line(NamedTuple):
    """Glyphs sharing a baseline, left to right (a tuple: one is made per visual line and
    table cell line, and an attrs class's frozen ``__init__`` cost more than the rest of it)."""

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
    if len(glyphs) < 2:
        return list(glyphs)
    kept: list[_Glyph] = []
    last: _Glyph | None = None
    for g in sorted(glyphs, key=_BY_X0):
        if last is not None and last.text == g.text:
            width = g.x1 - g.x0
            if abs(last.x0 - g.x0) < 0.3 * (0.5 if width < 0.5 else width):  # max(width, 0.5)
                continue
        kept.append(g)
        last = g
    return kept


def _median(values: Iterable[float]) -> float:
    """``statistics.median`` (the same arithmetic, without its checks and conversions)."""
    data = sorted(values)
    n = len(data)
    if n % 2:
        return data[n // 2]
    return (data[n // 2 - 1] + data[n // 2]) / 2


def _make_line(glyphs: Sequence[_Glyph]) -> _Line:
    kept = _kept(glyphs)
    texts, _, x1s, tops, bottoms, all_sizes, *_ = zip(*kept, strict=True)
    sizes = [size for text, size in zip(texts, all_sizes, strict=True) if not text.isspace()] or [kept[0].size]
    return _Line(
        tuple(kept),
        _join_glyphs(kept).strip(),
        kept[0].x0,
        max(x1s),
        min(tops),
        max(bottoms),
        sizes[0] if len(sizes) == 1 else _median(sizes),
    )


# sort keys read by position (a named tuple's field read by name goes through its descriptor:
# these keys are read once per glyph or line sorted)
_BY_X0 = operator.itemgetter(Char._fields.index("x0"))
_BY_CENTRE = operator.itemgetter(Char._fields.index("yc"), Char._fields.index("x0"))
_BY_TOP = operator.itemgetter(_Line._fields.index("top"), _Line._fields.index("x0"))


def _line_groups(glyphs: Iterable[_Glyph]) -> list[list[_Glyph]]:
    """Glyphs grouped into visual lines by vertical centre, in order of the centres.

    A glyph joins the current line when its centre is within half a glyph height of the line's
    first glyph: label and value fonts whose baselines differ by a point or two share a line,
    stacked characters of a vertical label do not.
    """
    groups: list[list[_Glyph]] = []
    group: list[_Glyph] | None = None
    anchor_yc = anchor_height = 0.0  # the centre and height of the current line's first glyph
    for g in sorted(glyphs, key=_BY_CENTRE):
        if group is not None:
            height = g.height
            lower = height if height < anchor_height else anchor_height  # min(), without the call
            if abs(g.yc - anchor_yc) <= 0.5 * lower:
                group.append(g)
                continue
        group = [g]
        groups.append(group)
        anchor_yc, anchor_height = g.yc, g.height
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


# --------------------------------------------------------------------------------------------
# value columns


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
