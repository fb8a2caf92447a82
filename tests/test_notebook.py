"""What a notebook shows: ``_repr_html_`` of ParseResult, Finding and Findings, through the HTML renderer."""

from __future__ import annotations

import lxml.html
import pytest
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
    assert "检查结果：无" in gd.check_series([])._repr_html_()


def test_a_finding_shows_its_fields() -> None:
    findings = gd.check(gd.parse(EXAMPLES / "sample-2023-with-error.html").report)
    finding = next(f for f in findings if f.code == "T3.ROW_TOTAL")
    doc = lxml.html.fromstring(finding._repr_html_())
    fields = {tr.find("th").get("data-field"): tr.find("td").text_content() for tr in doc.iter("tr")}
    assert fields["code"] == "T3.ROW_TOTAL"
    assert fields["severity"] == "错误"
    assert fields["kind"] == "发布机关"
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


# ---------------------------------------------------------------- one language in the notebook views


def _words(html: str) -> str:
    return lxml.html.fromstring(html).text_content()


def test_the_views_speak_the_language_of_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Headings, column names, severities, kinds and messages all in one language: Chinese by default,
    English with ``GOV_DISCLOSURE_LANG=en`` (as on the command line); nothing of the other mixed in."""
    result = gd.parse(EXAMPLES / "sample-2023-with-error.html")
    findings = gd.check(result)
    finding = findings[0]
    monkeypatch.delenv("GOV_DISCLOSURE_LANG", raising=False)
    zh = {"result": result._repr_html_(), "findings": findings._repr_html_(), "finding": finding._repr_html_()}
    monkeypatch.setenv("GOV_DISCLOSURE_LANG", "EN")
    en = {"result": result._repr_html_(), "findings": findings._repr_html_(), "finding": finding._repr_html_()}
    for name in zh:
        assert finding.message("zh") in _words(zh[name])
        assert finding.message("en") in _words(en[name])
        assert finding.message("en") not in _words(zh[name])
        assert finding.message("zh") not in _words(en[name])
        assert "错误" in _words(zh[name])
        assert "error" not in _words(zh[name]).replace(finding.code, "")
        assert "error" in _words(en[name])
        assert "错误" not in _words(en[name])
    assert "检查结果（2）" in _words(zh["result"])
    assert "Findings (2)" in _words(en["result"])
    assert "解析问题：无" in _words(zh["result"])
    assert "Parse problems: none" in _words(en["result"])
    assert "parse problems" not in _words(zh["result"]).lower()
    cell = lxml.html.fromstring(en["result"]).xpath('//td[@data-key="requests.granted.commercial"]')[0]
    assert finding.message("en") in cell.get("title")
    monkeypatch.setenv("GOV_DISCLOSURE_LANG", "fr")
    assert result._repr_html_() == zh["result"], "an unknown language is the default, never an error in a notebook"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_explicit_language_of_the_renderer_functions(lang: str) -> None:
    from gov_disclosure.renderers._html import finding_html, findings_html, problems_html, result_html

    result = gd.parse(EXAMPLES / "pingtan-2024.txt")
    findings = gd.check(result)
    (problem,) = result.problems
    html = result_html(result, findings, lang=lang)  # type: ignore[arg-type]
    assert problem.message(lang) in _words(html)  # type: ignore[arg-type]
    assert problem.message(lang) in _words(problems_html(result.problems, lang=lang))  # type: ignore[arg-type]
    assert problem.severity.word(lang) in _words(problems_html(result.problems, lang=lang))  # type: ignore[arg-type]
    if findings:
        assert findings[0].message(lang) in _words(findings_html(findings, lang=lang))  # type: ignore[arg-type]
        assert findings[0].message(lang) in _words(finding_html(findings[0], lang=lang))  # type: ignore[arg-type]
    title = lxml.html.fromstring(gd.render(result.report, "html", findings=result.problems, lang=lang))
    (cell,) = title.xpath(f'//td[@data-key="{problem.cells[0]}"]')
    assert problem.message(lang) in cell.get("title")  # type: ignore[arg-type]
    with pytest.raises(gd.LanguageError):
        result_html(result, findings, lang="fr")  # type: ignore[arg-type]


def test_marks_of_the_reading_are_dashed_and_the_publishers_are_not() -> None:
    """A cell every mark of which is the reading's (a parse problem, a finding of kind extraction) is drawn
    dashed (``gd-extraction``); one a finding against the publisher names is not."""
    ambiguous = gd.parse(EXAMPLES / "pingtan-2024.txt")
    marks = marked(ambiguous._repr_html_())
    assert marks
    assert all("gd-extraction" in classes for classes in marks.values())
    broken = gd.parse(EXAMPLES / "sample-2023-with-error.html")
    marks = marked(broken._repr_html_())
    assert marks
    assert not any("gd-extraction" in classes for classes in marks.values())
    assert "outline-style: dashed" in gd.render(ambiguous.report, "html", findings=ambiguous.problems)


@given(TABLED, st.data())
def test_a_long_list_of_cells_is_cut_and_kept_whole_in_its_title(report: AnnualReport, data: st.DataObject) -> None:
    key = data.draw(st.sampled_from([k for k in report.cells() if k.startswith("requests.")]))
    value = report.cell(key)
    assert isinstance(value, int)
    findings = gd.check(report.with_cells({key: value + 3}))
    doc = lxml.html.fromstring(findings._repr_html_())
    header = [th.text_content() for th in doc.find(".//tr").iter("th")]
    position = header.index("单元格")
    rows = doc.findall(".//tr")[1:]
    assert [tr.get("data-code") for tr in rows] == [f.code for f in findings]
    for finding, tr in zip(findings, rows, strict=True):
        td = tr.findall("td")[position]
        shown = td.text_content()
        whole = td.get("title") or shown
        assert (whole.split(", ") if whole else []) == list(finding.cells)
        assert len(shown) <= len(", ".join(finding.cells[:8])) + 20


def test_every_table_keeps_its_own_layout_under_a_host_stylesheet() -> None:
    """Jupyter's stylesheet (and some portals') sets ``table-layout: fixed``, which shares a table's width
    out evenly by its first row: the report's labels came out one character a line. Every table a
    notebook shows says ``table-layout: auto`` inline."""
    result = gd.parse(EXAMPLES / "sample-2023-with-error.html")
    for html in (result._repr_html_(), gd.check(result)._repr_html_(), gd.check(result)[0]._repr_html_()):
        tables = list(lxml.html.fromstring(html).iter("table"))
        assert tables
        assert all("table-layout: auto" in (t.get("style") or "") for t in tables)
