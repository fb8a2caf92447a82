"""Collecting cell values, provenance and problems while a parser reads a report."""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from functools import cache
from types import MappingProxyType
from typing import Any, Literal

import attrs

from .._errors import KeyLookupError, StructureError
from .._i18n import split_id
from ..model import AnnualReport, CellValue, ColumnKind, Edition, Placeholder, Unreadable, edition_spec
from ..model._tables import row_maker
from ._cells import parse_cell
from ._result import (
    CellOrigin,
    Kind,
    LineOrigin,
    Location,
    ParseResult,
    Problem,
    ProblemSeverity,
    Provenance,
    Provenances,
)

__all__ = ["PrintedCell", "ReportBuilder", "counted_keys", "without_tables"]

_MONEY = ColumnKind.MONEY

_COUNTS: dict[str, int] = {str(n): n for n in range(1000)}
"""The numbers 0–999 by their plain decimal text (read only): most printed counts are under a
thousand, and a look-up here costs a third of ``int``'s parse and needs no test of the text (a
text found is plain ASCII digits); any other text goes through the tests and ``int``."""


class _Slow(enum.Enum):
    SET_RAW = enum.auto()
    """A cell :func:`_plain_value` leaves to :meth:`ReportBuilder.set_raw` (it makes a problem)."""


def _plain_value(raw: str, kind: ColumnKind) -> CellValue | Literal[_Slow.SET_RAW]:
    """The value of a cell printed as ``raw`` in a column of ``kind``, read without a problem —
    or ``_Slow.SET_RAW`` for an unreadable or placeholder text, which ``set_raw`` reports. The
    fast paths of the builder (:meth:`ReportBuilder.set_cell`, ``set_cells``, ``set_line``) share it."""
    if raw.isdigit() and raw.isascii():  # parse_cell's first case, without the call
        return int(raw) if kind is not _MONEY else Decimal(raw)
    if not raw:  # a blank cell (parse_cell's second case)
        return None
    value, _clean = parse_cell(raw, kind)
    return _Slow.SET_RAW if isinstance(value, (Unreadable, Placeholder)) else value


@cache
def _kinds(edition: Edition) -> Mapping[str, ColumnKind]:
    """Every stable key of the edition → its column kind (read-only; built once per edition)."""
    spec = edition_spec(edition)
    return MappingProxyType({
        f"{table.key}.{row.key}.{col.key}": col.kind
        for table in spec.tables
        for row in table.rows
        for col in row.columns
    })


@cache
def _kinds_dict(edition: Edition) -> dict[str, ColumnKind]:
    """:func:`_kinds` as a plain dict, shared by every builder of the edition (read only)."""
    return dict(_kinds(edition))


@cache
def _key_parts(edition: Edition) -> Mapping[str, tuple[str, str, str]]:
    """Every stable key of the edition → its table, row and column keys (built once)."""
    out: dict[str, tuple[str, str, str]] = {}
    for key in _kinds(edition):
        table, row, column = key.split(".")
        out[key] = (table, row, column)
    return MappingProxyType(out)


_RowLayout = tuple[str, Callable[..., Any], bool, tuple[str, ...]]


@cache
def _layout(edition: Edition) -> tuple[tuple[str, type, tuple[_RowLayout, ...]], ...]:
    """Every table of the edition with its class and rows: ``(row key, row constructor, optional,
    the stable keys of its columns in the order of the class's fields)`` (built once; the
    constructor is :func:`~gov_disclosure.model._tables.row_maker`'s: the builder's values are read
    by ``parse_cell``, so most need no validator)."""
    return tuple(
        (table.key, table.table_class,
         tuple((row.key, row_maker(row.row_class), row.optional,
                tuple(f"{table.key}.{row.key}.{field.name}" for field in attrs.fields(row.row_class)))
               for row in table.rows))
        for table in edition_spec(edition).tables)


_TablesMaker = Callable[[Callable[[str], CellValue], Callable[[tuple[str, ...]], bool], bool], dict[str, Any]]


