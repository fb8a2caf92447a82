"""Cross-year rules over one agency's reports, registered in :data:`SERIES_RULES`, and
:func:`check_series`, which runs them.

Cross-year findings span two reports, so their cells are qualified with the report year:
``"2023:requests.carried_over.total"``; their ``year`` is the later year Y.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from itertools import pairwise
from types import MappingProxyType

import attrs

from ..model import AnnualReport, Edition, edition_spec
from ._context import CheckContext
from ._findings import Finding, Findings, Number, Rule, RuleScope, Severity
from ._prose_rules import copied_prose

__all__ = ["SERIES_RULES", "Link", "SeriesContext", "check_series", "links", "year_key"]

_WARN, _INFO = Severity.WARNING, Severity.INFO


def year_key(year: int, key: str) -> str:
    """A stable key qualified with its report year: ``year_key(2023, "requests.granted.total")``
    is ``"2023:requests.granted.total"``."""
    return f"{year}:{key}"


def _describe(position: int, report: AnnualReport) -> str:
    name = report.title or report.agency
    return f"#{position}" + (f" {name}" if name else "")


@attrs.frozen
class SeriesContext:
    """One agency's reports, as every series rule receives them.

    ``reports`` is the input as given. ``by_year`` holds, in year order, each year that has
    exactly one report, with that report read and evaluated (:class:`CheckContext`).
    ``duplicates`` maps a year with several reports to their input positions (0-based);
    ``undated`` lists the input positions of reports without a year. ``years`` is every
    year present, sorted.
    """

    reports: tuple[AnnualReport, ...]
    by_year: tuple[tuple[int, CheckContext], ...]
    duplicates: Mapping[int, tuple[int, ...]]
    undated: tuple[int, ...]
    years: tuple[int, ...]

    @classmethod
    def of(cls, reports: Iterable[AnnualReport]) -> SeriesContext:
        """Sort ``reports`` by year and set aside the undated and the duplicated."""
        given = tuple(reports)
        for report in given:
            if not isinstance(report, AnnualReport):
                raise TypeError(f"check_series() takes AnnualReport objects, not {type(report).__name__}")
        positions: dict[int, list[int]] = {}
        undated: list[int] = []
        for pos, report in enumerate(given):
            if report.year is None:
                undated.append(pos)
            else:
                positions.setdefault(report.year, []).append(pos)
        single = tuple((y, CheckContext.of(given[p[0]])) for y, p in sorted(positions.items()) if len(p) == 1)
        return cls(
            reports=given,
            by_year=single,
            duplicates=MappingProxyType({y: tuple(p) for y, p in sorted(positions.items()) if len(p) > 1}),
            undated=tuple(undated),
            years=tuple(sorted(positions)),
        )

    def pairs(self) -> Iterator[tuple[int, CheckContext, CheckContext]]:
        """(Y, report of Y−1, report of Y) for each two consecutive years with one report each."""
        for (y0, prev), (y1, cur) in pairwise(self.by_year):
            if y1 == y0 + 1:
                yield y1, prev, cur


# ------------------------------------------------------------------ the series itself


def no_year(series: SeriesContext) -> Iterator[Finding]:
    """X.NO_YEAR — a report without a year cannot be placed in the series.

    "A report whose year is unknown takes no part in cross-year checks."
    """
    for pos in series.undated:
        yield Finding("X.NO_YEAR", _WARN, detail=_describe(pos, series.reports[pos]))


def duplicate_year(series: SeriesContext) -> Iterator[Finding]:
    """X.DUPLICATE_YEAR — several reports claim the same year.

    "A year with several reports is not compared with its neighbours: which one counts is
    not guessed."
    """
    for year, positions in series.duplicates.items():
        detail = ", ".join(_describe(p, series.reports[p]) for p in positions)
        yield Finding("X.DUPLICATE_YEAR", _WARN, year=year, detail=detail)


def gap(series: SeriesContext) -> Iterator[Finding]:
    """X.GAP — a year is missing between two reports of the series.

    "Only consecutive years are compared; a missing year leaves the next one uncompared."
    """
    for y0, y1 in pairwise(series.years):
        if y1 > y0 + 1:
            missing = str(y0 + 1) if y1 == y0 + 2 else f"{y0 + 1}–{y1 - 1}"
            yield Finding("X.GAP", _INFO, year=y1, detail=missing)


# ------------------------------------------------------------------ the numbers


@attrs.frozen
class Link:
    """One link of a chain across two consecutive years Y−1 → Y, as a cross-year rule evaluates it.

    ``code`` is the rule's (``X.CARRY_OVER``, ``X.IN_FORCE``, ``X.TOTAL_PUBLISHED``); ``scope`` the
    column or row (``requests.*.total``, ``proactive.regulations``); ``cells`` the year-qualified
    keys, this year's first. ``previous`` is last year's figure (carried forward, in force, total
    published), ``added`` and ``removed`` this year's movements (``None`` where the chain has
    none), ``computed`` what they give and ``printed`` what year Y prints, all as the cells count
    in sums (a blank part is 0). The link holds when ``printed == computed``; a rule's finding is
    a link that does not.
    """

    code: str
    year: int
    scope: str
    cells: tuple[str, ...]
    printed: Number
    computed: Number
    previous: Number
    added: Number | None = None
    removed: Number | None = None

    @property
    def holds(self) -> bool:
        """True when this year's figure is what last year's and this year's movements give."""
        return self.printed == self.computed

    def finding(self) -> Finding:
        """The rule's finding for this link (whether or not it holds)."""
        return Finding(self.code, _WARN, cells=self.cells, printed=self.printed, computed=self.computed,
                       scope=self.scope, year=self.year)


