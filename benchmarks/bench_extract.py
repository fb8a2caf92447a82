"""Benchmark ``gov-disclosure extract`` over folders of 1 000 and 5 000 report files.

    python benchmarks/bench_extract.py [--files 1000 5000] [--jobs 2] [--keep DIR [--reuse]] [--json OUT]

The folder is generated into a temporary directory: copies of the real text and HTML reports
of the shared corpus (or of ``examples/`` when the corpus is not beside the repository), and
synthetic reports of every edition (``gov_disclosure.testing.reports``) rendered as HTML,
Markdown, text and JSON. One corrupt file (a truncated PDF) sits in the middle: it must be
reported as failed and skipped. Each ``--jobs`` value runs the real console command in a fresh
process; the benchmark records reports per second (wall clock, start-up included), the CPU
time of the command and its workers, the peak resident memory of the largest process of the
command's tree (the command or one of its workers, polled from ``/proc``: memory must stay flat
in the number of files, so the last size's peak is printed as a ratio of the first's), and the
machine's load
(on a shared machine the wall clock says more about the neighbours than about the code: the
reports per CPU second, command and workers together, say more about the code).

It also times the command's fixed cost: its start-up, one small file and its exit
(``extract`` of one file, ``--jobs 1``, the median of several runs, wall clock and CPU). Before
any timing it writes the package's bytecode cache (``compileall``), as an installed package has
it: with ``PYTHONDONTWRITEBYTECODE`` set and no cache, every run would compile some forty modules
again (a tenth of a second and more per run, which no user pays).

Then it splits a worker's file in this process, over a sample of the folder (CPU time, the
median of several rounds per file): reading, telling and parsing the file (``parse``), writing
its rows out as CSV (``rows``), and sending the outcome to the parent (``send``: pickled and
unpickled, as the pool does); and the mean of one pass over the same files, each once, which is
what the workers pay (the medians of repeated rounds understate it: a file parsed again finds the
processor's caches warm). ``--reuse`` (with ``--keep``) takes a folder an earlier run built there
instead of generating it again.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from gov_disclosure import AnnualReport

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
FORMATS = (("html", ".html"), ("markdown", ".md"), ("text", ".txt"), ("json", ".json"))


def synthetic_reports(count: int) -> list[AnnualReport]:
    """``count`` valid reports of every edition, drawn by the library's Hypothesis strategy."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    from gov_disclosure.testing import reports

    drawn: list[AnnualReport] = []

    @settings(max_examples=count, phases=[Phase.generate], database=None, deadline=None, derandomize=True,
              suppress_health_check=list(HealthCheck))
    @given(st.one_of(reports("2019"), reports("2021"), reports("2021", blanks=False), reports()))
    def collect(report: AnnualReport) -> None:
        drawn.append(report)

    collect()
    return drawn[:count]


