"""The text reader's fast paths give what the plain paths give: provenance kept as tuples until
read, and the glued-run solver's shortcuts."""

from __future__ import annotations

import pytest

from gov_disclosure import Edition
from gov_disclosure.parsers._builder import ReportBuilder
from gov_disclosure.parsers._result import Location, Provenances

CELLS = [("requests.granted.natural_person", "12"), ("requests.granted.total", " 3万 "),
         ("requests.granted.other", "—"), ("requests.granted.natural_person", "13"),
         ("proactive.admin_fees.amount", "251000元"), ("requests.granted.commercial", "")]


@pytest.mark.parametrize("base", [None, Location(page=2, row=4), Location(key="requests", line=9)])
def test_stream_provenance_records_are_built_when_read(base: Location | None) -> None:
    """A streamed cell's provenance is kept as a tuple and read as the record ``set_raw`` makes,
    note and all; a placeholder, an unreadable cell and a duplicate give the same problems."""
    fast, slow = (ReportBuilder(Edition.V2021, source_format="text") for _ in range(2))
    for line, (key, raw) in enumerate(CELLS, start=1):
        note = f"split from {line}" if line % 2 else None
        location = Location(key, line=line) if base is None else base.with_key(key)
        assert fast.set_line(key, raw, line, base, note=note) == slow.set_raw(key, raw, location, note=note)
    assert fast.values == slow.values
    assert fast.problems == slow.problems
    assert [p.location for p in fast.problems] == [p.location for p in slow.problems]
    lazy, eager = fast.result().provenance, slow.result().provenance
    assert isinstance(lazy, Provenances)
    assert dict(lazy) == dict(eager)
    assert lazy["requests.granted.natural_person"] is lazy["requests.granted.natural_person"]
    assert lazy["requests.granted.natural_person"].note == "split from 1"
    assert list(lazy) == list(eager)


def test_display_width_counts_every_ideograph_wide() -> None:
    """``_width`` counts the CJK Unified Ideographs as wide without asking ``unicodedata``: so does
    ``unicodedata``, for every one of them; other characters are asked."""
    import unicodedata

    from gov_disclosure.parsers._stream import _width

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    assert all(unicodedata.east_asian_width(ch) == "W" for ch in block)
    for text in (block, "本年新  制作数量", "ab（一）　ｘ", "é\u0301 가나 ～", "", "  12  "):
        assert _width(text) == sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)
