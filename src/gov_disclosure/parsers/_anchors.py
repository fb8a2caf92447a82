"""Whether a source is a report at all: the form's anchors, found in any format's text.

Every parser asks the same question before it builds a report: does the source print any
of the form's *anchors*? Without one, it is not a report (a news article, a notes file, a
list page, a scan's empty text layer), and the parser raises ``ParseError`` with the code
``<FORMAT>.NOT_A_REPORT`` instead of returning a 2021-edition "report" full of blanks.

The anchors come from the edition description (:data:`gov_disclosure.model.EDITIONS`),
folded by the one label normaliser (:func:`._labels.normalise`), never from a list of
words kept here:

- **section headings** — found by the section splitter (:func:`._prose.split_sections`),
  passed in as section keys;
- **table anchors** — per table (``proactive``, ``requests``, ``review_litigation``), the
  folded forms of its row labels, row groups, row captions (``第二十条第(一)项``), column
  labels, its corner (``信息内容``; section 三's 勾稽关系 note) and its column header
  (``申请人情况``), four characters or longer. Section 二's row labels (规章, 行政许可 …) are
  left out: running prose uses them too. Every edition's forms count (the editions' labels
  differ; a report of either is a report);
- **a report title** — a line of its own naming a ``…信息公开…报告`` (the caller decides
  what its format's title is).

The rule (:attr:`Anchors.is_report`), the same for every format:

1. some table shows :data:`TABLE_MIN_ANCHORS` distinct anchors or more (its section's heading
   counts as one of them; a label counts once, however many of its folded forms it holds), or
2. two or more distinct section headings are found, or
3. the source is titled as a report (a report whose tables are images, or a legacy report
   with nothing but its title, is still a report; a news article titled like a report is
   read as one, the only guess this rule makes).

Formats add their own, more specific refusals before this one (HTML: empty pages,
JavaScript shells, list pages, attachment-only pages).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from .._errors import ParseError
from .._hanzi import HANZI, folds_any
from .._i18n import Phrase, phrase
from ..model import EDITIONS, Edition
from ._labels import NFKC_ALONE, NFKC_INERT, class_ranges, normalise, normalise_uncached, strip_marker

if TYPE_CHECKING:
    from ._grid import Grid

__all__ = [
    "REPORT_TITLE",
    "TABLE_MIN_ANCHORS",
    "Anchors",
    "cut_stretches",
    "distinct_runs",
    "find_anchors",
    "grid_texts",
    "is_report_title",
    "outermost",
    "section_keys",
    "table_anchor_forms",
    "zone_forms",
]

#: Distinct anchors of one table that make it "seen".
TABLE_MIN_ANCHORS = 3
#: A report's title, matched on folded text (``2022年某某局政府信息公开工作年度报告``).
REPORT_TITLE = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
#: Folded characters searched for table anchors (a report's tables come well before this).
MAX_SCAN_CHARS = 2_000_000
_MIN_FORM = 4

_fold = normalise  # a long text through the small cache of long texts, as other steps fold theirs


def _readonly(items: Mapping[str, frozenset[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType(dict(items))


@cache
def table_anchor_forms() -> Mapping[str, frozenset[str]]:
    """The folded anchor forms of each table key, over every edition of the form.

    >>> sorted(table_anchor_forms())
    ['proactive', 'requests', 'review_litigation']
    >>> "申请人情况" in table_anchor_forms()["requests"]
    True
    """
    out: dict[str, set[str]] = {}
    for edition in (Edition.V2019, Edition.V2021):
        for table in EDITIONS[edition].tables:
            texts: list[str] = []
            if table.key != "proactive":
                for row in table.rows:
                    texts += [row.label, *row.aliases, *row.groups]
                    # a label with its bracketed note dropped: （二）部分公开（区分处理的……）
                    texts += [re.sub(r"[(（][^)）]*[)）]$", "", x) for x in (row.label, *row.aliases)]
            texts += [row.caption for row in table.rows if row.caption]
            for col in table.columns:
                texts += [col.label, *col.aliases]
            texts += [x for x in (table.corner, table.column_header) if x]
            forms = {strip_marker(x) for x in texts} | {normalise(x) for x in texts}
            out.setdefault(table.key, set()).update(f for f in forms if len(f) >= _MIN_FORM)
    # a form two tables share (总计, 其他) is no evidence of either
    shared = {f for key, forms in out.items() for other, others in out.items() if other != key for f in forms & others}
    return MappingProxyType({key: frozenset(forms - shared) for key, forms in out.items()})


@cache
def zone_forms(key: str) -> frozenset[str]:
    """The folded forms a zone of text is searched for to place table ``key`` without its heading
    (:func:`._prose.split_sections`): its :func:`table_anchor_forms`, with the spanning column
    group (``法人或其他组织``) and the start of the 勾稽 note, four characters or longer.

    >>> "法人或其他组织" in zone_forms("requests")
    True
    """
    forms = set(table_anchor_forms()[key])
    for edition in (Edition.V2019, Edition.V2021):
        table = EDITIONS[edition].table(key)
        forms |= {normalise(c.group) for c in table.columns if c.group}
        if table.corner and len(table.corner) > 12:
            # （本列数据的勾稽关系为：…）: its opening words, whatever the wording of the rest
            forms.add(normalise(re.split(r"[为:：]", table.corner.strip("（()）"), maxsplit=1)[0]))
    return frozenset(f for f in forms if len(f) >= _MIN_FORM)


@attrs.frozen
class Anchors:
    """The anchors of the form found in one source.

    ``sections``: keys of the sections whose headings were found; ``tables``: per table key,
    the folded anchor forms found (tables with none are absent); ``titled``: the source is
    titled as a report; ``chars``: characters of text (whitespace excluded).
    """

    sections: frozenset[str] = frozenset()
    tables: Mapping[str, frozenset[str]] = attrs.field(factory=dict, converter=_readonly)
    titled: bool = False
    chars: int = 0

    @property
    def tables_seen(self) -> frozenset[str]:
        """Keys of the tables with at least :data:`TABLE_MIN_ANCHORS` distinct anchors, the
        table section's heading counting as one."""
        return frozenset(key for key, forms in self.tables.items()
                         if len(forms) + (key in self.sections) >= TABLE_MIN_ANCHORS)

    @property
    def is_report(self) -> bool:
        """Whether the anchors make a report (the rule in the module docstring)."""
        return bool(self.tables_seen) or len(self.sections) >= 2 or self.titled

    def describe(self) -> tuple[Phrase, ...]:
        """What was found, as phrases of the catalogue (for the ``NOT_A_REPORT`` message)."""
        parts = []
        if self.sections:
            parts.append(phrase("anchors.sections", count=len(self.sections)))
        found = sum(len(forms) for forms in self.tables.values())
        if found:
            parts.append(phrase("anchors.labels", count=found))
        if self.titled:
            parts.append(phrase("anchors.title"))
        return tuple(parts) or (phrase("anchors.none"),)

    def refuse_unless_report(self, source_format: str) -> None:
        """Raise ``ParseError`` ``<FORMAT>.NOT_A_REPORT`` unless :attr:`is_report`.

        >>> try:
        ...     Anchors().refuse_unless_report("text")
        ... except ParseError as exc:
        ...     print(exc.code)
        TEXT.NOT_A_REPORT
        """
        if self.is_report:
            return
        raise ParseError(
            f"{source_format.upper()}.NOT_A_REPORT", {"found": self.describe()},
        )


