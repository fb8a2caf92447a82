"""Splitting glued digit runs into cells, guided by the form's arithmetic.

Flattened reports glue a row's cells into one run (``21710000218`` = 217, 1, 0, 0, 0, 0,
218). Only the sums the form implies can split it back: a row total, a block total, the
column sums of section 三. This module enumerates the splits of each run into the cells
its row needs (a bounded search: a number never starts with 0 unless it is 0, a cell has
at most a few digits, the row total prunes first), combines rows under the cross-row
relations, and says honestly what it found: one consistent split, several (ambiguous, with
every candidate), or none (the publisher's arithmetic is wrong; the most plausible split
is kept and flagged).

The relations come from the edition description (``EditionSpec.relations()``); nothing
here re-types a sum.
"""

from __future__ import annotations

import enum
import functools
import itertools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from types import MappingProxyType
from typing import NamedTuple, Union

import attrs

from ..model import CellValue, ColumnKind, Relation, is_number

__all__ = ["Group", "Segment", "SplitResult", "SplitStatus", "number_of", "solve"]

#: A count cell has at most this many digits (a billion requests is not a real table).
MAX_COUNT_DIGITS = 9
#: A money cell's integer part has at most this many digits (万元).
MAX_MONEY_DIGITS = 12
#: Search bounds: nodes visited per segment, candidates kept per segment, combinations tried.
NODE_BUDGET = 20_000
FALLBACK_NODES = 5_000
CANDIDATE_CAP = 500
COMBINATION_CAP = 20_000

_C = MAX_COUNT_DIGITS
_M = MAX_MONEY_DIGITS
_STRICT = {
    ColumnKind.COUNT: re.compile(rf"(?:0|[1-9]\d{{0,{_C - 1}}})(?:件|个|项|条|次)?"),
    ColumnKind.SIGNED: re.compile(rf"[+-]?(?:0|[1-9]\d{{0,{_C - 1}}})"),
    ColumnKind.MONEY: re.compile(rf"(?:0|[1-9]\d{{0,{_M - 1}}})(?:\.\d{{1,6}})?(?:万元|元)?"),
}
_LOOSE = {
    ColumnKind.COUNT: re.compile(rf"\d{{1,{_C}}}(?:件|个|项|条|次)?"),
    ColumnKind.SIGNED: re.compile(rf"[+-]?\d{{1,{_C}}}"),
    ColumnKind.MONEY: re.compile(rf"\d{{1,{_M}}}(?:\.\d{{1,6}})?(?:万元|元)?"),
}
_NUMERIC = re.compile(r"[+-]?\d+(?:\.\d+)?")
_MONEY = ColumnKind.MONEY
#: The most plain digits a piece of each kind may have (the patterns above, read for such pieces).
_MAX_DIGITS = {ColumnKind.COUNT: _C, ColumnKind.SIGNED: _C, ColumnKind.MONEY: _M}


class SplitStatus(str, enum.Enum):
    """What the search found."""

    PRINTED = "printed"
    """Every cell was printed on its own: nothing to split."""
    UNIQUE = "unique"
    """Exactly one split satisfies every relation."""
    AMBIGUOUS = "ambiguous"
    """Several splits satisfy every relation; the most plausible was kept."""
    INCONSISTENT = "inconsistent"
    """No split satisfies the relations (the publisher's arithmetic is wrong); the most
    plausible split was kept."""
    CAPPED = "capped"
    """The search hit a bound before finishing; the best split found was kept."""
    IMPOSSIBLE = "impossible"
    """The runs cannot be cut into that many cells at all."""


@attrs.frozen(cache_hash=True)  # (a row's group keys the cache of its bounds: hashed once, not per row read)
class Group:
    """Consecutive cells of a segment: their stable keys and kinds, in printed order.

    ``total_last``: the last cell is the sum of the others (a section 三 row, a section 四 block).
    """

    keys: tuple[str, ...]
    kinds: tuple[ColumnKind, ...]
    total_last: bool = False


@attrs.frozen
class Segment:
    """The runs printed for some consecutive groups, to be cut into their cells.

    ``runs`` are the printed tokens in order; a run with ``splittable`` False is one cell
    (a table cell, a blank, a placeholder); a splittable run is a glued digit run that
    yields one or more cells. Cells never straddle two runs.
    """

    runs: tuple[str, ...]
    splittable: tuple[bool, ...]
    groups: tuple[Group, ...]
    gaps: bool = False
    """Blank cells may have left no run at all (separate runs, fewer than the cells: a page
    flattened without its empty cells): a cell may also be read as blank between runs."""
    keys: tuple[str, ...] = attrs.field(init=False, eq=False, repr=False)
    """Every cell key, in order."""
    kinds: tuple[ColumnKind, ...] = attrs.field(init=False, eq=False, repr=False)
    """Every cell kind, in order."""
    has_sums: bool = attrs.field(init=False, eq=False, repr=False)
    """Whether some group ends with its total."""

    def __attrs_post_init__(self) -> None:
        # read for every candidate and relation: worked out once
        if len(self.groups) == 1:  # a row of its own: its group's
            object.__setattr__(self, "keys", tuple(self.groups[0].keys))
            object.__setattr__(self, "kinds", tuple(self.groups[0].kinds))
        else:
            object.__setattr__(self, "keys", tuple(k for g in self.groups for k in g.keys))
            object.__setattr__(self, "kinds", tuple(k for g in self.groups for k in g.kinds))
        object.__setattr__(self, "has_sums", any(g.total_last for g in self.groups))


