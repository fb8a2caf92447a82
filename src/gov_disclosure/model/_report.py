"""The report: metadata, prose sections and the three tables."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, Union

import attrs

from .._errors import KeyLookupError, StructureError
from ._edition import Edition, EditionSpec, edition_spec
from ._tables import Proactive2019, Proactive2021, Requests, ReviewLitigation
from ._values import CellValue

__all__ = ["AnnualReport", "ExtraSection", "Proactive", "Section"]

#: Section 二 of either edition.
Proactive = Union[Proactive2019, Proactive2021]

_POINT = re.compile(r"(?m)^\s*(（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+是)")


@attrs.frozen
class Section:
    """A prose section as printed: its heading line and its text.

    ``text`` keeps the report's paragraphs (one per line) and its numbered sub-points
    (（一）… （二）…) as printed; :meth:`points` splits them out.
    """

    heading: str
    text: str = ""

    def points(self) -> tuple[str, ...]:
        """The numbered sub-points （一）（二）… of the text; the whole text when it has none."""
        starts = [m.start(1) for m in _POINT.finditer(self.text)]
        if not starts:
            return (self.text,) if self.text else ()
        parts = []
        if self.text[: starts[0]].strip():
            parts.append(self.text[: starts[0]].strip())
        for a, b in zip(starts, [*starts[1:], len(self.text)], strict=True):
            parts.append(self.text[a:b].strip())
        return tuple(parts)


@attrs.frozen
class ExtraSection:
    """A section the form does not define (a 七、…, or an unrecognised heading), kept as printed."""

    heading: str
    text: str = ""


def _proactive_matches(inst: AnnualReport, _a: attrs.Attribute[Any], value: object) -> None:
    expected = {Edition.V2019: Proactive2019, Edition.V2021: Proactive2021}.get(inst.edition)
    if value is None:
        return
    if expected is None:
        raise ValueError("a legacy report has no proactive table")
    if not isinstance(value, expected):
        raise TypeError(f"a {inst.edition.value}-edition report needs {expected.__name__}, not {type(value).__name__}")


def _tables_allowed(inst: AnnualReport, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and inst.edition is Edition.LEGACY:
        raise ValueError(f"a legacy report has no {attribute.name} table")


def _requests_rows(inst: AnnualReport, attribute: attrs.Attribute[Any], value: Requests | None) -> None:
    _tables_allowed(inst, attribute, value)
    if value is None:
        return
    if inst.edition is Edition.V2019:
        for name in ("other_no_correction", "other_no_fee_paid", "other_other"):
            if getattr(value, name) is not None:
                raise ValueError(f"requests.{name} is a 2021-edition row; this report is of the 2019 edition")


@attrs.frozen
class AnnualReport:
    """One 政府信息公开工作年度报告.

    Metadata fields are ``None`` when the source does not carry them. A prose section is
    ``None`` when the report has no such section; a table is ``None`` when the report has
    no such table (always for a legacy report). Inside a table, a cell is ``None`` when it
    is printed blank — never read a blank as 0.

    >>> r = AnnualReport.empty("2021", agency="某某市人民政府办公室", year=2023)
    >>> r.with_cells({"requests.granted.natural_person": 5}).requests.granted.natural_person
    5
    """

    edition: Edition = attrs.field(converter=Edition)
    title: str | None = None
    agency: str | None = None
    year: int | None = None
    published: dt.date | None = None
    source_url: str | None = None
    intro: str | None = None
    """Text before section 一 (the report's preamble), when there is any."""
    overview: Section | None = None
    problems: Section | None = None
    other_matters: Section | None = None
    extra_sections: tuple[ExtraSection, ...] = attrs.field(default=(), converter=tuple)
    proactive: Proactive | None = attrs.field(default=None, validator=_proactive_matches)
    requests: Requests | None = attrs.field(default=None, validator=_requests_rows)
    review_litigation: ReviewLitigation | None = attrs.field(default=None, validator=_tables_allowed)

    # ------------------------------------------------------------------ construction

    @classmethod
    def empty(cls, edition: Edition | str, **metadata: Any) -> AnnualReport:
        """A report of ``edition`` with every table present and every cell blank.

        ``metadata`` sets any other field (``title``, ``agency``, ``year`` …).
        """
        ed = Edition(edition)
        spec = edition_spec(ed)
        tables: dict[str, Any] = {}
        for table in spec.tables:
            rows = {
                row.key: row.row_class()
                for row in table.rows
                if not row.optional or spec.row_printed(table.key, row.key)
            }
            tables[table.key] = table.table_class(**rows)
        return cls(edition=ed, **{**tables, **metadata})

    def _repr_html_(self) -> str:
        """The report in the official table layout, for Jupyter (the model imports no renderer until asked)."""
        from ..renderers._html import render_html

        return render_html(self)

    # ------------------------------------------------------------------ addressing

    @property
    def spec(self) -> EditionSpec:
        """The description of this report's edition."""
        return edition_spec(self.edition)

    @property
    def prints_single_other_row(self) -> bool:
        """True when section 三 prints （六）其他处理 as one row (always in the 2019 edition)."""
        if self.edition is Edition.V2019:
            return True
        return self.requests is not None and self.requests.other_handling is not None

    def cells(self) -> Mapping[str, CellValue]:
        """Every cell of the edition by stable key, in printed order (``None`` for a blank).

        A table missing from the report contributes its keys with ``None``. Read-only.
        """
        out: dict[str, CellValue] = {}
        other = self.prints_single_other_row if self.edition is Edition.V2021 else None
        for table, rows in _cell_layout(self.edition, other):
            table_obj = getattr(self, table)
            for row, cols in rows:
                row_obj = getattr(table_obj, row) if table_obj is not None else None
                if row_obj is None:
                    out.update(dict.fromkeys(key for key, _col in cols))
                else:
                    for key, col in cols:
                        out[key] = getattr(row_obj, col)
        return MappingProxyType(out)

    def cell(self, key: str) -> CellValue:
        """The value of one cell by stable key (``KeyLookupError`` for an unknown key)."""
        path = _key_paths(self.edition).get(key)
        table, row, col = path if path is not None else self._split_key(key)
        table_obj = getattr(self, table)
        row_obj = getattr(table_obj, row) if table_obj is not None else None
        return getattr(row_obj, col) if row_obj is not None else None

    def with_cells(self, values: Mapping[str, CellValue]) -> AnnualReport:
        """A new report with the cells named by stable key replaced.

        A missing table or row is created (blank) as needed. An unknown key raises
        :class:`KeyLookupError` naming the valid keys of that table.
        """
        grouped: dict[str, dict[str, dict[str, CellValue]]] = {}
        paths = _key_paths(self.edition)
        for key, value in values.items():
            path = paths.get(key)
            table, row, col = path if path is not None else self._split_key(key)
            grouped.setdefault(table, {}).setdefault(row, {})[col] = value
        changes: dict[str, Any] = {}
        for table, rows in grouped.items():
            table_spec = self.spec.table(table)
            table_obj = getattr(self, table)
            if table_obj is None:
                table_obj = table_spec.table_class()
            row_changes = {}
            for row, cols in rows.items():
                row_obj = getattr(table_obj, row)
                if row_obj is None:
                    row_obj = table_spec.row(row).row_class()
                try:
                    row_changes[row] = attrs.evolve(row_obj, **cols)
                except TypeError as exc:
                    raise StructureError(str(exc), f"$.{table}.{row}") from None
            changes[table] = attrs.evolve(table_obj, **row_changes)
        return attrs.evolve(self, **changes)

    def _split_key(self, key: str) -> tuple[str, str, str]:
        parts = key.split(".")
        spec = self.spec
        tables = [t.key for t in spec.tables]
        if len(parts) != 3 or parts[0] not in tables:
            raise KeyLookupError(key, tables)
        table = spec.table(parts[0])
        try:
            row = table.row(parts[1])
        except KeyError:
            raise KeyLookupError(key, [r.key for r in table.rows]) from None
        if parts[2] not in {c.key for c in row.columns}:
            raise KeyLookupError(key, row.cell_keys(table.key))
        return parts[0], parts[1], parts[2]


_CellLayout = tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, str], ...]], ...]], ...]


@functools.cache
def _cell_layout(edition: Edition, other_handling: bool | None) -> _CellLayout:
    """Per table, per printed row: (stable key, column attribute) of each cell, in printed order
    (:meth:`AnnualReport.cells` walks it; computed once per edition and 其他处理 layout)."""
    out: dict[str, dict[str, list[tuple[str, str]]]] = {}
    for table, row, key in edition_spec(edition).iter_cells(other_handling=other_handling):
        out.setdefault(table.key, {}).setdefault(row.key, []).append((key, key.rsplit(".", 1)[1]))
    return tuple((table, tuple((row, tuple(cols)) for row, cols in rows.items())) for table, rows in out.items())


@functools.cache
def _key_paths(edition: Edition) -> Mapping[str, tuple[str, str, str]]:
    """Every stable key of the edition (whether printed or not) → (table, row, column)."""
    return MappingProxyType({
        f"{table.key}.{row.key}.{col.key}": (table.key, row.key, col.key)
        for table in edition_spec(edition).tables
        for row in table.rows
        for col in row.columns
    })