def is_report_title(line: str | None) -> bool:
    """Whether ``line`` names a report (``…政府信息公开工作年度报告``), after folding."""
    return bool(line) and REPORT_TITLE.search(normalise(line or "")) is not None


def find_anchors(texts: Iterable[str], *, sections: Iterable[str] = (), title: str | None = None,
                 titled: bool | None = None) -> Anchors:
    """The anchors in ``texts`` (lines or cells, in reading order).

    ``sections`` are the section keys the format's splitter found (``"extra"`` is ignored);
    ``title`` the source's title (checked with :data:`REPORT_TITLE`), or ``titled`` to say
    directly whether the format found a report title.

    >>> anchors = find_anchors(["（一）予以公开 1", "（二）部分公开 2", "申请人情况"])
    >>> sorted(anchors.tables_seen), anchors.is_report
    (['requests'], True)
    >>> find_anchors(["今天天气很好。", "明天有雨。"]).is_report
    False
    """
    every = [texts] if isinstance(texts, str) else texts if isinstance(texts, list) else list(texts)
    pieces: list[str] = every
    if sum(map(len, every)) >= MAX_SCAN_CHARS:  # cut at the limit (else every text is read whole)
        pieces = []
        size = 0
        for text in every:
            if size >= MAX_SCAN_CHARS:
                break
            pieces.append(text[: MAX_SCAN_CHARS - size])
            size += len(pieces[-1])
    folded, chars = _fold_for_forms("\n".join(pieces))
    printed = _printed_forms(folded)
    found = {}
    for key, containers in _containers().items():
        present = printed.intersection(containers)
        # outermost(present), with each form's containers looked up rather than searched for
        found[key] = frozenset(f for f in present if containers[f].isdisjoint(present))
    return Anchors(
        sections=frozenset(key for key in sections if key != "extra"),
        tables={key: forms for key, forms in found.items() if forms},
        titled=is_report_title(title) if titled is None else titled,
        chars=chars,
    )


