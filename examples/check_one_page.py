"""Check one report page: parse it, run the checker, print each finding with its cells.

    python examples/check_one_page.py [FILE]    (default: the Shanghai 2019 page shipped here)
"""

from __future__ import annotations

import sys
from pathlib import Path

import gov_disclosure as gd

HERE = Path(__file__).resolve().parent


def label(report: gd.AnnualReport, key: str) -> str:
    """The printed row and column labels of a stable cell key, from the edition description."""
    table, row, column = key.split(".")
    row_spec = report.spec.table(table).row(row)
    col_spec = next(c for c in row_spec.columns if c.key == column)
    return f"{row_spec.label} / {col_spec.label}"


def main(path: Path) -> int:
    result = gd.parse(path)
    report = result.report
    print(f"{path.name}: {report.agency} {report.year} "
          f"({report.edition.value} edition, read as {result.source_format})")
    print(f"{len(report.cells())} cells, {len(result.problems)} parse problem(s)")
    for problem in result.problems:
        print(f"  problem {problem.code} at {problem.location}: {problem.message()}")

    findings = gd.check(report)
    by_severity = {s.value: sum(1 for f in findings if f.severity is s) for s in gd.Severity}
    print("findings:", ", ".join(f"{n} {sev}" for sev, n in by_severity.items()))
    for finding in findings:
        if finding.severity is gd.Severity.INFO:
            continue
        print(f"  {finding.severity.value.upper()} {finding.code}: {finding.message('en')}")
        for key in finding.cells:
            print(f"      {key:<45} {label(report, key)} = {report.cell(key)!r}")

    # Blank totals are not errors: the form was not filled there, and the checker says what the
    # parts add up to instead.
    unfilled = [f for f in findings if f.code == "T.NOT_ASSESSABLE"]
    if unfilled:
        print(f"{len(unfilled)} sum(s) not assessable because a total is blank, e.g.:")
        print("  " + unfilled[0].message("en"))
    return 1 if by_severity["error"] else 0


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "shanghai-office-2019.html"
    raise SystemExit(main(target))
