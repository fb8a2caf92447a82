"""The PDF layout's fast paths give what the plain paths give: a segment's text without the
general glyph join, the value-cell test as one pattern, a PDF row's tokens without NFKC for
ASCII cells."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from gov_disclosure.parsers._pdf_lines import _PLACEHOLDERS, _is_number, _is_valueish, _join_glyphs, _Line
from gov_disclosure.parsers._pdf_source import Char
from gov_disclosure.parsers._pdf_unruled import _SEGMENT_GAP, _segments
from gov_disclosure.parsers._stream import _DIGITS, Token, _is_value_cell, _tokens_of_row

_TEXTS = ["1", "2", "0", "无", "规", "章", "（", "一", "）", " ", "\u3000", "5", "万", "元", "—", "fi"]


def _glyph(text: str, x0: float, width: float, size: float) -> Char:
    top, bottom = 100.0 - size, 100.0
    return Char(text, x0, x0 + width, top, bottom, size, True, False, x0 + width / 2, (top + bottom) / 2, size)


def _line_of(glyphs: list[Char]) -> _Line:
    text = _join_glyphs(glyphs).strip()
    return _Line(tuple(glyphs), text, glyphs[0].x0, max(g.x1 for g in glyphs), 90.0, 100.0, 10.0)


def _run(*pieces: tuple[str, float, float]) -> _Line:
    """A line of 10-point glyphs: (text, gap before it, width)."""
    glyphs: list[Char] = []
    x = 10.0
    for text, gap, width in pieces:
        x += gap
        glyphs.append(_glyph(text, x, width, 10.0))
        x += width
    return _line_of(glyphs)


@st.composite
def _lines(draw: st.DrawFn) -> _Line:
    """One line of glyphs left to right: gaps from touching to wide, spaces, mixed sizes."""
    glyphs: list[Char] = []
    x = 10.0
    for _ in range(draw(st.integers(1, 14))):
        size = draw(st.sampled_from([9.0, 10.5, 12.0]))
        width = draw(st.sampled_from([0.0, 0.5 * size, size]))
        glyphs.append(_glyph(draw(st.sampled_from(_TEXTS)), x, width, size))
        x += width + draw(st.sampled_from([-0.5, 0.0, 0.1, 1.0, 2.5, 5.0, 8.0, 11.0, 20.0]))
    return _line_of(glyphs)


def _reference_texts(line: _Line) -> list[str]:
    """The segments' texts the plain way: cut where :func:`_segments` cuts, every multi-glyph
    segment joined by :func:`_join_glyphs`."""
    cuts: list[list[Char]] = []
    prev: Char | None = None
    for g in line.glyphs:
        if g.text.isspace():
            if cuts:
                cuts[-1].append(g)
            continue
        if prev is not None:
            gap = g.x0 - prev.x1
            if not (gap > 0 and gap > _SEGMENT_GAP * max(g.size, prev.size)):
                cuts[-1].append(g)
                prev = g
                continue
        cuts.append([g])
        prev = g
    if len(cuts) == 1:
        return [line.text]
    return [_join_glyphs(cut).strip() for cut in cuts]


@given(_lines())
# a space glyph (or two) inside a segment; digits a little apart (two numbers); a space that trails;
# a ligature glyph; letter-spaced text
@example(_run(("规", 0, 10), ("章", 0, 10), ("1", 20, 5), ("\u3000", 0.5, 0), ("2", 0.5, 5), ("无", 30, 10)))
@example(_run(("规", 0, 10), ("1", 20, 5), (" ", 0, 1), (" ", 0, 1), ("2", 0, 5)))
@example(_run(("合", 0, 10), ("计", 0, 10), ("1", 20, 5), ("2", 3, 5), ("3", 0, 5), ("无", 30, 10)))
@example(_run(("自", 0, 10), ("然", 0, 10), (" ", 0, 3), ("5", 30, 5), ("6", 0, 5), (" ", 0, 3)))
@example(_run(("fi", 0, 10), ("x", 0, 5), ("4", 30, 5), ("0", 0, 5)))
@example(_run(("结", 0, 10), ("果", 7, 10), ("公", 7, 10), ("开", 7, 10), ("9", 30, 5)))
def test_segment_texts_are_the_glyph_join(line: _Line) -> None:
    """A segment without a space glyph or a gap inside reads as its glyphs' texts side by side:
    what :func:`_join_glyphs` gives it."""
    assert [s.text for s in _segments(line)] == _reference_texts(line)
    assert not any(s.own for s in _segments(line))


@given(st.text("0123456789+-−－,，.．%％万元件个项条次人户家/／\\—–―无不适用…a \u3000\t", max_size=7))
def test_value_cell_test_is_blank_placeholder_or_number(text: str) -> None:
    stripped = text.strip()
    assert _is_valueish(text) == (not stripped or stripped in _PLACEHOLDERS or _is_number(stripped))


_CELLS = ["", " ", "12", "1,234", "—", "无", "１２", "（一）予以公开", "约3件", " 5 ", "3.5万元", "ｆｉ", "\u00a0",
          "1.属于国家秘密", "规章000", "+12", "Ⅲ", "①", "x"]


@given(st.lists(st.sampled_from(_CELLS), max_size=9))
def test_row_tokens_normalise_only_what_nfkc_changes(cells: list[str]) -> None:
    """A row's tokens are those of its cells' NFKC forms (an ASCII cell is its own)."""
    texts = [unicodedata.normalize("NFKC", cell).strip() for cell in cells]
    first = next((i for i, t in enumerate(texts) if _is_value_cell(t)), None)
    if first is None:
        expected = [Token(t, False, 3) for t in texts if t]
    else:
        end = max((i + 1 for i, t in enumerate(texts[:first]) if t), default=0)
        expected = [Token(t, False, 3) for t in texts[:end] if t]
        expected += [Token(t, True, 3, splittable=_DIGITS.fullmatch(t) is not None) for t in texts[end:]]
    tokens = _tokens_of_row(tuple(cells), 3)
    assert tokens == expected
    assert all(type(token) is Token for token in tokens)
