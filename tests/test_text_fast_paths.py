"""The text reader's fast paths give what the plain paths give: provenance kept as tuples until
read, and the glued-run solver's shortcuts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure import Edition
from gov_disclosure.parsers._builder import ReportBuilder
from gov_disclosure.parsers._result import Location, Provenances

CELLS = [("requests.granted.natural_person", "12"), ("requests.granted.total", " 3万 "),
         ("requests.granted.other", "—"), ("requests.granted.natural_person", "13"),
         ("proactive.admin_fees.amount", "251000元"), ("requests.granted.commercial", "")]


@pytest.mark.parametrize("base", [None, Location(page=2, row=4), Location(key="requests", line=9)])
def test_stream_provenance_records_are_built_when_read(base: Location | None) -> None:
    """A streamed cell's provenance is kept as a tuple and read as the record ``set_raw`` makes,
    note and all; a placeholder, an unreadable cell and a duplicate give the same problems."""
    fast, slow = (ReportBuilder(Edition.V2021, source_format="text") for _ in range(2))
    for line, (key, raw) in enumerate(CELLS, start=1):
        note = f"split from {line}" if line % 2 else None
        location = Location(key, line=line) if base is None else base.with_key(key)
        assert fast.set_line(key, raw, line, base, note=note) == slow.set_raw(key, raw, location, note=note)
    assert fast.values == slow.values
    assert fast.problems == slow.problems
    assert [p.location for p in fast.problems] == [p.location for p in slow.problems]
    lazy, eager = fast.result().provenance, slow.result().provenance
    assert isinstance(lazy, Provenances)
    assert dict(lazy) == dict(eager)
    assert lazy["requests.granted.natural_person"] is lazy["requests.granted.natural_person"]
    assert lazy["requests.granted.natural_person"].note == "split from 1"
    assert list(lazy) == list(eager)


def test_display_width_counts_every_ideograph_wide() -> None:
    """``_width`` counts the CJK Unified Ideographs as wide without asking ``unicodedata``: so does
    ``unicodedata``, for every one of them; other characters are asked."""
    import unicodedata

    from gov_disclosure.parsers._stream import _width

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    assert all(unicodedata.east_asian_width(ch) == "W" for ch in block)
    for text in (block, "本年新  制作数量", "ab（一）　ｘ", "é\u0301 가나 ～", "", "  12  "):
        assert _width(text) == sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@pytest.mark.parametrize(("digits", "count", "room", "total", "nodes", "cuts"), [
    ("12882100503", 6, 4, 1362, 52, [["1288", "21", "0", "0", "50", "3"]]),
    ("30015300614", 6, 4, 3119, 27, [["3001", "53", "0", "0", "61", "4"]]),
    ("7461200101", 6, 3, 769, 41, [["746", "12", "0", "0", "10", "1"]]),
    ("1400", 3, 2, 14, 3, [["14", "0", "0"]]),
])
def test_a_rows_addends_spend_the_search_budget_node_for_node(digits: str, count: int, room: int, total: int,
                                                              nodes: int, cuts: list[list[str]]) -> None:
    """The addends' search tries the same cuts in the same order as it always has, each one node
    of the budget (the budget decides when a search is capped: ``SPLIT.CAP``); with fewer nodes
    than it needs, it stops as it did, with what it found so far."""
    from gov_disclosure.model import ColumnKind
    from gov_disclosure.parsers._segment import Group, Segment, _Budget, _digit_addends, _Search

    segment = Segment(("1",), (True,), (Group(("a",), (ColumnKind.COUNT,)),))
    search = _Search(segment, strict=True, use_sums=True, budget=_Budget())
    assert _digit_addends(search, digits, 0, len(digits), count, room, total) == cuts
    assert _Budget().nodes - search.budget.nodes == nodes
    short = _Search(segment, strict=True, use_sums=True, budget=_Budget(nodes - 1))
    found = _digit_addends(short, digits, 0, len(digits), count, room, total)
    assert short.capped
    assert short.budget.exhausted
    assert found in ([], cuts)


def test_pipe_rows_of_tables_without_outer_pipes_each_read_once() -> None:
    """The rows of a Markdown table written without outer pipes run from its delimiter row to a
    blank line; a later delimiter row in the same run starts the next table (its rows, and the
    header line above it, take its own outer-pipe style). Each line is read once, however many
    delimiter rows follow one another (they were scanned to the blank line each, quadratic)."""
    from gov_disclosure.parsers._stream import _bare_pipe_rows, split_lines

    lines = ["a | b", "---|---", "1 | 2", "|---|---|", "3 | 4", "", "x | y"]
    assert _bare_pipe_rows(lines).as_dict() == {0: False, 1: False, 2: True, 3: True, 4: True}
    many = ["a | b"] + ["---|---"] * 20_000
    bare = _bare_pipe_rows(many)
    assert bare.spans == [(1, len(many), False)]  # the run of delimiter rows as one span
    rows = bare.as_dict()
    assert len(rows) == len(many)
    assert not any(rows.values())
    cells, markdown = split_lines("\n".join(many))
    assert markdown
    assert cells[0] == ("a", "b")
    assert cells[1:] == [("",)] * 20_000



def _lines_one_by_one(text: str) -> tuple[list[tuple[str, ...]], bool]:
    """:func:`split_lines` as a loop over the lines, each read on its own: the delimiter rows,
    the lines of each table without outer pipes, then each line's cells."""
    import itertools

    from gov_disclosure.parsers._stream import _DELIMITER_ROW, _MARKED, _MD_EMPHASIS, _MD_HEADING, MAX_LINES

    raws = text.split("\n", MAX_LINES)[:MAX_LINES]
    delimiters = []
    for n, raw in enumerate(raws):
        line = raw.strip()
        cells = line.removeprefix("|").removesuffix("|")
        if "-" not in line or _DELIMITER_ROW.fullmatch(cells) is None:
            continue
        if "|" in cells or any("|" in r for r in itertools.takewhile(str.strip, raws[n + 1 : n + 50])):
            delimiters.append((n, line.startswith("|")))
    bare: dict[int, bool] = {}
    for i, (n, outer) in enumerate(delimiters):
        if n and "|" in raws[n - 1]:
            bare[n - 1] = outer
        bare[n] = outer
        for m in range(n + 1, delimiters[i + 1][0] if i + 1 < len(delimiters) else len(raws)):
            if not raws[m].strip():
                break
            if "|" in raws[m]:
                bare[m] = outer
    out: list[tuple[str, ...]] = []
    pipes = 0
    for n, raw in enumerate(raws):
        line = raw.strip()
        if _MARKED.search(raw) is None:
            out.append((raw,))
        elif "|" not in raw and "\t" not in raw:
            out.append((_MD_EMPHASIS.sub("", _MD_HEADING.sub("", raw)),))
        elif (line.startswith("|") and line.count("|") >= 2) or n in bare:
            pipes += 1
            keep = bare.get(n) is False and not (line.startswith("|") and line.endswith("|"))
            cells = line if keep else line.removeprefix("|").removesuffix("|")
            if _DELIMITER_ROW.fullmatch(cells) is not None:
                out.append(("",))
            else:
                out.append(tuple(_MD_EMPHASIS.sub("", p).strip() for p in cells.split("|")))
        elif "\t" in line:
            out.append(tuple(p.strip() for p in line.split("\t")))
        else:
            out.append((raw,))
    return out, pipes >= 2


