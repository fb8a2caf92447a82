"""check(): the in-report rules, over generated consistent reports, the corpus, and cases."""

from __future__ import annotations

import doctest
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gov_disclosure.checks._findings
import gov_disclosure.checks._rules
from gov_disclosure import AnnualReport, Edition, Placeholder, Section, Unreadable, edition_spec
from gov_disclosure.checks import Finding, Repair, Severity, Verdict, check, verdict
from gov_disclosure.model import CellValue, ColumnKind
from gov_disclosure.testing import reports
from helpers import CORPUS, truth_files

TRUTHS = truth_files()

# ------------------------------------------------------------------ a consistent report, by construction


@st.composite
def consistent_reports(draw: st.DrawFn, edition: Edition | None = None) -> AnnualReport:
    """A report of the 2019 or 2021 edition whose every in-report sum holds.

    Leaf cells (results × applicant columns, carried over/forward) are random, zero-valued
    ones sometimes printed blank; totals are derived and always printed.
    """
    if edition is None:
        edition = draw(st.sampled_from([Edition.V2019, Edition.V2021]))
    single_other = edition is Edition.V2019 or draw(st.booleans())
    spec = edition_spec(edition)
    requests = spec.table("requests")
    applicant = [c.key for c in requests.rows[0].columns if c.key != "total"]
    result_rows = [
        r.key
        for r in requests.rows
        if r.key not in ("new_received", "carried_over", "total_handled", "carried_forward")
        and spec.row_printed("requests", r.key, other_handling=single_other)
    ]
    small = st.integers(0, 40)

    def leaf(value: int) -> int | None:
        return None if value == 0 and draw(st.booleans()) else value

    values: dict[str, CellValue] = {}
    sparse = draw(st.booleans())  # most result cells zero, as in real reports
    for col in applicant:
        handled = 0
        for row in result_rows:
            v = draw(st.integers(0, 3) if sparse else small)
            handled += v
            values[f"requests.{row}.{col}"] = leaf(v)
        forward = draw(small)
        over = draw(st.integers(0, handled + forward))
        values[f"requests.total_handled.{col}"] = handled
        values[f"requests.carried_forward.{col}"] = leaf(forward)
        values[f"requests.carried_over.{col}"] = leaf(over)
        values[f"requests.new_received.{col}"] = leaf(handled + forward - over)
    for row in [*result_rows, "new_received", "carried_over", "total_handled", "carried_forward"]:
        values[f"requests.{row}.total"] = sum(values[f"requests.{row}.{c}"] or 0 for c in applicant)  # type: ignore[misc]
    for block in ("review", "litigation_direct", "litigation_after_review"):
        parts = {p: draw(st.integers(0, 15)) for p in ("upheld", "corrected", "other", "pending")}
        for part, v in parts.items():
            values[f"review_litigation.{block}.{part}"] = leaf(v)
        values[f"review_litigation.{block}.total"] = sum(parts.values())
    for prow in spec.table("proactive").rows:
        for pcol in prow.columns:
            key = f"proactive.{prow.key}.{pcol.key}"
            if prow.key == "regulations":
                values[key] = draw(st.integers(0, 100))
            elif pcol.kind is ColumnKind.MONEY:
                values[key] = draw(st.none() | st.decimals(0, 100000, places=2))
            elif pcol.kind is ColumnKind.SIGNED:
                values[key] = draw(st.none() | st.integers(-500, 500))
            else:
                values[key] = draw(st.none() | st.integers(0, 5000))
    year = draw(st.integers(2019, 2020) if edition is Edition.V2019 else st.integers(2021, 2026))
    report = AnnualReport.empty(
        edition,
        year=year,
        agency="某某市人民政府办公室",
        overview=Section("一、总体情况", "（一）主动公开 …"),
        problems=Section("五、存在的主要问题及改进情况", "…"),
        other_matters=Section("六、其他需要报告的事项", "无。"),
    )
    if edition is Edition.V2021 and single_other:
        assert report.requests is not None
        report = attrs.evolve(
            report,
            requests=attrs.evolve(report.requests, other_no_correction=None, other_no_fee_paid=None,
                                  other_other=None),
        )
    return report.with_cells(values)


