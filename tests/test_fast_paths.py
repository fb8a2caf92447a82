"""The parsers' fast paths give what the slow paths they stand in for give.

Each shortcut taken for speed (a test before a ``str.translate``, a table of anchor forms
built once, dictionaries of exact label forms built once per edition) is checked here against
the plain computation it replaces, over the edition's own labels and random text.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure._hanzi import HANZI, fold_hanzi
from gov_disclosure.parsers import _labels
from gov_disclosure.parsers._anchors import _containers, find_anchors, outermost, table_anchor_forms

# Characters the folding tables touch, mixed with plain Chinese, ASCII and the rest of Unicode.
_FOLDED = st.sampled_from(sorted(chr(code) for code in HANZI))
_PUNCT = st.sampled_from(sorted(chr(code) for code in _labels._PUNCT))
_ANY = st.one_of(_FOLDED, _PUNCT, st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
                 st.characters(max_codepoint=0x7F), st.characters())
TEXT = st.lists(_ANY, max_size=60).map("".join)


@given(TEXT)
def test_fold_hanzi_is_the_translate_table(text: str) -> None:
    assert fold_hanzi(text) == text.translate(HANZI)


def _normalise_slowly(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_labels._FOLD)
    return _labels._QUOTES.sub("", _labels._SPACE.sub("", text))


@given(TEXT)
def test_normalise_is_one_translate_pass(text: str) -> None:
    assert _labels.normalise.__wrapped__(text) == _normalise_slowly(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", ["（一）予以 公開", "三、收到和處理政府信息公開申請情況。", "—— 1，2：3；4／5－6–7",
                                  "結轉下年度繼續辦理", "𠀀中", ""])
def test_normalise_examples(text: str) -> None:
    assert _labels.normalise.__wrapped__(text) == _normalise_slowly(text)  # type: ignore[attr-defined]


@pytest.mark.parametrize("table", sorted(table_anchor_forms()))
def test_containers_are_the_forms_holding_each_form(table: str) -> None:
    forms = table_anchor_forms()[table]
    containers = _containers()[table]
    assert set(containers) == set(forms)
    for form in forms:
        assert containers[form] == {other for other in forms if other != form and form in other}


_FORMS = st.sampled_from(sorted({f for forms in table_anchor_forms().values() for f in forms}))


@given(st.lists(st.one_of(_FORMS, TEXT), max_size=12))
def test_find_anchors_keeps_the_outermost_forms(pieces: list[str]) -> None:
    """The anchors found are :func:`outermost` of every form the folded text holds."""
    folded = _labels.normalise.__wrapped__("\n".join(pieces))  # type: ignore[attr-defined]
    expected = {key: outermost(f for f in forms if f in folded) for key, forms in table_anchor_forms().items()}
    assert dict(find_anchors(pieces).tables) == {key: forms for key, forms in expected.items() if forms}
