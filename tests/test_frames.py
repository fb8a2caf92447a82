"""A corpus as data: to_records / to_pandas (long and wide), findings_frame and problems_frame."""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport, Location, ParseResult, Placeholder, Problem, ProblemSeverity, Unreadable
from gov_disclosure.testing import reports
from helpers import REPO

pd = pytest.importorskip("pandas")

EXAMPLES = REPO / "examples"
SUFFIXES = {".html", ".txt"}
UNCERTAIN = {"ambiguous", "unconfirmed"}


def example_paths() -> list[str]:
    return [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in SUFFIXES]


def named_cells(problem: Problem) -> set[str]:
    """What a problem names, read independently of the library: its key and its candidates' keys."""
    keys = {str(k) for candidate in problem.candidates for k in candidate}
    if problem.location.key is not None:
        keys.add(problem.location.key)
    return keys


# ---------------------------------------------------------------- the "done when" of the examples folder


def test_to_pandas_over_parse_many_of_the_examples_folder() -> None:
    paths = example_paths()
    items = list(gd.parse_many(paths))
    frame = gd.to_pandas(items)

    assert list(frame.columns) == list(gd.to_records(items)[0])
    assert str(frame["value"].dtype) == "Int64"
    assert str(frame["year"].dtype) == "Int64"
    assert frame["amount"].dtype == object
    assert all(isinstance(a, Decimal) for a in frame["amount"].dropna())
    assert isinstance(frame["status"].dtype, pd.CategoricalDtype)
    assert set(frame["source"]) == set(paths), "every file is there, under its path"

    split_cells = {
        (item.path, key)
        for item in items
        if item.result is not None
        for problem in item.result.problems
        if problem.code.startswith("SPLIT.")
        for key in named_cells(problem)
    }
    assert split_cells, "the examples hold a glued report with an ambiguous split"
    flagged = {(s, k) for s, k, st_ in zip(frame["source"], frame["key"], frame["status"], strict=True)
               if st_ in UNCERTAIN}
    assert flagged == split_cells

    legacy = [i.path for i in items if i.result is not None and i.result.report.edition is gd.Edition.LEGACY]
    assert legacy, "the examples hold a legacy report"
    for path in legacy:
        rows = frame[frame["source"] == path]
        assert len(rows) == 1
        assert rows["status"].iloc[0] == "legacy"
        assert rows["edition"].iloc[0] == "legacy"
        assert pd.isna(rows["key"].iloc[0])

    counts = frame[frame["status"] == "number"]
    for item in items:
        assert item.result is not None
        report = item.result.report
        mine = counts[counts["source"] == item.path]
        for key, value, amount in zip(mine["key"], mine["value"], mine["amount"], strict=True):
            assert report.cell(key) == (amount if pd.isna(value) else value)


def test_a_file_that_failed_is_one_row_that_says_so() -> None:
    items = list(gd.parse_many([str(EXAMPLES / "pingtan-2022.txt"), str(EXAMPLES / "no-such-file.txt")]))
    frame = gd.to_pandas(items)
    failed = frame[frame["status"] == "failed"]
    assert list(failed["source"]) == [str(EXAMPLES / "no-such-file.txt")]
    assert "SOURCE.NOT_FOUND" in failed["raw"].iloc[0]
    assert len(frame) == len(gd.parse(EXAMPLES / "pingtan-2022.txt").report.cells()) + 1


# ---------------------------------------------------------------- generated reports


@given(st.lists(reports(), min_size=1, max_size=3))
def test_records_type_every_cell_of_generated_reports(batch: list[AnnualReport]) -> None:
    records = gd.to_records(batch)
    for position, report in enumerate(batch):
        mine = [r for r in records if r["source"] == f"#{position}"]
        if report.edition is gd.Edition.LEGACY:
            assert [(r["status"], r["key"]) for r in mine] == [("legacy", None)]
            continue
        assert [r["key"] for r in mine] == list(report.cells())
        for record in mine:
            value = report.cell(str(record["key"]))
            assert record["agency"] == report.agency
            assert record["year"] == report.year
            if value is None:
                assert (record["status"], record["value"], record["amount"], record["raw"]) == ("blank", None, None, "")
            elif isinstance(value, Placeholder):
                assert (record["status"], record["value"], record["raw"]) == ("placeholder", None, value.raw)
            elif isinstance(value, Decimal):
                assert (record["status"], record["value"], record["amount"]) == ("number", None, value)
            else:
                assert (record["status"], record["value"], record["amount"]) == ("number", value, None)
    frame = gd.to_pandas(batch)
    assert len(frame) == len(records)
    assert str(frame["value"].dtype) == "Int64"