@cache
def _tables_maker(edition: Edition) -> _TablesMaker:
    """The tables of a report of the edition made by one function, written out once per edition
    from :func:`_layout`: ``make(get, read_any, single_other)`` calls each row's constructor with
    ``get`` of its stable keys in field order and each table class with its rows by name (no
    loop, ``map`` or keyword dict per row); an optional row is made when the form prints it
    (``single_other``: section 三 prints （六）其他处理 as one row) or ``read_any`` of its keys
    says a value of it was read, and is ``None`` otherwise. What :meth:`ReportBuilder.report`
    builds row by row, in one call."""
    spec = edition_spec(edition)
    scope: dict[str, Any] = {}
    tables = []
    for t, (table_key, table_class, layout) in enumerate(_layout(edition)):
        scope[f"_T{t}"] = table_class
        rows = []
        for r, (row_key, make_row, optional, keys) in enumerate(layout):
            scope[f"_R{t}_{r}"] = make_row
            call = f"_R{t}_{r}({', '.join(f'get({key!r})' for key in keys)})"
            if optional:
                scope[f"_K{t}_{r}"] = keys
                printed = {single: spec.row_printed(table_key, row_key, other_handling=single)
                           for single in (False, True)}
                if printed[False] and printed[True]:
                    test = "True"
                elif printed[False] or printed[True]:
                    test = f"{'' if printed[True] else 'not '}single_other or read_any(_K{t}_{r})"
                else:
                    test = f"read_any(_K{t}_{r})"
                call = f"({call} if {test} else None)" if test != "True" else call
            rows.append(f"{row_key}={call}")
        tables.append(f"        {table_key!r}: _T{t}({', '.join(rows)}),")
    source = "\n".join(["def make(get, read_any, single_other):", "    return {", *tables, "    }"])
    exec(compile(source, f"<tables_maker {edition.value}>", "exec"), scope)  # built above from the edition's keys
    maker: _TablesMaker = scope["make"]
    return maker


def counted_keys(edition: Edition, keys: Sequence[str]) -> bool:
    """``keys`` are distinct stable keys of the edition and none is of a money column: a row of
    cells under them may go to :meth:`ReportBuilder.set_counts` (ask once per row layout)."""
    kinds = _kinds(edition)
    return len(set(keys)) == len(keys) and all(kinds.get(key) not in (None, _MONEY) for key in keys)


@cache
def _other_handling(edition: Edition) -> tuple[str, ...]:
    """The stable keys of ``requests.other_handling`` (a 2021-edition report that prints it as one row)."""
    return tuple(key for key in _kinds(edition) if key.startswith("requests.other_handling."))


