"""Run every benchmark of this folder in turn and print the whole table, with the machine.

    python benchmarks/run_all.py [--quick]

Each benchmark measures its own baseline in the same process (lxml's bare parse and
pandas.read_html for HTML, pdfplumber and pypdfium2 for PDF, unzip + lxml of document.xml
for Word, splitlines + a digit-run regex for text, ``report.cells()`` for ``check``, the
``json`` module for JSON, and the folder sizes for ``extract``), so the ratios compare like
with like on whatever machine runs them.
``--quick`` runs fewer rounds (and ``extract`` at 1 000 files only).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def machine() -> str:
    """CPUs, CPU model and Python version, as the README's figures name them."""
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({model}), Python {platform.python_version()}, {platform.system()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs: list[tuple[str, list[str]]] = [
        ("HTML parse", ["bench_html.py", "--repeat", "5" if args.quick else "15", "--no-hostile"]),
        ("text parse", ["bench_text.py", "--repeat", "5" if args.quick else "15"]),
        ("check", ["bench_check.py"]),
        ("JSON", ["bench_json.py"]),
        ("PDF parse", ["bench_pdf.py", "--repeat", "5" if args.quick else "15"]),
        ("Word parse", ["bench_docx.py", "--repeat", "5" if args.quick else "15"]),
        ("extract", ["bench_extract.py", "--files", *(["1000"] if args.quick else ["1000", "5000"])]),
    ]
    print(f"machine: {machine()}")
    failed = 0
    for title, command in runs:
        print(f"\n== {title}: python benchmarks/{' '.join(command)}", flush=True)
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, str(HERE / command[0]), *command[1:]], check=False)
        print(f"   ({time.perf_counter() - started:.0f} s, exit status {proc.returncode})", flush=True)
        failed += proc.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
