"""Text made of the form's own pieces in any order — labels, headings, numbers, pipes, rules,
empty cells' spaces, page numbers — never makes the text parser fail with anything but a
``ParseError``, and whatever it reads can be checked and said in both languages."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import GovDisclosureError, check
from gov_disclosure.model import EDITIONS, Edition
from gov_disclosure.parsers._text import parse_text

_LABELS = sorted({row.label for e in (Edition.V2019, Edition.V2021) for t in EDITIONS[e].tables for row in t.rows}
                 | {s.heading for e in (Edition.V2019, Edition.V2021) for s in EDITIONS[e].sections})
_PIECES = st.one_of(
    st.sampled_from(_LABELS),
    st.sampled_from(["|", " | ", "---", "|---|---|", "\u00a0", "\u3000", "", "—", "/", "无", "元", "万元", "小计",
                     "总计", "1,036", "3.5", "-3-", "第2页", "２０１８"]),
    st.integers(0, 10**7).map(str),
)
_SEPARATORS = st.sampled_from(["\n", " ", "", "|", "\t", " | "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_PIECES, _SEPARATORS), min_size=3, max_size=120))
def test_the_forms_pieces_in_any_order_never_break_the_parser(pieces: list[tuple[str, str]]) -> None:
    text = "".join(piece + separator for piece, separator in pieces)
    try:
        result = parse_text(text)
    except GovDisclosureError:
        return
    check(result)
    for problem in result.problems:
        assert problem.message("zh")
        assert problem.message("en")
