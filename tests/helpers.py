"""Helpers shared by the tests: where the corpus is, and reports built from truth files."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gov_disclosure import AnnualReport

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
#: The project's shared folder beside the checkout (ours, not the users'): only the copy check reads it.
SHARED = REPO.parent / "shared"
SPEC = REPO / "tests" / "spec" / "FORMAT.md"


def truth_files() -> list[Path]:
    """Every ``*.truth.json`` of the shared corpus (empty when the corpus is not beside the repo)."""
    return sorted(CORPUS.glob("*.truth.json"))


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def truth_value(key: str, value: Any) -> Any:
    """A truth-file value as a model value (money strings → Decimal)."""
    if isinstance(value, str):
        return Decimal(value)
    return value


def report_from_truth(truth: dict[str, Any]) -> AnnualReport:
    """The report a truth file describes, built from its values."""
    report = AnnualReport.empty(truth["edition"])
    return report.with_cells({k: truth_value(k, v) for k, v in truth["values"].items()})


def as_source(rendered: str | bytes) -> io.StringIO | bytes:
    """What ``parse`` reads for a rendered report: a ``str`` is a path to ``parse``, so text
    goes in as an open file (``io.StringIO``); bytes (``.docx``) as they are."""
    return io.StringIO(rendered) if isinstance(rendered, str) else rendered


def header_words() -> list[str]:
    """Every text a header cell of the national tables may print (labels, aliases, groups, the
    row labels, a column in 元), with a few strays: for property tests of header reading."""
    from gov_disclosure import Edition
    from gov_disclosure.model import EDITIONS

    words = {"小计", "信息内容", "（元）", "万元", "", "件数", "x" * 50}
    for edition in (Edition.V2019, Edition.V2021):
        for table in EDITIONS[edition].tables:
            words |= {text for c in table.columns for text in (c.label, *c.aliases)}
            words |= {f"{c.label}（元）" for c in table.columns}
            words |= {c.group for c in table.columns if c.group}
            words |= {text for r in table.rows for text in (r.label, *r.groups)}
    return sorted(words)


#: Pages whose report title sits in different places and spellings (traditional characters, as
#: themselves or as character references), and one without a title: for the title search's tests.
TITLE_PAGES = [
    "<p>2020年某某局政府信息公开工作年度报告</p>",
    "<div>导航</div><h1>2019年某某市政府信息公開工作年度報告</h1><p>正文</p>",
    "<div>导航</div><h1>2019年某某市政府信息公開工作年度&#22577;告</h1><p>正文</p>",
    "<div>导航</div><h1>2019年某某市政府信息公開工作年度&#x5831;告</h1><p>正文</p>",
    "<p>首页<br>2021年某某区年报：政府信息公开工作年度报告</p>",
    "<ul><li>报告</li><li>新闻</li></ul><div><span>2022年某某县</span>政府信息公开工作年度报告</div>",
    "<p>没有标题</p>",
]


def expanded_table(markup: str, *, marked: bool = False, remove_comments: bool = False) -> tuple[Any, Any]:
    """The ``<tr>`` rows ``markup`` as one table's: the lxml ``<table>`` and its expanded grid
    (``marked``: line breaks marked in the tree first, as the HTML reader does)."""
    from lxml import etree

    from gov_disclosure.parsers._grid import expand_table, mark_breaks

    parser = etree.HTMLParser(remove_comments=remove_comments)
    doc = etree.fromstring(f"<html><body><table>{markup}</table></body></html>", parser)
    if marked:
        mark_breaks(doc)
    table = doc.find(".//table")
    assert table is not None
    return table, expand_table(table)


def expanded_rows(markup: str, *, remove_comments: bool = False) -> tuple[list[Any], list[Any]]:
    """The ``<tr>`` rows ``markup`` as one table's: the cells its grid starts, row by row, and
    the table's own ``<td>``/``<th>`` elements in order (each grid cell should be one of them)."""
    from gov_disclosure.parsers._grid import own_rows

    table, grid = expanded_table(markup, marked=True, remove_comments=remove_comments)
    read = [cell for r in range(len(grid.rows)) for cell in grid.starting(r)]
    return read, [td for tr in own_rows(table) for td in tr.iterchildren("td", "th")]
