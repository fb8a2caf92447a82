"""Benchmark the HTML parser against lxml's bare parse (and pandas.read_html when installed).

    python benchmarks/bench_html.py [--repeat 30] [--no-hostile]

For each HTML page of the corpus copy (``tests/corpus``; ``examples/`` when the corpus
is not beside the repository) and each hand-laid-out test page (``tests/pages``), it times
on the same bytes:

* ``gov_disclosure.parse`` — the full parse (decode, content root, tables, prose, metadata);
* ``lxml.html.fromstring`` — lxml's parse alone, the floor any lxml-based parser stands on,
  once on the bytes (lxml guesses the encoding: on a GBK page declared GB2312 it may stop at
  the first byte outside GB2312 and build an almost empty tree — the ``els`` column counts the
  elements it built) and once on the text as this library decodes it (``lxml(str)``);
* ``lxml + cells`` — lxml's parse of the decoded text plus ``text_content()`` of every ``<td>``
  and ``<th>``: the floor of any reader that looks at each cell once in Python;
* ``lxml + XSLT`` — lxml's parse plus one compiled XSLT pass that writes every cell's text
  (whitespace collapsed), a tab after each cell and a line break after each row: every cell's
  text read with no Python per cell, the floor of any reader of the cells built on lxml;
* ``pandas.read_html(flavor="lxml")`` — raw grids of every table only, on the same text, when
  pandas is importable (it is not a dependency of this library: install it in the benchmark's
  own environment).

Then the same over generated pages of about 17 KB (the smallest complete page: one full report),
100 KB, 1 MB and 10 MB — the report with its overview grown by distinct prose paragraphs and a
portal's link lists — printing the cost per KB at each size (it must stay flat: linear growth).

Times are CPU time of this process (``time.process_time``: steadier than wall clock on a
shared machine), the median of ``--repeat`` runs after one warm-up run of each. The columns of a
page are timed interleaved: each round calls every one of them three times in a row, in an order
that turns from round to round, so that a drift of the machine's speed (up to 2× over minutes on a shared
machine) touches the parse and its baselines alike. The ratios are parse ÷ lxml and parse ÷ pandas.
Then it times the hostile inputs of the test suite once each (deep nesting, a 20 MB page, 500
tables, a span bomb, random bytes) and names the slowest.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import time
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import lxml.etree
import lxml.html

import gov_disclosure as gd
from gov_disclosure.parsers import _labels
from gov_disclosure.parsers._encoding import decode_html

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"


def pages() -> list[Path]:
    found = sorted(CORPUS.glob("*.html")) if CORPUS.is_dir() else sorted((REPO / "examples").glob("*.html"))
    return found + sorted((REPO / "tests" / "pages").glob("*.html"))


def median_times(fns: dict[str, Callable[[], Any]], repeat: int, block: int = 3) -> dict[str, float]:
    """The median CPU time of a call of each of ``fns`` over ``repeat`` calls, made in rounds: each
    round calls every one ``block`` times in a row (each in its steady state, as in a batch of
    like jobs), the order turned by one each round (after one warm-up call of each: imports,
    caches)."""
    for fn in fns.values():
        fn()
    names = list(fns)
    times: dict[str, list[float]] = {name: [] for name in names}
    block = max(1, min(block, repeat))
    for round_ in range(-(-repeat // block)):
        turn = round_ % len(names)
        for name in names[turn:] + names[:turn]:
            fn = fns[name]
            for _ in range(block):
                start = time.process_time()
                fn()
                times[name].append(time.process_time() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def load_pandas() -> Any | None:
    try:
        import pandas
    except ImportError:
        return None
    return pandas


def cells_floor(text: str) -> None:
    """lxml's parse and the text of every cell: what any reader of the tables' cells spends."""
    for cell in lxml.html.fromstring(text).iter("td", "th"):
        cell.text_content()


_CELL_TEXT = lxml.etree.XSLT(lxml.etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text"/>'
    '<xsl:template match="/"><xsl:for-each select="//tr">'
    '<xsl:for-each select="td|th"><xsl:value-of select="normalize-space(.)"/>'
    '<xsl:text>&#9;</xsl:text></xsl:for-each><xsl:text>&#10;</xsl:text>'
    '</xsl:for-each></xsl:template></xsl:stylesheet>'), regexp=False)


def xslt_floor(text: str) -> None:
    """lxml's parse and one XSLT pass writing every cell's text: no Python per cell."""
    str(_CELL_TEXT(lxml.html.fromstring(text))).split("\n")


def read_html(pandas: Any, text: str) -> None:
    """pandas.read_html's raw grids of every table of ``text`` (none on a page without tables)."""
    with contextlib.suppress(ValueError):
        pandas.read_html(StringIO(text), flavor="lxml")


