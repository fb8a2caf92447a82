"""Benchmark the Word reader against unzipping and lxml-parsing ``word/document.xml`` alone.

    python benchmarks/bench_docx.py [--repeat 15]

The documents are this library's own ``.docx`` renderings of every corpus report (``tests/corpus``:
each source parsed, then ``render(report, "docx")``, so the prose and values are the published
ones), then the same report with its overview grown by distinct paragraphs to about 300 KB, 1 MB
and 10 MB of ``document.xml`` (the rendering alone is about 200 KB) (the cost per KB must stay flat: linear growth).

For each document it times, on the same bytes:

* ``gov_disclosure.parse_docx`` — the full parse (archive checks, body walk, grids, tables,
  prose, core properties);
* the floor: ``zipfile`` opening the archive and reading ``word/document.xml``, then
  ``lxml.etree.fromstring`` of it — what any lxml-based Word reader must do before it reads a cell.

Times are CPU time of this process (``time.process_time``), the best of ``--repeat`` runs after a
warm-up; the ratio is parse ÷ floor.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs
from lxml import etree

from gov_disclosure import AnnualReport, Section, parse, parse_docx, render

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
SOURCES = ("*.html", "*.txt", "*.pdf")


def best_cpu(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        started = time.process_time()
        fn()
        times.append(time.process_time() - started)
    return min(times)


def floor(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        etree.fromstring(archive.read("word/document.xml"))


def xml_size(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.getinfo("word/document.xml").file_size


def grown(report: AnnualReport, target: int) -> bytes:
    """The report with its overview grown by distinct paragraphs until document.xml is ``target`` bytes."""
    paragraph = "本机关坚持以公开为常态、不公开为例外，第{n}项工作按期完成，群众满意度持续提升。"
    base = xml_size(render(report, "docx"))
    count = max(1, (target - base) // 700)
    text = "\n".join(paragraph.format(n=n) * 3 for n in range(count))
    heading = report.overview.heading if report.overview else "一、总体情况"
    return render(attrs.evolve(report, overview=Section(heading, text)), "docx")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)

    documents: list[tuple[str, bytes]] = []
    for pattern in SOURCES:
        for path in sorted(CORPUS.glob(pattern)):
            report = parse(path).report
            data = render(report, "docx")
            if parse_docx(data).report != report:
                print(f"{path.name}: the .docx does not read back as the report", file=sys.stderr)
                return 1
            documents.append((path.name, data))
    html = sorted(CORPUS.glob("*.html"))
    sized = parse(html[0]).report if html else parse(sorted(CORPUS.glob("*.txt"))[0]).report

    print(f"{'document':34} {'XML KB':>8} {'parse ms':>9} {'floor ms':>9} {'ratio':>7}")
    ratios = []
    for name, data in documents:
        ours = best_cpu(lambda data=data: parse_docx(data), args.repeat)
        base = best_cpu(lambda data=data: floor(data), args.repeat)
        ratios.append(ours / base)
        print(f"{name:34} {xml_size(data) / 1024:8.1f} {ours * 1e3:9.2f} {base * 1e3:9.2f} {ours / base:6.1f}×")
    print(f"median ratio over the corpus renderings: {statistics.median(ratios):.1f}× the floor")

    print(f"\n{'grown document':34} {'XML KB':>8} {'parse ms':>9} {'floor ms':>9} {'ratio':>7} {'µs/KB':>7}")
    for target in (300_000, 1_000_000, 10_000_000):
        data = grown(sized, target)
        repeat = max(1, args.repeat if target <= 1_000_000 else args.repeat // 5)
        ours = best_cpu(lambda data=data: parse_docx(data), repeat)
        base = best_cpu(lambda data=data: floor(data), repeat)
        kb = xml_size(data) / 1024
        print(f"{f'~{target // 1000} KB':34} {kb:8.1f} {ours * 1e3:9.2f} {base * 1e3:9.2f} "
              f"{ours / base:6.1f}× {ours * 1e6 / kb:7.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
