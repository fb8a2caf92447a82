"""What every renderer shares: which rows a report prints, the label paths, and cell text.

The labels come from the edition description (:func:`gov_disclosure.model.edition_spec`);
nothing here re-types a row or column label. The few printed words of the form that the
description prints outside rows and columns (the 信息内容 corner of section 二, 申请人情况 and
the 勾稽关系 note of section 三) come from its tables too (``TableSpec.corner`` and
``TableSpec.column_header``; they are the same in both editions).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from decimal import Decimal

import attrs

from ..model import (
    EDITIONS,
    AnnualReport,
    CellValue,
    ColumnSpec,
    Edition,
    ExtraSection,
    Placeholder,
    RowSpec,
    Section,
    TableSpec,
    Unreadable,
)
from ..prose._numerals import read_number

__all__ = [
    "APPLICANT_HEADER",
    "BALANCE_NOTE",
    "CONTENT_HEADER",
    "PATH_SEPARATOR",
    "Block",
    "Cell",
    "Line",
    "Part",
    "Slot",
    "caption_blocks",
    "cell_text",
    "column_groups",
    "metadata",
    "number_text",
    "paragraphs",
    "parts",
    "printed_lines",
    "table_slots",
]

_FORM = EDITIONS[Edition.V2021]
#: Header of the label column of every section 二 block, as the form prints it.
CONTENT_HEADER: str = _FORM.table("proactive").corner or ""
#: The spanning header over the applicant columns of section 三.
APPLICANT_HEADER: str = _FORM.table("requests").column_header or ""
#: The form's own rule, printed in the top-left corner cell of section 三.
BALANCE_NOTE: str = _FORM.table("requests").corner or ""
#: How merged labels are written out where a format has no spans (Markdown, CSV).
PATH_SEPARATOR = " › "


def number_text(value: int | Decimal) -> str:
    """A number as the publisher prints it: ``12``, ``-3``, ``71.19`` (never an exponent)."""
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def cell_text(value: CellValue) -> str:
    """The printed text of a cell: a blank is empty, a placeholder or unreadable cell its raw text."""
    if value is None:
        return ""
    if isinstance(value, (Placeholder, Unreadable)):
        return value.raw
    return number_text(value)


@attrs.frozen
class Cell:
    """One value cell of a printed row."""

    key: str
    column: ColumnSpec
    value: CellValue

    @property
    def text(self) -> str:
        """The cell as printed."""
        return cell_text(self.value)


@attrs.frozen
class Line:
    """One printed row of a table: its description, its label path, and its cells."""

    table: TableSpec
    row: RowSpec
    cells: tuple[Cell, ...]

    @property
    def path(self) -> tuple[str, ...]:
        """The spanning group labels to the left of the row, then the row's own label."""
        return (*self.row.groups, self.row.label)


def printed_lines(report: AnnualReport, table: TableSpec) -> tuple[Line, ...]:
    """The rows of ``table`` that ``report`` prints, in printed order, with their values.

    A 2021-edition report prints either （六）其他处理 as one row or its three sub-rows
    (:attr:`AnnualReport.prints_single_other_row`). A missing table gives no rows.
    """
    table_obj = getattr(report, table.key)
    if table_obj is None:
        return ()
    single = report.prints_single_other_row if report.edition is Edition.V2021 else None
    lines = []
    for row in table.rows:
        if not report.spec.row_printed(table.key, row.key, other_handling=single):
            continue
        row_obj = getattr(table_obj, row.key)
        cells = tuple(
            Cell(
                key=f"{table.key}.{row.key}.{col.key}",
                column=col,
                value=getattr(row_obj, col.key) if row_obj is not None else None,
            )
            for col in row.columns
        )
        lines.append(Line(table=table, row=row, cells=cells))
    return tuple(lines)


@attrs.frozen
class Block:
    """Consecutive section 二 rows under one caption (第二十条第（N）项) sharing their columns."""

    caption: str | None
    columns: tuple[ColumnSpec, ...]
    lines: tuple[Line, ...]


def caption_blocks(lines: Sequence[Line]) -> tuple[Block, ...]:
    """Group the rows of a table by caption, as the form prints section 二."""
    blocks: list[Block] = []
    for line in lines:
        last = blocks[-1] if blocks else None
        if last is not None and last.caption == line.row.caption and last.columns == line.row.columns:
            blocks[-1] = attrs.evolve(last, lines=(*last.lines, line))
        else:
            blocks.append(Block(caption=line.row.caption, columns=line.row.columns, lines=(line,)))
    return tuple(blocks)


