"""Evaluating a report once for every rule: its cells, the sums of its edition, and the
single-cell repairs that explain failing sums.

The per-edition work (which cells exist, where each sits, which relations hold among them,
in what order blank totals are derived) is done once per edition and layout and memoised
(:func:`plan_for`, a pure function of immutable arguments). The per-report work is a few
passes over about two hundred values.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cache
from operator import attrgetter, itemgetter
from types import MappingProxyType
from typing import Any

import attrs

from ..model import AnnualReport, CellValue, Edition, Relation, edition_spec
from ..parsers._result import Kind, Problem
from ._findings import Finding, Number, Repair, Severity

__all__ = ["CheckContext", "Plan", "Status", "plan_for"]


class Status(enum.Enum):
    """The outcome of one relation in one report."""

    PASS = "pass"
    FAIL = "fail"
    NOT_ASSESSABLE = "not_assessable"
    """The total is not filled (blank, placeholder or unreadable) but its parts say something."""
    EMPTY = "empty"
    """The total and all its parts are unfilled: nothing printed, nothing to check."""


@attrs.frozen
class TableSlice:
    """Where a table's cells sit in :attr:`Plan.keys`."""

    key: str
    heading: str
    start: int
    stop: int


@attrs.frozen
class Plan:
    """Everything about one edition and layout that does not depend on the numbers."""

    edition: Edition
    keys: tuple[str, ...]
    index: Mapping[str, int]
    kinds: tuple[object, ...]
    rows: tuple[str, ...]
    """The row scope of each cell (``requests.granted``)."""
    tables: tuple[TableSlice, ...]
    access: tuple[tuple[str, tuple[tuple[str, Callable[[object], tuple[CellValue, ...]], int], ...]], ...]
    """table key → (row key, getter of the row's cells, number of cells): in printed order."""
    relations: tuple[Relation, ...]
    lhs: tuple[tuple[int, ...], ...]
    rhs: tuple[tuple[int, ...], ...]
    cells_of: tuple[frozenset[int], ...]
    """The cell indices of each relation."""
    rhs_sum: tuple[Callable[[Sequence[Number]], tuple[Number, ...]], ...]
    by_code: Mapping[str, tuple[int, ...]]
    derive: tuple[tuple[int, int], ...]
    """(total cell, the relation defining it), operands before totals: how blank totals are derived."""
    relations_of: tuple[tuple[int, ...], ...]
    """The relation indices each cell sits in."""


@cache
def plan_for(edition: Edition, single_other_row: bool) -> Plan:
    """The :class:`Plan` of an edition; ``single_other_row`` for a 2021-edition report that
    prints （六）其他处理 as one row."""
    spec = edition_spec(edition)
    other = single_other_row if edition is Edition.V2021 else None
    keys: list[str] = []
    kinds: list[object] = []
    rows: list[str] = []
    tables: list[TableSlice] = []
    access: dict[str, dict[str, list[str]]] = {}
    for table in spec.tables:
        start = len(keys)
        for row in table.rows:
            if not spec.row_printed(table.key, row.key, other_handling=other):
                continue
            for col in row.columns:
                access.setdefault(table.key, {}).setdefault(row.key, []).append(col.key)
                keys.append(f"{table.key}.{row.key}.{col.key}")
                kinds.append(col.kind)
                rows.append(f"{table.key}.{row.key}")
        tables.append(TableSlice(table.key, table.heading, start, len(keys)))
    index = {k: i for i, k in enumerate(keys)}
    relations = spec.relations(other_handling=single_other_row)
    lhs = tuple(tuple(index[k] for k in r.lhs) for r in relations)
    rhs = tuple(tuple(index[k] for k in r.rhs) for r in relations)
    by_code: dict[str, list[int]] = {}
    for i, r in enumerate(relations):
        by_code.setdefault(r.code, []).append(i)
    defining: dict[int, int] = {}
    for i, left in enumerate(lhs):
        if len(left) == 1:
            defining.setdefault(left[0], i)

    def depth(cell: int, seen: frozenset[int] = frozenset()) -> int:
        if cell not in defining or cell in seen:
            return 0
        return 1 + max(depth(j, seen | {cell}) for j in rhs[defining[cell]])

    order = sorted(defining, key=lambda c: (depth(c), c))
    return Plan(
        edition=edition,
        keys=tuple(keys),
        index=MappingProxyType(index),
        kinds=tuple(kinds),
        rows=tuple(rows),
        tables=tuple(tables),
        access=tuple(
            (t, tuple((r, _getter(cols), len(cols)) for r, cols in rs.items())) for t, rs in access.items()
        ),
        relations=relations,
        lhs=lhs,
        rhs=rhs,
        cells_of=tuple(frozenset(a + b) for a, b in zip(lhs, rhs, strict=True)),
        rhs_sum=tuple(itemgetter(*r) for r in rhs),
        by_code=MappingProxyType({c: tuple(v) for c, v in by_code.items()}),
        derive=tuple((c, defining[c]) for c in order),
        relations_of=tuple(
            tuple(i for i, (a, b) in enumerate(zip(lhs, rhs, strict=True)) if c in a or c in b)
            for c in range(len(keys))
        ),
    )