def relations_of(report: AnnualReport) -> dict[str, int]:
    """How many relations of the report's edition each cell sits in."""
    counts: dict[str, int] = {}
    for rel in report.spec.relations(other_handling=report.prints_single_other_row):
        for key in rel.cells:
            counts[key] = counts.get(key, 0) + 1
    return counts


def errors(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def loud(findings: tuple[Finding, ...]) -> list[Finding]:
    return [f for f in findings if f.severity is not Severity.INFO]


# Example counts come from the Hypothesis profile (tests/conftest.py: ``ci`` bounded, ``dev`` more).
PROPERTY = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Consistent reports of both editions: the local strategy above and the library's own
#: (``gov_disclosure.testing.reports``, with section 二 free of placeholders).
any_consistent = st.one_of(
    consistent_reports(),
    st.sampled_from(["2019", "2021"]).flatmap(lambda e: reports(edition=e, placeholders=False)),
)


@PROPERTY
@given(consistent_reports())
def test_consistent_report_has_no_error_or_warning(report: AnnualReport) -> None:
    assert loud(check(report)) == []


@PROPERTY
@given(reports())
def test_library_strategy_reports_have_no_error(report: AnnualReport) -> None:
    findings = check(report)
    assert errors(findings) == []
    # section 二 of those reports may be all blank or carry placeholders; nothing else is loud
    assert {(f.code, f.scope) for f in loud(findings)} <= {("S.TABLE_EMPTY", "proactive")} | {
        ("VALUE.PLACEHOLDER", f.scope) for f in findings if (f.scope or "").startswith("proactive.")}


@PROPERTY
@given(st.data())
def test_one_changed_cell_is_named_and_repaired(data: st.DataObject) -> None:
    report = data.draw(any_consistent)
    numeric = [
        key
        for key, value in report.cells().items()
        if key.split(".")[0] in ("requests", "review_litigation") and isinstance(value, int)
    ]
    key = data.draw(st.sampled_from(numeric))
    original = report.cell(key)
    assert isinstance(original, int)
    delta = data.draw(st.integers(-50, 50).filter(bool))
    broken = report.with_cells({key: original + delta})

    found = errors(check(broken))

    assert found
    assert all(key in f.cells for f in found)
    sums = [f for f in found if f.code != "VALUE.NEGATIVE"]
    assert sums
    if relations_of(report)[key] >= 2:
        for f in found:
            assert f.repair == Repair(key, original, printed=original + delta)


@PROPERTY
@given(st.data())
def test_one_blank_cell_filled_is_named(data: st.DataObject) -> None:
    report = data.draw(any_consistent)
    blanks = [k for k, v in report.cells().items() if k.split(".")[0] != "proactive" and v is None]
    if not blanks:
        return
    key = data.draw(st.sampled_from(blanks))
    broken = report.with_cells({key: data.draw(st.integers(1, 50))})
    found = errors(check(broken))
    assert found
    assert all(key in f.cells for f in found)
    if relations_of(report).get(key, 0) >= 2:
        assert all(f.repair == Repair(key, 0, printed=broken.cell(key)) for f in found)


# ------------------------------------------------------------------ the corpus


def truth_report(path: Path) -> tuple[AnnualReport, dict[str, Any]]:
    truth = json.loads(path.read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    report = AnnualReport.empty(truth["edition"], year=truth["year"], agency=truth["agency"]).with_cells(values)
    return report, truth


def test_corpus_is_there() -> None:
    assert len(TRUTHS) >= 6, f"expected the corpus truths in {CORPUS}"


@pytest.mark.parametrize("path", TRUTHS, ids=lambda p: p.name.removesuffix(".truth.json"))
def test_corpus_truth_gets_exactly_its_expected_findings(path: Path) -> None:
    report, truth = truth_report(path)
    codes = sorted(f.code for f in loud(check(report)))
    assert codes == sorted(truth["expected_findings"])


def test_shanghai_blank_totals_are_info_only() -> None:
    report, _ = truth_report(CORPUS / "shanghai-office-2019.truth.json")
    findings = check(report)
    assert all(f.severity is Severity.INFO for f in findings)
    unassessed = {f.cells[0]: f for f in findings if f.code == "T.NOT_ASSESSABLE"}
    granted = unassessed["requests.granted.total"]
    assert granted.relation == "T3.ROW_TOTAL"
    assert granted.computed == 258 + 12 + 1 + 1
    assert granted.printed is None
    assert granted.difference is None


# ------------------------------------------------------------------ the real case of FORMAT.md


def review(**cells: CellValue) -> AnnualReport:
    return AnnualReport.empty("2021", year=2023).with_cells(
        {f"review_litigation.review.{k}": v for k, v in cells.items()}
    )


def test_review_total_printed_zero_beside_upheld_ten_is_repaired_to_eleven() -> None:
    findings = errors(check(review(upheld=10, corrected=1, total=0)))
    assert [f.code for f in findings] == ["T4.BLOCK_SUM"]
    (f,) = findings
    assert f.cells[0] == "review_litigation.review.total"
    assert set(f.cells) == {f"review_litigation.review.{c}" for c in ("total", "upheld", "corrected", "other",
                                                                          "pending")}
    assert (f.printed, f.computed, f.difference) == (0, 11, -11)
    assert f.repair == Repair("review_litigation.review.total", 11, printed=0)
    assert f.repairs == (f.repair,)
    assert "review_litigation.review.total = 11" in f.message()
    assert "review_litigation.review.total = 11" in f.message(lang="en")


def test_several_equally_good_repairs_are_listed_not_guessed() -> None:
    (f,) = errors(check(review(upheld=3, corrected=1, other=0, pending=0, total=5)))
    assert f.repair is None
    assert f.ambiguous
    assert {r.cell.rsplit(".", 1)[1]: r.value for r in f.repairs} == {
        "upheld": 4, "corrected": 2, "other": 1, "pending": 1, "total": 4}
    assert "5" in f.message_en
    assert "cannot tell" in f.message_en


def test_independent_failures_are_repaired_separately() -> None:
    report = AnnualReport.empty("2021", year=2023).with_cells({
        "review_litigation.review.upheld": 10, "review_litigation.review.corrected": 1,
        "review_litigation.review.total": 0,
        "review_litigation.litigation_direct.upheld": 4, "review_litigation.litigation_direct.pending": 2,
        "review_litigation.litigation_direct.total": 0,
    })
    found = {f.scope: f.repair for f in errors(check(report))}
    assert found == {
        "review_litigation.review": Repair("review_litigation.review.total", 11, printed=0),
        "review_litigation.litigation_direct": Repair("review_litigation.litigation_direct.total", 6, printed=0),
    }


def test_a_lone_nonzero_part_beside_a_zero_total_is_ambiguous() -> None:
    # total 0 beside upheld 10: either the total lost its 10, or the 10 is spurious.
    (f,) = errors(check(review(upheld=10, total=0)))
    assert f.repair is None
    assert set(f.repairs) == {Repair("review_litigation.review.total", 10, printed=0),
                              Repair("review_litigation.review.upheld", 0, printed=10)}


def test_two_wrong_cells_in_section_three_have_no_single_repair() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    broken = report.with_cells({"requests.granted.natural_person": 1289, "requests.withheld_inquiry.commercial": 7})
    found = errors(check(broken))
    assert {f.code for f in found} == {"T3.ROW_TOTAL", "T3.RESULT_SUM"}
    assert all(f.repairs == () for f in found)
    assert "若只有一格有误" not in found[0].message()


def test_crossing_of_row_and_column_names_the_cell() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    broken = report.with_cells({"requests.granted.natural_person": 1300})
    found = errors(check(broken))
    assert [(f.code, f.scope, f.difference) for f in found] == [
        ("T3.RESULT_SUM", "requests.*.natural_person", -12),
        ("T3.ROW_TOTAL", "requests.granted", -12),
    ]
    assert {f.repair for f in found} == {Repair("requests.granted.natural_person", 1288, printed=1300)}


def test_wrong_balance_total_handled_is_named() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    th = report.cell("requests.total_handled.total")
    assert isinstance(th, int)
    found = errors(check(report.with_cells({"requests.total_handled.total": th + 1})))
    assert {f.code for f in found} == {"T3.BALANCE", "T3.RESULT_SUM", "T3.ROW_TOTAL"}
    assert {f.repair for f in found} == {Repair("requests.total_handled.total", th, printed=th + 1)}


# ------------------------------------------------------------------ blanks, placeholders, unreadable


def test_blank_total_is_not_assessable_with_the_derived_value() -> None:
    (f,) = check(review(upheld=2, pending=1).with_cells({"review_litigation.review.total": None}))[-1:]
    assert f.code == "T.NOT_ASSESSABLE"
    assert f.severity is Severity.INFO
    assert f.relation == "T4.BLOCK_SUM"
    assert f.cells[0] == "review_litigation.review.total"
    assert f.computed == 3
    assert "3" in f.message()
    assert "T4.BLOCK_SUM" in f.message_en


def test_all_blank_block_says_nothing() -> None:
    report = AnnualReport.empty("2021", year=2023).with_cells({"review_litigation.review.upheld": 1,
                                                               "review_litigation.review.total": 1})
    assert not [f for f in check(report) if f.code.startswith("T")]


def test_blank_total_used_as_an_addend_stands_for_its_parts() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    granted = report.cell("requests.granted.total")
    blanked = report.with_cells({"requests.granted.total": None})
    findings = check(blanked)
    assert loud(findings) == []
    (f,) = [f for f in findings if f.code == "T.NOT_ASSESSABLE"]
    assert (f.relation, f.computed) == ("T3.ROW_TOTAL", granted)


def test_placeholder_total_is_reported_and_not_assessed() -> None:
    findings = check(review(upheld=2, total=Placeholder("/")))
    codes = [(f.code, f.severity) for f in findings if f.code not in ("S.TABLE_EMPTY", "S.NO_PROSE")]
    # the one filled block's total is a placeholder: not one sum could be checked
    assert codes == [("S.NOTHING_CHECKED", Severity.INFO), ("VALUE.PLACEHOLDER", Severity.WARNING),
                     ("T.NOT_ASSESSABLE", Severity.INFO)]
    assert verdict(findings) is Verdict.NOT_ASSESSED
    assert findings[[f.code for f in findings].index("VALUE.PLACEHOLDER")].detail == "/"


def test_placeholder_addend_counts_as_blank() -> None:
    findings = check(review(upheld=2, corrected=Placeholder("—"), total=2))
    assert [f.code for f in loud(findings) if f.code != "S.TABLE_EMPTY"] == ["VALUE.PLACEHOLDER"]


def test_unreadable_cell_is_reported_and_summed_as_blank() -> None:
    findings = check(review(upheld=2, corrected=Unreadable("二"), total=4))
    codes = [f.code for f in loud(findings) if f.code != "S.TABLE_EMPTY"]
    assert codes == ["VALUE.UNREADABLE", "T4.BLOCK_SUM"]
    (f,) = [f for f in findings if f.code == "VALUE.UNREADABLE"]
    assert (f.cells, f.detail) == (("review_litigation.review.corrected",), "二")
    (s,) = errors(findings)
    assert s.repairs
    assert Repair("review_litigation.review.corrected", 2, printed=Unreadable("二")) in s.repairs


def test_negative_count_is_an_error_but_change_may_be_negative() -> None:
    report = AnnualReport.empty("2019", year=2020).with_cells(
        {"proactive.licensing.change": -18538, "proactive.regulations.new_made": -1}
    )
    found = [f for f in check(report) if f.code == "VALUE.NEGATIVE"]
    assert [(f.cells, f.printed, f.severity) for f in found] == [
        (("proactive.regulations.new_made",), -1, Severity.ERROR)
    ]


def test_negative_money_is_an_error() -> None:
    report = AnnualReport.empty("2021", year=2022).with_cells({"proactive.admin_fees.amount": Decimal("-1.5")})
    (f,) = [f for f in check(report) if f.code == "VALUE.NEGATIVE"]
    assert f.printed == Decimal("-1.5")


def test_negative_cell_carries_its_repair() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    broken = report.with_cells({"requests.granted.research": -3})
    (neg,) = [f for f in check(broken) if f.code == "VALUE.NEGATIVE"]
    assert neg.repair == Repair("requests.granted.research", 0, printed=-3)


# ------------------------------------------------------------------ structure


def test_missing_table_is_an_error() -> None:
    report = attrs.evolve(AnnualReport.empty("2021", year=2022), requests=None)
    found = [f for f in check(report) if f.code == "S.TABLE_MISSING"]
    assert [(f.scope, f.severity, f.detail) for f in found] == [
        ("requests", Severity.ERROR, "三、收到和处理政府信息公开申请情况")
    ]


def test_empty_tables_are_warnings() -> None:
    found = [f.scope for f in check(AnnualReport.empty("2019", year=2019)) if f.code == "S.TABLE_EMPTY"]
    assert found == ["proactive", "requests", "review_litigation"]


def test_missing_prose_section_is_a_warning_when_the_report_has_prose() -> None:
    report = AnnualReport.empty("2021", year=2022, overview=Section("一、总体情况", "…"))
    found = [(f.code, f.scope) for f in check(report)
             if f.code.startswith("S.") and f.code not in ("S.TABLE_EMPTY", "S.NOTHING_CHECKED")]
    assert found == [("S.SECTION_MISSING", "problems"), ("S.SECTION_MISSING", "other_matters")]


def test_table_only_report_is_noted_once() -> None:
    found = [f for f in check(AnnualReport.empty("2021", year=2022)) if f.code.startswith("S.")]
    assert [(f.code, f.severity) for f in found if f.code not in ("S.TABLE_EMPTY", "S.NOTHING_CHECKED")] == [
        ("S.NO_PROSE", Severity.INFO)]


@pytest.mark.parametrize(
    ("edition", "year", "expected"),
    [("2019", 2022, "2021"), ("2021", 2020, "2019"), ("2019", 2019, None), ("2021", 2021, None),
     ("legacy", 2018, None), ("legacy", 2019, "2019"), ("2019", 2017, "legacy"), ("2021", None, None)],
)
def test_edition_must_match_the_year(edition: str, year: int | None, expected: str | None) -> None:
    found = [f for f in check(AnnualReport.empty(edition, year=year)) if f.code == "S.EDITION_YEAR"]
    if expected is None:
        assert found == []
    else:
        (f,) = found
        assert (f.severity, f.year, f.detail) == (Severity.WARNING, year, edition)
        assert f"{expected} 版" in f.message()
        assert f"{expected} edition" in f.message_en


def test_legacy_report_has_no_table_or_section_findings_only_its_verdict() -> None:
    findings = check(AnnualReport.empty("legacy", year=2018))
    assert [(f.code, f.severity) for f in findings] == [("S.LEGACY", Severity.INFO)]
    assert verdict(findings) is Verdict.NOT_ASSESSED


def test_2021_report_printing_other_handling_as_one_row() -> None:
    report, _ = truth_report(CORPUS / "huaian-2024.truth.json")
    assert report.requests is not None
    subrows = ("other_no_correction", "other_no_fee_paid", "other_other")
    values: dict[str, CellValue] = {}
    for col in ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total"):
        values[f"requests.other_handling.{col}"] = sum(report.cell(f"requests.{r}.{col}") or 0  # type: ignore[misc]
                                                       for r in subrows)
    single = attrs.evolve(report, requests=attrs.evolve(report.requests, other_no_correction=None,
                                                        other_no_fee_paid=None, other_other=None))
    single = single.with_cells(values)
    assert single.prints_single_other_row
    assert loud(check(single)) == []
    broken = single.with_cells({"requests.other_handling.natural_person": 1000})
    assert {f.code for f in errors(check(broken))} == {"T3.RESULT_SUM", "T3.ROW_TOTAL"}


# ------------------------------------------------------------------ the Finding record


def test_finding_is_frozen_hashable_and_keyword_built() -> None:
    f = Finding("T4.BLOCK_SUM", Severity.ERROR, cells=("a", "b"), printed=1, computed=3, scope="x")
    assert f.difference == -2
    assert hash(f) == hash(attrs.evolve(f))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        f.code = "X"  # type: ignore[misc]


def test_message_languages() -> None:
    (f,) = errors(check(review(upheld=10, corrected=1, total=0)))
    assert f.message() == f.message(lang="zh")
    assert "总计印为 0" in f.message()
    assert f.message(lang="en") == f.message_en
    assert "total printed 0" in f.message_en
    assert str(f) == f.describe() == f"[T4.BLOCK_SUM] 错误：{f.message()}"
    assert f.describe("en") == f"[T4.BLOCK_SUM] error: {f.message_en}"
    with pytest.raises(ValueError, match="lang"):
        f.message(lang="fr")  # type: ignore[arg-type]


def test_findings_of_a_report_carry_its_year() -> None:
    assert {f.year for f in check(review(upheld=1, total=2))} == {2023}


def test_check_rejects_what_is_not_a_report() -> None:
    with pytest.raises(TypeError):
        check({"requests.granted.total": 1})  # type: ignore[arg-type]


@pytest.mark.parametrize("module", [gov_disclosure.checks._rules, gov_disclosure.checks._findings])
def test_docstring_examples(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.attempted > 0
    assert result.failed == 0


# ------------------------------------------------------------------ honest verdicts


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda edition: reports(edition)))
def test_a_report_whose_sums_hold_is_checked_and_holds(report: AnnualReport) -> None:
    findings = check(report)
    assert not {"S.NOTHING_CHECKED", "S.LEGACY"} & {f.code for f in findings}
    assert verdict(findings) is Verdict.HOLDS


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda edition: reports(edition)), st.data())
def test_one_filled_sum_is_enough_to_check(report: AnnualReport, data: st.DataObject) -> None:
    # blank every cell but those of one sum: that sum is still checked
    relation = data.draw(st.sampled_from(report.spec.relations()))
    keep = set(relation.cells)
    if not any(isinstance(report.cell(k), (int, Decimal)) for k in keep):
        return
    blanked = report.with_cells({k: None for k in report.cells() if k not in keep})
    assert "S.NOTHING_CHECKED" not in {f.code for f in check(blanked)}


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_blank_tables_check_nothing(edition: str) -> None:
    findings = check(AnnualReport.empty(edition, year=2019 if edition == "2019" else 2023))
    assert "S.NOTHING_CHECKED" in {f.code for f in findings}
    assert verdict(findings) is Verdict.NOT_ASSESSED


def test_an_error_outranks_not_assessed() -> None:
    report = AnnualReport.empty("2021", year=2023).with_cells({"proactive.regulations.issued": -1})
    assert verdict(check(report)) is Verdict.ERRORS
