"""Findings, parse problems and one agency's cross-year chains as tidy tables.

:func:`findings_frame` and :func:`problems_frame` give one row per finding and per parse problem;
:func:`series_frame` lays one agency's year-over-year chains side by side. They take the inputs
of :func:`~gov_disclosure.to_pandas` (see ``_frames.py``) and need the ``pandas`` extra.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from ._batch import BatchItem
from ._errors import check_lang
from ._frames import Entry, Sources, entries, frame_of, require_pandas, uncertain_cells
from ._i18n import Lang
from .checks import Finding, SeriesContext, check, links
from .model import AnnualReport
from .parsers import ParseResult

__all__ = [
    "FINDING_FIELDS",
    "PROBLEM_FIELDS",
    "SERIES_FIELDS",
    "finding_records",
    "findings_frame",
    "problem_records",
    "problems_frame",
    "series_frame",
    "series_records",
]

#: The columns of :func:`findings_frame`, in order.
FINDING_FIELDS: tuple[str, ...] = (
    "source",
    "agency",
    "year",
    "code",
    "severity",
    "kind",
    "uncertain",
    "cells",
    "printed",
    "computed",
    "difference",
    "repair",
    "scope",
    "message",
)

#: The columns of :func:`problems_frame`, in order.
PROBLEM_FIELDS: tuple[str, ...] = (
    "source",
    "agency",
    "year",
    "code",
    "severity",
    "kind",
    "cells",
    "location",
    "raw",
    "candidates",
    "message",
)

#: The columns of :func:`series_frame`, in order.
SERIES_FIELDS: tuple[str, ...] = (
    "agency",
    "year",
    "code",
    "scope",
    "previous",
    "added",
    "removed",
    "computed",
    "printed",
    "difference",
    "holds",
    "cells",
    "source",
    "previous_source",
)

def _message(item: object, lang: Lang) -> str:
    """The message of a finding, problem or error in ``lang`` (``.message(lang)``; an error
    without one gives its text)."""
    message = getattr(item, "message", None)
    if message is None:
        return str(item)
    if callable(message):
        return str(message(lang))
    return str(message)


def _kind(item: object, default: str) -> str:
    """``source`` (the published report is at fault) or ``extraction`` (the reading of it): the
    item's own ``kind`` (:class:`~gov_disclosure.Kind`); ``default`` for what has none (an error)."""
    kind = getattr(item, "kind", None)
    if kind is None:
        return default
    return str(getattr(kind, "value", kind))


def _on_uncertain_cell(finding: Finding, uncertain: Mapping[str, str]) -> bool:
    """True when a cell of the finding is uncertain from parsing (a ``SPLIT.*`` problem names it)."""
    return any(cell.split(":", 1)[-1] in uncertain for cell in finding.cells)


def _finding_row(finding: Finding, base: Mapping[str, object], uncertain: Mapping[str, str],
                 lang: Lang) -> dict[str, object]:
    repair = finding.repair
    return {
        **base,
        "code": finding.code,
        "severity": finding.severity.value,
        "kind": _kind(finding, "source"),
        "uncertain": _on_uncertain_cell(finding, uncertain),
        "cells": finding.cells,
        "printed": finding.printed,
        "computed": finding.computed,
        "difference": finding.difference,
        "repair": str(repair) if repair is not None else None,
        "scope": finding.scope,
        "message": _message(finding, lang),
    }


def finding_records(sources: Sources | Iterable[Finding], *, lang: Lang = "zh") -> list[dict[str, object]]:
    """The rows of :func:`findings_frame` as dicts (keys :data:`FINDING_FIELDS`)."""
    lang = check_lang(lang)
    if isinstance(sources, Finding):
        sources = (sources,)
    if not isinstance(sources, (AnnualReport, ParseResult, BatchItem, Mapping)):
        sources = tuple(sources)
        if sources and all(isinstance(item, Finding) for item in sources):
            empty: Mapping[str, str] = MappingProxyType({})
            return [_finding_row(f, {"source": None, "agency": None, "year": f.year}, empty, lang) for f in sources]
    out: list[dict[str, object]] = []
    for entry in entries(sources, "findings_frame"):
        if entry.report is None:
            continue
        base = {"source": entry.source, "agency": entry.report.agency, "year": entry.report.year}
        uncertain = uncertain_cells(entry.problems)
        out.extend(_finding_row(f, base, uncertain, lang)
                   for f in check(ParseResult(entry.report, tuple(entry.problems))))
    return out


def findings_frame(sources: Sources | Iterable[Finding], *, lang: Lang = "zh") -> Any:
    """One row per finding of :func:`~gov_disclosure.check` on every report (columns :data:`FINDING_FIELDS`).

    ``sources`` is what :func:`to_pandas` takes — each report is checked here, with its parse
    problems where it has them (``check(result)``) — or findings
    already made (the output of :func:`~gov_disclosure.check_series`: ``source`` and ``agency``
    are then missing and the cells carry their year, ``2023:requests…``). ``kind`` is the
    finding's own (``source``: the published report is at fault; ``extraction``: the reading of
    it); ``uncertain`` is true when one of its cells is uncertain from parsing (a ``SPLIT.*``
    problem names it, so the failure may come from a guessed split). ``cells`` is the tuple of
    stable keys (``df.explode("cells")`` gives one row per cell); ``printed``, ``computed`` and
    ``difference`` hold ``int`` or ``Decimal``; ``repair`` is the single-cell repair as text
    (``requests.granted.commercial = 4``); ``message`` is in ``lang``. A failed file has no
    findings (see :func:`problems_frame`).
    """
    pandas = require_pandas("findings_frame")
    return frame_of(pandas, finding_records(sources, lang=lang), FINDING_FIELDS,
                  objects=("cells", "printed", "computed", "difference"), bools=("uncertain",))


