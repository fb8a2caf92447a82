"""``extract``'s rows from the cached layouts are the rows of the records, written out exactly as
the ``csv`` and ``json`` modules write them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import attrs
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure._extract_rows import EXTRACT_FIELDS, report_rows, report_text
from gov_disclosure._frames import cell_statuses
from gov_disclosure.cli import encode_rows
from gov_disclosure.model import AnnualReport, ColumnKind, Placeholder, Unreadable
from gov_disclosure.parsers import Location, Problem, ProblemSeverity
from gov_disclosure.renderers import cell_records
from gov_disclosure.renderers._layout import PATH_SEPARATOR, cell_text, printed_lines
from gov_disclosure.renderers._records import cell_slots
from gov_disclosure.testing import reports

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

# Text that the csv module quotes and JSON escapes: separators, quotes, line ends, tabs, nothing.
_AWKWARD = st.text(alphabet=st.sampled_from(['a', '1', ',', '"', '\r', '\n', '\t', ' ', '总', '\\', '\u2028']),
                   max_size=6)


def _records_from_printed_lines(report: AnnualReport) -> list[dict[str, object]]:
    """The records as the printed lines give them, cell by cell (no cached layout)."""
    out: list[dict[str, object]] = []
    for table in report.spec.tables:
        for line in printed_lines(report, table):
            row_path = (line.row.caption, *line.path) if line.row.caption else line.path
            for cell in line.cells:
                col_path = (cell.column.group, cell.column.label) if cell.column.group else (cell.column.label,)
                value = cell.value
                out.append({
                    "agency": report.agency, "year": report.year, "edition": report.edition.value,
                    "section": table.key, "key": cell.key, "row": line.row.key, "column": cell.column.key,
                    "label": PATH_SEPARATOR.join((*row_path, *col_path)),
                    "value": None if isinstance(value, (Placeholder, Unreadable)) else value,
                    "raw": cell_text(value),
                })
    return out


def _rows_from_records(path: str, report: AnnualReport, problems: list[Problem]) -> list[tuple[object, ...]]:
    statuses = cell_statuses(report, problems)
    return [(path, *(record[f] for f in EXTRACT_FIELDS[1:-1]), statuses[str(record["key"])])
            for record in _records_from_printed_lines(report)]


@st.composite
def _awkward_reports(draw: st.DrawFn) -> tuple[str, AnnualReport, list[Problem]]:
    """A report with awkward text wherever text goes, some tables dropped, some cells uncertain."""
    report = draw(reports())
    slots = cell_slots(report)
    keys = [slot[1] for slot in slots]
    if slots:
        changed = {}
        for section, key, row, column, _label in draw(st.lists(st.sampled_from(slots), max_size=6, unique=True)):
            kind = next(c.kind for c in report.spec.table(section).row(row).columns if c.key == column)
            number = (st.decimals(-10**6, 10**6, places=2) if kind is ColumnKind.MONEY
                      else st.integers(-10**9, 10**9))
            changed[key] = draw(st.one_of(_AWKWARD.map(Placeholder), _AWKWARD.map(Unreadable), st.none(), number))
        report = report.with_cells(changed)
    tables = [t.key for t in report.spec.tables]
    dropped = draw(st.lists(st.sampled_from(tables), unique=True)) if tables else []
    report = attrs.evolve(report, **dict.fromkeys(dropped), agency=draw(st.one_of(st.none(), _AWKWARD)),
                          year=draw(st.one_of(st.none(), st.just(2023))))
    problems = []
    for key in draw(st.lists(st.sampled_from(keys), max_size=3)) if keys else []:
        code = draw(st.sampled_from(("SPLIT.AMBIGUOUS", "SPLIT.GUESSED", "CELL.UNREADABLE")))
        problems.append(Problem(code, ProblemSeverity.WARNING, {"key": key}, Location(key=key)))
    return draw(_AWKWARD.map(lambda text: f"reports/{text}.txt")), report, problems


@given(_awkward_reports())
def test_rows_and_text_are_those_of_the_records(case: tuple[str, AnnualReport, list[Problem]]) -> None:
    path, report, problems = case
    expected = _rows_from_records(path, report, problems)
    assert report_rows(path, report, problems) == expected
    assert cell_records(report) == _records_from_printed_lines(report)
    assert report_text(path, report, problems, "csv") == encode_rows(expected, "csv")
    assert report_text(path, report, problems, "jsonl") == encode_rows(expected, "jsonl")


def test_a_parsed_report_with_uncertain_cells_gives_the_same_rows() -> None:
    path = str(EXAMPLES / "pingtan-2024.txt")
    result = gd.parse(path)
    assert any(p.code.startswith("SPLIT.") for p in result.problems)
    expected = _rows_from_records(path, result.report, list(result.problems))
    assert {row[-1] for row in expected} >= {"number", "ambiguous"}
    assert report_rows(path, result.report, result.problems) == expected
    for fmt in ("csv", "jsonl"):
        assert report_text(path, result.report, result.problems, fmt) == encode_rows(expected, fmt)


def test_an_amount_is_a_string_in_json_lines_and_plain_in_csv() -> None:
    report = AnnualReport.empty("2021", year=2023).with_cells({"proactive.admin_fees.amount": Decimal("71.10")})
    text = report_text("a.txt", report, (), "jsonl")
    assert '"value": "71.10", "raw": "71.10", "status": "number"}' in text
    assert ",71.10,71.10,number\r\n" in report_text("a.txt", report, (), "csv")


def test_reports_of_one_layout_share_their_slots_and_others_do_not() -> None:
    one = AnnualReport.empty("2021", year=2023)
    other = one.with_cells({"requests.granted.total": 5})
    assert cell_slots(one) is cell_slots(other)
    single = one.with_cells({"requests.other_handling.total": 1})
    assert [s[1] for s in cell_slots(single)] != [s[1] for s in cell_slots(one)]
    assert cell_records(single) == _records_from_printed_lines(single)