#: Texts this long or longer that need their traditional characters folded, or that hold
#: characters NFKC does not map one by one, are cut down first (:func:`_fold_for_forms`); a
#: shorter one is folded as it is.
_CUT_FROM = 65_536
#: What stands for a stretch of characters that fold to no anchor's character: it folds to itself,
#: is no space and no quote, no anchor holds it, and it joins with no character around it.
_STRETCH = "\x01"
_CHARWISE = NFKC_INERT + NFKC_ALONE
_NOT_CHARWISE = re.compile(f"[^{_CHARWISE}]")
_FOLDS_ANY = folds_any(HANZI)


def _fold_for_forms(text: str) -> tuple[str, int]:
    """A text to look for the anchor forms in, as :func:`normalise` folds ``text``, and the
    length of ``normalise(text)``.

    A long text that holds traditional characters (to fold by ``str.translate``, a look-up per
    character) or characters NFKC does not map one by one (``unicodedata.normalize`` then looks
    at every character of it), as samples of it show, has each stretch of characters that fold to one character no
    anchor holds cut to one :data:`_STRETCH` first (:func:`_stretch_pattern`: only where the
    stretch folds as it would alone): a form found in the one is found in the other. The length
    is then counted back (each character cut folded to one)."""
    cut = cut_stretches(text)
    if cut is None:
        folded = _fold(text)
        return folded, len(folded)
    folded = _fold(cut)
    return folded, len(folded) + len(text) - len(cut)


def cut_stretches(text: str) -> str | None:
    """``text`` with each stretch of characters that fold to one character no anchor holds cut to
    one :data:`_STRETCH` (:func:`_stretch_pattern`), when it is long and holds traditional
    characters or characters NFKC does not map one by one, as samples of it show; else ``None``
    (folded as it is, it costs no more).

    The folded forms (:func:`table_anchor_forms`, :func:`zone_forms`) found in its fold are
    those found in the fold of ``text``, where they are found, line for line: a stretch holds no
    line break (it folds to nothing) and folds, as what is around it does, as it would alone."""
    if len(text) < _CUT_FROM or text.isascii() or not (_sampled(_FOLDS_ANY, text) or _sampled(_NOT_CHARWISE, text)):
        return None
    return _stretch_pattern().sub(_STRETCH, text)


