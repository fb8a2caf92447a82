"""Parsing many files: :func:`parse_many`, in-process or over worker processes.

Results come back in input order, one :class:`BatchItem` per path, and a file that cannot
be parsed is an item carrying its :class:`~gov_disclosure.GovDisclosureError` — it never
stops the rest. Memory stays flat over any number of files: the paths are consumed lazily
and at most a small window of files is in flight at a time.
"""

from __future__ import annotations

import functools
import os
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, Union

import attrs

from ._errors import GovDisclosureError, ParseError
from .parsers import Location, ParseResult, Problem, ProblemSeverity, Provenance, parse

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["BatchItem", "map_files", "parse_many", "parse_or_error"]

_T = TypeVar("_T")

#: How many files each worker process may have queued beyond the one it is parsing.
_WINDOW_PER_JOB = 4


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
    return _failure(ParseError("BATCH.WORKER_DIED", f"the worker process parsing {path} died"))


def map_files(
    task: Callable[[str], _T],
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int,
    died: Callable[[str], _T],
) -> Generator[tuple[str, _T], None, None]:
    """``(path, task(path))`` for every path, in input order, computed by ``jobs`` worker processes.

    ``task`` must be picklable (a module-level function or a ``functools.partial`` of one) and
    must not raise. At most ``jobs * 4`` paths are in flight. A worker that dies takes the pool
    with it: the path being waited for is run again alone to find out whether it is the
    culprit (then its value is ``died(path)``), and the paths still queued go to a fresh pool.
    This is the engine of :func:`parse_many` and of ``gov-disclosure extract``.
    """
    # Imported here: ``import gov_disclosure`` should not pay for multiprocessing.
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    window = jobs * _WINDOW_PER_JOB
    pending: deque[tuple[str, Future[_T]]] = deque()
    source = iter(paths)
    executor = ProcessPoolExecutor(max_workers=jobs)

    def submit(path: str) -> Future[_T]:
        # A pool that broke in the background refuses new work: hand back a future that says so,
        # and the breakage is dealt with where results are collected.
        try:
            return executor.submit(task, path)
        except BrokenProcessPool as exc:
            refused: Future[_T] = Future()
            refused.set_exception(exc)
            return refused

    try:
        while True:
            while len(pending) < window:
                try:
                    path = str(next(source))
                except StopIteration:
                    break
                pending.append((path, submit(path)))
            if not pending:
                return
            path, future = pending.popleft()
            try:
                value = future.result()
            except BrokenProcessPool:
                # A worker died (a crash inside a native library, or the OS killed it) and took
                # the pool with it. Which file did it? Run this one again alone to find out;
                # then start a fresh pool for the files still queued (keeping finished results).
                executor.shutdown(wait=False, cancel_futures=True)
                value = _run_alone(task, path, died)
                executor = ProcessPoolExecutor(max_workers=jobs)
                queued = list(pending)
                pending.clear()
                for other, other_future in queued:
                    if not _finished_cleanly(other_future):
                        other_future = submit(other)
                    pending.append((other, other_future))
            yield path, value
    finally:
        for _path, future in pending:
            future.cancel()
        executor.shutdown(wait=True, cancel_futures=True)


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

_ProblemData = tuple[str, str, str, tuple[Any, ...], Union[str, None], tuple[dict[str, object], ...]]


@attrs.frozen
class _Packed:
    report: Any = None
    problems: tuple[_ProblemData, ...] = ()
    provenance: tuple[tuple[str, tuple[Any, ...], str, str | None], ...] = ()
    source_format: str = ""
    error_class: type[GovDisclosureError] | None = None
    error_args: tuple[Any, ...] = ()
    error_state: dict[str, Any] = attrs.field(factory=dict)


def parse_or_error(path: str, strict: bool) -> ParseResult | GovDisclosureError:
    """Parse the file at ``path``; the error instead of raising it. An unexpected exception
    inside a parser (a bug) becomes ``ParseError("PARSE.INTERNAL")`` for this file alone."""
    try:
        return parse(Path(path), strict=strict)
    except GovDisclosureError as exc:
        return exc
    except Exception as exc:  # a parser bug must not stop the batch; report it for this file
        return ParseError("PARSE.INTERNAL", f"unexpected {type(exc).__name__}: {exc}")


def _parse_one(path: str, strict: bool) -> _Packed:
    result = parse_or_error(path, strict)
    if isinstance(result, GovDisclosureError):
        return _failure(result)
    return _Packed(
        report=result.report,
        problems=tuple(_pack_problem(p) for p in result.problems),
        provenance=tuple(
            (key, attrs.astuple(prov.location), prov.raw, prov.note) for key, prov in result.provenance.items()
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
        problem.message,
        attrs.astuple(problem.location),
        problem.raw,
        tuple(dict(c) for c in problem.candidates),
    )


def _unpack_problem(data: _ProblemData) -> Problem:
    code, severity, message, location, raw, candidates = data
    return Problem(code, ProblemSeverity(severity), message, Location(*location), raw, candidates)


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
        provenance={key: Provenance(Location(*loc), raw, note) for key, loc, raw, note in packed.provenance},
        source_format=packed.source_format,
    )
    return BatchItem(path=path, result=result)
