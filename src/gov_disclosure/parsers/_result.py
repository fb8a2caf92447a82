"""What a parser returns: the report, the problems it met, and where every value came from."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType

import attrs

from .._errors import ParseError, check_lang
from .._i18n import PHRASES, Lang, render
from ..model import AnnualReport

__all__ = ["CellOrigin", "Kind", "LineOrigin", "Location", "ParseResult", "Problem", "ProblemSeverity", "Provenance",
           "Provenances"]


class ProblemSeverity(str, enum.Enum):
    """How much a problem in the input matters."""

    ERROR = "error"
    """A value may be wrong or missing."""
    WARNING = "warning"
    """A value was read, but with a guess the user should know about."""
    INFO = "info"
    """Something unusual that did not change any value."""

    def __str__(self) -> str:
        return self.value

    def word(self, lang: Lang = "zh") -> str:
        """The severity in words: 错误 / 警告 / 提示, or ``error`` / ``warning`` / ``info``."""
        return PHRASES[f"severity.{self.value}"][check_lang(lang)]


class Kind(str, enum.Enum):
    """Whose fault a problem or finding is.

    ``SOURCE``: the published report (a sum that does not hold, a placeholder printed where a
    number belongs, a table the source does not print). ``EXTRACTION``: the reading of it (a
    table the source prints but the parser could not read, a guessed digit split): the
    publisher is not to blame, and another reading (a better parser, the page's other format)
    may settle it.
    """

    SOURCE = "source"
    EXTRACTION = "extraction"

    def __str__(self) -> str:
        return self.value


def _tuple_of_mappings(items: Iterable[Mapping[str, object]]) -> tuple[Mapping[str, object], ...]:
    return tuple(MappingProxyType(dict(item)) for item in items)


def _params(mapping: Mapping[str, object]) -> Mapping[str, object]:
    if not isinstance(mapping, (dict, Mapping)):  # a dict first: the common case, without the ABC's check
        raise TypeError(f"a problem's params are a mapping of names to values, not {type(mapping).__name__}")
    return MappingProxyType(dict(mapping))


def _readonly(mapping: Mapping[str, Provenance]) -> Mapping[str, Provenance]:
    if isinstance(mapping, Provenances):
        return mapping  # read-only already, and its records are built when read
    return MappingProxyType(dict(mapping))


@attrs.frozen
class Location:
    """Where in the input something is. Every field is ``None`` when not known.

    ``key`` is the stable key of what the problem is about: a cell (``requests.granted.total``),
    a row (``requests.granted``) or a whole table (``requests``); ``table``/``row``/``column``
    are 0-based indexes in the source's own tables;
    ``element`` an element path in HTML; ``line`` a 1-based line number in text; ``page`` a
    1-based PDF page.
    """

    key: str | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    element: str | None = None
    line: int | None = None
    page: int | None = None

    def with_key(self, key: str | None) -> Location:
        """This location for the cell ``key`` (as ``attrs.evolve``, without its per-call cost:
        it runs once per cell read)."""
        if key == self.key:
            return self
        return Location(key, self.table, self.row, self.column, self.element, self.line, self.page)

    def __str__(self) -> str:
        values = ((f.name, getattr(self, f.name)) for f in attrs.fields(Location))
        parts = [f"{name}={value}" for name, value in values if value is not None]
        return ", ".join(parts) or "-"


@attrs.frozen
class Problem:
    """A problem found in the input: stable ``code``, severity, the arguments of its message,
    location, raw text.

    The message is derived from ``code``, ``variant`` and ``params`` (:meth:`message`, in
    Chinese by default or in English), never stored: ``params`` maps the names of the message's
    fields to their values (``{"key": "requests.granted.total", "text": "十"}``), and
    ``variant`` names which of the code's sentences it is (``""`` for the code's own). The
    wording is not stable; match on ``code``.

    ``candidates`` lists the alternatives when the parser had to choose (``SPLIT.AMBIGUOUS``):
    each is a mapping of stable key → value for the cells that alternative changes.

    ``kind`` says whose problem it is: :attr:`Kind.EXTRACTION` (the default: the parser's
    uncertainty — a guessed split, a table it saw but could not read) or :attr:`Kind.SOURCE`
    (the input as published — a placeholder where a number belongs, a table not printed).
    A problem about a whole table or row has its stable key (``requests``,
    ``requests.granted``) as ``location.key``.

    >>> p = Problem("CELL.UNREADABLE", ProblemSeverity.ERROR, {"key": "requests.granted.total", "text": "十"})
    >>> p.message()
    'requests.granted.total：无法将“十”识读为数字'
    >>> p.message("en")
    "requests.granted.total: cannot read '十' as a number"
    """

    code: str
    severity: ProblemSeverity
    params: Mapping[str, object] = attrs.field(factory=dict, converter=_params, hash=False)
    location: Location = Location()
    raw: str | None = None
    candidates: tuple[Mapping[str, object], ...] = attrs.field(default=(), converter=_tuple_of_mappings)
    kind: Kind = Kind.EXTRACTION
    variant: str = ""

    def message(self, lang: Lang = "zh") -> str:
        """A sentence describing the problem, in Chinese (default) or English (``lang="en"``)."""
        return render(self.code, self.params, check_lang(lang), self.variant)

    @property
    def cells(self) -> tuple[str, ...]:
        """The stable keys this problem names: its location's key, then every key of its candidates."""
        keys: dict[str, None] = {}
        if self.location.key is not None:
            keys[self.location.key] = None
        for candidate in self.candidates:
            keys.update(dict.fromkeys(str(k) for k in candidate))
        return tuple(keys)

    def describe(self, lang: Lang = "zh") -> str:
        """One line: code, severity, message, location and candidates, in ``lang``."""
        lang = check_lang(lang)
        colon = "：" if lang == "zh" else ": "
        message = render(self.code, self.params, lang, self.variant)
        text = f"[{self.code}] {self.severity.word(lang)}{colon}{message} ({self.location})"
        if self.candidates:
            text += (" 候选" if lang == "zh" else " candidates") + colon + "; ".join(
                ", ".join(f"{k}={v}" for k, v in cand.items()) for cand in self.candidates
            )
        return text

    def __str__(self) -> str:
        return self.describe()