def _keys(edition: str) -> list[str]:
    return list(gd.edition_spec(edition).cell_keys())


@given(st.data())
def test_every_cell_a_split_problem_names_is_flagged(data: st.DataObject) -> None:
    edition = data.draw(st.sampled_from(["2019", "2021"]))
    report = data.draw(reports(edition))
    keys = list(report.cells())  # the cells this report prints
    problems = []
    expected: dict[str, str] = {}
    for _ in range(data.draw(st.integers(1, 4))):
        code = data.draw(st.sampled_from(["SPLIT.AMBIGUOUS", "SPLIT.UNCONFIRMED", "SPLIT.INCONSISTENT"]))
        at = data.draw(st.sampled_from([*keys, None]))
        alternatives = data.draw(st.lists(st.lists(st.sampled_from(keys), min_size=1, max_size=3), max_size=3))
        problems.append(Problem(code, ProblemSeverity.WARNING, {}, Location(key=at),
                                candidates=tuple(dict.fromkeys(alt, 1) for alt in alternatives)))
        status = "ambiguous" if code == "SPLIT.AMBIGUOUS" else "unconfirmed"
        for key in {k for alt in alternatives for k in alt} | ({at} if at else set()):
            if expected.get(key) != "ambiguous":
                expected[key] = status
    # a problem of another family names a cell too, and leaves it alone
    other = data.draw(st.sampled_from(keys))
    problems.append(Problem("CELL.UNREADABLE", ProblemSeverity.ERROR, {}, Location(key=other)))
    result = ParseResult(report, tuple(problems))
    records = gd.to_records(result)
    flagged = {str(r["key"]): r["status"] for r in records if r["status"] in UNCERTAIN}
    assert flagged == expected
    assert gd.to_records(report) != records or not expected  # the report alone knows nothing of them


def test_statuses_of_placeholder_and_unreadable_cells_and_raw_from_provenance() -> None:
    report = AnnualReport.empty("2021", year=2022).with_cells({
        "proactive.coercion.decisions": Placeholder("／"),
        "proactive.licensing.decisions": Unreadable("约30"),
        "proactive.admin_fees.amount": Decimal("0.443252"),
    })
    provenance = {"proactive.admin_fees.amount": gd.Provenance(Location(line=3), "4432.52元")}
    records = {r["key"]: r for r in gd.to_records(ParseResult(report, (), provenance))}
    assert records["proactive.coercion.decisions"]["status"] == "placeholder"
    assert records["proactive.licensing.decisions"]["status"] == "unreadable"
    assert records["proactive.licensing.decisions"]["raw"] == "约30"
    fee = records["proactive.admin_fees.amount"]
    assert (fee["status"], fee["amount"], fee["value"]) == ("number", Decimal("0.443252"), None)
    assert fee["raw"] == "4432.52元"


def test_a_report_without_tables_is_one_row() -> None:
    report = AnnualReport(edition="2021", year=2022, agency="某某县教育局")
    (record,) = gd.to_records(report)
    assert (record["status"], record["key"], record["agency"]) == ("no_table", None, "某某县教育局")


# ---------------------------------------------------------------- inputs and identity


def test_every_input_shape_gives_the_same_rows() -> None:
    path = str(EXAMPLES / "pingtan-2024.txt")
    result = gd.parse(path)
    (item,) = gd.parse_many([path])
    by_item = gd.to_records(item)
    assert gd.to_records([item]) == by_item
    assert gd.to_records([(path, result)]) == by_item
    assert gd.to_records({path: result}) == by_item
    assert gd.to_records({Path(path): result}) == by_item
    alone = gd.to_records(result)
    assert {r["source"] for r in alone} == {result.report.source_url or "#0"}
    assert [{**r, "source": None, "agency_or_source": None} for r in alone] == [
        {**r, "source": None, "agency_or_source": None} for r in by_item
    ]


def test_inputs_that_are_not_reports_are_refused_clearly() -> None:
    with pytest.raises(TypeError, match="parse it first"):
        gd.to_records("examples/pingtan-2024.txt")
    with pytest.raises(TypeError, match="not int"):
        gd.to_pandas([1])


