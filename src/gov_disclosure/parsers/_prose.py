"""The prose of a report, whatever the format: its six sections and its metadata.

Both the HTML and the text parser flatten a report to lines of text in reading order (table
rows may be among them) and hand them here. :func:`split_sections` finds the section
headings by their words (not their ordinals), also where a crawler dump glued a heading into
a long line (``…编制。一、总体情况 2024年，…``); :func:`find_metadata` reads the title,
agency, report year, publish date and source address from header blocks, page chrome and
the text itself.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache, lru_cache
from itertools import accumulate
from types import MappingProxyType
from typing import Any

import attrs

from .._hanzi import HANZI, fold_hanzi
from ..model import EDITIONS, Edition, ExtraSection, Section
from ._anchors import TABLE_MIN_ANCHORS, cut_stretches, distinct_runs, zone_forms
from ._labels import match_section, normalise, normalise_breaks, normalise_lines

__all__ = ["AGENCY_BASES", "AGENCY_FIELD_NAMES", "ProseLayout", "find_metadata", "is_agency_name", "is_chrome",
           "is_print_furniture", "split_sections"]

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# An ordinal heading marker: 一、 二. 十一、 (or 第一部分). Its position must be a boundary.
# 一、 十二. or 第三部分 — its first character one class for both forms (the numeral or 第), so that
# ``re`` skips the text between marks in C (an alternative of two forms is tried at every character)
_HEADING_MARK = re.compile(r"[一二三四五六七八九十第]"
                           r"(?:(?<=[一二三四五六七八九十])[一二三四五六七八九十]{0,2}\s*[、.．]"
                           r"|(?<=第)[一二三四五六七八九十]{1,3}部分[、.．:：]?)")
# 一、 二. or 部分 — written to start with a character class, which lets ``re`` skip the text between them in C
_MAYBE_HEADING = re.compile(r"[一二三四五六七八九十部](?:(?<=[一二三四五六七八九十])[、.．]|(?<=部)分)")
_BEFORE_OK = set(" \t\u3000\u00a0。；;！!？?：:)）」”\"】]>|#*") | set("0123456789")
# A marker glued to the word before it (``…71.19万元三、收到…``, ``…政府集中采购三、…``) is a heading
# only when it names a section of the form under its own ordinal or the next one in sequence.
_GLUED_MAX = 30
_AFTER_BAD = set("；;，,、")
_STOP = set("，。；,;:：!！?？\n") | set("0123456789")
_TERMINATORS = ("统计表", "情况", "事项", "措施", "问题", "概述")
_WINDOW = 60
_TABLE_KEYS = ("proactive", "requests", "review_litigation")
_PROSE_KEYS = ("overview", "problems", "other_matters")
# the white space after a stop before a numbered point （一）, taken with the stop (a character class
# first lets ``re`` skip the text between stops in C) and put back (:func:`_stop_and_break`)
_POINT_BREAK = re.compile(r"([。；;])\s*(?=[（(][一二三四五六七八九十]{1,2}[）)])")


def _stop_and_break(match: re.Match[str]) -> str:
    """:data:`_POINT_BREAK`'s replacement, ``\\1`` and a line break: a function, which ``re`` calls
    for a match at about half the cost of expanding a template (a lookbehind for the stop, which
    would need no group, is tried at every character: ~3× slower on a text with few stops)."""
    return match.group(1) + "\n"


_CHROME_WORDS = (
    "您现在的位置", "当前位置", "首页>", "首页 >", "分享到", "打印本页", "关闭窗口", "返回顶部", "扫一扫",
    "二维码", "手机版", "新媒体", "网站地图", "联系我们", "版权所有", "主办单位", "承办单位", "ICP备",
    "公网安备", "网站标识码", "【字体", "字号:", "字号：", "【大】", "【打印】", "【关闭】", "页面链接与图片详见",
)
_CHROME_ANY = re.compile("|".join(map(re.escape, _CHROME_WORDS)))
"""Any of :data:`_CHROME_WORDS` (one search instead of a substring test per word)."""
_SEPARATOR = re.compile(r"^[\s=\-_*#~·]{3,}.*[=\-_*#~]{3,}\s*$|^[\s=\-_*~·]{3,}$")


def _readonly_sections(items: Mapping[str, Section]) -> Mapping[str, Section]:
    return MappingProxyType(dict(items))


def _readonly_ranges(items: Mapping[str, range]) -> Mapping[str, range]:
    return MappingProxyType(dict(items))


def _readonly_text(items: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(items))


def _readonly_lines(items: Mapping[str, int]) -> Mapping[str, int]:
    return MappingProxyType(dict(items))


def _ordinal(mark: str) -> int | None:
    digits = [c for c in mark if c in _CN_DIGITS or c == "十"]
    if not digits:
        return None
    if digits[0] == "十":
        return 10 + (_CN_DIGITS.get(digits[1], 0) if len(digits) > 1 else 0)
    value = _CN_DIGITS[digits[0]]
    if len(digits) > 1 and digits[1] == "十":
        return value * 10 + (_CN_DIGITS.get(digits[2], 0) if len(digits) > 2 else 0)
    return value


# What a browser prints around a page: the address with "2/3", and the date and time (with the title).
_PRINT_FURNITURE = re.compile(
    r"(?:file|https?)://\S+(?:\s+\d{1,4}\s*/\s*\d{1,4})?\s*$"
    r"|\d{1,4}[/-]\d{1,2}[/-]\d{1,4},?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|am|pm)?(?:\s|$)"
    # a page number on a line of its own, as text extracted from a PDF keeps it: -3-, — 3 —, 第3页（共6页）
    r"|[-—–－]\s*\d{1,4}\s*[-—–－]\s*$"
    r"|第\s*\d{1,4}\s*页\s*(?:[(（]?\s*[,，/]?\s*共\s*\d{1,4}\s*页\s*[)）]?)?\s*$"
)


def is_print_furniture(line: str) -> bool:
    """True for the address (with "2/3") or the date and time a browser prints on every page, and
    for a page number on a line of its own (``-3-``, ``第3页``).

    >>> [is_print_furniture(x) for x in ("-3-", "— 12 —", "第3页（共6页）", "-3", "3")]
    [True, True, True, False, False]
    """
    return _PRINT_FURNITURE.match(line.strip()) is not None


def is_chrome(line: str) -> bool:
    """True for page furniture around a report: breadcrumbs, share buttons, footers, separators,
    and the address and time stamp a browser prints on every page.

    >>> is_chrome("file:///home/user/report.html                     2/3")
    True
    >>> is_chrome("11/28/26, 2:12 AM        某某市人民政府2024年政府信息公开工作年度报告")
    True
    >>> is_chrome("2024年，全市共受理政府信息公开申请3119件。")
    False
    """
    text = line.strip()
    if not text:
        return False
    if _SEPARATOR.match(text) or _PRINT_FURNITURE.match(text):
        return True
    if len(text) > 60:
        return False
    text = fold_hanzi(text)
    if _CHROME_ANY.search(text) is not None:
        return True
    words = text.split()
    # "微信 微信 微信二维码", "中山市 中山市 中山市": the same word repeated by an icon menu
    return len(words) >= 3 and len(set(words)) <= 2 and not any(ch.isdigit() for ch in text)


_FEW_LINES = 64
"""Lines searched one by one: below more, the fixed cost of one search of them joined is more."""


def _joined(lines: Sequence[str]) -> str | None:
    """The ``lines``, each after a newline, for :func:`_lines_matching`; ``None`` when they are few
    (:data:`_FEW_LINES`) or a line holds a newline itself."""
    if len(lines) <= _FEW_LINES:
        return None
    text = "\n" + "\n".join(lines)
    return text if text.count("\n") == max(len(lines), 1) else None


def _lines_matching(pattern: re.Pattern[str], lines: Sequence[str], text: str | None, *,
                    superset: bool = False) -> Iterator[int]:
    """The indices of the ``lines`` in which ``pattern`` finds something, in order, by one search
    of their ``text`` (:func:`_joined`; a Python step per line found, not per line): ``pattern``
    matches within a line, or starts with the newline before it (``\\n[ \\t]*…``: a line's start),
    and crosses no other. With no ``text`` (few lines, or a line holds a newline), every line is
    searched alone — or, with ``superset`` (``pattern`` is a cheap test before an exact one), every
    line returned. Lazily: a caller that stops early (a spent budget) searches no further."""
    if text is None:
        if superset:
            yield from range(len(lines))
        else:
            yield from (n for n, line in enumerate(lines) if pattern.search(line))
        return
    start = line = 0  # text[start] is the newline before line number ``line``
    while (match := pattern.search(text, start)) is not None:
        line += text.count("\n", start + 1, match.start() + 1)
        yield line
        start = text.find("\n", match.start() + 1)
        if start < 0:
            break
        line += 1


def _forms(ch: str) -> list[str]:
    """``ch`` and every character that folds to it (:func:`fold_hanzi`)."""
    return [ch, *_folded_from().get(ch, ())]


@cache
def _folded_from() -> dict[str, list[str]]:
    """Each character and those that fold to it, in :data:`HANZI`'s order: one pass over the table
    (a pass per character asked for was most of this module's import)."""
    found: dict[str, list[str]] = {}
    for code, simple in HANZI.items():
        found.setdefault(simple, []).append(chr(code))
    return found


def _class(chars: Iterable[str]) -> str:
    return "[" + "".join(map(re.escape, chars)) + "]"


_CHROME_PIVOTS = "您置>享印闭返扫码版媒图们权单承备识【号详"
"""Characters of :data:`_CHROME_WORDS` rare in a report's text, where the search for them starts
(a word with none of them starts at its first character)."""


def _chrome_words_pattern() -> tuple[re.Pattern[str], str]:
    """Any of :data:`_CHROME_WORDS` in the text before folding (as :func:`is_chrome` finds them
    after it), found from each word's rarest character (:data:`_CHROME_PIVOTS`): a character
    class first lets ``re`` skip the text between them in C; and the characters of that class
    (a match starts with one of them)."""
    pivots: set[str] = set()
    words = []
    for word in _CHROME_WORDS:
        at = next((i for i, ch in enumerate(word) if ch in _CHROME_PIVOTS), 0)
        pivots.update(_forms(word[at]))
        forms = [_class(_forms(ch)) for ch in word]
        words.append(f"(?<={''.join(forms[: at + 1])})" + "".join(forms[at + 1 :]))
    return re.compile(_class(sorted(pivots)) + "(?:" + "|".join(words) + ")"), "".join(sorted(pivots))


_CHROME_WORDS_AT, _CHROME_WORDS_FIRST = _chrome_words_pattern()


_SPACE_IN_LINE = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != "\n")
"""Every white space character but the newline (U+3000 is the last of them)."""
_MAYBE_CHROME = (
    # a separator's or the printed furniture's first character
    re.compile(r"\n[^\S\n]*[=\-_*#~·fh\d—–－第]"),
    # three words (the first space after a word)
    re.compile(r"{0}(?<=\S{0}){0}*\S+{0}+\S".format(_class(_SPACE_IN_LINE))),
    _CHROME_WORDS_AT,
)
"""Between them, found in every line that :func:`is_chrome` tells chrome (in a few others too)."""


def _chrome_lines(lines: Sequence[str], text: str | None = None) -> list[int]:
    """The indices of the ``lines`` that are chrome (:func:`is_chrome`), in order; ``text``: the
    lines as :func:`_joined` joins them, when the caller has them."""
    text = _joined(lines) if text is None else text
    if text is None:
        return [n for n, line in enumerate(lines) if is_chrome(line)]
    # the chrome words start with one of a few rare characters: a text with none is not searched for them
    patterns = _MAYBE_CHROME if any(ch in text for ch in _CHROME_WORDS_FIRST) else _MAYBE_CHROME[:2]
    maybe = {n for pattern in patterns for n in _lines_matching(pattern, lines, text, superset=True)}
    return [n for n in sorted(maybe) if is_chrome(lines[n])]


def _first_chrome(lines: Sequence[str]) -> int | None:
    """The index of the first of the ``lines`` that is chrome (:func:`is_chrome`), if any."""
    if len(lines) <= _FEW_LINES:
        return next((n for n, line in enumerate(lines) if is_chrome(line)), None)
    return next(iter(_chrome_lines(lines)), None)


@attrs.frozen
class ProseLayout:
    """The sections of a report found in its lines.

    ``lines`` are the input lines with every heading found inside a line broken out onto a
    line of its own (so a heading always starts a line); ``origin`` gives, for each of them,
    the index of the input line it came from. ``headings`` lists ``(key, index)`` for each
    heading found (``key`` is a section key, or ``"extra"``). ``tables`` maps ``proactive``,
    ``requests`` and ``review_litigation`` to the half-open range of ``lines`` after their
    heading, for a table reader. ``intro`` is the text before section 一 (``None`` when there
    is none); ``sections`` holds the prose sections found (``overview``, ``problems``,
    ``other_matters``); ``extra_sections`` the ones the form does not define, and for a
    legacy report the table sections, whose content is prose. ``seen`` maps each table
    section found, by its heading or by its own anchors (caption, 勾稽 note, applicant
    header, row labels), to the index of ``lines`` where it was seen (its heading, or its
    first anchor); ``anchored`` lists the table sections placed by their anchors alone
    (their heading glued beyond reading, reworded, misnumbered or missing): their range in
    ``tables`` starts at that first anchor, and they have no entry in ``headings`` or
    ``table_headings``.
    """

    lines: tuple[str, ...]
    origin: tuple[int, ...]
    headings: tuple[tuple[str, int], ...]
    intro: str | None
    sections: Mapping[str, Section] = attrs.field(converter=_readonly_sections)
    extra_sections: tuple[ExtraSection, ...]
    tables: Mapping[str, range] = attrs.field(converter=_readonly_ranges)
    table_headings: Mapping[str, str] = attrs.field(converter=_readonly_text)
    seen: Mapping[str, int] = attrs.field(factory=dict, converter=_readonly_lines)
    anchored: tuple[str, ...] = ()

    def table_text(self, key: str) -> str:
        """The lines of a table section joined by newlines ("" when the section is missing)."""
        span = self.tables.get(key)
        return "\n".join(self.lines[i] for i in span) if span is not None else ""


@attrs.frozen
class _Heading:
    start: int
    end: int
    key: str | None
    ordinal: int | None


def _section_order() -> tuple[str, ...]:
    return tuple(s.key for s in EDITIONS[Edition.V2021].sections)


_ORDER = _section_order()
_KEYWORDS = tuple((s.key, s.keywords) for s in EDITIONS[Edition.V2021].sections)


_section_of = lru_cache(maxsize=4096)(match_section)
""":func:`match_section`, remembered (a report's headings are much the same from one report to the next)."""


@lru_cache(maxsize=4096)
def _heading_words(body: str) -> tuple[int, bool] | None:
    """How many characters of ``body`` (the text after a heading's marker, :data:`_WINDOW` at most)
    its words take, and whether they name a section of the form; ``None`` when they are no
    heading's. Remembered: the same headings come back page after page."""
    # the heading cannot run past a sentence stop or a digit
    limit = len(body)
    for i, ch in enumerate(body):
        if ch in _STOP or (ch.isdigit() and i > 0):
            limit = i
            break
    body = body[:limit]
    folded, offsets = _fold_chars(body)
    if not folded:
        return None
    best: tuple[int, str] | None = None
    for section_key, alternatives in _KEYWORDS:
        for words in alternatives:
            ends = []
            for w in words:
                found = folded.find(w)
                if found < 0:
                    break
                ends.append(found + len(w))
            else:
                end = max(ends)
                if best is None or end < best[0]:
                    best = (end, section_key)
    if best is not None:
        end = best[0]
        for term in _TERMINATORS:
            found = folded.find(term, max(0, end - len(term)))
            if found >= 0 and found + len(term) > end and found - end <= 24:
                end = found + len(term)
                break
    else:
        ends = [found + len(term) for term in _TERMINATORS if (found := folded.rfind(term)) >= 0]
        end = max(ends) if ends else len(folded)
        if end > 30:
            return None
    return offsets[end - 1] + 1, best is not None


def _heading_at(line: str, pos: int, mark_len: int, *, whole_line: bool) -> _Heading | None:
    """Read a heading starting at ``pos`` (where a marker of ``mark_len`` characters is)."""
    words = _heading_words(line[pos + mark_len : pos + _WINDOW])
    if words is None:
        return None
    length, named = words
    stop = pos + mark_len + length
    heading_text = line[pos:stop]
    after = line[stop : stop + 1]
    if after and after in _AFTER_BAD:
        return None
    section = _section_of(heading_text) if named else None
    key = section.key if section is not None else None
    if named and key is None:
        return None
    if key is None and not whole_line and stop - pos > 30:
        return None
    return _Heading(pos, stop, key, _ordinal(line[pos : pos + mark_len]))


@attrs.define
class _State:
    """Where the heading scan is: the last section found, its ordinal, the open section."""

    last_index: int = -1
    last_ordinal: int = 0
    open_key: str | None = None
    budget: int = 1_000
    """Candidate markers still to look at: a real report has a few dozen; bounded for hostile input."""
    tables_are_prose: bool = False
    """The table sections hold prose, not table rows (see :func:`split_sections`)."""

    def could_be(self, ordinal: int | None, body: str) -> bool:
        """Cheap test before reading a heading: could one still be accepted here?"""
        words = _WORDS_AFTER[self.last_index + 1]
        if words is not None and words.search(fold_hanzi("".join(body.split()))):
            return True
        if ordinal == 1 and self.last_index < 0:
            return True
        if (self.open_key in _TABLE_KEYS and not self.tables_are_prose) or self.last_index < 0 or ordinal is None:
            return False
        return ordinal == self.last_ordinal + 1 or ordinal >= 7

    def glued_ordinal(self, ordinal: int | None) -> bool:
        """Could a marker glued to the word before it be a heading here? Only a section still
        to come, under the next ordinal or one of the form's own (``统一、规范…`` is prose)."""
        if ordinal is None:
            return False
        return ordinal == self.last_ordinal + 1 or self.last_index + 1 < ordinal <= len(_ORDER)


def _glued_heading(heading: _Heading, state: _State) -> bool:
    """A heading glued to the word before it: a section of the form, short, under its own
    ordinal or the next one in sequence."""
    if heading.key is None or heading.end - heading.start > _GLUED_MAX:
        return False
    index = _ORDER.index(heading.key)
    return index > state.last_index and heading.ordinal in (index + 1, state.last_ordinal + 1)


def _words_after() -> tuple[re.Pattern[str] | None, ...]:
    """Per count of sections already found: a pattern of the words of the sections left."""
    out: list[re.Pattern[str] | None] = []
    for start in range(len(_KEYWORDS) + 1):
        words = sorted({w for _key, alts in _KEYWORDS[start:] for group in alts for w in group})
        out.append(re.compile("|".join(map(re.escape, words))) if words else None)
    return tuple(out)


_WORDS_AFTER = _words_after()


def _headings_in(line: str, state: _State) -> Iterator[_Heading]:
    """Heading candidates in ``line``, lazily (``state`` may change between them)."""
    stripped = line.lstrip(" \t\u3000\u00a0#*>")
    lead = len(line) - len(stripped)
    last_end = -1
    for match in _HEADING_MARK.finditer(line):
        pos = match.start()
        if pos < last_end:
            continue
        glued = pos > lead and line[pos - 1] not in _BEFORE_OK
        mark_len = match.end() - pos
        ordinal = _ordinal(match.group(0))
        if glued and not state.glued_ordinal(ordinal):
            continue
        state.budget -= 1
        if state.budget < 0:
            return
        if not state.could_be(ordinal, line[pos + mark_len : pos + _WINDOW]):
            continue
        heading = _heading_at(line, pos, mark_len, whole_line=pos <= lead)
        if heading is not None and glued and not _glued_heading(heading, state):
            continue
        if heading is not None:
            last_end = heading.end
            yield heading


_Pieces = tuple[tuple[str, str | None], ...]


def _line_pieces(line: str, state: _State) -> _Pieces:
    """The ``line`` cut at the headings found in it, each piece with its section key (``"extra"``
    for a section the form does not define; ``None`` for text), a heading's text stripped; ``()``
    when it holds none. ``state`` moves on past them."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for heading in _headings_in(line, state):
        key = heading.key
        if key is not None:
            index = _ORDER.index(key)
            if index <= state.last_index:
                continue
        elif heading.ordinal == 1 and state.last_index < 0 and heading.end - heading.start <= 12:
            # a first section under another name (一、概述): the form's first section
            key, index = "overview", 0
        else:
            in_table = state.open_key in _TABLE_KEYS and not state.tables_are_prose
            follows = heading.ordinal is not None and (
                heading.ordinal == state.last_ordinal + 1 or (heading.ordinal >= 7 and state.last_index >= 0)
            )
            if in_table or not follows or state.last_index < 0:
                continue
            index = state.last_index
        if line[cursor : heading.start].strip():
            pieces.append((line[cursor : heading.start], None))
        pieces.append((line[heading.start : heading.end].strip(), key or "extra"))
        cursor = heading.end
        state.last_index = index
        state.last_ordinal = heading.ordinal or state.last_ordinal + 1
        state.open_key = key or "extra"
    if cursor == 0:
        return ()
    if line[cursor:].strip():
        pieces.append((line[cursor:], None))
    return tuple(pieces)


_SHORT_LINE = _WINDOW
"""A line this short (a heading's, most often) is cut once for each state it is met in
(:func:`_short_line_pieces`): the same headings come back report after report."""


@lru_cache(maxsize=4096)
def _short_line_pieces(line: str, last_index: int, last_ordinal: int, open_key: str | None,
                       tables_are_prose: bool) -> tuple[_Pieces, int, tuple[int, int, str | None]]:
    """:func:`_line_pieces` of a short ``line`` in the state given: its pieces, the budget it
    spends (candidate markers looked at) and the state after it. Remembered."""
    state = _State(last_index=last_index, last_ordinal=last_ordinal, open_key=open_key,
                   tables_are_prose=tables_are_prose)
    start = state.budget  # a short line holds fewer markers than the budget: it never runs out
    pieces = _line_pieces(line, state)
    return pieces, start - state.budget, (state.last_index, state.last_ordinal, state.open_key)


def _split_line(line: str, state: _State) -> _Pieces:
    """:func:`_line_pieces`, a short line's remembered (:func:`_short_line_pieces`) where the budget
    left covers what it spends (the same candidates looked at, the same pieces)."""
    if len(line) <= _SHORT_LINE:
        pieces, spent, after = _short_line_pieces(line, state.last_index, state.last_ordinal, state.open_key,
                                                  state.tables_are_prose)
        if spent <= state.budget:
            state.budget -= spent
            state.last_index, state.last_ordinal, state.open_key = after
            return pieces
    return _line_pieces(line, state)


def split_sections(lines: Sequence[str], *, tables_are_prose: bool = False,
                   anchored_tables: bool = False, title: tuple[int, str] | None = None) -> ProseLayout:
    """Find the six sections in the report's ``lines`` (reading order) and cut the text up.

    Headings are recognised by their words (``match_section``), renumbered, reworded or
    typo'd, standing on their own line or glued inside a long one at a sentence or ordinal
    boundary. Sections must come in the form's order; an ordinal heading that names no
    known section becomes an :class:`ExtraSection` when it follows a prose section in
    sequence or comes after section 六. ``tables_are_prose``: the lines of a table section are
    prose, never table rows (a legacy report read from HTML, whose tables are read apart), so
    an unknown ordinal heading in sequence opens an extra section there too
    (四、政府信息公开的收费及减免情况 after 三、依申请公开政府信息情况).

    ``anchored_tables``: the lines hold the tables too (text, not HTML or Word grids), so a
    table section whose heading is not found (glued beyond reading, reworded, misnumbered or
    missing) is placed by its own anchors (:func:`_anchor_cut`): it starts where they start.

    ``title``: ``(find_metadata(lines)["title_line"], find_metadata(lines)["title"])``, when the
    caller has them: the intro's title is then not looked for again where that line comes before
    the first heading (the lines before it are the same, and so is the first title among them).
    """
    out_lines: list[str] = []
    origin: list[int] = []
    headings: list[tuple[str, int]] = []
    state = _State(tables_are_prose=tables_are_prose)
    copied = 0  # the lines before this one are in out_lines
    for n in _lines_matching(_MAYBE_HEADING, lines, _joined(lines)):
        if state.budget <= 0:
            break
        out_lines.extend(lines[copied:n])
        origin.extend(range(copied, n))
        copied = n + 1
        line = lines[n]
        pieces = _split_line(line, state)
        if not pieces:
            out_lines.append(line)
            origin.append(n)
            continue
        for text, key in pieces:
            if key is not None:
                headings.append((key, len(out_lines)))
            out_lines.append(text)
            origin.append(n)
    out_lines.extend(lines[copied:])
    origin.extend(range(copied, len(lines)))
    anchored: list[tuple[str, int]] = []
    if anchored_tables and not tables_are_prose:
        anchored = _place_by_anchors(out_lines, origin, headings)
    return _assemble(tuple(out_lines), tuple(origin), tuple(headings), tuple(anchored), title=title)


# ---------------------------------------------------------------------------- tables by their anchors

#: Characters a table's first anchors may span (a 勾稽 note and a header row are ~100).
_CLUSTER_SPAN = 400
#: Characters of one zone scanned for a table's anchors (a report's table comes well before).
_MAX_ZONE_CHARS = 200_000
# Between two anchors of one table there are values and blanks, never a clause of prose
# (matched on folded text: ，→, 。→. ；→; — a decimal point or an item number 1. is no break).
_PROSE_BREAK = re.compile(r"[;、!?]|(?<!\d),|,(?!\d)|(?<!\d)\.")


@cache
def _anchor_pattern(key: str) -> re.Pattern[str]:
    """The folded anchor forms of one table (:func:`~._anchors.zone_forms`: its
    :func:`~._anchors.table_anchor_forms`, the spanning column group ``法人或其他组织`` and the
    start of the 勾稽 note), longest first."""
    return re.compile("|".join(re.escape(f) for f in sorted(zone_forms(key), key=len, reverse=True)))


_FOLD_CHAR: dict[str, str] = {}


def _fold_chars(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character (:func:`normalise`), with each folded character's
    index in ``text``."""
    folded: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        piece = _FOLD_CHAR.get(ch)
        if piece is None:
            piece = _FOLD_CHAR.setdefault(ch, normalise(ch)) if len(_FOLD_CHAR) < 65_536 else normalise(ch)
        folded.append(piece)
        offsets.extend([i] * len(piece))
    return "".join(folded), offsets


def _anchor_cut(lines: Sequence[str], start: int, stop: int, key: str,
                zones: dict[tuple[int, int], _Zone]) -> tuple[int, int] | None:
    """Where the table ``key`` starts in ``lines[start:stop]``: ``(line, character)`` of the first
    of :data:`~._anchors.TABLE_MIN_ANCHORS` distinct anchors of that table that follow one another
    within :data:`_CLUSTER_SPAN` characters with no clause of prose between them (a sentence that
    mentions 予以公开、部分公开 is not the table), or ``None``. ``zones`` holds each zone already
    read (by ``start`` and ``stop``: tables with no heading between the same two sections share
    one; cleared when the lines change)."""
    pattern = _anchor_pattern(key)
    zone = zones.get((start, stop))
    if zone is None:
        zone = zones[start, stop] = _Zone(lines, start, stop)
    if zone.cut is not None and len(set(pattern.findall(zone.cut))) < TABLE_MIN_ANCHORS:
        return None  # the same anchors as in the whole zone's text, found in a fraction of it
    text = zone.text
    if text.isascii() and not any(map(str.isascii, zone_forms(key))):
        return None  # every anchor holds a Chinese character (a zone of digits is not searched)
    if len(set(pattern.findall(zone.runs))) < TABLE_MIN_ANCHORS:
        return None  # no cluster holds more distinct anchors than the whole zone (its distinct runs show)
    hits = [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]
    # whether prose breaks between hit j - 1 and hit j: asked of each j once, however many
    # clusters reach it (a cluster is a chain of consecutive hits)
    breaks: list[bool | None] = [None] * len(hits)
    for i, (begin, _end, form) in enumerate(hits):
        forms = {form}
        for j in range(i + 1, len(hits)):  # by index: a slice would copy the rest of the hits per hit
            other_begin, _other_end, other = hits[j]
            if other_begin - begin > _CLUSTER_SPAN:
                break
            broken = breaks[j]
            if broken is None:
                broken = breaks[j] = _PROSE_BREAK.search(text, hits[j - 1][1], other_begin) is not None
            if broken:
                break
            forms.add(other)
            if len(forms) >= TABLE_MIN_ANCHORS:
                at = start + text.count("\n", 0, begin)
                return at, _raw_offset(lines[at], form, begin - (text.rfind("\n", 0, begin) + 1))
    return None


class _Zone:
    """The lines a table is looked for in, ``lines[start:stop]``: their folded text
    (:func:`_zone_text`), folded when first read, and, in a long zone of characters that fold
    to none of the anchors' (random bytes, random ideographs), ``cut``: that text with each
    stretch of them cut to one character (:func:`~._anchors.cut_stretches`), where a table's
    anchors are found as in the whole text, in a fraction of the time."""

    def __init__(self, lines: Sequence[str], start: int, stop: int) -> None:
        self._lines, self._start, self._stop = lines, start, stop
        self._text: str | None = None
        self._runs: str | None = None
        self.cut: str | None = None
        self._raw, self._whole = _zone_raw(lines, start, stop)
        if self._whole and (cut := cut_stretches(self._raw)) is not None:
            self.cut = normalise_breaks(cut)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = normalise_breaks(self._raw) if self._whole else \
                _zone_text(self._lines, self._start, self._stop)
        return self._text

    @property
    def runs(self) -> str:
        """:attr:`text`, or its distinct runs of anchor characters when they repeat
        (:func:`~._anchors.distinct_runs`): the anchors found in it are those of the text (none
        spans a line break or another character no anchor holds)."""
        if self._runs is None:
            self._runs = distinct_runs(self.text)
        return self._runs


def _zone_raw(lines: Sequence[str], start: int, stop: int) -> tuple[str, bool]:
    """The text of ``lines[start:stop]`` (its first :data:`_MAX_ZONE_CHARS` characters: the lines
    that start before it, the last one cut there), one line of it per line, unfolded; and
    whether its lines are those lines (no line holds a line break of its own). Joined a
    growing number of lines at a time until it holds enough."""
    count = 256
    while True:
        joined = "\n".join(lines[start : min(stop, start + count)])
        if len(joined) >= _MAX_ZONE_CHARS or start + count >= stop:
            break
        count *= 4
    taken = min(stop, start + count) - start
    whole = joined.count("\n") == max(taken - 1, 0)
    if len(joined) >= _MAX_ZONE_CHARS:
        # a line that starts right at the limit is not read: nor is the line break before it
        joined = joined[: _MAX_ZONE_CHARS - 1 if joined[_MAX_ZONE_CHARS - 1] == "\n" else _MAX_ZONE_CHARS]
    return joined, whole


def _zone_text(lines: Sequence[str], start: int, stop: int) -> str:
    """The folded text of ``lines[start:stop]`` (its first :data:`_MAX_ZONE_CHARS` characters),
    one line of it per line, the lines folded in one pass (:func:`normalise_breaks`: each as it
    folds alone); lines that hold a line break of their own are counted from their lengths'
    running sum, and folded each alone.

    Each zone is folded afresh: between two changes of the lines, the zones of two tables are
    the same (read once, :func:`_anchor_cut`'s ``zones``) or apart (the section between them
    bounds both), so lines kept folded from one zone served no other."""
    raw, whole = _zone_raw(lines, start, stop)
    if whole:
        return normalise_breaks(raw)
    ends = list(accumulate(map(len, lines[start : min(stop, start + _MAX_ZONE_CHARS)])))
    # before line start + k the zone holds its k lines and their breaks: ends[k - 1] + k characters;
    # the lines read are those before which it holds fewer than _MAX_ZONE_CHARS
    count = bisect_left(range(len(ends)), _MAX_ZONE_CHARS, key=lambda k: ends[k - 1] + k if k else 0)
    texts = list(lines[start : start + count])
    if count:
        before = ends[count - 2] + count - 1 if count > 1 else 0
        read = min(ends[count - 1] - (ends[count - 2] if count > 1 else 0), _MAX_ZONE_CHARS - before)
        texts[-1] = texts[-1][:read]
    return "\n".join(normalise_lines(texts))


def _raw_offset(line: str, form: str, near: int) -> int:
    """The index in ``line`` of the anchor ``form`` found at folded offset ``near``: the line is
    folded from its start, a longer piece each time, until the form is found after ``near``
    (each character folds alone, so a piece's fold is the start of the line's; a long line is
    not folded whole for an anchor near its start)."""
    size = 2 * (near + len(form)) + 64
    while True:
        chars, offsets = _fold_chars(line[:size])
        found = chars.find(form, max(0, near - 8))
        if found >= 0 or size >= len(line):
            break
        size *= 4
    if found < 0:
        found = chars.find(form)
    return offsets[found] if found >= 0 else 0


def _place_by_anchors(lines: list[str], origin: list[int], headings: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Place each table section whose heading was not found by its anchors, between the
    sections around it; a line is broken where the table starts. Edits ``lines``, ``origin``
    and ``headings`` in place; returns ``(key, index)`` of each table placed."""
    placed: list[tuple[str, int]] = []
    zones: dict[tuple[int, int], _Zone] = {}
    for key in _TABLE_KEYS:
        if any(k == key for k, _i in headings):
            continue
        rank = _ORDER.index(key)
        # (section, first line of the section, first line of its content)
        marks = [(k, i, i + 1) for k, i in headings if k != "extra"] + [(k, i, i) for k, i in placed]
        start = max((body for k, _i, body in marks if _ORDER.index(k) < rank), default=0)
        stop = min((i for k, i, _body in marks if _ORDER.index(k) > rank), default=len(lines))
        if start >= stop:
            continue
        cut = _anchor_cut(lines, start, stop, key, zones)
        if cut is None:
            continue
        index, char = cut
        # a reworded heading read as an extra section, with nothing but the table after it
        # (二、公开的政府信息 / 第二十条第（一）项…): the table's heading
        extra = next((n for n, (k, i) in enumerate(headings) if k == "extra" and start - 1 <= i < index
                      and not "".join(lines[i + 1 : index]).strip() and not lines[index][:char].strip()), None)
        if extra is not None:
            headings[extra] = (key, headings[extra][1])
            continue
        if lines[index][:char].strip():
            lines[index : index + 1] = [lines[index][:char], lines[index][char:]]
            origin.insert(index, origin[index])
            index += 1
            headings[:] = [(k, i + 1 if i >= index else i) for k, i in headings]
            placed[:] = [(k, i + 1 if i >= index else i) for k, i in placed]
            stop += 1
        # numbered row labels read as extra sections (二、上年结转… 三、本年度办理结果 四、结转…)
        # belong to the table: joined back to the text around them
        inside = [i for k, i in headings if k == "extra" and index <= i < stop]
        headings[:] = [(k, i) for k, i in headings if not (k == "extra" and index <= i < stop)]
        for i in reversed(inside):
            for at in (i, i - 1):
                if index <= at < len(lines) - 1 and origin[at] == origin[at + 1] and \
                        not any(j == at + 1 for _k, j in (*headings, *placed)):
                    lines[at : at + 2] = [lines[at] + lines[at + 1]]
                    del origin[at + 1]
                    headings[:] = [(k, j - 1 if j > at else j) for k, j in headings]
                    placed[:] = [(k, j - 1 if j > at else j) for k, j in placed]
        placed.append((key, index))
        zones.clear()  # lines were split or joined: their indices moved
    return placed


def _paragraphs(lines: Sequence[str]) -> str:
    # one substitution over the paragraphs joined: a break it finds between two of them is the
    # newline that joins them, replaced by itself
    text = "\n".join(filter(None, map(str.strip, lines)))
    # (a break comes before an opening bracket: a text without one has none)
    return _POINT_BREAK.sub(_stop_and_break, text) if "（" in text or "(" in text else text


def _assemble(lines: tuple[str, ...], origin: tuple[int, ...], headings: tuple[tuple[str, int], ...],
              anchored: tuple[tuple[str, int], ...] = (), *, title: tuple[int, str] | None = None) -> ProseLayout:
    sections: dict[str, Section] = {}
    extras: list[ExtraSection] = []
    tables: dict[str, range] = {}
    table_headings: dict[str, str] = {}
    seen: dict[str, int] = {}
    marks = sorted([(idx, key, False) for key, idx in headings] + [(idx, key, True) for key, idx in anchored])
    bounds = [idx for idx, _key, _anchored in marks] + [len(lines)]
    for i, (idx, key, by_anchors) in enumerate(marks):
        stop = bounds[i + 1]
        if by_anchors:  # no heading line: the table starts at its first anchor
            tables[key] = range(idx, stop)
            seen[key] = idx
            continue
        body = list(lines[idx + 1 : stop])
        if i == len(marks) - 1:
            chrome = _first_chrome(body)
            if chrome is not None:
                body = body[:chrome]
        if key in _TABLE_KEYS:
            tables[key] = range(idx + 1, stop)
            table_headings[key] = lines[idx]
            seen[key] = idx
        elif key in _PROSE_KEYS:
            sections[key] = Section(heading=lines[idx].strip(), text=_paragraphs(body))
        else:
            extras.append(ExtraSection(heading=lines[idx].strip(), text=_paragraphs(body)))
    intro = None
    if marks:
        head = lines[: marks[0][0]]
        joined = _joined(head)
        fields = _lines_matching(_MAYBE_FIELD, head, joined, superset=True)
        dropped = {*_chrome_lines(head, joined), *(n for n in fields if _is_metadata_line(head[n]))}
        keep = [ln for n, ln in enumerate(head) if ln.strip() and n not in dropped] if dropped else \
            list(filter(str.strip, head))
        # the lines before the first mark are the input's first lines, as they were (no line is cut
        # before its first heading): a title found on one of them is the first title among them
        title_text = title[1] if title is not None and not anchored and title[0] < marks[0][0] else _title(head)
        if keep and title_text:
            first = fold_hanzi(keep[0].strip())  # the title is read folded; one character for one
            if first == title_text:
                keep = keep[1:]
            elif first.startswith(title_text):
                keep[0] = keep[0].strip()[len(title_text) :]
        intro = _paragraphs(keep) or None
    return ProseLayout(
        lines=lines,
        origin=origin,
        headings=headings,
        intro=intro,
        sections=sections,
        extra_sections=tuple(extras),
        tables=tables,
        table_headings=table_headings,
        seen=seen,
        anchored=tuple(key for key, _idx in anchored),
    )


# ---------------------------------------------------------------------------- metadata

#: The labels of a field that states the agency that published the page (a CMS's own words for
#: 发布机构); an empty one says the page names none.
AGENCY_FIELD_NAMES = ("发布机构", "发文机关", "发文机构", "发布机关", "发布单位", "发文单位", "发布部门", "公开主体")
#: The labels of a field that says where the text came from: an agency only where it names one.
_SOURCE_FIELD_NAMES = ("信息来源", "来源", "来源单位", "信息来源单位")
_FIELD_NAMES = (
    "标题", "题目", "发布时间", "发布日期", "公开日期", "发文日期", "成文日期", "生成日期", "原文链接", "原文地址",
    *AGENCY_FIELD_NAMES, *_SOURCE_FIELD_NAMES, "文号", "栏目", "本地目录", "索引号", "主题分类", "公开方式",
    # the rest of a portal's article line, which ends the value before it where no space does
    # (来源：某某市统计局浏览次数：100)
    "作者", "责任编辑", "浏览次数", "点击数", "阅读次数", "访问量", "字号", "字体",
)
_FIELD = re.compile(r"(" + "|".join(sorted(_FIELD_NAMES, key=len, reverse=True)) + r")\s*[:：]")
_MAYBE_FIELD = re.compile(r"\n[^\S\n]*(?:" + "|".join(_FIELD_NAMES) + ")")
"""Found in every line that :func:`_is_metadata_line` tells a field's (and in a few others)."""
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_URL = re.compile(r"https?://[^\s<>\"'，。]+")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_PERIOD = re.compile(
    r"(?:统计|期限|时限|时间|期间)[^。]{0,12}?(?:19|20)\d{2}\s*年\s*1\s*月\s*1\s*日\s*(?:起\s*)?(?:至|到|—|-)\s*"
    r"((?:19|20)\d{2})\s*年\s*12\s*月\s*31\s*日"
)
_YEAR_REPORT = re.compile(r"((?:19|20)\d{2})\s*年度?[^。，]{0,30}?(?:政府信息公开|政务公开)[^。，]{0,10}?(?:年度)?报告")
# 来源 on portals is often the site or a word for "this site", not an agency
_NOT_AGENCY = frozenset({"本网", "本站", "本单位", "网站", "原创", "本机关", "本部门", "转载", "综合", "其他", "未知",
                         "无"})
_HEADER_LINES = 40


def _fields(line: str) -> list[tuple[str, str]]:
    if ":" not in line and "：" not in line:  # no field without its colon (a quick test before the search)
        return []
    matches = list(_FIELD.finditer(line))
    out = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
        out.append((match.group(1), line[match.end() : end].strip()))
    return out


def _is_metadata_line(line: str) -> bool:
    text = line.strip()
    return bool(text) and len(text) <= 300 and _FIELD.match(text) is not None


def _parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if match is None:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


# What separates a field's value from what follows it on a portal's line: white space, bars and
# the brackets of 【来源：…】【字体：大 中 小】
_VALUE_BREAK = re.compile(r"[\s|｜【】\[\]]+")
_AGENCY_END = re.compile(r"(?:政府|办公室|办公厅|委员会|管委会|局|厅|委|办|院|署|中心|公司|部)$")
# What an agency's name ends with (the organ, not the site: 门户网站, 政府网 and 日报 are not agencies)
_AGENCY_NAME_END = re.compile(r"(?:政府|中心|[局厅委办院会室处署所部队])$")
# The date under a signature: 2024年1月20日, 2024-01-20, 2024年1月, or in Chinese numerals as
# official documents print it (二〇二四年一月二十日, 二○二四年元月)
_CN_NUMERAL = "〇○零一二三四五六七八九十"
_SIGNATURE_DATE = re.compile(
    r"^(?:(?:19|20)\d{2}\s*[年./-]\s*\d{1,2}\s*(?:[月./-]\s*\d{1,2}\s*日?|月)"
    rf"|[{_CN_NUMERAL}]{{4}}\s*年\s*(?:[{_CN_NUMERAL}]{{1,2}}|元|正)\s*月(?:\s*[{_CN_NUMERAL}]{{1,3}}\s*日)?)$"
)
_SIGNATURE_LINES = 12
"""How many non-blank lines at the end of the text are searched for the signature."""
_SIGNATURE_CHARS = 500
"""Lines longer than this are read as they are (an agency name and a date are far shorter)."""

#: Where an agency was read from, most trusted first (the value of ``Provenance.basis``).
AGENCY_BASES = ("agency_field", "content_source", "source_field", "compiled_by", "signature", "title")


_NOT_IN_NAME = re.compile(r"[，。；:：,、!?！？《》“”\"'|/\s]")


def is_agency_name(text: str | None) -> bool:
    """True when ``text`` reads as the name of an agency (it ends as organs are named: 政府, 局,
    委, 办, 厅, 院, 会, 室, 处, 中心 …) and is not a site name or a word for "this site".

    >>> is_agency_name("中山市人民政府办公室"), is_agency_name("本网"), is_agency_name("中山市人民政府门户网站")
    (True, False, False)
    """
    if not text:
        return False
    name = text.strip()
    if not 3 <= len(name) <= 40:  # told before folding (one character for one): a long line is no name
        return False
    name = fold_hanzi(name)
    if name in _NOT_AGENCY or name.startswith("本") or _AGENCY_NAME_END.search(name) is None:
        return False
    # no digit, sentence punctuation, quote, bar or space (``\s`` is ``str.isspace``; a digit of any
    # script, ``str.isdigit``, is more than ``\d``)
    return _NOT_IN_NAME.search(name) is None and not any(map(str.isdigit, name))


def _signature(lines: Sequence[str], folded: Sequence[str] = ()) -> tuple[str, int] | None:
    """The agency of the signature at the end of the report — a line that is an agency name,
    beside a line (or followed on the same line) by the date — and its line index. ``folded``:
    the first lines folded (:func:`fold_hanzi`), when the caller has them (a short report's tail
    is among them; folding maps no character to or from a space: a folded line stripped is the
    line stripped, folded)."""
    tail: list[tuple[int, str]] = []
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].strip()
        if text:
            # a line that can be no agency's name (40 characters at most), no name and date in two
            # words and no date (a dozen characters but for spaces) is not worth folding: folding
            # changes neither a length nor a space (a crawler's one-line body, any long sentence)
            if len(text) <= _SIGNATURE_CHARS and (len(text) <= 40 or _could_sign(text)):
                text = folded[index].strip() if index < len(folded) else fold_hanzi(text)
            tail.append((index, text))
            if len(tail) >= _SIGNATURE_LINES:
                break
    tail.reverse()
    # a signature has its date on a line of its own or after the name: each line's date test once,
    # and a line's name test only where a date is beside it or after it (most lines have none)
    dated = [_SIGNATURE_DATE.match(text) is not None for _index, text in tail]
    found: tuple[str, int] | None = None
    for pos, (index, text) in enumerate(tail):
        words = text.split()
        if len(words) == 2 and _SIGNATURE_DATE.match(words[1]) and is_agency_name(words[0]):
            found = (words[0] if len(text) <= _SIGNATURE_CHARS else fold_hanzi(words[0]), index)
            continue
        dated_beside = (pos > 0 and dated[pos - 1]) or (pos + 1 < len(tail) and dated[pos + 1])
        if dated_beside and is_agency_name(text):
            found = (text, index)
    return found
def _could_sign(text: str) -> bool:
    """Whether a line over 40 characters may still be a signature's: two words (a name and its
    date), or a date spaced out (no more than :data:`_DATE_CHARS` characters but for spaces)."""
    words = text.split()
    return len(words) == 2 or len("".join(words)) <= _DATE_CHARS


_DATE_CHARS = 16
""":data:`_SIGNATURE_DATE` matches at most 12 characters but for spaces (``二〇二四年十二月三十一日``)."""


# 本报告由淮安市人民政府办公室根据《条例》…编制: the agency that compiled the report
_COMPILED_BY = re.compile(
    r"本报告由\s*([^\s，。、；:：《]{2,30}?(?:政府|办公室|办公厅|委员会|管委会|局|厅|委|办|院|署|中心))"
    r"\s*(?:根据|依据|按照|依照|编制|负责)"
)


def _looks_like_agency(line: str) -> bool:
    text = line.strip()
    return 2 <= len(text) <= 30 and not any(p in text for p in "，。；:：,") and _AGENCY_END.search(text) is not None


# Text extraction puts spaces where Chinese typesetting has none: 2024 年, 报 告.
_CJK_SPACE = re.compile(r"(?<=[\u4e00-\u9fff0-9（）《》])[ \t\u3000\u00a0]+(?=[\u4e00-\u9fff（）《》])"
                        r"|(?<=[\u4e00-\u9fff（）《》])[ \t\u3000\u00a0]+(?=[0-9])")


def _tidy_title(title: str) -> str:
    """A title with the spaces that text extraction put between Chinese characters and digits
    removed, and radical-block (``⼈⺠``) and traditional characters folded to the simplified
    ideographs they stand for.

    >>> _tidy_title("淮安市⼈⺠政府2024 年政府信息公开工作年度报告")
    '淮安市人民政府2024年政府信息公开工作年度报告'
    """
    return _CJK_SPACE.sub("", fold_hanzi(title.strip()))


def _looks_like_title(line: str) -> bool:
    text = line.strip()
    return 6 <= len(text) <= 80 and "报告" in text and "年" in text and "。" not in text and "，" not in text


def _agency_from_page(meta: dict[str, Any], lines: Sequence[str], head: Sequence[str],
                      source: tuple[str, int, str] | None, folded_head: Sequence[str] = ()) -> None:
    """The agency the page states without a 发布机构 field: a 来源 field naming an agency, the
    ``本报告由…编制`` sentence, or the signature at the end (in that order). ``folded_head``: as
    :func:`find_metadata`'s, for :func:`_signature`."""
    if source is not None:
        meta.update(agency=source[0], agency_basis="source_field", agency_line=source[1], agency_raw=source[2])
        return
    compiled_by = _COMPILED_BY.search("".join(head)[:5000])
    if compiled_by is not None and is_agency_name(compiled_by.group(1)):
        meta.update(agency=compiled_by.group(1), agency_basis="compiled_by", agency_raw=compiled_by.group(0))
        return
    signed = _signature(lines, folded_head)
    if signed is not None:
        meta.update(agency=signed[0], agency_basis="signature", agency_line=signed[1],
                    agency_raw=lines[signed[1]].strip())


def _head(lines: Sequence[str], folded: Sequence[str] | None = None) -> list[str]:
    """The lines of a header block, folded (:func:`fold_hanzi`): the first :data:`_HEADER_LINES`,
    but those over 300 characters. ``folded``: those first lines folded, when the caller has them."""
    if folded is None:
        return [fold_hanzi(ln) for ln in lines[:_HEADER_LINES] if len(ln) <= 300]
    return [fold for ln, fold in zip(lines[:_HEADER_LINES], folded, strict=True) if len(ln) <= 300]


def _title_line(head: Sequence[str]) -> str | None:
    """The first short line of the ``head`` that names a report (and is no field nor chrome), with
    the agency's line before it when the title was broken after the agency."""
    found = _title_line_at(head)
    return found[1] if found is not None else None


def _title_line_at(head: Sequence[str]) -> tuple[int, str] | None:
    """:func:`_title_line`, and the index in ``head`` of the line it found."""
    previous = ""
    for at, line in enumerate(head):
        if _looks_like_title(line) and not _is_metadata_line(line) and not is_chrome(line):
            title_text = line.strip()
            # a title broken after the agency: 淮安市人民政府 / 2024年政府信息公开工作年度报告
            if _TITLE_YEAR.match(title_text) and _looks_like_agency(previous):
                title_text = previous.strip() + title_text
            return at, title_text
        if line.strip():
            previous = line
    return None


def _title(lines: Sequence[str]) -> str | None:
    """``find_metadata(lines)["title"]``, without the rest of the metadata."""
    head = _head(lines)
    title = next((value for line in head for name, value in _fields(line) if name in ("标题", "题目") and value),
                 None)
    if title is None:
        title = _title_line(head)
    return _tidy_title(title) if title is not None else None


def find_metadata(lines: Sequence[str], *, folded_head: Sequence[str] | None = None,
                  page_agency: bool = True) -> dict[str, Any]:
    """Read ``title``, ``agency``, ``year``, ``published``, ``source_url`` from the lines.

    Crawler header blocks (``标题:`` ``发布时间:`` ``原文链接:`` ``发布机构:``) and portal
    lines (``信息来源:本网 中山市人民政府办公室 发布日期:2021年01月29日``) come first; the
    title is otherwise the first short line naming a 年度报告. The agency is the page's own
    statement — a ``发布机构`` field (or a CMS's other word for it, :data:`AGENCY_FIELD_NAMES`:
    ``发布单位``, ``发文机关`` …), a ``来源`` field that names an agency (not ``本网`` or the site;
    ``【来源：…】`` and ``|`` end its value), the ``本报告由…编制`` sentence, the signature (agency
    and date — in digits or Chinese numerals, ``二〇二四年一月二十日``) at the end — and only
    failing all of them the part of the title before its year; ``agency_basis`` says which
    (one of :data:`AGENCY_BASES`), ``agency_line`` and ``agency_raw`` where and what was
    printed. ``title_line``: the index of the line the title was read from (a field's, or the
    title's own; the line before it may hold the agency's part). An empty agency field means the
    page names no agency. ``year`` is the report year (from the title, the statistics period, or
    a ``2020年度…报告`` phrase), not the publish year. Missing items are ``None``. ``folded_head``:
    the first :data:`_HEADER_LINES` lines folded (:func:`fold_hanzi`), when the caller has folded
    them already. ``page_agency=False``: the agency only from a field of the lines (the caller has
    it from a statement it trusts more: the 来源 field, the 本报告由…编制 sentence, the signature
    and the title are not looked at for it).
    """
    meta: dict[str, Any] = {"title": None, "agency": None, "year": None, "published": None, "source_url": None,
                            "agency_basis": None, "agency_line": None, "agency_raw": None, "title_line": None}
    agency_field_seen = False
    source_agency: tuple[str, int, str] | None = None
    head = _head(lines, folded_head)
    head_index = [n for n, ln in enumerate(lines[:_HEADER_LINES]) if len(ln) <= 300]
    for at, line in zip(head_index, head, strict=True):
        for name, value in _fields(line):
            if name in ("标题", "题目") and value and meta["title"] is None:
                meta.update(title=value, title_line=at)
            elif name in ("发布时间", "发布日期", "公开日期", "发文日期", "成文日期", "生成日期"):
                if meta["published"] is None:
                    meta["published"] = _parse_date(value)
            elif name in ("原文链接", "原文地址"):
                url = _URL.search(value)
                if url and meta["source_url"] is None:
                    meta["source_url"] = url.group(0)
            elif name in AGENCY_FIELD_NAMES:
                if not agency_field_seen:
                    agency_field_seen = True
                    words = [w for w in _VALUE_BREAK.split(value) if w]
                    meta["agency"] = words[0] if words else None
                    if meta["agency"] is not None:
                        meta.update(agency_basis="agency_field", agency_line=at, agency_raw=lines[at].strip())
            elif name in _SOURCE_FIELD_NAMES and source_agency is None:
                words = [w for w in _VALUE_BREAK.split(value) if is_agency_name(w)]
                if words:
                    source_agency = (words[0], at, lines[at].strip())
    if meta["title"] is None:
        found = _title_line_at(head)
        if found is not None:
            meta.update(title=found[1], title_line=head_index[found[0]])
    if meta["title"] is not None:
        meta["title"] = _tidy_title(meta["title"])
    title = meta["title"]
    if not agency_field_seen and page_agency:
        _agency_from_page(meta, lines, head, source_agency, folded_head or ())
        if meta["agency"] is None and title:
            match = _TITLE_YEAR.search(title)
            if match is not None and match.start() >= 2:
                meta["agency"] = title[: match.start()].strip() or None
                meta.update(agency_basis="title", agency_raw=title)
    if title:
        match = _TITLE_YEAR.search(title)
        if match is not None:
            meta["year"] = int(match.group(1))
    if meta["year"] is None:
        text = fold_hanzi("\n".join(lines[:400])[:200_000])
        period = _PERIOD.search(text)
        phrase = _YEAR_REPORT.search(text)
        if period is not None:
            meta["year"] = int(period.group(1))
        elif phrase is not None:
            meta["year"] = int(phrase.group(1))
    return meta
