"""The HTML tables put the form's header cells at the official grid positions.

The rendered table is expanded (every rowspan/colspan filled in) and the anchor cells of
the key labels are pinned to the (row, column) and span the official forms print:
国办公开办函〔2019〕60号 and 〔2021〕30号.
"""

from __future__ import annotations

from typing import Any

import lxml.html
import pytest

from gov_disclosure import AnnualReport, Edition, edition_spec
from gov_disclosure.renderers import render


def expand(table: Any) -> tuple[dict[tuple[int, int], Any], dict[Any, tuple[int, int, int, int]]]:
    """(grid of (row, col) → cell element, anchor of each element: row, col, rowspan, colspan)."""
    grid: dict[tuple[int, int], Any] = {}
    anchors: dict[Any, tuple[int, int, int, int]] = {}
    for r, tr in enumerate(table.iter("tr")):
        c = 0
        for cell in tr:
            while (r, c) in grid:
                c += 1
            rs, cs = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
            anchors[cell] = (r, c, rs, cs)
            for dr in range(rs):
                for dc in range(cs):
                    assert (r + dr, c + dc) not in grid, f"overlapping spans at {(r + dr, c + dc)}"
                    grid[(r + dr, c + dc)] = cell
            c += cs
    return grid, anchors


def table(report: AnnualReport, key: str) -> Any:
    doc = lxml.html.fromstring(render(report, "html"))
    (found,) = [t for t in doc.iter("table") if t.get("data-table") == key]
    return found


def find(anchors: dict[Any, tuple[int, int, int, int]], text: str) -> tuple[int, int, int, int]:
    hits = [pos for cell, pos in anchors.items() if cell.text_content() == text]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def is_rectangular(grid: dict[tuple[int, int], Any]) -> bool:
    rows = {r for r, _c in grid}
    cols = {c for _r, c in grid}
    return all((r, c) in grid for r in rows for c in cols)


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_requests_header_and_groups(edition: str) -> None:
    report = AnnualReport.empty(edition)
    grid, anchors = expand(table(report, "requests"))
    assert is_rectangular(grid)
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert find(anchors, note) == (0, 0, 3, 3)
    assert find(anchors, "申请人情况") == (0, 3, 1, 7)
    assert find(anchors, "自然人") == (1, 3, 2, 1)
    assert find(anchors, "法人或其他组织") == (1, 4, 1, 5)
    assert find(anchors, "总计") == (1, 9, 2, 1)
    for i, label in enumerate(("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")):
        assert find(anchors, label) == (2, 4 + i, 1, 1)
    assert find(anchors, "一、本年新收政府信息公开申请数量") == (3, 0, 1, 3)
    assert find(anchors, "二、上年结转政府信息公开申请数量") == (4, 0, 1, 3)
    results = 20 if edition == "2019" else 22
    assert find(anchors, "三、本年度办理结果") == (5, 0, results, 1)
    assert find(anchors, "（一）予以公开") == (5, 1, 1, 2)
    assert find(anchors, "（三）不予公开") == (7, 1, 8, 1)
    assert find(anchors, "1.属于国家秘密") == (7, 2, 1, 1)
    assert find(anchors, "（四）无法提供") == (15, 1, 3, 1)
    assert find(anchors, "（五）不予处理") == (18, 1, 5, 1)
    if edition == "2019":
        assert find(anchors, "（六）其他处理") == (23, 1, 1, 2)
    else:
        assert find(anchors, "（六）其他处理") == (23, 1, 3, 1)
        assert find(anchors, "3.其他") == (25, 2, 1, 1)
    last = 5 + results
    assert find(anchors, "（七）总计") == (last - 1, 1, 1, 2)
    assert find(anchors, "四、结转下年度继续办理") == (last, 0, 1, 3)
    assert grid[(3, 3)].get("data-key") == "requests.new_received.natural_person"
    assert grid[(last, 9)].get("data-key") == "requests.carried_forward.total"
    assert max(r for r, _c in grid) == last


def test_requests_single_other_row_in_2021() -> None:
    report = AnnualReport.empty("2021").with_cells({"requests.other_handling.total": 3})
    grid, anchors = expand(table(report, "requests"))
    assert is_rectangular(grid)
    assert find(anchors, "三、本年度办理结果") == (5, 0, 20, 1)
    assert find(anchors, "（六）其他处理") == (23, 1, 1, 2)
    assert grid[(23, 9)].get("data-key") == "requests.other_handling.total"


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_review_litigation_header_and_one_row_of_fifteen(edition: str) -> None:
    grid, anchors = expand(table(AnnualReport.empty(edition), "review_litigation"))
    assert is_rectangular(grid)
    assert find(anchors, "行政复议") == (0, 0, 1, 5)
    assert find(anchors, "行政诉讼") == (0, 5, 1, 10)
    assert find(anchors, "未经复议直接起诉") == (1, 5, 1, 5)
    assert find(anchors, "复议后起诉") == (1, 10, 1, 5)
    labels = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
    for i, label in enumerate(labels):
        assert (grid[(1, i)].text_content(), anchors[grid[(1, i)]][2]) == (label, 2)
        assert grid[(2, 5 + i)].text_content() == label
        assert grid[(2, 10 + i)].text_content() == label
    keys = [grid[(3, c)].get("data-key") for c in range(15)]
    spec = edition_spec(edition).table("review_litigation")
    assert keys == [k for row in spec.rows for k in row.cell_keys("review_litigation")]
    assert max(r for r, _c in grid) == 3


@pytest.mark.parametrize("edition", [Edition.V2019, Edition.V2021])
def test_proactive_captions_head_their_blocks(edition: Edition) -> None:
    grid, anchors = expand(table(AnnualReport.empty(edition), "proactive"))
    assert is_rectangular(grid)
    spec = edition_spec(edition).table("proactive")
    width = 1 + max(len(row.columns) for row in spec.rows)
    r = 0
    seen: list[str] = []
    for row in spec.rows:
        if row.caption not in seen:
            seen.append(row.caption or "")
            assert anchors[grid[(r, 0)]] == (r, 0, 1, width)
            assert grid[(r, 0)].text_content() == row.caption
            assert grid[(r + 1, 0)].text_content() == "信息内容"
            header = [grid[(r + 1, c)].text_content() for c in range(1, width)]
            assert [h for i, h in enumerate(header) if i == 0 or h != header[i - 1]] == [c.label for c in row.columns]
            r += 2
        assert grid[(r, 0)].text_content() == row.label
        keys = [grid[(r, c)].get("data-key") for c in range(1, width)]
        assert list(dict.fromkeys(keys)) == list(row.cell_keys("proactive"))
        r += 1
    assert max(rr for rr, _c in grid) == r - 1
