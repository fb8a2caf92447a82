"""HTML: the report in the official table layout of its edition, as a fragment or a page."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from html import escape
from types import MappingProxyType
from typing import Any

import attrs

from .._errors import check_lang
from .._i18n import PHRASES, Lang
from ..model import AnnualReport, Placeholder, TableSpec, Unreadable
from ._layout import Cell, Slot, metadata, number_text, paragraphs, parts, table_slots

__all__ = [
    "INLINE_STYLES",
    "LANG_ENV",
    "STYLESHEET",
    "display_lang",
    "finding_html",
    "findings_html",
    "problems_html",
    "render_html",
    "result_html",
]

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
td.gd-finding.gd-extraction { outline-style: dashed; }
@media print { td.gd-finding { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
"""

_SEVERITY_ORDER = ("error", "warning", "info")

_CELL = "border: 1px solid #000; padding: 2px 4px; vertical-align: middle;"

#: The fragment's table styles, inline: a CMS that strips ``<style>`` (portal editors do) keeps
#: the grid, the alignment and the widths. The same rules as :data:`STYLESHEET`'s, by element,
#: class or table; the standalone page keeps its stylesheet and needs none of them.
INLINE_STYLES: Mapping[str, str] = MappingProxyType({
    # table-layout: a host's stylesheet may fix the layout (Jupyter's does), which shares the width
    # out evenly by the first row and squeezes the labels into a column of characters
    "table": "border-collapse: collapse; table-layout: auto; width: 100%; margin: 0.5em 0 1em; font-size: 9.5pt;",
    "th": _CELL + " font-weight: normal; text-align: center;",
    "td": _CELL + " text-align: center; font-variant-numeric: tabular-nums;",
    "gd-row": "text-align: left;",
    "gd-caption": "font-weight: bold;",
    "gd-note": "font-size: 8.5pt;",
    "gd-group": "width: 4.5em;",
    "gd-placeholder": "color: #555;",
    "gd-unreadable": "color: #555;",
    "gd-finding": "outline: 2px solid #c60; outline-offset: -2px;",
    "gd-error": "background: #fdd; outline-color: #c00;",
    "gd-warning": "background: #ffd;",
    "gd-info": "background: #eef; outline-color: #66c;",
    "gd-extraction": "outline-style: dashed;",
    "h1": "text-align: center;",
    "gd-meta": "text-align: center; text-indent: 0; color: #333; font-size: 10pt; margin: 0;",
    # per table: the value columns of sections 三 and 四 are narrow, the labels of section 二 wide
    "requests td": "width: 3.6em;",
    "review_litigation td": "width: 3.6em;",
    "proactive gd-row": "width: 25%;",
})

#: The ``<table>`` attributes of the fragment besides its style, for editors that strip style too.
_TABLE_ATTRIBUTES = ' border="1" cellspacing="0" cellpadding="3"'


def render_html(
    report: AnnualReport,
    *,
    standalone: bool = False,
    findings: Iterable[Any] = (),
    lang: Lang = "zh",
) -> str:
    """The report as HTML in the official layout of its edition.

    ``standalone=True`` gives a whole page (doctype, charset, title, a print stylesheet);
    the default is a fragment to embed, whose tables carry their borders, alignment and
    widths inline (``style=`` on every table and cell, :data:`INLINE_STYLES`, and a ``border``
    attribute), so that a CMS that strips ``<style>`` keeps the grid. ``findings``: objects with ``.cells`` (stable
    keys), ``.code``, ``.severity`` and ``.message`` (the checker's findings, parse problems); each
    named cell gets the classes ``gd-finding gd-<severity>`` (and ``gd-extraction``, a dashed
    outline, when every mark on it is the reading's — ``kind`` extraction — not the publisher's)
    and a ``title`` with the messages, in ``lang`` (``"zh"`` or ``"en"``). Every value cell
    carries ``data-key`` with its stable key.
    """
    lang = check_lang(lang)
    marks = _index_findings(findings, lang)
    if not standalone:
        return _fragment(report, marks, inline=True)
    body = _fragment(report, marks, inline=False)
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


@attrs.frozen
class _Mark:
    """How a value cell is marked: the worst severity, the messages, and whether every mark is the reading's."""

    severity: str
    messages: tuple[str, ...]
    extraction: bool


_Marks = Mapping[str, _Mark]


def _severity(finding: Any) -> str:
    sev = getattr(finding, "severity", "")
    text = str(getattr(sev, "value", sev)).lower()
    return text if text in _SEVERITY_ORDER else "info"


