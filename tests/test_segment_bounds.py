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
    _digit_addends,
    _greatest_sum,
    _least_sum,
    _Search,
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


def _search() -> _Search:
    return _Search(Segment(("0",), (True,), (Group(("t.r.c",), (C,)),)), strict=True, use_sums=True, budget=_Budget())


@settings(max_examples=300)
@given(st.text("0123456789", min_size=2, max_size=9), st.integers(2, 5), st.integers(1, 4), st.data())
def test_digit_addends_are_every_cut_that_adds_up(digits: str, count: int, room: int, data: st.DataObject) -> None:
    # a total drawn at random, or the sum of the first numbers of a cut (the rest then adds nothing)
    prefixes = sorted({sum(map(int, p[:k])) for p in _cuts(digits, count) for k in range(1, count + 1)})
    total = data.draw(st.one_of(st.integers(0, 400), st.sampled_from(prefixes)) if prefixes else st.integers(0, 400))
    found = _digit_addends(_search(), digits, 0, len(digits), count, room, total)
    every = [list(p) for p in _cuts(digits, count) if max(len(x) for x in p) <= room and sum(map(int, p)) == total]
    assert sorted(found) == sorted(every)


def test_a_total_reached_early_leaves_only_zeros() -> None:
    """14 then 1 and 8: the digits left after the total is reached must be zeros (1+8 is 0 mod 9)."""
    assert _digit_addends(_search(), "1418", 0, 4, 3, 2, 14) == []
    assert _digit_addends(_search(), "1400", 0, 4, 3, 2, 14) == [["14", "0", "0"]]


@settings(max_examples=60)
@given(st.lists(st.lists(st.integers(0, 9), min_size=4, max_size=4), min_size=3, max_size=3))
def test_a_glued_block_row_has_exactly_the_cuts_that_add_up(blocks: list[list[int]]) -> None:
    """Section 四's one row: three blocks of four cells and their total, glued into one run."""
    run = "".join("".join(map(str, cells)) + str(sum(cells)) for cells in blocks)
    groups = tuple(Group(tuple(f"review_litigation.b{b}.c{i}" for i in range(5)), (C,) * 5, total_last=True)
                   for b in range(3))
    segment = Segment((run,), (True,), groups)
    found = {pieces for pieces, _flags in _segment_candidates(segment, _Budget(), _Budget(5000)).items}
    every = {pieces for pieces in _cuts(run, 15)
             if all(sum(map(int, pieces[g * 5 : g * 5 + 4])) == int(pieces[g * 5 + 4]) for g in range(3))}
    assert found == every
