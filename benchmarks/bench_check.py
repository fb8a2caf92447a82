"""Time ``check`` on a typical full report (the huaian-2024 truth: 2021 edition, every cell filled).

    python benchmarks/bench_check.py [PATH.truth.json]

Prints µs per call for ``check(report)``, for a report with one wrong cell (the repair search
runs), and for ``report.cells()`` as a baseline measured in the same process, with the ratios.
``check`` must stay well under a millisecond.
"""

from __future__ import annotations

import json
import sys
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from gov_disclosure import AnnualReport, check

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "huaian-2024.truth.json"


def load(path: Path) -> AnnualReport:
    truth = json.loads(path.read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    return AnnualReport.empty(truth["edition"], year=truth["year"]).with_cells(values)


def per_call_us(fn: Callable[[], object], repeat: int = 7) -> float:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    report = load(path)
    broken = report.with_cells({"requests.granted.natural_person": 1300})
    assert [f.code for f in check(report) if f.severity.value != "info"] == []
    baseline = per_call_us(report.cells)
    clean = per_call_us(lambda: check(report))
    failing = per_call_us(lambda: check(broken))
    print(f"report: {path.name} ({len(report.cells())} cells)")
    print(f"report.cells()      {baseline:8.1f} µs/call  (baseline)")
    print(f"check(report)       {clean:8.1f} µs/call  ({clean / baseline:.2f}× baseline)")
    print(f"check(one wrong)    {failing:8.1f} µs/call  ({failing / baseline:.2f}× baseline, with repair search)")
    return 0 if clean < 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