def build_folder(folder: Path, files: int) -> Path:
    """Write ``files`` report files into ``folder``; return the path of the corrupt one."""
    from gov_disclosure import render

    source = CORPUS if CORPUS.is_dir() else REPO / "examples"
    real = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".html") and ".truth" not in p.name)
    n_real = files * 2 // 5
    n_synthetic = files - n_real - 1
    # Each drawn report is rendered in every readable format (drawing is the slow part).
    synthetic = synthetic_reports(-(-n_synthetic // len(FORMATS)))
    corrupt_at = files // 2
    entries: list[tuple[str, bytes]] = []
    for i, path in zip(range(n_real), itertools.cycle(real), strict=False):
        entries.append((f"{path.stem}-{i:04d}{path.suffix}", path.read_bytes()))
    rendered = ((i, report, fmt, suffix) for i, report in enumerate(synthetic) for fmt, suffix in FORMATS)
    for i, report, fmt, suffix in itertools.islice(rendered, n_synthetic):
        entries.append((f"synthetic-{i:04d}{suffix}", render(report, fmt).encode("utf-8")))
    corrupt = ("corrupt.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n% truncated download")
    entries.insert(corrupt_at, corrupt)
    for index, (name, data) in enumerate(entries):
        (folder / f"{index:04d}-{name}").write_bytes(data)
    return folder / f"{corrupt_at:04d}-{corrupt[0]}"


def _children_cpu() -> float:
    """CPU seconds used by finished child processes (the command and its worker processes)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _vm_hwm_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii").split()]
    except (OSError, ValueError):
        return []


def _own_cpu(pid: int) -> float | None:
    """CPU seconds the process ``pid`` itself has used (its threads, not its children)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _watch_peaks(proc: subprocess.Popen[bytes]) -> tuple[dict[int, int], float]:
    """Peak resident memory (VmHWM, KB) of the command and of each of its worker processes,
    polled until it exits, and the CPU seconds the command's own process had used at the last
    poll (its workers apart: within a poll, 20 ms, of the whole). (Not ``ru_maxrss``: a forked
    child's counts the benchmark's own memory from before ``exec``.)"""
    peaks: dict[int, int] = {}
    own = 0.0
    while proc.poll() is None:
        for pid in (proc.pid, *_children(proc.pid)):
            hwm = _vm_hwm_kb(pid)
            if hwm is not None:
                peaks[pid] = max(peaks.get(pid, 0), hwm)
        own = _own_cpu(proc.pid) or own
        time.sleep(0.02)
    return peaks, own


def run_extract(folder: Path, out_dir: Path, jobs: int) -> dict[str, object]:
    out = out_dir / f"cells-jobs{jobs}.csv"
    status_path = out_dir / f"status-jobs{jobs}.tsv"
    command = [sys.executable, "-m", "gov_disclosure", "extract", str(folder), "-o", str(out),
               "--jobs", str(jobs), "--status", str(status_path), "--no-progress"]
    cpu_before = _children_cpu()
    started = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr,
                                env={**os.environ, "PYTHONIOENCODING": "utf-8", "GOV_DISCLOSURE_LANG": "en"})
        peaks, command_cpu = _watch_peaks(proc)
        elapsed = time.perf_counter() - started
        stderr.seek(0)
        err = stderr.read().decode("utf-8")
    cpu = _children_cpu() - cpu_before
    with status_path.open(encoding="utf-8", newline="") as handle:
        status = list(csv.DictReader(handle, delimiter="\t"))
    with out.open(encoding="utf-8-sig", newline="") as handle:
        records = sum(1 for _ in handle) - 1
    counts = {s: sum(1 for row in status if row["status"] == s) for s in ("parsed", "problems", "failed")}
    parsed = counts["parsed"] + counts["problems"]
    return {
        "jobs": jobs,
        "exit_status": proc.returncode,
        "files": len(status),
        **counts,
        "failed_files": [Path(row["file"]).name for row in status if row["status"] == "failed"],
        "failure_reasons": [row["detail"] for row in status if row["status"] == "failed"],
        "records": records,
        "seconds": round(elapsed, 2),
        "reports_per_second": round(parsed / elapsed, 1),
        "cpu_seconds": round(cpu, 2),
        "reports_per_cpu_second": round(parsed / cpu, 1) if cpu > 0 else 0.0,
        "command_process_cpu_seconds": round(command_cpu, 2),
        "peak_rss_mb": round(max(peaks.values(), default=0) / 1024, 1),
        "peak_rss_sum_mb": round(sum(peaks.values()) / 1024, 1),
        "load_average_1min": round(os.getloadavg()[0], 1),
        "summary": err.strip().splitlines()[-1] if err.strip() else "",
    }


def compile_package() -> None:
    """Write the bytecode cache of the package being measured (see the module's docstring)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("gov_disclosure")
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            compileall.compile_dir(location, quiet=1)


def startup(path: Path, out_dir: Path, rounds: int = 9) -> dict[str, float]:
    """Milliseconds of the command's fixed cost: ``extract`` of the one file ``path`` (start-up,
    the file, exit), wall clock and CPU, the median of ``rounds`` runs."""
    command = [sys.executable, "-m", "gov_disclosure", "extract", str(path), "-o", str(out_dir / "one.csv"),
               "--no-progress"]
    walls, cpus = [], []
    for _ in range(rounds):
        cpu_before = _children_cpu()
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
                       env={**os.environ, "GOV_DISCLOSURE_LANG": "en"})
        walls.append(time.perf_counter() - started)
        cpus.append(_children_cpu() - cpu_before)
    return {"wall_ms": round(statistics.median(walls) * 1000, 1), "cpu_ms": round(statistics.median(cpus) * 1000, 1)}


def worker_breakdown(folder: Path, sample: int = 150, rounds: int = 5) -> dict[str, float]:
    """Milliseconds of CPU per file, the mean over a sample of the folder of each file's median
    over ``rounds``: ``parse``, ``rows`` and ``send`` (see the module's docstring); and
    ``one_pass``, the mean of one pass over the sample doing a worker's whole task per file."""
    import functools
    import pickle

    from gov_disclosure import ParseResult
    from gov_disclosure._batch import parse_or_error
    from gov_disclosure._extract_rows import report_text
    from gov_disclosure.cli import _extract_for_output

    def send(outcome: object) -> object:
        return pickle.loads(pickle.dumps(outcome))

    import random

    paths = sorted(str(p) for p in folder.iterdir())
    # A random sample (seeded): a fixed stride fell in step with the folder's cycle of formats and
    # timed two of the four synthetic ones only, under-stating the parse by about a sixth.
    paths = sorted(random.Random(0).sample(paths, min(sample, len(paths))))
    # One pass first, each file once, as a worker meets it: the medians of repeated rounds below
    # understate that (the same file again finds the processor's caches warm), by about a fifth.
    task = functools.partial(_extract_for_output, strict=False, encode="csv", lang="en")
    started = time.process_time()
    for path in paths:
        task(path)
    once = time.process_time() - started
    spent = {"parse": 0.0, "rows": 0.0, "send": 0.0}
    for path in paths:
        result = parse_or_error(path, False)
        outcome = _extract_for_output(path, strict=False, encode="csv", lang="en")
        spent["parse"] += _cpu_median(functools.partial(parse_or_error, path, False), rounds)
        spent["send"] += _cpu_median(functools.partial(send, outcome), rounds)
        if isinstance(result, ParseResult):
            spent["rows"] += _cpu_median(functools.partial(report_text, path, result.report, result.problems, "csv"),
                                         rounds)
    return {**{name: round(total / len(paths) * 1000, 3) for name, total in spent.items()},
            "one_pass": round(once / len(paths) * 1000, 3)}


def _cpu_median(step: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.process_time()
        step()
        times.append(time.process_time() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--jobs", type=int, nargs="+", default=[2])
    parser.add_argument("--keep", metavar="DIR", help="build the folders under here and keep them")
    parser.add_argument("--reuse", action="store_true", help="with --keep: use a folder already built there")
    parser.add_argument("--json", metavar="OUT", help="also write the results as JSON")
    args = parser.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="bench-extract-"))
    compile_package()
    try:
        results = []
        ok = True
        for files in args.files:
            folder = (Path(args.keep) if args.keep else tmp) / f"reports-{files}"
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            built = sorted(folder.glob("*-corrupt.pdf"))
            if args.reuse and args.keep and len(built) == 1 and sum(1 for _ in folder.iterdir()) == files:
                corrupt = built[0]
                print(f"reusing the {files} files in {folder}; corrupt file: {corrupt.name}")
            else:
                corrupt = build_folder(folder, files)
                print(f"generated {files} files in {folder} ({time.perf_counter() - started:.1f} s); "
                      f"corrupt file: {corrupt.name}")
            for jobs in args.jobs:
                result = {"files_in_folder": files, **run_extract(folder, tmp, jobs)}
                results.append(result)
                print(f"  extract --jobs {jobs}: {result['files']} files, {result['parsed']} parsed, "
                      f"{result['problems']} with problems, {result['failed']} failed {result['failed_files']}; "
                      f"{result['records']} records; {result['seconds']} s = {result['reports_per_second']} "
                      f"reports/s; peak RSS {result['peak_rss_mb']} MB in the largest process, "
                      f"{result['peak_rss_sum_mb']} MB summed over the command and its workers "
                      f"(CPU {result['cpu_seconds']} s = {result['reports_per_cpu_second']} reports per CPU second, "
                      f"{result['command_process_cpu_seconds']} s of it in the command's own process; "
                      f"load "
                      f"average {result['load_average_1min']} on {os.cpu_count()} CPUs)")
                ok &= result["failed_files"] == [corrupt.name] and result["exit_status"] == 2
                ok &= result["files"] == files
            if files == args.files[0]:
                fixed = startup(min(folder.glob("*.txt")), tmp)
                results.append({"files_in_folder": files, "one_file_extract": fixed})
                print(f"  extract of one file (start-up, the file, exit; median): {fixed['wall_ms']} ms wall, "
                      f"{fixed['cpu_ms']} ms CPU")
                split = worker_breakdown(folder)
                total = split["parse"] + split["rows"] + split["send"]
                results.append({"files_in_folder": files, "worker_ms_per_file": split})
                print(f"  a worker's file (CPU, in this process): parse {split['parse']:.2f} ms, rows "
                      f"{split['rows']:.2f} ms, send {split['send']:.2f} ms: {total:.2f} ms, of which "
                      f"{(total - split['parse']) / total:.0%} is not the parse (medians of repeated rounds); "
                      f"one pass over the same files, each once: {split['one_pass']:.2f} ms per file")
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
        for jobs in args.jobs:
            runs = [r for r in results if r.get("jobs") == jobs]
            if len(runs) > 1:
                first, last = runs[0], runs[-1]
                print(f"--jobs {jobs}: peak RSS at {last['files_in_folder']} files = "
                      f"{float(last['peak_rss_mb']) / float(first['peak_rss_mb']):.2f}x the peak at "  # type: ignore[arg-type]
                      f"{first['files_in_folder']} (flat memory: at most 1.2x)")
        if args.json:
            Path(args.json).write_text(json.dumps({"results": results}, ensure_ascii=False, indent=2) + "\n",
                                       encoding="utf-8")
        if not ok:
            print("FAILED: the corrupt file was not the one and only failure", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