_MARKDOWN_LINES = ["| a | b |", "|---|---|", "---|---", "a | b", "--- | :--:", "|---", "---", "|", "||", "a|b|",
                   "|a|b", "---|---|", "", " ", "\u3000", "\x0b", "a\tb", "# 标题", "**粗**", "<br>", "_x_",
                   "规章 | 12 | 3", "|:--|--:|", "  | -- |  ", "x", "--", "|--|", "1 | **2**"]


@pytest.mark.parametrize(("repeated", "pieces", "lone_rules"),
                         [(0.0, 0.125, 64), (0.5, 0.125, 64), (1.0, 0.125, 64), (1.0, 0.0, 64), (1.0, 1.0, 0),
                          (0.0, 0.125, 0)])
@given(lines=st.lists(st.sampled_from(_MARKDOWN_LINES), max_size=80))
def test_lines_are_cut_as_one_by_one(repeated: float, pieces: float, lone_rules: int, lines: list[str]) -> None:
    """The lines cut once per distinct text (``repeated`` 1: always; 0: never; as slices of one
    kind or by (text, kind) pair: ``pieces``), the lone rules told by a look ahead from each or
    by one pass back (``lone_rules``), and the delimiter rows' runs are the lines cut one by one:
    tables with and without outer pipes, delimiter rows under one another (each the header of
    the next), lone rules, blank lines that end a table."""
    from gov_disclosure.parsers import _stream

    text = "\n".join(lines)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_stream, "_REPEATED", repeated)
        patch.setattr(_stream, "_PIECES", pieces)
        patch.setattr(_stream, "_LONE_RULES", lone_rules)
        assert _stream.split_lines(text) == _lines_one_by_one(text)