def _readonly(items: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(items))


def _readonly_all(items: Sequence[Mapping[str, str]]) -> tuple[Mapping[str, str], ...]:
    return tuple(MappingProxyType(dict(item)) for item in items)


@attrs.frozen
class SplitResult:
    """The outcome of :func:`solve`.

    ``pieces`` maps every cell key to the printed text chosen for it; ``split_keys`` the
    keys whose text was cut out of a longer run (every key of a segment read with blanks
    between its runs: where each run stands is then a guess too); ``alternatives`` (ambiguous
    or capped results) every candidate, restricted to the keys where candidates differ, chosen one
    first; ``basis`` what decided the split (``row total``, ``column sums``, ``prose``);
    ``violated`` the relations the chosen split breaks (inconsistent results).
    """

    status: SplitStatus
    pieces: Mapping[str, str] = attrs.field(converter=_readonly)
    split_keys: frozenset[str] = frozenset()
    alternatives: tuple[Mapping[str, str], ...] = attrs.field(default=(), converter=_readonly_all)
    basis: tuple[str, ...] = ()
    violated: tuple[Relation, ...] = ()
    capped: bool = False


def number_of(piece: str, kind: ColumnKind) -> int | Decimal | None:
    """The number a piece of a run stands for (``None`` when it is not a number)."""
    if piece.isascii() and piece.isdigit():  # the common case, read for every candidate
        return Decimal(piece) if kind is ColumnKind.MONEY else int(piece)
    match = _NUMERIC.match(piece.replace(",", ""))
    if match is None:
        return None
    text = match.group(0)
    try:
        if kind is ColumnKind.MONEY or "." in text:
            value = Decimal(text)
            if piece.endswith("万元") or not piece.endswith("元"):
                return value
            return value / 10000
        return int(text)
    except (ValueError, InvalidOperation):  # pragma: no cover - the regex admits only numbers
        return None


# ---------------------------------------------------------------------------- one segment


@attrs.define
class _Budget:
    """Nodes left for one :func:`solve` call, shared by every segment."""

    nodes: int = NODE_BUDGET
    exhausted: bool = False

    def spend(self) -> bool:
        self.nodes -= 1
        if self.nodes < 0:
            self.exhausted = True
        return not self.exhausted


@attrs.define
class _Search:
    segment: Segment
    strict: bool
    use_sums: bool
    budget: _Budget
    limit: int = CANDIDATE_CAP
    capped: bool = False
    found: list[tuple[tuple[str, ...], tuple[bool, ...]]] = attrs.Factory(list)

    def full(self) -> bool:
        # as ``len(found) >= limit or not budget.spend()``, inline: it runs once per node
        if len(self.found) >= self.limit:
            self.capped = True
        else:
            budget = self.budget
            budget.nodes -= 1
            if budget.nodes < 0:
                budget.exhausted = True
            if budget.exhausted:
                self.capped = True
        return self.capped


def _group_bounds(segment: Segment) -> dict[int, Group]:
    """Index of the last cell of each total-carrying group → the group."""
    out: dict[int, Group] = {}
    start = 0
    for group in segment.groups:
        start += len(group.keys)
        if group.total_last:
            out[start - 1] = group
    return out


def _max_len(kind: ColumnKind) -> int:
    return MAX_MONEY_DIGITS + 9 if kind is ColumnKind.MONEY else MAX_COUNT_DIGITS + 2


