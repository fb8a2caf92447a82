"""One agency's reports across years: check_series compares them (上年结转 = 上年的结转下年度 …).

    python examples/compare_years.py

First the real 平潭 reports shipped here (2022 and 2024: the missing 2023 is itself a finding),
then a three-year series of a fictitious agency built from the model, rendered to HTML and
parsed back, whose 2023 report does not carry over what 2022 carried forward.
"""

from __future__ import annotations

import tempfile
from decimal import Decimal
from pathlib import Path

import gov_disclosure as gd

HERE = Path(__file__).resolve().parent


def show(title: str, reports: list[gd.AnnualReport]) -> None:
    print(f"== {title}: {', '.join(str(r.year) for r in reports)}")
    for report in reports:
        own = [f for f in gd.check(report) if f.severity is gd.Severity.ERROR]
        print(f"  {report.year}: {len(own)} error(s) in the report itself")
    for finding in gd.check_series(reports):
        print(f"  {finding.severity.value.upper()} {finding.code}: {finding.message('en')}")
        for key in finding.cells:
            year, _, bare = key.partition(":")
            print(f"      {key:<40} = {reports_by_year(reports)[int(year)].cell(bare)}")


def reports_by_year(reports: list[gd.AnnualReport]) -> dict[int, gd.AnnualReport]:
    return {r.year: r for r in reports if r.year is not None}


def fictitious(year: int, carried_over: int, received: int, granted: int, carried_forward: int) -> gd.AnnualReport:
    """A small consistent 2021-edition report: every application from natural persons, zeros elsewhere."""
    handled = carried_over + received - carried_forward
    rows = {"new_received": received, "carried_over": carried_over, "granted": granted,
            "unavailable_not_held": handled - granted, "total_handled": handled, "carried_forward": carried_forward}
    cells: dict[str, gd.CellValue] = {
        key: Decimal(0) if key.endswith(".amount") else 0 for key in gd.edition_spec("2021").cell_keys()
    }
    for row, value in rows.items():
        cells[f"requests.{row}.natural_person"] = value
        cells[f"requests.{row}.total"] = value
    return gd.AnnualReport.empty("2021", year=year, agency="某某县教育局（示例）").with_cells(cells)


def main() -> int:
    real = [gd.parse(HERE / name).report for name in ("pingtan-2022.txt", "pingtan-2024.txt")]
    show("平潭 (real)", real)

    series = [
        fictitious(2021, carried_over=0, received=40, granted=30, carried_forward=4),
        fictitious(2022, carried_over=4, received=55, granted=41, carried_forward=6),
        fictitious(2023, carried_over=5, received=61, granted=50, carried_forward=3),  # 2022 carried 6, not 5
    ]
    with tempfile.TemporaryDirectory() as tmp:
        paths = []
        for report in series:
            path = Path(tmp) / f"report-{report.year}.html"
            path.write_text(gd.render(report, "html", standalone=True), encoding="utf-8")
            paths.append(path)
        parsed = [item.result.report for item in gd.parse_many(paths) if item.result is not None]
    show("某某县教育局 (fictitious, rendered and parsed back)", parsed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
