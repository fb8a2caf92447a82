"""The zone text the anchor search reads is the lines' folded text, however it is cached."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.parsers import _prose
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
    cache: dict[int | tuple[int, int], str] = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_prose, "_MAX_ZONE_CHARS", limit)
        for start, stop in spans:  # one cache for several zones, as the anchor search shares it
            start, stop = min(start, len(lines)), min(stop, len(lines))
            assert _prose._zone_text(lines, start, stop, cache) == _zone_slowly(lines, start, stop, limit)
