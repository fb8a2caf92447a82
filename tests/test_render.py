"""Renderers: the registry, every format × every edition, cell texts, findings, records."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from decimal import Decimal
from typing import Any

import attrs
import lxml.html
import pytest

import gov_disclosure as gd
from gov_disclosure import (
    AnnualReport,
    ColumnKind,
    Edition,
    ExtraSection,
    KeyLookupError,
    MissingExtraError,
    Placeholder,
    Section,
    Unreadable,
    edition_spec,
    from_json,
)
from gov_disclosure.renderers import RECORD_FIELDS, RENDERERS, cell_records, display_width, render

CASES = ["2019", "2021", "2021-single-other", "legacy"]


def numbered_report(case: str) -> AnnualReport:
    """A report whose every cell holds a distinct number (money with two places)."""
    edition = case.split("-")[0]
    year = {"2019": 2019, "2021": 2023, "legacy": 2017}[edition]
    report = AnnualReport.empty(
        edition,
        title=f"某某市人民政府办公室{year}年政府信息公开工作年度报告",
        agency="某某市人民政府办公室",
        year=year,
        overview=Section("一、总体情况", "第一段。\n（一）主动公开\n第二段。"),
        problems=Section("五、存在的主要问题及改进情况", "问题。"),
        other_matters=Section("六、其他需要报告的事项", "本年度未收取信息处理费。"),
        extra_sections=(ExtraSection("七、附件", "附表一份。"),),
    )
    if case == "2021-single-other":
        assert report.requests is not None
        requests = attrs.evolve(
            report.requests,
            other_handling=report.requests.granted,
            other_no_correction=None,
            other_no_fee_paid=None,
            other_other=None,
        )
        report = attrs.evolve(report, requests=requests)
    values: dict[str, Any] = {}
    for n, (_table, row, key) in enumerate(
        report.spec.iter_cells(other_handling=report.prints_single_other_row), start=1001
    ):
        column = next(c for c in row.columns if key.endswith("." + c.key))
        values[key] = Decimal(f"{n}.25") if column.kind is ColumnKind.MONEY else n
    return report.with_cells(values)


def value_text(value: object) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


# ---------------------------------------------------------------- registry


def test_registry_is_immutable_and_documented() -> None:
    assert set(RENDERERS) == {"html", "markdown", "text", "csv", "json", "docx"}
    with pytest.raises(TypeError):
        RENDERERS["xml"] = RENDERERS["html"]  # type: ignore[index]
    for name, renderer in RENDERERS.items():
        assert renderer.name == name
        assert renderer.function.__doc__, name
        assert renderer.suffix.startswith(".")
        assert "/" in renderer.media_type


def test_unknown_format_names_the_known_ones() -> None:
    with pytest.raises(KeyLookupError) as info:
        render(AnnualReport.empty("2021"), "xml")
    assert info.value.valid == tuple(RENDERERS)
    assert "markdown" in str(info.value)


def test_render_needs_a_report() -> None:
    with pytest.raises(TypeError, match="AnnualReport"):
        render({"edition": "2021"}, "html")  # type: ignore[arg-type]


def test_unknown_option_is_a_type_error() -> None:
    with pytest.raises(TypeError):
        render(AnnualReport.empty("2021"), "markdown", standalone=True)


# ---------------------------------------------------------------- every format × every edition


def docx_text(data: bytes) -> str:
    """The text of a Word document's paragraphs, one per line (table cells included)."""
    import zipfile

    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    return "\n".join("".join(t.text or "" for t in p.iter(w + "t")) for p in root.iter(w + "p"))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_cell_and_section_is_rendered(fmt: str, case: str) -> None:
    report = numbered_report(case)
    out = render(report, fmt) if fmt != "docx" else docx_text(render(report, "docx"))
    cells = report.cells()
    if report.edition is Edition.LEGACY:
        assert cells == {}
    if fmt == "html":
        doc = lxml.html.fromstring(out)
        keyed = {td.get("data-key"): td.text_content() for td in doc.iter("td") if td.get("data-key")}
        assert keyed == {k: value_text(v) for k, v in cells.items()}
        for td in doc.iter("td"):
            assert td.get("data-key"), "every <td> carries a value and its key"
    elif fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert [r["key"] for r in rows] == list(cells)
        assert all(r["value"] == value_text(cells[r["key"]]) for r in rows)
    elif fmt == "json":
        assert from_json(out) == report
        assert json.loads(out)["edition"] == report.edition.value
    else:
        for value in cells.values():
            assert value_text(value) in out
        for table in report.spec.tables:
            for row in table.rows:
                if report.spec.row_printed(table.key, row.key, other_handling=report.prints_single_other_row):
                    assert row.label in out, row.label
                    assert all(g in out for g in row.groups)
                    for column in row.columns:
                        assert column.label in out, column.label
                    if row.caption:
                        assert row.caption in out
    if fmt != "csv":
        prose = ("第一段。", "（一）主动公开", "第二段。", "问题。",
                 "本年度未收取信息处理费。", "七、附件", "附表一份。")
        for text in prose:
            assert text in out, text
        assert "某某市人民政府办公室" in out
        for table in report.spec.tables:
            assert table.heading in out or fmt == "json"


