"""What a notebook shows: ``_repr_html_`` of ParseResult, Finding and Findings, through the HTML renderer."""

from __future__ import annotations

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport, Location, ParseResult, Problem, ProblemSeverity
from gov_disclosure.testing import reports
from helpers import REPO

EXAMPLES = REPO / "examples"


def marked(html: str) -> dict[str, set[str]]:
    """data-key → classes of every marked value cell."""
    doc = lxml.html.fromstring(html)
    return {
        td.get("data-key"): set(td.get("class", "").split())
        for td in doc.iter("td")
        if td.get("data-key") and "gd-finding" in td.get("class", "")
    }


def test_parse_result_shows_the_report_with_problem_and_finding_cells_marked() -> None:
    result = gd.parse(EXAMPLES / "pingtan-2024.txt")
    html = result._repr_html_()
    assert gd.render(result.report, "html").split("<table", 1)[1][:200] in html, "the renderer's own table"
    (problem,) = result.problems
    marks = marked(html)
    assert set(marks) == set(problem.cells) | {c for f in gd.check(result) for c in f.cells}
    assert all("gd-warning" in classes for key, classes in marks.items() if key in problem.cells)
    doc = lxml.html.fromstring(html)
    lists = doc.find_class("gd-list")
    assert any("SPLIT.AMBIGUOUS" in t.text_content() for t in lists if t.tag == "table")


def test_the_broken_cell_of_the_sample_is_marked_as_an_error() -> None:
    result = gd.parse(EXAMPLES / "sample-2023-with-error.html")
    html = result._repr_html_()
    assert "gd-error" in marked(html)["requests.granted.commercial"]
    doc = lxml.html.fromstring(html)
    rows = [tr for table in doc.find_class("gd-list") if table.tag == "table" for tr in table.iter("tr")]
    assert any("requests.granted.commercial = 4" in tr.text_content() for tr in rows)


TABLED = st.sampled_from(["2019", "2021"]).flatmap(lambda e: reports(e, blanks=False, placeholders=False, prose=False))


@given(TABLED, st.data())
def test_one_broken_cell_is_marked_and_listed(report: AnnualReport, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from([k for k in report.cells() if k.startswith("requests.")]))
    value = report.cell(key)
    assert isinstance(value, int)
    broken = report.with_cells({key: value + 7})
    findings = gd.check(broken)
    html = ParseResult(broken)._repr_html_()
    assert set(marked(html)) == {c for f in findings for c in f.cells}
    assert key in marked(html)
    listed = findings._repr_html_()
    assert len(lxml.html.fromstring(listed).findall(".//tr")) == len(findings) + 1


def test_check_returns_findings_that_are_a_plain_tuple() -> None:
    findings = gd.check(gd.parse(EXAMPLES / "sample-2023-with-error.html").report)
    assert isinstance(findings, gd.Findings)
    assert isinstance(findings, tuple)
    assert findings == tuple(findings)
    assert repr(findings) == repr(tuple(findings))
    assert isinstance(gd.check_series([]), gd.Findings)
    assert "no findings" in gd.check_series([])._repr_html_()


def test_a_finding_shows_its_fields() -> None:
    findings = gd.check(gd.parse(EXAMPLES / "sample-2023-with-error.html").report)
    finding = next(f for f in findings if f.code == "T3.ROW_TOTAL")
    doc = lxml.html.fromstring(finding._repr_html_())
    fields = {tr.find("th").text_content(): tr.find("td").text_content() for tr in doc.iter("tr")}
    assert fields["code"] == "T3.ROW_TOTAL"
    assert fields["severity"] == "error"
    assert fields["printed"] == str(finding.printed)
    assert fields["difference"] == str(finding.difference)
    assert fields["repair"] == "requests.granted.commercial = 4"
    assert fields["message"] == finding.message()
    assert fields["cells"].split(", ") == list(finding.cells)


def test_text_is_escaped() -> None:
    problem = Problem("CELL.UNREADABLE", ProblemSeverity.ERROR, {"key": "x", "text": "<script>alert(1)</script>"},
                      Location(key="requests.granted.total"), raw="<b>x</b>")
    html = ParseResult(AnnualReport.empty("2021"), (problem,))._repr_html_()
    assert "<script>" not in html
    assert "<b>x</b>" not in html
    assert "&lt;script&gt;" in html
    assert "gd-error" in marked(html)["requests.granted.total"]


def test_problem_cells_are_its_key_then_its_candidates() -> None:
    problem = Problem("SPLIT.AMBIGUOUS", ProblemSeverity.WARNING, {}, Location(key="a.b.c"),
                      candidates=({"a.b.d": 1, "a.b.c": 2}, {"a.b.e": 3}))
    assert problem.cells == ("a.b.c", "a.b.d", "a.b.e")
    assert Problem("X", ProblemSeverity.INFO, {}).cells == ()
