"""Honest verdicts: the parser's failures are not the publisher's, and a report nothing of which
could be checked is never said to hold.

A table the source prints but the parser could not read is a problem of kind ``extraction``
(``*.TABLE_UNREAD``, saying where it was seen) and an info finding ``S.TABLE_NOT_ASSESSED``;
only a table the source does not print is ``S.TABLE_MISSING`` (error). Both are tried on
generated reports rendered as HTML and as text, for every table of both editions.
"""

from __future__ import annotations

import io
import json
import re
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport, Kind, ProblemSeverity, Severity, Verdict, check, verdict
from gov_disclosure.cli import EXIT_FAILED, EXIT_FINDINGS, EXIT_NOT_ASSESSED, EXIT_OK, main
from gov_disclosure.parsers._html import parse_html
from gov_disclosure.parsers._text import parse_text
from gov_disclosure.testing import reports
from helpers import CORPUS

TABLES = ("proactive", "requests", "review_litigation")
EDITIONS = st.sampled_from(["2019", "2021"])


def _table_findings(result: gd.ParseResult, table: str) -> set[str]:
    return {f.code for f in check(result) if f.scope == table}


def _assert_unread(result: gd.ParseResult, table: str, prefix: str) -> gd.Problem:
    (unread,) = [p for p in result.problems if p.code.endswith((".TABLE_UNREAD", ".TABLE_MISSING"))]
    assert unread.code == f"{prefix}.TABLE_UNREAD"
    assert (unread.kind, unread.location.key, unread.severity) == (Kind.EXTRACTION, table, ProblemSeverity.WARNING)
    assert unread.raw
    codes = _table_findings(result, table)
    assert "S.TABLE_NOT_ASSESSED" in codes
    assert "S.TABLE_MISSING" not in codes
    (finding,) = [f for f in check(result) if f.code == "S.TABLE_NOT_ASSESSED"]
    assert (finding.kind, finding.severity, finding.relation) == (Kind.EXTRACTION, Severity.INFO, unread.code)
    return unread


def _assert_missing(result: gd.ParseResult, table: str, prefix: str) -> None:
    (missing,) = [p for p in result.problems if p.code.endswith((".TABLE_UNREAD", ".TABLE_MISSING"))]
    assert (missing.code, missing.kind, missing.location.key) == (f"{prefix}.TABLE_MISSING", Kind.SOURCE, table)
    codes = _table_findings(result, table)
    assert "S.TABLE_MISSING" in codes
    assert "S.TABLE_NOT_ASSESSED" not in codes
    (finding,) = [f for f in check(result) if f.code == "S.TABLE_MISSING"]
    assert (finding.kind, finding.severity) == (Kind.SOURCE, Severity.ERROR)


# ------------------------------------------------------------------ HTML


def _html_without(report: AnnualReport, table: str, *, keep_heading: bool) -> str:
    page = gd.render(report, "html", standalone=True)
    body = re.compile(rf'<table class="gd-table" data-table="{table}">.*?</table>', re.DOTALL)
    assert body.search(page)
    # the table printed as an image (as many portals do), or not printed at all
    page = body.sub(f'<p><img src="{table}.png" alt=""></p>' if keep_heading else "", page)
    if not keep_heading:
        page = re.sub(rf'<h2 data-section="{table}">[^<]*</h2>', "", page)
    return page


@settings(max_examples=12)
@given(EDITIONS.flatmap(lambda edition: reports(edition)), st.sampled_from(TABLES))
def test_html_table_printed_as_an_image_is_not_the_publishers_fault(report: AnnualReport, table: str) -> None:
    result = parse_html(_html_without(report, table, keep_heading=True))
    unread = _assert_unread(result, table, "HTML")
    assert unread.raw == report.spec.table(table).heading
    assert getattr(result.report, table) is None


@settings(max_examples=12)
@given(EDITIONS.flatmap(lambda edition: reports(edition)), st.sampled_from(TABLES))
def test_html_table_not_printed_is_the_publishers(report: AnnualReport, table: str) -> None:
    _assert_missing(parse_html(_html_without(report, table, keep_heading=False)), table, "HTML")


# ------------------------------------------------------------------ text


def _text_without(report: AnnualReport, table: str, *, keep_heading: bool) -> tuple[str, int]:
    """The report as text with ``table``'s lines gone (its heading kept or not), and the
    1-based line of the heading."""
    lines = gd.render(report, "text").splitlines()
    headings = {section.heading: section.key for section in report.spec.sections}
    start = next(i for i, line in enumerate(lines) if headings.get(line.strip()) == table)
    end = next(i for i in range(start + 1, len(lines)) if lines[i].strip() in headings)
    kept = lines[:start] + ([lines[start], "（表格见附件）", ""] if keep_heading else []) + lines[end:]
    return "\n".join(kept) + "\n", start + 1


@settings(max_examples=12)
@given(EDITIONS.flatmap(lambda edition: reports(edition)), st.sampled_from(TABLES))
def test_text_table_under_its_heading_not_read_says_where(report: AnnualReport, table: str) -> None:
    text, heading_line = _text_without(report, table, keep_heading=True)
    unread = _assert_unread(parse_text(text), table, "TEXT")
    assert unread.location.line == heading_line