@attrs.frozen
class Provenance:
    """Where one value came from: its location in the input and the raw text printed there."""

    location: Location
    raw: str
    note: str | None = None
    """How the value was obtained when not read directly (``split by arithmetic`` …)."""
    basis: str | None = None
    """For report metadata (``provenance["agency"]``): which statement of the source the value
    was taken from — ``agency_field`` (a 发布机构 / 发文机关 field), ``content_source``
    (``<meta name="ContentSource">``), ``source_field`` (a 来源 / 信息来源 field naming an
    agency), ``compiled_by`` (``本报告由…编制``), ``signature`` (the agency and date at the end
    of the report), or ``title`` (the part of the title before its year: the last resort).
    ``None`` for cells."""


CellOrigin = tuple[str, str, "int | None", "int | None", "int | None", "str | None"]
"""A grid cell's provenance as a plain tuple: ``(raw, key, table, row, column, element)`` —
what :class:`Provenances` builds ``Provenance(Location(key, table, row, column, element), raw)``
from when it is read (a parse keeps one per cell; most are never read)."""


LineOrigin = tuple[str, str, int, "Location | None", "str | None"]
"""A streamed cell's provenance (text, Markdown, PDF lines) as a plain tuple: ``(raw, key, line,
base, note)`` — what :class:`Provenances` builds ``Provenance(Location(key, line=line), raw, note)``
from when it is read, or ``Provenance(base.with_key(key), raw, note)`` when the line has a
location of its own (a PDF page and position)."""


class Provenances(Mapping[str, Provenance]):
    """A parse's provenance, read-only: stable key → :class:`Provenance`, each record built
    from its :data:`CellOrigin` or :data:`LineOrigin` the first time it is read (the same
    record each time after)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Provenance | CellOrigin | LineOrigin]) -> None:
        self._items: dict[str, Provenance | CellOrigin | LineOrigin] = dict(items)

    def __getitem__(self, key: str) -> Provenance:
        item = self._items[key]
        if isinstance(item, tuple):
            if len(item) == 6:
                raw, cell, table, row, column, element = item
                item = Provenance(Location(cell, table, row, column, element), raw)
            else:
                raw, cell, line, base, note = item
                item = Provenance(Location(cell, line=line) if base is None else base.with_key(cell), raw, note)
            self._items[key] = item
        return item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self.items())!r})"


@attrs.frozen
class ParseResult:
    """The outcome of parsing one source.

    ``report`` is always present (partial when problems say so); ``problems`` are in source
    order; ``provenance`` maps stable cell keys to where their values came from. ``source_format``
    says which parser read it (``html``, ``text``, ``markdown``, ``pdf``, ``json``).
    """

    report: AnnualReport
    problems: tuple[Problem, ...] = ()
    provenance: Mapping[str, Provenance] = attrs.field(factory=dict, converter=_readonly, eq=False)
    source_format: str = "text"

    def _repr_html_(self) -> str:
        """For Jupyter: the report's tables with the cells of its findings and problems marked, then
        the problems and the findings (the parser imports the checker and the renderer only when asked)."""
        from ..checks import check
        from ..renderers._html import result_html

        return result_html(self, check(self))

    @property
    def ok(self) -> bool:
        """True when no problem is at error level."""
        return not any(p.severity is ProblemSeverity.ERROR for p in self.problems)

    def raise_if_problems(self, *, min_severity: ProblemSeverity = ProblemSeverity.WARNING) -> ParseResult:
        """Raise one :class:`ParseError` (code ``PARSE.STRICT``) carrying every problem at
        ``min_severity`` or above; return ``self`` when there is none."""
        order = [ProblemSeverity.INFO, ProblemSeverity.WARNING, ProblemSeverity.ERROR]
        bad = [p for p in self.problems if order.index(p.severity) >= order.index(min_severity)]
        if bad:
            raise ParseError("PARSE.STRICT", {"count": len(bad)}, bad)
        return self