def test_source_is_the_identity_when_agency_is_missing() -> None:
    items = list(gd.parse_many(example_paths()))
    frame = gd.to_pandas(items)
    cells = frame[frame["key"] == "requests.granted.total"]
    no_agency = {i.path for i in items if i.result is not None and i.result.report.agency is None}
    no_agency &= set(cells["source"])
    assert no_agency, "the examples hold a report that states no agency"
    by_agency = cells.pivot_table(index="agency", values="value", aggfunc="sum")
    by_source = cells.pivot_table(index="source", values="value", aggfunc="sum")
    by_label = cells.pivot_table(index="agency_or_source", values="value", aggfunc="sum")
    assert len(by_agency) == len(cells) - len(no_agency), "pandas drops the rows whose agency is missing"
    assert len(by_source) == len(cells)
    assert len(by_label) == len(cells)
    for path in no_agency:
        assert Path(path).stem in by_label.index
        assert frame[frame["source"] == path]["agency"].isna().all(), "no agency is invented"


def test_agency_or_source_names_the_file_without_its_suffix() -> None:
    report = AnnualReport.empty("2021")
    for source, label in [("a/b/某县-2022.txt", "某县-2022"), ("C:\\r\\x.html", "x"), ("https://h/p/t1_2.htm", "t1_2"),
                          ("noext", "noext"), (".hidden", ".hidden")]:
        (record, *_rest) = gd.to_records({source: report})
        assert record["agency_or_source"] == label


# ---------------------------------------------------------------- wide


def test_wide_is_one_row_per_input_and_one_column_per_key() -> None:
    paths = [*example_paths(), str(EXAMPLES / "no-such-file.txt")]
    items = list(gd.parse_many(paths))
    wide = gd.to_pandas(items, wide=True)
    assert list(wide["source"]) == paths
    keys = [c for c in wide.columns if "." in c]
    every = {k for e in ("2019", "2021") for k in _keys(e)}
    assert set(keys) <= every
    assert "requests.granted.total" in keys
    assert str(wide["requests.granted.total"].dtype) == "Int64"
    money = next(k for k in keys if k.endswith(".amount"))
    assert wide[money].dtype == object
    long = gd.to_pandas(items)
    numbered = long[long["status"].isin(["number", "ambiguous", "unconfirmed"])]
    for source, key, value, amount in zip(numbered["source"], numbered["key"], numbered["value"],
                                          numbered["amount"], strict=True):
        cell = wide.loc[wide["source"] == source, key].iloc[0]
        assert cell == (amount if pd.isna(value) else value)
    status = dict(zip(wide["source"], wide["status"], strict=True))
    assert status[str(EXAMPLES / "pingtan-2018-legacy.txt")] == "legacy"
    assert status[str(EXAMPLES / "no-such-file.txt")] == "failed"
    assert status[str(EXAMPLES / "pingtan-2024.txt")] == "uncertain"
    uncertain = dict(zip(wide["source"], wide["uncertain"], strict=True))
    assert set(uncertain[str(EXAMPLES / "pingtan-2024.txt")]) == set(
        long[(long["source"] == str(EXAMPLES / "pingtan-2024.txt")) & long["status"].isin(UNCERTAIN)]["key"]
    )
    blank = long[long["status"] == "blank"].iloc[0]
    assert pd.isna(wide.loc[wide["source"] == blank["source"], blank["key"]].iloc[0])


# ---------------------------------------------------------------- findings and problems


def test_findings_frame_has_one_row_per_finding() -> None:
    items = list(gd.parse_many(example_paths()))
    frame = gd.findings_frame(items)
    expected = [(i.path, f.code, f.cells) for i in items if i.result is not None for f in gd.check(i.result)]
    assert list(zip(frame["source"], frame["code"], frame["cells"], strict=True)) == expected
    assert list(frame.columns)[:7] == ["source", "agency", "year", "code", "severity", "kind", "uncertain"]
    kinds = [f.kind.value for i in items if i.result is not None for f in gd.check(i.result)]
    assert list(frame["kind"]) == kinds
    assert set(frame["kind"]) <= {"source", "extraction"}
    sums = frame[frame["printed"].notna() & frame["computed"].notna()]
    assert len(sums)
    for printed, computed, difference in zip(sums["printed"], sums["computed"], sums["difference"], strict=True):
        assert isinstance(printed, (int, Decimal)), "counts stay ints, never floats"
        assert difference == printed - computed
    sample = frame[frame["source"].str.endswith("sample-2023-with-error.html")]
    assert set(sample["repair"].dropna()) == {"requests.granted.commercial = 4"}
    english = gd.findings_frame(items, lang="en")
    assert list(english["code"]) == list(frame["code"])
    assert all(m.isascii() or m != z for m, z in zip(english["message"], frame["message"], strict=True))


