"""Time the PDF layout stage against pdfplumber's bare ``page.extract_text()`` (a baseline only).

Both run on the same file in the same process, interleaved, best of ``--repeat`` runs. Time
is CPU time of this process (``time.process_time``), which other load on the machine disturbs
far less than wall-clock time. Prints milliseconds per page for each and the ratio
layout / extract_text.

    python benchmarks/bench_pdf_layout.py [PDF] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import pdfplumber

from gov_disclosure.parsers._pdf_layout import extract_layout

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "huaian-2024.pdf"


def bare_text(data: bytes) -> int:
    """pdfplumber's plain text of every page; returns the number of characters."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    data = args.pdf.read_bytes()
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = len(pdf.pages)
    extract_layout(data)  # warm up: imports, CMaps
    bare_text(data)
    layout_best = text_best = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        lines = extract_layout(data)
        layout_best = min(layout_best, time.process_time() - start)
        start = time.process_time()
        bare_text(data)
        text_best = min(text_best, time.process_time() - start)
    print(f"{args.pdf.name}: {pages} pages, {len(lines)} layout lines, best of {args.repeat}")
    print(f"extract_layout       {layout_best / pages * 1000:8.1f} ms/page")
    print(f"page.extract_text()  {text_best / pages * 1000:8.1f} ms/page")
    print(f"ratio layout / extract_text: {layout_best / text_best:.2f}")


if __name__ == "__main__":
    main()
