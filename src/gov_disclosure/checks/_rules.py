"""The in-report rules: one small pure function per code, registered in :data:`REPORT_RULES`,
and :func:`check`, which runs them.

Each function takes a :class:`CheckContext` (the whole report, read and evaluated once) and
yields :class:`Finding` records. A rule about the prose reads ``ctx.report``; adding one is
adding one :class:`Rule` entry to :data:`REPORT_RULES`.
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

from ..model import AnnualReport, ColumnKind, Edition, Placeholder, Unreadable
from ..parsers._result import Kind, ParseResult, Problem, ProblemSeverity
from ._context import CheckContext
from ._findings import Finding, Findings, Rule, RuleScope, Severity
from ._prose_rules import claim_mismatch, fees_silent, problems_empty

__all__ = ["REPORT_RULES", "check"]

_ERR, _WARN, _INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_PROSE = (("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况"),
          ("other_matters", "六、其他需要报告的事项"))

# ------------------------------------------------------------------ structure


def edition_year(ctx: CheckContext) -> Iterator[Finding]:
    """S.EDITION_YEAR — the tables' edition does not match the report year.

    "A report that says 2021 in its title but uses 2019-edition tables is a 2019-edition
    report with a finding, not a parse failure."
    """
    report = ctx.report
    if report.year is not None and Edition.for_year(report.year) is not report.edition:
        yield Finding("S.EDITION_YEAR", _WARN, year=report.year, detail=report.edition.value)


def legacy(ctx: CheckContext) -> Iterator[Finding]:
    """S.LEGACY — a pre-2019 report: the national form's arithmetic does not apply.

    "A report of the legacy edition (2008–2018, under the 2007 条例) prints no national table;
    none of the form's sums applies to it, so nothing of its arithmetic is assessed."
    """
    if ctx.report.edition is Edition.LEGACY:
        yield Finding("S.LEGACY", _INFO, scope="report", year=ctx.report.year)


def nothing_checked(ctx: CheckContext) -> Iterator[Finding]:
    """S.NOTHING_CHECKED — not one sum of the form could be checked.

    "A report of the 2019 or 2021 edition whose every sum has its total and all its parts
    unfilled (tables missing, blank or unread) has no arithmetic that could be assessed."
    """
    if ctx.report.edition is not Edition.LEGACY and not ctx.checked():
        yield Finding("S.NOTHING_CHECKED", _INFO, scope="report", year=ctx.report.year)


def table_missing(ctx: CheckContext) -> Iterator[Finding]:
    """S.TABLE_MISSING — a table of the edition is absent from the source.

    "A report of the 2019 or 2021 edition prints the three tables of its edition
    (sections 二, 三 and 四)."
    """
    for table in ctx.plan.tables:
        if getattr(ctx.report, table.key) is None and ctx.unread(table.key) is None:
            yield Finding("S.TABLE_MISSING", _ERR, scope=table.key, year=ctx.report.year, detail=table.heading)


def table_not_assessed(ctx: CheckContext) -> Iterator[Finding]:
    """S.TABLE_NOT_ASSESSED — the source prints a table that the parser could not read.

    "A table whose heading or labels the source prints but whose values could not be read is
    the parser's failure, not the publisher's: it is not assessed, and not reported missing."
    """
    for table in ctx.plan.tables:
        if getattr(ctx.report, table.key) is None:
            problem = ctx.unread(table.key)
            if problem is not None:
                yield Finding("S.TABLE_NOT_ASSESSED", _INFO, scope=table.key, year=ctx.report.year,
                              detail=table.heading, relation=problem.code, kind=Kind.EXTRACTION)


def table_empty(ctx: CheckContext) -> Iterator[Finding]:
    """S.TABLE_EMPTY — a table is present but every cell is blank.

    "A table that is present has at least one filled cell."
    """
    values = ctx.values
    for table in ctx.plan.tables:
        if getattr(ctx.report, table.key) is None:
            continue
        if all(values[i] is None for i in range(table.start, table.stop)):
            yield Finding("S.TABLE_EMPTY", _WARN, scope=table.key, year=ctx.report.year, detail=table.heading)


def _prose_present(report: AnnualReport) -> list[bool]:
    return [getattr(report, key) is not None for key, _h in _PROSE]


def section_missing(ctx: CheckContext) -> Iterator[Finding]:
    """S.SECTION_MISSING — a prose section of the form is absent from a report that has prose.

    "A report of the 2019 or 2021 edition has the prose sections 一 (overview),
    五 (problems) and 六 (other_matters)."
    """
    report = ctx.report
    if report.edition is Edition.LEGACY:
        return
    present = _prose_present(report)
    if not any(present):
        return
    for (key, heading), here in zip(_PROSE, present, strict=True):
        if not here:
            yield Finding("S.SECTION_MISSING", _WARN, scope=key, year=report.year, detail=heading)


def no_prose(ctx: CheckContext) -> Iterator[Finding]:
    """S.NO_PROSE — the report carries tables only (typically one built from data).

    "A report with none of the prose sections 一, 五 and 六 is a table-only report: noted,
    and no S.SECTION_MISSING for each."
    """
    report = ctx.report
    if report.edition is not Edition.LEGACY and not any(_prose_present(report)):
        yield Finding("S.NO_PROSE", _INFO, year=report.year)


# ------------------------------------------------------------------ values


def negative(ctx: CheckContext) -> Iterator[Finding]:
    """VALUE.NEGATIVE — a negative number where only counts or amounts belong.

    "counts are ≥ 0 (`change` may be negative)"
    """
    plan = ctx.plan
    for i in ctx.odd:
        value = ctx.values[i]
        if value is not None and not isinstance(value, (Placeholder, Unreadable)) and value < 0 \
                and plan.kinds[i] is not ColumnKind.SIGNED:
            yield Finding("VALUE.NEGATIVE", _ERR, cells=(plan.keys[i],), printed=value, scope=plan.rows[i],
                          year=ctx.report.year, repairs=ctx.cell_repairs.get(i, ()))


def _not_numbers(ctx: CheckContext, kind: type[Placeholder] | type[Unreadable], code: str) -> Iterator[Finding]:
    """A warning for every cell of the report holding a ``kind`` where a number belongs."""
    plan = ctx.plan
    for i in ctx.odd:
        value = ctx.values[i]
        if isinstance(value, kind):
            yield Finding(code, _WARN, cells=(plan.keys[i],), scope=plan.rows[i], year=ctx.report.year,
                          detail=value.raw)


def placeholder(ctx: CheckContext) -> Iterator[Finding]:
    """VALUE.PLACEHOLDER — a placeholder printed where a number belongs (summed as a blank).

    "A cell is a number, or **blank** (empty, `&nbsp;`), or a **placeholder** (`/`, `—`, `-`,
    `无`, `不适用`), or **unreadable** text. These are different things and the model keeps
    them apart (a blank is not 0)."
    """
    return _not_numbers(ctx, Placeholder, "VALUE.PLACEHOLDER")


def unreadable(ctx: CheckContext) -> Iterator[Finding]:
    """VALUE.UNREADABLE — text that is not a number where a number belongs (summed as a blank).

    "A cell is a number, or **blank** (empty, `&nbsp;`), or a **placeholder** (`/`, `—`, `-`,
    `无`, `不适用`), or **unreadable** text. These are different things and the model keeps
    them apart (a blank is not 0)."
    """
    return _not_numbers(ctx, Unreadable, "VALUE.UNREADABLE")


# ------------------------------------------------------------------ sums


def balance(ctx: CheckContext) -> Iterator[Finding]:
    """T3.BALANCE — section 三 balances per column.

    "for each column c: `new_received[c] + carried_over[c] = total_handled[c] + carried_forward[c]`"
    """
    return ctx.relation_findings("T3.BALANCE", _ERR)


def result_sum(ctx: CheckContext) -> Iterator[Finding]:
    """T3.RESULT_SUM — （七）总计 is the sum of the results, per column.

    "for each column c: `total_handled[c]` = sum of all result rows （一）…（六）, taking （六） as
    printed (its sub-rows, or `other_handling`)"
    """
    return ctx.relation_findings("T3.RESULT_SUM", _ERR)


def row_total(ctx: CheckContext) -> Iterator[Finding]:
    """T3.ROW_TOTAL — 总计 of a section 三 row is the sum of the applicant columns.

    "for each row r: `r.total` = sum of the six applicant columns"
    """
    return ctx.relation_findings("T3.ROW_TOTAL", _ERR)


def block_sum(ctx: CheckContext) -> Iterator[Finding]:
    """T4.BLOCK_SUM — 总计 of a section 四 block is the sum of its four results.

    "for each block: `total = upheld + corrected + other + pending`"
    """
    return ctx.relation_findings("T4.BLOCK_SUM", _ERR)


def not_assessable(ctx: CheckContext) -> Iterator[Finding]:
    """T.NOT_ASSESSABLE — a sum whose total is not filled, with the value its parts give.

    "Blank cells: a blank addend counts as 0. A blank **total** cell means "not filled" — the
    relation cannot be assessed; say so (low severity, with the derived value), do not call it
    an error."
    """
    for relation, derived in ctx.unassessable():
        yield Finding("T.NOT_ASSESSABLE", _INFO, cells=relation.cells, computed=derived, scope=relation.scope,
                      relation=relation.code, year=ctx.report.year)


_OWN = "gov_disclosure"

#: The in-report rules, in the order :func:`check` runs them (and reports their findings).
REPORT_RULES: tuple[Rule, ...] = (
    Rule("S.LEGACY", "A legacy report: the national arithmetic does not apply",
         "旧版报告：不适用全国统一表格的勾稽关系", _INFO,
         "A report of the legacy edition (2008–2018, under the 2007 条例) prints no national table; none of "
         "the form's sums applies to it, so nothing of its arithmetic is assessed.", "structural", RuleScope.REPORT,
         legacy, source=_OWN),
    Rule("S.NOTHING_CHECKED", "Some sum could be checked", "至少有一项勾稽关系可以核对", _INFO,
         "A report of the 2019 or 2021 edition whose every sum has its total and all its parts unfilled (tables "
         "missing, blank or unread) has no arithmetic that could be assessed.", "structural", RuleScope.REPORT,
         nothing_checked, source=_OWN),
    Rule("S.EDITION_YEAR", "Edition matches the report year", "表格版本与报告年度一致", _WARN,
         "A report that says 2021 in its title but uses 2019-edition tables is a 2019-edition report "
         "with a finding, not a parse failure.", "structural", RuleScope.REPORT, edition_year),
    Rule("S.TABLE_MISSING", "Every table of the edition is present", "表格齐全", _ERR,
         "A report of the 2019 or 2021 edition prints the three tables of its edition (sections 二, 三 and 四).",
         "structural", RuleScope.REPORT, table_missing, source=_OWN),
    Rule("S.TABLE_NOT_ASSESSED", "A table the parser could not read", "表格未能读取、无法核对", _INFO,
         "A table whose heading or labels the source prints but whose values could not be read is the parser's "
         "failure, not the publisher's: it is not assessed, and not reported missing.", "structural",
         RuleScope.REPORT, table_not_assessed, source=_OWN),
    Rule("S.TABLE_EMPTY", "A present table is not all blank", "表格不为全空", _WARN,
         "A table that is present has at least one filled cell.", "structural", RuleScope.REPORT, table_empty,
         source=_OWN),
    Rule("S.SECTION_MISSING", "Every prose section is present", "文字章节齐全", _WARN,
         "A report of the 2019 or 2021 edition has the prose sections 一 (overview), 五 (problems) and "
         "六 (other_matters).", "structural", RuleScope.REPORT, section_missing, source=_OWN),
    Rule("S.NO_PROSE", "Table-only report", "仅有表格的报告", _INFO,
         "A report with none of the prose sections 一, 五 and 六 is a table-only report: noted, and no "
         "S.SECTION_MISSING for each.", "structural", RuleScope.REPORT, no_prose, source=_OWN),
    Rule("VALUE.NEGATIVE", "Counts are not negative", "数量不为负", _ERR,
         "counts are ≥ 0 (`change` may be negative)", "implied", RuleScope.REPORT, negative),
    Rule("VALUE.PLACEHOLDER", "A number, not a placeholder", "应填数字而印占位符", _WARN,
         "A cell is a number, or **blank** (empty, `&nbsp;`), or a **placeholder** (`/`, `—`, `-`, `无`, "
         "`不适用`), or **unreadable** text. These are different things and the model keeps them apart "
         "(a blank is not 0).", "structural", RuleScope.REPORT, placeholder),
    Rule("VALUE.UNREADABLE", "A number, not unreadable text", "应填数字而内容无法识读", _WARN,
         "A cell is a number, or **blank** (empty, `&nbsp;`), or a **placeholder** (`/`, `—`, `-`, `无`, "
         "`不适用`), or **unreadable** text. These are different things and the model keeps them apart "
         "(a blank is not 0).", "structural", RuleScope.REPORT, unreadable),
    Rule("T3.BALANCE", "Section 三 balances per column", "第三部分各列收支平衡", _ERR,
         "for each column c: `new_received[c] + carried_over[c] = total_handled[c] + carried_forward[c]`",
         "official", RuleScope.REPORT, balance),
    Rule("T3.RESULT_SUM", "（七）总计 is the sum of the results", "（七）总计等于各办理结果之和", _ERR,
         "for each column c: `total_handled[c]` = sum of all result rows （一）…（六）, taking （六） as printed "
         "(its sub-rows, or `other_handling`)", "implied", RuleScope.REPORT, result_sum),
    Rule("T3.ROW_TOTAL", "Row 总计 is the sum of the applicant columns", "各行总计等于各类申请人之和", _ERR,
         "for each row r: `r.total` = sum of the six applicant columns", "implied", RuleScope.REPORT, row_total),
    Rule("T4.BLOCK_SUM", "Section 四 block 总计 is the sum of its results", "第四部分各栏总计等于各结果之和", _ERR,
         "for each block: `total = upheld + corrected + other + pending`", "implied", RuleScope.REPORT, block_sum),
    Rule("T.NOT_ASSESSABLE", "A sum with an unfilled total", "总计未填写、无法核对", _INFO,
         "Blank cells: a blank addend counts as 0. A blank **total** cell means \"not filled\" — the relation "
         "cannot be assessed; say so (low severity, with the derived value), do not call it an error.",
         "implied", RuleScope.REPORT, not_assessable),
    Rule("N.CLAIM", "Figures in the prose agree with the tables", "正文所述数字与表格一致", _WARN,
         "a figure stated in the prose (受理…N件, 结转…N件, 行政复议N件, 予以公开N件, 信息处理费N元 …) agrees with "
         "the tables", "heuristic", RuleScope.REPORT, claim_mismatch),
    Rule("Q.PROBLEMS_EMPTY", "Section 五 says something", "第五部分有实际内容", _INFO,
         "Section 五 of a report of the 2019 or 2021 edition states the main problems and how they are being "
         "addressed; an empty section, or one that says only 无, states nothing.", "structural", RuleScope.REPORT,
         problems_empty, source=_OWN),
    Rule("Q.FEES_SILENT", "Section 六 speaks of the 信息处理费", "第六部分说明信息处理费收取情况", _INFO,
         "Since 2021 section 六 reports the 信息处理费 charged (国办函〔2020〕109号), or that none was.",
         "implied", RuleScope.REPORT, fees_silent, source=_OWN),
)


def check(report: AnnualReport | ParseResult) -> Findings:
    """Every finding of every in-report rule about ``report``, in registry order.

    Give the :class:`~gov_disclosure.ParseResult` rather than its report where there is one:
    its problems tell a table the parser could not read (``S.TABLE_NOT_ASSESSED``, info,
    kind ``extraction``) from one the source does not print (``S.TABLE_MISSING``, error).
    A finding on a cell the parser was unsure of (a ``SPLIT.*`` guess) is of kind
    ``extraction`` too. A legacy report gets ``S.LEGACY`` and a report with no sum that could
    be checked ``S.NOTHING_CHECKED`` (info): see :func:`verdict`.

    Arithmetic faults and input problems are findings, never exceptions. Blank addends count
    as 0; a blank (or placeholder, or unreadable) total is not filled: its sums are not
    assessed (``T.NOT_ASSESSABLE``, info) and where it is itself an addend its parts stand in.

    >>> from gov_disclosure import AnnualReport
    >>> r = AnnualReport.empty("2021", year=2023).with_cells({
    ...     "review_litigation.review.upheld": 10, "review_litigation.review.corrected": 1,
    ...     "review_litigation.review.total": 0})
    >>> [f.code for f in check(r) if f.severity.value == "error"]
    ['T4.BLOCK_SUM']
    >>> str([f for f in check(r) if f.code == "T4.BLOCK_SUM"][0].repair)
    'review_litigation.review.total = 11'
    """
    problems: tuple[Problem, ...] = ()
    if isinstance(report, ParseResult):
        problems = report.problems
        report = report.report
    if not isinstance(report, AnnualReport):
        raise TypeError(f"check() takes an AnnualReport or a ParseResult, not {type(report).__name__}")
    ctx = CheckContext.of(report, problems)
    findings: list[Finding] = []
    for rule in REPORT_RULES:
        findings.extend(rule.function(ctx))
    return Findings(_by_reading(findings, problems))


def _by_reading(findings: list[Finding], problems: tuple[Problem, ...]) -> list[Finding]:
    """The findings with a cell the parser was unsure of (an extraction problem at warning or
    error level names it, or its row or table: a guessed digit split, a duplicate, a row whose
    runs could not be cut) marked of kind ``extraction``:
    the failure may be the reading's, not the publisher's."""
    unsure = {key for p in problems if p.kind is Kind.EXTRACTION and p.severity is not ProblemSeverity.INFO
              for key in p.cells}
    if not unsure:
        return findings

    def unsure_of(cell: str) -> bool:  # the cell, or its row or table (a problem about a whole row)
        key = cell.split(":", 1)[-1]
        return key in unsure or key.rsplit(".", 1)[0] in unsure or key.split(".", 1)[0] in unsure

    def about_unsure(finding: Finding) -> bool:  # a finding on cells, or on a whole row or table
        if finding.cells:
            return any(map(unsure_of, finding.cells))
        scope = finding.scope or ""
        return bool(scope) and any(key == scope or key.startswith(scope + ".") for key in unsure)

    return [attrs.evolve(f, kind=Kind.EXTRACTION) if f.kind is Kind.SOURCE and about_unsure(f) else f
            for f in findings]