def column_groups(columns: Sequence[ColumnSpec]) -> tuple[tuple[str | None, tuple[ColumnSpec, ...]], ...]:
    """Runs of consecutive columns under the same spanning header (``None``: no header)."""
    runs: list[tuple[str | None, tuple[ColumnSpec, ...]]] = []
    for col in columns:
        if runs and col.group is not None and runs[-1][0] == col.group:
            runs[-1] = (col.group, (*runs[-1][1], col))
        else:
            runs.append((col.group, (col,)))
    return tuple(runs)


@attrs.frozen
class Part:
    """One part of a report in printed order: a prose section, a table section, or an extra section.

    ``key`` is the section key (``overview`` … ``other_matters``) or ``None`` for an extra
    section; ``table`` is set for the three table sections.
    """

    key: str | None
    heading: str
    text: str | None = None
    table: TableSpec | None = None


def parts(report: AnnualReport) -> Iterator[Part]:
    """The report's sections in printed order: 一 … 六, then the extra sections.

    A prose section the report does not have is skipped; a table section is printed with
    the form's heading when the edition has the table (never for a legacy report). Where every
    heading is numbered (一、 二、 …) with distinct numbers, the numbers give the order, so that
    a legacy report's extra sections 二 … 四 come back before its 五、主要问题 as they were printed.
    """
    found = list(_parts(report))
    numbers = [_ordinal(part.heading) for part in found]
    if None not in numbers and len(set(numbers)) == len(numbers):
        found = [part for _, part in sorted(zip(numbers, found, strict=True), key=lambda pair: pair[0] or 0)]
    yield from found


def _ordinal(heading: str) -> int | None:
    """The number a heading starts with (``三、…`` → 3), else ``None``."""
    match = _ORDINAL.match(heading)
    return read_number(match.group(1)) if match else None


_ORDINAL = re.compile(r"\s*([一二三四五六七八九十]+)\s*[、.．]")


def _parts(report: AnnualReport) -> Iterator[Part]:
    tables = {t.key: t for t in report.spec.tables}
    for section in report.spec.sections:
        if section.is_table:
            table = tables.get(section.key)
            if table is not None and getattr(report, section.key) is not None:
                yield Part(key=section.key, heading=table.heading, table=table)
            continue
        prose: Section | None = getattr(report, section.key)
        if prose is not None:
            yield Part(key=section.key, heading=prose.heading, text=prose.text)
    extra: ExtraSection
    for extra in report.extra_sections:
        yield Part(key=None, heading=extra.heading, text=extra.text)


def paragraphs(text: str) -> tuple[str, ...]:
    """The paragraphs of a prose text (one per line, blank lines dropped)."""
    return tuple(line for line in text.split("\n") if line.strip())


def metadata(report: AnnualReport) -> tuple[tuple[str, str], ...]:
    """The report's metadata other than the title, as (printed label, text) pairs.

    The labels are those portal pages print above a report (发布机构, 发布日期 …); a field
    the report does not carry is left out, and so is the report year when the title states it.
    """
    out: list[tuple[str, str]] = []
    if report.agency is not None:
        out.append(("发布机构", report.agency))
    if report.year is not None and (report.title is None or f"{report.year}年" not in report.title):
        out.append(("报告年度", f"{report.year}年"))
    if report.published is not None:
        d = report.published
        out.append(("发布日期", f"{d.year:04d}年{d.month:02d}月{d.day:02d}日"))
    if report.source_url is not None:
        out.append(("原文链接", report.source_url))
    return tuple(out)


@attrs.frozen
class Slot:
    """One printed cell of a table in the form's layout, with its spans.

    ``kind`` says what it is: ``caption`` (a 第二十条 caption row), ``header`` (a column
    header), ``note`` (the 勾稽关系 corner of section 三), ``group`` (a spanning row or block
    label), ``row`` (a row label) or ``value`` (then ``cell`` is the value cell).
    """

    text: str
    rowspan: int = 1
    colspan: int = 1
    kind: str = "header"
    cell: Cell | None = None