def _getter(cols: list[str]) -> Callable[[object], tuple[CellValue, ...]]:
    get: Callable[[object], Any] = attrgetter(*cols)
    if len(cols) == 1:
        return lambda row: (get(row),)
    return get


#: The types of a number in a cell (the model admits no others, and no ``bool``).
_NUMBER_TYPES = frozenset({int, Decimal})


def _read(plan: Plan, report: AnnualReport) -> list[CellValue]:
    values: list[CellValue] = []
    for table_key, rows in plan.access:
        table = getattr(report, table_key)
        for row_key, get, width in rows:
            row = None if table is None else getattr(table, row_key)
            if row is None:
                values.extend([None] * width)
            else:
                values.extend(get(row))
    return values


@attrs.frozen
class _Evaluation:
    effective: tuple[Number, ...]
    sums: tuple[tuple[Number, Number], ...]
    status: tuple[Status, ...]
    odd: tuple[int, ...]
    """Cells that are placeholders, unreadable or negative."""
    derived: bool
    """Whether some total was unfilled and derived from its parts."""


_PASS, _FAIL = Status.PASS, Status.FAIL


def _evaluate(plan: Plan, values: Sequence[CellValue]) -> _Evaluation:
    numeric = [type(v) in _NUMBER_TYPES for v in values]
    effective: list[Number]
    derived = False
    if all(numeric):
        effective = values  # type: ignore[assignment]
        odd = [i for i, v in enumerate(effective) if v < 0] if values and min(effective) < 0 else []
    else:
        effective = [v if n else 0 for v, n in zip(values, numeric, strict=True)]  # type: ignore[misc]
        odd = [i for i, (v, n) in enumerate(zip(values, numeric, strict=True))
               if (v is not None and not n) or (n and v < 0)]  # type: ignore[operator]
        for cell, rel in plan.derive:
            if not numeric[cell]:
                effective[cell] = sum(plan.rhs_sum[rel](effective))
                derived = True
    sums: list[tuple[Number, Number]] = []
    status: list[Status] = []
    for left, getter, right in zip(plan.lhs, plan.rhs_sum, plan.rhs, strict=True):
        if len(left) == 1:
            total: Number = effective[left[0]]
            parts: Number = sum(getter(effective))
            if not numeric[left[0]]:
                filled = parts != 0 or any(numeric[j] for j in right)
                status.append(Status.NOT_ASSESSABLE if filled else Status.EMPTY)
            else:
                status.append(_PASS if total == parts else _FAIL)
        else:
            total = sum(effective[j] for j in left)
            parts = sum(getter(effective))
            status.append(_PASS if total == parts else _FAIL)
        sums.append((total, parts))
    return _Evaluation(tuple(effective), tuple(sums), tuple(status), tuple(odd), derived)


