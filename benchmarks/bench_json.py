"""Time ``to_json`` / ``from_json`` against the ``json`` module on the same document.

    python benchmarks/bench_json.py [PATH.truth.json]

The report is the huaian-2024 truth (2021 edition, every cell filled). The baselines are
``json.dumps`` of the dict that ``to_json`` writes and ``json.loads`` of its text, measured in
the same process; the goal is ``to_json``/``from_json`` within 3× of them.
"""

from __future__ import annotations

import json
import sys
import timeit
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from gov_disclosure import AnnualReport, from_json, to_json

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "huaian-2024.truth.json"


def per_call_us(fn: Callable[[], object], repeat: int = 7) -> float:
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number * 1e6


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    truth = json.loads(path.read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    report = AnnualReport.empty(truth["edition"], year=truth["year"]).with_cells(values)
    text = to_json(report)
    doc = json.loads(text)
    assert from_json(text) == report
    dumps = per_call_us(lambda: json.dumps(doc, ensure_ascii=False, indent=1))
    loads = per_call_us(lambda: json.loads(text))
    ours_out = per_call_us(lambda: to_json(report))
    ours_in = per_call_us(lambda: from_json(text))
    print(f"report: {path.name} ({len(text.encode('utf-8')) / 1024:.1f} KB of JSON)")
    print(f"json.dumps(dict)    {dumps:8.1f} µs/call  (baseline)")
    print(f"to_json(report)     {ours_out:8.1f} µs/call  ({ours_out / dumps:.2f}× json.dumps; goal ≤ 3×)")
    print(f"json.loads(text)    {loads:8.1f} µs/call  (baseline)")
    print(f"from_json(text)     {ours_in:8.1f} µs/call  ({ours_in / loads:.2f}× json.loads; goal ≤ 3×)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