_WORDS = ["规章", "1011", "规章1011", "3.其他", "0200002(七)总计", "约3件", "—", "\u00a0", "１２", "㍿12", "12,345",
          "214-12588", "（一）予以公开", "1.属于国家秘密2000002", "12.5", "a", "3200000326.属于四类过程性信息"]


@given(words=st.lists(st.sampled_from(_WORDS), max_size=300), limit=st.integers(0, 400),
       spaces=st.sampled_from([" ", "\t", "  "]))
def test_a_lines_repeated_words_give_the_tokens_each_word_gives(words: list[str], limit: int, spaces: str) -> None:
    """A word met again on a line that is not space-aligned gives the tokens it gave before (read
    once), and near the bound each word is read as it comes: the tokens of each word read alone."""
    from gov_disclosure.parsers import _stream

    text = spaces.join(words)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_stream, "_MAX_NFKC", 10**9)  # no word is read once for all
        alone = _stream._tokens_of_text(text, 7, limit)
    assert _stream._tokens_of_text(text, 7, limit) == alone


def _group(n: int, total: bool, prefix: str = "k", kinds: tuple[str, ...] | None = None) -> object:
    from gov_disclosure.model import ColumnKind
    from gov_disclosure.parsers._segment import Group

    return Group(tuple(f"{prefix}{i}" for i in range(n)),
                 tuple(ColumnKind(k) for k in kinds) if kinds else (ColumnKind.COUNT,) * n, total_last=total)


