"""CSV: one row per table cell (tidy), so that a corpus of reports becomes one table."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal

from ..model import AnnualReport
from ._layout import number_text
from ._records import RECORD_FIELDS, cell_records

__all__ = ["render_csv"]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return number_text(value)
    return str(value)


def render_csv(report: AnnualReport | Iterable[AnnualReport], *, header: bool = True) -> str:
    """The table cells of one report (or several) as CSV, one row per cell.

    Columns: :data:`RECORD_FIELDS` (agency, year, edition, section, key, row, column, label,
    value, raw). ``value`` is empty for a blank, placeholder or unreadable cell; ``raw`` is
    the cell as printed. ``header=False`` leaves out the header row (to append to a file).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if header:
        writer.writerow(RECORD_FIELDS)
    for record in cell_records(report):
        writer.writerow([_text(record[name]) for name in RECORD_FIELDS])
    return buffer.getvalue()
