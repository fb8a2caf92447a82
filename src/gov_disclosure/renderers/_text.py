"""Plain text for a terminal: headings, paragraphs, and tables aligned by display width.

A CJK character takes two terminal columns (``unicodedata.east_asian_width`` W or F).
Every table line is a label followed by its values, separated by at least two spaces and
right-aligned under their column headers; a spanning group label (三、本年度办理结果,
（三）不予公开) is printed on a line of its own above its rows, indented like the form.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ..model import AnnualReport, TableSpec
from ._layout import (
    APPLICANT_HEADER,
    BALANCE_NOTE,
    CONTENT_HEADER,
    Line,
    caption_blocks,
    column_groups,
    metadata,
    paragraphs,
    parts,
    printed_lines,
)

__all__ = ["display_width", "render_text"]

_GAP = "  "
_INDENT = "  "


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide and full-width characters, none for combining marks."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def _ljust(text: str, width: int) -> str:
    return text + " " * max(0, width - display_width(text))


def _rjust(text: str, width: int) -> str:
    return " " * max(0, width - display_width(text)) + text


def render_text(report: AnnualReport) -> str:
    """The report as aligned plain text."""
    out: list[str] = []
    if report.title is not None:
        out.append(report.title)
    meta = metadata(report)
    if meta:
        out.append("\n".join(f"{label}：{text}" for label, text in meta))
    if report.intro:
        out.append("\n".join(paragraphs(report.intro)))
    for part in parts(report):
        if part.table is not None:
            out.append(part.heading + "\n" + _table(report, part.table))
        elif part.text:
            out.append(part.heading + "\n" + "\n".join(paragraphs(part.text)))
        else:
            out.append(part.heading)
    return "\n\n".join(out) + "\n"


def _grid(rows: Sequence[tuple[str, Sequence[str] | None]]) -> str:
    """Lay out (label, values) rows: labels left-aligned, values right-aligned in columns.

    A row whose values are ``None`` is a label line of its own (a caption or a group).
    """
    label_width = max((display_width(label) for label, values in rows if values is not None), default=0)
    count = max((len(values) for _label, values in rows if values is not None), default=0)
    widths = [0] * count
    for _label, values in rows:
        for i, text in enumerate(values or ()):
            widths[i] = max(widths[i], display_width(text))
    lines = []
    for label, values in rows:
        if values is None:
            lines.append(label)
            continue
        cells = [_rjust(text, widths[i]) for i, text in enumerate(values)]
        lines.append((_ljust(label, label_width) + _GAP + _GAP.join(cells)).rstrip())
    return "\n".join(lines)


def _table(report: AnnualReport, table: TableSpec) -> str:
    lines = printed_lines(report, table)
    if not lines:
        return ""
    if table.key == "proactive":
        return "\n\n".join(_proactive_block(b.caption, b.lines) for b in caption_blocks(lines))
    if table.key == "requests":
        return _requests(lines)
    return _review(lines)


def _proactive_block(caption: str | None, lines: Sequence[Line]) -> str:
    rows: list[tuple[str, Sequence[str] | None]] = []
    if caption is not None:
        rows.append((caption, None))
    rows.append((CONTENT_HEADER, [c.column.label for c in lines[0].cells]))
    rows.extend((line.row.label, [c.text for c in line.cells]) for line in lines)
    return _grid(rows)


def _requests(lines: Sequence[Line]) -> str:
    columns = lines[0].row.columns
    groups = ", ".join(f"{name}：{'、'.join(c.label for c in cols)}" for name, cols in column_groups(columns) if name)
    rows: list[tuple[str, Sequence[str] | None]] = [(BALANCE_NOTE, None)]
    if groups:
        rows.append((f"{APPLICANT_HEADER}（{groups}）", None))
    rows.append(("", [c.label for c in columns]))
    previous: tuple[str, ...] = ()
    for line in lines:
        path = line.path
        for level, group in enumerate(path[:-1]):
            if previous[: level + 1] != path[: level + 1]:
                rows.append((_INDENT * level + group, None))
        rows.append((_INDENT * (len(path) - 1) + path[-1], [c.text for c in line.cells]))
        previous = path
    return _grid(rows)


def _review(lines: Sequence[Line]) -> str:
    # 行政诉讼（未经复议直接起诉）: the block's group, then its own label in brackets.
    heads = [line.path[0] + "".join(f"（{label}）" for label in line.path[1:]) for line in lines]
    labels = [c.column.label for line in lines for c in line.cells]
    values = [c.text for line in lines for c in line.cells]
    width = max(display_width(t) for t in labels + values)
    blocks = _GAP.join(
        _ljust(head, (width + len(_GAP)) * len(line.cells) - len(_GAP)) for head, line in zip(heads, lines, strict=True)
    )
    return "\n".join(
        [
            blocks.rstrip(),
            _GAP.join(_rjust(t, width) for t in labels),
            _GAP.join(_rjust(t, width) for t in values).rstrip(),
        ]
    )
