"""The one label normaliser every parser uses, and matching of labels to stable keys.

Printed labels vary: full- and half-width punctuation, spaces and line breaks inside words,
traditional characters, item markers (``1.`` ``1、`` ``（一）`` ``(一)``), and the typos real
reports carry. :func:`normalise` folds all of that away; the ``match_*`` functions compare
the folded text against the labels and aliases of the edition description.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from difflib import SequenceMatcher
from functools import cache, lru_cache
from types import MappingProxyType
from typing import Literal

from .._hanzi import HANZI, fold_hanzi, fold_radicals, folds_any
from ..model import EDITIONS, Edition, RowSpec, SectionSpec, TableSpec

__all__ = [
    "class_ranges",
    "edition_markers",
    "fold_hanzi",
    "fold_radicals",
    "is_group_label",
    "match_column",
    "match_row",
    "match_section",
    "nfkc",
    "normalise",
    "normalise_breaks",
    "normalise_lines",
    "normalise_uncached",
    "row_forms",
    "strip_marker",
]

_SPACE = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_QUOTES = re.compile("[\"'“”‘’「」『』]")
_QUOTE_CHARS = "\"'“”‘’「」『』"
_MARKER = re.compile(
    r"^(?:"
    r"[一二三四五六七八九十]+[、.．]"  # 一、
    r"|\(?[一二三四五六七八九十]+\)"  # (一)  一)
    r"|\d{1,2}(?:[、.．](?!\d)|\))"  # 1.  1、  1)
    r"|第[一二三四五六七八九十]+[部分章节]?[、.．:：]?"
    r")"
)
_PUNCT = str.maketrans({"，": ",", "。": ".", "：": ":", "；": ";", "－": "-", "／": "/", "—": "-", "–": "-"})
_FOLD = {**HANZI, **_PUNCT}
"""Punctuation and Chinese characters folded in one ``str.translate`` pass."""
_FOLDS_HANZI = folds_any(HANZI)
"""Whether a text holds a character to fold (most hold none: then no ``translate``, whose
look-up per character costs more than the rest of the normaliser on a long text)."""
_PUNCT_PAIRS = tuple((chr(code), to) for code, to in _PUNCT.items())

#: Characters NFKC leaves as they are (ASCII, the common ideographs, CJK punctuation and the
#: replacement character of undecodable bytes) and
#: characters it maps on their own (full-width forms, the ideographic space, …), none of which
#: joins or reorders with the character before it (a test checks every one). In a text of these
#: only, the normal form is each character's: the runs of the second kind are normalised alone.
NFKC_INERT = "\x00-\x7f\u00b7\u2014\u2018-\u201d\u3001\u3002\u300a-\u3011\u4e00-\u9fff\ufffd"
NFKC_ALONE = "\u00a0\u2026\u3000\uff01-\uff5e"
_NFKC_ELSE = re.compile(f"[^{NFKC_INERT}{NFKC_ALONE}]")
_NFKC_RUN = re.compile(f"([{NFKC_ALONE}]+)")
_NFKC_NOT_INERT = re.compile(f"[^{NFKC_INERT}]")


def class_ranges(chars: str) -> Iterator[tuple[int, int]]:
    """The code point ranges of a character class's text (``a-z0``: ``a`` to ``z``, ``0``)."""
    i = 0
    while i < len(chars):
        if i + 2 < len(chars) and chars[i + 1] == "-":
            yield ord(chars[i]), ord(chars[i + 2])
            i += 3
        else:
            yield ord(chars[i]), ord(chars[i])
            i += 1


@cache
def _not_inert_or_folded() -> re.Pattern[str]:
    """A character that is not inert, or an inert one that :data:`HANZI` folds (a traditional
    one): no character of :data:`NFKC_INERT`'s ranges less the few thousand :data:`HANZI` folds
    (made when a long text is first folded: ~6 ms, kept out of the import)."""
    parts: list[str] = []
    for low, high in class_ranges(NFKC_INERT):
        for code in [*sorted(c for c in HANZI if low <= c <= high), high + 1]:
            if code > low:
                parts.append(re.escape(chr(low)) + ("" if code - 1 == low else "-" + re.escape(chr(code - 1))))
            low = code + 1
    return re.compile(f"[^{''.join(parts)}]")