def test_a_finding_on_an_uncertain_cell_says_so_and_keeps_its_kind() -> None:
    report = AnnualReport.empty("2021", year=2022).with_cells({
        "requests.granted.natural_person": 3, "requests.granted.total": 4,
    })
    at = Location(key="requests.granted.natural_person")
    problem = Problem("SPLIT.UNCONFIRMED", ProblemSeverity.WARNING, {}, at)
    result = ParseResult(report, (problem,))
    frame = gd.findings_frame(result)
    findings = gd.check(result)
    assert list(frame["kind"]) == [f.kind.value for f in findings]
    expected = ["requests.granted.natural_person" in f.cells for f in findings]
    assert any(expected)
    assert list(frame["uncertain"]) == expected
    assert set(frame[frame["uncertain"]]["kind"]) == {"extraction"}, "the checker blames the reading"
    assert not gd.findings_frame(report)["uncertain"].any()


def test_findings_frame_takes_check_series_output() -> None:
    pingtan = [gd.parse(EXAMPLES / "pingtan-2022.txt").report, gd.parse(EXAMPLES / "pingtan-2024.txt").report]
    findings = gd.check_series(pingtan)
    frame = gd.findings_frame(findings)
    assert list(frame["code"]) == [f.code for f in findings]
    assert frame["source"].isna().all()
    assert list(frame["year"]) == [f.year for f in findings]


def test_problems_frame_has_one_row_per_problem_and_failed_file() -> None:
    paths = [*example_paths(), str(EXAMPLES / "no-such-file.txt")]
    items = list(gd.parse_many(paths))
    frame = gd.problems_frame(items)
    expected = [(i.path, p.code) for i in items if i.result is not None for p in i.result.problems]
    expected.append((paths[-1], "SOURCE.NOT_FOUND"))
    assert list(zip(frame["source"], frame["code"], strict=True)) == expected
    ambiguous = frame[frame["code"] == "SPLIT.AMBIGUOUS"].iloc[0]
    assert "proactive.normative_documents.in_force" in ambiguous["cells"]
    # the cuts of the glued run, and the run read whole beside a blank cell
    assert len(ambiguous["candidates"]) == 5
    assert {"proactive.normative_documents.repealed": 33440, "proactive.normative_documents.in_force": None} in \
        ambiguous["candidates"]
    kinds = [p.kind.value for i in items if i.result is not None for p in i.result.problems]
    assert list(frame["kind"])[:-1] == kinds
    assert frame.iloc[-1]["severity"] == "error"


