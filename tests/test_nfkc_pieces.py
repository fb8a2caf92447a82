"""The label normaliser's shortcuts give what the calls they stand in for give: NFKC by runs
gives what one ``unicodedata.normalize`` call gives, and ``str.split`` drops the spaces the
space regex drops.

A long text of :data:`~gov_disclosure.parsers._labels.NFKC_INERT` and
:data:`~gov_disclosure.parsers._labels.NFKC_ALONE` characters is normalised run by run; that is
exact only if no such character joins or reorders with the character before it, checked here
for every one of them against Unicode's own decompositions.
"""

from __future__ import annotations

import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.parsers import _labels


def _chars(ranges: str) -> list[str]:
    return [chr(code) for code in range(sys.maxunicode + 1) if re.fullmatch(f"[{ranges}]", chr(code))]


def _second_elements() -> set[str]:
    """Every character that composes with a character before it (the second of a canonical pair,
    the Hangul vowels and trailing consonants)."""
    out = {chr(code) for code in (*range(0x1161, 0x1176), *range(0x11A8, 0x11C3))}
    for code in range(sys.maxunicode + 1):
        parts = unicodedata.decomposition(chr(code)).split()
        if len(parts) == 2 and not parts[0].startswith("<"):
            out.add(chr(int(parts[1], 16)))
    return out


INERT = _chars(_labels.NFKC_INERT)
ALONE = _chars(_labels.NFKC_ALONE)


def test_the_characters_stand_alone() -> None:
    joining = _second_elements()
    assert INERT
    assert ALONE
    for ch in INERT:
        assert unicodedata.normalize("NFKC", ch) == ch, hex(ord(ch))
    for ch in INERT + ALONE:
        first = unicodedata.normalize("NFKD", ch)[0]
        assert unicodedata.combining(first) == 0, hex(ord(ch))
        assert first not in joining, hex(ord(ch))
        assert unicodedata.normalize("NFKC", "e" + ch) == "e" + unicodedata.normalize("NFKC", ch)


_PIECE = st.lists(st.one_of(st.sampled_from(INERT[:200] + INERT[-200:]), st.sampled_from(ALONE),
                            st.sampled_from(["\u0301", "\u3099", "\uff9e", "\u1161", "e", "ｶ"]),
                            st.characters()), min_size=1, max_size=80).map("".join)


@given(st.lists(st.tuples(_PIECE, st.integers(1, 400)), min_size=1, max_size=6), st.sampled_from(["", "字" * 40]))
def test_nfkc_by_runs_is_nfkc(pieces: list[tuple[str, int]], filler: str) -> None:
    text = "".join((piece + filler) * times for piece, times in pieces)
    assert _labels._nfkc(text) == unicodedata.normalize("NFKC", text)


def test_nfkc_by_runs_on_long_texts() -> None:
    sparse = ("本机关（一）予以公开１２件……" + "政府信息公开" * 10) * 2000
    assert _labels._nfkc(sparse) == unicodedata.normalize("NFKC", sparse)
    assert _labels._nfkc(sparse + "\u0301") == unicodedata.normalize("NFKC", sparse + "\u0301")
    dense = "（字" * 5000
    assert _labels._nfkc(dense) == unicodedata.normalize("NFKC", dense)


def test_nfkc_of_characters_the_samples_miss() -> None:
    """A character of the second kind seen in no sample is still found (the text left is checked);
    a text of many distinct ones is normalised by runs, or whole when they are dense."""
    body = "本机关依法公开政府信息" * 800
    once = body[:4000] + "\uff1b" + body[4000:] + "（一）１２……"
    assert _labels._nfkc(once) == unicodedata.normalize("NFKC", once)
    assert "\uff1b" not in _labels._nfkc(once)
    many = "".join(chr(0xFF01 + i % 94) + "字" * 20 for i in range(2000))
    assert _labels._nfkc(many) == unicodedata.normalize("NFKC", many)
    seen_then_many = "（一）" * 10 + body + "".join(chr(0xFF21 + i) + "字" * 300 for i in range(26))
    assert _labels._nfkc(seen_then_many) == unicodedata.normalize("NFKC", seen_then_many)
    dense = "".join(chr(0xFF01 + i % 94) + "字" for i in range(5000))
    assert _labels._nfkc(dense) == unicodedata.normalize("NFKC", dense)


def test_split_cuts_at_the_spaces_the_regex_drops() -> None:
    r"""``str.split()`` stands in for ``_SPACE.sub``: it cuts at exactly the characters ``\s`` matches."""
    space = re.compile(r"\s")
    for code in range(sys.maxunicode + 1):
        ch = chr(code)
        assert ch.isspace() == (space.match(ch) is not None), hex(code)
    text = "（一） 予以\u200b公开\ufeff\u3000 1\t2\n\u00a0“3”"
    assert _labels.normalise_uncached(text) == "(一)予以公开123"
    assert _labels.normalise_lines(["a \u3000b", "c\u200bd\x00 e"]) == ["ab", "cd\x00e"]


def test_quote_characters_are_the_quote_class() -> None:
    assert [ch for ch in map(chr, range(0x10000)) if _labels._QUOTES.match(ch)] == sorted(_labels._QUOTE_CHARS)


@given(st.lists(st.sampled_from([*_labels._QUOTE_CHARS, "字", "a", " ", "“一”", "\n"]), max_size=40).map("".join),
       st.integers(1, 600))
def test_quotes_dropped_from_long_texts_as_the_regex_drops_them(piece: str, times: int) -> None:
    text = (piece + "本机关") * times
    assert _labels._without_quotes(text) == _labels._QUOTES.sub("", text)


def test_the_scan_for_characters_to_normalise_also_finds_the_characters_to_fold() -> None:
    """The one scan of a long text finds the characters that are not inert and the inert ones
    :data:`~gov_disclosure._hanzi.HANZI` folds, and no others; none of the normal forms of the
    characters it replaces is one :data:`HANZI` folds (so the text need not be scanned again)."""
    from gov_disclosure._hanzi import HANZI

    pattern = _labels._not_inert_or_folded()
    inert = set(INERT)
    assert [ch for ch in map(chr, range(sys.maxunicode + 1)) if pattern.match(ch)] == \
        [ch for ch in map(chr, range(sys.maxunicode + 1)) if ch not in inert or ord(ch) in HANZI]
    assert not any(ord(c) in HANZI for ch in ALONE for c in unicodedata.normalize("NFKC", ch))


@given(st.lists(st.sampled_from(["規章", "规章", "，", "…", "\u3000", "１２", "e\u0301", "\u2f08", "a b", "\ufffd",
                                 "\U00020000", "ｶ\uff9e", "公開"]), max_size=40),
       st.integers(200, 2000))
def test_a_long_texts_scan_tells_whether_it_holds_a_character_to_fold(pieces: list[str], times: int) -> None:
    text = ("".join(pieces) + "一") * times
    normal, folds = _labels._nfkc_folds(text)
    assert normal == unicodedata.normalize("NFKC", text)
    if folds is not None:
        assert folds == (_labels._FOLDS_HANZI.search(normal) is not None)


@given(st.lists(st.sampled_from(["規", "开", "，", "—", "。", "\U00020000", "\U0002a6d6", "a", "\u2f08", "開", "x\n"]),
                max_size=30), st.integers(1, 400), st.sampled_from([0, 1, 3, 10_000]))
def test_a_long_text_with_few_characters_to_fold_is_folded_as_translate_folds_it(
        pieces: list[str], times: int, filler: int) -> None:
    text = "".join(pieces) * times + "一" * filler
    assert _labels._translated(text) == text.translate(_labels._FOLD)
