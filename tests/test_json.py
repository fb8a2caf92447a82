"""JSON round trip, schema, and errors with paths."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given

from gov_disclosure import AnnualReport, GovDisclosureError, StructureError
from gov_disclosure._json import from_json, json_schema, report_to_dict, to_json
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
