"""Tidy records: one plain dict per table cell of a report — the cell walk behind the CSV format,
``gov-disclosure extract`` and :func:`gov_disclosure.to_records` (which adds the source and the
status of each cell)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Union

from ..model import AnnualReport, Placeholder, Unreadable
from ._layout import PATH_SEPARATOR, cell_text, printed_lines

__all__ = ["RECORD_FIELDS", "Record", "cell_records"]

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
        for table in report.spec.tables:
            for line in printed_lines(report, table):
                row_path = (line.row.caption, *line.path) if line.row.caption else line.path
                for cell in line.cells:
                    col_path = (cell.column.group, cell.column.label) if cell.column.group else (cell.column.label,)
                    value = cell.value
                    out.append(
                        {
                            "agency": report.agency,
                            "year": report.year,
                            "edition": report.edition.value,
                            "section": table.key,
                            "key": cell.key,
                            "row": line.row.key,
                            "column": cell.column.key,
                            "label": PATH_SEPARATOR.join((*row_path, *col_path)),
                            "value": None if isinstance(value, (Placeholder, Unreadable)) else value,
                            "raw": cell_text(value),
                        }
                    )
    return out