def table_slots(report: AnnualReport, table: TableSpec) -> tuple[tuple[Slot, ...], ...]:
    """The rows of ``table`` as the form prints them, each a tuple of :class:`Slot` left to right
    (a slot covered by a span from above or the left is not repeated): section 二 in its
    captioned blocks, section 三 under its three-level header with the 勾稽关系 note in the
    corner and its group labels spanning down, section 四 in its blocks across the top."""
    lines = printed_lines(report, table)
    if table.key == "proactive":
        rows = _proactive(lines)
    elif table.key == "requests":
        rows = _requests(lines)
    else:
        rows = _review(lines)
    return tuple(tuple(row) for row in rows)


def _spans(width: int, count: int) -> list[int]:
    """Spread ``width`` grid columns over ``count`` cells; the last one takes the rest."""
    return [1] * (count - 1) + [width - count + 1]


def _proactive(lines: Sequence[Line]) -> list[list[Slot]]:
    """Section 二: per caption a caption row, the column header row, then the rows."""
    blocks = caption_blocks(lines)
    width = max((len(b.columns) for b in blocks), default=1)
    rows: list[list[Slot]] = []
    for block in blocks:
        if block.caption is not None:
            rows.append([Slot(block.caption, colspan=width + 1, kind="caption")])
        spans = _spans(width, len(block.columns))
        rows.append(
            [Slot(CONTENT_HEADER)]
            + [Slot(col.label, colspan=span) for col, span in zip(block.columns, spans, strict=True)]
        )
        for line in block.lines:
            rows.append(
                [Slot(line.row.label, kind="row")]
                + [Slot(cell.text, colspan=span, kind="value", cell=cell)
                   for cell, span in zip(line.cells, spans, strict=True)]
            )
    return rows


def _requests(lines: Sequence[Line]) -> list[list[Slot]]:
    """Section 三: the three-level header with the 勾稽关系 note in its corner, then the rows
    with their group labels as vertical (rowspan) cells."""
    if not lines:
        return []
    columns = lines[0].row.columns
    depth = max(len(line.path) for line in lines)
    groups = column_groups(columns)
    header_rows = 3 if any(name is not None for name, _cols in groups) else 2
    top = [Slot(BALANCE_NOTE, rowspan=header_rows, colspan=depth, kind="note"),
           Slot(APPLICANT_HEADER, colspan=len(columns))]
    second: list[Slot] = []
    third: list[Slot] = []
    for name, cols in groups:
        if name is None:
            second.extend(Slot(col.label, rowspan=header_rows - 1) for col in cols)
        else:
            second.append(Slot(name, colspan=len(cols)))
            third.extend(Slot(col.label) for col in cols)
    rows = [top, second] + ([third] if header_rows == 3 else [])
    for i, line in enumerate(lines):
        row: list[Slot] = []
        path = line.path
        for level, label in enumerate(path[:-1]):
            previous = lines[i - 1].path if i > 0 else ()
            if previous[: level + 1] == path[: level + 1]:
                continue  # covered by the rowspan of an earlier row
            span = 0
            for later in lines[i:]:
                if later.path[: level + 1] != path[: level + 1]:
                    break
                span += 1
            row.append(Slot(label, rowspan=span, kind="group"))
        row.append(Slot(path[-1], colspan=depth - len(path) + 1, kind="row"))
        row.extend(Slot(cell.text, kind="value", cell=cell) for cell in line.cells)
        rows.append(row)
    return rows


def _review(lines: Sequence[Line]) -> list[list[Slot]]:
    """Section 四: block headers (行政复议 | 行政诉讼 › 未经复议直接起诉 / 复议后起诉), the
    column labels, and one row of every value."""
    if not lines:
        return []
    depth = max(len(line.path) for line in lines) + 1
    rows: list[list[Slot]] = [[] for _ in range(depth)]
    for i, line in enumerate(lines):
        path = line.path
        for level, label in enumerate(path):
            previous = lines[i - 1].path if i > 0 else ()
            if previous[: level + 1] == path[: level + 1]:
                continue
            width = 0
            for later in lines[i:]:
                if later.path[: level + 1] != path[: level + 1]:
                    break
                width += len(later.cells)
            rows[level].append(Slot(label, colspan=width, kind="group"))
        rows[len(path)].extend(Slot(cell.column.label, rowspan=depth - len(path)) for cell in line.cells)
    rows.append([Slot(cell.text, kind="value", cell=cell) for line in lines for cell in line.cells])
    return rows
