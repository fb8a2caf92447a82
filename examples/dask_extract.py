"""Extract every table cell of a corpus on Dask — the same per-file work as ``gov-disclosure
extract``, scheduled by ``dask.bag`` so that it scales from one laptop to a cluster without a
home-made scheduler. Needs the ``dask`` extra: ``pip install 'gov_disclosure[dask]'``.

    python examples/dask_extract.py [FOLDER] [--scheduler synchronous|threads|processes]

Each file becomes one :func:`extract_file` call: parse, then one tidy record per table cell,
or a failure carrying the error — one bad file never stops the rest. Point ``dask.distributed``
at a cluster and the same bag runs there.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path
from typing import Any

import gov_disclosure as gd

HERE = Path(__file__).resolve().parent
SUFFIXES = {".html", ".htm", ".txt", ".md", ".pdf", ".json"}


def extract_file(path: str) -> dict[str, Any]:
    """Parse one file: ``{"file", "status", "detail", "records"}`` (status parsed / problems / failed)."""
    try:
        result = gd.parse(Path(path))
    except gd.GovDisclosureError as exc:
        return {"file": path, "status": "failed", "detail": str(exc), "records": []}
    records = [{"file": path, **record} for record in gd.to_records(result.report)]
    status = "problems" if result.problems else "parsed"
    detail = ", ".join(sorted({p.code for p in result.problems}))
    return {"file": path, "status": status, "detail": detail, "records": records}


def build(paths: list[str], partitions: int | None = None) -> tuple[Any, Any]:
    """The Dask bags of per-file outcomes (without their records) and of all records."""
    import dask.bag as db

    outcomes = db.from_sequence(paths, npartitions=partitions or min(len(paths), 64) or 1).map(extract_file)
    statuses = outcomes.map(lambda o: {k: v for k, v in o.items() if k != "records"})
    records = outcomes.pluck("records").flatten()
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
