"""Parsing many files: :func:`parse_many`, in-process or over worker processes.

Results come back in input order, one :class:`BatchItem` per path, and a file that cannot
be parsed is an item carrying its :class:`~gov_disclosure.GovDisclosureError` — it never
stops the rest. Memory stays flat over any number of files: the paths are consumed lazily
and at most a small window of files is in flight at a time.
"""

from __future__ import annotations

import functools
import itertools
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Union

import attrs

from ._errors import GovDisclosureError, ParseError
from .parsers import Kind, Location, ParseResult, Problem, ProblemSeverity, Provenance, parse
from .parsers._sniff import looks_like_url

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["BatchItem", "map_files", "parse_many", "parse_or_error"]

_T = TypeVar("_T")

#: How many files may be in flight per worker process (parsing, queued, or their results on the way back).
_WINDOW_PER_JOB = 32

#: The most paths sent to a worker in one round trip.
_CHUNK = 16


@attrs.frozen
class BatchItem:
    """The outcome for one path of :func:`parse_many`.

    Exactly one of ``result`` and ``error`` is set: ``result`` when the file was parsed (it
    may still carry problems), ``error`` when it could not be (``None`` otherwise). An item
    unpacks as the pair ``(path, outcome)``::

        for path, outcome in parse_many(paths):
            if isinstance(outcome, GovDisclosureError): ...
    """

    path: str
    result: ParseResult | None = None
    error: GovDisclosureError | None = None

    @property
    def ok(self) -> bool:
        """True when the file was parsed (whatever its problems)."""
        return self.result is not None

    @property
    def outcome(self) -> ParseResult | GovDisclosureError:
        """The :class:`ParseResult`, or the error that stopped this file."""
        if self.result is not None:
            return self.result
        if self.error is None:  # pragma: no cover - parse_many never builds such an item
            raise ValueError("a BatchItem needs a result or an error")
        return self.error

    def __iter__(self) -> Iterator[Any]:
        return iter((self.path, self.outcome))