def _message_text(finding: Any, lang: Lang) -> str:
    """The message of ``finding`` in ``lang`` (``.message(lang)``; a ``message()`` that takes no
    language, or a ``message`` attribute, as it is)."""
    message = getattr(finding, "message", "")
    if callable(message):
        takes_lang = bool(inspect.signature(message).parameters)
        message = message(lang) if takes_lang else message()
    return str(message)


def _message(finding: Any, lang: Lang) -> str:
    code = str(getattr(finding, "code", ""))
    text = _message_text(finding, lang)
    return f"[{code}] {text}" if code else text


def _extraction(finding: Any) -> bool:
    kind = getattr(finding, "kind", None)
    return str(getattr(kind, "value", kind)) == "extraction"


def _index_findings(findings: Iterable[Any], lang: Lang) -> _Marks:
    by_key: dict[str, list[tuple[str, str, bool]]] = {}
    for finding in findings:
        sev = _severity(finding)
        msg = _message(finding, lang)
        extraction = _extraction(finding)
        for key in getattr(finding, "cells", ()):
            by_key.setdefault(str(key), []).append((sev, msg, extraction))
    out: dict[str, _Mark] = {}
    for key, items in by_key.items():
        worst = min((s for s, _m, _e in items), key=_SEVERITY_ORDER.index)
        out[key] = _Mark(worst, tuple(dict.fromkeys(m for _s, m, _e in items)), all(e for _s, _m, e in items))
    return out


# ---------------------------------------------------------------- document


@functools.cache
def _style(inline: bool, *names: str | None) -> str:
    """The ``style`` attribute of an element whose rules are ``names`` (in order), when inline
    (cached: a page has a few dozen distinct combinations and thousands of cells)."""
    if not inline:
        return ""
    rules = " ".join(INLINE_STYLES[n] for n in names if n is not None and n in INLINE_STYLES)
    return f' style="{rules}"' if rules else ""




def _fragment(report: AnnualReport, marks: _Marks, *, inline: bool) -> str:
    out = [f'<div class="gd-report" data-edition="{escape(report.edition.value)}">\n']
    if report.title is not None:
        out.append(f'<h1 class="gd-title"{_style(inline, "h1")}>{escape(report.title)}</h1>\n')
    meta = metadata(report)
    style = _style(inline, "gd-meta")
    out.extend(f'<p class="gd-meta"{style}>{escape(label)}：{escape(text)}</p>\n' for label, text in meta)
    if report.intro:
        out.extend(f'<p class="gd-intro">{escape(p)}</p>\n' for p in paragraphs(report.intro))
    for part in parts(report):
        out.append(f'<h2 data-section="{part.key or "extra"}">{escape(part.heading)}</h2>\n')
        if part.table is not None:
            out.append(_table(report, part.table, marks, inline))
        elif part.text:
            out.extend(f"<p>{escape(p)}</p>\n" for p in paragraphs(part.text))
    out.append("</div>\n")
    return "".join(out)


def _table(report: AnnualReport, table: TableSpec, marks: _Marks, inline: bool) -> str:
    rows = [[_slot(slot, marks, table.key, inline) for slot in row] for row in table_slots(report, table)]
    body = "".join(f"<tr>{''.join(row)}</tr>\n" for row in rows)
    extra = _TABLE_ATTRIBUTES + _style(True, "table") if inline else ""
    return f'<table class="gd-table" data-table="{table.key}"{extra}>\n{body}</table>\n'


def _th(text: str, *, rowspan: int = 1, colspan: int = 1, cls: str | None = None, table: str = "",
        inline: bool = False) -> str:
    attrs = ""
    if cls:
        attrs += f' class="{cls}"'
    if rowspan > 1:
        attrs += f' rowspan="{rowspan}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    attrs += _style(inline, "th", cls, f"{table} {cls}")
    return f"<th{attrs}>{escape(text)}</th>"


def _td(cell: Cell, marks: _Marks, *, colspan: int = 1, table: str = "", inline: bool = False) -> str:
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
        classes += ["gd-finding", f"gd-{mark.severity}"]
        if mark.extraction:
            classes.append("gd-extraction")
        title = f' title="{escape(chr(10).join(mark.messages))}"'
    attrs = f' data-key="{cell.key}"'
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    if colspan > 1:
        attrs += f' colspan="{colspan}"'
    attrs += _style(inline, "td", f"{table} td", *classes)
    return f"<td{attrs}{title}>{escape(cell.text)}</td>"


_CLASSES = {"caption": "gd-caption", "header": None, "note": "gd-note", "group": "gd-group", "row": "gd-row"}


def _slot(slot: Slot, marks: _Marks, table: str, inline: bool) -> str:
    if slot.cell is not None:
        return _td(slot.cell, marks, colspan=slot.colspan, table=table, inline=inline)
    return _th(slot.text, rowspan=slot.rowspan, colspan=slot.colspan, cls=_CLASSES[slot.kind], table=table,
               inline=inline)


