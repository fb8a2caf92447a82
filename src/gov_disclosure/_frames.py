"""A corpus as data: the cells of many reports as one tidy table.

:func:`to_records` / :func:`to_pandas` give one row per printed table cell of every report,
with where it came from (``source``) and how sure the number is (``status``). The findings,
parse problems and cross-year links of the same inputs are in ``_findings_frames.py``.

Every function takes the same inputs: one :class:`~gov_disclosure.AnnualReport` or
:class:`~gov_disclosure.ParseResult`, or any iterable of them, of :class:`~gov_disclosure.BatchItem`
(the output of :func:`~gov_disclosure.parse_many`), of ``(path, result)`` pairs, or a mapping
of path → result. pandas is needed only for the ``*_frame`` / ``to_pandas`` functions (the
``pandas`` extra).

This module sits on top of the pipeline (it reads batches, runs the checker, renders labels);
nothing below imports it.
"""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Union

import attrs

from ._batch import BatchItem
from ._errors import GovDisclosureError, MissingExtraError, check_lang
from ._i18n import Lang
from .model import EDITIONS, AnnualReport, CellValue, ColumnKind, Edition, Placeholder, Unreadable
from .parsers import ParseResult, Problem, Provenance
from .renderers import cell_records

__all__ = [
    "FRAME_FIELDS",
    "STATUSES",
    "WIDE_STATUSES",
    "Entry",
    "Record",
    "Sources",
    "cell_statuses",
    "entries",
    "error_text",
    "frame_of",
    "require_pandas",
    "to_pandas",
    "to_records",
    "uncertain_cells",
]

#: The columns of :func:`to_records` and :func:`to_pandas`, in order.
FRAME_FIELDS: tuple[str, ...] = (
    "source",
    "agency",
    "agency_or_source",
    "year",
    "edition",
    "section",
    "key",
    "row",
    "column",
    "label",
    "value",
    "amount",
    "raw",
    "status",
)

#: Every value of the ``status`` column, in this order (the categories of the pandas column).
#:
#: - ``number``: the cell holds a number read without doubt;
#: - ``blank``: printed empty (never read as 0);
#: - ``placeholder``: printed ``/``, ``—``, ``无`` … (``raw`` keeps it);
#: - ``unreadable``: printed text that is no number (``raw`` keeps it);
#: - ``ambiguous``: the cell is named by a ``SPLIT.AMBIGUOUS`` problem: several splits of a glued
#:   digit run fit, the value is the kept one;
#: - ``unconfirmed``: named by any other ``SPLIT.*`` problem (``SPLIT.UNCONFIRMED`` …), or by a
#:   problem that gives the reading it kept as a candidate (``TEXT.EXTRA_VALUES``: more values than
#:   cells, the first ones kept): the value is one reading among others;
#: - ``legacy``: the one row of a legacy (pre-2019) report, which has no tables;
#: - ``no_table``: the one row of a report of the 2019 or 2021 edition that printed no table, or,
#:   in a report that printed some, the one row (``section`` says which, ``key`` is missing) of
#:   each table it did not print or that was not read (``raw``: the parse problem that says so);
#: - ``failed``: the one row of a file that could not be parsed (``raw`` is the error).
STATUSES: tuple[str, ...] = (
    "number",
    "blank",
    "placeholder",
    "unreadable",
    "ambiguous",
    "unconfirmed",
    "legacy",
    "no_table",
    "failed",
)

#: One row of :func:`to_records`: ``value`` is an ``int`` count (``None`` otherwise), ``amount``
#: a ``Decimal`` in 万元 (``None`` otherwise), the other fields ``str``/``int``/``None``.
Record = dict[str, Union[str, int, Decimal, None]]

_Single = Union[AnnualReport, ParseResult, BatchItem]
#: What every function of this module takes (see the module docstring).
Sources = Union[_Single, Iterable[Any], Mapping[Any, Any]]

_AMBIGUOUS = "SPLIT.AMBIGUOUS"
_SPLIT = "SPLIT."


# ---------------------------------------------------------------- inputs


@attrs.frozen
class Entry:
    """One input, whatever its shape: where it came from and what it gave."""

    source: str
    report: AnnualReport | None
    problems: tuple[Problem, ...] = ()
    provenance: Mapping[str, Provenance] = attrs.field(factory=lambda: MappingProxyType({}))
    error: GovDisclosureError | None = None