def _enumerate(search: _Search) -> None:
    """Every split of the segment's runs into its cells (pieces valid for their kind; with
    ``use_sums``, every total-carrying group adds up). Cell by cell, depth first."""
    seg = search.segment
    kinds = seg.kinds
    n_cells = len(kinds)
    patterns = _STRICT if search.strict else _LOOSE
    totals = _group_bounds(seg)
    starts: dict[int, int] = {}
    pos = 0
    for group in seg.groups:
        starts[pos + len(group.keys) - 1] = pos
        pos += len(group.keys)
    max_len = [_max_len(k) for k in kinds]
    runs = seg.runs
    suffix_runs = [0] * (len(runs) + 1)
    for i in range(len(runs) - 1, -1, -1):
        suffix_runs[i] = suffix_runs[i + 1] + 1
    pieces: list[str] = []
    flags: list[bool] = []
    # a piece of a run of plain ASCII digits is valid for its cell's kind when it is no longer
    # than the kind's digits and, strictly, has no leading zero (what the patterns say of such
    # pieces, without a match each); longer pieces of the run are then no better (the loop stops)
    digit_max = [_MAX_DIGITS[k] for k in kinds]
    strict = search.strict
    plain = [run.isascii() and run.isdigit() for run in runs]
    sums = totals if search.use_sums else {}  # the cells whose group's sum is checked there
    found, limit, budget = search.found, search.limit, search.budget
    n_runs, gaps, splittable = len(runs), seg.gaps, seg.splittable
    # the most digits the cells from the first up to each can take (a run longer than its cells'
    # room cannot be cut into them)
    room_to = list(itertools.accumulate(max_len, initial=0))

    def group_sum_ok(cell: int, piece: str, split_here: bool) -> bool:
        group = sums.get(cell)
        if group is None:
            return True
        first = starts[cell]
        if not split_here and not any(flags[first:cell]):
            return True  # every cell of the group printed on its own: the checker judges it
        total = number_of(piece, kinds[cell])
        if total is None:
            return True
        addends = [number_of(p, k) for p, k in zip(pieces[first:cell], kinds[first:cell], strict=True)]
        return total == sum((a for a in addends if a is not None), start=0)

    def visit(run: int, offset: int, cell: int) -> None:
        # one node of the budget (``_Search.full``, inline: it runs once per node)
        if len(found) >= limit:
            search.capped = True
        else:
            budget.nodes -= 1
            if budget.nodes < 0:
                budget.exhausted = True
            if budget.exhausted:
                search.capped = True
        if search.capped:
            return
        if cell == n_cells:
            if run == n_runs:
                found.append((tuple(pieces), tuple(flags)))
            return
        if gaps and offset == 0 and n_cells - cell > suffix_runs[run] and \
                (cell not in sums or group_sum_ok(cell, "", True)):
            pieces.append("")  # a blank cell that left no run (a guess, flagged like a cut)
            flags.append(True)
            visit(run, 0, cell + 1)
            pieces.pop()
            flags.pop()
        if run == n_runs or n_cells - cell < suffix_runs[run]:
            return
        text = runs[run]
        if not splittable[run]:
            if offset == 0 and group_sum_ok(cell, text, False):
                pieces.append(text)
                flags.append(False)
                visit(run + 1, 0, cell + 1)
                pieces.pop()
                flags.pop()
            return
        # the cells left for this run: at least one for each later run
        max_here = n_cells - cell - suffix_runs[run + 1]
        if max_here < 1 or len(text) - offset > room_to[cell + max_here] - room_to[cell]:
            return
        pattern = patterns[kinds[cell]]
        digits = plain[run]
        checked = cell in sums
        for end in range(offset + 1 if max_here > 1 else len(text), min(len(text), offset + max_len[cell]) + 1):
            piece = text[offset:end]
            if digits:
                if end - offset > digit_max[cell] or (strict and end - offset > 1 and piece[0] == "0"):
                    break  # too long, or a leading zero: so is every longer piece
            elif pattern.fullmatch(piece) is None:
                continue
            split_here = not (offset == 0 and end == len(text))
            if checked and not group_sum_ok(cell, piece, split_here):
                continue
            pieces.append(piece)
            flags.append(split_here)
            visit(run + (end == len(text)), 0 if end == len(text) else end, cell + 1)
            pieces.pop()
            flags.pop()
            if search.capped:
                return

    visit(0, 0, 0)


