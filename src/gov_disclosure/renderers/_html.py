"""HTML: the report in the official table layout of its edition, as a fragment or a page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from html import escape
from typing import Any

from ..model import AnnualReport, Placeholder, TableSpec, Unreadable
from ._layout import (
    APPLICANT_HEADER,
    BALANCE_NOTE,
    CONTENT_HEADER,
    Cell,
    Line,
    caption_blocks,
    column_groups,
    metadata,
    paragraphs,
    parts,
    printed_lines,
)

__all__ = ["STYLESHEET", "render_html"]

#: The stylesheet of a standalone page: ruled, collapsed tables that print on A4.
STYLESHEET = """\
@page { size: A4; margin: 18mm 15mm; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif;
       font-size: 11pt; line-height: 1.6; max-width: 190mm; margin: 1em auto; color: #000; }
h1 { font-size: 16pt; text-align: center; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
p { text-indent: 2em; margin: 0.3em 0; }
p.gd-meta { text-indent: 0; text-align: center; color: #333; font-size: 10pt; margin: 0; }
table.gd-table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; font-size: 9.5pt;
                 page-break-inside: auto; }
table.gd-table th, table.gd-table td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
table.gd-table th { font-weight: normal; text-align: center; }
table.gd-table th.gd-row { text-align: left; }
table.gd-table th.gd-caption { font-weight: bold; }
table.gd-table th.gd-note { font-size: 8.5pt; }
table.gd-table th.gd-group { width: 4.5em; }
table.gd-table td { text-align: center; font-variant-numeric: tabular-nums; }
table.gd-table[data-table="requests"] td, table.gd-table[data-table="review_litigation"] td { width: 3.6em; }
table.gd-table[data-table="proactive"] th.gd-row { width: 25%; }
table.gd-table tr { page-break-inside: avoid; }
td.gd-placeholder, td.gd-unreadable { color: #555; }
td.gd-finding { outline: 2px solid #c60; outline-offset: -2px; }
td.gd-finding.gd-error { background: #fdd; outline-color: #c00; }
td.gd-finding.gd-warning { background: #ffd; }
td.gd-finding.gd-info { background: #eef; outline-color: #66c; }
@media print { td.gd-finding { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

_SEVERITY_ORDER = ("error", "warning", "info")


def render_html(
    report: AnnualReport,
    *,
    standalone: bool = False,
    findings: Iterable[Any] = (),
) -> str:
    """The report as HTML in the official layout of its edition.

    ``standalone=True`` gives a whole page (doctype, charset, title, a print stylesheet);
    the default is a fragment to embed. ``findings``: objects with ``.cells`` (stable
    keys), ``.code``, ``.severity`` and ``.message`` (the checker's findings); each named
    cell gets the classes ``gd-finding gd-<severity>`` and a ``title`` with the messages.
    Every value cell carries ``data-key`` with its stable key.
    """
    marks = _index_findings(findings)
    body = _fragment(report, marks)
    if not standalone:
        return body
    title = report.title or "政府信息公开工作年度报告"
    head = [
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
    ]
    if report.title is not None:
        head.append(f'<meta name="ArticleTitle" content="{escape(report.title)}">')
    if report.published is not None:
        head.append(f'<meta name="PubDate" content="{report.published.isoformat()}">')
    if report.agency is not None:
        head.append(f'<meta name="ContentSource" content="{escape(report.agency)}">')
    head.append(f"<style>\n{STYLESHEET}</style>")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + body
        + "</body>\n</html>\n"
    )


# ---------------------------------------------------------------- findings


def _severity(finding: Any) -> str:
    sev = getattr(finding, "severity", "")
    text = str(getattr(sev, "value", sev)).lower()
    return text if text in _SEVERITY_ORDER else "info"


def _message(finding: Any) -> str:
    message = getattr(finding, "message", "")
    if callable(message):
        message = message()
    code = str(getattr(finding, "code", ""))
    text = str(message)
    return f"[{code}] {text}" if code else text


def _index_findings(findings: Iterable[Any]) -> Mapping[str, tuple[str, tuple[str, ...]]]:
    by_key: dict[str, list[tuple[str, str]]] = {}
    for finding in findings:
        sev = _severity(finding)
        msg = _message(finding)
        for key in getattr(finding, "cells", ()):
            by_key.setdefault(str(key), []).append((sev, msg))
    out: dict[str, tuple[str, tuple[str, ...]]] = {}
    for key, items in by_key.items():
        worst = min((s for s, _m in items), key=_SEVERITY_ORDER.index)
        out[key] = (worst, tuple(dict.fromkeys(m for _s, m in items)))
    return out


# ---------------------------------------------------------------- document


def _fragment(report: AnnualReport, marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> str:
    out = [f'<div class="gd-report" data-edition="{escape(report.edition.value)}">\n']
    if report.title is not None:
        out.append(f'<h1 class="gd-title">{escape(report.title)}</h1>\n')
    meta = metadata(report)
    out.extend(f'<p class="gd-meta">{escape(label)}：{escape(text)}</p>\n' for label, text in meta)
    if report.intro:
        out.extend(f'<p class="gd-intro">{escape(p)}</p>\n' for p in paragraphs(report.intro))
    for part in parts(report):
        out.append(f'<h2 data-section="{part.key or "extra"}">{escape(part.heading)}</h2>\n')
        if part.table is not None:
            out.append(_table(report, part.table, marks))
        elif part.text:
            out.extend(f"<p>{escape(p)}</p>\n" for p in paragraphs(part.text))
    out.append("</div>\n")
    return "".join(out)


def _table(report: AnnualReport, table: TableSpec, marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> str:
    lines = printed_lines(report, table)
    if table.key == "proactive":
        rows = _proactive(lines, marks)
    elif table.key == "requests":
        rows = _requests(lines, marks)
    else:
        rows = _review(lines, marks)
    body = "".join(f"<tr>{''.join(row)}</tr>\n" for row in rows)
    return f'<table class="gd-table" data-table="{table.key}">\n{body}</table>\n'


def _th(text: str, *, rowspan: int = 1, colspan: int = 1, cls: str | None = None) -> str:
    attrs = ""
    if cls:
        attrs += f' class="{cls}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f"<th{attrs}>{escape(text)}</th>"


def _td(cell: Cell, marks: Mapping[str, tuple[str, tuple[str, ...]]], *, colspan: int = 1) -> str:
    classes = []
    if cell.value is None:
        classes.append("gd-blank")
    elif isinstance(cell.value, Placeholder):
        classes.append("gd-placeholder")
    elif isinstance(cell.value, Unreadable):
        classes.append("gd-unreadable")
    title = ""
    mark = marks.get(cell.key)
    if mark is not None:
        classes += ["gd-finding", f"gd-{mark[0]}"]
        title = f' title="{escape(chr(10).join(mark[1]))}"'
    attrs = f' data-key="{cell.key}"'
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    return f"<td{attrs}{title}>{escape(cell.text)}</td>"


def _spans(width: int, count: int) -> list[int]:
    """Spread ``width`` grid columns over ``count`` cells; the last one takes the rest."""
    return [1] * (count - 1) + [width - count + 1]


def _proactive(lines: Sequence[Line], marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> list[list[str]]:
    """Section 二: per caption a caption row, the column header row, then the rows."""
    blocks = caption_blocks(lines)
    width = max((len(b.columns) for b in blocks), default=1)
    rows: list[list[str]] = []
    for block in blocks:
        if block.caption is not None:
            rows.append([_th(block.caption, colspan=width + 1, cls="gd-caption")])
        spans = _spans(width, len(block.columns))
        rows.append(
            [_th(CONTENT_HEADER)]
            + [_th(col.label, colspan=span) for col, span in zip(block.columns, spans, strict=True)]
        )
        for line in block.lines:
            rows.append(
                [_th(line.row.label, cls="gd-row")]
                + [_td(cell, marks, colspan=span) for cell, span in zip(line.cells, spans, strict=True)]
            )
    return rows


def _requests(lines: Sequence[Line], marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> list[list[str]]:
    """Section 三: the three-level header with the 勾稽关系 note in its corner, then the rows
    with their group labels as vertical (rowspan) cells."""
    if not lines:
        return []
    columns = lines[0].row.columns
    depth = max(len(line.path) for line in lines)
    groups = column_groups(columns)
    header_rows = 3 if any(name is not None for name, _cols in groups) else 2
    top = [_th(BALANCE_NOTE, rowspan=header_rows, colspan=depth, cls="gd-note"),
           _th(APPLICANT_HEADER, colspan=len(columns))]
    second: list[str] = []
    third: list[str] = []
    for name, cols in groups:
        if name is None:
            second.extend(_th(col.label, rowspan=header_rows - 1) for col in cols)
        else:
            second.append(_th(name, colspan=len(cols)))
            third.extend(_th(col.label) for col in cols)
    rows = [top, second] + ([third] if header_rows == 3 else [])
    for i, line in enumerate(lines):
        row: list[str] = []
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
            row.append(_th(label, rowspan=span, cls="gd-group"))
        row.append(_th(path[-1], colspan=depth - len(path) + 1, cls="gd-row"))
        row.extend(_td(cell, marks) for cell in line.cells)
        rows.append(row)
    return rows


def _review(lines: Sequence[Line], marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> list[list[str]]:
    """Section 四: block headers (行政复议 | 行政诉讼 › 未经复议直接起诉 / 复议后起诉), the
    column labels, and one row of every value."""
    if not lines:
        return []
    depth = max(len(line.path) for line in lines) + 1
    rows: list[list[str]] = [[] for _ in range(depth)]
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
            rows[level].append(_th(label, colspan=width, cls="gd-group"))
        rows[len(path)].extend(_th(cell.column.label, rowspan=depth - len(path)) for cell in line.cells)
    rows.append([_td(cell, marks) for line in lines for cell in line.cells])
    return rows