@pytest.mark.parametrize("fmt", ["html", "markdown", "text"])
def test_2021_prints_either_the_single_other_row_or_its_subrows(fmt: str) -> None:
    split = render(numbered_report("2021"), fmt)
    single = render(numbered_report("2021-single-other"), fmt)
    sub_label = edition_spec("2021").table("requests").row("other_no_fee_paid").label
    assert sub_label in split
    assert sub_label not in single


def test_legacy_report_is_metadata_and_prose_only() -> None:
    report = numbered_report("legacy")
    for fmt in ("html", "markdown", "text"):
        out = render(report, fmt)
        assert "第二十条" not in out
        assert "申请人情况" not in out
    assert render(report, "csv").strip() == ",".join(RECORD_FIELDS)
    assert cell_records(report) == []


# ---------------------------------------------------------------- cells as printed


SPECIAL = {
    "requests.granted.research": None,
    "requests.granted.other": Placeholder("/"),
    "requests.granted.legal_service": Unreadable("约3件"),
    "proactive.licensing.change": -3,
    "proactive.licensing.prior_year_items": 0,
    "proactive.central_procurement.amount": Decimal("25.10"),
}


@pytest.mark.parametrize("fmt", ["html", "markdown", "text", "csv"])
def test_blank_placeholder_unreadable_and_signs_are_printed_as_they_were(fmt: str) -> None:
    report = AnnualReport.empty("2019").with_cells(SPECIAL)
    out = render(report, fmt)
    assert "约3件" in out
    assert "25.10" in out
    assert "-3" in out
    assert "+3" not in out
    if fmt == "html":
        doc = lxml.html.fromstring(out)
        by_key = {td.get("data-key"): td for td in doc.iter("td")}
        assert by_key["requests.granted.research"].text_content() == ""
        assert "gd-blank" in by_key["requests.granted.research"].get("class", "")
        assert by_key["requests.granted.other"].text_content() == "/"
        assert by_key["requests.granted.legal_service"].text_content() == "约3件"
        assert by_key["proactive.licensing.change"].text_content() == "-3"
        assert by_key["proactive.licensing.prior_year_items"].text_content() == "0"
        assert by_key["requests.new_received.total"].text_content() == ""
    if fmt == "csv":
        rows = {r["key"]: r for r in csv.DictReader(io.StringIO(out))}
        assert (rows["requests.granted.research"]["value"], rows["requests.granted.research"]["raw"]) == ("", "")
        assert (rows["requests.granted.other"]["value"], rows["requests.granted.other"]["raw"]) == ("", "/")
        assert rows["requests.granted.legal_service"]["raw"] == "约3件"
        assert rows["proactive.licensing.prior_year_items"]["value"] == "0"
        assert rows["proactive.central_procurement.amount"]["value"] == "25.10"


