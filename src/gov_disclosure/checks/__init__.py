"""The checker: every in-report rule of FORMAT.md (:func:`check`) and the cross-year rules
(:func:`check_series`), as :class:`Finding` values.

The rules live in one immutable registry, :data:`RULES` — a tuple of :class:`Rule` records
(code, title, severity, the rule text, the function). List them with::

    for rule in RULES:
        print(rule.code, rule.severity.value, rule.title)

``docs/rules.md`` shows every code with an example finding.
"""

from ._context import CheckContext
from ._findings import Finding, Findings, Repair, Rule, RuleScope, Severity
from ._rules import REPORT_RULES, check
from ._series import SERIES_RULES, Link, SeriesContext, check_series, links
from ._verdict import NOT_ASSESSED_CODES, Verdict, verdict

#: Every rule: the in-report rules (run by :func:`check`), then the cross-year rules
#: (run by :func:`check_series`). Codes are unique and stable.
RULES: tuple[Rule, ...] = REPORT_RULES + SERIES_RULES

__all__ = [
    "NOT_ASSESSED_CODES",
    "RULES",
    "CheckContext",
    "Finding",
    "Findings",
    "Link",
    "Repair",
    "Rule",
    "RuleScope",
    "SeriesContext",
    "Severity",
    "Verdict",
    "check",
    "check_series",
    "links",
    "verdict",
]