def _enumerate_blocks(search: _Search) -> None:
    """Like :func:`_enumerate` for a segment printed as one glued run whose groups each end
    with their total: for each group, choose where it ends and how long its total is, then
    split the addends with the running sum bounded by that total (the last addend is forced)."""
    seg = search.segment
    text = seg.runs[0]
    groups = seg.groups
    chosen: list[str] = []
    # casting out nines: however plain digits are cut, their numbers add up to the digits' sum
    # modulo 9, so a group's addends and its total have equal digit sums modulo 9
    nines: list[int] | None = None
    values: list[int] = []  # the digits' values, when the run is plain digits
    if text.isascii() and text.isdigit():
        values = list(map(int, text))
        nines = list(itertools.accumulate(values, initial=0))

    def addends(start: int, stop: int, kinds: Sequence[ColumnKind], room: int, total: int) -> list[list[str]]:
        count = len(kinds)
        digits = text[start:stop]
        if digits.isascii() and digits.isdigit():
            return _digit_addends(search, text, start, stop, count, room, total)
        out: list[list[str]] = []
        parts: list[str] = []

        def step(at: int, left: int, rest: int) -> None:
            if search.full():
                return
            span = stop - at
            digits = min(room, len(str(rest)))  # no addend is larger than what is left of the total
            if span < left or span > left * digits:
                return  # the addends left cannot take up exactly the rest of the digits
            if rest == 0:
                if text[at:stop] == "0" * left:
                    out.append([*parts, *("0" * left)])
                return
            if rest >= left * 10 ** (span - left + 1):
                return  # the addends left are each below 10**(spare digits + 1): they cannot reach it
            if left == 1:
                piece = text[at:stop]
                kind = kinds[count - 1]
                if piece == str(rest) or (not piece.isdigit() and _STRICT[kind].fullmatch(piece)
                                          and number_of(piece, kind) == rest):
                    out.append([*parts, piece])
                return
            kind = kinds[count - left]
            longest = min(digits, span - left + 1)
            for end in range(at + 1, at + longest + 1):
                piece = text[at:end]
                if piece.isdigit():
                    if len(piece) > 1 and piece[0] == "0":
                        break  # every longer piece starts with 0 too
                    value = int(piece)
                    if value > rest:
                        break  # every longer piece is larger still
                else:
                    number = number_of(piece, kind) if _STRICT[kind].fullmatch(piece) else None
                    if number is None or number > rest:
                        continue
                    value = int(number)
                parts.append(piece)
                step(end, left - 1, rest - value)
                parts.pop()
                if search.capped:
                    return

        step(start, count, total)
        return out

    later_cells, room_from = _block_bounds(groups)

    def visit(index: int, offset: int) -> None:
        if search.full():
            return
        if index == len(groups):
            if offset == len(text):
                search.found.append((tuple(chosen), (True,) * len(chosen)))
            return
        group = groups[index]
        size = len(group.keys)
        total_kind = group.kinds[-1]
        total_pattern = _STRICT[total_kind]
        limit = _max_len(total_kind)
        total_digits = _MAX_DIGITS[total_kind]
        addend_kinds = group.kinds[:-1]
        last_end = len(text) - later_cells[index]
        if len(text) - offset > room_from[index]:
            return
        first_end = max(offset + size, len(text)) if index == len(groups) - 1 else offset + size
        for end in range(first_end, min(last_end, offset + size * limit) + 1):
            if not group.total_last:
                for cand in _splits_without_total(search, text[offset:end], group):
                    chosen.extend(cand)
                    visit(index + 1, end)
                    del chosen[len(chosen) - size :]
                continue
            for t in range(1, min(limit, end - offset - size + 1) + 1):
                if nines is not None and (nines[end] - 2 * nines[end - t] + nines[offset]) % 9:
                    continue
                total_text = text[end - t : end]
                if nines is not None:  # plain digits: the pattern's test, without a match
                    if t > total_digits:
                        break  # too long for the total's kind, and so is every longer one
                    if t > 1 and total_text[0] == "0":
                        continue
                    total = int(total_text)
                else:
                    if total_pattern.fullmatch(total_text) is None:
                        continue
                    number = number_of(total_text, total_kind)
                    if number is None:
                        continue
                    total = int(number)
                if nines is not None and end - t > offset:  # plain digits: cut as numbers
                    cuts = _digit_addends(search, text, offset, end - t, size - 1, t, total, values)
                else:
                    cuts = addends(offset, end - t, addend_kinds, t, total)
                for parts in cuts:
                    chosen.extend([*parts, total_text])
                    visit(index + 1, end)
                    del chosen[len(chosen) - size :]
                if search.capped:
                    return

    visit(0, 0)


