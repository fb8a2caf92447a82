"""What the checker returns: :class:`Finding` records, their :class:`Severity` and :class:`Repair`,
and the :class:`Rule` records of the registry.

Findings are values, never exceptions. Every field is data; the message is derived from
the fields (:meth:`Finding.message`) and never parsed back.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any, Union

import attrs

from .._errors import check_lang
from .._i18n import PHRASES, Lang
from ..model import CellValue
from ..parsers._result import Kind
from ._messages import render

__all__ = ["Finding", "Findings", "Number", "Repair", "Rule", "RuleScope", "Severity"]

#: A number in a finding: an ``int`` count or a ``Decimal`` amount (万元).
Number = Union[int, Decimal]


class Severity(str, enum.Enum):
    """How bad a finding is.

    ``ERROR``: the report as published is wrong (a sum that does not hold, a negative
    count, a missing table). ``WARNING``: suspicious or incomplete, but possibly right
    (placeholders, cross-year mismatches). ``INFO``: worth knowing, not a fault (a blank
    total that leaves a sum unassessable).
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    def __str__(self) -> str:
        return self.value

    def word(self, lang: Lang = "zh") -> str:
        """The severity in words: 错误 / 警告 / 提示, or ``error`` / ``warning`` / ``info``."""
        return PHRASES[f"severity.{self.value}"][check_lang(lang)]

    @property
    def rank(self) -> int:
        """2 for error, 1 for warning, 0 for info: ``f.severity.rank >= Severity.WARNING.rank``."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]


@attrs.frozen
class Repair:
    """A single-cell correction: print ``value`` in ``cell`` (a stable key) instead of ``printed``.

    ``printed`` is the cell as the report has it (``None`` for a blank).

    >>> str(Repair("review_litigation.review.total", 11, printed=0))
    'review_litigation.review.total = 11'
    """

    cell: str
    value: Number
    printed: CellValue = None

    def __str__(self) -> str:
        return f"{self.cell} = {self.value}"


@attrs.frozen
class Finding:
    """One problem (or note) about a report or a series of reports.

    ``code`` is stable (``T3.BALANCE``, ``S.TABLE_MISSING`` …; see :data:`RULES` and
    ``docs/rules.md``) and ``severity`` says how bad it is.

    ``cells`` names the cells involved by stable key: for a sum, the total (the left side)
    first, then every operand. Findings of :func:`check_series` qualify each key with its
    report year, ``"2023:requests.carried_forward.total"``, because they span two reports;
    findings of :func:`check` use bare keys. ``year`` is the report year the finding is
    about (for a cross-year finding, the later year Y); ``None`` when unknown.

    ``printed`` is the left side as printed (the total; for ``T3.BALANCE`` 第一项 + 第二项),
    ``computed`` the value the operands give; ``difference`` is ``printed - computed``.
    They are ``None`` where the finding is not about a sum.

    ``scope`` names the column, row, block, table or section the finding is about
    (``requests.*.total``, ``requests.granted``, ``review_litigation.review``, ``overview``).
    ``relation`` is, for ``T.NOT_ASSESSABLE``, the code of the sum that could not be assessed.
    ``detail`` carries text: the raw text of a placeholder or unreadable cell, the edition of
    an ``S.EDITION_YEAR``, the missing years of an ``X.GAP``.

    ``repair`` is the single cell whose correction makes every failing sum hold, when
    exactly one such cell exists; ``repairs`` lists every candidate found (several when
    the arithmetic cannot decide, none when no single cell explains the failures).

    ``kind`` says whose fault it is: :attr:`~gov_disclosure.Kind.SOURCE` (the default: the
    report as published) or :attr:`~gov_disclosure.Kind.EXTRACTION` (the reading of it: a
    table the source prints that the parser could not read, ``S.TABLE_NOT_ASSESSED``).
    """

    code: str
    severity: Severity
    cells: tuple[str, ...] = ()
    printed: Number | None = None
    computed: Number | None = None
    scope: str | None = None
    relation: str | None = None
    year: int | None = None
    detail: str | None = None
    repairs: tuple[Repair, ...] = ()
    kind: Kind = Kind.SOURCE

    @property
    def difference(self) -> Number | None:
        """``printed - computed`` when both are known, else ``None``."""
        if self.printed is None or self.computed is None:
            return None
        return self.printed - self.computed

    @property
    def repair(self) -> Repair | None:
        """The repair when exactly one single-cell repair explains the failure, else ``None``."""
        return self.repairs[0] if len(self.repairs) == 1 else None

    @property
    def ambiguous(self) -> bool:
        """True when several single-cell repairs explain the failure equally well."""
        return len(self.repairs) > 1

    def message(self, lang: Lang = "zh") -> str:
        """A sentence describing the finding, in Chinese (default) or English (``lang="en"``)."""
        return render(self, check_lang(lang))

    @property
    def message_en(self) -> str:
        """The English message (same as ``message(lang="en")``)."""
        return render(self, "en")

    def describe(self, lang: Lang = "zh") -> str:
        """One line: code, severity and message, in ``lang`` (``[T3.BALANCE] 错误：…``)."""
        lang = check_lang(lang)
        return f"[{self.code}] {self.severity.word(lang)}{'：' if lang == 'zh' else ': '}{self.message(lang)}"

    def __str__(self) -> str:
        return self.describe()

    def _repr_html_(self) -> str:
        """For Jupyter: the finding's code, severity, message, cells, both sides and repair."""
        from ..renderers._html import finding_html

        return finding_html(self)


class Findings(tuple[Finding, ...]):
    """The findings of :func:`~gov_disclosure.check` or :func:`~gov_disclosure.check_series`: a
    plain tuple of :class:`Finding` that a notebook shows as a table (``_repr_html_``)."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """For Jupyter: one row per finding (code, severity, scope, cells, printed, computed,
        difference, repair, message)."""
        from ..renderers._html import findings_html

        return findings_html(self)


class RuleScope(str, enum.Enum):
    """What a rule's function receives."""

    REPORT = "report"
    """One report: the function takes a :class:`~gov_disclosure.checks.CheckContext`."""
    SERIES = "series"
    """One agency's reports across years: the function takes a ``SeriesContext``."""


@attrs.frozen
class Rule:
    """One registered check: a stable ``code``, its ``title`` (English and Chinese), the
    ``severity`` of its findings, the rule ``text`` (quoted from ``FORMAT.md`` when
    ``source`` is ``"FORMAT.md"``, else this library's own statement), its ``basis``
    (``official`` / ``implied`` / ``structural``), its ``scope`` and its pure ``function``.

    A report rule's function takes a :class:`CheckContext` (the report and its cells,
    evaluated once) and yields findings; a series rule's function takes a ``SeriesContext``.
    """

    code: str
    title: str
    title_zh: str
    severity: Severity
    text: str
    basis: str
    scope: RuleScope
    function: Callable[[Any], Iterable[Finding]] = attrs.field(eq=False, repr=False)
    source: str = "FORMAT.md"
