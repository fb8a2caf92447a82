"""The glued-run solver's pruning loses no split: its bounds hold for every cut, and a row's
candidates are exactly those an exhaustive enumeration finds."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.model import ColumnKind
from gov_disclosure.parsers._segment import (
    MAX_COUNT_DIGITS,
    Group,
    Segment,
    _Budget,
    _greatest_sum,
    _least_sum,
    _segment_candidates,
)

C = ColumnKind.COUNT


def _cuts(digits: str, count: int) -> list[tuple[str, ...]]:
    """Every cut of ``digits`` into ``count`` numbers, none with a leading zero."""
    out = []
    for points in itertools.combinations(range(1, len(digits)), count - 1):
        bounds = (0, *points, len(digits))
        pieces = tuple(digits[a:b] for a, b in itertools.pairwise(bounds))
        if all(p == "0" or p[0] != "0" for p in pieces):
            out.append(pieces)
    return out


@settings(max_examples=200)
@given(st.text("0123456789", min_size=1, max_size=10), st.integers(1, 5), st.integers(1, 6))
def test_every_cut_sums_within_the_bounds(digits: str, count: int, longest: int) -> None:
    for pieces in _cuts(digits, count):
        if max(len(p) for p in pieces) <= longest:
            total = sum(int(p) for p in pieces)
            assert _least_sum(len(digits), count) <= total <= _greatest_sum(len(digits), count, longest)
            assert total % 9 == sum(int(d) for d in digits) % 9  # casting out nines


@settings(max_examples=100)
@given(st.lists(st.one_of(st.integers(0, 9), st.integers(0, 300)), min_size=6, max_size=6))
def test_a_glued_row_has_exactly_the_cuts_that_add_up(cells: list[int]) -> None:
    run = "".join(str(c) for c in cells) + str(sum(cells))
    keys = tuple(f"requests.r.c{i}" for i in range(7))
    segment = Segment((run,), (True,), (Group(keys, (C,) * 7, total_last=True),))
    found = {pieces for pieces, _flags in _segment_candidates(segment, _Budget(), _Budget(5000)).items}
    every = {pieces for pieces in _cuts(run, 7)
             if max(len(p) for p in pieces) <= MAX_COUNT_DIGITS and sum(int(p) for p in pieces[:-1]) == int(pieces[-1])}
    assert found == every
    assert (*(str(c) for c in cells), str(sum(cells))) in found
