r"""The stream: text lines cut into cells, and the label text and value runs of a table section.

Every text-like source (plain text, Markdown, the PDF layout's lines) is read as a stream in
reading order: :func:`split_lines` cuts the text into lines of cells (a prose line is one cell,
a Markdown or tab row several — Markdown tables with or without their outer pipes), and
:func:`tokens` cuts a table section's lines into :class:`Token`\ s — label text, and value runs
that may be glued digit runs (split later by the form's arithmetic, :mod:`._segment`), whole
cells, blanks (an empty cell's ``&nbsp;`` kept by a flattened page) or placeholders. The
helpers below them fit a row's runs to its cells: blank padding (:func:`blank_tail`), blank
cells that left no run (:func:`gaps`), numbers broken apart (:func:`joined`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import NamedTuple

from .._errors import ParseError
from ..model import PLACEHOLDER_TEXTS, ColumnKind
from ._encoding import Note
from ._labels import nfkc
from ._prose import is_print_furniture
from ._segment import Group, Segment, SplitStatus, number_of, solve
from ._sniff import decode_text

__all__ = [
    "MAX_LINES",
    "MAX_LINE_CHARS",
    "MAX_TABLE_TOKENS",
    "MAX_TEXT_CHARS",
    "Line",
    "Token",
    "adds_up",
    "blank_tail",
    "decode",
    "fits",
    "gaps",
    "joined",
    "scope",
    "split_lines",
    "surplus",
    "tokens",
]

#: One line of the source, cut into its cells (a prose line is one cell).
Line = tuple[str, ...]

#: Larger inputs are refused (``TEXT.TOO_LARGE``): no real report comes near it.
MAX_TEXT_CHARS = 20_000_000
#: Tokens read per table section before giving up (``TEXT.TABLE_TRUNCATED``).
MAX_TABLE_TOKENS = 5_000
#: Characters of one line read as table text (a whole glued report body is ~10 000).
MAX_LINE_CHARS = 100_000
#: Lines read from one text (a long report has a few thousand); the rest is dropped with a warning.
MAX_LINES = 100_000
# ---------------------------------------------------------------------------- input


def decode(source: str | bytes) -> tuple[str, list[Note]]:
    if isinstance(source, str):
        text = source
        notes: list[Note] = []
    elif isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        notes = []
        decoded = decode_text(data)
        if decoded is not None:
            text, codec, cut = decoded
            if cut:
                notes.append(("TEXT.ENCODING#cut", {"codec": codec, "count": cut}))
        else:
            text = data.decode("utf-8", errors="replace")
            notes.append(("TEXT.ENCODING#replaced", {}))
    else:
        raise ParseError("TEXT.INPUT", {"type": type(source).__name__})
    if len(text) > MAX_TEXT_CHARS:
        raise ParseError("TEXT.TOO_LARGE", {"size": len(text), "limit": MAX_TEXT_CHARS})
    if "\r" in text:  # (one search for a character: most texts hold none)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.replace("\x00", ""), notes


#: A Markdown delimiter row (its outer pipes aside): cells of two dashes or more, an alignment
#: colon either side, pipes between them (``---|:--:``), read by one match.
_DELIMITER_ROW = re.compile(r"\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_MD_EMPHASIS = re.compile(r"\*\*|__|<br\s*/?>", re.IGNORECASE)


def _unemphasised(text: str) -> str:
    """``text`` without its :data:`_MD_EMPHASIS` marks; one without ``**``, ``__`` or ``<`` is
    not searched (a regex with no first character to look for steps through every character)."""
    return _MD_EMPHASIS.sub("", text) if "**" in text or "__" in text or "<" in text else text


#: What makes a line more than one plain cell: a pipe or a tab (cells), a Markdown mark.
_MARKED = re.compile(r"[|\t#*_<]")


def split_lines(text: str) -> tuple[list[Line], bool]:
    """Cut text into lines of cells: pipe rows and tab rows into cells, anything else one cell.

    A pipe row is a line that starts with ``|``, or any line of a Markdown table whose rows
    leave out the outer pipes (``a | b``: GitHub's tables, as html2text writes them) — from the
    header line above a delimiter row (``---|---``) to the next blank line.
    """
    raws = text.split("\n", MAX_LINES)[:MAX_LINES]
    if _MARKED.search(text) is None:
        return list(zip(raws)), False  # no pipe, tab or Markdown mark: each line one cell as it is
    distinct: dict[str, None] = dict.fromkeys(raws)
    bare = _bare_pipe_rows(raws, distinct) if "--" in text and "|" in text else _BareRows({}, [])
    if len(distinct) > _REPEATED * len(raws):  # most lines differ: read line by line
        lines, pipes = _cut(raws, bare.as_dict())
        return lines, len(pipes) >= 2
    # Lines repeat (a hostile text): a line's cells follow from its text and, in a table without
    # outer pipes, from whether its table writes them: the distinct lines of each kind (outside
    # such tables, in a table with outer pipes, in one without) are cut once, each into one tuple
    # that every line of that text and kind shares, looked up a slice of lines at a time.
    marked = dict.fromkeys(filter(_MARKED.search, distinct))  # a pipe, a tab or a mark: the others are one cell
    if len(bare.singles) + len(bare.spans) > len(raws) * _PIECES:
        # Markdown table lines cut the text into short pieces (rows and delimiter rows that
        # alternate): each line's (text, kind) pair looked up instead, in one pass
        rows = bare.as_dict()
        keys = list(zip(raws, map(rows.get, range(len(raws))), strict=True))
        pairs = list(dict.fromkeys(itertools.compress(keys, map(marked.__contains__, raws))))
        cut, pipes = _cut([raw for raw, _outer in pairs],
                          {i: outer for i, (_raw, outer) in enumerate(pairs) if outer is not None})
        markdown = len(pipes) >= 2 or (len(pipes) == 1 and keys.count(pairs[pipes[0]]) >= 2)
        return list(map(dict(zip(pairs, cut, strict=True)).get, keys, zip(raws))), markdown
    # the lines of each kind: (outer pipes or None, first line, end) pieces, in order
    pieces: list[tuple[bool | None, int, int]] = [(None, 0, len(raws))]
    kinds: dict[bool | None, dict[str, None]] = {None: distinct}
    if bare.singles or bare.spans:
        pieces, cursor = [], 0
        for start, stop, outer in sorted([*bare.spans, *((n, n + 1, o) for n, o in bare.singles.items())]):
            pieces += [(None, cursor, start), (outer, start, stop)]
            cursor = stop
        pieces.append((None, cursor, len(raws)))
        kinds = {None: {}, True: {}, False: {}}
        for kind, start, stop in pieces:
            kinds[kind].update(dict.fromkeys(raws[start:stop]))
    cells: dict[bool | None, dict[str, Line]] = {}
    found: list[tuple[bool | None, str]] = []  # the distinct pipe rows, with their kind
    for kind, texts_of_kind in kinds.items():
        texts = [raw for raw in texts_of_kind if raw in marked]
        cut, pipes = _cut(texts, {} if kind is None else dict.fromkeys(range(len(texts)), kind))
        cells[kind] = {**{raw: (raw,) for raw in texts_of_kind}, **dict(zip(texts, cut, strict=True))}
        found += [(kind, texts[n]) for n in pipes]
    out: list[Line] = []
    for kind, start, stop in pieces:
        out += map(cells[kind].__getitem__, raws[start:stop])
    # two pipe rows or more: two distinct ones, or one on two lines
    markdown = len(found) >= 2 or (len(found) == 1 and sum(
        raws[start:stop].count(found[0][1]) for kind, start, stop in pieces if kind is found[0][0]) >= 2)
    return out, markdown


_REPEATED = 0.5
"""At most this share of a text's lines distinct: its lines' cells worked out once per distinct
line (a hostile text repeats a few lines); above it, line by line (a report's lines differ)."""
_PIECES = 0.125
"""Above this many Markdown table lines or runs of delimiter rows per line, a repeating text's
lines are looked up by (text, kind) pair one line at a time, not as slices of lines of one kind
(a slice per piece costs more than a look-up per line when the pieces are a line or two long)."""


def _cut(raws: Sequence[str], bare: Mapping[int, bool]) -> tuple[list[Line], list[int]]:
    """Each of ``raws`` cut into its cells, and the indices of the pipe rows among them; ``bare``:
    the lines in Markdown tables without outer pipes' reach, by index, each with whether its
    table writes outer pipes (:func:`_bare_pipe_rows`)."""
    # a plain line (no pipe, tab or Markdown mark: :data:`_MARKED`) is one cell as it is: a look
    # for each mark tells them apart (cheaper than a search of the class), and only the others
    # are read below
    out: list[Line] = list(zip(raws))
    pipes: list[int] = []
    for n in [n for n, raw in enumerate(raws)
              if "|" in raw or "\t" in raw or "#" in raw or "*" in raw or "_" in raw or "<" in raw]:
        raw = raws[n]
        if "|" not in raw and "\t" not in raw:
            if "#" in raw or "*" in raw or "_" in raw or "<" in raw:
                raw = _unemphasised(_MD_HEADING.sub("", raw))
            out[n] = (raw,)
            continue
        line = raw.strip()
        if (line.startswith("|") and line.count("|") >= 2) or n in bare:
            pipes.append(n)
            # a table written without outer pipes keeps its first and last cells even when empty
            # (a row that starts and ends with a pipe has them, whatever its delimiter row says)
            keep = bare.get(n) is False and not (line.startswith("|") and line.endswith("|"))
            cells = line if keep else line.removeprefix("|").removesuffix("|")
            if "--" in cells and _DELIMITER_ROW.fullmatch(cells) is not None:  # (a rule holds two dashes)
                out[n] = ("",)
                continue
            parts = cells.split("|")
            if "*" in line or "_" in line or "<" in line:
                parts = [_unemphasised(p) for p in parts]
            out[n] = tuple(map(str.strip, parts))
        elif "\t" in line:
            out[n] = tuple(map(str.strip, line.split("\t")))
    return out, pipes


_HAS_RULE = re.compile("--").search
#: A run of consecutive delimiter rows in :func:`_bare_pipe_rows`' mask of the lines.
_RULE_RUN = re.compile(rb"\x01+")
_LONE_RULE = re.compile(rb"\x02")
_LONE_RULES = 64
"""Above this many lone rules (``---``) in a text, :func:`_bare_pipe_rows` tells which delimit a
table in one pass back over the lines instead of looking ahead from each."""


class _BareRows(NamedTuple):
    """The lines of Markdown tables without outer pipes (:func:`_bare_pipe_rows`), each with
    whether its table writes outer pipes: by index, and runs of consecutive delimiter rows of
    one style as ``(first, end, outer)`` (a hostile text repeats one a hundred thousand times)."""

    singles: dict[int, bool]
    spans: list[tuple[int, int, bool]]

    def as_dict(self) -> dict[int, bool]:
        """Every line by its index."""
        rows = dict(self.singles)
        for start, stop, outer in self.spans:
            rows.update(dict.fromkeys(range(start, stop), outer))
        return rows


def _bare_pipe_rows(raws: Sequence[str], distinct: Mapping[str, object] | None = None) -> _BareRows:
    """The lines holding pipes in Markdown tables — the header line above each delimiter row,
    the delimiter, and the lines after it up to a blank one — each with whether its table writes
    outer pipes (as its delimiter row does: ``|---|---|``, not ``---|---``).

    ``distinct``: the distinct ``raws`` (each is read once: which are delimiter rows); the
    delimiter rows found among the lines in one pass (a mask of the lines, one byte each, whose
    runs one search finds), and the lines of a run of them (a delimiter row right under another
    is that one's header) and of a table's body set together."""
    # delimiter row text: whether it writes outer pipes, whether it has a pipe between its cells
    rules: dict[str, tuple[bool, bool]] = {}
    for raw in filter(_HAS_RULE, raws if distinct is None else distinct):
        line = raw.strip()
        cells = line.removeprefix("|").removesuffix("|")
        if _DELIMITER_ROW.fullmatch(cells) is not None:
            rules[raw] = (line.startswith("|"), "|" in cells)
    if not rules:
        return _BareRows({}, [])
    # per line: 1 a delimiter row, 2 a lone rule (---), 0 neither
    mask = bytearray(map({raw: 1 if inner else 2 for raw, (_outer, inner) in rules.items()}.get, raws,
                         itertools.repeat(0)))
    # a lone rule delimits a one-column table only when rows with pipes follow it: a line with
    # a pipe among the next 49, before a blank line
    if mask.count(2) <= _LONE_RULES:
        at = mask.find(2)
        while at >= 0:
            mask[at] = any("|" in raw for raw in itertools.takewhile(str.strip, raws[at + 1 : at + 50]))
            at = mask.find(2, at + 1)
    else:
        # many lone rules (a hostile text of them): one pass back over the lines, keeping the
        # next line that holds a pipe or is blank (not 49 lines looked at for each rule)
        lone = [match.start() for match in _LONE_RULE.finditer(mask)]
        stop = m = min(len(raws), lone[-1] + 50)  # the next such line at or after line m
        for at in reversed(lone):
            while m > at + 1:
                m -= 1
                raw = raws[m]
                if "|" in raw or not raw.strip():
                    stop = m
            mask[at] = stop < at + 50 and stop < len(raws) and "|" in raws[stop]
    runs = [match.span() for match in _RULE_RUN.finditer(mask)]
    rows: dict[int, bool] = {}
    spans: list[tuple[int, int, bool]] = []
    for k, (start, stop) in enumerate(runs):
        if start and "|" in raws[start - 1]:
            rows[start - 1] = rules[raws[start]][0]
        if stop - start == 1:
            rows[start] = rules[raws[start]][0]
        else:
            outers = [rules[raw][0] for raw in dict.fromkeys(raws[start:stop])]
            if all(outers) or not any(outers):
                spans.append((start, stop, outers[0]))
            else:  # a delimiter row is the header of the one under it, when it holds a pipe
                for n in range(start, stop):
                    rows[n] = rules[raws[n + 1 if n + 1 < stop and "|" in raws[n] else n]][0]
        # the rows after the run up to a blank line, or up to the next delimiter row (whose table
        # the rows from there on are)
        outer = rules[raws[stop - 1]][0]
        for m in range(stop, runs[k + 1][0] if k + 1 < len(runs) else len(raws)):
            if not raws[m].strip():
                break
            if "|" in raws[m]:
                rows[m] = outer
    return _BareRows(rows, spans)


# ---------------------------------------------------------------------------- tokens


class Token(NamedTuple):
    """A piece of a table section: label text, or a value run (``value``).

    A named tuple, not an attrs class: a table section makes a few hundred of them, and a tuple
    is made several times faster (equal, hashable and immutable all the same)."""

    text: str
    value: bool
    line: int
    splittable: bool = False
    col: int | None = None
    """Display column where the word ends, for a whole word on a space-aligned line."""


# a value run: digits, thousands commas, a decimal part, a unit; signs inside a glued run
# (``214-12588``: a signed 本年增/减 cell glued between two counts)
_NUMBER = re.compile(r"(?<![\d.])(?:(?<=\s)[+-]|^[+-])?\d+(?:,\d{3})*(?:[+-]\d+)*(?:\.\d+)?(?:万元|元|件|个|项|条|次)?")
_MARKER_AFTER = re.compile(r"^[.、．](?!\d)")
_DIGITS = re.compile(r"[+-]?\d+(?:[+-]\d+)*(?:\.\d+)?(?:万元|元|件|个|项|条|次)?")
_ANY_DIGIT = re.compile(r"\d").search


def _is_placeholder(text: str) -> bool:
    return text in PLACEHOLDER_TEXTS


_ASCII_RUN = re.compile(r"[\x00-\x7f]+")
#: CJK Unified Ideographs: every one of them wide (a test checks it against ``unicodedata``).
_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")


def _width(text: str) -> int:
    """Display columns of ``text``: two for a wide (CJK) character, one otherwise."""
    if text.isascii():
        return len(text)
    others = _ASCII_RUN.sub("", text)
    rare = _IDEOGRAPHS.sub("", others)  # the ideographs are wide without asking
    return len(text) + len(others) - len(rare) + sum(1 for ch in rare if unicodedata.east_asian_width(ch) in ("W", "F"))


#: What editors put in an empty cell (``&nbsp;``, an ideographic space): a line of only these,
#: in a page flattened to one cell per line, is a blank cell (plain spaces are markup's indent).
_CELL_SPACES = "\u00a0\u3000"
# a word; or an empty cell's &nbsp; (or ideographic space) standing alone between plain spaces
# of a page flattened to one line per row: a blank cell
#: What a line holding only an empty cell holds: its &nbsp; (or ideographic space) and plain spaces.
_BLANK_CELL = _CELL_SPACES + " \t\r"
_WORD = re.compile(r"\S+|(?<=[ \t])[" + _CELL_SPACES + r"]+(?=[ \t])")


#: The most characters NFKC makes of one (U+FDFA).
_MAX_NFKC = 18


def _tokens_of_text(text: str, line: int, limit: int = MAX_TABLE_TOKENS) -> list[Token]:
    """Label text and value runs of one flowing line (whitespace separates runs)."""
    out: list[Token] = []
    text = text[:MAX_LINE_CHARS]
    aligned = "  " in text
    # The display column where each word ends, counted as the words go (not from the line's start).
    width = scanned = 0
    # on a line whose characters are ASCII or wide (ideographs, fullwidth punctuation), a piece's
    # width is its length and one more for each character that is not ASCII (counted without a
    # regex or a look-up per piece)
    plain_width = aligned and all(unicodedata.east_asian_width(ch) in ("W", "F")
                                  for ch in set(_IDEOGRAPHS.sub("", _ASCII_RUN.sub("", text))))
    # on a line that is not space-aligned a word's tokens follow from the word alone: each distinct
    # word read once (a hostile line repeats a few words) while the bound is out of its reach (a
    # word gives at most a token per character of its NFKC form, at most 18 for one character)
    known: dict[str, list[Token]] = {}
    for match in _WORD.finditer(text):
        if len(out) > limit:
            break
        word = match.group(0)
        if not aligned and limit - len(out) >= _MAX_NFKC * len(word) + 2:
            tokens = known.get(word)
            if tokens is None:
                start = len(out)
                _word_tokens(out, word, line, None, limit)
                known[word] = out[start:]
            else:
                out.extend(tokens)
            continue
        col = None
        if aligned:
            piece = text[scanned : match.end()]
            width += 2 * len(piece) - len(piece.encode("ascii", "ignore")) if plain_width else _width(piece)
            scanned = match.end()
            col = width
        _word_tokens(out, word, line, col, limit)
    return out


def _word_tokens(out: list[Token], word: str, line: int, col: int | None, limit: int) -> None:
    """The tokens of one word of a flowing line (its display column ``col``, on a space-aligned
    line), appended to ``out``, the line's tokens so far, at most ``limit`` of them (and a few more,
    to tell)."""
    if not word.isascii():  # NFKC leaves ASCII as it is (a long word of ideographs mostly: by its runs)
        word = nfkc(word)
        if not word.strip():  # an empty cell's &nbsp; standing alone: a blank cell
            out.append(Token("", True, line))
            return
    if word in PLACEHOLDER_TEXTS:
        out.append(Token(word, True, line, col=col))  # one cell: —
        return
    if word.isdigit() and word.isascii():  # a whole run of plain digits: one splittable run
        out.append(Token(word, True, line, True, col))
        return
    if _ANY_DIGIT(word) is None:  # no number in it: label text (what the pieces below come to)
        out.append(Token(word, False, line, col=col))
        return
    glued = _GLUED_ROW.fullmatch(word)
    if glued is not None and len(out) + 2 <= limit and len(glued.group(1)) > 1:
        # a row's label and its glued run, as :func:`_split_word` cuts them (a test checks it)
        out.append(Token(glued.group(1), False, line))
        out.append(Token(glued.group(2), True, line, True))
        return
    if _is_value_cell(word) and _DIGITS.fullmatch(word) is None:
        out.append(Token(word, True, line, col=col))  # one cell: 约3件
        return
    out.extend(_split_word(word, line, col, limit - len(out)))


# a row's label glued to its run of plain digits (``规章1011``, ``1.属于国家秘密2000002``): a label
# of two characters or more with no digit, sign, comma or space (but a one-digit item number with
# its mark), not ending with a point, then ASCII digits to the word's end
_GLUED_ROW = re.compile(r"((?:[0-9][.、．])?[^\d\s,+\-]*[^\d\s,+\-.])([0-9]+)")


def _split_word(word: str, line: int, col: int | None, room: int) -> list[Token]:
    """The label text and value runs of a word with a number in it (``规章000``, ``214-12588``),
    at most ``room`` of them before the last (a glued word past the bound ends as label text)."""
    cursor = 0
    pieces: list[Token] = []
    for number in _NUMBER.finditer(word):
        if len(pieces) > room:
            break  # a glued word past the bound (the caller reports the table truncated)
        if number.start() > cursor:
            pieces.append(Token(word[cursor : number.start()], False, line))
        whole = number.start() == 0 and number.end() == len(word)
        run = number.group(0)
        pieces.append(Token(run, True, line, splittable=(run.isdigit() and run.isascii()) or
                            _DIGITS.fullmatch(run) is not None, col=col if whole else None))
        cursor = number.end()
    if cursor < len(word):
        pieces.append(Token(word[cursor:], False, line, col=col if cursor == 0 else None))
    return _move_markers(pieces) if len(pieces) > 1 else pieces


def _move_markers(pieces: list[Token]) -> list[Token]:
    """``…0000003.其他``: the digit before ``.`` + label is the label's item number."""
    out: list[Token] = []
    for i, token in enumerate(pieces):
        nxt = pieces[i + 1] if i + 1 < len(pieces) else None
        if token.value and nxt is not None and not nxt.value and _MARKER_AFTER.match(nxt.text) and \
                token.text.isdigit():
            keep, digit = token.text[:-1], token.text[-1]
            if keep:
                out.append(Token(keep, token.value, token.line, token.splittable, token.col))
            pieces[i + 1] = Token(digit + nxt.text, nxt.value, nxt.line, nxt.splittable, nxt.col)
            continue
        out.append(token)
    return out


# a short word with a number in it, as one cell: 约3件, 3件左右, ≈5 (not 3.其他, 0200002(七)总计)
_WORDY_VALUE = re.compile(r"[^\d\s]?\d+(?:\.\d+)?[^\d\s.、．()（）]{0,3}")


def _is_value_cell(text: str) -> bool:
    """Could be what one cell holds: a number, a placeholder, or a short word with a number
    (``约3件``) — not a label (``1.属于国家秘密``) nor a label glued to values (``规章000``)."""
    if _DIGITS.fullmatch(text.replace(",", "")) is not None or _is_placeholder(text):
        return True
    return _WORDY_VALUE.fullmatch(text) is not None and not text[:2].isalpha()


def _tokens_of_row(cells: Line, line: int) -> list[Token]:
    """A row of separate cells: its label cells, then one value per cell (a blank included).

    In a row with values, the label is every cell up to the last text cell before the first
    value; a row without text cells (section 四's one row) is all values.
    """
    # (ASCII is its own NFKC form: a cell of digits needs no normalising)
    texts = [(cell if cell.isascii() else unicodedata.normalize("NFKC", cell)).strip() for cell in cells]
    first_value = next((i for i, t in enumerate(texts) if _is_value_cell(t)), None)
    make = tuple.__new__  # the tokens made from all their fields (``Token.__new__`` is a Python function)
    if first_value is None:
        return [make(Token, (t, False, line, False, None)) for t in texts if t]
    label_end = max((i + 1 for i, t in enumerate(texts[:first_value]) if t), default=0)
    out = [make(Token, (t, False, line, False, None)) for t in texts[:label_end] if t]
    digits = _DIGITS.fullmatch
    out += [make(Token, (t, True, line, digits(t) is not None, None)) for t in texts[label_end:]]
    return out


def scope(keys: Sequence[str]) -> str | None:
    """The row or table the cell ``keys`` share (``requests.granted``, ``review_litigation``)."""
    parts = keys[0].split(".")[:-1] if keys else []
    while parts and not all(k.startswith(".".join(parts) + ".") for k in keys):
        parts.pop()
    return ".".join(parts) or None


def gaps(values: Sequence[Token], n_cells: int, *, sums: bool) -> bool:
    """Whether blank cells may have left no run among ``values``: fewer runs than cells, none of
    them a placeholder (a layout that prints placeholders prints its empty cells), and either
    several separate runs or a row without a sum (where no cut is confirmed anyway, a lone run
    may as well be one number beside blanks)."""
    return (2 if sums else 1) <= len(values) < n_cells and not any(
        v.text and _is_placeholder(v.text) for v in values)


def fits(text: str, kind: ColumnKind) -> bool:
    """Whether the printed ``text`` may stand in a cell of ``kind``: a blank, a placeholder or a
    word anywhere; a number with a decimal part only under money."""
    value = number_of(text, kind) if text else None
    return value is None or kind is ColumnKind.MONEY or "." not in text


def adds_up(numbers: Sequence[object]) -> bool:
    """Whether the last of ``numbers`` is the sum of the others (blanks count as 0), and is one."""
    *addends, total = numbers
    return isinstance(total, (int, Decimal)) and total == sum(n for n in addends if isinstance(n, (int, Decimal)))


def surplus(values: Sequence[Token], n_cells: int) -> int:
    """How many of ``values`` are past the row's cells, blank padding (:func:`blank_tail`) aside."""
    return len(blank_tail(list(values), n_cells)) - n_cells


def blank_tail(values: list[Token], n_cells: int) -> list[Token]:
    """``values`` without the blank tokens past the row's cells: on one line of cells (a pipe or
    tab row), the blanks right after the label first — the label's own span, padded out by the
    converter (``| 一、本年新收… | | | 208 |``: the values are the row's last cells); over several
    lines, the blanks at the end first (a spacer line after the table)."""
    one_line = bool(values) and values[0].line == values[-1].line
    while len(values) > n_cells:
        if one_line and not values[0].text:
            values = values[1:]
        elif not values[-1].text:
            values = values[:-1]
        elif not values[0].text:
            values = values[1:]
        else:
            break
    return values


def joined(values: Sequence[Token], groups: tuple[Group, ...]) -> Segment | None:
    """``values``, more runs than the cells of ``groups``, read as one glued run — numbers
    broken apart by the markup — when that is plausible and confirmed: plain digit runs only (no
    sign, decimal point, unit, placeholder or word), at most two for each cell, and a cut of the
    joined run that the groups' own totals confirm. Else ``None`` (the extra runs are extra)."""
    n_cells = sum(len(g.keys) for g in groups)
    if len(values) > 2 * n_cells or not all(v.text.isascii() and v.text.isdigit() for v in values):
        return None
    segment = Segment(("".join(v.text for v in values),), (True,), groups)
    confirmed = solve([segment]).status in (SplitStatus.UNIQUE, SplitStatus.AMBIGUOUS)
    return segment if confirmed else None


def tokens(lines: Sequence[tuple[Line, int]]) -> list[Token]:
    """The label text and value runs of a table section's ``(cells, line number)`` lines, in
    reading order: a one-cell line by its words (glued runs cut from their labels), a line of
    several cells cell by cell; a browser's page furniture left out, an empty cell's lone
    ``&nbsp;`` kept as a blank; at most :data:`MAX_TABLE_TOKENS` (and one more, to tell)."""
    out: list[Token] = []
    for cells, line in lines:
        if len(cells) == 1:
            if is_print_furniture(cells[0]):  # a browser's page header or footer inside the table
                continue
            if cells[0] and not cells[0].strip(_BLANK_CELL) and cells[0].strip(" \t\r"):
                out.append(Token("", True, line))  # an empty cell's &nbsp;, flattened to a line of its own
                continue
            out.extend(_tokens_of_text(cells[0], line, MAX_TABLE_TOKENS - len(out)))
        else:
            out.extend(_tokens_of_row(cells, line))
        if len(out) > MAX_TABLE_TOKENS:
            break
    return out


