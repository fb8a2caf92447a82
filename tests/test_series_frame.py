"""One agency year over year: series_frame (carried-over continuity, the 现行有效 chain) and check_series."""

from __future__ import annotations

import attrs
import lxml.html
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport
from gov_disclosure.testing import reports

pd = pytest.importorskip("pandas")

CHAIN_CODES = {"X.CARRY_OVER", "X.IN_FORCE", "X.TOTAL_PUBLISHED"}


@st.composite
def runs(draw: st.DrawFn) -> list[AnnualReport]:
    """Two or three consecutive years of one agency, of one edition, each cell as generated (so
    chains hold or not by chance), sometimes with a year's carried-over row copied from the year
    before (so that continuity holds)."""
    edition = draw(st.sampled_from(["2019", "2021"]))
    first = {"2019": 2019, "2021": 2021}[edition]
    count = draw(st.integers(2, 3 if edition == "2021" else 2))
    out: list[AnnualReport] = []
    for year in range(first, first + count):
        report = attrs.evolve(draw(reports(edition, prose=False)), year=year, agency="某某县教育局")
        if out and draw(st.booleans()):
            before = out[-1]
            assert before.requests is not None
            copied = {f"requests.carried_over.{k.rsplit('.', 1)[1]}": before.cell(k)
                      for k in before.cells() if k.startswith("requests.carried_forward.")}
            report = report.with_cells(copied)
        out.append(report)
    return out


@settings(max_examples=20)  # each example builds and checks up to three whole reports
@given(runs(), st.randoms(use_true_random=False))
def test_rows_that_do_not_hold_are_the_check_series_findings(run: list[AnnualReport], rnd: object) -> None:
    shuffled = list(run)
    rnd.shuffle(shuffled)  # type: ignore[attr-defined]
    frame = gd.series_frame(shuffled)
    findings = [f for f in gd.check_series(shuffled) if f.code in CHAIN_CODES]
    broken = frame[~frame["holds"]]
    rows = zip(broken["year"], broken["code"], broken["cells"], broken["printed"], broken["computed"], strict=True)
    assert sorted(rows) == sorted((f.year, f.code, f.cells, f.printed, f.computed) for f in findings)
    assert list(frame["year"]) == sorted(frame["year"])
    assert set(frame["year"]) <= {r.year for r in run[1:]}
    assert (frame["difference"] == frame["printed"] - frame["computed"]).all()
    assert (frame["holds"] == (frame["difference"] == 0)).all()
    assert set(frame["source"]) <= {f"#{shuffled.index(r)}" for r in run}


def test_a_chain_that_holds_and_one_that_does_not() -> None:
    before = AnnualReport.empty("2021", year=2022).with_cells({
        "proactive.regulations.in_force": 10, "proactive.normative_documents.in_force": 40,
        "requests.carried_forward.natural_person": 3, "requests.carried_forward.total": 3,
    })
    after = AnnualReport.empty("2021", year=2023).with_cells({
        "proactive.regulations.issued": 3, "proactive.regulations.repealed": 1, "proactive.regulations.in_force": 12,
        "proactive.normative_documents.issued": 2, "proactive.normative_documents.in_force": 45,
        "requests.carried_over.natural_person": 3, "requests.carried_over.total": 2,
    })
    frame = gd.series_frame({"a/2022.html": before, "a/2023.html": after})
    chain = frame[frame["code"] == "X.IN_FORCE"].set_index("scope")
    regs = chain.loc["proactive.regulations"]
    assert (regs["previous"], regs["added"], regs["removed"], regs["computed"], regs["printed"]) == (10, 3, 1, 12, 12)
    assert bool(regs["holds"])
    docs = chain.loc["proactive.normative_documents"]
    assert (docs["computed"], docs["printed"], docs["difference"], bool(docs["holds"])) == (42, 45, 3, False)
    assert (docs["source"], docs["previous_source"]) == ("a/2023.html", "a/2022.html")
    carry = frame[frame["code"] == "X.CARRY_OVER"].set_index("scope")
    assert set(carry.index) == {"requests.*.natural_person", "requests.*.total"}, "columns blank in both are left out"
    assert bool(carry.loc["requests.*.natural_person", "holds"])
    assert not bool(carry.loc["requests.*.total", "holds"])
    assert str(frame["previous"].dtype) == "Int64"
    assert frame["holds"].dtype == bool
    table = frame.pivot_table(index="year", columns="scope", values="holds", aggfunc="all")
    assert list(table.index) == [2023]


