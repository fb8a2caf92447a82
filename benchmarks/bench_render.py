"""Time every renderer on one full report of each edition: ``python benchmarks/bench_render.py``."""

from __future__ import annotations

import timeit
from decimal import Decimal

from gov_disclosure import AnnualReport, ColumnKind, to_records
from gov_disclosure.renderers import RENDERERS, cell_records, render


def full_report(edition: str) -> AnnualReport:
    """A report of ``edition`` with a number in every cell."""
    report = AnnualReport.empty(edition, title="某某市人民政府办公室2023年政府信息公开工作年度报告", year=2023)
    values = {}
    for n, (_table, row, key) in enumerate(report.spec.iter_cells()):
        column = next(c for c in row.columns if key.endswith("." + c.key))
        values[key] = Decimal(n) / 4 if column.kind is ColumnKind.MONEY else n
    return report.with_cells(values)


def main() -> None:
    for edition in ("2019", "2021"):
        report = full_report(edition)
        for name in RENDERERS:
            runs = 200
            seconds = timeit.timeit(lambda name=name, report=report: render(report, name), number=runs)
            print(f"{edition} {name:9} {seconds / runs * 1000:7.3f} ms")
        seconds = timeit.timeit(lambda report=report: cell_records([report] * 100), number=5)
        print(f"{edition} cell_records × 100 reports {seconds / 5 * 1000:7.1f} ms")
        seconds = timeit.timeit(lambda report=report: to_records([report] * 100), number=5)
        print(f"{edition} to_records × 100 reports (with source and status) {seconds / 5 * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
