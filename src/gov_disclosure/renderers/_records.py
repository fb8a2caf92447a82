"""Tidy records: one plain dict per table cell of a report — the cell walk behind the CSV format,
``gov-disclosure extract`` and :func:`gov_disclosure.to_records` (which adds the source and the
status of each cell)."""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from decimal import Decimal
from typing import Union

from ..model import AnnualReport, Edition, Placeholder, Unreadable
from ._layout import PATH_SEPARATOR, cell_text, printed_lines

__all__ = ["RECORD_FIELDS", "Record", "Slot", "cell_records", "cell_slots", "printed_shape"]

#: The columns of every record, in order (also the CSV header).
RECORD_FIELDS: tuple[str, ...] = (
    "agency",
    "year",
    "edition",
    "section",
    "key",
    "row",
    "column",
    "label",
    "value",
    "raw",
)

#: One record: ``value`` is an ``int``, a ``Decimal`` (万元) or ``None`` (blank, placeholder or
#: unreadable — then ``raw`` keeps the printed text); ``raw`` is the cell as printed.
Record = dict[str, Union[str, int, Decimal, None]]

#: Where one printed cell stands, the same in every report of that layout: its record's
#: ``section``, ``key``, ``row``, ``column`` and ``label``.
Slot = tuple[str, str, str, str, str]

# The slots of each printed shape seen (a few editions × tables present × 其他处理 as one row or three).
_SLOTS: dict[Hashable, tuple[Slot, ...]] = {}


def _reports(reports: AnnualReport | Iterable[AnnualReport]) -> Iterable[AnnualReport]:
    return (reports,) if isinstance(reports, AnnualReport) else reports


def cell_records(reports: AnnualReport | Iterable[AnnualReport]) -> list[Record]:
    """One dict per printed table cell of each report (keys: :data:`RECORD_FIELDS`).

    ``label`` is the printed label: the row's caption or groups, its label and the column's
    group and label, joined with ``›``. A legacy report has no table cells, so no records.

    >>> from gov_disclosure import AnnualReport
    >>> r = AnnualReport.empty("2021", year=2023).with_cells({"requests.granted.total": 5})
    >>> [x["value"] for x in cell_records(r) if x["key"] == "requests.granted.total"]
    [5]
    """
    out: list[Record] = []
    for report in _reports(reports):
        cells = report.cells()
        for section, key, row, column, label in cell_slots(report):
            value = cells[key]
            out.append(
                {
                    "agency": report.agency,
                    "year": report.year,
                    "edition": report.edition.value,
                    "section": section,
                    "key": key,
                    "row": row,
                    "column": column,
                    "label": label,
                    "value": None if isinstance(value, (Placeholder, Unreadable)) else value,
                    "raw": cell_text(value),
                }
            )
    return out


def printed_shape(report: AnnualReport) -> Hashable:
    """What decides which cells ``report`` prints, and where: its edition, which of the edition's
    tables it has, and (2021 edition) whether it prints （六）其他处理 as one row. Reports of one
    shape have the same :func:`cell_slots`."""
    single = report.prints_single_other_row if report.edition is Edition.V2021 else None
    return report.edition, tuple(getattr(report, table.key) is None for table in report.spec.tables), single


def cell_slots(report: AnnualReport) -> tuple[Slot, ...]:
    """Where each printed table cell of ``report`` stands, in printed order, without its value:
    the ``section``, ``key``, ``row``, ``column`` and ``label`` of its record.

    Worked out from the report's printed lines once per :func:`printed_shape`, then looked up.

    >>> from gov_disclosure import AnnualReport
    >>> cell_slots(AnnualReport.empty("2021", year=2023))[0][:2]
    ('proactive', 'proactive.regulations.issued')
    """
    shape = printed_shape(report)
    slots = _SLOTS.get(shape)
    if slots is None:
        slots = _SLOTS[shape] = tuple(_slots(report))
    return slots


def _slots(report: AnnualReport) -> Iterable[Slot]:
    for table in report.spec.tables:
        for line in printed_lines(report, table):
            row_path = (line.row.caption, *line.path) if line.row.caption else line.path
            for cell in line.cells:
                col_path = (cell.column.group, cell.column.label) if cell.column.group else (cell.column.label,)
                yield table.key, cell.key, line.row.key, cell.column.key, PATH_SEPARATOR.join((*row_path, *col_path))
