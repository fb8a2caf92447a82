"""The anchor search's cut-down fold of a long text: the same anchor forms found, the same length counted."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure._hanzi import HANZI
from gov_disclosure.parsers import _anchors
from gov_disclosure.parsers._labels import normalise_uncached

_FORMS = [form for form, _holds in _anchors._search_order()]
_TRADITIONAL = "".join(chr(code) for code, to in HANZI.items() if 0x4E00 <= code <= 0x9FFF)[:400]
_PIECES = st.one_of(
    st.sampled_from(_FORMS),
    st.sampled_from(["予以公開", "（一）", "(二)", "“", "”", "「", "…", "，", "。", "、", "\u3000", "\xa0", " ",
                     "\n", "\t", "\x01", "１２", "３.５", "－", "—", "·", "《", "》"]),
    st.text(alphabet=_TRADITIONAL, min_size=1, max_size=4),
    st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), min_size=1, max_size=6),
    st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x7E), min_size=1, max_size=4),
    st.text(alphabet=st.characters(min_codepoint=0xFF01, max_codepoint=0xFF5E), min_size=1, max_size=3),
)
#: Characters NFKC does not map one by one: combining marks, Hangul jamo, compatibility forms,
#: the replacement character, anything at all.
_JOINING = st.one_of(
    st.sampled_from(["e\u0301", "\u0301", "\u0327", "\u3099", "\u309a", "\uff9e", "ｶ", "\u1100", "\u1161",
                     "\u11a8", "\uac00", "\u3131", "\u2460", "\u3392", "\ufb01", "\u2f08", "\u2ea0", "\ufffd",
                     "\u0958", "\u0915\u093c", "\U0001d400", "\u212b", "\u00c5"]),
    st.characters(),
)


@pytest.fixture
def cut_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_anchors, "_CUT_FROM", 0)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60).map("".join))
def test_cut_fold_finds_the_forms_the_whole_fold_finds(text: str) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_CUT_FROM", 0)
        folded, chars = _anchors._fold_for_forms(text + "開")  # a character to fold: the cut applies
    whole = normalise_uncached(text + "開")
    assert chars == len(whole)
    assert [f for f in _FORMS if f in folded] == [f for f in _FORMS if f in whole]


def test_a_long_traditional_text_is_cut_and_reads_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(14)
    words = ["予以公開", "部分公開", "不予公開", "行政復議", "規章", "收到申請"]
    text = "".join(rng.choice(words) if rng.random() < 0.01 else chr(rng.randrange(0x4E00, 0x9FA5))
                   for _ in range(100_000))
    folded, chars = _anchors._fold_for_forms(text)
    whole = normalise_uncached(text)
    assert len(folded) < len(whole) // 2  # cut down
    assert chars == len(whole)
    assert {f for f in _FORMS if f in folded} == {f for f in _FORMS if f in whole}
    cut = _anchors.find_anchors(text.splitlines() or [text])
    monkeypatch.setattr(_anchors, "_CUT_FROM", 10**9)
    assert cut == _anchors.find_anchors(text.splitlines() or [text])
    assert cut.tables  # the words above are found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _JOINING), max_size=60).map("".join))
def test_cut_fold_of_any_text_finds_what_the_whole_fold_finds(text: str) -> None:
    """Characters that join with the one before them (a combining accent after a letter that
    would be cut, a Hangul vowel after a leading consonant) keep what they join with."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_CUT_FROM", 0)
        folded, chars = _anchors._fold_for_forms(text + "\u0301")  # NFKC does not map it alone: cut
    whole = normalise_uncached(text + "\u0301")
    assert chars == len(whole)
    assert [f for f in _FORMS if f in folded] == [f for f in _FORMS if f in whole]


def test_a_letter_before_a_combining_accent_is_kept(cut_always: None) -> None:
    text = "予以公開e\u0301" * 10  # "e" joins with the accent: it stays
    folded, chars = _anchors._fold_for_forms(text)
    assert folded == normalise_uncached(text)
    assert chars == len(folded)


def test_random_bytes_are_cut_and_read_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(7)
    data = bytes(rng.randrange(256) for _ in range(200_000)) + "予以公开部分公開行政复议".encode()
    text = data.decode("utf-8", errors="replace")
    folded, chars = _anchors._fold_for_forms(text)
    whole = normalise_uncached(text)
    assert len(folded) < len(whole) // 2  # cut down
    assert chars == len(whole)
    assert {f for f in _FORMS if f in folded} == {f for f in _FORMS if f in whole}
    cut = _anchors.find_anchors([text])
    monkeypatch.setattr(_anchors, "_CUT_FROM", 10**9)
    assert cut == _anchors.find_anchors([text])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _JOINING), max_size=60).map("".join), st.integers(1, 50))
def test_distinct_runs_find_the_forms_the_folded_text_holds(text: str, times: int) -> None:
    folded = normalise_uncached(text * times)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_DISTINCT_FROM", 0)
        runs = _anchors.distinct_runs(folded)
    assert [f for f in _FORMS if f in runs] == [f for f in _FORMS if f in folded]


def test_a_repeating_text_is_searched_in_its_distinct_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = ["一、总体情况 本机关2023年度……。", "（一）予以公开 12", "三、收到和处理政府信息公开申请情况",
             "今天天气很好。"]
    text = "\n".join(lines[i % 4] + str(i % 7) for i in range(40_000))
    runs = _anchors.distinct_runs(normalise_uncached(text))
    assert len(runs) < 1000
    found = _anchors.find_anchors(text.splitlines())
    monkeypatch.setattr(_anchors, "_DISTINCT_FROM", 10**9)
    assert found == _anchors.find_anchors(text.splitlines())
    assert found.tables


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _JOINING), max_size=60).map("".join), st.integers(1, 50))
def test_long_text_search_finds_the_forms_each_search_finds(text: str, times: int) -> None:
    """The long text's search (a form with a character the text lacks is absent) finds each form
    a search of its own finds."""
    folded = normalise_uncached(text * times)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_DISTINCT_FROM", 0)
        printed = _anchors._printed_forms(folded)
    assert printed == {f for f in _FORMS if f in folded}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, _JOINING), max_size=60).map("".join), st.integers(1, 50),
       st.sampled_from([0, 1, 3]))
def test_long_text_search_turns_to_the_distinct_runs_and_finds_the_same_forms(text: str, times: int,
                                                                             whole: int) -> None:
    """After ``whole`` forms looked for in the whole text, the rest are looked for in its distinct
    runs: each form a search of its own finds is found."""
    folded = normalise_uncached(text * times)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_anchors, "_DISTINCT_FROM", 0)
        patch.setattr(_anchors, "_WHOLE_SEARCHES", whole)
        printed = _anchors._printed_forms(folded)
    assert printed == {f for f in _FORMS if f in folded}


def test_section_three_rows_with_distinct_figures_are_found(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    rows = ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "（一）予以公开", "本年新收政府信息公开申请数量"]
    text = "".join(f"{rng.choice(rows)}{rng.randrange(10 ** 7)}" for _ in range(20_000))
    found = _anchors.find_anchors([text])
    monkeypatch.setattr(_anchors, "_DISTINCT_FROM", 10**9)
    assert found == _anchors.find_anchors([text])
    assert found.tables