# ---------------------------------------------------------------- notebooks (``_repr_html_``)

#: The environment variable that sets the language of what a notebook shows, as it does the
#: command line's (``zh``, the default, or ``en``; any other value is the default).
LANG_ENV = "GOV_DISCLOSURE_LANG"

#: The words of the notebook views, in both languages: headings and column names. Severities
#: are said as the messages say them (``PHRASES``); ``kind`` values as the command line's
#: summary groups them (the publisher's / the reading's).
_WORDS: Mapping[str, tuple[str, str]] = MappingProxyType({
    "problems": ("解析问题（{n}）", "Parse problems ({n})"),
    "findings": ("检查结果（{n}）", "Findings ({n})"),
    "no_problems": ("解析问题：无", "Parse problems: none"),
    "no_findings": ("检查结果：无", "Findings: none"),
    "more": ("……另有 {n} 个", "… {n} more"),
    "edition": ("{edition} 年版", "{edition} edition"),
    "edition.legacy": ("旧版格式（2019 年以前）", "legacy edition (before 2019)"),
    "kind.source": ("发布机关", "source"),
    "kind.extraction": ("解析", "extraction"),
    "col.code": ("代码", "code"),
    "col.severity": ("级别", "severity"),
    "col.kind": ("归属", "kind"),
    "col.scope": ("范围", "scope"),
    "col.cells": ("单元格", "cells"),
    "col.printed": ("填报", "printed"),
    "col.computed": ("计算", "computed"),
    "col.difference": ("差额", "difference"),
    "col.repair": ("修正", "repair"),
    "col.message": ("说明", "message"),
    "col.location": ("位置", "location"),
    "col.raw": ("原文", "raw"),
})

#: A list shows at most this many of a finding's cells (a column sum names some thirty); the
#: cell's ``title`` holds them all.
_LISTED_CELLS = 8

#: Inline style of the small lists of findings and problems shown in a notebook.
_LIST_TABLE = 'class="gd-list" style="border-collapse: collapse; table-layout: auto; margin: 0.5em 0; font-size: 90%;"'
_LIST_CELL = 'style="border: 1px solid #999; padding: 2px 6px; text-align: left; vertical-align: top;"'
#: Short columns that do not wrap (a two-character Chinese heading broke into a column of characters).
_UNWRAPPED = frozenset({"code", "severity", "kind", "printed", "computed", "difference", "repair"})
_LIST_CELL_UNWRAPPED = _LIST_CELL[:-1] + ' white-space: nowrap;"'
_SEVERITY_STYLE = {"error": "background: #fdd;", "warning": "background: #ffd;", "info": "background: #eef;"}

_FINDING_COLUMNS = ("code", "severity", "kind", "scope", "cells", "printed", "computed", "difference", "repair",
                    "message")
_PROBLEM_COLUMNS = ("code", "severity", "kind", "cells", "location", "raw", "message")


def display_lang() -> Lang:
    """The language of the notebook views: :data:`LANG_ENV` when it is ``en`` (in any case), else ``zh``."""
    return "en" if os.environ.get(LANG_ENV, "").strip().lower() == "en" else "zh"


def _say(key: str, lang: Lang, **fields: object) -> str:
    zh, en = _WORDS[key]
    return (zh if lang == "zh" else en).format(**fields)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return number_text(value)
    return str(value)


def _cells_text(cells: tuple[str, ...], lang: Lang) -> str:
    if len(cells) <= _LISTED_CELLS:
        return ", ".join(cells)
    return ", ".join(cells[:_LISTED_CELLS]) + " " + _say("more", lang, n=len(cells) - _LISTED_CELLS)


def _value_cell(name: str, value: object, lang: Lang, tag: str = "td") -> str:
    if name == "cells" and isinstance(value, tuple):
        title = f' title="{escape(_text(value))}"' if len(value) > _LISTED_CELLS else ""
        return f"<{tag} {_LIST_CELL}{title}>{escape(_cells_text(value, lang))}</{tag}>"
    if name == "severity":
        value = PHRASES[f"severity.{value}"][lang]
    elif name == "kind" and value in ("source", "extraction"):
        value = _say(f"kind.{value}", lang)
    style = _LIST_CELL_UNWRAPPED if name in _UNWRAPPED else _LIST_CELL
    return f"<{tag} {style}>{escape(_text(value))}</{tag}>"