@attrs.frozen
class CheckContext:
    """One report, read and evaluated once, as every report rule receives it.

    ``report`` is the whole report (prose included: rules about the prose read it from
    here). ``values`` holds every table cell of the edition in printed order
    (``keys[i]`` names ``values[i]``). The sums of the edition are evaluated once, with
    blank addends counted as 0 and blank totals derived from their parts; the single-cell
    repairs of failing sums are searched once.
    """

    report: AnnualReport
    plan: Plan = attrs.field(repr=False)
    values: tuple[CellValue, ...] = attrs.field(repr=False)
    effective: tuple[Number, ...] = attrs.field(repr=False)
    sums: tuple[tuple[Number, Number], ...] = attrs.field(repr=False)
    status: tuple[Status, ...] = attrs.field(repr=False)
    repairs: Mapping[int, tuple[Repair, ...]] = attrs.field(repr=False)
    """Relation index → the single-cell repairs of its group of failing relations."""
    cell_repairs: Mapping[int, tuple[Repair, ...]] = attrs.field(repr=False)
    """Cell index → the repair of that very cell, where it is the only one that explains a failure."""
    odd: tuple[int, ...] = attrs.field(repr=False)
    """Indices of the cells that are placeholders, unreadable, or negative numbers."""
    problems: tuple[Problem, ...] = attrs.field(default=(), repr=False)
    """The parse problems met reading the report (empty for a report built by hand)."""

    @classmethod
    def of(cls, report: AnnualReport, problems: tuple[Problem, ...] = ()) -> CheckContext:
        """Read and evaluate ``report``; ``problems`` are those its parser met."""
        plan = plan_for(report.edition, report.edition is Edition.V2021 and report.prints_single_other_row)
        values = _read(plan, report)
        ev = _evaluate(plan, values)
        repairs: dict[int, tuple[Repair, ...]] = {}
        cell_repairs: dict[int, tuple[Repair, ...]] = {}
        if Status.FAIL in ev.status:
            repairs, cell_repairs = _search_repairs(plan, values, ev)
        return cls(
            report=report,
            plan=plan,
            values=tuple(values),
            effective=ev.effective,
            sums=ev.sums,
            status=ev.status,
            repairs=MappingProxyType(repairs),
            cell_repairs=MappingProxyType(cell_repairs),
            odd=ev.odd,
            problems=problems,
        )

    @property
    def keys(self) -> tuple[str, ...]:
        """The stable key of every table cell of the edition, in printed order."""
        return self.plan.keys

    @property
    def cells(self) -> Mapping[str, CellValue]:
        """Every table cell by stable key (as :meth:`AnnualReport.cells`)."""
        return MappingProxyType(dict(zip(self.plan.keys, self.values, strict=True)))

    def value(self, key: str) -> CellValue:
        """The printed value of a cell (``None`` for a blank; ``KeyError`` for an unknown key)."""
        return self.values[self.plan.index[key]]

    def effective_value(self, key: str) -> Number:
        """The value a cell counts as in sums: its number; 0 for an unfilled part; for an
        unfilled total, the sum of its parts."""
        return self.effective[self.plan.index[key]]

    def relation_findings(self, code: str, severity: Severity) -> Iterator[Finding]:
        """A finding for each relation of ``code`` that fails."""
        plan = self.plan
        if _FAIL not in self.status:
            return
        for i in plan.by_code.get(code, ()):
            if self.status[i] is Status.FAIL:
                rel = plan.relations[i]
                total, parts = self.sums[i]
                yield Finding(
                    code=code,
                    severity=severity,
                    cells=rel.cells,
                    printed=total,
                    computed=parts,
                    scope=rel.scope,
                    year=self.report.year,
                    repairs=self.repairs.get(i, ()),
                )

    def unread(self, key: str) -> Problem | None:
        """The parse problem saying the parser saw but could not read the table or row ``key``
        (an extraction problem located at that key), or ``None``."""
        for problem in self.problems:
            if problem.kind is Kind.EXTRACTION and problem.location.key == key:
                return problem
        return None

    def checked(self) -> bool:
        """Whether some sum of the form could be checked: one fails, or one holds with at least
        one of its cells printed as a number (a sum of blanks holds, but says nothing)."""
        if _FAIL in self.status:
            return True
        filled = [type(v) in _NUMBER_TYPES for v in self.values]
        return any(status is _PASS and any(filled[c] for c in self.plan.cells_of[i])
                   for i, status in enumerate(self.status))

    def unassessable(self) -> Iterator[tuple[Relation, Number]]:
        """Each relation whose total is not filled, with the value its parts give."""
        if Status.NOT_ASSESSABLE not in self.status:
            return
        for i, status in enumerate(self.status):
            if status is Status.NOT_ASSESSABLE:
                yield self.plan.relations[i], self.sums[i][1]


