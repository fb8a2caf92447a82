"""Round trips: what a renderer writes, the parser reads back into the same report.

``parse(render(r, fmt)).report == r`` and ``render(parse(render(r, fmt)).report, fmt) ==
render(r, fmt)`` for every readable format of the registry, over Hypothesis-generated
reports of every edition; then the corpus reports, rendered and read back, keep every value
of their truth files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, Edition, Placeholder, Unreadable, parse
from gov_disclosure.renderers import RENDERERS, render
from gov_disclosure.testing import reports
from helpers import as_source, load_truth, report_from_truth, truth_files
from test_render import CASES, numbered_report

READABLE = sorted(name for name, r in RENDERERS.items() if r.readable)
EDITIONS = [Edition.V2019, Edition.V2021, Edition.LEGACY]


def test_readable_formats() -> None:
    assert READABLE == ["docx", "html", "json", "markdown", "text"]


def _round_trip(report: AnnualReport, fmt: str) -> None:
    out = render(report, fmt)
    result = parse(as_source(out))
    assert result.report == report, _diff(report, result.report)
    assert render(result.report, fmt) == out


def _diff(want: AnnualReport, got: AnnualReport) -> str:
    lines = []
    for name in ("edition", "title", "agency", "year", "published", "source_url", "intro", "overview", "problems",
                 "other_matters", "extra_sections"):
        if getattr(want, name) != getattr(got, name):
            lines.append(f"{name}: want {getattr(want, name)!r}, got {getattr(got, name)!r}")
    for name in ("proactive", "requests", "review_litigation"):
        if (getattr(want, name) is None) != (getattr(got, name) is None):
            lines.append(f"{name}: want {(getattr(want, name) is not None and 'a table') or None}, "
                         f"got {(getattr(got, name) is not None and 'a table') or None}")
    if want.edition is got.edition:
        w, g = want.cells(), got.cells()
        for key in dict.fromkeys([*w, *g]):
            if w.get(key, "<absent>") != g.get(key, "<absent>"):
                lines.append(f"{key}: want {w.get(key, '<absent>')!r}, got {g.get(key, '<absent>')!r}")
    return "\n".join(lines[:40])


@pytest.mark.parametrize("edition", EDITIONS, ids=str)
@pytest.mark.parametrize("fmt", READABLE)
@settings(max_examples=15, deadline=None)
@given(data=st.data())
def test_parse_render_round_trip(fmt: str, edition: Edition, data: st.DataObject) -> None:
    _round_trip(data.draw(reports(edition=edition)), fmt)


@pytest.mark.parametrize("edition", [Edition.V2019, Edition.V2021], ids=str)
@pytest.mark.parametrize("fmt", READABLE)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_round_trip_without_prose(fmt: str, edition: Edition, data: st.DataObject) -> None:
    _round_trip(data.draw(reports(edition=edition, prose=False, blanks=False, placeholders=False)), fmt)


@pytest.mark.parametrize(("fmt", "case"), [(fmt, case) for fmt in READABLE for case in CASES])
def test_every_cell_distinct_round_trip(fmt: str, case: str) -> None:
    """Every cell a different number, every section present: nothing may swap or go missing."""
    _round_trip(numbered_report(case), fmt)


def _parser_bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"parser bug: {reason}")


_UNUSUAL = {
    "single value in 四": ({"review_litigation.review.upheld": None}, {}),
    "word in 二": ({"proactive.licensing.decisions": Unreadable("约3件")}, {}),
    "word in 三": ({"requests.granted.research": Unreadable("约3件")}, {}),
    "word in 四": ({"review_litigation.review.upheld": Unreadable("约3件")}, {}),
    "placeholder in 四": ({"review_litigation.review.upheld": Placeholder("—")}, {}),
    "blank table": ({"proactive.regulations.new_made": None}, {}),
    "blank review table": ({"review_litigation.review.upheld": None, "review_litigation.review.total": None}, {}),
    "negative numbers": ({"proactive.licensing.change": -3, "requests.granted.natural_person": -2}, {}),
}


@pytest.mark.parametrize(
    ("fmt", "case"),
    [
        pytest.param(fmt, case, marks=[bugs[fmt]] if fmt in bugs else [], id=f"{fmt}-{case}")
        for case, (_values, bugs) in _UNUSUAL.items()
        for fmt in READABLE
    ],
)
def test_unusual_cells_round_trip(fmt: str, case: str) -> None:
    """Cells the Hypothesis strategies never make: words, lone values, negative counts."""
    base = AnnualReport.empty("2019").with_cells(
        {
            "proactive.regulations.new_made": 1,
            "requests.granted.commercial": 1,
            "requests.granted.total": 1,
            "review_litigation.review.upheld": 1,
            "review_litigation.review.total": 1,
        }
    )
    _round_trip(base.with_cells(_UNUSUAL[case][0]), fmt)


# ---------------------------------------------------------------- the corpus


def _truth_id(path: Path) -> str:
    return path.name.removesuffix(".truth.json")


def _plain(value: Any) -> Any:
    return Decimal(value) if isinstance(value, str) else value


def corpus_report(truth: dict[str, Any]) -> AnnualReport:
    """The report of a truth file: its values and its metadata."""
    published = truth["published"]
    return attrs.evolve(
        report_from_truth(truth),
        title=truth["title"],
        agency=truth["agency"],
        year=truth["year"],
        published=dt.date.fromisoformat(published) if published else None,
    )


@pytest.mark.parametrize("truth_file", truth_files(), ids=_truth_id)
@pytest.mark.parametrize("fmt", READABLE)
def test_corpus_values_survive_render_and_parse(fmt: str, truth_file: Path) -> None:
    truth = load_truth(truth_file)
    report = corpus_report(truth)
    got = parse(as_source(render(report, fmt))).report
    assert got.edition.value == truth["edition"]
    cells = got.cells()
    wrong = {k: (v, cells.get(k)) for k, v in truth["values"].items() if cells.get(k, "<absent>") != _plain(v)}
    assert not wrong
    for name in ("title", "agency", "year"):
        if truth[name] is not None:
            assert getattr(got, name) == truth[name], name


@pytest.mark.parametrize("truth_file", truth_files(), ids=_truth_id)
def test_corpus_values_in_csv(truth_file: Path) -> None:
    truth = load_truth(truth_file)
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(render(report_from_truth(truth), "csv")))}
    assert set(rows) == set(truth["values"])
    for key, value in truth["values"].items():
        assert rows[key]["value"] == ("" if value is None else str(value)), key
