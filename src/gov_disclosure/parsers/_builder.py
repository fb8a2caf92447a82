"""Collecting cell values, provenance and problems while a parser reads a report."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import KeyLookupError, StructureError
from .._i18n import split_id
from ..model import AnnualReport, CellValue, ColumnKind, Edition, Placeholder, Unreadable, edition_spec
from ._cells import parse_cell
from ._result import Kind, Location, ParseResult, Problem, ProblemSeverity, Provenance

__all__ = ["ReportBuilder", "without_tables"]


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
        self.provenance: dict[str, Provenance] = {}
        self.problems: list[Problem] = []
        self.metadata: dict[str, Any] = {}
        self._kinds = dict(_kinds(edition))  # a plain dict: looked up once per cell

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
        grouped: dict[str, dict[str, dict[str, CellValue]]] = {}
        for key, value in self.values.items():
            table_key, row_key, col_key = key.split(".")  # every key was checked against the edition when set
            grouped.setdefault(table_key, {}).setdefault(row_key, {})[col_key] = value
        single_other = self.edition is Edition.V2021 and "other_handling" in grouped.get("requests", {})
        tables: dict[str, Any] = {}
        for table in self.spec.tables:
            given = grouped.get(table.key, {})
            rows: dict[str, Any] = {}
            for row in table.rows:
                cols = given.get(row.key)
                if cols is None:
                    if row.optional and not self.spec.row_printed(table.key, row.key, other_handling=single_other):
                        continue
                    cols = {}
                try:
                    rows[row.key] = row.row_class(**cols)
                except TypeError as exc:
                    raise StructureError(str(exc), f"$.{table.key}.{row.key}") from None
            tables[table.key] = table.table_class(**rows)
        return AnnualReport(edition=self.edition, **{**tables, **self.metadata})

    def result(self, *, strict: bool = False, report: AnnualReport | None = None) -> ParseResult:
        """Freeze into a :class:`ParseResult`; ``strict`` raises on warning-level problems."""
        result = ParseResult(
            report=report if report is not None else self.report(),
            problems=tuple(self.problems),
            provenance=dict(self.provenance),
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