@functools.lru_cache(maxsize=256)
def _block_bounds(groups: tuple[Group, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Per group: the cells of the groups after it, and the most digits it and they can take
    (the same for every row of a table: worked out once)."""
    kinds = [k for g in groups for k in g.kinds]
    later_cells = tuple(sum(len(g.keys) for g in groups[i + 1 :]) for i in range(len(groups)))
    room_from = tuple(sum(map(_max_len, kinds[sum(len(g.keys) for g in groups[:i]) :])) for i in range(len(groups)))
    return later_cells, room_from


def _digit_addends(search: _Search, text: str, start: int, stop: int, count: int, room: int,
                   total: int, values: Sequence[int] = ()) -> list[list[str]]:
    """The cuts of the plain digits ``text[start:stop]`` into ``count`` numbers (none longer than
    ``room`` digits, none with a leading zero) that add up to ``total``, in the order
    :func:`_enumerate_blocks` tries them. Two tests prune before any cut is tried: the numbers
    cut from some digits are congruent to the digits' sum modulo 9 (as 10 is to 1), and how
    many digits are left for how many numbers bounds what they can add up to
    (:func:`_least_sum`, :func:`_greatest_sum`): a cut is followed only while the rest of the
    total stays within those bounds. Each cut tried is one node of the search's budget.
    ``values``: the digits of the whole ``text`` as numbers, when the caller has them."""
    if count == 1:
        piece = text[start:stop]
        return [[piece]] if piece == str(total) else []
    bounds = _sum_bounds
    span = stop - start
    least, greatest = bounds(span, count, min(room, len(str(total)))) if count >= 2 else (1, 0)
    if not least <= total <= greatest:
        return []
    # plain ASCII digits (the caller's test)
    digits = list(values[start:stop]) if values else list(map(int, text[start:stop]))
    if (total - sum(digits)) % 9:
        return []  # casting out nines: however digits are cut, their numbers add up to their digit sum mod 9
    out: list[list[str]] = []
    parts: list[str] = []
    budget = search.budget
    if len(search.found) >= search.limit:
        # at the search's limit (``_Search.full``): the first cut tried stops it, spending nothing
        search.capped = True
        return out
    room_digits = 10 ** (room - 1) if room > 0 else 0  # the least number of ``room`` digits
    # the budget and the search's state are kept in locals while the cut is searched (nothing
    # else spends the budget meanwhile), and written back when it ends
    nodes, exhausted, capped = budget.nodes, budget.exhausted, search.capped

    def step(at: int, left: int, rest: int) -> None:
        nonlocal nodes, exhausted, capped
        # one node of the budget (``_Search.full``, inline: it runs once per node)
        nodes -= 1
        if nodes < 0:
            exhausted = True
        if exhausted or capped:
            capped = True
            return
        first = at - start
        if rest == 0:  # within the bounds, one digit per number: they must all be 0
            if not any(digits[first:]):
                out.append([*parts, *("0" * left)])
            return
        # (a piece longer than the rest of the total is larger than it: the loops stop there)
        if digits[first]:
            longest = stop - at - left + 1
            if longest > room:
                longest = room
        else:
            longest = 1  # a longer piece would start with 0
        if left == 2:  # the last number is the rest of the digits: no longer than ``room``
            for end in range(max(at + 1, stop - room), at + longest + 1):
                value = int(text[at:end])
                if value > rest:
                    break  # every longer piece is larger still
                last = text[end:stop]
                if last == str(rest - value):
                    out.append([*parts, text[at:end], last])
            return
        value = 0
        fewer = left - 1
        end = at
        for digit in digits[first : first + longest]:
            end += 1
            value = value * 10 + digit
            if value > rest:
                break  # every longer piece is larger still
            left_over = rest - value
            # the least and the most the numbers left can add up to (longest: min(room, its digits))
            least, greatest = bounds(stop - end, fewer, room if left_over >= room_digits else len(str(left_over)))
            if least <= left_over <= greatest:
                parts.append(text[at:end])
                step(end, fewer, left_over)
                parts.pop()
                if capped:
                    return

    step(start, count, total)
    budget.nodes, budget.exhausted = nodes, exhausted
    search.capped = capped
    return out


@functools.lru_cache(maxsize=8192)
def _sum_bounds(digits: int, count: int, longest: int) -> tuple[int | float, int]:
    """:func:`_least_sum` and :func:`_greatest_sum` of ``digits`` cut into ``count`` numbers (one
    look-up for each cut the addends' search tries)."""
    return _least_sum(digits, count), _greatest_sum(digits, count, longest)


@functools.lru_cache(maxsize=4096)
def _least_sum(digits: int, count: int) -> int | float:
    """The least that ``digits`` plain digits cut into ``count`` numbers (none with a leading
    zero) can add up to: the digits spread evenly, as a number of n digits is at least 10**(n-1)
    (infinite when they cannot be cut so)."""
    if digits < count or count < 1:
        return 0 if digits == count == 0 else float("inf")
    size, longer = divmod(digits, count)

    def least(n: int) -> int:
        return 10 ** (n - 1) if n > 1 else 0

    return longer * least(size + 1) + (count - longer) * least(size)


@functools.lru_cache(maxsize=4096)
def _greatest_sum(digits: int, count: int, longest: int) -> int:
    """The most that ``digits`` digits cut into ``count`` numbers of at most ``longest`` digits
    can add up to: as many numbers as can be of ``longest`` nines, the rest as long as they can."""
    if count < 1:
        return 0 if digits == 0 else -1
    if digits < count or digits > count * longest:
        return -1
    spare = digits - count  # digits beyond one per number
    total = 0
    for _ in range(count):
        extra = min(spare, longest - 1)
        spare -= extra
        total += 10 ** (extra + 1) - 1
    return total


def _splits_without_total(search: _Search, text: str, group: Group) -> list[list[str]]:
    """The valid splits of ``text`` into a group without a total (bounded by the search)."""
    sub = _Search(Segment((text,), (True,), (group,)), strict=True, use_sums=False, budget=search.budget)
    _enumerate(sub)
    search.capped = search.capped or sub.capped
    return [list(p) for p, _f in sub.found]


def _plausibility(pieces: Sequence[str], flags: Sequence[bool]) -> tuple[int, int, int, int]:
    """Lower is more plausible: no leading zeros, fewer runs cut where blanks may have left no
    run (separate runs are separate cells), balanced digit lengths, a longer last cell."""
    # (blanks aside) the pieces cut out of a run, and those starting with 0 and another digit
    lengths = [len(piece) for piece, flag in zip(pieces, flags, strict=True) if flag and piece]
    zeros = sum(1 for piece in pieces if piece[:1] == "0" and piece[1:2].isdigit())
    imbalance = max(lengths) - min(lengths) if lengths else 0
    return zeros, len(lengths) if "" in pieces else 0, imbalance, -len(pieces[-1]) if pieces else 0


class _Candidates(NamedTuple):
    """A segment's candidates (a named tuple: one is made for every row read)."""

    items: tuple[tuple[tuple[str, ...], tuple[bool, ...]], ...]
    consistent: bool
    capped: bool


def _balanced(segment: Segment) -> tuple[tuple[str, ...], tuple[bool, ...]] | None:
    """The split with the most even digit lengths (one splittable run only), no search."""
    if len(segment.runs) != 1 or not segment.splittable[0]:
        return None
    text, n = segment.runs[0], len(segment.keys)
    if len(text) < n:
        return None
    base, extra = divmod(len(text), n)
    pieces, at = [], 0
    for i in range(n):
        size = base + (1 if i >= n - extra else 0)
        pieces.append(text[at : at + size])
        at += size
    return tuple(pieces), (True,) * len(pieces)


def _one_digit_each(segment: Segment) -> _Candidates | None:
    """A glued run of as many plain digits as cells cuts one way only (``2000002``): that cut,
    when every total adds up; ``None`` otherwise (the search then says what else fits)."""
    text = segment.runs[0]
    if len(segment.runs) != 1 or not segment.splittable[0] or len(text) != len(segment.keys) \
            or not (text.isascii() and text.isdigit()) or not _has_sums(segment):
        return None
    at = 0
    for group in segment.groups:
        digits = [ord(ch) - 48 for ch in text[at : at + len(group.keys)]]
        at += len(group.keys)
        if group.total_last and sum(digits[:-1]) != digits[-1]:
            return None
    return _Candidates(((tuple(text), (True,) * len(text)),), True, False)


def _segment_candidates(segment: Segment, budget: _Budget, fallback: _Budget) -> _Candidates:
    if len(segment.runs) == len(segment.keys):  # one printed run per cell: nothing to split
        return _Candidates(((segment.runs, (False,) * len(segment.runs)),), True, False)
    single = _one_digit_each(segment)
    if single is not None:
        return single
    capped = False
    if _has_sums(segment):
        search = _Search(segment, strict=True, use_sums=True, budget=budget)
        one_run = len(segment.runs) == 1 and segment.splittable[0]
        (_enumerate_blocks if one_run and segment.groups[-1].total_last else _enumerate)(search)
        capped = search.capped
        if search.found:
            found = sorted(search.found, key=lambda c: _plausibility(*c)) if len(search.found) > 1 else search.found
            return _Candidates(tuple(found), True, capped)
    # no split adds up (or there are no sums): the plausible splits, from a small search
    for strict in (True, False):
        search = _Search(segment, strict=strict, use_sums=False, budget=fallback, limit=CANDIDATE_CAP)
        _enumerate(search)
        if search.found:
            found = sorted(search.found, key=lambda c: _plausibility(*c))
            if _has_sums(segment):
                found = found[:1]
            return _Candidates(tuple(found[:CANDIDATE_CAP]), not _has_sums(segment), capped or search.capped)
    balanced = _balanced(segment)
    if balanced is not None and all(len(p) <= _max_len(k) for p, k in zip(balanced[0], segment.kinds, strict=True)):
        return _Candidates((balanced,), False, True)
    return _Candidates((), False, capped)


def _has_sums(segment: Segment) -> bool:
    return segment.has_sums


# ---------------------------------------------------------------------------- combining


Number = Union[int, Decimal, None]


def _numbers(assigned: Mapping[str, str], kinds: Mapping[str, ColumnKind],
             fixed: Mapping[str, CellValue]) -> dict[str, Number]:
    out: dict[str, Number] = {k: v for k, v in fixed.items() if isinstance(v, (int, Decimal)) and is_number(v)}
    out.update((k, number_of(p, kinds[k])) for k, p in assigned.items())
    return out


def _numbers_of(pieces: Sequence[str], kinds: Sequence[ColumnKind]) -> tuple[Number, ...]:
    """:func:`number_of` of each piece (a piece of plain digits read without the call)."""
    joined = "".join(pieces)
    if joined.isascii() and joined.isdigit() and all(pieces) and _MONEY not in kinds:
        return tuple(map(int, pieces))  # counts, each printed in plain digits (a row cut from a run)
    return tuple(int(p) if p.isdigit() and p.isascii() and k is not _MONEY else number_of(p, k)
                 for p, k in zip(pieces, kinds, strict=True))


def _holds(rel: Relation, numbers: Mapping[str, Number]) -> bool | None:
    """True/False when the relation can be assessed, ``None`` when a total is not a number.

    A cell that is not a number counts as 0 on the right-hand side (a blank addend).
    """
    get: Callable[[str], Number] = numbers.get
    total: int | Decimal = 0
    for key in rel.lhs:
        value = get(key)
        if value is None:
            return None
        total += value
    addends: Iterator[int | Decimal] = filter(None, map(get, rel.rhs))  # (blanks and zeros add nothing)
    return total == sum(addends)


def _agrees(pieces: Sequence[str], keys: Sequence[str], kinds: Sequence[ColumnKind],
            claims: Mapping[str, int | Decimal]) -> bool:
    for piece, key, kind in zip(pieces, keys, kinds, strict=True):
        if key in claims and number_of(piece, kind) != claims[key]:
            return False
    return True


def solve(
    segments: Sequence[Segment],
    *,
    relations: Sequence[Relation] = (),
    fixed: Mapping[str, CellValue] | None = None,
    claims: Mapping[str, int | Decimal] | None = None,
) -> SplitResult:
    """Cut every segment's runs into its cells so that every relation holds.

    ``relations`` are the form's sums (``EditionSpec.relations()``); a relation is used
    when every one of its cells is in a segment or in ``fixed`` (values read elsewhere).
    ``claims`` are figures the prose states for some cells (``制发行政规范性文件62件``): a
    candidate that agrees with them is preferred. Candidates are enumerated per segment
    (row and block totals prune first), then combined across segments under the relations.
    """
    fixed = fixed or {}
    claims = claims or {}
    kinds: dict[str, ColumnKind] = {}
    for seg in segments:
        kinds.update(zip(seg.keys, seg.kinds, strict=True))
    basis: list[str] = []
    capped = False
    per_segment: list[list[tuple[tuple[str, ...], tuple[bool, ...]]]] = []
    impossible = False
    inconsistent = False
    any_split = False
    budget, fallback = _Budget(), _Budget(FALLBACK_NODES)
    for seg in segments:
        cands = _segment_candidates(seg, budget, fallback)
        capped = capped or cands.capped
        items = list(cands.items)
        if not items:
            impossible = True
            per_segment.append([])
            continue
        if not cands.consistent:
            inconsistent = True
            items = items[:1]
        if len(items) > 1 or any(any(f) for _p, f in items):
            any_split = True
            if _has_sums(seg) and "row and block totals" not in basis:
                basis.append("row and block totals")
        agreeing = [c for c in items if _agrees(c[0], seg.keys, seg.kinds, claims)] if claims else items
        if agreeing and len(agreeing) < len(items):
            basis.append("figures stated in the prose")
            items = agreeing
        per_segment.append(items)
    pieces: dict[str, str] = {}
    if impossible:
        for seg, items in zip(segments, per_segment, strict=True):
            if items:
                pieces.update(zip(seg.keys, items[0][0], strict=True))
        return SplitResult(SplitStatus.IMPOSSIBLE, pieces, capped=capped)
    if not any_split:
        only = {k: p for seg, items in zip(segments, per_segment, strict=True)
                for k, p in zip(seg.keys, items[0][0], strict=True)}
        return SplitResult(SplitStatus.PRINTED, only)
    present = set(kinds) | set(fixed)
    usable = []
    for rel in relations:
        cells = rel.cells
        if present.issuperset(cells) and not kinds.keys().isdisjoint(cells):
            usable.append(rel)
    combos, combo_capped = _combine(segments, per_segment, usable, kinds, fixed)
    searched = bool(combos)  # combinations kept by the search, every relation holding under each
    capped = capped or combo_capped
    if len(segments) > 1 and usable and any(len(items) > 1 for items in per_segment):
        basis.append("column sums")
    if not combos:
        inconsistent = True
        combos = [[items[0] for items in per_segment]]
    chosen = combos[0]
    split_keys: set[str] = set()
    for seg, (cand_pieces, cand_flags) in zip(segments, chosen, strict=True):
        pieces.update(zip(seg.keys, cand_pieces, strict=True))
        if seg.gaps and "" in cand_pieces:
            split_keys.update(seg.keys)  # blanks read between the runs: where each run stands is a guess
        else:
            split_keys.update(itertools.compress(seg.keys, cand_flags))
    violated: tuple[Relation, ...] = ()  # none under a combination the search kept
    if not searched:
        final = _numbers(pieces, kinds, fixed)
        violated = tuple(r for r in usable if _holds(r, final) is False)
    alternatives: list[dict[str, str]] = []
    if len(combos) > 1:
        every = [k for seg in segments for k in seg.keys]
        if len(set(every)) == len(every):  # (as always: no key in two segments) position by position
            rows = [combo[0][0] for combo in combos] if len(segments) == 1 else \
                [[p for cand in combo for p in cand[0]] for combo in combos]
            columns = list(zip(*rows, strict=True))  # every cell's pieces, one for each combination
            at = [j for j, column in enumerate(columns) if len(set(column)) > 1]
            differing = [every[j] for j in at]
            picked = zip(*[columns[j] for j in at], strict=True)  # each combination's differing pieces
            alternatives = [dict(zip(differing, row, strict=True)) for row in picked] if at else [{} for _row in rows]
        else:
            flat = [{k: p for seg, cand in zip(segments, combo, strict=True)
                     for k, p in zip(seg.keys, cand[0], strict=True)} for combo in combos]
            differing = [k for k in flat[0] if len({f[k] for f in flat}) > 1]
            alternatives = [{k: f[k] for k in differing} for f in flat]
    if inconsistent or violated:
        status = SplitStatus.INCONSISTENT
    elif capped:
        status = SplitStatus.CAPPED
    elif len(combos) > 1:
        status = SplitStatus.AMBIGUOUS
    else:
        status = SplitStatus.UNIQUE
    return SplitResult(status, pieces, frozenset(split_keys), tuple(alternatives), tuple(basis), violated, capped)


def _combine(
    segments: Sequence[Segment],
    per_segment: Sequence[Sequence[tuple[tuple[str, ...], tuple[bool, ...]]]],
    relations: Sequence[Relation],
    kinds: Mapping[str, ColumnKind],
    fixed: Mapping[str, CellValue],
) -> tuple[list[list[tuple[tuple[str, ...], tuple[bool, ...]]]], bool]:
    """Every combination of segment candidates under which every relation holds (bounded)."""
    if not relations and len(segments) == 1 and len(per_segment[0]) <= CANDIDATE_CAP:
        # one segment and nothing to check: every candidate, in order, within the bounds (as
        # the search below finds them)
        return [[cand] for cand in per_segment[0]], False
    # a relation is checked as soon as its last segment is assigned
    last_segment: dict[int, list[Relation]] = {}
    owner: dict[str, int] = {}
    for i, seg in enumerate(segments):
        owner.update(dict.fromkeys(seg.keys, i))
    for rel in relations:
        idx = max(map(owner.get, rel.cells, itertools.repeat(-1)))  # (a relation has a cell in some segment)
        last_segment.setdefault(idx, []).append(rel)
    found: list[list[tuple[tuple[str, ...], tuple[bool, ...]]]] = []
    chosen: list[tuple[tuple[str, ...], tuple[bool, ...]]] = []
    numbers = _numbers({}, kinds, fixed)
    # no two segments share a key: each key's kind is its segment's
    unique = len(owner) == sum(len(seg.keys) for seg in segments)
    values = [[_numbers_of(cand[0], seg.kinds if unique else [kinds[k] for k in seg.keys]) for cand in cands]
              for seg, cands in zip(segments, per_segment, strict=True)]
    # a segment of one candidate has the same numbers on every path: set once, never taken back
    # (when no two segments share a key and no value read elsewhere is one of theirs)
    settle = unique and fixed.keys().isdisjoint(owner)
    settled = [settle and len(cands) == 1 for cands in per_segment]
    for seg, seg_values, done in zip(segments, values, settled, strict=True):
        if done:
            numbers.update(zip(seg.keys, seg_values[0], strict=True))
    nodes = 0
    capped = False

    def visit(i: int) -> None:
        nonlocal nodes, capped
        if capped:
            return
        nodes += 1
        if nodes > COMBINATION_CAP or len(found) >= CANDIDATE_CAP:
            capped = True
            return
        if i == len(segments):
            found.append(list(chosen))
            return
        seg = segments[i]
        checks = last_segment.get(i)
        if settled[i]:
            if checks is None or all(_holds(r, numbers) is not False for r in checks):
                chosen.append(per_segment[i][0])
                visit(i + 1)
                chosen.pop()
            return
        for cand, cand_values in zip(per_segment[i], values[i], strict=True):
            numbers.update(zip(seg.keys, cand_values, strict=True))
            if checks is None or all(_holds(r, numbers) is not False for r in checks):
                chosen.append(cand)
                visit(i + 1)
                chosen.pop()
            if capped:
                break
        for k in seg.keys:
            numbers.pop(k, None)

    visit(0)
    return found, capped

