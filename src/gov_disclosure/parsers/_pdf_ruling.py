"""Ruled tables from rulings: edges → snapped, joined rules → crossings → cells → tables.

Pure geometry on ``(x0, top, x1, bottom)`` edges (each horizontal or vertical), no PDF library.
The steps are the usual ones for ruled tables (the same as pdfplumber's table finder with
explicit lines, which the layout stage was first built on):

1. *snap*: rules whose positions (``top`` of a horizontal rule, ``x0`` of a vertical one) lie
   within ``tolerance`` of each other, chained, move to their mean position;
2. *join*: rules on one line whose ends are within ``tolerance`` become one rule; rules shorter
   than ``tolerance`` are dropped;
3. *crossings*: a vertical and a horizontal rule cross where they meet within ``tolerance``;
4. *cells*: from each crossing, the smallest rectangle whose four corners are crossings joined
   by rules on all four sides;
5. *tables*: cells sharing a corner belong to one table; a table of one cell is a box, not a
   table. Tables come top to bottom, then left to right.
"""

from __future__ import annotations

import bisect
import collections
from collections.abc import Sequence

__all__ = ["find_tables"]

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


def _snap(positions: Sequence[float], tolerance: float) -> dict[float, float]:
    """Each distinct position → the mean of its chain of neighbours within ``tolerance``."""
    counts = collections.Counter(positions)
    groups: list[list[float]] = []
    for v in sorted(counts):
        if groups and v <= groups[-1][-1] + tolerance:
            groups[-1].append(v)
        else:
            groups.append([v])
    out: dict[float, float] = {}
    for group in groups:
        n = sum(counts[v] for v in group)
        mean = sum(v * counts[v] for v in group) / n
        for v in group:
            out[v] = mean
    return out


def _join(spans: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    spans.sort()
    joined = [spans[0]]
    for lo, hi in spans[1:]:
        last_lo, last_hi = joined[-1]
        if lo <= last_hi + tolerance:
            if hi > last_hi:
                joined[-1] = (last_lo, hi)
        else:
            joined.append((lo, hi))
    return joined


def _rules(
    edges: Sequence[Box], tolerance: float
) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Merged rules: horizontal ``(y, x0, x1)`` and vertical ``(x, top, bottom)``."""
    horizontal: list[Box] = []
    vertical: list[Box] = []
    for e in edges:
        (horizontal if e[3] - e[1] < e[2] - e[0] else vertical).append(e)
    h_at = _snap([e[1] for e in horizontal], tolerance)
    v_at = _snap([e[0] for e in vertical], tolerance)
    h_lines: dict[float, list[tuple[float, float]]] = {}
    for x0, top, x1, _ in horizontal:
        h_lines.setdefault(h_at[top], []).append((x0, x1))
    v_lines: dict[float, list[tuple[float, float]]] = {}
    for x0, top, _, bottom in vertical:
        v_lines.setdefault(v_at[x0], []).append((top, bottom))
    hs = [(y, a, b) for y in sorted(h_lines) for a, b in _join(h_lines[y], tolerance) if b - a >= tolerance]
    vs = [(x, a, b) for x in sorted(v_lines) for a, b in _join(v_lines[x], tolerance) if b - a >= tolerance]
    return hs, vs


def find_tables(edges: Sequence[Box], tolerance: float) -> list[list[Box]]:
    """The ruled tables that ``edges`` draw, each as its cells' boxes (see the module doc)."""
    hs, vs = _rules(edges, tolerance)
    # crossing point → (indices of the vertical rules, indices of the horizontal rules) through it
    crossings: dict[tuple[float, float], tuple[set[int], set[int]]] = {}
    # the horizontal rules come by ascending y: each vertical rule tries only those at the heights
    # it spans (a window a point wider than the test below, which alone decides)
    h_ys = [y for y, _, _ in hs]
    for vi, (x, v_top, v_bottom) in enumerate(vs):
        first = bisect.bisect_left(h_ys, v_top - tolerance - 1.0)
        last = bisect.bisect_right(h_ys, v_bottom + tolerance + 1.0)
        for hi in range(first, last):
            y, h_x0, h_x1 = hs[hi]
            if v_top <= y + tolerance and v_bottom >= y - tolerance and h_x0 - tolerance <= x <= h_x1 + tolerance:
                entry = crossings.setdefault((x, y), (set(), set()))
                entry[0].add(vi)
                entry[1].add(hi)
    if not crossings:
        return []
    column: dict[float, list[float]] = {}  # x → the crossings' y on it, ascending
    row: dict[float, list[float]] = {}  # y → the crossings' x on it, ascending
    for x, y in sorted(crossings):
        column.setdefault(x, []).append(y)
        row.setdefault(y, []).append(x)

    cells: list[Box] = []
    for x, y in sorted(crossings):
        # each crossing's (vertical, horizontal) rules: two crossings are joined along a side
        # when they share a rule; the corner is top left, then bottom left, top right, far
        down, across = crossings[(x, y)]
        ys, xs = column[x], row[y]
        below = ys[bisect.bisect_right(ys, y) :]
        right = xs[bisect.bisect_right(xs, x) :]
        if not right or not below:
            continue  # a crossing on the right or bottom edge starts no cell
        found = False
        for by in below:
            below_v, below_h = crossings[(x, by)]
            if down.isdisjoint(below_v):
                continue
            for rx in right:
                right_v, right_h = crossings[(rx, y)]
                if across.isdisjoint(right_h):
                    continue
                far = crossings.get((rx, by))
                if far is not None and not far[0].isdisjoint(right_v) and not far[1].isdisjoint(below_h):
                    cells.append((x, y, rx, by))
                    found = True
                    break
            if found:
                break
    return _group(cells)


def _group(cells: Sequence[Box]) -> list[list[Box]]:
    """Cells sharing a corner, as tables (connected components, cells in finding order)."""
    parent = list(range(len(cells)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[tuple[float, float], int] = {}
    for i, (x0, top, x1, bottom) in enumerate(cells):
        here = i  # the root of cell i's table so far (no earlier cell was joined to it yet)
        for corner in ((x0, top), (x0, bottom), (x1, top), (x1, bottom)):
            j = owner.setdefault(corner, i)
            if j != i:
                there = root(j)
                if there != here:
                    parent[here] = there
                    here = there
    tables: dict[int, list[Box]] = {}
    for i, cell in enumerate(cells):
        tables.setdefault(root(i), []).append(cell)
    found = [t for t in tables.values() if len(t) > 1]
    found.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return found
