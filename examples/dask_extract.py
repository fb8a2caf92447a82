"""Extract every table cell of a corpus on Dask — the same per-file function as ``gov-disclosure
extract`` (:func:`gov_disclosure.cli.extract_file`), scheduled by ``dask.bag`` so that it scales
from one laptop to a cluster without a home-made scheduler. Needs the ``dask`` extra:
``pip install 'gov_disclosure[dask]'``.

    python examples/dask_extract.py [FOLDER] [--scheduler synchronous|threads|processes]

Each file becomes one ``extract_file`` call: its tidy rows, or the reason it failed — one bad
file never stops the rest. Point ``dask.distributed`` at a cluster and the same bag runs there.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path
from typing import Any

from gov_disclosure.cli import EXTRACT_FIELDS, extract_file

HERE = Path(__file__).resolve().parent
SUFFIXES = {".html", ".htm", ".txt", ".md", ".pdf", ".json"}


def status_of(path: str) -> dict[str, Any]:
    """One file's outcome without its rows: ``{"file", "status", "detail", "rows"}``."""
    outcome = extract_file(path)
    if outcome.error is not None:
        return {"file": path, "status": "failed", "detail": outcome.error, "rows": []}
    status = "problems" if outcome.serious else "parsed"
    records = [dict(zip(EXTRACT_FIELDS, row, strict=True)) for row in outcome.rows]
    return {"file": path, "status": status, "detail": outcome.problems, "rows": records}


def build(paths: list[str], partitions: int | None = None) -> tuple[Any, Any]:
    """The Dask bags of per-file statuses and of all records (dicts keyed by ``EXTRACT_FIELDS``)."""
    import dask.bag as db

    outcomes = db.from_sequence(paths, npartitions=partitions or min(len(paths), 64) or 1).map(status_of)
    statuses = outcomes.map(lambda o: {k: v for k, v in o.items() if k != "rows"})
    records = outcomes.pluck("rows").flatten()
    return statuses, records


def main() -> int:
    import dask

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=str(HERE))
    parser.add_argument("--scheduler", default="processes", choices=("synchronous", "threads", "processes"))
    args = parser.parse_args()
    paths = sorted(str(p) for p in Path(args.folder).rglob("*") if p.suffix in SUFFIXES)
    statuses, records = build(paths)
    statuses_list, records_list = dask.compute(statuses, records, scheduler=args.scheduler)
    for status in statuses_list:
        print(f"{status['status']:<8} {Path(status['file']).name} {status['detail']}")
    per_edition = collections.Counter(r["edition"] for r in records_list)
    print(f"{len(records_list)} records from {len(paths)} files; by edition: {dict(sorted(per_edition.items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
