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


@pytest.mark.parametrize(("digits", "count", "room", "total", "nodes", "cuts"), [
    ("12882100503", 6, 4, 1362, 52, [["1288", "21", "0", "0", "50", "3"]]),
    ("30015300614", 6, 4, 3119, 27, [["3001", "53", "0", "0", "61", "4"]]),
    ("7461200101", 6, 3, 769, 41, [["746", "12", "0", "0", "10", "1"]]),
    ("1400", 3, 2, 14, 3, [["14", "0", "0"]]),
])
def test_a_rows_addends_spend_the_search_budget_node_for_node(digits: str, count: int, room: int, total: int,
                                                              nodes: int, cuts: list[list[str]]) -> None:
    """The addends' search tries the same cuts in the same order as it always has, each one node
    of the budget (the budget decides when a search is capped: ``SPLIT.CAP``); with fewer nodes
    than it needs, it stops as it did, with what it found so far."""
    from gov_disclosure.model import ColumnKind
    from gov_disclosure.parsers._segment import Group, Segment, _Budget, _digit_addends, _Search

    segment = Segment(("1",), (True,), (Group(("a",), (ColumnKind.COUNT,)),))
    search = _Search(segment, strict=True, use_sums=True, budget=_Budget())
    assert _digit_addends(search, digits, 0, len(digits), count, room, total) == cuts
    assert _Budget().nodes - search.budget.nodes == nodes
    short = _Search(segment, strict=True, use_sums=True, budget=_Budget(nodes - 1))
    found = _digit_addends(short, digits, 0, len(digits), count, room, total)
    assert short.capped
    assert short.budget.exhausted
    assert found in ([], cuts)


def test_pipe_rows_of_tables_without_outer_pipes_each_read_once() -> None:
    """The rows of a Markdown table written without outer pipes run from its delimiter row to a
    blank line; a later delimiter row in the same run starts the next table (its rows, and the
    header line above it, take its own outer-pipe style). Each line is read once, however many
    delimiter rows follow one another (they were scanned to the blank line each, quadratic)."""
    from gov_disclosure.parsers._stream import _bare_pipe_rows, split_lines

    lines = ["a | b", "---|---", "1 | 2", "|---|---|", "3 | 4", "", "x | y"]
    assert _bare_pipe_rows(lines) == {0: False, 1: False, 2: True, 3: True, 4: True}
    many = ["a | b"] + ["---|---"] * 20_000
    rows = _bare_pipe_rows(many)
    assert len(rows) == len(many)
    assert not any(rows.values())
    cells, markdown = split_lines("\n".join(many))
    assert markdown
    assert cells[0] == ("a", "b")
    assert cells[1:] == [("",)] * 20_000
