"""The claim keywords' regex skips to the characters a keyword can start with: that set must
hold the first character of every keyword pattern (derived here from the patterns themselves)."""

from __future__ import annotations

import re
from typing import Any

from gov_disclosure.prose._claims import _KEYWORD_RE, _KEYWORD_STARTS, _KEYWORDS

_parser: Any = getattr(re, "_parser", None)
if _parser is None:  # Python 3.10
    import sre_parse as _parser
_c: Any = getattr(re, "_constants", None) or _parser


def _first(items: Any) -> tuple[set[str], bool]:
    """The characters a parsed pattern can start with, and whether it can match nothing."""
    out: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            return out | {chr(av)}, False
        if op is _c.IN:
            assert all(o is _c.LITERAL for o, _a in av), "a character class of literals"
            return out | {chr(a) for _o, a in av}, False
        if op is _c.BRANCH:
            firsts = [_first(alt) for alt in av[1]]
            out |= {ch for chars, _empty in firsts for ch in chars}
            if not any(empty for _chars, empty in firsts):
                return out, False
        elif op is _c.SUBPATTERN:
            chars, empty = _first(av[-1])
            out |= chars
            if not empty:
                return out, False
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, _high, sub = av
            chars, empty = _first(sub)
            out |= chars
            if low > 0 and not empty:
                return out, False
        elif op not in (_c.ASSERT, _c.ASSERT_NOT):  # lookarounds take up no character
            raise AssertionError(f"cannot tell the first characters of {op}")
    return out, True


def test_every_keyword_starts_with_a_listed_character() -> None:
    starts: set[str] = set()
    for keyword in _KEYWORDS:
        chars, empty = _first(_parser.parse(keyword.pattern))
        assert not empty, keyword.pattern
        starts |= chars
    assert starts == set(_KEYWORD_STARTS)


def test_the_skip_finds_what_the_alternatives_find() -> None:
    sentence = "本年度新收政府信息公开申请12件，上年结转2件，予以公开5件，部分公开3件，行政复议1件，制发规范性文件4件。"
    plain = re.compile("|".join(f"(?P<k{i}>{kw.pattern})" for i, kw in enumerate(_KEYWORDS)))
    assert [(m.span(), m.lastgroup) for m in _KEYWORD_RE.finditer(sentence)] == \
        [(m.span(), m.lastgroup) for m in plain.finditer(sentence)]
    assert len(list(_KEYWORD_RE.finditer(sentence))) >= 6