def _list_table(rows: Iterable[Mapping[str, object]], columns: tuple[str, ...], lang: Lang) -> str:
    head = "".join(f"<th {_LIST_CELL_UNWRAPPED}>{escape(_say(f'col.{c}', lang))}</th>" for c in columns)
    body = []
    for row in rows:
        style = _SEVERITY_STYLE.get(str(row.get("severity")), "")
        cells = "".join(_value_cell(c, row.get(c), lang) for c in columns)
        body.append(f'<tr style="{style}" data-code="{escape(str(row.get("code")))}">{cells}</tr>\n')
    return f"<table {_LIST_TABLE}>\n<tr>{head}</tr>\n{''.join(body)}</table>\n"


def _kind(item: Any) -> str:
    kind = getattr(item, "kind", "source")
    return str(getattr(kind, "value", kind))


def _finding_row(finding: Any, lang: Lang) -> dict[str, object]:
    repair = getattr(finding, "repair", None)
    return {
        "code": getattr(finding, "code", ""),
        "severity": _severity(finding),
        "kind": _kind(finding),
        "scope": getattr(finding, "scope", None),
        "cells": tuple(getattr(finding, "cells", ())),
        "printed": getattr(finding, "printed", None),
        "computed": getattr(finding, "computed", None),
        "difference": getattr(finding, "difference", None),
        "repair": str(repair) if repair is not None else None,
        "message": _message_text(finding, lang),
    }


def findings_html(findings: Iterable[Any], *, lang: Lang | None = None) -> str:
    """The findings as a small table, one row per finding (what a notebook shows for
    :class:`~gov_disclosure.Findings`), its headings, severities and messages in ``lang``
    (``None``: :func:`display_lang`)."""
    lang = display_lang() if lang is None else check_lang(lang)
    rows = [_finding_row(f, lang) for f in findings]
    if not rows:
        return f'<p class="gd-list">{escape(_say("no_findings", lang))}</p>\n'
    return _list_table(rows, _FINDING_COLUMNS, lang)


def finding_html(finding: Any, *, lang: Lang | None = None) -> str:
    """One finding: its fields as a two-column table (what a notebook shows for a :class:`Finding`)."""
    lang = display_lang() if lang is None else check_lang(lang)
    row = _finding_row(finding, lang)
    body = "".join(
        f"<tr><th {_LIST_CELL_UNWRAPPED} data-field=\"{name}\">{escape(_say(f'col.{name}', lang))}</th>"
        f"{_value_cell(name, row[name], lang)}</tr>\n"
        for name in _FINDING_COLUMNS
        if row[name] not in (None, "", ())
    )
    return f'<table {_LIST_TABLE} data-code="{escape(str(row["code"]))}">\n{body}</table>\n'


def problems_html(problems: Iterable[Any], *, lang: Lang | None = None) -> str:
    """Parse problems as a small table, one row per problem, in ``lang`` (``None``: :func:`display_lang`)."""
    lang = display_lang() if lang is None else check_lang(lang)
    rows = [
        {
            "code": p.code,
            "severity": _severity(p),
            "kind": _kind(p),
            "cells": tuple(getattr(p, "cells", ())),
            "location": str(p.location),
            "raw": p.raw,
            "message": _message_text(p, lang),
        }
        for p in problems
    ]
    if not rows:
        return f'<p class="gd-list">{escape(_say("no_problems", lang))}</p>\n'
    return _list_table(rows, _PROBLEM_COLUMNS, lang)


def _listed(name: str, items: tuple[Any, ...], table: Callable[..., str], lang: Lang) -> str:
    """A heading with the count and the table of ``items``; the heading alone saying none when there is none."""
    if not items:
        return f"<h3>{escape(_say(f'no_{name}', lang))}</h3>\n"
    return f"<h3>{escape(_say(name, lang, n=len(items)))}</h3>\n" + table(items, lang=lang)


def result_html(result: Any, findings: Iterable[Any], *, lang: Lang | None = None) -> str:
    """A parse result for a notebook: the report in its official layout (this module's fragment)
    with the cells of every finding and problem marked, then the problems, then the findings —
    the words, severities and messages in ``lang`` (``None``: :func:`display_lang`)."""
    lang = display_lang() if lang is None else check_lang(lang)
    findings = tuple(findings)
    problems = tuple(result.problems)
    report = result.report
    edition = report.edition.value
    facts = [
        _say("edition.legacy", lang) if edition == "legacy" else _say("edition", lang, edition=edition),
        report.agency or "",
        str(report.year or ""),
        result.source_format,
    ]
    head = " · ".join(escape(f) for f in facts if f)
    return (
        f'<div class="gd-result">\n<p class="gd-list">{head}</p>\n'
        + render_html(report, findings=(*findings, *problems), lang=lang)
        + _listed("problems", problems, problems_html, lang)
        + _listed("findings", findings, findings_html, lang)
        + "</div>\n"
    )