def parse_many(
    paths: Iterable[str | os.PathLike[str]], *, jobs: int = 1, strict: bool = False
) -> Generator[BatchItem, None, None]:
    """Parse every file of ``paths``, yielding one :class:`BatchItem` per path in input order.

    ``jobs=1`` parses in this process; ``jobs=N`` uses ``N`` worker processes
    (``concurrent.futures.ProcessPoolExecutor``) with a bounded window of files in flight,
    so neither the input nor the results are ever held all at once (``close()`` the generator
    to stop early and shut the workers down). ``strict`` is passed to
    :func:`~gov_disclosure.parse`. A file that cannot be read or parsed yields an item with
    its ``error`` (a :class:`~gov_disclosure.GovDisclosureError`); an unexpected exception
    inside a parser, or a worker process that dies, becomes a :class:`ParseError` with code
    ``PARSE.INTERNAL`` or ``BATCH.WORKER_DIED`` for that file alone.

    >>> items = list(parse_many(["examples/zhongshan-office-2020.txt", "no/such/file.txt"]))
    >>> [(item.ok, type(item.outcome).__name__) for item in items]
    [(True, 'ParseResult'), (False, 'ParseError')]
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if jobs == 1:
        for path in paths:
            outcome = parse_or_error(str(path), strict)
            if isinstance(outcome, ParseResult):
                yield BatchItem(path=str(path), result=outcome)
            else:
                yield BatchItem(path=str(path), error=outcome)
        return
    for path, packed in map_files(functools.partial(_parse_one, strict=strict), paths, jobs=jobs, died=_died):
        yield _unpack(path, packed)


def _died(path: str) -> _Packed:
    return _failure(ParseError("BATCH.WORKER_DIED", {"path": path}))


def map_files(
    task: Callable[[str], _T],
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int,
    died: Callable[[str], _T],
) -> Generator[tuple[str, _T], None, None]:
    """``(path, task(path))`` for every path, in input order, computed by ``jobs`` worker processes.

    ``task`` must be picklable (a module-level function or a ``functools.partial`` of one) and
    must not raise. The worker processes start once (their initializer imports the parsers) and
    are reused for every file; paths travel to them in chunks (1, 2, 4, … up to
    :data:`_CHUNK` paths), so that a few files still spread over every worker and many files
    cost one round trip per chunk, not per file. At most ``jobs * _WINDOW_PER_JOB`` paths are
    in flight, and the paths are pulled from ``paths`` only as room frees up. A worker that dies
    takes the pool with it: each path of the chunk being waited for is run again alone to find
    the culprit (its value is then ``died(path)``), and the chunks still queued go to a fresh
    pool. This is the engine of :func:`parse_many` and of ``gov-disclosure extract``.
    """
    # Imported here: ``import gov_disclosure`` should not pay for multiprocessing.
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, initializer=_warm_up)

    run = functools.partial(_run_chunk, task)
    window = jobs * _WINDOW_PER_JOB
    pending: deque[tuple[list[str], Future[list[_T]]]] = deque()
    in_flight = 0
    chunk_size = 1
    source = iter(paths)
    # Imported here, before the workers start: where they are forked (Linux) they start with the
    # parsers imported once, not each importing them again.
    _import_parsers()
    executor = new_pool()

    def submit(chunk: list[str]) -> Future[list[_T]]:
        # A pool that broke in the background refuses new work: hand back a future that says so,
        # and the breakage is dealt with where results are collected.
        try:
            return executor.submit(run, chunk)
        except BrokenProcessPool as exc:
            refused: Future[list[_T]] = Future()
            refused.set_exception(exc)
            return refused

    try:
        while True:
            while in_flight < window:
                chunk = [str(p) for p in itertools.islice(source, min(chunk_size, window - in_flight))]
                if not chunk:
                    break
                pending.append((chunk, submit(chunk)))
                in_flight += len(chunk)
                chunk_size = min(chunk_size * 2, _CHUNK)
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                values = future.result()
            except BrokenProcessPool:
                # A worker died (a crash inside a native library, or the OS killed it) and took
                # the pool with it. Which file did it? Run this chunk's files again, each alone;
                # then start a fresh pool for the chunks still queued (keeping finished results).
                executor.shutdown(wait=False, cancel_futures=True)
                values = [_run_alone(task, path, died) for path in chunk]
                executor = new_pool()
                queued = list(pending)
                pending.clear()
                for other, other_future in queued:
                    if not _finished_cleanly(other_future):
                        other_future = submit(other)
                    pending.append((other, other_future))
            in_flight -= len(chunk)
            yield from zip(chunk, values, strict=True)
    finally:
        for _chunk, future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


def _import_parsers() -> None:
    import importlib

    for module in ("html", "text", "segment", "prose"):
        importlib.import_module(f"gov_disclosure.parsers._{module}")
    importlib.import_module("gov_disclosure._json")  # a JSON report's reader
    importlib.import_module("gov_disclosure.renderers")


def _warm_up() -> None:
    """Each worker's initializer: import the parsers once, before the first file arrives (a
    forked worker has them from the parent already), then set what is alive by now (modules,
    tables, compiled patterns) aside from the garbage collector, which would otherwise walk it
    again at every full collection of the worker's life (about half the time it spends
    collecting). A worker's youngest generation is collected after 10 000 new containers, not
    700: a parse makes tens of thousands of short-lived lists, tuples and records that reference
    counting frees, so the default threshold ran a collection every few hundred cells for
    almost nothing (about 5 % of a worker's CPU). The worker is this command's own process;
    a program that imports the library keeps its own settings."""
    import gc

    _import_parsers()
    gc.freeze()
    gc.set_threshold(10_000, *gc.get_threshold()[1:])


def _run_chunk(task: Callable[[str], _T], chunk: list[str]) -> list[_T]:
    return [task(path) for path in chunk]


def _run_alone(task: Callable[[str], _T], path: str, died: Callable[[str], _T]) -> _T:
    """``task(path)`` in a pool of its own, or ``died(path)`` if it kills the worker."""
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    with ProcessPoolExecutor(max_workers=1) as solo:
        try:
            return solo.submit(task, path).result()
        except BrokenProcessPool:
            return died(path)


def _finished_cleanly(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


# ---------------------------------------------------------------- crossing process boundaries
#
# A ParseResult holds read-only mappings (``MappingProxyType``), which do not pickle, and our
# exceptions take constructor arguments that ``BaseException.__reduce__`` does not replay. The
# worker therefore sends plain data (:class:`_Packed`) and the parent rebuilds the objects.

_ProblemData = tuple[
    str, str, dict[str, object], tuple[Any, ...], Union[str, None], tuple[dict[str, object], ...], str, str
]


@attrs.frozen
class _Packed:
    report: Any = None
    problems: tuple[_ProblemData, ...] = ()
    provenance: tuple[tuple[str, tuple[Any, ...], str, str | None, str | None], ...] = ()
    source_format: str = ""
    error_class: type[GovDisclosureError] | None = None
    error_args: tuple[Any, ...] = ()
    error_state: dict[str, Any] = attrs.field(factory=dict)


def parse_or_error(path: str, strict: bool) -> ParseResult | GovDisclosureError:
    """Parse the file at ``path``; the error instead of raising it. An unexpected exception
    inside a parser (a bug) becomes ``ParseError("PARSE.INTERNAL")`` for this file alone."""
    try:
        # a URL stays a str: as a Path its "//" would fold to "/" in the message
        return parse(path if looks_like_url(path) else Path(path), strict=strict)
    except GovDisclosureError as exc:
        return exc
    except Exception as exc:  # a parser bug must not stop the batch; report it for this file
        return ParseError("PARSE.INTERNAL", {"error": f"{type(exc).__name__}: {exc}"})


def _parse_one(path: str, strict: bool) -> _Packed:
    result = parse_or_error(path, strict)
    if isinstance(result, GovDisclosureError):
        return _failure(result)
    return _Packed(
        report=result.report,
        problems=tuple(_pack_problem(p) for p in result.problems),
        provenance=tuple(
            (key, attrs.astuple(prov.location), prov.raw, prov.note, prov.basis)
            for key, prov in result.provenance.items()
        ),
        source_format=result.source_format,
    )


def _failure(exc: GovDisclosureError) -> _Packed:
    state = dict(vars(exc))
    if isinstance(state.get("problems"), tuple):
        state["problems"] = tuple(_pack_problem(p) for p in state["problems"])
    return _Packed(error_class=type(exc), error_args=exc.args, error_state=state)


def _pack_problem(problem: Problem) -> _ProblemData:
    return (
        problem.code,
        problem.severity.value,
        dict(problem.params),
        attrs.astuple(problem.location),
        problem.raw,
        tuple(dict(c) for c in problem.candidates),
        problem.kind.value,
        problem.variant,
    )


def _unpack_problem(data: _ProblemData) -> Problem:
    code, severity, params, location, raw, candidates, kind, variant = data
    return Problem(code, ProblemSeverity(severity), params, Location(*location), raw, candidates, Kind(kind),
                   variant)


def _unpack(path: str, packed: _Packed) -> BatchItem:
    if packed.error_class is not None:
        cls = packed.error_class
        error = cls.__new__(cls, *packed.error_args)
        error.args = packed.error_args
        state: Mapping[str, Any] = packed.error_state
        for name, value in state.items():
            if name == "problems" and isinstance(value, tuple):
                value = tuple(_unpack_problem(p) for p in value)
            setattr(error, name, value)
        return BatchItem(path=path, error=error)
    result = ParseResult(
        report=packed.report,
        problems=tuple(_unpack_problem(p) for p in packed.problems),
        provenance={key: Provenance(Location(*loc), raw, note, basis)
                    for key, loc, raw, note, basis in packed.provenance},
        source_format=packed.source_format,
    )
    return BatchItem(path=path, result=result)
