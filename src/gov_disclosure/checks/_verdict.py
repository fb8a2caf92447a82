"""The verdict on one report's findings: does the arithmetic hold, fail, or was nothing assessed?"""

from __future__ import annotations

import enum
from collections.abc import Iterable

from ._findings import Finding, Severity

__all__ = ["NOT_ASSESSED_CODES", "Verdict", "verdict"]

#: The findings that say the report's arithmetic as a whole could not be assessed.
NOT_ASSESSED_CODES = frozenset({"S.LEGACY", "S.NOTHING_CHECKED"})


class Verdict(str, enum.Enum):
    """What the findings of :func:`~gov_disclosure.check` come to, for one report."""

    HOLDS = "holds"
    """Something was checked and no finding is at error level."""
    ERRORS = "errors"
    """A finding at error level: the report as published is wrong somewhere."""
    NOT_ASSESSED = "not_assessed"
    """Nothing could be checked: a legacy report (``S.LEGACY``), or one whose every sum is
    unfilled (``S.NOTHING_CHECKED``). Not "holds": no claim is made about its arithmetic."""

    def __str__(self) -> str:
        return self.value


def verdict(findings: Iterable[Finding]) -> Verdict:
    """The :class:`Verdict` of one report's findings.

    >>> from gov_disclosure import AnnualReport, check
    >>> verdict(check(AnnualReport.empty("legacy", year=2017))).value
    'not_assessed'
    >>> verdict(check(AnnualReport.empty("2021", year=2023))).value   # every cell blank
    'not_assessed'
    >>> verdict(check(AnnualReport.empty("2021", year=2023).with_cells({"review_litigation.review.upheld": 1,
    ...     "review_litigation.review.total": 1}))).value
    'holds'
    """
    codes = set()
    for finding in findings:
        if finding.severity is Severity.ERROR:
            return Verdict.ERRORS
        codes.add(finding.code)
    return Verdict.NOT_ASSESSED if codes & NOT_ASSESSED_CODES else Verdict.HOLDS
