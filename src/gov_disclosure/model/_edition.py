"""The declarative description of each edition of the national form.

Everything that knows which rows, columns, labels and sums an edition has reads it from
here: the model's ``cells()``, the parsers' label matching, the renderers' layouts and the
checker's relations. The keys and labels themselves live on the table classes
(:mod:`._tables`); this module arranges them per edition and adds the sections and sums.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator, Mapping
from functools import cache
from types import MappingProxyType

import attrs

from ._tables import (
    META,
    ColumnMeta,
    Proactive2019,
    Proactive2021,
    Requests,
    ReviewLitigation,
    RowMeta,
)
from ._values import ColumnKind

__all__ = [
    "EDITIONS",
    "ColumnSpec",
    "Edition",
    "EditionSpec",
    "Relation",
    "RowSpec",
    "SectionSpec",
    "TableSpec",
    "edition_spec",
]


class Edition(str, enum.Enum):
    """The edition of the national format a report follows (``Edition("2021")`` works)."""

    V2019 = "2019"
    """国办公开办函〔2019〕60号 (试行), report years 2019–2020."""
    V2021 = "2021"
    """国办公开办函〔2021〕30号, report years 2021 onward."""
    LEGACY = "legacy"
    """Pre-2019 reports: no national table; metadata and prose only."""

    def __str__(self) -> str:
        return self.value

    @classmethod
    def for_year(cls, year: int) -> Edition:
        """The edition a report of ``year`` should use."""
        if year <= 2018:
            return cls.LEGACY
        return cls.V2019 if year <= 2020 else cls.V2021


@attrs.frozen
class ColumnSpec:
    """A column: its stable key and how it is printed."""

    key: str
    label: str
    kind: ColumnKind
    aliases: tuple[str, ...] = ()
    group: str | None = None


@attrs.frozen
class RowSpec:
    """A row of a table in one edition, with its columns (stable keys in printed order)."""

    key: str
    label: str
    columns: tuple[ColumnSpec, ...]
    aliases: tuple[str, ...] = ()
    caption: str | None = None
    groups: tuple[str, ...] = ()
    optional: bool = False
    row_class: type = object

    def cell_keys(self, table: str) -> tuple[str, ...]:
        """The stable keys of this row's cells (``requests.granted.total`` …)."""
        return tuple(f"{table}.{self.key}.{c.key}" for c in self.columns)


@attrs.frozen
class TableSpec:
    """A table of one edition: ``proactive``, ``requests`` or ``review_litigation``."""

    key: str
    heading: str
    rows: tuple[RowSpec, ...]
    table_class: type
    corner: str | None = None
    """The top-left header cell as the form prints it (信息内容; section 三's 勾稽关系 note)."""
    column_header: str | None = None
    """The header spanning every value column, when the form prints one (申请人情况)."""

    def row(self, key: str) -> RowSpec:
        """The row with this key; ``KeyError`` when the edition has none."""
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    @property
    def columns(self) -> tuple[ColumnSpec, ...]:
        """Every distinct column of the table, in first-printed order."""
        seen: dict[str, ColumnSpec] = {}
        for row in self.rows:
            for col in row.columns:
                seen.setdefault(col.key, col)
        return tuple(seen.values())


@attrs.frozen
class SectionSpec:
    """One of the six sections: its key, the heading as the form prints it, and the words
    that identify it when the heading is reworded, renumbered or typo'd."""

    key: str
    heading: str
    keywords: tuple[tuple[str, ...], ...]
    """Alternatives; each is a tuple of words that must all appear in the heading."""
    is_table: bool


@attrs.frozen
class Relation:
    """A sum the form requires: ``sum(lhs) == sum(rhs)`` over cells named by stable key.

    For the usual "total = sum of parts" shape, ``lhs`` is the single total cell.
    ``scope`` names the column, row or block the relation is about.
    """

    code: str
    lhs: tuple[str, ...]
    rhs: tuple[str, ...]
    scope: str

    @property
    def cells(self) -> tuple[str, ...]:
        """Every cell of the relation, left side first."""
        return self.lhs + self.rhs