def entries(sources: Sources, function: str) -> Iterator[Entry]:
    if isinstance(sources, (AnnualReport, ParseResult, BatchItem)):
        yield _entry(sources, None, 0, function)
        return
    if isinstance(sources, (str, bytes, os.PathLike)):
        raise TypeError(f"{function}() takes parsed reports, not a path: parse it first (parse_many for a folder)")
    if isinstance(sources, Mapping):
        for position, (path, outcome) in enumerate(sources.items()):
            yield _entry(outcome, os.fspath(path), position, function)
        return
    for position, item in enumerate(sources):
        if (isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], (str, os.PathLike))
                and not isinstance(item, BatchItem)):
            yield _entry(item[1], os.fspath(item[0]), position, function)
        else:
            yield _entry(item, None, position, function)


def _entry(item: object, path: str | None, position: int, function: str) -> Entry:
    if isinstance(item, BatchItem):
        return _entry(item.outcome, item.path, position, function)
    if isinstance(item, ParseResult):
        return Entry(_source(path, item.report, position), item.report, item.problems, item.provenance)
    if isinstance(item, AnnualReport):
        return Entry(_source(path, item, position), item)
    if isinstance(item, GovDisclosureError):
        return Entry(path if path is not None else f"#{position}", None, error=item)
    raise TypeError(
        f"{function}() takes AnnualReport, ParseResult or BatchItem objects (or iterables of them), "
        f"not {type(item).__name__}"
    )


def _source(path: str | None, report: AnnualReport, position: int) -> str:
    """The identity of one input: its path, else the report's URL, else ``#N`` (its 0-based position)."""
    if path is not None:
        return path
    if report.source_url:
        return report.source_url
    return f"#{position}"


_STEM = re.compile(r"[^/\\]*$")


def _stem(source: str) -> str:
    """The file name of ``source`` without its suffix (``examples/pingtan-2022.txt`` → ``pingtan-2022``)."""
    match = _STEM.search(source.rstrip("/\\"))
    name = match.group(0) if match else source
    stem, dot, _suffix = name.rpartition(".")
    return stem if dot and stem else name or source


# ---------------------------------------------------------------- uncertainty


def uncertain_cells(problems: Iterable[Problem]) -> Mapping[str, str]:
    """Stable key → ``"ambiguous"`` or ``"unconfirmed"`` for every cell a ``SPLIT.*`` problem, or
    a problem with candidate readings, names.

    ``SPLIT.AMBIGUOUS`` makes a cell ``ambiguous``; any other such problem makes it
    ``unconfirmed``; ``ambiguous`` wins when both name it.
    """
    out: dict[str, str] = {}
    for problem in problems:
        if not problem.code.startswith(_SPLIT) and not problem.candidates:
            continue
        status = "ambiguous" if problem.code == _AMBIGUOUS else "unconfirmed"
        for key in problem.cells:
            if out.get(key) != "ambiguous":
                out[key] = status
    return MappingProxyType(out)


def cell_statuses(report: AnnualReport, problems: Iterable[Problem]) -> dict[str, str]:
    """Stable key → the ``status`` of :func:`to_records` (one of the first six :data:`STATUSES`) for
    every cell of ``report``, read with ``problems`` (those of its parse)."""
    uncertain = uncertain_cells(problems)
    return {key: _cell_status(value, uncertain.get(key)) for key, value in report.cells().items()}


def _cell_status(value: CellValue, uncertain: str | None) -> str:
    if uncertain is not None:
        return uncertain
    if value is None:
        return "blank"
    if isinstance(value, Placeholder):
        return "placeholder"
    if isinstance(value, Unreadable):
        return "unreadable"
    return "number"


# ---------------------------------------------------------------- records


