"""check_series(): cross-year rules, ordering, duplicates, gaps, undated reports, the edition boundary."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, Edition
from gov_disclosure.checks import Finding, Severity, check_series
from gov_disclosure.model import CellValue

COLUMNS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")


def report(year: int | None, *, over: int | None = 0, forward: int | None = 0, edition: str | None = None,
           **cells: CellValue) -> AnnualReport:
    """A report whose carried-over and carried-forward totals (natural persons only) are given."""
    ed = edition or (Edition.for_year(year).value if year is not None else "2021")
    values: dict[str, CellValue] = {
        "requests.carried_over.natural_person": over,
        "requests.carried_over.total": over,
        "requests.carried_forward.natural_person": forward,
        "requests.carried_forward.total": forward,
    }
    values.update({k.replace("__", "."): v for k, v in cells.items()})
    title = None if year is None else f"{year}年度报告"
    return AnnualReport.empty(ed, year=year, title=title).with_cells(values)


def codes(findings: Sequence[Finding]) -> list[str]:
    return [f.code for f in findings]


def test_consistent_series_has_no_findings() -> None:
    series = [report(2019, over=0, forward=5), report(2020, over=5, forward=7), report(2021, over=7, forward=2),
              report(2022, over=2, forward=0)]
    assert check_series(series) == ()


def test_empty_and_single_series() -> None:
    assert check_series([]) == ()
    assert check_series([report(2022)]) == ()


def test_carry_over_mismatch_names_both_years() -> None:
    found = check_series([report(2022, forward=5), report(2023, over=3)])
    assert codes(found) == ["X.CARRY_OVER", "X.CARRY_OVER"]
    f = found[-1]
    assert f.severity is Severity.WARNING
    assert f.year == 2023
    assert f.scope == "requests.*.total"
    assert f.cells == ("2023:requests.carried_over.total", "2022:requests.carried_forward.total")
    assert (f.printed, f.computed, f.difference) == (3, 5, -2)
    assert "2022" in f.message()
    assert "carried forward in 2022 is 5" in f.message_en
    assert [g.scope for g in found] == ["requests.*.natural_person", "requests.*.total"]


def test_carry_over_is_checked_for_every_column() -> None:
    prev = report(2022).with_cells({f"requests.carried_forward.{c}": 1 for c in COLUMNS})
    cur = report(2023).with_cells({f"requests.carried_over.{c}": 2 for c in COLUMNS})
    assert [f.scope for f in check_series([prev, cur])] == [f"requests.*.{c}" for c in COLUMNS]


def test_blank_on_both_sides_is_not_compared() -> None:
    assert check_series([report(2022, forward=None), report(2023, over=None)]) == ()


def test_blank_on_one_side_counts_as_zero() -> None:
    (f,) = check_series([report(2022, forward=4).with_cells({"requests.carried_forward.total": 4}),
                                report(2023, over=None).with_cells({"requests.carried_over.total": 4})])
    assert (f.scope, f.printed, f.computed) == ("requests.*.natural_person", 0, 4)


def test_reports_out_of_order_are_sorted() -> None:
    series = [report(2021, over=7, forward=1), report(2019, forward=5), report(2020, over=5, forward=6)]
    found = check_series(series)
    assert codes(found) == ["X.CARRY_OVER", "X.CARRY_OVER"]
    assert {f.year for f in found} == {2021}
    assert found == check_series(sorted(series, key=lambda r: r.year or 0))


@settings(max_examples=30, deadline=None)
@given(st.permutations([report(2019, forward=5), report(2020, over=4, forward=6), report(2021, over=6),
                        report(2023, over=1), report(None)]))
def test_order_of_input_does_not_matter_except_for_undated(perm: list[AnnualReport]) -> None:
    found = check_series(perm)
    dated = [f for f in found if f.code != "X.NO_YEAR"]
    assert codes(dated) == ["X.GAP", "X.CARRY_OVER", "X.CARRY_OVER"]
    assert codes(found).count("X.NO_YEAR") == 1


def test_cross_edition_boundary_compares_section_three_only() -> None:
    r2020 = report(2020, forward=3, proactive__regulations__total_published=100,
                   proactive__regulations__new_published=4)
    r2021 = report(2021, over=2, proactive__regulations__in_force=50, proactive__regulations__issued=1)
    assert r2020.edition is Edition.V2019
    assert r2021.edition is Edition.V2021
    assert codes(check_series([r2020, r2021])) == ["X.CARRY_OVER", "X.CARRY_OVER"]


def test_in_force_follows_from_last_year() -> None:
    prev = report(2022, proactive__normative_documents__in_force=698)
    good = report(2023, proactive__normative_documents__in_force=700, proactive__normative_documents__issued=12,
                  proactive__normative_documents__repealed=10)
    assert check_series([prev, good]) == ()
    bad = good.with_cells({"proactive.normative_documents.in_force": 720})
    (f,) = check_series([prev, bad])
    assert f.code == "X.IN_FORCE"
    assert f.severity is Severity.WARNING
    assert f.scope == "proactive.normative_documents"
    assert f.cells == ("2023:proactive.normative_documents.in_force", "2022:proactive.normative_documents.in_force",
                       "2023:proactive.normative_documents.issued", "2023:proactive.normative_documents.repealed")
    assert (f.printed, f.computed, f.difference) == (720, 700, 20)


def test_in_force_needs_both_years_printed() -> None:
    prev = report(2022)
    cur = report(2023, proactive__regulations__in_force=9, proactive__regulations__issued=1)
    assert check_series([prev, cur]) == ()


def test_total_published_follows_from_last_year() -> None:
    prev = report(2019, proactive__regulations__total_published=520)
    cur = report(2020, proactive__regulations__total_published=524, proactive__regulations__new_published=13)
    (f,) = check_series([prev, cur])
    assert f.code == "X.TOTAL_PUBLISHED"
    assert (f.printed, f.computed) == (524, 533)
    assert f.cells == ("2020:proactive.regulations.total_published", "2019:proactive.regulations.total_published",
                       "2020:proactive.regulations.new_published")
    fixed = cur.with_cells({"proactive.regulations.new_published": 4})
    assert check_series([prev, fixed]) == ()


def test_report_on_the_wrong_edition_is_compared_by_its_tables() -> None:
    # a 2021 report printed on 2019-edition tables: section 二 compares with 2020's 2019-edition tables
    prev = report(2020, proactive__regulations__total_published=10)
    cur = report(2021, edition="2019", proactive__regulations__total_published=11,
                 proactive__regulations__new_published=2)
    assert codes(check_series([prev, cur])) == ["X.TOTAL_PUBLISHED"]


def test_duplicate_year_is_reported_and_not_compared() -> None:
    series = [report(2021, forward=5), report(2022, over=1), report(2022, over=5), report(2023, over=9)]
    found = check_series(series)
    assert codes(found) == ["X.DUPLICATE_YEAR"]
    (f,) = found
    assert f.year == 2022
    assert f.severity is Severity.WARNING
    assert f.detail == "#1 2022年度报告, #2 2022年度报告"


def test_gap_is_reported_and_not_bridged() -> None:
    found = check_series([report(2019, forward=5), report(2021, over=0)])
    assert codes(found) == ["X.GAP"]
    (f,) = found
    assert (f.year, f.detail, f.severity) == (2021, "2020", Severity.INFO)
    (g,) = check_series([report(2019), report(2023)])
    assert g.detail == "2020–2022"


def test_report_without_year_is_reported() -> None:
    found = check_series([report(2022), report(None)])
    assert codes(found) == ["X.NO_YEAR"]
    (f,) = found
    assert f.detail == "#1"
    assert f.year is None
    assert "#1" in f.message_en


def test_legacy_report_takes_no_part_in_comparisons() -> None:
    legacy = AnnualReport.empty("legacy", year=2018)
    assert check_series([legacy, report(2019, over=4)]) == ()


def test_series_findings_are_only_cross_year() -> None:
    broken = report(2022).with_cells({"review_litigation.review.upheld": 1})
    found = check_series([broken, report(2023)])
    assert all(f.code.startswith("X.") for f in found)
