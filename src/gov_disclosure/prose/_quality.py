"""Measures of the prose's quality: an empty section 五, and prose copied from another report.

:func:`copied_fraction` is bounded: it hashes fixed-length character shingles (digits masked,
so a year or a count changed in copied text still counts as copied), which is linear in the
length of the two texts — a few milliseconds on 20 kB reports.
"""

from __future__ import annotations

import re

from .._hanzi import fold_hanzi
from ..model import AnnualReport
from ._claims import _compact

__all__ = ["SHINGLE", "copied_fraction", "is_empty_section", "report_prose"]

#: The shingle length, in characters of compacted text. Sixteen Chinese characters is more
#: than any stock phrase of these reports (中华人民共和国政府信息公开条例 is fifteen) shares by chance.
SHINGLE = 16

_DIGITS = re.compile(r"[0-9０-９]+(?:[.．][0-9０-９]+)?")
_PUNCT = r"[\s。.,，;；:：、!！()（）\-—/]*"
_EMPTY = re.compile(rf"^{_PUNCT}(?:无|暂无|没有|无此情况|无相关情况|本年度无|无其他需要报告的事项)?{_PUNCT}$")


def is_empty_section(text: str | None) -> bool:
    """True when ``text`` is empty or says only 无 (暂无, 没有 …), punctuation aside."""
    return text is None or bool(_EMPTY.match(fold_hanzi(text)))


def report_prose(report: AnnualReport) -> str:
    """The report's own prose — sections 一, 五, 六 and any extra section (not the stock preamble)."""
    parts = [getattr(report, key).text for key in ("overview", "problems", "other_matters") if getattr(report, key)]
    parts.extend(extra.text for extra in report.extra_sections)
    return "\n".join(p for p in parts if p)


def _normalise(text: str) -> str:
    compact, _ = _compact(text)
    return _DIGITS.sub("#", compact)


def _shingles(text: str) -> set[int]:
    return {hash(text[i : i + SHINGLE]) for i in range(len(text) - SHINGLE + 1)}


def copied_fraction(a: str, b: str) -> float:
    """The fraction (0.0–1.0) of text ``a`` that also stands, word for word, in text ``b``.

    Whitespace is ignored and digits are masked (a copied sentence with a new year or count is
    still copied). A character of ``a`` counts as copied when it lies in a run of at least
    :data:`SHINGLE` characters that ``b`` also contains. A text shorter than one shingle
    shares nothing. Linear in ``len(a) + len(b)``.

    >>> copied_fraction("2022年，本机关认真贯彻落实《条例》要求，扎实推进政务公开工作。",
    ...                 "2023年，本机关认真贯彻落实《条例》要求，扎实推进政务公开工作。")
    1.0
    >>> copied_fraction("一二三四五六七八九十", "一二三四五六七八九十")
    0.0
    """
    na, nb = _normalise(a), _normalise(b)
    if len(na) < SHINGLE or len(nb) < SHINGLE:
        return 0.0
    theirs = _shingles(nb)
    covered = 0
    reach = 0  # the first position not yet covered by a shared shingle
    for i in range(len(na) - SHINGLE + 1):
        if hash(na[i : i + SHINGLE]) in theirs:
            covered += i + SHINGLE - max(i, reach)
            reach = i + SHINGLE
    return covered / len(na)
