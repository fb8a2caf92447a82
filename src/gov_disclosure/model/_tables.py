"""The three statistical tables, as typed frozen classes.

The attribute names are the stable keys of FORMAT.md; each field's metadata carries the
label as printed on the official form and the variants seen in real reports. This module is
the single place where keys and labels are written: :mod:`gov_disclosure.model._edition`
reads it to describe each edition for the parsers, renderers and checks.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cache
from typing import Any, TypeVar

import attrs

from ._values import ColumnKind, CountValue, MoneyValue, Placeholder, Unreadable

__all__ = [
    "META",
    "AmountRow2021",
    "ColumnMeta",
    "DecisionsRow2021",
    "DocumentsRow2019",
    "DocumentsRow2021",
    "FeesRow2019",
    "ItemsRow2019",
    "Proactive2019",
    "Proactive2021",
    "ProcurementRow2019",
    "Requests",
    "RequestsRow",
    "ReviewBlock",
    "ReviewLitigation",
    "RowMeta",
]

META = "gov_disclosure"


@attrs.frozen
class ColumnMeta:
    """How a column is printed: its label, variants seen in real reports, and its kind."""

    label: str
    kind: ColumnKind = ColumnKind.COUNT
    aliases: tuple[str, ...] = ()
    group: str | None = None
    """The spanning header above the column, if the form prints one (法人或其他组织)."""


@attrs.frozen
class RowMeta:
    """How a row (or a block) is printed.

    ``caption`` is the proactive table caption (第二十条第（N）项) the row sits under;
    ``groups`` the spanning labels to its left (三、本年度办理结果 › （三）不予公开);
    ``editions`` the editions whose form prints the row (``None``: every edition).
    """

    label: str
    aliases: tuple[str, ...] = ()
    caption: str | None = None
    groups: tuple[str, ...] = ()
    editions: frozenset[str] | None = None
    optional: bool = False
    """The row may be absent (``None``) within its edition — see ``Requests.other_handling``."""


def _check_count(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or type(value) is int:  # the usual cells first: this runs for every cell built
        return
    if isinstance(value, (Placeholder, Unreadable)):
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{attribute.name} must be an int, a Placeholder, Unreadable or None, not {value!r}")


def _check_money(_inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or isinstance(value, (Placeholder, Unreadable)):
        return
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{attribute.name} must be a finite Decimal, a Placeholder, Unreadable or None, not {value!r}")


_Row = TypeVar("_Row")


@cache
def row_maker(cls: type[_Row]) -> Callable[..., _Row]:
    """A constructor of the row class ``cls`` (a class of this module whose fields are all counts
    and amounts) taking its values in field order, for a parser's builder that makes one per
    printed row: values that are plainly valid (``None``, an ``int`` of a count column, a finite
    ``Decimal`` of an amount column) are set without attrs' ``__init__`` and validators; any other
    value goes to ``cls`` itself, which validates (and raises) as always. Made once per class, as
    attrs makes ``__init__``: the fields' tests and assignments written out, no loop per value."""
    fields = attrs.fields(cls)  # type: ignore[arg-type]  # an attrs class of this module
    names = [f"v{i}" for i in range(len(fields))]
    scope: dict[str, Any] = {"_new": object.__new__, "_cls": cls, "_Decimal": Decimal}
    tests = []
    sets = []
    for i, (name, field) in enumerate(zip(names, fields, strict=True)):
        if field.validator is _check_count:
            tests.append(f"({name} is None or type({name}) is int)")
        elif field.validator is _check_money:
            tests.append(f"({name} is None or (type({name}) is _Decimal and {name}.is_finite()))")
        else:
            raise TypeError(f"{cls.__name__}.{field.name} is neither a count nor an amount")
        scope[f"_set{i}"] = cls.__dict__[field.name].__set__  # the slot's own setter: frozen guards setattr only
        sets.append(f"        _set{i}(row, {name})")
    args = ", ".join(names)
    source = "\n".join([
        f"def make({args}):",
        f"    if {' and '.join(tests)}:",
        "        row = _new(_cls)",
        *sets,
        "        return row",
        f"    return _cls({args})",
    ])
    exec(compile(source, f"<row_maker {cls.__qualname__}>", "exec"), scope)  # the source: built above from field names
    maker: Callable[..., _Row] = scope["make"]
    return maker


