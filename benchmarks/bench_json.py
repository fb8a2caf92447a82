"""Time ``to_json`` / ``from_json`` against the ``json`` module on the same document.

    python benchmarks/bench_json.py [PATH.truth.json [ROUNDS]]

The report is the huaian-2024 truth (2021 edition, every cell filled). The baselines are
``json.dumps`` of the dict that ``to_json`` writes and ``json.loads`` of its text, measured in
the same process in interleaved rounds of CPU time (the median ratio is reported); the goal is
``to_json``/``from_json`` within 3× of them.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from gov_disclosure import AnnualReport, from_json, to_json

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "huaian-2024.truth.json"


def per_call_us(fn: Callable[[], object], number: int) -> float:
    """CPU time per call of one batch (CPU time: other processes on the machine add less noise)."""
    return timeit.Timer(fn, timer=time.process_time).timeit(number=number) / number * 1e6


def rounds(ours: Callable[[], object], base: Callable[[], object], n: int) -> tuple[float, float, float]:
    """Median µs/call of ``ours`` and ``base`` and median ratio, over ``n`` interleaved rounds."""
    number = max(timeit.Timer(ours).autorange()[0] // 4, 1)
    ours_us, base_us, ratios = [], [], []
    for _ in range(n):
        a = per_call_us(ours, number)
        b = per_call_us(base, number)
        ours_us.append(a)
        base_us.append(b)
        ratios.append(a / b)
    return statistics.median(ours_us), statistics.median(base_us), statistics.median(ratios)


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    truth = json.loads(path.read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    report = AnnualReport.empty(truth["edition"], year=truth["year"]).with_cells(values)
    text = to_json(report)
    doc = json.loads(text)
    assert from_json(text) == report
    n = int(argv[2]) if len(argv) > 2 else 21
    ours_out, dumps, out_ratio = rounds(
        lambda: to_json(report), lambda: json.dumps(doc, ensure_ascii=False, indent=1), n
    )
    ours_in, loads, in_ratio = rounds(lambda: from_json(text), lambda: json.loads(text), n)
    print(f"report: {path.name} ({len(text.encode('utf-8')) / 1024:.1f} KB of JSON); medians of {n} interleaved rounds")
    print(f"json.dumps(dict)    {dumps:8.1f} µs/call  (baseline)")
    print(f"to_json(report)     {ours_out:8.1f} µs/call  ({out_ratio:.2f}× json.dumps; goal ≤ 3×)")
    print(f"json.loads(text)    {loads:8.1f} µs/call  (baseline)")
    print(f"from_json(text)     {ours_in:8.1f} µs/call  ({in_ratio:.2f}× json.loads; goal ≤ 3×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
