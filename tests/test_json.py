"""JSON round trip, schema, and errors with paths."""

from __future__ import annotations

import json
from typing import Any
from unittest.mock import patch

import jsonschema
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, GovDisclosureError, StructureError, _json
from gov_disclosure._json import from_json, json_schema, report_from_dict, report_to_dict, to_json
from gov_disclosure.model import Edition, edition_spec
from gov_disclosure.testing import reports

_SCHEMA = json_schema()
_VALIDATOR = jsonschema.Draft202012Validator(_SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(_SCHEMA)


@given(reports())
def test_round_trip_and_schema(report: AnnualReport) -> None:
    text = to_json(report)
    assert from_json(text) == report
    _VALIDATOR.validate(json.loads(text))


def _doc(edition: str = "2021") -> dict[str, Any]:
    return report_to_dict(AnnualReport.empty(edition, year=2022))


def _mutated(edition: str, path: list[str], value: Any) -> str:
    doc = _doc(edition)
    target = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return json.dumps(doc)


@pytest.mark.parametrize(
    ("edition", "path", "value", "where"),
    [
        ("2021", ["requests", "granted", "total"], "12", "$.requests.granted.total"),
        ("2021", ["requests", "granted", "total"], 1.5, "$.requests.granted.total"),
        ("2021", ["requests", "granted", "total"], True, "$.requests.granted.total"),
        ("2021", ["proactive", "admin_fees", "amount"], 71.19, "$.proactive.admin_fees.amount"),
        ("2021", ["proactive", "admin_fees", "amount"], "abc", "$.proactive.admin_fees.amount"),
        ("2021", ["requests", "granted", "bogus"], 1, "$.requests.granted.bogus"),
        ("2021", ["requests", "nonsense_row"], {}, "$.requests.nonsense_row"),
        ("2019", ["requests", "other_other"], {}, "$.requests.other_other"),
        ("2021", ["year"], "2022", "$.year"),
        ("2021", ["published"], "29/01/2021", "$.published"),
        ("2021", ["edition"], "2020", "$.edition"),
        ("2021", ["schema_version"], 99, "$.schema_version"),
        ("2021", ["overview"], {"heading": 1, "text": ""}, "$.overview.heading"),
        ("2021", ["review_litigation", "review", "total"], {"placeholder": 1}, "$.review_litigation.review.total"),
        ("legacy", ["requests"], {}, "$.requests"),
        ("2021", ["surprise"], 1, "$.surprise"),
    ],
)
def test_bad_documents_raise_with_path(edition: str, path: list[str], value: Any, where: str) -> None:
    with pytest.raises(StructureError) as info:
        from_json(_mutated(edition, path, value))
    assert info.value.path == where
    assert str(info.value).endswith(f"@ {where}")
    assert isinstance(info.value, GovDisclosureError)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize("missing", ["requests", "overview", "edition"])
def test_missing_top_level_key(missing: str) -> None:
    doc = _doc()
    del doc[missing]
    with pytest.raises(StructureError, match=missing):
        from_json(json.dumps(doc))


def test_missing_row_and_cell() -> None:
    doc = _doc()
    del doc["requests"]["granted"]
    with pytest.raises(StructureError) as info:
        from_json(json.dumps(doc))
    assert info.value.path == "$.requests.granted"
    doc = _doc()
    del doc["requests"]["granted"]["total"]
    with pytest.raises(StructureError) as info:
        from_json(json.dumps(doc))
    assert info.value.path == "$.requests.granted.total"


@pytest.mark.parametrize("text", ["", "not json", "[]", "null", "{", b"\xff\xfe"])
def test_not_a_report(text: str | bytes) -> None:
    with pytest.raises(StructureError):
        from_json(text)


# ---------------------------------------------------------------- the fast path and the checked path agree

_BAD_CELLS: list[Any] = ["12", 1.5, True, False, [], {"placeholder": 1}, {"unreadable": None}, {"x": "/"}, "1e999"]


def _checked_only(data: Any) -> AnnualReport:
    """Read ``data`` with every table going through the detailed, path-naming reader."""
    with patch.object(_json, "_structure_table", _json._structure_table_checked):
        return report_from_dict(data)


def _outcome(read: Any, data: Any) -> tuple[str, str] | AnnualReport:
    try:
        return read(data)  # type: ignore[no-any-return]
    except StructureError as exc:
        return exc.path, str(exc)


@given(reports(), st.data())
def test_fast_path_matches_checked_path(report: AnnualReport, data: st.DataObject) -> None:
    """Whatever is spoiled in a document, the fast reader gives what the checked reader gives."""
    doc = report_to_dict(report)
    tables = [name for name in _json._TABLE_FIELDS if doc[name]]
    assume(tables)
    for _ in range(data.draw(st.integers(1, 3), label="spoils")):
        # an earlier spoil may have emptied a table or a row: only what is left can be spoilt
        left = [name for name in tables if doc[name]]
        if not left:
            break
        table = doc[data.draw(st.sampled_from(left), label="table")]
        row_key = data.draw(st.sampled_from(sorted(table)), label="row")
        row = table[row_key]
        hows = ["cell", "extra cell", "no cell", "row", "no row", "extra row"]
        if isinstance(row, dict) and not row:
            hows = ["extra cell", "row", "no row", "extra row"]
        how = data.draw(st.sampled_from(hows), label="how")
        if how == "no row":
            del table[row_key]
        elif how == "extra row":
            table["no_such_row"] = {}
        elif how == "row" or not isinstance(row, dict):
            table[row_key] = data.draw(st.sampled_from([None, [], 3, "row"]), label="row value")
        elif how == "extra cell":
            row["no_such_column"] = 0
        elif how == "no cell":
            del row[data.draw(st.sampled_from(sorted(row)), label="cell")]
        else:
            row[data.draw(st.sampled_from(sorted(row)), label="cell")] = data.draw(st.sampled_from(_BAD_CELLS))
    doc = json.loads(json.dumps(doc))
    assert _outcome(report_from_dict, doc) == _outcome(_checked_only, doc)


@given(reports())
def test_fast_path_reads_what_the_checked_path_reads(report: AnnualReport) -> None:
    doc = json.loads(to_json(report))
    assert report_from_dict(doc) == _checked_only(doc) == report


def test_first_bad_value_in_row_order_is_reported() -> None:
    """A bad cell after a money row and another after it: the earlier one is named."""
    doc = _doc()
    doc["proactive"]["regulations"]["issued"] = "1"
    doc["proactive"]["admin_fees"]["amount"] = 1.0
    with pytest.raises(StructureError) as info:
        from_json(json.dumps(doc))
    assert info.value.path == "$.proactive.regulations.issued"
    doc = _doc()
    doc["requests"]["granted"]["total"] = {"placeholder": "/"}  # fine, but sends the table to the checked path
    doc["requests"]["carried_forward"]["other"] = 2.0
    with pytest.raises(StructureError) as info:
        from_json(json.dumps(doc))
    assert info.value.path == "$.requests.carried_forward.other"


@pytest.mark.parametrize("edition", [e for e in Edition if e is not Edition.LEGACY])
@pytest.mark.parametrize("value", [None, 0, 7, -3, 10**30])
def test_rows_made_from_checked_cells_equal_constructed_rows(edition: Edition, value: int | None) -> None:
    spec = edition_spec(edition)
    for table in spec.tables:
        for row, plan in zip(table.rows, _json._table_plan(table).rows, strict=True):
            if not plan.counts_only:
                continue
            cells = {c.key: value for c in row.columns}
            made = plan.build(cells)
            assert type(made) is row.row_class
            assert made == row.row_class(**cells)
            assert hash(made) == hash(row.row_class(**cells))