def _count(label: str, *aliases: str, kind: ColumnKind = ColumnKind.COUNT, group: str | None = None) -> Any:
    return attrs.field(
        default=None,
        validator=_check_count,
        metadata={META: ColumnMeta(label=label, kind=kind, aliases=aliases, group=group)},
    )


def _money(label: str, *aliases: str) -> Any:
    return attrs.field(
        default=None,
        validator=_check_money,
        metadata={META: ColumnMeta(label=label, kind=ColumnKind.MONEY, aliases=aliases)},
    )


def _row(cls: type, label: str, *aliases: str, caption: str | None = None, groups: tuple[str, ...] = (),
         editions: frozenset[str] | None = None, optional: bool = False) -> Any:
    meta = RowMeta(label=label, aliases=aliases, caption=caption, groups=groups, editions=editions,
                   optional=optional)
    if optional:
        return attrs.field(default=None, metadata={META: meta})
    return attrs.field(factory=cls, metadata={META: meta})


# ---------------------------------------------------------------- section 二, 2019 edition

_C1 = "第二十条第（一）项"
_C5 = "第二十条第（五）项"
_C6 = "第二十条第（六）项"
_C8 = "第二十条第（八）项"
_C9 = "第二十条第（九）项"
_ITEMS = ("上一年项目数量", "本年增/减", "处理决定数量")


@attrs.frozen
class DocumentsRow2019:
    """规章 / 规范性文件 under 第二十条第（一）项, 2019 edition. ``None`` is a blank cell."""

    new_made: CountValue = _count("本年新制作数量")
    new_published: CountValue = _count("本年新公开数量")
    total_published: CountValue = _count("对外公开总数量")


@attrs.frozen
class ItemsRow2019:
    """A 第二十条第（五）/（六）项 row, 2019 edition. ``None`` is a blank cell."""

    prior_year_items: CountValue = _count(_ITEMS[0], "上年项目数量")
    change: CountValue = _count(_ITEMS[1], "本年增减", kind=ColumnKind.SIGNED)
    decisions: CountValue = _count(_ITEMS[2], "本年处理决定数量")


@attrs.frozen
class FeesRow2019:
    """行政事业性收费 under 第二十条第（八）项, 2019 edition. ``None`` is a blank cell."""

    prior_year_items: CountValue = _count(_ITEMS[0], "上年项目数量")
    change: CountValue = _count(_ITEMS[1], "本年增减", kind=ColumnKind.SIGNED)


@attrs.frozen
class ProcurementRow2019:
    """政府集中采购 under 第二十条第（九）项, 2019 edition. ``None`` is a blank cell."""

    projects: CountValue = _count("采购项目数量")
    amount: MoneyValue = _money("采购总金额", "采购总金额（万元）")


@attrs.frozen
class Proactive2019:
    """Section 二 (主动公开政府信息情况), 2019 edition."""

    regulations: DocumentsRow2019 = _row(DocumentsRow2019, "规章", caption=_C1)
    normative_documents: DocumentsRow2019 = _row(DocumentsRow2019, "规范性文件", "行政规范性文件", caption=_C1)
    licensing: ItemsRow2019 = _row(ItemsRow2019, "行政许可", caption=_C5)
    other_services: ItemsRow2019 = _row(ItemsRow2019, "其他对外管理服务事项", caption=_C5)
    penalties: ItemsRow2019 = _row(ItemsRow2019, "行政处罚", caption=_C6)
    coercion: ItemsRow2019 = _row(ItemsRow2019, "行政强制", caption=_C6)
    admin_fees: FeesRow2019 = _row(FeesRow2019, "行政事业性收费", caption=_C8)
    central_procurement: ProcurementRow2019 = _row(ProcurementRow2019, "政府集中采购", caption=_C9)