# (runs, groups, gaps) → (nodes spent of the search budget, of the fallback budget), candidates,
# the first; then with one node fewer than was spent: candidates, consistent, capped, the first
# (as the search has always found them: the numbers were read off the code before it was sped up)
_SEARCHES = [
    ((("82666",), ((3, False),), True), (0, 41), 17, ("", "", "82666"), (16, True, True, ("", "", "82666"))),
    ((("1011",), ((3, False),), True), (0, 25), 9, ("", "", "1011"), (8, True, True, ("", "", "1011"))),
    ((("128821005031362",), ((7, True),), False), (54, 0), 1, ("1288", "21", "0", "0", "50", "3", "1362"),
     (1, False, True, ("1", "2", "882", "100", "50", "31", "362"))),
    ((("72641783735113481261211620",), ((5, True), (5, True), (5, True)), False), (43, 0), 3,
     ("72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "1", "2", "1", "16", "20"),
     (3, True, True, ("72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "1", "2", "1", "16", "20"))),
    ((("1203", "0", "1215"), ((7, True),), True), (697, 0), 128, ("", "", "", "1203", "0", "1215", ""),
     (127, True, True, ("", "", "", "1203", "0", "1215", ""))),
]


@pytest.mark.parametrize(("shape", "spent", "count", "first", "short"), _SEARCHES)
def test_the_candidate_search_spends_its_budgets_node_for_node(shape: tuple, spent: tuple[int, int], count: int,
                                                               first: tuple[str, ...], short: tuple) -> None:
    """The search for a segment's candidates (a row's runs, with blanks between them or not, one
    group or three) finds the same candidates in the same order as it always has, spending the
    same nodes of each budget: with one node fewer, it stops where it did (``SPLIT.CAP``)."""
    from gov_disclosure.parsers._segment import FALLBACK_NODES, NODE_BUDGET, Segment, _Budget, _segment_candidates

    runs, groups, gaps = shape
    segment = Segment(runs, (True,) * len(runs),
                      tuple(_group(n, total, prefix=f"g{i}.") for i, (n, total) in enumerate(groups)), gaps=gaps)
    budget, fallback = _Budget(), _Budget(FALLBACK_NODES)
    found = _segment_candidates(segment, budget, fallback)
    assert (NODE_BUDGET - budget.nodes, FALLBACK_NODES - fallback.nodes) == spent
    assert len(found.items) == count
    assert found.items[0][0] == first
    assert found.consistent
    assert not found.capped
    fewer = (_Budget(spent[0] - 1), _Budget(FALLBACK_NODES)) if spent[0] else (_Budget(), _Budget(spent[1] - 1))
    capped = _segment_candidates(segment, *fewer)
    assert (len(capped.items), capped.consistent, capped.capped, capped.items[0][0]) == short


@given(st.text("0123456789", min_size=1, max_size=25), st.sampled_from(["count", "signed", "money"]), st.booleans())
def test_plain_digit_pieces_are_judged_as_the_patterns_judge_them(piece: str, kind: str, strict: bool) -> None:
    """The search judges a piece of a plain-digit run by its length and first digit, without a
    pattern match: as the kind's pattern judges it."""
    from gov_disclosure.model import ColumnKind
    from gov_disclosure.parsers._segment import _LOOSE, _MAX_DIGITS, _STRICT

    column = ColumnKind(kind)
    pattern = (_STRICT if strict else _LOOSE)[column]
    fits = len(piece) <= _MAX_DIGITS[column] and not (strict and len(piece) > 1 and piece[0] == "0")
    assert fits == (pattern.fullmatch(piece) is not None)


@given(st.lists(st.tuples(st.sampled_from(["", "0", "007", "12", "1.5", "3万元", "251000元", "—", "０１", "+4", "x"]),
                          st.sampled_from(["count", "signed", "money"])), max_size=8))
def test_a_candidates_numbers_are_number_of_each_piece(cells: list[tuple[str, str]]) -> None:
    """A candidate's numbers, read at once, are :func:`number_of` of each of its pieces."""
    from gov_disclosure.model import ColumnKind
    from gov_disclosure.parsers._segment import _numbers_of, number_of

    pieces = [p for p, _k in cells]
    kinds = [ColumnKind(k) for _p, k in cells]
    numbers = _numbers_of(pieces, kinds)
    assert numbers == tuple(number_of(p, k) for p, k in zip(pieces, kinds, strict=True))
    assert [type(n) for n in numbers] == [type(number_of(p, k)) for p, k in zip(pieces, kinds, strict=True)]


@pytest.mark.parametrize("line", ["自然人  商业企业  科研机构      总计", "  规章  12   3", "ab  é  结果维持    7",
                                  "行政诉讼（未经复议直接起诉）  总计  ａ", "  ～  가나  12"])
def test_a_space_aligned_words_column_is_the_width_of_the_line_up_to_its_end(line: str) -> None:
    """On a space-aligned line, each whole word's column is the display width of the line up to
    the word's end (counted piece by piece, on a line of ASCII and ideographs without a look-up)."""
    import re

    from gov_disclosure.parsers._stream import _tokens_of_text, _width

    words = list(re.finditer(r"\S+", line))
    tokens = [t for t in _tokens_of_text(line, 0) if t.col is not None]
    assert [t.col for t in tokens] == [_width(line[: m.end()]) for m in words]


@given(st.lists(st.text("ab规章（）：，é…～가—/  ", min_size=1, max_size=6), min_size=2, max_size=8).map("  ".join))
def test_every_aligned_words_column_is_the_width_up_to_its_end(line: str) -> None:
    """Any line of ASCII, ideographs, fullwidth and narrow punctuation, Hangul: each whole word's
    column is :func:`_width` of the line up to its end, whichever way the line is counted."""
    import re

    from gov_disclosure.parsers._stream import _tokens_of_text, _width

    tokens = [t for t in _tokens_of_text(line, 0) if t.col is not None]
    assert [t.col for t in tokens] == [_width(line[: m.end()]) for m in re.finditer(r"\S+", line)]


@given(st.lists(st.sampled_from(["1", "0", "12", "007", ".", "、", "．", ",", "+", "-", " ", "\u3000", "规章", "属于",
                                 "（一）", "约", "件", "万元", "—", "１２", "١", "\u00a8"]), min_size=1, max_size=8),
       st.sampled_from(["", "1.", "3、", "10.", "规章"]), st.integers(0, 6))
def test_a_label_glued_to_its_run_is_cut_as_any_word_with_a_number(parts: list[str], prefix: str, limit: int) -> None:
    """A row's label glued to its digits (``规章1011``, ``1.属于国家秘密2000002``) is cut without the
    number patterns: into the label and the run, as :func:`_split_word` cuts any word with a number
    in it (the word's other readings first, the table's token bound kept)."""
    from gov_disclosure.parsers import _stream

    text = prefix + "".join(parts)
    fast = _stream._tokens_of_text(text, 0, limit)
    _stream._GLUED_ROW, kept = re.compile(r"(?!)(.)(.)"), _stream._GLUED_ROW  # a pattern that never matches
    try:
        plain = _stream._tokens_of_text(text, 0, limit)
    finally:
        _stream._GLUED_ROW = kept
    assert fast == plain


@pytest.mark.parametrize(("word", "label", "run"), [
    ("规章1011", "规章", "1011"),
    ("1.属于国家秘密2000002", "1.属于国家秘密", "2000002"),
    ("（一）予以公开128821005031362", "(一)予以公开", "128821005031362"),  # (NFKC: the marks folded)
])
def test_a_label_glued_to_its_run_is_read_as_the_label_then_the_run(word: str, label: str, run: str) -> None:
    from gov_disclosure.parsers._stream import Token, _tokens_of_text

    assert _tokens_of_text(word, 3) == [Token(label, False, 3), Token(run, True, 3, True)]