def _printed_forms(folded: str) -> set[str]:
    """The anchor forms ``folded`` holds: each form looked for once, shortest first; a form
    holding one found absent is absent too. In a long text, a form one of whose characters is
    absent is absent: each character looked for once, when a form first needs it (a text that
    holds few of the forms' characters is scanned for one character at a time, not for every
    form), until :data:`_CHARACTER_CHECKS` characters in a row were all found (a text that holds
    them all, a report, has its forms looked for directly). A long text is searched whole for
    its first :data:`_WHOLE_SEARCHES` forms, or until it shows every character looked for, then
    in its distinct runs (:func:`distinct_runs`, where the same forms are found): most hostile
    texts need a form or two looked for, not the runs of a megabyte listed."""
    printed: set[str] = set()
    absent: set[str] = set()
    if len(folded) < _DISTINCT_FROM:
        for form, parts in _search_order():
            if absent.isdisjoint(parts) and form in folded:
                printed.add(form)
            else:
                absent.add(form)
        return printed
    holds: dict[str, bool] = {}
    checks = _CHARACTER_CHECKS
    text = folded
    reduced = False  # whether text is what distinct_runs makes of folded
    searches = 0
    for form, parts in _search_order():
        if absent.isdisjoint(parts):
            for ch in _characters(form) if checks else ():
                if ch not in holds:
                    holds[ch] = ch in text
                    checks = checks - 1 if holds[ch] else _CHARACTER_CHECKS
                if not holds[ch] or not checks:
                    break
            if all(holds.get(ch, True) for ch in _characters(form)):
                searches += 1
                if not reduced and (searches > _WHOLE_SEARCHES or not checks):
                    text, reduced = distinct_runs(folded), True
                if form in text:
                    printed.add(form)
                    continue
        absent.add(form)
    return printed


#: Forms :func:`_printed_forms` looks for in a long text whole before it lists the text's distinct runs.
_WHOLE_SEARCHES = 8


#: Characters found in a row after which :func:`_printed_forms` looks for no more characters.
_CHARACTER_CHECKS = 12


@cache
def _characters(form: str) -> str:
    """The distinct characters of ``form``, in order."""
    return "".join(dict.fromkeys(form))


#: Folded texts this long or longer may be searched in their distinct runs of anchor characters.
_DISTINCT_FROM = 65_536


