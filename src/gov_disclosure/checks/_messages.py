"""Finding messages, Chinese and English, derived from a finding's fields only."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from ..model import Edition

if TYPE_CHECKING:
    from ._findings import Finding

__all__ = ["TEMPLATES", "render"]

# Placeholders: {scope} {cell} {printed} {computed} {difference} {relation} {year}
# {prev_year} {detail} {expected_edition}. A template only uses fields its code sets.
_ZH: Mapping[str, str] = MappingProxyType({
    "T3.BALANCE": "{scope} 列不平衡：本年新收加上年结转为 {printed}，"
    "办理结果总计加结转下年为 {computed}，相差 {difference}",
    "T3.RESULT_SUM": "{scope} 列（七）总计印为 {printed}，各项办理结果之和为 {computed}，相差 {difference}",
    "T3.ROW_TOTAL": "{scope} 行总计印为 {printed}，各类申请人之和为 {computed}，相差 {difference}",
    "T4.BLOCK_SUM": "{scope} 总计印为 {printed}，维持、纠正、其他、尚未审结之和为 {computed}，相差 {difference}",
    "T.NOT_ASSESSABLE": "{relation}（{scope}）无法核对：总计单元格 {cell} 未填写（空白或非数字）；"
    "由各项推算为 {computed}",
    "VALUE.NEGATIVE": "{cell} 为负数 {printed}，该数量不能为负",
    "VALUE.PLACEHOLDER": "{cell} 印为占位符“{detail}”，此处应为数字（求和时按空白计）",
    "VALUE.UNREADABLE": "{cell} 的内容“{detail}”无法识读为数字（求和时按空白计）",
    "S.LEGACY": "本报告为旧版（2019 年以前）格式，没有全国统一表格，勾稽关系不适用，未作核对",
    "S.NOTHING_CHECKED": "没有任何一项勾稽关系可以核对：各表格缺失、全部空白或未能读取",
    "S.TABLE_MISSING": "缺少表格：{detail}（{scope}）",
    "S.TABLE_NOT_ASSESSED": "表格 {detail}（{scope}）在原文中可见，但解析器未能读取其数值（{relation}），"
    "该表未作核对；这不是发布机关的错误",
    "S.TABLE_EMPTY": "表格 {detail}（{scope}）存在但全部空白",
    "S.SECTION_MISSING": "缺少章节：{detail}（{scope}）",
    "S.NO_PROSE": "报告没有任何文字章节（总体情况、存在的主要问题、其他需要报告的事项），仅有表格",
    "S.EDITION_YEAR": "{year} 年度报告使用了 {detail} 版格式的表格，该年度应使用 {expected_edition} 版",
    "X.CARRY_OVER": "{scope} 列：{year} 年上年结转为 {printed}，"
    "{prev_year} 年结转下年度继续办理为 {computed}，相差 {difference}",
    "X.IN_FORCE": "{scope}：{year} 年现行有效件数为 {printed}，"
    "按上年现行有效加本年制发减本年废止应为 {computed}，相差 {difference}",
    "X.TOTAL_PUBLISHED": "{scope}：{year} 年对外公开总数量为 {printed}，"
    "按上年总数加本年新公开应为 {computed}，相差 {difference}",
    "X.DUPLICATE_YEAR": "{year} 年度有多份报告（{detail}），涉及该年度的跨年核对已跳过",
    "X.GAP": "缺少 {detail} 年度的报告，{year} 年无法与上一年度核对",
    "X.NO_YEAR": "报告 {detail} 没有年度，未参加跨年核对",
    "N.CLAIM": "正文（{scope}）所述数字为 {printed}，表格中对应的数字为 {computed}，相差 {difference}：“{detail}”",
    "Q.PROBLEMS_EMPTY": "第五部分（存在的主要问题及改进情况）没有实际内容",
    "Q.FEES_SILENT": "第六部分（其他需要报告的事项）未说明信息处理费的收取情况",
    "Q.COPIED_PROSE": "{year} 年报告的正文约 {computed}% 与报告 {detail} 逐字相同（数字除外）",
})

_EN: Mapping[str, str] = MappingProxyType({
    "T3.BALANCE": "column {scope} does not balance: new + carried over = {printed}, "
    "handled total + carried forward = {computed} (difference {difference})",
    "T3.RESULT_SUM": "column {scope}: (七) total printed {printed}, "
    "results sum to {computed} (difference {difference})",
    "T3.ROW_TOTAL": "row {scope}: total printed {printed}, applicant columns sum to {computed} "
    "(difference {difference})",
    "T4.BLOCK_SUM": "{scope}: total printed {printed}, upheld + corrected + other + pending = {computed} "
    "(difference {difference})",
    "T.NOT_ASSESSABLE": "{relation} ({scope}) cannot be assessed: total cell {cell} is not filled "
    "(blank or not a number); its parts give {computed}",
    "VALUE.NEGATIVE": "{cell} is negative ({printed}); a count or amount cannot be",
    "VALUE.PLACEHOLDER": "{"
    "cell} holds the placeholder {detail!r} where a number belongs (summed as blank)",
    "VALUE.UNREADABLE": "{cell} holds {detail!r}, which is not a number (summed as blank)",
    "S.LEGACY": "the report is of the legacy (pre-2019) edition: it has no national tables, the form's "
    "arithmetic does not apply and nothing of it was checked",
    "S.NOTHING_CHECKED": "not one sum of the form could be checked: every table is missing, blank or unread",
    "S.TABLE_MISSING": "table missing: {detail} ({scope})",
    "S.TABLE_NOT_ASSESSED": "table {detail} ({scope}) is printed in the source, but the parser could not read its "
    "values ({relation}); it was not checked, and this is no fault of the publisher",
    "S.TABLE_EMPTY": "table {detail} ({scope}) is present but entirely blank",
    "S.SECTION_MISSING": "section missing: {detail} ({scope})",
    "S.NO_PROSE": "the report has no prose section (overview, "
    "problems, other matters), only tables",
    "S.EDITION_YEAR": "a {year} report printed on {detail}-edition tables; that year uses the "
    "{expected_edition} edition",
    "X.CARRY_OVER": "column {scope}: carried over in {year} is {printed}, carried forward in {prev_year} is "
    "{computed} (difference {difference})",
    "X.IN_FORCE": "{scope}: in force in {year} is {printed}; last year's in force + issued - repealed = "
    "{computed} (difference {difference})",
    "X.TOTAL_PUBLISHED": "{scope}: total published in {year} is {printed}; last year's total + new published = "
    "{computed} (difference {difference})",
    "X.DUPLICATE_YEAR": "s"
    "everal reports for {year} ({detail}); cross-year checks touching {year} skipped",
    "X.GAP": "no report for {detail}; {year} cannot be compared with the year before",
    "X.NO_YEAR": "report {detail} has no year and takes no part in cross-year checks",
    "N.CLAIM": "the prose ({scope}) states {printed} where the tables give {computed} (difference {difference}): "
    "“{detail}”",
    "Q.PROBLEMS_EMPTY": "section 五 (main problems and improvements) says nothing",
    "Q.FEES_SILENT": "section 六 (other matters) does not say whether any 信息处理费 was charged",
    "Q.COPIED_PROSE": "about {computed}% of the prose of the {year} report is word for word that of report {detail} "
    "(digits aside)",
})

#: Message templates by code and language (read-only).
TEMPLATES: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {code: MappingProxyType({"zh": _ZH[code], "en": _EN[code]}) for code in _ZH}
)


def _fmt(value: object) -> str:
    return "" if value is None else str(value)


def render(finding: Finding, lang: str) -> str:
    """The message of ``finding`` in ``lang`` (``"zh"`` or ``"en"``)."""
    if lang not in ("zh", "en"):
        raise ValueError(f"lang must be 'zh' or 'en', not {lang!r}")
    diff = finding.difference
    fields = {
        "scope": _fmt(finding.scope),
        "cell": finding.cells[0] if finding.cells else "",
        "printed": _fmt(finding.printed) if finding.printed is not None else ("空白" if lang == "zh" else "blank"),
        "computed": _fmt(finding.computed),
        "difference": "" if diff is None else f"{diff:+}",
        "relation": _fmt(finding.relation),
        "year": _fmt(finding.year),
        "prev_year": "" if finding.year is None else str(finding.year - 1),
        "detail": _fmt(finding.detail),
        "expected_edition": "" if finding.year is None else Edition.for_year(finding.year).value,
    }
    templates = TEMPLATES.get(finding.code)
    if templates is None:
        text = f"{finding.code}: {', '.join(finding.cells)}" if finding.cells else finding.code
    else:
        text = templates[lang].format(**fields)
    return text + _repair_sentence(finding, lang)


def _repair_sentence(finding: Finding, lang: str) -> str:
    repairs = finding.repairs
    if lang == "zh":
        if len(repairs) == 1:
            return f"。若只有一格有误，应为 {repairs[0].cell} = {repairs[0].value}。"
        if repairs:
            listed = "；".join(str(r) for r in repairs)
            return f"。有 {len(repairs)} 种单格修正都能解释此错误，无法确定：{listed}。"
        return "。"
    if len(repairs) == 1:
        return f". If one cell is wrong, it is {repairs[0].cell} = {repairs[0].value}."
    if repairs:
        listed = "; ".join(str(r) for r in repairs)
        return f". {len(repairs)} single-cell repairs explain this equally well, cannot tell which: {listed}."
    return "."