def parse_quietly(data: bytes | str) -> None:
    # as the first parse of this page: the cache of long folded texts (a region's whole text)
    # emptied, the label cache kept (labels repeat from report to report)
    _labels._normalise_text.cache_clear()
    with contextlib.suppress(gd.GovDisclosureError):
        gd.parse_html(data)


def hostile_cases() -> dict[str, bytes | str]:
    row = "<tr><td>1.属于国家秘密</td>" + "<td>1</td>" * 7 + "</tr>"
    title = "<p>2020年某局政府信息公开工作年度报告</p>"
    table = "<table><tr><td>规章</td><td>1</td><td>2</td><td>3</td></tr></table><p>段落</p>"
    bomb = '<td rowspan="65535" colspan="65535">x</td>'
    return {
        "10 000 nested <div>": title + "<div>" * 10_000 + "总计" + "</div>" * 10_000,
        "10 000 nested <table>": title + "<table><tr><td>" * 10_000 + "总计" + "</td></tr></table>" * 10_000,
        "20 MB page (one long table)": ("<p>三、收到和处理政府信息公开申请情况</p><table>"
                                        + row * (20_000_000 // len(row.encode())) + "</table>").encode(),
        "500 tables": title + "<p>一、总体情况</p>" + table * 500,
        "48 MB: 300 tables of 1 500 rows": (title + "<p>三、收到和处理政府信息公开申请情况</p>" + (
            "<table><tr><td></td><td>自然人</td><td>商业企业</td><td>科研机构</td><td>社会公益组织</td>"
            "<td>法律服务机构</td><td>其他</td><td>总计</td></tr>" + row * 1500 + "</table>") * 300).encode(),
        "span bomb (50×50 cells of 65535×65535)": "<p>二、主动公开政府信息情况</p><table>"
        + ("<tr>" + bomb * 50 + "</tr>") * 50 + "</table>",
        "2 MB random bytes": os.urandom(2_000_000),
    }


def generated_pages() -> list[tuple[str, bytes]]:
    """A full report page grown to about 100 KB, 1 MB and 10 MB by prose and portal furniture."""
    import json
    from decimal import Decimal

    truth = json.loads((CORPUS / "huaian-2024.truth.json").read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    report = gd.AnnualReport.empty(truth["edition"], year=truth["year"], agency="某某市某某局").with_cells(values)
    page = gd.render(report, "html", standalone=True)
    out = [("generated 17 KB (one report)", page.encode("utf-8"))]
    body = page.index("<body>") + len("<body>")
    for size in (100_000, 1_000_000, 10_000_000):
        grow = size - len(page.encode("utf-8"))
        prose: list[str] = []
        links: list[str] = []
        total = i = 0
        while total < grow:
            sentence = (f"<p>本机关第{i}项工作：依法公开政府信息{i * 7 % 1000}条，"
                        f"办理群众来信{i * 13 % 500}件，回复率达到百分之百。</p>")
            link = f'<li><a href="/col/col{i}/index.html">栏目{i}：通知公告与政策解读</a></li>'
            prose.append(sentence)
            links.append(link)
            total += len(sentence.encode()) + len(link.encode())
            i += 1
        grown = (page[:body] + '<div class="nav"><ul>' + "".join(links[: i // 2]) + "</ul></div>" + page[body:])
        grown = grown.replace("</body>", "<div class=\"footer\"><ul>" + "".join(links[i // 2 :]) + "</ul>"
                              + "".join(prose) + "</div></body>")
        out.append((f"generated {size // 1000:,} KB".replace(",", " "), grown.encode("utf-8")))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args(argv)

    pandas = load_pandas()
    if pandas is None:
        print("pandas is not importable here: the pandas.read_html column is skipped "
              "(pip install pandas in the benchmark's environment to include it)")
    header = (f"{'page':30} {'KB':>6} {'parse ms':>9} {'lxml ms':>8} {'els':>5} {'ratio':>6} "
              f"{'lxml(str)':>9} {'ratio':>6} {'+cells':>7} {'ratio':>6} {'+xslt':>6} {'÷lxml':>6}")
    if pandas is not None:
        header += f" {'pandas ms':>10} {'ratio':>6}"
    print(header)
    rows = [(path.name, path.read_bytes()) for path in pages()]
    generated = generated_pages()
    ratios: list[float] = []
    cell_ratios: list[float] = []
    xslt_ratios: list[float] = []
    pandas_ratios: list[float] = []
    for name, data in [*rows, *generated]:
        repeat = args.repeat if len(data) < 2_000_000 else 3
        if name.startswith("generated") and name == generated[0][0]:
            print(f"{'':30} (generated pages: cost per KB must stay flat)")
        elements = sum(1 for _ in lxml.html.fromstring(data).iter())
        text = decode_html(data).text
        fns: dict[str, Callable[[], Any]] = {
            "parse": lambda data=data: parse_quietly(data),
            "lxml": lambda data=data: lxml.html.fromstring(data),
            "str": lambda text=text: lxml.html.fromstring(text),
            "cells": lambda text=text: cells_floor(text),
            "xslt": lambda text=text: xslt_floor(text),
        }
        if pandas is not None:
            fns["pandas"] = lambda text=text: read_html(pandas, text)
        timed = median_times(fns, repeat)
        t_parse, t_lxml, t_str, t_cells, t_xslt = (timed[key] for key in ("parse", "lxml", "str", "cells", "xslt"))
        line = (f"{name[:30]:30} {len(data) / 1024:6.1f} {t_parse * 1000:9.2f} {t_lxml * 1000:8.2f} "
                f"{elements:5d} {t_parse / t_lxml:6.1f} {t_str * 1000:9.2f} {t_parse / t_str:6.1f} "
                f"{t_cells * 1000:7.2f} {t_parse / t_cells:6.1f} {t_xslt * 1000:6.2f} {t_xslt / t_str:6.1f}")
        if not name.startswith("generated"):
            # against the parse that builds the page's whole tree: lxml on the bytes may stop short
            # of it (a GBK page declared GB2312), so on the text as decoded here
            ratios.append(t_parse / t_str)
            cell_ratios.append(t_parse / t_cells)
            xslt_ratios.append(t_xslt / t_str)
        if pandas is not None:
            t_pandas = timed["pandas"]
            line += f" {t_pandas * 1000:10.2f} {t_parse / t_pandas:6.2f}"
            if not name.startswith("generated"):
                pandas_ratios.append(t_pandas / t_parse)
        if name.startswith("generated"):
            line += f"  {t_parse * 1e6 / (len(data) / 1024):7.1f} µs/KB"
        print(line)
    print("real and test pages: parse ÷ lxml bare parse (of the decoded text) "
          f"median {statistics.median(ratios):.2f}×, "
          f"worst {max(ratios):.2f}× (goal ≤ 2×, aim 1.5×, none above 3×)")
    print("real and test pages: parse ÷ (lxml parse + text_content() of every cell) "
          f"median {statistics.median(cell_ratios):.2f}×, worst {max(cell_ratios):.2f}× (goal ≤ 1.2×)")
    print("real and test pages: (lxml parse + one XSLT pass writing every cell's text) ÷ lxml bare parse "
          f"median {statistics.median(xslt_ratios):.2f}× (reading the cells alone, in C, before any "
          "mapping to the report)")
    if pandas_ratios:
        print(f"real and test pages: pandas.read_html ÷ parse median {statistics.median(pandas_ratios):.2f}× "
              f"(goal ≥ 3× faster, aim 5×)")

    if args.no_hostile:
        return 0
    print()
    print(f"{'hostile input (one run each)':44} {'CPU s':>8}  outcome")
    slowest = ("", 0.0)
    for name, source in hostile_cases().items():
        start = time.process_time()
        try:
            result = gd.parse_html(source)
            outcome = f"parsed ({len(result.problems)} problem(s))"
        except gd.GovDisclosureError as exc:
            outcome = f"{type(exc).__name__} {getattr(exc, 'code', '')}"
        elapsed = time.process_time() - start
        slowest = max(slowest, (name, elapsed), key=lambda pair: pair[1])
        print(f"{name:44} {elapsed:8.2f}  {outcome}")
    print(f"slowest hostile case: {slowest[0]} ({slowest[1]:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
