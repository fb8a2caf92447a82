"""Splitting glued digit runs by the form's arithmetic."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure.model import ColumnKind, Edition, edition_spec
from gov_disclosure.parsers._segment import Group, Segment, SplitStatus, number_of, solve

C = ColumnKind.COUNT
APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
BLOCKS = ("review", "litigation_direct", "litigation_after_review")


def _row(name: str, *runs: str) -> Segment:
    keys = tuple(f"requests.{name}.{c}" for c in APPLICANTS)
    return Segment(runs, tuple(r.isdigit() for r in runs), (Group(keys, (C,) * 7, total_last=True),))


def _review(run: str) -> Segment:
    groups = tuple(
        Group(tuple(f"review_litigation.{b}.{c}" for c in ("upheld", "corrected", "other", "pending", "total")),
              (C,) * 5, total_last=True)
        for b in BLOCKS
    )
    return Segment((run,), (True,), groups)


def _documents(run: str) -> Segment:
    keys = tuple(f"proactive.normative_documents.{c}" for c in ("issued", "repealed", "in_force"))
    return Segment((run,), (True,), (Group(keys, (C,) * 3),))


def _values(pieces: dict[str, str] | object, prefix: str) -> list[str]:
    assert isinstance(pieces, dict)
    return [v for k, v in pieces.items() if k.startswith(prefix)]


def test_row_total_forces_the_split() -> None:
    result = solve([_row("new_received", "21710000218")])
    assert result.status is SplitStatus.UNIQUE
    assert list(result.pieces.values()) == ["217", "1", "0", "0", "0", "0", "218"]
    assert result.basis == ("row and block totals",)
    assert result.split_keys == frozenset(_row("new_received", "1").keys)


def test_block_totals_split_section_four() -> None:
    result = solve([_review("21317000001324019")])
    assert result.status is SplitStatus.UNIQUE
    assert list(result.pieces.values()) == ["2", "1", "3", "1", "7", "0", "0", "0", "0", "0", "13", "2", "4", "0", "19"]


def test_separate_cells_are_taken_as_printed_even_when_they_do_not_add_up() -> None:
    result = solve([_row("granted", "1", "2", "3", "4", "5", "6", "99")])
    assert result.status is SplitStatus.PRINTED
    assert result.pieces["requests.granted.total"] == "99"
    assert not result.split_keys


def test_prose_figures_narrow_a_split_without_sums() -> None:
    result = solve([_documents("8855698")], claims={"proactive.normative_documents.issued": 88,
                                                    "proactive.normative_documents.in_force": 698})
    assert result.status is SplitStatus.UNIQUE
    assert list(result.pieces.values()) == ["88", "55", "698"]
    assert "figures stated in the prose" in result.basis


def test_ambiguous_split_lists_every_candidate() -> None:
    result = solve([_documents("6233440")], claims={"proactive.normative_documents.issued": 62})
    assert result.status is SplitStatus.AMBIGUOUS
    splits = {(alt["proactive.normative_documents.repealed"], alt["proactive.normative_documents.in_force"])
              for alt in result.alternatives}
    assert splits == {("33", "440"), ("3", "3440"), ("334", "40"), ("3344", "0")}
    assert result.alternatives[0]["proactive.normative_documents.repealed"] == result.pieces[
        "proactive.normative_documents.repealed"]


def test_column_sums_settle_a_row_the_row_total_cannot() -> None:
    # granted and total_handled print 111000012: 1|11|0|0|0|0|12 or 11|1|0|0|0|0|12
    spec = edition_spec(Edition.V2019)
    rows = {r.key: ("0000000",) for r in spec.table("requests").rows}
    rows.update(granted=("111000012",), total_handled=("111000012",), new_received=("111000012",))
    ambiguous = solve([_row(name, *runs) for name, runs in rows.items()], relations=spec.relations())
    assert ambiguous.status is SplitStatus.AMBIGUOUS  # every column balances either way
    assert {alt["requests.granted.natural_person"] for alt in ambiguous.alternatives} == {"1", "11"}
    # new_received printed cell by cell pins each column through T3.BALANCE and T3.RESULT_SUM
    rows["new_received"] = ("11", "1", "0", "0", "0", "0", "12")
    result = solve([_row(name, *runs) for name, runs in rows.items()], relations=spec.relations())
    assert result.status is SplitStatus.UNIQUE
    assert result.pieces["requests.granted.natural_person"] == "11"
    assert result.pieces["requests.total_handled.commercial"] == "1"
    assert "column sums" in result.basis


def test_wrong_arithmetic_keeps_the_most_plausible_split_and_says_so() -> None:
    result = solve([_row("granted", "2110000030")])  # 21+1 != 30, nor any other split
    assert result.status is SplitStatus.INCONSISTENT
    assert len(result.pieces) == 7


def test_a_run_too_long_for_its_cells_is_impossible() -> None:
    result = solve([_row("granted", "7" * 300)])
    assert result.status is SplitStatus.IMPOSSIBLE
    result = solve([_review("1234567890" * 20)])
    assert result.status is SplitStatus.IMPOSSIBLE


def test_search_bound_is_reported() -> None:
    result = solve([_row("granted", "1" * 40)])
    assert result.status in (SplitStatus.INCONSISTENT, SplitStatus.CAPPED)
    assert result.capped or result.status is SplitStatus.INCONSISTENT


def test_money_keeps_its_decimals_and_unit() -> None:
    keys = ("proactive.central_procurement.projects", "proactive.central_procurement.amount")
    seg = Segment(("35771.19万元",), (True,), (Group(keys, (C, ColumnKind.MONEY)),))
    result = solve([seg])
    assert {alt[keys[1]] for alt in result.alternatives} >= {"71.19万元", "5771.19万元"}
    assert number_of("251000元", ColumnKind.MONEY) == Decimal("25.1")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 300), min_size=6, max_size=6))
def test_any_glued_row_splits_back_or_names_the_truth_among_candidates(parts: list[int]) -> None:
    printed = [*parts, sum(parts)]
    run = "".join(str(v) for v in printed)
    result = solve([_row("granted", run)])
    truth = dict(zip(_row("granted", run).keys, (str(v) for v in printed), strict=True))
    if result.status is SplitStatus.UNIQUE:
        assert dict(result.pieces) == truth
    else:
        assert result.status is SplitStatus.AMBIGUOUS
        assert any(all(truth[k] == v for k, v in alt.items()) for alt in result.alternatives)
