"""The example pages under docs/screenshots/ are what the HTML renderer makes today.

They are built from the values of two real reports of the corpus in tests/corpus (one per edition)
and are the pages the screenshots were taken of. After a deliberate change to the HTML
layout, rewrite them with ``python tests/test_render_examples.py`` and retake the
screenshots (see docs/screenshots/README.md).
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

from gov_disclosure import AnnualReport, ExtraSection, Section
from gov_disclosure.renderers import render
from helpers import CORPUS, REPO, load_truth, report_from_truth

SCREENSHOTS = REPO / "docs" / "screenshots"
EXAMPLES = {"2019": "zhongshan-office-2020", "2021": "huaian-2024"}
_NOTE = "（示例页面：表格数值取自该报告的发布版本，正文从略。）"


def example_report(edition: str) -> AnnualReport:
    """The example report of ``edition``: a corpus report's values and metadata, with short prose."""
    truth = load_truth(CORPUS / f"{EXAMPLES[edition]}.truth.json")
    base = report_from_truth(truth)
    spec = base.spec
    headings = {s.key: s.heading for s in spec.sections}
    return AnnualReport(
        edition=base.edition,
        title=truth["title"],
        agency=truth["agency"],
        year=truth["year"],
        published=dt.date.fromisoformat(truth["published"]) if truth["published"] else None,
        overview=Section(headings["overview"], _NOTE),
        problems=Section(headings["problems"], _NOTE),
        other_matters=Section(headings["other_matters"], _NOTE),
        extra_sections=(ExtraSection("七、说明", "本页由 gov_disclosure 的 HTML 渲染器生成。"),),
        proactive=base.proactive,
        requests=base.requests,
        review_litigation=base.review_litigation,
    )


def example_page(edition: str) -> str:
    return render(example_report(edition), "html", standalone=True)


def embedded_page(edition: str) -> str:
    """The fragment pasted into a ``<div>`` of a plain portal page that has no stylesheet at all,
    as a CMS that strips ``<style>`` leaves it: the grid must come from the fragment itself."""
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        "<title>某某门户网站 — 政府信息公开年报</title>\n</head>\n<body>\n"
        "<p>首页 &gt; 政府信息公开 &gt; 政府信息公开年报</p>\n"
        '<div class="article-content">\n'
        + render(example_report(edition), "html")
        + "</div>\n<p>（本页为嵌入示例：门户页面没有样式表，表格线、对齐和宽度来自片段自身的内联样式。）</p>\n"
        "</body>\n</html>\n"
    )


PAGES = {f"report-{ed}": example_page for ed in EXAMPLES} | {f"embedded-{ed}": embedded_page for ed in EXAMPLES}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_example_page_is_current(name: str) -> None:
    saved = (SCREENSHOTS / f"{name}.html").read_text(encoding="utf-8")
    assert saved == PAGES[name](name.split("-")[1]), "rerun: python tests/test_render_examples.py"


@pytest.mark.parametrize("name", sorted(PAGES))
def test_screenshot_exists(name: str) -> None:
    png = SCREENSHOTS / f"{name}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_embedded_page_has_no_stylesheet() -> None:
    for ed in EXAMPLES:
        page = embedded_page(ed)
        assert "<style" not in page
        assert "<link" not in page
        assert page.count("<table") == page.count('<table class="gd-table"') == 3


def example_document() -> bytes:
    """The Word document the .docx screenshot was taken of (the 2021 example, said to be Word's)."""
    report = example_report("2021")
    extra = ExtraSection("七、说明", "本文档由 gov_disclosure 的 Word 渲染器生成。")
    return render(attrs.evolve(report, extra_sections=(extra,)), "docx")


def test_example_document_is_current() -> None:
    saved = (SCREENSHOTS / "report-2021.docx").read_bytes()
    assert saved == example_document(), "rerun: python tests/test_render_examples.py"
    for page in (1, 2):
        assert (SCREENSHOTS / f"report-2021-docx-{page}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


if __name__ == "__main__":
    for name, make in PAGES.items():
        (SCREENSHOTS / f"{name}.html").write_text(make(name.split("-")[1]), encoding="utf-8")
        print(SCREENSHOTS / f"{name}.html")
    (SCREENSHOTS / "report-2021.docx").write_bytes(example_document())
    print(SCREENSHOTS / "report-2021.docx")