def test_years_not_compared_give_no_rows_and_failed_files_are_left_out() -> None:
    r2021 = AnnualReport.empty("2021", year=2021)
    r2023 = AnnualReport.empty("2021", year=2023)
    failed = gd.ParseError("SOURCE.UNREADABLE", {"path": "x.html", "reason": "cannot read"})
    frame = gd.series_frame([("x.txt", failed), r2021, r2023, AnnualReport.empty("2021")])
    assert frame.empty
    assert list(frame.columns)[:3] == ["agency", "year", "code"]
    codes = {f.code for f in gd.check_series([r2021, r2023, AnnualReport.empty("2021")])}
    assert {"X.GAP", "X.NO_YEAR"} <= codes


def test_check_series_output_shows_in_a_notebook_and_as_a_frame() -> None:
    before = AnnualReport.empty("2021", year=2022).with_cells({"requests.carried_forward.total": 5})
    after = AnnualReport.empty("2021", year=2023).with_cells({"requests.carried_over.total": 4})
    findings = gd.check_series([before, after])
    rows = lxml.html.fromstring(findings._repr_html_()).findall(".//tr")
    assert len(rows) == len(findings) + 1
    assert "X.CARRY_OVER" in rows[1].text_content()
    frame = gd.findings_frame(findings)
    assert list(frame["cells"]) == [f.cells for f in findings]


@settings(max_examples=10)
@given(runs(), runs(), st.randoms(use_true_random=False))
def test_a_corpus_of_several_agencies_is_linked_within_each_agency(first: list[AnnualReport],
                                                                   second: list[AnnualReport], rnd: object) -> None:
    """A whole corpus given at once: the links are each agency's own, never one agency's year against
    another's (the frame is the concatenation of each agency's frame); a report that states no agency
    among several agencies is linked to nothing."""
    other = [attrs.evolve(r, agency="甲乙市卫生健康委员会") for r in second]
    nameless = attrs.evolve(first[0], agency=None, year=max(r.year for r in [*first, *other]) + 1)
    mixed = [*first, *other, nameless]
    rnd.shuffle(mixed)  # type: ignore[attr-defined]
    frame = gd.series_frame(mixed)
    for agency, run in (("某某县教育局", first), ("甲乙市卫生健康委员会", other)):
        own = gd.series_frame([r for r in mixed if r.agency == agency])
        mine = frame[frame["agency"] == agency]
        assert list(mine["year"]) == list(own["year"])
        assert list(mine["code"]) == list(own["code"])
        assert list(mine["holds"]) == list(own["holds"])
        assert list(mine["scope"]) == list(own["scope"])
        assert {int(y) for y in mine["year"]} <= {r.year for r in run[1:]}
    assert len(frame) == len(gd.series_frame(first)) + len(gd.series_frame(other))
    assert frame["agency"].notna().all()


def test_a_report_without_agency_joins_the_one_agency_the_others_state() -> None:
    before = AnnualReport.empty("2021", year=2022).with_cells({"requests.carried_forward.total": 3})
    after = AnnualReport.empty("2021", year=2023, agency="某某县教育局").with_cells({"requests.carried_over.total": 3})
    frame = gd.series_frame([before, after])
    carried = frame[(frame["code"] == "X.CARRY_OVER") & (frame["scope"] == "requests.*.total")]
    assert list(carried["holds"]) == [True]