@cache
def _row_keys(edition: Edition) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Every row of the edition as ``table.row`` with its stable keys (built once)."""
    return tuple((f"{table_key}.{row_key}", keys)
                 for table_key, _table_class, layout in _layout(edition) for row_key, _make, _optional, keys in layout)


PrintedCell = tuple[str, int, int, int, int, bool]
"""A cell of a grid as :meth:`ReportBuilder.set_cells` reads it: a :class:`~._grid.Cell`, or the
plain tuple of its fields (``[0]`` its text, ``[2]`` its grid column) the grid keeps."""


class ReportBuilder:
    """Mutable scratchpad of one parse; :meth:`result` freezes it into a :class:`ParseResult`.

    Parsers call :meth:`set_raw` for every printed cell they map to a stable key, and
    :meth:`problem` for anything else worth reporting. The first value set for a key wins;
    a second, different one is reported as ``CELL.DUPLICATE``.
    """

    def __init__(self, edition: Edition, *, source_format: str) -> None:
        self.edition = edition
        self.source_format = source_format
        self.spec = edition_spec(edition)
        self.values: dict[str, CellValue] = {}
        self.provenance: dict[str, Provenance | CellOrigin | LineOrigin] = {}
        self.problems: list[Problem] = []
        self.metadata: dict[str, Any] = {}
        self._kinds = _kinds_dict(edition)  # a plain dict: looked up once per cell (never changed)

    def kind(self, key: str) -> ColumnKind:
        """The column kind of a stable key (``KeyLookupError`` when the edition has none)."""
        try:
            return self._kinds[key]
        except KeyError:
            raise KeyLookupError(key, sorted(self._kinds)) from None

    def problem(
        self,
        code: str,
        params: Mapping[str, object] | None = None,
        *,
        severity: ProblemSeverity = ProblemSeverity.WARNING,
        location: Location | None = None,
        raw: str | None = None,
        candidates: tuple[dict[str, object], ...] = (),
        kind: Kind = Kind.EXTRACTION,
    ) -> None:
        """Record a problem in the input (``kind``: the parser's uncertainty by default).

        ``code`` may name a variant of the code's message (``TEXT.SUBTOTAL#checked``, see
        :mod:`gov_disclosure._i18n`); ``params`` are the message's arguments."""
        code, variant = split_id(code)
        self.problems.append(Problem(code, severity, params or {}, location or Location(), raw, candidates, kind,
                                     variant))

    def set_raw(self, key: str, raw: str, location: Location, *, note: str | None = None) -> CellValue:
        """Read the printed ``raw`` text of the cell ``key`` and keep value and provenance."""
        kind = self._kinds.get(key)
        if kind is None:
            kind = self.kind(key)  # raises KeyLookupError
        value, _clean = parse_cell(raw, kind)
        loc = location.with_key(key)
        if isinstance(value, Unreadable):
            self.problem("CELL.UNREADABLE", {"key": key, "text": raw.strip()},
                         severity=ProblemSeverity.ERROR, location=loc, raw=raw, kind=Kind.SOURCE)
        elif isinstance(value, Placeholder):
            self.problem("CELL.PLACEHOLDER", {"key": key, "text": raw.strip()},
                         severity=ProblemSeverity.INFO, location=loc, raw=raw, kind=Kind.SOURCE)
        self._keep(key, value, Provenance(loc, raw, note))
        return value

    def set_line(self, key: str, raw: str, line: int, base: Location | None = None, *,
                 note: str | None = None) -> CellValue:
        """:meth:`set_raw` for a cell read from a line of a stream at ``Location(key, line=line)``
        (or ``base.with_key(key)``: a PDF line's own location), its provenance kept as a plain
        tuple until it is read (one per cell, as :meth:`set_cell` does for a grid)."""
        kind = self._kinds.get(key)
        if kind is not None and key not in self.values:
            value = _plain_value(raw, kind)
            if value is not _Slow.SET_RAW:
                self.values[key] = value
                self.provenance[key] = (raw, key, line, base, note)
                return value
        return self.set_raw(key, raw, Location(key, line=line) if base is None else base.with_key(key), note=note)

    def set_cell(self, key: str, raw: str, table: int | None, row: int | None, column: int | None,
                 element: str | None) -> CellValue:
        """:meth:`set_raw` for the cell of a grid at ``Location(key, table, row, column, element)``,
        its provenance kept as a plain tuple until it is read (one per cell: the location and
        provenance records cost more than reading the number)."""
        kind = self._kinds.get(key)
        if kind is not None and key not in self.values:
            value = _plain_value(raw, kind)
            if value is not _Slow.SET_RAW:
                self.values[key] = value
                self.provenance[key] = (raw, key, table, row, column, element)
                return value
        return self.set_raw(key, raw, Location(key, table, row, column, element))

    def set_cells(self, keys: Sequence[str], cells: Sequence[PrintedCell | None], table: int | None,
                  row: int | None, element: str | None) -> list[CellValue]:
        """:meth:`set_cell` for the cells of one grid row in order (``cells[i]`` printed under
        ``keys[i]``; ``None``: no cell there, read as blank): the values read, one call per row."""
        kinds = self._kinds
        values = self.values
        provenance = self.provenance
        counts = _COUNTS
        out: list[CellValue] = []
        append = out.append
        for key, cell in zip(keys, cells, strict=True):
            if cell is None:
                raw, column = "", None
            else:
                raw, column = cell[0], cell[2]
            kind = kinds.get(key)
            if kind is not None and key not in values:
                value: CellValue | Literal[_Slow.SET_RAW]
                if kind is not _MONEY and (count := counts.get(raw)) is not None:
                    value = count  # _plain_value's first case, looked up (most cells)
                elif raw.isdigit() and raw.isascii():  # _plain_value's first case, without the call
                    value = int(raw) if kind is not _MONEY else Decimal(raw)
                else:
                    value = _plain_value(raw, kind)
                    if value is _Slow.SET_RAW:
                        append(self.set_raw(key, raw, Location(key, table, row, column, element)))
                        continue
                values[key] = value
                provenance[key] = (raw, key, table, row, column, element)
                append(value)
            else:
                append(self.set_raw(key, raw, Location(key, table, row, column, element)))
        return out

    def set_counts(self, keys: Sequence[str], cells: Sequence[PrintedCell], table: int | None,
                   row: int | None, element: str | None) -> list[CellValue]:
        """:meth:`set_cells` for ``keys`` that :func:`counted_keys` accepts and a cell under each
        (none missing): a row of plain ASCII digits under keys none of which was read before is
        read without a look-up per cell (most rows); the rest of any other row as ``set_cells``
        reads it."""
        values = self.values
        if len(keys) != len(cells) or not values.keys().isdisjoint(keys):
            return self.set_cells(keys, cells, table, row, element)
        provenance = self.provenance
        get = _COUNTS.get
        out: list[CellValue] = []
        append = out.append
        for key, cell in zip(keys, cells, strict=False):  # as many as keys (asked above)
            raw = cell[0]
            value = get(raw)  # a count column: _plain_value's first case, looked up (most cells)
            if value is None:
                if not (raw.isdigit() and raw.isascii()):
                    break
                value = int(raw)
            values[key] = value
            provenance[key] = (raw, key, table, row, cell[2], element)
            append(value)
        else:
            return out
        done = len(out)
        return out + self.set_cells(keys[done:], cells[done:], table, row, element)

    def rows_read(self) -> set[str]:
        """The rows (``table.row``) of which a value was read."""
        # every key was checked against the edition when set: a row is read when one of its keys is
        # (a question per row of the edition, not one per value)
        read = self.values.keys()
        return {row for row, keys in _row_keys(self.edition) if not read.isdisjoint(keys)}

    def set_value(self, key: str, value: CellValue, provenance: Provenance) -> None:
        """Keep an already-read value (the first one for a key wins)."""
        self.kind(key)
        self._keep(key, value, provenance)

    def _keep(self, key: str, value: CellValue, provenance: Provenance) -> None:
        if key in self.values:
            if self.values[key] != value:
                self.problem(
                    "CELL.DUPLICATE",
                    {"key": key, "kept": self.values[key], "ignored": value},
                    location=provenance.location,
                    raw=provenance.raw,
                )
            return
        self.values[key] = value
        self.provenance[key] = provenance

    def report(self) -> AnnualReport:
        """The report as read so far (tables with every printed row, blanks elsewhere).

        Built directly from the values: every table of the edition, every row its form
        prints (a 2021-edition section 三 with （六）其他处理 as one row when a value of that
        row was read), and any other row a value was read for.
        """
        values = self.values
        get = values.get
        single_other = self.edition is Edition.V2021 and any(key in values for key in _other_handling(self.edition))
        try:
            tables = _tables_maker(self.edition)(get, lambda keys: not values.keys().isdisjoint(keys), single_other)
        except TypeError:
            tables = self._tables_by_row(single_other)  # a value no row takes: raises, naming its row
        return AnnualReport(edition=self.edition, **{**tables, **self.metadata})

    def _tables_by_row(self, single_other: bool) -> dict[str, Any]:
        """:meth:`report`'s tables made row by row (a row that refuses its values raises a
        :class:`StructureError` naming it)."""
        values = self.values
        get = values.get
        tables: dict[str, Any] = {}
        for table_key, table_class, layout in _layout(self.edition):
            rows: dict[str, Any] = {}
            for row_key, make_row, optional, keys in layout:
                if optional and not self.spec.row_printed(table_key, row_key, other_handling=single_other) \
                        and not any(key in values for key in keys):
                    continue
                try:
                    rows[row_key] = make_row(*map(get, keys))  # the columns in field order
                except TypeError as exc:
                    raise StructureError(str(exc), f"$.{table_key}.{row_key}") from None
            tables[table_key] = table_class(**rows)
        return tables

    def result(self, *, strict: bool = False, report: AnnualReport | None = None) -> ParseResult:
        """Freeze into a :class:`ParseResult`; ``strict`` raises on warning-level problems."""
        result = ParseResult(
            report=report if report is not None else self.report(),
            problems=tuple(self.problems),
            provenance=Provenances(self.provenance),
            source_format=self.source_format,
        )
        if strict:
            result.raise_if_problems()
        return result


def without_tables(report: AnnualReport, tables: Collection[str]) -> AnnualReport:
    """``report`` with the named tables set to ``None`` (the source printed none of them)."""
    if not tables:
        return report
    cleared: dict[str, Any] = {table.key: None for table in report.spec.tables if table.key in tables}
    return attrs.evolve(report, **cleared)