def to_records(sources: Sources, *, lang: Lang = "zh") -> list[Record]:
    """One dict per printed table cell of every report (keys: :data:`FRAME_FIELDS`).

    ``source`` is the file path (from :func:`~gov_disclosure.parse_many`, a ``(path, result)``
    pair or a mapping), else the report's ``source_url``, else ``#N``, the input's 0-based
    position: it is the identity to group by, since ``agency`` is ``None`` where the report
    does not state one. ``agency_or_source`` is the agency, or the file name of ``source``
    without its suffix where there is none (a label for tables and charts; never an agency).
    ``value`` holds counts (``int``), ``amount`` money (``Decimal``, 万元); ``raw`` is the text
    the source printed (from the parse's provenance where known); ``status`` is one of
    :data:`STATUSES`. A legacy report, a report with no table and a file that failed to parse
    each give one row saying so, with no key, and so does each table a report printing others did
    not print or that was not read (with its ``section``); a failed file's ``raw`` is its error,
    ``[CODE] message``, in ``lang`` (``"zh"``, the default, or ``"en"``).

    >>> from gov_disclosure import AnnualReport
    >>> r = AnnualReport.empty("2021", year=2023).with_cells({"requests.granted.total": 5})
    >>> [(x["value"], x["status"]) for x in to_records(r) if x["key"] == "requests.granted.total"]
    [(5, 'number')]
    """
    lang = check_lang(lang)
    out: list[Record] = []
    for entry in entries(sources, "to_records"):
        out.extend(_entry_records(entry, lang))
    return out


def _entry_records(entry: Entry, lang: Lang) -> Iterator[Record]:
    report = entry.report
    base: Record = {
        "source": entry.source,
        "agency": report.agency if report is not None else None,
        "agency_or_source": (report.agency if report is not None and report.agency else _stem(entry.source)),
        "year": report.year if report is not None else None,
        "edition": report.edition.value if report is not None else None,
    }
    if report is None:
        yield _alone(base, "failed", error_text(entry.error, lang))
        return
    statuses = cell_statuses(report, entry.problems)
    cells = cell_records(report)
    if not cells:
        yield _alone(base, "legacy" if report.edition is Edition.LEGACY else "no_table", None)
        return
    absent = [table.key for table in report.spec.tables if getattr(report, table.key, None) is None]
    for cell in cells:
        key = str(cell["key"])
        value = cell["value"]
        prov = entry.provenance.get(key)
        yield {
            **base,
            "section": cell["section"],
            "key": key,
            "row": cell["row"],
            "column": cell["column"],
            "label": cell["label"],
            "value": value if isinstance(value, int) else None,
            "amount": value if isinstance(value, Decimal) else None,
            "raw": prov.raw if prov is not None else cell["raw"],
            "status": statuses[key],
        }
    for table in absent:  # a table not printed, or printed and not read: one row says so
        said = next((p for p in entry.problems if p.location.key == table), None)
        yield {**_alone(base, "no_table", error_text(said, lang) if said is not None else None), "section": table}


def error_text(error: GovDisclosureError | Problem | None, lang: Lang) -> str:
    """A failed file's error (or a problem) as one line in ``lang``: ``[CODE] message`` (its text when
    it has no code)."""
    code = getattr(error, "code", None)
    message = getattr(error, "message", None)
    if code is not None and callable(message):
        return f"[{code}] {message(lang)}"
    return str(error)


def _alone(base: Record, status: str, raw: str | None) -> Record:
    empty = dict.fromkeys(("section", "key", "row", "column", "label", "value", "amount"))
    return {**base, **empty, "raw": raw, "status": status}


# ---------------------------------------------------------------- pandas


def require_pandas(function: str) -> Any:
    try:
        return importlib.import_module("pandas")
    except ImportError:
        raise MissingExtraError("pandas", "pandas", function) from None


def frame_of(pandas: Any, rows: list[dict[str, Any]], fields: tuple[str, ...], *, ints: tuple[str, ...] = ("year",),
           objects: tuple[str, ...] = (), bools: tuple[str, ...] = (),
           categories: Mapping[str, tuple[str, ...]] | None = None) -> Any:
    """A DataFrame of ``rows`` with the columns ``fields``: ``ints`` as nullable ``Int64``, ``objects``
    kept as Python objects (never coerced to float), ``bools`` as ``bool``, ``categories`` (name →
    its values) as categoricals, the rest as pandas' nullable ``string`` (missing is ``<NA>``).

    Every column's dtype depends on ``fields`` and these arguments only, never on the rows: the
    frame of one report, of a list and of no report at all have the same dtypes (a column that
    happens to be all missing is not ``object``), so frames concatenate without pandas warnings."""
    columns: dict[str, Any] = {name: [row[name] for row in rows] for name in fields}
    categories = categories or {}
    for name in fields:
        if name in ints:
            columns[name] = pandas.array(columns[name], dtype="Int64")
        elif name in bools:
            columns[name] = pandas.Series(columns[name], dtype=bool)
        elif name in categories:
            columns[name] = pandas.Categorical(columns[name], categories=categories[name])
        elif name in objects:
            columns[name] = pandas.Series(columns[name], dtype=object)
        else:
            columns[name] = pandas.array(columns[name], dtype=pandas.StringDtype())
    return pandas.DataFrame(columns, columns=list(fields))