_NFKC_PIECEWISE = 4096
"""Texts shorter than this are normalised in one call."""
_NFKC_DENSE = 4
"""Runs closer than this many characters (on average, in samples) are cheaper in one call."""
_NFKC_REPLACED = 24
"""At most this many distinct characters of :data:`NFKC_ALONE` are replaced one by one."""


def nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``; a long text of :data:`NFKC_INERT` and
    :data:`NFKC_ALONE` characters (NFKC looks at every character of a text it has to change:
    most of a long text are ideographs and ASCII) has each of its few distinct characters of the
    second kind replaced by its normal form (``str.replace``, at C speed), or, when it holds
    many, its runs of them normalised one by one, unless they are dense.

    One scan finds them: the search for a character that is not inert goes on from the last one
    found, once all of that one are replaced (a character of another kind ends it: the text is
    normalised in one call; NFKC of a text with some replaced is NFKC of the text)."""
    return _nfkc_folds(text)[0]


_nfkc = nfkc


def _nfkc_folds(text: str) -> tuple[str, bool | None]:
    """:func:`_nfkc` of ``text``, and whether that holds a character :data:`HANZI` folds, when
    the scan of :func:`_nfkc` tells (``None`` when it does not): it looks for those characters
    among the inert ones too, until it meets one (the normal forms of :data:`NFKC_ALONE`
    characters are none of them; a test checks it), so the text is not scanned again for them."""
    if len(text) < _NFKC_PIECEWISE or unicodedata.is_normalized("NFKC", text):
        return unicodedata.normalize("NFKC", text), None
    replaced = 0
    at = 0
    folds = False
    pattern = _not_inert_or_folded()
    while (found := pattern.search(text, at)) is not None:
        at = found.start()
        if not folds and _NFKC_NOT_INERT.match(found.group()) is None:  # an inert character HANZI folds
            folds, pattern = True, _NFKC_NOT_INERT
            continue
        if _NFKC_RUN.match(found.group()) is None:
            return unicodedata.normalize("NFKC", text), None
        if replaced == _NFKC_REPLACED:
            return _nfkc_by_runs(text, at), None
        text = text.replace(found.group(), unicodedata.normalize("NFKC", found.group()))
        replaced += 1
    return text, folds


def _nfkc_by_runs(text: str, at: int) -> str:
    """:func:`_nfkc` of a text of many distinct characters of :data:`NFKC_ALONE`, all of
    :data:`NFKC_INERT` and :data:`NFKC_ALONE` up to ``at``: its runs of the second kind
    normalised one by one, unless they are dense."""
    step = len(text) // 8
    if _NFKC_ELSE.search(text, at) is not None or \
            any(len(_NFKC_RUN.findall(text, start, start + 512)) * _NFKC_DENSE > 512
                for start in range(0, len(text), step)):
        return unicodedata.normalize("NFKC", text)
    pieces = _NFKC_RUN.split(text)
    form: list[Literal["NFKC"]] = ["NFKC"] * (len(pieces) // 2)
    pieces[1::2] = map(unicodedata.normalize, form, pieces[1::2])
    return "".join(pieces)


_FEW_FOLDS = 4096
"""A long text with at most this many characters to fold (or beyond the basic plane) has them
replaced where they stand."""


@cache
def _fold_keys() -> re.Pattern[str]:
    """A character of the basic plane that :data:`_FOLD` maps, or any beyond it (a class of the
    basic plane is tested by a bitmap; made when a long text is first folded)."""
    return folds_any(_FOLD)


def _translated(text: str) -> str:
    """``text.translate(_FOLD)``; a long text with few characters to fold (random bytes, a few
    traditional characters in a long simplified text) has them replaced where one search finds
    them (``translate`` looks each character up: ~50 ns a character)."""
    if len(text) < _NFKC_PIECEWISE:
        return text.translate(_FOLD)
    found = list(itertools.islice(_fold_keys().finditer(text), _FEW_FOLDS + 1))
    if len(found) > _FEW_FOLDS:
        return text.translate(_FOLD)
    pieces: list[str] = []
    at = 0
    for match in found:
        pieces += [text[at : match.start()], _FOLD.get(ord(match.group()), match.group())]
        at = match.end()
    pieces.append(text[at:])
    return "".join(pieces)


_LABEL_LENGTH = 160
"""Texts up to this long (labels, headings, short lines) are kept in a large cache; longer
ones (a region's whole text, folded again by another step of the same parse) in a cache of
eight, so that a process parsing thousands of reports, or a few hostile megabyte texts, holds no
more than the last few of them."""


def normalise(text: str) -> str:
    """Fold a printed label to a canonical form for comparison.

    NFKC (full-width digits and brackets become ASCII), whitespace removed everywhere
    (labels broken by ``<br>`` or stray spaces join up), traditional characters mapped to
    simplified, quotes dropped.

    >>> normalise("（一）予以 公開")
    '(一)予以公开'
    """
    return _normalise_label(text) if len(text) <= _LABEL_LENGTH else _normalise_text(text)


def normalise_uncached(text: str) -> str:
    """:func:`normalise` without its caches."""
    text, folds = _nfkc_folds(text)
    if folds if folds is not None else _FOLDS_HANZI.search(text) is not None:
        text = _translated(text)
    else:  # the same as translate: each of these characters to one ASCII character
        for printed, folded in _PUNCT_PAIRS:
            if printed in text:
                text = text.replace(printed, folded)
    return _without_quotes(_without_space(text))


_normalise_label = lru_cache(maxsize=8192)(normalise_uncached)
_normalise_text = lru_cache(maxsize=8)(normalise_uncached)


def _without_space(text: str) -> str:
    """``_SPACE.sub("", text)``: ``str.split`` cuts at every character ``str.isspace`` holds,
    the characters ``\\s`` matches (a test checks them all), without a regex step per character."""
    text = "".join(text.split())
    for ch in "\u200b\ufeff":
        if ch in text:
            text = text.replace(ch, "")
    return text


def _without_quotes(text: str) -> str:
    """``_QUOTES.sub("", text)``; in a long text, each quote character looked for and dropped by
    itself (a scan at C speed each, cheaper than the regex's step per character)."""
    if len(text) < _NFKC_PIECEWISE:
        return _QUOTES.sub("", text)
    for ch in _QUOTE_CHARS:
        if ch in text:
            text = text.replace(ch, "")
    return text


#: :data:`_SPACE` but the line break: one character class (every character ``str.isspace``
#: holds is below U+3001), which ``re`` scans for faster than an alternative of two.
_SPACE_IN_LINE = re.compile("[" + re.escape("".join(ch for ch in map(chr, range(0x3001))
                                                if ch.isspace() and ch != "\n")) + "\u200b\ufeff]+")


def normalise_lines(lines: Sequence[str]) -> list[str]:
    """:func:`normalise` of each of ``lines`` (uncached), folded as one text: the Unicode
    normalisation and the translation, each one pass over all the lines rather than one call
    per line. A line break is kept between the lines (nothing composes across one, so each
    line folds as it would alone); a line holding one folds alone."""
    if not lines:
        return []
    text = "\n".join(lines)
    if text.count("\n") != len(lines) - 1:  # a line holds a line break
        return [normalise_uncached(line) for line in lines]
    return normalise_breaks(text).split("\n")


def normalise_breaks(text: str) -> str:
    """:func:`normalise` of each line of ``text`` (uncached), its line breaks kept: the lines
    folded as one text (:func:`normalise_lines` of its lines, joined)."""
    text, folds = _nfkc_folds(text)
    if folds if folds is not None else _FOLDS_HANZI.search(text) is not None:
        text = _translated(text)
    else:
        for printed, folded in _PUNCT_PAIRS:
            if printed in text:
                text = text.replace(printed, folded)
    # the line breaks stood in for by a character that is no space, then every space dropped
    text = _without_space(text.replace("\n", "\0")).replace("\0", "\n") if "\0" not in text else \
        _SPACE_IN_LINE.sub("", text)
    return _without_quotes(text)


@lru_cache(maxsize=8192)
def strip_marker(text: str) -> str:
    """Normalise and drop a leading item marker (``1.``, ``1、``, ``(一)``, ``一、``).

    >>> strip_marker("2、重复申请")
    '重复申请'
    """
    folded = normalise(text)
    return _MARKER.sub("", folded, count=1)


def _forms(label: str, aliases: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for item in (label, *aliases):
        for form in (strip_marker(item), strip_marker(re.sub(r"[(（][^)）]*[)）]$", "", item))):
            if form and form not in out:
                out.append(form)
    return tuple(out)


@lru_cache(maxsize=64)
def row_forms(edition: Edition, table: str) -> tuple[tuple[RowSpec, tuple[str, ...]], ...]:
    """Every row of a table with the folded forms of its label and variants (markers dropped,
    and a trailing bracketed note dropped as a second form)."""
    spec = EDITIONS[edition].table(table)
    return tuple((row, _forms(row.label, row.aliases)) for row in spec.rows)


_FUZZY = 0.8
"""The least similarity ratio that counts as a (typo'd) match."""


def _score(text: str, form: str, at_least: float = 0.0) -> float:
    """How well ``text`` names ``form`` (1.0 the same, 0.0 not at all). A fuzzy score that
    cannot reach ``at_least`` is not computed (0.0): the caller would not use it."""
    if text == form:
        return 1.0
    if text.startswith(form) or form.startswith(text):
        shorter, longer = sorted((text, form), key=len)
        # "部分公开" vs "部分公开(区分处理的…)": a clear prefix match of a real word
        return 0.9 if len(shorter) >= 2 and len(shorter) / len(longer) >= 0.25 else 0.0
    if len(form) >= 4 and form in text:
        return 0.85
    # the typo'd label: SequenceMatcher's cheap upper bounds first, its quadratic ratio last
    floor = max(at_least, _FUZZY)
    if 2.0 * min(len(text), len(form)) / (len(text) + len(form)) < floor:
        return 0.0
    matcher = SequenceMatcher(None, text, form, autojunk=False)
    if matcher.quick_ratio() < floor:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= _FUZZY else 0.0


def match_row(table: TableSpec, text: str, *, min_score: float = 0.8) -> RowSpec | None:
    """The row of ``table`` whose label (or a known variant) the printed ``text`` names.

    Returns ``None`` when nothing matches well enough. Group labels (``（三）不予公开``) and
    section headings do not match a row.
    """
    folded = strip_marker(text)
    if not folded:
        return None
    return _match_row(_edition_of(table), table.key, folded, min_score)


@lru_cache(maxsize=8192)
def _match_row(edition: Edition, table: str, folded: str, min_score: float) -> RowSpec | None:
    exact = _exact_rows(edition, table).get(folded)
    if exact is not None:
        return exact  # no other form scores higher, and no group label is also a row's form
    best: tuple[float, RowSpec | None] = (0.0, None)
    for row, forms in row_forms(edition, table):
        for form in forms:
            score = _score(folded, form, best[0])
            if score > best[0]:
                best = (score, row)
    if best[0] < min_score:
        return None
    for form in _group_forms(edition, table):
        if _score(folded, form, best[0]) >= best[0]:
            return None
    return best[1]


@lru_cache(maxsize=64)
def _exact_rows(edition: Edition, table: str) -> dict[str, RowSpec]:
    """Folded form → the first row printing it (what an exact match picks)."""
    out: dict[str, RowSpec] = {}
    for row, forms in row_forms(edition, table):
        for form in forms:
            out.setdefault(form, row)
    return out


@lru_cache(maxsize=64)
def _group_forms(edition: Edition, table: str) -> tuple[str, ...]:
    spec = EDITIONS[edition].table(table)
    groups = {strip_marker(g) for row in spec.rows for g in row.groups}
    # A group that is also a row of its own (（六）其他处理 printed as one row) is a row.
    rows = {form for _row, forms in row_forms(edition, table) for form in forms}
    return tuple(sorted(groups - rows))


def is_group_label(table: TableSpec, text: str) -> bool:
    """True when ``text`` is a spanning group label of ``table`` (``（三）不予公开``)."""
    folded = strip_marker(text)
    return bool(folded) and any(_score(folded, form) >= 0.9 for form in _group_forms(_edition_of(table), table.key))


_EDITION_OF = {id(table): edition for edition, spec in EDITIONS.items() for table in spec.tables}
"""The edition of each table of the edition descriptions (they live as long as the module)."""


def _edition_of(table: TableSpec) -> Edition:
    known = _EDITION_OF.get(id(table))
    if known is not None:
        return known
    for edition, spec in EDITIONS.items():
        if table in spec.tables:
            return edition
    raise ValueError(f"table {table.key} belongs to no edition")  # pragma: no cover - programming error


def match_column(table: TableSpec, text: str) -> str | None:
    """The column key of ``table`` whose header label the printed ``text`` names, or ``None``."""
    folded = strip_marker(text)
    if not folded:
        return None
    return _match_column(_edition_of(table), table.key, folded)


@lru_cache(maxsize=8192)
def _match_column(edition: Edition, table: str, folded: str) -> str | None:
    best: tuple[float, str | None] = (0.0, None)
    for key, forms in _column_forms(edition, table):
        for form in forms:
            score = _score(folded, form, best[0])
            if score == 1.0:
                return key  # nothing scores higher; the first column printing it wins
            if score > best[0]:
                best = (score, key)
    return best[1] if best[0] >= 0.8 else None


@lru_cache(maxsize=64)
def _column_forms(edition: Edition, table: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((col.key, _forms(col.label, col.aliases)) for col in EDITIONS[edition].table(table).columns)


def match_section(text: str, *, max_len: int = 40) -> SectionSpec | None:
    """The section whose heading ``text`` is (by its words, not its ordinal), or ``None``.

    Only short lines are considered headings (``max_len`` characters after folding).
    """
    folded = strip_marker(text)
    if not folded or len(folded) > max_len:
        return None
    for section in EDITIONS[Edition.V2021].sections:
        for words in section.keywords:
            if all(w in folded for w in words):
                return section
    return None


@lru_cache(maxsize=4)
def edition_markers(*, proactive_rows: bool = True) -> Mapping[Edition, frozenset[str]]:
    """Folded labels that only one edition's form prints, by edition.

    Section 二's column headers (本年新制作数量 / 本年制发件数 …), the 2021 edition's （六）
    sub-rows and every other label printed by one edition only; forms shorter than four
    characters are left out. ``proactive_rows=False`` leaves out section 二's row labels
    (政府集中采购 …), which occur in running prose as well as in the table.
    """
    forms: dict[Edition, set[str]] = {}
    for edition in (Edition.V2019, Edition.V2021):
        found: set[str] = set()
        for table in EDITIONS[edition].tables:
            for row in table.rows:
                if (proactive_rows or table.key != "proactive") and (not row.optional or edition is Edition.V2021):
                    found |= {strip_marker(x) for x in (row.label, *row.aliases)}
                for col in row.columns:
                    found |= {strip_marker(x) for x in (col.label, *col.aliases)}
        forms[edition] = found
    a, b = forms[Edition.V2019], forms[Edition.V2021]
    return MappingProxyType({
        Edition.V2019: frozenset(x for x in a - b if len(x) >= 4),
        Edition.V2021: frozenset(x for x in b - a if len(x) >= 4),
    })