# ---------------------------------------------------------------- section 二, 2021 edition


@attrs.frozen
class DocumentsRow2021:
    """规章 / 行政规范性文件 under 第二十条第（一）项, 2021 edition. ``None`` is a blank cell."""

    issued: CountValue = _count("本年制发件数", "本年新制发件数")
    repealed: CountValue = _count("本年废止件数")
    in_force: CountValue = _count("现行有效件数")


@attrs.frozen
class DecisionsRow2021:
    """A 第二十条第（五）/（六）项 row, 2021 edition. ``None`` is a blank cell."""

    decisions: CountValue = _count("本年处理决定数量")


@attrs.frozen
class AmountRow2021:
    """行政事业性收费 under 第二十条第（八）项, 2021 edition (万元). ``None`` is a blank cell."""

    amount: MoneyValue = _money("本年收费金额（单位：万元）", "本年收费金额", "收费金额（万元）")


@attrs.frozen
class Proactive2021:
    """Section 二 (主动公开政府信息情况), 2021 edition."""

    regulations: DocumentsRow2021 = _row(DocumentsRow2021, "规章", caption=_C1)
    normative_documents: DocumentsRow2021 = _row(DocumentsRow2021, "行政规范性文件", "规范性文件", caption=_C1)
    licensing: DecisionsRow2021 = _row(DecisionsRow2021, "行政许可", caption=_C5)
    penalties: DecisionsRow2021 = _row(DecisionsRow2021, "行政处罚", caption=_C6)
    coercion: DecisionsRow2021 = _row(DecisionsRow2021, "行政强制", caption=_C6)
    admin_fees: AmountRow2021 = _row(AmountRow2021, "行政事业性收费", caption=_C8)


# ---------------------------------------------------------------- section 三

_LEGAL = "法人或其他组织"


@attrs.frozen
class RequestsRow:
    """One row of section 三: the six applicant columns and 总计. ``None`` is a blank cell."""

    natural_person: CountValue = _count("自然人")
    commercial: CountValue = _count("商业企业", group=_LEGAL)
    research: CountValue = _count("科研机构", group=_LEGAL)
    social_welfare: CountValue = _count("社会公益组织", group=_LEGAL)
    legal_service: CountValue = _count("法律服务机构", group=_LEGAL)
    other: CountValue = _count("其他", group=_LEGAL)
    total: CountValue = _count("总计", "合计")


_RESULTS = "三、本年度办理结果"
_G_WITHHELD = (_RESULTS, "（三）不予公开")
_G_UNAVAILABLE = (_RESULTS, "（四）无法提供")
_G_REJECTED = (_RESULTS, "（五）不予处理")
_G_OTHER = (_RESULTS, "（六）其他处理")
_E2021 = frozenset({"2021"})


