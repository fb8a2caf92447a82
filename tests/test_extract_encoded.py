"""``extract``'s workers hand back each file's rows written out as the output's text."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from gov_disclosure.cli import EXTRACT_FIELDS, encode_rows, extract_file

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("name", ["zhongshan-office-2020.txt"])
def test_encoded_rows_are_the_rows_written_out(name: str) -> None:
    path = str(EXAMPLES / name)
    plain = extract_file(path)
    assert plain.encoded is None
    assert plain.count == len(plain.rows) > 0
    as_csv = extract_file(path, encode="csv")
    assert as_csv.rows == ()
    assert as_csv.count == plain.count
    assert as_csv.encoded == encode_rows(plain.rows, "csv")
    read = list(csv.reader(io.StringIO(as_csv.encoded)))
    assert len(read) == plain.count
    assert all(row[0] == path and len(row) == len(EXTRACT_FIELDS) for row in read)
    as_jsonl = extract_file(path, encode="jsonl")
    lines = as_jsonl.encoded.splitlines() if as_jsonl.encoded is not None else []
    assert len(lines) == plain.count
    first = json.loads(lines[0])
    assert list(first) == list(EXTRACT_FIELDS)
    assert first["file"] == path
    assert (as_csv.edition, as_csv.year, as_csv.problems) == (plain.edition, plain.year, plain.problems)


def test_a_failed_file_has_no_rows_to_encode(tmp_path: Path) -> None:
    missing = str(tmp_path / "no-such-report.txt")
    failed = extract_file(missing, encode="csv")
    assert failed.error is not None
    assert failed.encoded is None
    assert failed.count == 0


def test_parquet_rows_are_not_encoded() -> None:
    with pytest.raises(ValueError, match="not 'parquet'"):
        encode_rows([], "parquet")