@pytest.mark.parametrize("function", ["to_pandas", "findings_frame", "problems_frame"])
def test_frames_without_pandas_name_the_extra(function: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(gd.MissingExtraError) as info:
        getattr(gd, function)(AnnualReport.empty("2021"))
    assert info.value.extra == "pandas"
    assert function in str(info.value)


@pytest.mark.parametrize("function", ["to_pandas", "findings_frame", "problems_frame", "series_frame"])
def test_no_input_gives_an_empty_frame_with_typed_columns(function: str) -> None:
    frame = getattr(gd, function)([])
    assert frame.empty
    assert len(frame.columns) > 5
    assert str(frame["year"].dtype) == "Int64"
    assert "float64" not in {str(t) for t in frame.dtypes}, "an empty column is never float"


# ---------------------------------------------------------------- dtypes that do not depend on the inputs

FRAMES = ("to_pandas", "to_pandas_wide", "findings_frame", "problems_frame")


def _frame(function: str, sources: object, **options: object) -> object:
    if function == "to_pandas_wide":
        return gd.to_pandas(sources, wide=True, **options)
    return getattr(gd, function)(sources, **options)


def _meta_dtypes(frame: object, function: str) -> dict[str, str]:
    """The dtypes of every column but the wide form's one column per key (which cells exist depends on the edition)."""
    names = list(frame.columns)  # type: ignore[attr-defined]
    if function == "to_pandas_wide":
        names = names[: names.index("missing_tables") + 1]
    return {name: str(frame[name].dtype) for name in names}  # type: ignore[index]


@given(st.lists(reports(), min_size=1, max_size=3), st.sampled_from(FRAMES))
def test_dtypes_are_the_same_for_one_report_a_list_and_none(batch: list[AnnualReport], function: str) -> None:
    """A column that happens to be all missing (no agency, no finding with a repair) keeps its dtype: the frame
    of one report, of a list and of no input have the same dtypes, and frames built apart concatenate cleanly
    (pandas warns about concatenating all-missing ``object`` columns; warnings are errors here)."""
    empty = _meta_dtypes(_frame(function, []), function)
    whole = _frame(function, batch)
    assert _meta_dtypes(whole, function) == empty
    apart = [_frame(function, report) for report in batch]
    for frame in apart:
        assert _meta_dtypes(frame, function) == empty
    assert "object" not in {t for name, t in empty.items() if name in ("source", "agency", "code", "message")}
    if function in ("to_pandas", "problems_frame", "findings_frame"):
        joined = pd.concat(apart, ignore_index=True)
        assert _meta_dtypes(joined, function) == empty
        assert len(joined) == len(whole)
        assert list(joined["code" if function != "to_pandas" else "key"].fillna("-")) == list(
            whole["code" if function != "to_pandas" else "key"].fillna("-"))


def test_status_columns_are_categoricals_of_their_words() -> None:
    legacy = AnnualReport.empty("legacy", year=2017)
    wide = gd.to_pandas([AnnualReport.empty("2021", year=2023), legacy], wide=True)
    assert list(wide["status"].cat.categories) == list(gd._frames.WIDE_STATUSES)
    assert list(wide["status"]) == ["ok", "legacy"]
    long = gd.to_pandas(legacy)
    assert list(long["status"].cat.categories) == list(gd._frames.STATUSES)


def test_the_same_file_twice_is_two_rows_of_the_wide_form() -> None:
    path = str(EXAMPLES / "pingtan-2022.txt")
    items = list(gd.parse_many([path, path]))
    wide = gd.to_pandas(items, wide=True)
    assert list(wide["source"]) == [path, path]
    assert len(gd.to_pandas(items)) == 2 * len(gd.to_pandas(items[0]))


def test_a_failed_file_says_its_error_in_the_language_asked() -> None:
    items = list(gd.parse_many([str(EXAMPLES / "no-such-file.txt")]))
    zh, en = gd.to_pandas(items)["raw"].iloc[0], gd.to_pandas(items, lang="en")["raw"].iloc[0]
    error = items[0].outcome
    assert isinstance(error, gd.ParseError)
    assert zh == f"[{error.code}] {error.message('zh')}"
    assert en == f"[{error.code}] {error.message('en')}"
    assert gd.to_records(items, lang="en")[0]["raw"] == en
    assert gd.to_pandas(items, wide=True, lang="en")["status"].iloc[0] == "failed"
    with pytest.raises(gd.LanguageError):
        gd.to_pandas(items, lang="fr")


@given(st.sampled_from(["2019", "2021"]).flatmap(lambda e: reports(e)), st.data())
def test_a_table_not_printed_or_not_read_is_one_row_that_says_so(report: AnnualReport, data: st.DataObject) -> None:
    """Nothing vanishes: a report that printed some tables and not another (or whose other table the parser
    could not read) gives one ``no_table`` row for that table, with its section and the problem that says so,
    and the wide form lists it in ``missing_tables`` (its cells are missing, not blank)."""
    import attrs

    tables = [t.key for t in report.spec.tables]
    gone = data.draw(st.lists(st.sampled_from(tables), min_size=1, max_size=len(tables) - 1, unique=True))
    kept = attrs.evolve(report, **dict.fromkeys(gone))
    said = Problem("TEXT.TABLE_UNREAD", ProblemSeverity.WARNING, {"heading": "x", "text": "y"},
                   Location(key=gone[0]), raw="y")
    result = ParseResult(kept, (said,))
    records = gd.to_records(result, lang="en")
    rows = [r for r in records if r["key"] is None]
    assert [(r["section"], r["status"]) for r in rows] == [(t, "no_table") for t in tables if t in gone]
    assert rows[[r["section"] for r in rows].index(gone[0])]["raw"] == f"[TEXT.TABLE_UNREAD] {said.message('en')}"
    printed = [k for k in kept.cells() if k.split(".")[0] not in gone]  # cells() lists an absent table's keys too
    assert [r["key"] for r in records if r["key"] is not None] == printed
    wide = gd.to_pandas(result, wide=True)
    assert list(wide["missing_tables"]) == [tuple(t for t in tables if t in gone)]
    assert list(wide["status"]) == ["ok"]