def _components(plan: Plan, failing: list[int]) -> list[list[int]]:
    """Failing relations grouped by shared cells."""
    groups: list[tuple[set[int], list[int]]] = []
    for rel in failing:
        cells = set(plan.cells_of[rel])
        merged = [g for g in groups if g[0] & cells]
        rest = [g for g in groups if not g[0] & cells]
        new_cells, new_rels = cells, [rel]
        for g_cells, g_rels in merged:
            new_cells |= g_cells
            new_rels = g_rels + new_rels
        groups = [*rest, (new_cells, sorted(new_rels))]
    return sorted((rels for _c, rels in groups), key=lambda rels: rels[0])


def _repairs(plan: Plan, values: list[CellValue], ev: _Evaluation, cell: int, value: Number,
             group: list[int], failing: frozenset[int]) -> bool:
    """Whether printing ``value`` in ``cell`` makes every relation of ``group`` hold and breaks none."""
    if not ev.derived:
        # Every total is printed: the new value changes only the sums the cell sits in.
        delta = value - ev.effective[cell]
        for i in plan.relations_of[cell]:
            total, parts = ev.sums[i]
            if cell in plan.lhs[i]:
                total += delta
            else:
                parts += delta
            if total != parts:
                return False
        return True
    trial = list(values)
    trial[cell] = value
    after = _evaluate(plan, trial).status
    return all(after[i] is Status.PASS for i in group) and not any(
        s is Status.FAIL and i not in failing for i, s in enumerate(after)
    )


def _search_repairs(
    plan: Plan, values: list[CellValue], ev: _Evaluation
) -> tuple[dict[int, tuple[Repair, ...]], dict[int, tuple[Repair, ...]]]:
    """For each group of failing relations, every single cell whose new value makes all of
    them hold without breaking any other relation and without going negative."""
    failing = [i for i, s in enumerate(ev.status) if s is Status.FAIL]
    failing_set = frozenset(failing)
    by_relation: dict[int, tuple[Repair, ...]] = {}
    by_cell: dict[int, tuple[Repair, ...]] = {}
    for group in _components(plan, failing):
        common = frozenset.intersection(*(plan.cells_of[i] for i in group))
        first = group[0]
        total, parts = ev.sums[first]
        found: list[Repair] = []
        for cell in sorted(common):
            delta = total - parts
            current = ev.effective[cell]
            value = current - delta if cell in plan.lhs[first] else current + delta
            if value < 0:
                continue
            if _repairs(plan, values, ev, cell, value, group, failing_set):
                found.append(Repair(plan.keys[cell], value, printed=values[cell]))
        for i in group:
            by_relation[i] = tuple(found)
        if len(found) == 1:
            by_cell[plan.index[found[0].cell]] = tuple(found)
    return by_relation, by_cell
