"""The checker's rules about the prose: ``N.CLAIM`` and the ``Q.*`` quality rules.

Each is one small pure function registered in :data:`gov_disclosure.checks.RULES`. The reading
they rely on (claims, fee statements, copied text) is :mod:`gov_disclosure.prose`, which knows
nothing of the checker: the checker imports the prose reader, never the other way round.

``N.CLAIM`` and ``Q.COPIED_PROSE`` are warnings (the report may say something untrue);
``Q.PROBLEMS_EMPTY`` and ``Q.FEES_SILENT`` are notes about what the prose leaves unsaid, not
faults of its figures, so they are infos.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import AnnualReport, Edition
from ..prose._claims import claims
from ..prose._fees import mentions_fee
from ..prose._quality import SHINGLE, copied_fraction, is_empty_section, report_prose
from ._context import CheckContext
from ._findings import Finding, Severity

if TYPE_CHECKING:  # the series module registers copied_prose from here
    from ._series import SeriesContext

__all__ = ["COPIED_THRESHOLD", "claim_mismatch", "copied_prose", "fees_silent", "problems_empty", "prose_findings"]

#: More than this fraction of a report's prose found in another report is Q.COPIED_PROSE.
COPIED_THRESHOLD = 0.5
#: Prose shorter than this (characters) is not compared: a section 六 of "无" is not copying.
_MIN_PROSE = 200


def claim_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """N.CLAIM — a figure stated in the prose disagrees with the tables.

    "a figure stated in the prose (受理…N件, 结转…N件, 行政复议N件, 予以公开N件, 信息处理费N元 …)
    agrees with the tables" — checked only where the figure's meaning is unambiguous, and
    only against the cells it names (a blank total is taken from its parts); a figure that
    matches any reading the wording allows (收到N件: new, or new and carried over) agrees.
    """
    report = ctx.report
    for claim in claims(report):
        if claim.ambiguity is not None or not claim.keys:
            continue
        primary = claim.table_value(report)
        if primary is None or primary == claim.value:
            continue
        if any(claim.table_value(report, keys) == claim.value for keys in claim.alternatives):
            continue
        yield Finding("N.CLAIM", Severity.WARNING, cells=claim.keys, printed=claim.value, computed=primary,
                      scope=claim.section, year=report.year, detail=claim.sentence)


def problems_empty(ctx: CheckContext) -> Iterator[Finding]:
    """Q.PROBLEMS_EMPTY — section 五 (存在的主要问题及改进情况) is empty or says only 无.

    "Section 五 of a report of the 2019 or 2021 edition states the main problems and how they
    are being addressed; an empty section, or one that says only 无, states nothing."
    """
    report = ctx.report
    if report.edition is Edition.LEGACY or report.problems is None:
        return
    if is_empty_section(report.problems.text):
        yield Finding("Q.PROBLEMS_EMPTY", Severity.INFO, scope="problems", year=report.year,
                      detail=report.problems.text.strip())


def fees_silent(ctx: CheckContext) -> Iterator[Finding]:
    """Q.FEES_SILENT — a 2021-edition report whose section 六 says nothing of the 信息处理费.

    "Since 2021 section 六 reports the 信息处理费 charged (国办函〔2020〕109号), or that none was."
    """
    report = ctx.report
    if report.edition is not Edition.V2021 or report.other_matters is None:
        return
    texts = [report.other_matters.text, *(extra.text for extra in report.extra_sections)]
    if not any(mentions_fee(text) for text in texts if text):
        yield Finding("Q.FEES_SILENT", Severity.INFO, scope="other_matters", year=report.year,
                      detail=report.other_matters.text.strip())


def _describe(position: int, report: AnnualReport) -> str:
    name = report.title or report.agency
    year = f"{report.year}" if report.year is not None else f"#{position}"
    return f"{year} {name}" if name else year


def copied_prose(series: SeriesContext) -> Iterator[Finding]:
    """Q.COPIED_PROSE — more than half of a report's prose stands word for word in another report of the series.

    "A report's prose (sections 一, 五, 六) describes its own year: more than half of it identical
    to another report's (digits aside) is copied text."

    ``computed`` is the copied share in per cent (rounded down), ``detail`` names the other report.
    """
    reports = series.reports
    texts = [report_prose(r) for r in reports]
    for i, (report, text) in enumerate(zip(reports, texts, strict=True)):
        if len(text) < max(_MIN_PROSE, SHINGLE):
            continue
        best, best_j = 0.0, -1
        for j, other in enumerate(texts):
            if j == i or len(other) < SHINGLE or reports[j] == report:  # the same report twice is not a copy
                continue
            fraction = copied_fraction(text, other)
            if fraction > best:
                best, best_j = fraction, j
        if best > COPIED_THRESHOLD:
            yield Finding("Q.COPIED_PROSE", Severity.WARNING, computed=int(best * 100), scope="prose",
                          year=report.year, detail=_describe(best_j, reports[best_j]))


def prose_findings(report: AnnualReport) -> tuple[Finding, ...]:
    """The findings of the in-report prose rules (N.CLAIM, Q.PROBLEMS_EMPTY, Q.FEES_SILENT) about ``report``."""
    ctx = CheckContext.of(report)
    return (*claim_mismatch(ctx), *problems_empty(ctx), *fees_silent(ctx))
