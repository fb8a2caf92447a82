"""The rows ``gov-disclosure extract`` writes for one report, and their CSV or JSON Lines text.

One row per printed table cell (:data:`EXTRACT_FIELDS`): the file, the report's agency, year
and edition, where the cell stands (``section``, ``key``, ``row``, ``column``, ``label``: the
same in every report of one printed layout, :func:`~gov_disclosure.renderers._records.cell_slots`),
then its value, raw text and status. Per file only the values are new: everything a layout
fixes, and its CSV and JSON spelling, is worked out once per layout and kept.

The text is exactly what the ``csv`` module (the ``excel`` dialect) and ``json.dumps``
(``ensure_ascii=False``) write for the same rows: every piece that may need quoting or escaping
(the path, the agency, the labels, the raw text of a placeholder) is written by them; only
numbers and status words, which never need either, are joined as they are.
"""

from __future__ import annotations

import csv
import functools
import io
import json
from collections.abc import Hashable, Iterable
from decimal import Decimal
from typing import Any

from ._frames import _cell_status, uncertain_cells
from .model import AnnualReport
from .parsers import Problem
from .renderers._layout import number_text
from .renderers._records import Slot, cell_slots, printed_shape

__all__ = ["EXTRACT_FIELDS", "Row", "report_rows", "report_text"]

#: The columns ``extract`` writes: the source file, then the renderers' record fields, then how
#: sure the value is (``status``: ``number``, ``blank``, ``placeholder``, ``unreadable``,
#: ``ambiguous``, ``unconfirmed``, as in :func:`gov_disclosure.to_records`).
EXTRACT_FIELDS: tuple[str, ...] = ("file", "agency", "year", "edition", "section", "key", "row", "column", "label",
                                   "value", "raw", "status")

#: One output row: the values of :data:`EXTRACT_FIELDS`, in that order.
Row = tuple[Any, ...]

_HEAD = EXTRACT_FIELDS[:4]  # the file and the report: the same in every row of a file
_SLOT = EXTRACT_FIELDS[4:9]  # where the cell stands: the same in every report of a layout
_VALUE, _RAW, _STATUS = EXTRACT_FIELDS[9:]


def report_rows(path: str, report: AnnualReport, problems: Iterable[Problem]) -> list[Row]:
    """The rows of ``report`` read from ``path`` with ``problems`` (those of its parse)."""
    head = (path, report.agency, report.year, report.edition.value)
    cells = report.cells()
    uncertain = uncertain_cells(problems)
    rows: list[Row] = []
    for slot in cell_slots(report):
        value = cells[slot[1]]
        if value is None:
            rows.append((*head, *slot, None, "", _cell_status(None, uncertain.get(slot[1]))))
        elif isinstance(value, (int, Decimal)):
            rows.append((*head, *slot, value, number_text(value), _cell_status(value, uncertain.get(slot[1]))))
        else:  # a placeholder or an unreadable cell: no number, the printed text
            rows.append((*head, *slot, None, value.raw, _cell_status(value, uncertain.get(slot[1]))))
    return rows


def report_text(path: str, report: AnnualReport, problems: Iterable[Problem], fmt: str) -> str:
    """The rows of :func:`report_rows` as the lines of the ``csv`` or ``jsonl`` output."""
    if fmt == "csv":
        line = _csv_line
        head = _csv_cells((path, report.agency, report.year, report.edition.value)) + ","
    elif fmt == "jsonl":
        line = _json_line
        head = json.dumps(dict(zip(_HEAD, (path, report.agency, report.year, report.edition.value), strict=True)),
                          ensure_ascii=False)[:-1]  # without its closing brace: the row goes on
    else:
        raise ValueError(f"rows are written out as text for csv, jsonl, not {fmt!r}")
    keys, fixed = _layout(printed_shape(report), fmt, report)
    flagged = uncertain_cells(problems)
    values = map(report.cells().__getitem__, keys)
    if not flagged and fmt == "csv":  # the most of files: no cell in doubt, the most of cells a count
        return "".join([
            f"{head}{start}{value},{value},number\r\n" if value.__class__ is int
            else _csv_line(head, start, value, _cell_status(value, None))
            for start, value in zip(fixed, values, strict=True)
        ])
    uncertain = flagged.get
    return "".join([
        line(head, start, value, _cell_status(value, uncertain(key)))
        for key, start, value in zip(keys, fixed, values, strict=True)
    ])


def _csv_line(head: str, start: str, value: Any, status: str) -> str:
    if value.__class__ is int:  # the most of them: a count
        text = str(value)
        return f"{head}{start}{text},{text},{status}\r\n"
    if value is None:
        return f"{head}{start},,{status}\r\n"
    if isinstance(value, (int, Decimal)):
        text = number_text(value)  # digits, a sign, a point: nothing a CSV field quotes
        return f"{head}{start}{text},{text},{status}\r\n"
    return f"{head}{start},{_csv_printed(value.raw, status)}\r\n"


def _json_line(head: str, start: str, value: Any, status: str) -> str:
    if value.__class__ is int:  # the most of them: a count
        text = str(value)
        return f'{head}{start}{text}{_JSON_RAW}"{text}"{_JSON_STATUS}"{status}"}}\n'
    if value is None:
        return f'{head}{start}null{_JSON_RAW}""{_JSON_STATUS}"{status}"}}\n'
    if isinstance(value, (int, Decimal)):
        text = number_text(value)  # digits, a sign, a point: nothing JSON escapes
        shown = text if isinstance(value, int) else f'"{text}"'  # an amount is a string, as in check --json
        return f'{head}{start}{shown}{_JSON_RAW}"{text}"{_JSON_STATUS}"{status}"}}\n'
    return f"{head}{start}null{_JSON_RAW}{json.dumps(value.raw, ensure_ascii=False)}{_JSON_STATUS}\"{status}\"}}\n"


_JSON_RAW = f", {json.dumps(_RAW)}: "
_JSON_STATUS = f", {json.dumps(_STATUS)}: "

# (printed shape, format) → the cell keys and, for each, its row's text from the end of the
# head up to the value. A few editions × tables present × 其他处理 as one row or three × 2 formats.
_LAYOUTS: dict[tuple[Hashable, str], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _layout(shape: Hashable, fmt: str, report: AnnualReport) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _LAYOUTS.get((shape, fmt))
    if found is None:
        slots = cell_slots(report)
        spell = _csv_slot if fmt == "csv" else _json_slot
        found = _LAYOUTS[shape, fmt] = tuple(slot[1] for slot in slots), tuple(spell(slot) for slot in slots)
    return found


def _csv_slot(slot: Slot) -> str:
    return _csv_cells(slot) + ","


def _json_slot(slot: Slot) -> str:
    return f", {json.dumps(dict(zip(_SLOT, slot, strict=True)), ensure_ascii=False)[1:-1]}, {json.dumps(_VALUE)}: "


def _csv_cells(fields: tuple[Any, ...]) -> str:
    """``fields`` (two or more) as the ``csv`` module writes them in a row, without the line end."""
    buffer = io.StringIO()
    csv.writer(buffer).writerow(fields)
    return buffer.getvalue()[:-2]


@functools.lru_cache(maxsize=1024)
def _csv_printed(raw: str, status: str) -> str:
    """A placeholder's or unreadable cell's text and status as CSV (the same few recur: ``/``, ``—``)."""
    return _csv_cells((raw, status))