@attrs.frozen
class EditionSpec:
    """Everything about one edition: sections, tables, their rows and columns, and sums."""

    edition: Edition
    document: str
    sections: tuple[SectionSpec, ...]
    tables: tuple[TableSpec, ...]

    def table(self, key: str) -> TableSpec:
        """The table with this key; ``KeyError`` when the edition has none (legacy)."""
        for table in self.tables:
            if table.key == key:
                return table
        raise KeyError(key)

    def cell_keys(self, *, other_handling: bool | None = None) -> tuple[str, ...]:
        """Every stable cell key of the edition, in printed order.

        ``other_handling`` (2021 edition only): include ``requests.other_handling.*`` for a
        report that prints （六） as a single row. Default: only where the edition's form
        prints that row (the 2019 edition).
        """
        return tuple(key for _table, _row, key in self.iter_cells(other_handling=other_handling))

    def iter_cells(self, *, other_handling: bool | None = None) -> Iterator[tuple[TableSpec, RowSpec, str]]:
        """(table, row, stable key) for every cell, in printed order."""
        for table in self.tables:
            for row in table.rows:
                if not self.row_printed(table.key, row.key, other_handling=other_handling):
                    continue
                for col in row.columns:
                    yield table, row, f"{table.key}.{row.key}.{col.key}"

    def row_printed(self, table: str, row: str, *, other_handling: bool | None = None) -> bool:
        """Whether a report of this edition prints the row (see :meth:`cell_keys`)."""
        if table != "requests" or self.edition is not Edition.V2021:
            return True
        if row == "other_handling":
            return bool(other_handling)
        if row in _OTHER_SUBROWS:
            return not other_handling
        return True

    def relations(self, *, other_handling: bool | None = None) -> tuple[Relation, ...]:
        """Every in-report sum of the edition (T3.BALANCE, T3.RESULT_SUM, T3.ROW_TOTAL, T4.BLOCK_SUM).

        ``other_handling``: for a 2021-edition report that prints （六） as one row, the
        result sum takes that row instead of the three sub-rows.
        """
        if self.edition is Edition.LEGACY:
            return ()
        return _relations(self.edition, bool(other_handling) or self.edition is Edition.V2019)


_OTHER_SUBROWS = ("other_no_correction", "other_no_fee_paid", "other_other")
_RESULT_ROWS_HEAD = (
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
)


def _columns(row_class: type) -> tuple[ColumnSpec, ...]:
    cols = []
    for field in attrs.fields(row_class):
        meta: ColumnMeta = field.metadata[META]
        cols.append(ColumnSpec(key=field.name, label=meta.label, kind=meta.kind, aliases=meta.aliases,
                               group=meta.group))
    return tuple(cols)


def _rows(table_class: type, edition: Edition) -> tuple[RowSpec, ...]:
    rows = []
    hints = attrs.resolve_types(table_class)
    for field in attrs.fields(hints):
        meta: RowMeta = field.metadata[META]
        if meta.editions is not None and edition.value not in meta.editions:
            continue
        row_class = _row_class(field.type)
        optional = meta.optional and not (field.name == "other_handling" and edition is Edition.V2019)
        rows.append(
            RowSpec(
                key=field.name,
                label=meta.label,
                columns=_columns(row_class),
                aliases=meta.aliases,
                caption=meta.caption,
                groups=meta.groups,
                optional=optional,
                row_class=row_class,
            )
        )
    return tuple(rows)


def _row_class(annotation: object) -> type:
    args = getattr(annotation, "__args__", None)
    if args:
        for arg in args:
            if arg is not type(None) and isinstance(arg, type):
                return arg
    if isinstance(annotation, type):
        return annotation
    raise TypeError(f"cannot find the row class of {annotation!r}")  # pragma: no cover - programming error