@attrs.frozen
class Requests:
    """Section 三 (收到和处理政府信息公开申请情况): rows × applicant columns.

    Both editions share this class. The 2019 edition prints （六）其他处理 as one row
    (``other_handling``) and never the three 2021 sub-rows, which stay ``None`` there. The
    2021 edition prints the sub-rows; ``other_handling`` is ``None`` unless the report still
    prints （六） as a single row, as some real 2021-edition reports do.
    """

    new_received: RequestsRow = _row(RequestsRow, "一、本年新收政府信息公开申请数量")
    carried_over: RequestsRow = _row(RequestsRow, "二、上年结转政府信息公开申请数量")
    granted: RequestsRow = _row(RequestsRow, "（一）予以公开", groups=(_RESULTS,))
    partially_granted: RequestsRow = _row(
        RequestsRow, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开", groups=(_RESULTS,)
    )
    withheld_state_secret: RequestsRow = _row(RequestsRow, "1.属于国家秘密", groups=_G_WITHHELD)
    withheld_prohibited_by_law: RequestsRow = _row(
        RequestsRow, "2.其他法律行政法规禁止公开", "2.其他法律行政止公开", "2.法律行政法规禁止公开", groups=_G_WITHHELD
    )
    withheld_security_stability: RequestsRow = _row(
        RequestsRow, "3.危及“三安全一稳定”", "3.危及三安全一稳定", groups=_G_WITHHELD
    )
    withheld_third_party: RequestsRow = _row(RequestsRow, "4.保护第三方合法权益", groups=_G_WITHHELD)
    withheld_internal_affairs: RequestsRow = _row(RequestsRow, "5.属于三类内部事务信息", groups=_G_WITHHELD)
    withheld_process_info: RequestsRow = _row(RequestsRow, "6.属于四类过程性信息", groups=_G_WITHHELD)
    withheld_enforcement_file: RequestsRow = _row(RequestsRow, "7.属于行政执法案卷", groups=_G_WITHHELD)
    withheld_inquiry: RequestsRow = _row(RequestsRow, "8.属于行政查询事项", groups=_G_WITHHELD)
    unavailable_not_held: RequestsRow = _row(RequestsRow, "1.本机关不掌握相关政府信息", groups=_G_UNAVAILABLE)
    unavailable_needs_creation: RequestsRow = _row(
        RequestsRow, "2.没有现成信息需要另行制作", groups=_G_UNAVAILABLE
    )
    unavailable_unclear: RequestsRow = _row(RequestsRow, "3.补正后申请内容仍不明确", groups=_G_UNAVAILABLE)
    rejected_petition: RequestsRow = _row(RequestsRow, "1.信访举报投诉类申请", groups=_G_REJECTED)
    rejected_duplicate: RequestsRow = _row(RequestsRow, "2.重复申请", groups=_G_REJECTED)
    rejected_publication: RequestsRow = _row(RequestsRow, "3.要求提供公开出版物", groups=_G_REJECTED)
    rejected_excessive: RequestsRow = _row(RequestsRow, "4.无正当理由大量反复申请", groups=_G_REJECTED)
    rejected_confirmation: RequestsRow = _row(
        RequestsRow, "5.要求行政机关确认或重新出具已获取信息", groups=_G_REJECTED
    )
    other_handling: RequestsRow | None = _row(RequestsRow, "（六）其他处理", groups=(_RESULTS,), optional=True)
    other_no_correction: RequestsRow | None = _row(
        RequestsRow,
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "1.申请人无正当理由逾期不补正",
        groups=_G_OTHER,
        editions=_E2021,
        optional=True,
    )
    other_no_fee_paid: RequestsRow | None = _row(
        RequestsRow,
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用",
        groups=_G_OTHER,
        editions=_E2021,
        optional=True,
    )
    other_other: RequestsRow | None = _row(RequestsRow, "3.其他", groups=_G_OTHER, editions=_E2021, optional=True)
    total_handled: RequestsRow = _row(RequestsRow, "（七）总计", groups=(_RESULTS,))
    carried_forward: RequestsRow = _row(RequestsRow, "四、结转下年度继续办理")


# ---------------------------------------------------------------- section 四


@attrs.frozen
class ReviewBlock:
    """One block of section 四: four results and their 总计. ``None`` is a blank cell."""

    upheld: CountValue = _count("结果维持")
    corrected: CountValue = _count("结果纠正")
    other: CountValue = _count("其他结果")
    pending: CountValue = _count("尚未审结")
    total: CountValue = _count("总计", "合计")


@attrs.frozen
class ReviewLitigation:
    """Section 四 (行政复议、行政诉讼情况): three blocks of five."""

    review: ReviewBlock = _row(ReviewBlock, "行政复议")
    litigation_direct: ReviewBlock = _row(ReviewBlock, "未经复议直接起诉", groups=("行政诉讼",))
    litigation_after_review: ReviewBlock = _row(ReviewBlock, "复议后起诉", groups=("行政诉讼",))
