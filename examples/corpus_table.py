"""One tidy table of every table cell of every report in a folder, with parse_many and to_records.

    python examples/corpus_table.py [FOLDER] [OUT.csv]

Defaults: the reports shipped in examples/, and cells.csv in a temporary folder. Prints a
status line per file and a small summary per report (applications received and handled).
"""

from __future__ import annotations

import csv
import sys
import tempfile
from pathlib import Path

import gov_disclosure as gd

HERE = Path(__file__).resolve().parent
SUFFIXES = {".html", ".htm", ".txt", ".md", ".pdf", ".json"}


def main(folder: Path, out: Path) -> int:
    paths = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES)
    failed = 0
    summary = []
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer: csv.DictWriter[str] | None = None
        for item in gd.parse_many(paths, jobs=2):
            name = Path(item.path).name
            # one row per cell, with its source and status; a failed file is one row that says so
            records = gd.to_records(item)
            if writer is None:
                writer = csv.DictWriter(handle, fieldnames=list(records[0]))
                writer.writeheader()
            writer.writerows(records)
            if item.result is None:
                failed += 1
                print(f"failed   {name}: {item.error}")
                continue
            report = item.result.report
            status = "problems" if item.result.problems else "parsed"
            uncertain = sum(r["status"] in ("ambiguous", "unconfirmed") for r in records)
            print(f"{status:<8} {name}: {report.edition.value} edition, {len(report.cells())} cells, "
                  f"{uncertain} uncertain")
            if report.requests is not None:
                received = report.cell("requests.new_received.total")
                handled = report.cell("requests.total_handled.total")
                summary.append((report.agency or "?", report.year, received, handled))
    print(f"\nwrote {out}")
    print(f"{'year':>4} {'received':>8} {'handled':>8}  agency")
    for agency, year, received, handled in sorted(summary, key=lambda s: (s[1] or 0, s[0])):
        print(f"{year!s:>4} {received!s:>8} {handled!s:>8}  {agency}")
    return 1 if failed else 0


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE
    if len(sys.argv) > 2:
        raise SystemExit(main(folder, Path(sys.argv[2])))
    with tempfile.TemporaryDirectory() as tmp:
        raise SystemExit(main(folder, Path(tmp) / "cells.csv"))