def test_money_never_prints_an_exponent() -> None:
    report = AnnualReport.empty("2021").with_cells({"proactive.admin_fees.amount": Decimal("1E+3")})
    for fmt in ("html", "markdown", "text", "csv"):
        out = render(report, fmt)
        assert "1000" in out
        assert "E+" not in out


def test_markup_in_labels_and_prose_is_escaped() -> None:
    report = AnnualReport.empty(
        "2021", title="<script>x</script>", overview=Section("一、总体情况", "a < b & c"),
    ).with_cells({"requests.granted.other": Unreadable("<b>3</b>")})
    out = render(report, "html")
    assert "<script>" not in out
    assert "&lt;b&gt;3&lt;/b&gt;" in out
    assert "a &lt; b &amp; c" in out


def test_markdown_escapes_pipes_in_cells() -> None:
    report = AnnualReport.empty("2021").with_cells({"requests.granted.other": Unreadable("3|4")})
    out = render(report, "markdown")
    assert "3\\|4" in out


# ---------------------------------------------------------------- HTML options


@attrs.frozen
class FakeFinding:
    code: str
    severity: str
    cells: tuple[str, ...]
    message: str


def test_findings_mark_their_cells() -> None:
    report = numbered_report("2021")
    findings = [
        FakeFinding("T3.ROW_TOTAL", "error", ("requests.granted.total", "requests.granted.natural_person"), "不等"),
        FakeFinding("T3.BALANCE", "warning", ("requests.granted.total",), "结转"),
        FakeFinding("X", "info", ("review_litigation.review.total",), "看看"),
    ]
    doc = lxml.html.fromstring(render(report, "html", findings=findings))
    by_key = {td.get("data-key"): td for td in doc.iter("td")}
    total = by_key["requests.granted.total"]
    assert total.get("class").split() == ["gd-finding", "gd-error"]
    assert "[T3.ROW_TOTAL] 不等" in total.get("title")
    assert "[T3.BALANCE] 结转" in total.get("title")
    assert by_key["requests.granted.natural_person"].get("class").split() == ["gd-finding", "gd-error"]
    assert by_key["review_litigation.review.total"].get("class").split() == ["gd-finding", "gd-info"]
    assert by_key["requests.granted.commercial"].get("class") is None
    assert by_key["requests.granted.commercial"].get("title") is None


def test_standalone_page() -> None:
    report = numbered_report("2021")
    page = render(report, "html", standalone=True)
    assert page.startswith("<!DOCTYPE html>")
    assert '<meta charset="utf-8">' in page
    assert f"<title>{report.title}</title>" in page
    assert "border-collapse: collapse" in page
    assert "@page { size: A4" in page
    assert page.count("<table") == 3
    fragment = render(report, "html")
    # the page's body is the fragment without its inline styles (the page has its stylesheet)
    assert re.sub(r' style="[^"]*"| border="1" cellspacing="0" cellpadding="3"', "", fragment) in page
    assert ' style="' not in page.split("</head>", 1)[1]
    assert "<!DOCTYPE" not in fragment
    assert "<style" not in fragment


def test_repr_html_is_the_html_fragment() -> None:
    report = numbered_report("2019")
    assert report._repr_html_() == render(report, "html")


# ---------------------------------------------------------------- text


def test_display_width_counts_cjk_as_two() -> None:
    assert display_width("abc") == 3
    assert display_width("总计") == 4
    assert display_width("（一）") == 6
    assert display_width("e\u0301") == 1


def test_text_tables_are_aligned_by_display_width() -> None:
    out = render(numbered_report("2021"), "text")
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.strip().startswith("自然人"))
    header = lines[start]
    rows = [ln for ln in lines[start + 1 : start + 40] if ln.rstrip()[-1:].isdigit()][:10]
    ends = {display_width(ln.rstrip()) for ln in rows}
    assert ends == {display_width(header.rstrip())}, "the 总计 column is right-aligned under its header"


