"""The 信息处理费 statement of section 六 as data: :class:`FeeStatement` and :func:`fee_statement`.

Since 2021 the fee for processing a disclosure request (国办函〔2020〕109号) is what section 六
reports in practice: "无收取信息处理费情况", "未收取信息处理费", "收取信息处理费3件，共计1200元".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

import attrs

from ..model import AnnualReport
from ._claims import _compact, split_sentences
from ._numerals import NUMBER, read_number, to_halfwidth

__all__ = ["FeeStatement", "fee_statement", "mentions_fee"]


@attrs.frozen
class FeeStatement:
    """What the report says about the 信息处理费 it charged.

    ``charged`` is ``False`` when the report says none was charged (未收取, 无收取…情况,
    收取0元), ``True`` when it states a charge. ``amount_yuan`` is the total in 元 when stated
    (``None`` otherwise; ``Decimal("0")`` for "收取信息处理费0元"); ``cases`` the number of
    requests charged, when stated. ``sentence`` is the sentence that says it, and ``section``
    where it stands (``"other_matters"`` or ``"extra_sections.N"``).
    """

    charged: bool
    sentence: str
    section: str
    amount_yuan: Decimal | None = None
    cases: int | None = None


#: A sentence about the disclosure fee (not about 行政事业性收费, the section 二 row).
_FEE_TOPIC = re.compile(r"信息处理费|处理费|收费通知|(?:收取|收缴)(?:任何)?(?:的)?费用|(?<!事业性)收费")
_NONE_CHARGED = re.compile(
    r"(?:无|未|没有|不存在|均未|并未|未曾|暂无|不涉及|无需|未发生|不曾)[^，。；]{0,8}?(?:收取|收缴|收费)"
    r"|免(?:于|予)?(?:收取|收缴|收)"
    r"|(?:收取|收缴)[^，。；\d０-９]{0,10}?(?:情况|行为)?(?:为)?(?:无|零)(?![^，。；]{0,2}[\d０-９])"
)
_AMOUNT = re.compile(rf"(?P<n>{NUMBER})\s*(?P<unit>万元|元)")
_CASES = re.compile(rf"(?P<n>{NUMBER})\s*(?:件|笔|次|宗)")
_NOTICE = re.compile(r"收费通知|通知书")


def mentions_fee(text: str) -> bool:
    """True when ``text`` speaks of the disclosure fee at all (信息处理费, 收费通知, 收取费用…)."""
    compact, _ = _compact(text)
    return bool(_FEE_TOPIC.search(compact))


def _decimal(raw: str) -> Decimal | None:
    raw = to_halfwidth(raw).replace(",", "").strip()
    if raw[:1].isdigit():
        try:
            return Decimal(raw)
        except InvalidOperation:
            return None
    value = read_number(raw)
    return None if value is None else Decimal(value)


def _fee_texts(report: AnnualReport) -> Iterator[tuple[str, str]]:
    if report.other_matters is not None and report.other_matters.text:
        yield "other_matters", report.other_matters.text
    for i, extra in enumerate(report.extra_sections):
        if extra.text:
            yield f"extra_sections.{i}", extra.text


def _read(sentence: str) -> tuple[bool | None, Decimal | None, int | None]:
    """(charged, amount in 元, cases) of one sentence about the fee; charged ``None`` when it cannot tell."""
    amount: Decimal | None = None
    for m in _AMOUNT.finditer(sentence):
        got = _decimal(m.group("n").replace("万", ""))
        if got is not None:
            scale = Decimal(10_000) if m.group("unit") == "万元" or m.group("n").endswith("万") else Decimal(1)
            amount = (amount or Decimal(0)) + got * scale
    cases: int | None = None
    for m in _CASES.finditer(sentence):
        before = sentence[max(0, m.start() - 8) : m.start()]
        if _NOTICE.search(before) and "收取" not in before:
            continue  # 发出收费通知N件 counts notices, not charges
        cases = read_number(m.group("n"))
        break
    if amount is not None and amount > 0:
        return True, amount, cases
    if cases is not None and cases > 0 and "收取" in sentence and not _NONE_CHARGED.search(sentence):
        return True, amount, cases
    if _NONE_CHARGED.search(sentence) or amount == 0 or cases == 0:
        return False, amount, cases
    return None, amount, cases


def fee_statement(report: AnnualReport) -> FeeStatement | None:
    """What section 六 (or a section after it) says about the 信息处理费; ``None`` when it says nothing.

    The first sentence that says whether a fee was charged counts. A sentence that names the
    fee but says neither (依规收取信息处理费, no amount) is not read as either: when nothing
    else is said, the result is ``None`` (and :func:`mentions_fee` tells it apart from silence).

    >>> from gov_disclosure import AnnualReport, Section
    >>> six = Section("六、其他需要报告的事项", "2022年，无收取信息处理费情况。")
    >>> r = AnnualReport.empty("2021", other_matters=six)
    >>> fee_statement(r).charged
    False
    >>> r = AnnualReport.empty("2021", other_matters=Section("六、其他需要报告的事项",
    ...     "本年度收取信息处理费3件，共计1200元。"))
    >>> s = fee_statement(r); (s.charged, s.amount_yuan, s.cases)
    (True, Decimal('1200'), 3)
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"fee_statement() takes an AnnualReport, not {type(report).__name__}")
    for section, text in _fee_texts(report):
        compact, where = _compact(text)
        for start, end in split_sentences(compact):
            sentence = compact[start:end]
            if not _FEE_TOPIC.search(sentence):
                continue
            charged, amount, cases = _read(sentence)
            if charged is None:
                continue
            original = text[where[start] : where[end - 1] + 1].strip()
            return FeeStatement(charged=charged, sentence=original, section=section, amount_yuan=amount, cases=cases)
    return None
