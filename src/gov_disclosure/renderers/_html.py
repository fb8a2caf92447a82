"""HTML: the report in the official table layout of its edition, as a fragment or a page."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from ..model import AnnualReport, Placeholder, TableSpec, Unreadable
from ._layout import Cell, Slot, metadata, paragraphs, parts, table_slots

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
    rows = [[_slot(slot, marks) for slot in row] for row in table_slots(report, table)]
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


_CLASSES = {"caption": "gd-caption", "header": None, "note": "gd-note", "group": "gd-group", "row": "gd-row"}


def _slot(slot: Slot, marks: Mapping[str, tuple[str, tuple[str, ...]]]) -> str:
    if slot.cell is not None:
        return _td(slot.cell, marks, colspan=slot.colspan)
    return _th(slot.text, rowspan=slot.rowspan, colspan=slot.colspan, cls=_CLASSES[slot.kind])