def distinct_runs(folded: str) -> str:
    """``folded``, or, when samples of it show its runs of anchor characters repeating (the same
    lines and labels over and over), each distinct run once, joined by :data:`_STRETCH`: a form
    (anchor characters only) is found in the one exactly when it is found in the other, and each
    form is looked for in a fraction of the text.

    A text of ASCII only is searched as it is: no form is found in it but at once."""
    if len(folded) < _DISTINCT_FROM or folded.isascii():
        return folded
    runs = _runs_pattern()
    step = max(len(folded) // 8, 1)
    sampled = [run for at in range(0, len(folded), step) for run in runs.findall(folded, at, at + 4096)]
    if 2 * sum(map(len, set(sampled))) > sum(map(len, sampled)):
        return folded  # the runs hardly repeat: the whole text is as short
    return _STRETCH.join(dict.fromkeys(runs.findall(folded)))


@cache
def _runs_pattern() -> re.Pattern[str]:
    """A run of characters anchor forms hold (of :func:`table_anchor_forms` or
    :func:`zone_forms`), as long as the shortest form or longer."""
    forms = [form for form, _holds in _search_order()] + [f for key in table_anchor_forms() for f in zone_forms(key)]
    chars = sorted({ord(ch) for form in forms for ch in form})
    return re.compile(f"[{_class_of(chars)}]{{{min(map(len, forms))},}}")


def _sampled(pattern: re.Pattern[str], text: str) -> bool:
    """Whether ``pattern`` (traditional characters, characters NFKC does not map one by one) is
    found here and there in ``text``: eight samples of it, not a scan of the whole (a text folded
    as it is gives the same as a text cut down)."""
    step = max(len(text) // 8, 1)
    return any(pattern.search(text, at, at + 4096) is not None for at in range(0, len(text), step))


@cache
def _stretch_pattern() -> re.Pattern[str]:
    """A run of :data:`NFKC_INERT` and :data:`NFKC_ALONE` characters each of which folds
    (:func:`normalise`, alone) to one character that no anchor form holds (of
    :func:`table_anchor_forms` or :func:`zone_forms`), followed by another
    such character (of any kind) or by the end of the text.

    None of these characters joins or reorders with the character before it (a test checks them
    all against Unicode's decompositions), so the stretch folds as it would alone, and so does
    what comes before it; what follows is cut off by one of them, which nothing before it joins
    with either. A stretch before a character that might join with it (a combining accent)
    leaves its last character in place.

    Worked out from what may fold to something else than itself: every such character outside
    the ideographs' block is folded; an ideograph folds to itself, or to the one ideograph the
    fold table maps it to."""
    anchor_chars = frozenset("".join(form for form, _holds in _search_order()) +
                             "".join(form for key in table_anchor_forms() for form in zone_forms(key)))

    def stays_out(folded: str) -> bool:
        return len(folded) == 1 and folded not in anchor_chars

    kept = set(map(ord, anchor_chars))
    for low, high in class_ranges(_CHARWISE):  # the characters outside the ideographs' block, each folded
        for code in (*range(low, min(high, 0x4DFF) + 1), *range(max(low, 0xA000), high + 1)):
            if not stays_out(normalise_uncached(chr(code))):
                kept.add(code)
    kept.update(code for code, to in HANZI.items() if 0x4E00 <= code <= 0x9FFF and not stays_out(to))
    # the cut characters: the ranges of _CHARWISE less the kept characters (a few hundred of them),
    # not each of its ~21 000 characters looked at
    cut: list[str] = []
    for low, high in class_ranges(_CHARWISE):
        for code in [*sorted(c for c in kept if low <= c <= high), high + 1]:
            if code > low:
                cut.append(re.escape(chr(low)) + ("" if code - 1 == low else f"-{re.escape(chr(code - 1))}"))
            low = code + 1
    return re.compile(f"[{''.join(cut)}]+(?=[{_CHARWISE}]|\\Z)")


def _class_of(codes: Sequence[int]) -> str:
    """The text of a character class of ``codes`` (sorted): runs of consecutive ones as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        low, high = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(low if i == j else f"{low}-{high}")
        i = j + 1
    return "".join(parts)


@cache
def _search_order() -> tuple[tuple[str, frozenset[str]], ...]:
    """Every table's anchor forms, shortest first, each with the other forms it holds."""
    forms = sorted(frozenset().union(*table_anchor_forms().values()), key=lambda f: (len(f), f))
    return tuple((f, frozenset(g for g in forms if g != f and g in f)) for f in forms)


@cache
def _containers() -> Mapping[str, Mapping[str, frozenset[str]]]:
    """Per table key: each of its anchor forms → the table's other forms that hold it (built
    once: :func:`outermost` of found forms is then the found forms none of whose holders was found)."""
    return MappingProxyType({
        key: MappingProxyType({f: frozenset(g for g in forms if g != f and f in g) for f in forms})
        for key, forms in table_anchor_forms().items()
    })


def outermost(forms: Iterable[str]) -> frozenset[str]:
    """The forms not inside another of ``forms``: one printed label is one anchor, however many
    of its folded forms it holds (``本年处理决定数量`` holds ``处理决定数量``).

    >>> sorted(outermost(["处理决定数量", "本年处理决定数量", "上年项目数量"]))
    ['上年项目数量', '本年处理决定数量']
    """
    found = set(forms)
    # A form inside another occurs twice in them all, joined (once as itself): one scan each,
    # not one per pair.
    joined = "\n".join(found)
    return frozenset(f for f in found if joined.count(f) == 1)


def grid_texts(grids: Iterable[Grid]) -> Iterator[str]:
    """The text of every cell of ``grids``, each cell once, row by row (for :func:`find_anchors`)."""
    for grid in grids:
        for r in range(len(grid.rows)):
            for cell in grid.starting(r):
                if cell.text:
                    yield cell.text


def section_keys(headings: Sequence[tuple[str, int]]) -> frozenset[str]:
    """The section keys of a splitter's ``(key, index)`` headings, ``extra`` left out."""
    return frozenset(key for key, _index in headings if key != "extra")