@settings(max_examples=12)
@given(EDITIONS.flatmap(lambda edition: reports(edition)), st.sampled_from(TABLES))
def test_text_table_not_printed_is_the_publishers(report: AnnualReport, table: str) -> None:
    text, _line = _text_without(report, table, keep_heading=False)
    _assert_missing(parse_text(text), table, "TEXT")


def test_a_table_whose_heading_is_lost_is_found_by_its_labels() -> None:
    # a heading no longer readable as one (三收到处理…): the table's own labels place it
    text = (CORPUS / "pingtan-2022.txt").read_text(encoding="utf-8")
    text = text.replace("三、收到和处理政府信息公开申请情况", "三收到处理政府信息公开申请")
    result = parse_text(text)
    truth = json.loads((CORPUS / "pingtan-2022.truth.json").read_text(encoding="utf-8"))["values"]
    cells = result.report.cells()
    assert {k: cells[k] for k in truth if k.startswith("requests.")} == {
        k: v for k, v in truth.items() if k.startswith("requests.")}
    assert not {p.code for p in result.problems} & {"TEXT.TABLE_UNREAD", "TEXT.TABLE_MISSING"}


def test_a_bare_report_still_reports_a_missing_table() -> None:
    # with no parse problems to say otherwise, an absent table is the report's
    import attrs

    report = attrs.evolve(AnnualReport.empty("2021", year=2023), requests=None)
    assert "S.TABLE_MISSING" in {f.code for f in check(report)}


# ------------------------------------------------------------------ verdicts


def test_legacy_report_is_not_assessed() -> None:
    result = gd.parse(CORPUS / "pingtan-2018-legacy.txt")
    findings = check(result)
    assert [f.code for f in findings] == ["S.LEGACY"]
    assert verdict(findings) is Verdict.NOT_ASSESSED
    assert "不适用" in findings[0].message()
    assert "does not apply" in findings[0].message_en


def _cli(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    with redirect_stdout(out):
        status = main(list(args))
    return status, out.getvalue()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_check_on_a_legacy_report_says_not_assessed_and_exits_3(lang: str) -> None:
    status, out = _cli("check", str(CORPUS / "pingtan-2018-legacy.txt"), "--lang", lang)
    assert status == EXIT_NOT_ASSESSED == 3
    assert "勾稽关系成立" not in out
    assert "arithmetic holds" not in out
    assert ("未能核对" if lang == "zh" else "nothing could be checked") in out


def test_check_json_of_a_legacy_report() -> None:
    status, out = _cli("check", str(CORPUS / "pingtan-2018-legacy.txt"), "--json")
    doc = json.loads(out)
    (entry,) = doc["files"]
    assert (entry["status"], entry["verdict"], doc["exit_status"], status) == ("not_assessed", "not_assessed", 3, 3)
    assert doc["summary"]["not_assessed"] == 1
    assert [(f["code"], f["kind"]) for f in entry["findings"]] == [("S.LEGACY", "source")]


def test_exit_status_order(tmp_path: Path) -> None:
    legacy = str(CORPUS / "pingtan-2018-legacy.txt")
    clean = str(CORPUS / "pingtan-2022.txt")
    bad = tmp_path / "bad.json"
    bad.write_text(gd.to_json(AnnualReport.empty("2021", year=2023).with_cells({
        "review_litigation.review.upheld": 10, "review_litigation.review.total": 0})), encoding="utf-8")
    assert _cli("check", clean)[0] == EXIT_OK
    assert _cli("check", clean, legacy)[0] == EXIT_NOT_ASSESSED
    assert _cli("check", legacy, str(bad))[0] == EXIT_FINDINGS
    assert _cli("check", legacy, str(bad), str(tmp_path / "missing.txt"))[0] == EXIT_FAILED


def test_check_output_keeps_the_publishers_errors_apart_from_what_the_parser_could_not_read(tmp_path: Path) -> None:
    report = AnnualReport.empty("2021", year=2023, agency="某某县教育局").with_cells({
        "review_litigation.review.upheld": 10, "review_litigation.review.total": 0,
        "proactive.regulations.issued": 1, "proactive.regulations.in_force": 1})
    page = _html_without(report, "requests", keep_heading=True)
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    status, out = _cli("check", str(path), "--lang", "en", "--min-severity", "info")
    assert status == EXIT_FINDINGS
    source = out.index("the publisher's errors (")
    extraction = out.index("what the parser could not read (")
    assert source < out.index("T4.BLOCK_SUM") < extraction < out.index("S.TABLE_NOT_ASSESSED")
    assert "HTML.TABLE_UNREAD" in out
    assert "the publisher's errors: 1 finding(s) at error level, in 1 file(s); what the parser could not read: 2" in out
    status, out = _cli("check", str(path), "--json")
    (entry,) = json.loads(out)["files"]
    kinds = {f["code"]: f["kind"] for f in entry["findings"]}
    assert (kinds["T4.BLOCK_SUM"], kinds["S.TABLE_NOT_ASSESSED"]) == ("source", "extraction")
    assert [p["kind"] for p in entry["problems"] if p["code"] == "HTML.TABLE_UNREAD"] == ["extraction"]