def problem_records(sources: Sources, *, lang: Lang = "zh") -> list[dict[str, object]]:
    """The rows of :func:`problems_frame` as dicts (keys :data:`PROBLEM_FIELDS`)."""
    lang = check_lang(lang)
    out: list[dict[str, object]] = []
    for entry in entries(sources, "problems_frame"):
        report = entry.report
        base = {"source": entry.source, "agency": report.agency if report else None,
                "year": report.year if report else None}
        if entry.error is not None:
            out.append({**base, "code": getattr(entry.error, "code", type(entry.error).__name__),
                        "severity": "error", "kind": _kind(entry.error, "extraction"), "cells": (),
                        "location": None, "raw": None, "candidates": (), "message": _message(entry.error, lang)})
            continue
        for problem in entry.problems:
            out.append({
                **base,
                "code": problem.code,
                "severity": problem.severity.value,
                "kind": _kind(problem, "extraction"),
                "cells": problem.cells,
                "location": str(problem.location),
                "raw": problem.raw,
                "candidates": tuple(dict(c) for c in problem.candidates),
                "message": _message(problem, lang),
            })
    return out


def problems_frame(sources: Sources, *, lang: Lang = "zh") -> Any:
    """One row per parse problem of every input (columns :data:`PROBLEM_FIELDS`).

    ``cells`` are the stable keys the problem names (:attr:`Problem.cells`); ``candidates`` the
    alternatives of a ``SPLIT.*`` problem, each a dict of key → value; ``location`` the problem's
    location as text; ``kind`` the problem's own (``extraction`` unless it is the source's fault). A file
    that could not be parsed gives one row with its error's code, severity ``error``.
    """
    pandas = require_pandas("problems_frame")
    return frame_of(pandas, problem_records(sources, lang=lang), PROBLEM_FIELDS, objects=("cells", "candidates"))


# ---------------------------------------------------------------- series


def series_records(sources: Sources) -> list[dict[str, object]]:
    """The rows of :func:`series_frame` as dicts (keys :data:`SERIES_FIELDS`)."""
    given = [e for e in entries(sources, "series_frame") if e.report is not None]
    return [row for group in _by_agency(given) for row in _links(group)]


def _by_agency(given: list[Entry]) -> list[list[Entry]]:
    """The inputs as one series per agency, in first-seen order. A report that states no agency
    belongs to the series of the one agency the others state (a folder of one agency's reports,
    some without the name); where they state several, it is a series of its own, paired with
    nothing: two agencies' reports are never linked."""
    stated = list(dict.fromkeys(e.report.agency for e in given if e.report is not None and e.report.agency))
    if len(stated) <= 1:
        return [given] if given else []
    groups: dict[object, list[Entry]] = {}
    for position, entry in enumerate(given):
        agency = entry.report.agency if entry.report is not None else None
        groups.setdefault(agency if agency else position, []).append(entry)
    return list(groups.values())


def _links(given: list[Entry]) -> list[dict[str, object]]:
    series = SeriesContext.of(e.report for e in given if e.report is not None)
    dated = {year for year, _ctx in series.by_year}
    source_of = {e.report.year: e.source for e in given if e.report is not None and e.report.year in dated}
    agency_of = {year: ctx.report.agency for year, ctx in series.by_year}
    return [
        {
            "agency": agency_of[link.year],
            "year": link.year,
            "code": link.code,
            "scope": link.scope,
            "previous": link.previous,
            "added": link.added,
            "removed": link.removed,
            "computed": link.computed,
            "printed": link.printed,
            "difference": link.printed - link.computed,
            "holds": link.holds,
            "cells": link.cells,
            "source": source_of[link.year],
            "previous_source": source_of[link.year - 1],
        }
        for link in links(series)
    ]


_SERIES_NUMBERS = ("previous", "added", "removed", "computed", "printed", "difference")


def series_frame(sources: Sources) -> Any:
    """Each agency's reports year over year: one row per link of each cross-year chain (needs ``pandas``).

    The inputs may be a whole corpus: they are split by ``agency`` first (a report that states
    none joins the one agency the others state; among several agencies it is linked to nothing),
    so two agencies' reports are never compared; the frame is that of each agency in turn.

    For every two consecutive years with one report each (as :func:`~gov_disclosure.check_series`
    pairs them), the rows are: per section 三 column, carried over in Y against carried forward in
    Y−1 (``X.CARRY_OVER``; ``previous`` is Y−1's carried forward); per section 二 row, the 现行有效
    chain ``in_force(Y−1) + issued(Y) − repealed(Y)`` of the 2021 edition (``X.IN_FORCE``) or the
    对外公开总数量 chain of the 2019 edition (``X.TOTAL_PUBLISHED``). ``holds`` says whether
    ``printed == computed``; the rows that do not hold are exactly the findings of
    ``check_series`` with those codes. Numbers count as they do in sums (a blank part is 0) and are
    ``Int64`` (``object`` if money ever takes part); ``source`` and ``previous_source`` name the two
    reports. Undated reports, duplicated and missing years give no rows here: ``check_series``
    reports them (``X.NO_YEAR``, ``X.DUPLICATE_YEAR``, ``X.GAP``). Files that failed are left out.

    ``frame.pivot_table(index="year", columns="scope", values="holds")`` shows the chains at a glance.
    """
    pandas = require_pandas("series_frame")
    rows = series_records(sources)
    ints = tuple(n for n in _SERIES_NUMBERS if all(isinstance(r[n], (int, type(None))) for r in rows))
    objects = tuple(n for n in _SERIES_NUMBERS if n not in ints)
    return frame_of(pandas, rows, SERIES_FIELDS, ints=("year", *ints), objects=("cells", *objects), bools=("holds",))
