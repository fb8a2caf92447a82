"""Time ``gov_disclosure.parse`` on PDFs against two bare text extractions.

For each PDF — the corpus report, the Chromium-printed and LibreOffice-printed PDFs of the
tests, and reports drawn with the tests' PDF writer (ruled, a 2019 edition, unruled) — four
runs in the same process, interleaved, the median of ``--repeat`` rounds, in CPU time
(``time.process_time``; the machine is shared, and the median of interleaved rounds is what
load on it disturbs least): pdfplumber's plain text of every page
(``page.extract_text()``), PDFium's plain text of every page (pypdfium2
``get_textpage().get_text_range()``, the floor of any reader built on it), the source stage
alone (:func:`read_source`: characters and rulings read through PDFium), the layout stage
(:func:`extract_layout`, the source included), and the whole parse. Prints milliseconds per
page and the ratios pdfplumber / parse (how many times faster the parse is than pdfplumber's
bare text), parse / PDFium text (what the layout and the parser add over PDFium's own text)
and parse / layout (how much the text parser's work on the lines adds). The last line names
the file with the smallest pdfplumber / parse ratio (the goal is 5× or more on every file), and
the machine's load average at the start and at the end of the run.

pdfplumber is a baseline here only (the ``pdf`` extra does not need it).

    python benchmarks/bench_pdf.py [PDF ...] [--repeat N] [--profile]

``--profile`` prints the top of a cProfile of one parse of each file.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import os
import pstats
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pypdfium2

from gov_disclosure import parse
from gov_disclosure.parsers._pdf_layout import extract_layout
from gov_disclosure.parsers._pdf_source import read_source

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "tests" / "corpus" / "huaian-2024.pdf"
#: the PDFs other producers printed (Chromium, LibreOffice), kept with the tests
PRINTED = (ROOT / "tests" / "pdfs", ROOT / "tests" / "libreoffice")


def bare_text(data: bytes) -> int:
    """pdfplumber's plain text of every page; returns the number of characters."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return sum(len(page.extract_text() or "") for page in pdf.pages)


def pdfium_text(data: bytes) -> int:
    """PDFium's plain text of every page; returns the number of characters."""
    pdf = pypdfium2.PdfDocument(data)
    try:
        total = 0
        for page in pdf:
            textpage = page.get_textpage()
            total += len(textpage.get_text_range())
            textpage.close()
            page.close()
        return total
    finally:
        pdf.close()


def generated() -> list[tuple[str, bytes]]:
    """Reports drawn as the official tables by the tests' writer."""
    sys.path.insert(0, str(ROOT / "tests"))
    from pdf_writer import draw_report, sample_report

    return [
        ("generated 2021 ruled", draw_report(sample_report("2021", 1))),
        ("generated 2019 ruled", draw_report(sample_report("2019", 2), split_title=True)),
        ("generated 2021 unruled", draw_report(sample_report("2021", 1), ruled=False)),
    ]


def cpu(run: Callable[[], object]) -> float:
    start = time.process_time()
    run()
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("pdf", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    # pdfminer (under pdfplumber, the baseline) warns once per glyph of a font without a
    # FontBBox, as LibreOffice writes them: thousands of lines that are not the benchmark's
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    paths = args.pdf or [
        *([DEFAULT] if DEFAULT.is_file() else []),
        *sorted(path for folder in PRINTED for path in folder.glob("*.pdf")),
    ]
    files = [(p.name, p.read_bytes()) for p in paths]
    if not args.pdf:
        files += generated()
    start_load = os.getloadavg()
    print(
        f"{'file':26} {'pages':>5} {'pdfplumber':>10} {'pdfium':>9} {'source':>9} {'layout':>9} {'parse':>9}"
        "  pdfplumber/parse  parse/pdfium  parse/layout"
    )
    ratios: list[tuple[float, str]] = []
    for name, data in files:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
        parse(data)  # warm up: imports, CMaps, caches
        bare_text(data)
        pdfium_text(data)
        rounds: list[tuple[float, float, float, float, float]] = []
        for _ in range(args.repeat):  # interleaved, so that load on the machine hits all five alike
            rounds.append(
                (
                    cpu(lambda d=data: bare_text(d)),
                    cpu(lambda d=data: pdfium_text(d)),
                    cpu(lambda d=data: read_source(d)),
                    cpu(lambda d=data: extract_layout(d)),
                    cpu(lambda d=data: parse(d)),
                )
            )
        text_s, pdfium_s, source_s, layout_s, parse_s = (
            statistics.median(column) for column in zip(*rounds, strict=True)
        )
        per = 1000 / pages
        print(
            f"{name:26} {pages:5d} {text_s * per:7.1f} ms {pdfium_s * per:6.2f} ms {source_s * per:6.2f} ms"
            f" {layout_s * per:6.2f} ms"
            f" {parse_s * per:6.2f} ms  {text_s / parse_s:15.1f}×  {parse_s / pdfium_s:11.1f}×"
            f"  {parse_s / layout_s:11.2f}×"
        )
        ratios.append((text_s / parse_s, name))
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(parse, data)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    if ratios:
        ratio, name = min(ratios)
        middle = statistics.median(r for r, _ in ratios)
        print(f"smallest pdfplumber/parse: {ratio:.1f}× ({name}); median {middle:.1f}×")
    # the machine is shared: the load during the run says how far its figures can be trusted
    end_load = os.getloadavg()
    print(f"load average (1 min) {start_load[0]:.2f} at the start, {end_load[0]:.2f} at the end")


if __name__ == "__main__":
    main()
