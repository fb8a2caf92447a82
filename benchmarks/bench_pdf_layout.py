"""Time the PDF layout stage against pdfplumber's bare ``page.extract_text()`` (a baseline only)
and PDFium's bare text (``get_text_range``, the floor of any reader built on PDFium).

All three run on the same file in the same process, interleaved, and the median of
``--repeat`` rounds is kept. Time is CPU time of this process (``time.process_time``), which
other load on the machine disturbs far less than wall-clock time. Prints milliseconds per page
for each and the ratios extract_text / layout and layout / PDFium text.

    python benchmarks/bench_pdf_layout.py [PDF] [--repeat N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from pathlib import Path

import pypdfium2
from bench_pdf import bare_text, pdfium_text

from gov_disclosure.parsers._pdf_layout import extract_layout

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "corpus" / "huaian-2024.pdf"


def cpu(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("pdf", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    data = args.pdf.read_bytes()
    lines = extract_layout(data)  # warm up: imports, CMaps
    bare_text(data)
    pdfium_text(data)
    pages = len(pypdfium2.PdfDocument(data))
    rounds = [
        (cpu(lambda: extract_layout(data)), cpu(lambda: bare_text(data)), cpu(lambda: pdfium_text(data)))
        for _ in range(args.repeat)
    ]
    layout_s, text_s, pdfium_s = (statistics.median(column) for column in zip(*rounds, strict=True))
    print(f"{args.pdf.name}: {len(lines)} layout lines, median of {args.repeat} (CPU time, ms per page)")
    print(f"extract_layout       {layout_s / pages * 1000:8.2f}")
    print(f"page.extract_text()  {text_s / pages * 1000:8.2f}")
    print(f"PDFium text          {pdfium_s / pages * 1000:8.2f}")
    print(f"extract_text / layout: {text_s / layout_s:.1f}×; layout / PDFium text: {layout_s / pdfium_s:.1f}×")


if __name__ == "__main__":
    main()