def carry_over_links(series: SeriesContext) -> Iterator[Link]:
    """Per consecutive years and section 三 column: ``carried_over(Y)`` against ``carried_forward(Y−1)``
    (a column blank in both years is left out)."""
    for year, prev, cur in series.pairs():
        if prev.report.requests is None or cur.report.requests is None:
            continue
        for column in _request_columns(cur):
            over, forward = f"requests.carried_over.{column}", f"requests.carried_forward.{column}"
            if cur.value(over) is None and prev.value(forward) is None:
                continue
            computed = prev.effective_value(forward)
            yield Link("X.CARRY_OVER", year, f"requests.*.{column}",
                       (year_key(year, over), year_key(year - 1, forward)), cur.effective_value(over), computed,
                       previous=computed)


def carry_over(series: SeriesContext) -> Iterator[Finding]:
    """X.CARRY_OVER — what one year carries forward, the next year carries over.

    "across years, per column: `carried_over(Y) = carried_forward(Y−1)`"
    """
    return (link.finding() for link in carry_over_links(series) if not link.holds)


def _request_columns(ctx: CheckContext) -> tuple[str, ...]:
    return tuple(k.rsplit(".", 1)[1] for k in ctx.keys if k.startswith("requests.carried_over."))


def _is_num(value: object) -> bool:
    return isinstance(value, (int, Decimal))


def _stock_links(series: SeriesContext, edition: Edition, code: str, stock: str, added: str,
                 removed: str | None) -> Iterator[Link]:
    """A stock carried across years: ``stock(Y) = stock(Y−1) + added(Y) − removed(Y)``, for every
    section 二 row of ``edition`` that has a ``stock`` column, between reports of that edition
    whose stock is printed as a number in both years."""
    rows = [row.key for row in edition_spec(edition).table("proactive").rows
            if any(col.key == stock for col in row.columns)]
    for year, prev, cur in series.pairs():
        if not _both(prev, cur, edition):
            continue
        for row in rows:
            now, add = f"proactive.{row}.{stock}", f"proactive.{row}.{added}"
            if not (_is_num(cur.value(now)) and _is_num(prev.value(now))):
                continue
            previous, plus = prev.effective_value(now), cur.effective_value(add)
            computed: Number = previous + plus
            cells = [year_key(year, now), year_key(year - 1, now), year_key(year, add)]
            minus: Number | None = None
            if removed is not None:
                gone = f"proactive.{row}.{removed}"
                minus = cur.effective_value(gone)
                computed -= minus
                cells.append(year_key(year, gone))
            yield Link(code, year, f"proactive.{row}", tuple(cells), cur.effective_value(now), computed,
                       previous=previous, added=plus, removed=minus)


def in_force_links(series: SeriesContext) -> Iterator[Link]:
    """Per consecutive years and 2021-edition section 二 row with 现行有效件数: the 现行有效 chain."""
    return _stock_links(series, Edition.V2021, "X.IN_FORCE", "in_force", "issued", "repealed")


