"""The report model: editions, stable keys, cells(), with_cells(), empty(), validation."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import (
    AnnualReport,
    Edition,
    GovDisclosureError,
    KeyLookupError,
    Placeholder,
    Unreadable,
    edition_spec,
)
from gov_disclosure.model import EDITIONS
from gov_disclosure.testing import reports
from helpers import load_truth, report_from_truth, truth_files, truth_value

_APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
_REQUEST_ROWS_COMMON = [
    "new_received",
    "carried_over",
    "granted",
    "partially_granted",
    "withheld_state_secret",
    "withheld_prohibited_by_law",
    "withheld_security_stability",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
    "withheld_inquiry",
    "unavailable_not_held",
    "unavailable_needs_creation",
    "unavailable_unclear",
    "rejected_petition",
    "rejected_duplicate",
    "rejected_publication",
    "rejected_excessive",
    "rejected_confirmation",
]
_REVIEW = [
    f"review_litigation.{b}.{c}"
    for b in ("review", "litigation_direct", "litigation_after_review")
    for c in ("upheld", "corrected", "other", "pending", "total")
]

# The key lists of FORMAT.md, written out here on purpose: the model must match them.
KEYS_2019 = (
    [
        f"proactive.{r}.{c}"
        for r in ("regulations", "normative_documents")
        for c in ("new_made", "new_published", "total_published")
    ]
    + [
        f"proactive.{r}.{c}"
        for r in ("licensing", "other_services", "penalties", "coercion")
        for c in ("prior_year_items", "change", "decisions")
    ]
    + [
        "proactive.admin_fees.prior_year_items",
        "proactive.admin_fees.change",
        "proactive.central_procurement.projects",
        "proactive.central_procurement.amount",
    ]
    + [
        f"requests.{r}.{c}"
        for r in [*_REQUEST_ROWS_COMMON, "other_handling", "total_handled", "carried_forward"]
        for c in _APPLICANTS
    ]
    + _REVIEW
)
KEYS_2021 = (
    [f"proactive.{r}.{c}" for r in ("regulations", "normative_documents") for c in ("issued", "repealed", "in_force")]
    + [
        "proactive.licensing.decisions",
        "proactive.penalties.decisions",
        "proactive.coercion.decisions",
        "proactive.admin_fees.amount",
    ]
    + [
        f"requests.{r}.{c}"
        for r in [
            *_REQUEST_ROWS_COMMON,
            "other_no_correction",
            "other_no_fee_paid",
            "other_other",
            "total_handled",
            "carried_forward",
        ]
        for c in _APPLICANTS
    ]
    + _REVIEW
)


def test_edition_from_string() -> None:
    assert Edition("2021") is Edition.V2021
    assert Edition("legacy") is Edition.LEGACY
    assert Edition.for_year(2020) is Edition.V2019
    assert Edition.for_year(2024) is Edition.V2021
    assert Edition.for_year(2015) is Edition.LEGACY


@pytest.mark.parametrize(("edition", "keys"), [("2019", KEYS_2019), ("2021", KEYS_2021), ("legacy", [])])
def test_cells_keys_are_the_format_key_list(edition: str, keys: list[str]) -> None:
    report = AnnualReport.empty(edition)
    assert list(report.cells()) == keys
    assert list(edition_spec(edition).cell_keys()) == keys
    assert all(v is None for v in report.cells().values())


def test_2021_single_other_row_replaces_subrows() -> None:
    report = AnnualReport.empty("2021")
    assert report.requests is not None
    single = attrs.evolve(
        report,
        requests=attrs.evolve(
            report.requests,
            other_handling=report.requests.granted,
            other_no_correction=None,
            other_no_fee_paid=None,
            other_other=None,
        ),
    )
    keys = list(single.cells())
    assert "requests.other_handling.total" in keys
    assert not any(k.startswith("requests.other_other.") for k in keys)
    assert single.prints_single_other_row


def test_attribute_access_by_stable_key() -> None:
    report = AnnualReport.empty("2021").with_cells({"requests.granted.natural_person": 7})
    assert report.requests is not None
    assert report.requests.granted.natural_person == 7
    assert report.cell("requests.granted.natural_person") == 7
    assert report.cells()["requests.granted.natural_person"] == 7


def test_with_cells_unknown_key_names_valid_keys() -> None:
    report = AnnualReport.empty("2019")
    with pytest.raises(KeyLookupError) as info:
        report.with_cells({"requests.granted.nobody": 1})
    assert "requests.granted.natural_person" in str(info.value)
    with pytest.raises(KeyLookupError) as info:
        report.with_cells({"requests.other_other.total": 1})  # a 2021 row in a 2019 report
    assert "other_handling" in str(info.value)
    assert isinstance(info.value, GovDisclosureError)
    assert isinstance(info.value, KeyError)


def test_with_cells_rejects_wrong_types() -> None:
    report = AnnualReport.empty("2021")
    with pytest.raises(GovDisclosureError):
        report.with_cells({"proactive.admin_fees.amount": 1.5})  # type: ignore[dict-item]
    with pytest.raises(GovDisclosureError):
        report.with_cells({"requests.granted.total": Decimal("1.5")})


def test_values_kept_apart() -> None:
    report = AnnualReport.empty("2019").with_cells(
        {
            "requests.granted.total": 0,
            "requests.granted.commercial": None,
            "requests.granted.research": Placeholder("/"),
            "requests.granted.other": Unreadable("十二"),
            "proactive.licensing.change": -18538,
            "proactive.central_procurement.amount": Decimal("25.1"),
            "requests.granted.natural_person": -1,
        }
    )
    cells = report.cells()
    assert cells["requests.granted.total"] == 0
    assert cells["requests.granted.commercial"] is None
    assert cells["requests.granted.research"] == Placeholder("/")
    assert cells["requests.granted.other"] == Unreadable("十二")
    assert cells["proactive.licensing.change"] == -18538
    assert cells["requests.granted.natural_person"] == -1  # representable; the checker reports it


def test_legacy_report_has_no_tables() -> None:
    report = AnnualReport.empty("legacy", title="某某2018年度报告", year=2018)
    assert report.requests is None
    assert report.proactive is None
    assert dict(report.cells()) == {}
    with pytest.raises(ValueError, match="legacy"):
        attrs.evolve(report, requests=AnnualReport.empty("2019").requests)


def test_proactive_must_match_edition() -> None:
    r2019 = AnnualReport.empty("2019")
    with pytest.raises(TypeError):
        attrs.evolve(r2019, proactive=AnnualReport.empty("2021").proactive)


def test_2019_report_refuses_2021_rows() -> None:
    r2019 = AnnualReport.empty("2019")
    r2021 = AnnualReport.empty("2021")
    assert r2019.requests is not None
    assert r2021.requests is not None
    with pytest.raises(ValueError, match="2021"):
        attrs.evolve(r2019, requests=attrs.evolve(r2019.requests, other_other=r2021.requests.granted))


def test_every_edition_describes_relations() -> None:
    for edition, spec in EDITIONS.items():
        rels = spec.relations()
        if edition is Edition.LEGACY:
            assert rels == ()
            continue
        codes = {r.code for r in rels}
        assert codes == {"T3.BALANCE", "T3.RESULT_SUM", "T3.ROW_TOTAL", "T4.BLOCK_SUM"}
        keys = set(spec.cell_keys())
        assert all(set(r.cells) <= keys for r in rels)


@pytest.mark.parametrize("truth_path", truth_files(), ids=lambda p: p.name)
def test_model_represents_every_corpus_table(truth_path: Path) -> None:
    truth = load_truth(truth_path)
    report = report_from_truth(truth)
    cells = report.cells()
    assert list(cells) == list(truth["values"])
    for key, want in truth["values"].items():
        assert cells[key] == truth_value(key, want), key


@given(reports(), st.data())
def test_with_cells_then_cells_returns_what_was_set(report: AnnualReport, data: st.DataObject) -> None:
    keys = list(report.cells())
    if not keys:
        return
    chosen = data.draw(st.lists(st.sampled_from(keys), min_size=1, max_size=10, unique=True))
    spec = report.spec
    kinds = {
        key: col.kind
        for _t, row, key in spec.iter_cells(other_handling=True)
        for col in row.columns
        if key.endswith("." + col.key)
    }
    kinds.update(
        {
            key: col.kind
            for _t, row, key in spec.iter_cells(other_handling=False)
            for col in row.columns
            if key.endswith("." + col.key)
        }
    )
    from gov_disclosure.testing import cell_values

    new = {k: data.draw(cell_values(kinds[k])) for k in chosen}
    changed = report.with_cells(new)
    cells = changed.cells()
    for key, value in new.items():
        assert cells[key] == value
    for key in keys:
        if key not in new:
            assert cells[key] == report.cells()[key]


def test_section_points() -> None:
    from gov_disclosure import Section

    section = Section("一、总体情况", "导语。\n（一）主动公开。\n内容。\n（二）依申请公开。")
    assert section.points() == ("导语。", "（一）主动公开。\n内容。", "（二）依申请公开。")