# ---------------------------------------------------------------- records


def test_records_are_plain_and_complete() -> None:
    reports = [numbered_report("2019"), numbered_report("2021"), numbered_report("legacy")]
    records = cell_records(reports)
    assert len(records) == len(reports[0].cells()) + len(reports[1].cells())
    assert all(list(r) == list(RECORD_FIELDS) for r in records)
    first = records[0]
    assert first["key"] == "proactive.regulations.new_made"
    assert first["label"] == "第二十条第（一）项 › 规章 › 本年新制作数量"
    assert first["edition"] == "2019"
    assert first["value"] == 1001
    money = next(r for r in records if r["column"] == "amount")
    assert isinstance(money["value"], Decimal)
    commercial = next(r for r in records if r["key"] == "requests.withheld_state_secret.commercial")
    assert commercial["label"] == "三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密 › 法人或其他组织 › 商业企业"
    assert cell_records(reports[0]) == records[: len(reports[0].cells())]


def test_records_keep_raw_text_of_non_numbers() -> None:
    records = cell_records(AnnualReport.empty("2021").with_cells(SPECIAL_2021))
    (record,) = [r for r in records if r["key"] in SPECIAL_2021]
    assert (record["value"], record["raw"]) == (None, "不适用")


SPECIAL_2021 = {"proactive.coercion.decisions": Placeholder("不适用")}


def test_csv_has_a_header_row_and_can_leave_it_out() -> None:
    report = numbered_report("2021")
    with_header = render(report, "csv")
    without = render(report, "csv", header=False)
    assert with_header.splitlines()[0] == ",".join(RECORD_FIELDS)
    assert with_header.splitlines()[1:] == without.splitlines()


def test_to_pandas_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(MissingExtraError) as info:
        gd.to_pandas(numbered_report("2021"))
    assert info.value.extra == "pandas"
    assert info.value.package == "pandas"
    assert "to_pandas" in str(info.value)
    assert isinstance(info.value, ImportError)


class CallableMessageFinding:
    """A finding whose ``message`` is a method and whose severity is an enum-like object."""

    code = "T4.BLOCK_SUM"
    cells = ("review_litigation.review.total",)

    class severity:  # mimics an enum member with a .value
        value = "WARNING"

    def message(self) -> str:
        return "总计不等于各项之和"


def test_findings_with_message_methods_and_enum_severities() -> None:
    doc = lxml.html.fromstring(render(numbered_report("2019"), "html", findings=[CallableMessageFinding()]))
    (cell,) = [td for td in doc.iter("td") if td.get("data-key") == "review_litigation.review.total"]
    assert cell.get("class").split() == ["gd-finding", "gd-warning"]
    assert cell.get("title") == "[T4.BLOCK_SUM] 总计不等于各项之和"


def test_checker_findings_mark_the_broken_cell() -> None:
    from gov_disclosure import check

    report = AnnualReport.empty("2021").with_cells(
        {
            "review_litigation.review.upheld": 2,
            "review_litigation.review.corrected": 1,
            "review_litigation.review.total": 4,
        }
    )
    findings = [f for f in check(report) if f.code == "T4.BLOCK_SUM"]
    assert findings
    doc = lxml.html.fromstring(render(report, "html", findings=findings))
    by_key = {td.get("data-key"): td for td in doc.iter("td")}
    total = by_key["review_litigation.review.total"]
    assert "gd-finding" in total.get("class").split()
    assert total.get("title").startswith("[T4.BLOCK_SUM] ")
    assert by_key["review_litigation.litigation_direct.total"].get("class") == "gd-blank"


def test_top_level_names() -> None:
    import gov_disclosure
    from gov_disclosure import renderers

    assert gov_disclosure.render is renderers.render
    assert gov_disclosure.RENDERERS is renderers.RENDERERS