def total_published_links(series: SeriesContext) -> Iterator[Link]:
    """Per consecutive years and 2019-edition section 二 row with 对外公开总数量: its chain."""
    return _stock_links(series, Edition.V2019, "X.TOTAL_PUBLISHED", "total_published", "new_published", None)


def in_force(series: SeriesContext) -> Iterator[Finding]:
    """X.IN_FORCE — this year's documents in force follow from last year's.

    "2021 edition, across years, per row: `in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y)`"
    """
    return (link.finding() for link in in_force_links(series) if not link.holds)


def total_published(series: SeriesContext) -> Iterator[Finding]:
    """X.TOTAL_PUBLISHED — this year's total published follows from last year's.

    "2019 edition, across years: `total_published(Y) = total_published(Y−1) + new_published(Y)`"
    """
    return (link.finding() for link in total_published_links(series) if not link.holds)


def links(series: SeriesContext) -> tuple[Link, ...]:
    """Every link the cross-year number rules evaluate, held or not, in year order: for each pair of
    consecutive years, the carry-over columns, then the 现行有效 (2021) or 对外公开总数量 (2019) rows."""
    out = [*carry_over_links(series), *in_force_links(series), *total_published_links(series)]
    order = {"X.CARRY_OVER": 0, "X.IN_FORCE": 1, "X.TOTAL_PUBLISHED": 2}
    return tuple(sorted(out, key=lambda link: (link.year, order[link.code])))


def _both(prev: CheckContext, cur: CheckContext, edition: Edition) -> bool:
    """Section 二 is comparable only within one edition (the 2020→2021 boundary is not crossed)."""
    return (prev.report.edition is edition and cur.report.edition is edition
            and prev.report.proactive is not None and cur.report.proactive is not None)


_OWN = "gov_disclosure"

#: The cross-year rules, in the order :func:`check_series` runs them.
SERIES_RULES: tuple[Rule, ...] = (
    Rule("X.NO_YEAR", "Every report has a year", "报告有年度", _WARN,
         "A report whose year is unknown takes no part in cross-year checks.", "structural", RuleScope.SERIES,
         no_year, source=_OWN),
    Rule("X.DUPLICATE_YEAR", "One report per year", "每年度一份报告", _WARN,
         "A year with several reports is not compared with its neighbours: which one counts is not guessed.",
         "structural", RuleScope.SERIES, duplicate_year, source=_OWN),
    Rule("X.GAP", "No year missing", "年度连续", _INFO,
         "Only consecutive years are compared; a missing year leaves the next one uncompared.", "structural",
         RuleScope.SERIES, gap, source=_OWN),
    Rule("X.CARRY_OVER", "Carried over = last year's carried forward", "上年结转等于上年度结转下年度", _WARN,
         "across years, per column: `carried_over(Y) = carried_forward(Y−1)`", "implied", RuleScope.SERIES,
         carry_over),
    Rule("X.IN_FORCE", "Documents in force follow from last year", "现行有效件数与上年衔接", _WARN,
         "2021 edition, across years, per row: `in_force(Y) = in_force(Y−1) + issued(Y) − repealed(Y)`",
         "implied", RuleScope.SERIES, in_force),
    Rule("X.TOTAL_PUBLISHED", "Total published follows from last year", "对外公开总数量与上年衔接", _WARN,
         "2019 edition, across years: `total_published(Y) = total_published(Y−1) + new_published(Y)`",
         "implied", RuleScope.SERIES, total_published),
    Rule("Q.COPIED_PROSE", "Prose not copied from another report", "正文并非照搬其他报告", _WARN,
         "A report's prose (sections 一, 五, 六) describes its own year: more than half of it identical to "
         "another report's (digits aside) is copied text.", "heuristic", RuleScope.SERIES, copied_prose, source=_OWN),
)


def check_series(reports: Iterable[AnnualReport]) -> Findings:
    """Cross-year findings for one agency's reports (in any order).

    Only cross-year rules run here; call :func:`check` on each report for its own findings.
    Reports are sorted by year; a report without a year (``X.NO_YEAR``), a year with
    several reports (``X.DUPLICATE_YEAR``) and a missing year (``X.GAP``) are findings, and
    such years are left out of the comparisons. Section 三 is compared across the 2020→2021
    edition boundary; section 二 is not (its columns differ between editions).
    """
    series = SeriesContext.of(reports)
    findings: list[Finding] = []
    for rule in SERIES_RULES:
        findings.extend(rule.function(series))
    return Findings(findings)
