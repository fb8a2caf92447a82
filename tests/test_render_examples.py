"""The example pages under docs/screenshots/ are what the HTML renderer makes today.

They are built from the values of two real reports of the corpus in tests/corpus (one per edition)
and are the pages the screenshots were taken of. After a deliberate change to the HTML
layout, rewrite them with ``python tests/test_render_examples.py`` and retake the
screenshots (see docs/screenshots/README.md).
"""

from __future__ import annotations

import datetime as dt

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


@pytest.mark.parametrize("edition", sorted(EXAMPLES))
def test_example_page_is_current(edition: str) -> None:
    saved = (SCREENSHOTS / f"report-{edition}.html").read_text(encoding="utf-8")
    assert saved == example_page(edition), "rerun: python tests/test_render_examples.py"


@pytest.mark.parametrize("edition", sorted(EXAMPLES))
def test_screenshot_exists(edition: str) -> None:
    png = SCREENSHOTS / f"report-{edition}.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


if __name__ == "__main__":
    for ed in EXAMPLES:
        (SCREENSHOTS / f"report-{ed}.html").write_text(example_page(ed), encoding="utf-8")
        print(SCREENSHOTS / f"report-{ed}.html")