def to_pandas(sources: Sources, *, wide: bool = False, lang: Lang = "zh") -> Any:
    """The records of :func:`to_records` as a typed ``pandas.DataFrame`` (needs the ``pandas`` extra).

    Long form (the default): one row per table cell, columns :data:`FRAME_FIELDS`. ``year`` and
    ``value`` are nullable ``Int64``; ``amount`` is an ``object`` column of ``Decimal`` (exact
    万元; ``df.amount.astype(float)`` for plotting); ``status`` is a categorical of
    :data:`STATUSES`; the other columns are pandas' nullable ``string`` (missing is ``<NA>``).
    The dtypes never depend on the inputs: the frame of one report, of a list of reports and of
    none have the same, so frames built apart concatenate cleanly. Group or pivot on ``source``
    (or ``agency_or_source`` for a readable label), not on ``agency`` alone: pandas drops rows
    whose key is missing, and ``agency`` is missing where a report does not state one.

    ``wide=True``: one row per input (report or failed file) with ``source``, ``agency``,
    ``agency_or_source``, ``year``, ``edition``, ``status`` (a categorical of
    :data:`WIDE_STATUSES`: ``ok``, ``uncertain`` when a cell is ambiguous or unconfirmed,
    ``legacy``, ``no_table``, ``failed``), ``uncertain`` (the tuple of those cells' keys),
    ``missing_tables`` (the tables a report that printed some did not print or that were not
    read: their cells are missing, not blank), then
    one column per stable key in first-seen order: counts as ``Int64``, money as ``Decimal``; a
    blank, placeholder or unreadable cell is missing (``<NA>``). Two inputs with the same
    ``source`` (a file given twice) are two rows. ``lang`` is the language of a failed file's
    ``raw`` (see :func:`to_records`).

    Raises :class:`~gov_disclosure.MissingExtraError` when pandas is not installed.
    """
    pandas = require_pandas("to_pandas")
    lang = check_lang(lang)
    if wide:
        return _wide(pandas, sources, lang)
    return frame_of(pandas, to_records(sources, lang=lang), FRAME_FIELDS, ints=("year", "value"), objects=("amount",),
                    categories={"status": STATUSES})


_WIDE_META = ("source", "agency", "agency_or_source", "year", "edition")
_NUMBERED = frozenset({"number", "ambiguous", "unconfirmed"})


def _money_keys() -> frozenset[str]:
    return frozenset(
        f"{table.key}.{row.key}.{col.key}"
        for spec in EDITIONS.values()
        for table in spec.tables
        for row in table.rows
        for col in row.columns
        if col.kind is ColumnKind.MONEY
    )


#: The values of the wide form's ``status`` column, in this order (the categories of the column).
WIDE_STATUSES: tuple[str, ...] = ("ok", "uncertain", "legacy", "no_table", "failed")


def _wide(pandas: Any, sources: Sources, lang: Lang) -> Any:
    rows: list[dict[str, Any]] = []
    keys: dict[str, None] = {}
    for entry in entries(sources, "to_pandas"):  # one row per input, even where two share a source
        row: dict[str, Any] = {"status": "ok", "uncertain": (), "missing_tables": ()}
        rows.append(row)
        for record in _entry_records(entry, lang):
            if len(row) == 3:
                row.update({name: record[name] for name in _WIDE_META})
            key = record["key"]
            status = str(record["status"])
            if key is None and record["section"] is not None:
                row["missing_tables"] = (*row["missing_tables"], record["section"])
                continue
            if key is None:
                row["status"] = status
                continue
            keys[str(key)] = None
            if status in ("ambiguous", "unconfirmed"):
                row["status"] = "uncertain"
                row["uncertain"] = (*row["uncertain"], key)
            if status in _NUMBERED:
                row[str(key)] = record["value"] if record["value"] is not None else record["amount"]
    names = [*_WIDE_META, "status", "uncertain", "missing_tables", *keys]
    money = _money_keys()
    table = [{name: row.get(name) for name in names} for row in rows]
    return frame_of(pandas, table, tuple(names), ints=("year", *(k for k in keys if k not in money)),
                    objects=("uncertain", "missing_tables", *(k for k in keys if k in money)),
                    categories={"status": WIDE_STATUSES})