_SECTIONS = (
    SectionSpec("overview", "一、总体情况", (("总体情况",), ("总体", "情况"), ("基本情况",)), False),
    SectionSpec("proactive", "二、主动公开政府信息情况", (("主动公开",),), True),
    SectionSpec(
        "requests",
        "三、收到和处理政府信息公开申请情况",
        (("收到", "申请"), ("处理", "申请"), ("依申请",)),
        True,
    ),
    SectionSpec(
        "review_litigation",
        "四、政府信息公开行政复议、行政诉讼情况",
        (("行政复议",), ("复议",), ("行政诉讼",), ("诉讼",)),
        True,
    ),
    SectionSpec(
        "problems", "五、存在的主要问题及改进情况", (("存在", "问题"), ("问题", "改进"), ("问题", "整改")), False
    ),
    SectionSpec("other_matters", "六、其他需要报告的事项", (("其他", "事项"), ("其它", "事项")), False),
)


@cache
def _relations(edition: Edition, single_other_row: bool) -> tuple[Relation, ...]:
    spec = EDITIONS[edition]
    requests = spec.table("requests")
    columns = [c.key for c in requests.rows[0].columns]
    applicant = [c for c in columns if c != "total"]
    rels: list[Relation] = []
    for col in columns:
        rels.append(
            Relation(
                "T3.BALANCE",
                (f"requests.new_received.{col}", f"requests.carried_over.{col}"),
                (f"requests.total_handled.{col}", f"requests.carried_forward.{col}"),
                scope=f"requests.*.{col}",
            )
        )
    other_rows = ("other_handling",) if single_other_row else _OTHER_SUBROWS
    result_rows = _RESULT_ROWS_HEAD + other_rows
    for col in columns:
        rels.append(
            Relation(
                "T3.RESULT_SUM",
                (f"requests.total_handled.{col}",),
                tuple(f"requests.{r}.{col}" for r in result_rows),
                scope=f"requests.*.{col}",
            )
        )
    for row in requests.rows:
        if row.key == "other_handling" and not single_other_row:
            continue
        if row.key in _OTHER_SUBROWS and single_other_row:
            continue
        rels.append(
            Relation(
                "T3.ROW_TOTAL",
                (f"requests.{row.key}.total",),
                tuple(f"requests.{row.key}.{c}" for c in applicant),
                scope=f"requests.{row.key}",
            )
        )
    review = spec.table("review_litigation")
    for block in review.rows:
        parts = [c.key for c in block.columns if c.key != "total"]
        rels.append(
            Relation(
                "T4.BLOCK_SUM",
                (f"review_litigation.{block.key}.total",),
                tuple(f"review_litigation.{block.key}.{c}" for c in parts),
                scope=f"review_litigation.{block.key}",
            )
        )
    return tuple(rels)


def _tables(edition: Edition) -> tuple[TableSpec, ...]:
    if edition is Edition.LEGACY:
        return ()
    proactive = Proactive2019 if edition is Edition.V2019 else Proactive2021
    heading = {s.key: s.heading for s in _SECTIONS}
    return (
        TableSpec("proactive", heading["proactive"], _rows(proactive, edition), proactive, corner="信息内容"),
        TableSpec(
            "requests",
            heading["requests"],
            _rows(Requests, edition),
            Requests,
            corner="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
            column_header="申请人情况",
        ),
        TableSpec("review_litigation", heading["review_litigation"], _rows(ReviewLitigation, edition),
                  ReviewLitigation),
    )


_DOCUMENTS = {
    Edition.V2019: "国办公开办函〔2019〕60号《中华人民共和国政府信息公开工作年度报告格式（试行）》",
    Edition.V2021: "国办公开办函〔2021〕30号《中华人民共和国政府信息公开工作年度报告格式》",
    Edition.LEGACY: "no national format (2007 条例)",
}

#: The description of every edition, by :class:`Edition`.
EDITIONS: Mapping[Edition, EditionSpec] = MappingProxyType(
    {ed: EditionSpec(edition=ed, document=_DOCUMENTS[ed], sections=_SECTIONS, tables=_tables(ed)) for ed in Edition}
)


def edition_spec(edition: Edition | str) -> EditionSpec:
    """The :class:`EditionSpec` of an edition (``"2019"``, ``"2021"``, ``"legacy"``)."""
    return EDITIONS[Edition(edition)]
