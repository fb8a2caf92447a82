"""parse_many: input order, failures per file, worker processes equal to in-process, lazy input."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

import gov_disclosure as gd
from gov_disclosure import _batch
from gov_disclosure.renderers import render
from helpers import REPO

EXAMPLE_HTML = REPO / "examples" / "shanghai-office-2019.html"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("batch")
    real = folder / "real.html"
    shutil.copyfile(EXAMPLE_HTML, real)
    unreadable = gd.AnnualReport.empty("2021", year=2023).with_cells(
        {"requests.granted.natural_person": gd.Unreadable("十二"), "requests.granted.total": 3}
    )
    with_problem = folder / "problem.html"
    with_problem.write_text(render(unreadable, "html", standalone=True), encoding="utf-8")
    corrupt = folder / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n\x00\x00 not really a pdf")
    return [real, folder / "missing.txt", with_problem, corrupt, real]


def test_items_come_in_input_order_with_errors_in_place(files: list[Path]) -> None:
    items = list(gd.parse_many(files))
    assert [item.path for item in items] == [str(f) for f in files]
    assert [item.ok for item in items] == [True, False, True, False, True]
    missing = items[1].error
    assert isinstance(missing, gd.ParseError)
    assert missing.code == "SOURCE.NOT_FOUND"
    assert isinstance(items[3].error, gd.GovDisclosureError)
    assert items[0].result == gd.parse(files[0])
    path, outcome = items[2]
    assert path == str(files[2])
    assert isinstance(outcome, gd.ParseResult)
    assert "CELL.UNREADABLE" in {p.code for p in outcome.problems}


def test_worker_processes_give_the_same_items(files: list[Path]) -> None:
    local = list(gd.parse_many(files, jobs=1))
    pooled = list(gd.parse_many(files, jobs=2))
    assert [i.path for i in pooled] == [i.path for i in local]
    for a, b in zip(local, pooled, strict=True):
        assert a.result == b.result
        if a.result is not None and b.result is not None:
            assert dict(a.result.provenance) == dict(b.result.provenance)
            assert a.result.source_format == b.result.source_format
        assert type(a.error) is type(b.error)
        assert str(a.error) == str(b.error)
        assert getattr(a.error, "code", None) == getattr(b.error, "code", None)


def test_strict_errors_cross_processes_with_their_problems(files: list[Path]) -> None:
    (item,) = gd.parse_many([files[2]], jobs=2, strict=True)
    error = item.error
    assert isinstance(error, gd.ParseError)
    assert error.code == "PARSE.STRICT"
    assert all(isinstance(p, gd.Problem) for p in error.problems)
    assert "CELL.UNREADABLE" in {p.code for p in error.problems}


@pytest.mark.parametrize("jobs", [1, 2])
def test_input_is_consumed_lazily(files: list[Path], jobs: int) -> None:
    pulled = 0

    def endless() -> Iterator[Path]:
        nonlocal pulled
        while True:
            pulled += 1
            yield files[0]

    batch = gd.parse_many(endless(), jobs=jobs)
    first = next(batch)
    assert first.ok
    assert pulled <= jobs * _batch._WINDOW_PER_JOB
    for _ in range(10):
        next(batch)
    assert pulled <= 11 + jobs * _batch._WINDOW_PER_JOB
    batch.close()  # shuts the worker pool down


def test_an_unexpected_parser_exception_fails_only_that_file(
    files: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_parse = _batch.parse

    def flaky(source: Path, *, strict: bool = False) -> gd.ParseResult:
        if source.name == "problem.html":
            raise IndexError("list index out of range")
        return real_parse(source, strict=strict)

    monkeypatch.setattr(_batch, "parse", flaky)
    items = list(gd.parse_many([files[0], files[2], files[0]]))
    assert [i.ok for i in items] == [True, False, True]
    error = items[1].error
    assert isinstance(error, gd.ParseError)
    assert error.code == "PARSE.INTERNAL"
    assert "IndexError" in error.message("en")


def test_jobs_must_be_positive() -> None:
    with pytest.raises(ValueError, match="jobs"):
        next(gd.parse_many([], jobs=0))


def test_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    import doctest

    monkeypatch.chdir(REPO)
    result = doctest.testmod(_batch)
    assert result.attempted > 0
    assert result.failed == 0


def _die_on_problem_html(path: str, strict: bool) -> object:
    """A worker function that kills its process for one file (as a crash in a native library would)."""
    import os

    if Path(path).name == "problem.html":
        os._exit(3)
    return _REAL_PARSE_ONE(path, strict)


_REAL_PARSE_ONE = _batch._parse_one


def test_a_worker_that_dies_fails_only_its_own_file(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_batch, "_parse_one", _die_on_problem_html)
    paths = [files[0], files[0], files[2], files[0], files[0], files[0]]
    items = list(gd.parse_many(paths, jobs=2))
    assert [i.path for i in items] == [str(p) for p in paths]
    assert [i.ok for i in items] == [True, True, False, True, True, True]
    error = items[2].error
    assert isinstance(error, gd.ParseError)
    assert error.code == "BATCH.WORKER_DIED"


def test_a_pool_that_breaks_between_items_is_replaced(files: list[Path], monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setattr(_batch, "_parse_one", _die_on_problem_html)
    paths = [files[0], files[2], *[files[0]] * 12]
    batch = gd.parse_many(paths, jobs=2)
    first = next(batch)
    time.sleep(2)  # meanwhile a worker dies on problem.html: the next refill meets a broken pool
    rest = list(batch)
    assert [first.ok, *(i.ok for i in rest)] == [True, False, *[True] * 12]
    assert isinstance(rest[0].error, gd.ParseError)
    assert rest[0].error.code == "BATCH.WORKER_DIED"
