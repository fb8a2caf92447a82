"""The zone text the anchor search reads is the lines' folded text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.parsers import _prose
from gov_disclosure.parsers._anchors import zone_forms
from gov_disclosure.parsers._labels import normalise_uncached

LINES = st.lists(st.text(st.sampled_from("予以公开（一） 12\u3000a，。\n"), max_size=12), max_size=30)


def _zone_slowly(lines: list[str], start: int, stop: int, limit: int) -> str:
    """The zone as first written: line by line, each line folded alone."""
    out: list[str] = []
    size = 0
    for n in range(start, stop):
        if size >= limit:
            break
        read = min(len(lines[n]), limit - size)
        out.append(normalise_uncached(lines[n][:read]))
        size += read + 1
    return "\n".join(out)


@given(LINES, st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=4),
       st.integers(1, 60))
def test_zone_text_is_the_lines_folded(lines: list[str], spans: list[tuple[int, int]], limit: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_prose, "_MAX_ZONE_CHARS", limit)
        for start, stop in spans:
            start, stop = min(start, len(lines)), min(stop, len(lines))
            assert _prose._zone_text(lines, start, stop) == _zone_slowly(lines, start, stop, limit)


def _offset_slowly(line: str, form: str, near: int) -> int:
    """The anchor's raw index as first written: the whole line folded."""
    chars, offsets = _prose._fold_chars(line)
    found = chars.find(form, max(0, near - 8))
    if found < 0:
        found = chars.find(form)
    return offsets[found] if found >= 0 else 0


@given(st.text(st.sampled_from("予以公开（一） 12\u3000a，。㈠"), max_size=400),
       st.sampled_from(["予以公开", "(一)", "12", "公开,"]), st.integers(0, 500))
def test_an_anchors_raw_offset_is_read_from_as_much_of_the_line_as_it_needs(line: str, form: str, near: int) -> None:
    """The line is folded piece by piece from its start until the anchor is found: the same
    index as folding the whole line (a 1 MB line is not folded for an anchor near its start)."""
    assert _prose._raw_offset(line, form, near) == _offset_slowly(line, form, near)


_MARK_AS_FIRST_WRITTEN = re.compile(r"(?:[一二三四五六七八九十]{1,3}\s*[、.．]"
                                    r"|第[一二三四五六七八九十]{1,3}部分[、.．:：]?)")


@given(st.text(st.sampled_from("一二三四五六七八九十第部分、.．:： \t\u3000ab"), max_size=40))
def test_heading_marks_are_found_as_by_the_alternative_of_both_forms(text: str) -> None:
    """The heading mark written to start with one character class finds the marks, spans and
    all, that the plain alternative of its two forms (一、 and 第一部分) finds."""
    assert [m.span() for m in _prose._HEADING_MARK.finditer(text)] == \
        [m.span() for m in _MARK_AS_FIRST_WRITTEN.finditer(text)]


_ZONE_PIECES = st.one_of(
    st.sampled_from(sorted({form for key in ("proactive", "requests", "review_litigation")
                            for form in zone_forms(key)})),
    st.sampled_from(["\n", "12", "，", "。", "、", "(一)", "予以", "公开", "总计", "a", "\x01"]),
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=3),
)


@given(st.lists(_ZONE_PIECES, max_size=40).map("".join), st.integers(1, 40))
def test_a_zones_anchors_are_those_of_its_distinct_runs(text: str, times: int) -> None:
    """The anchors a zone's folded text shows (each table's pattern, leftmost first) are those its
    distinct runs show: none spans a line break or a character no anchor holds."""
    from gov_disclosure.parsers import _anchors

    zone = "\n".join([text] * times)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_DISTINCT_FROM", 0)
        runs = _anchors.distinct_runs(zone)
    for key in ("proactive", "requests", "review_litigation"):
        pattern = _prose._anchor_pattern(key)
        assert set(pattern.findall(runs)) == set(pattern.findall(zone))
