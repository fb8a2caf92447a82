"""Reading one printed cell: a number (with its unit), a blank, a placeholder, or unreadable."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from .._hanzi import HANZI
from ..model import PLACEHOLDER_TEXTS, CellValue, ColumnKind, Placeholder, Unreadable

__all__ = ["parse_cell"]

_BLANK = re.compile(r"^[\s\u00a0\u3000\u200b\ufeff]*$")
_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\ufeff]+")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))")
_NUMBER = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|元|件|个|项|条|次|宗|人次)?$")
_TEN_THOUSAND = Decimal(10000)


def parse_cell(raw: str, kind: ColumnKind) -> tuple[CellValue, bool]:
    """Read the printed text of a cell of a column of ``kind``.

    Returns ``(value, clean)``: ``clean`` is ``False`` when the text was not a plain number
    and the parser should keep it in provenance or report it (units, separators, signs,
    placeholders, unreadable text). Money in ``元`` is converted to 万元.

    >>> parse_cell("71.19万元", ColumnKind.MONEY)
    (Decimal('71.19'), False)
    >>> parse_cell("71.19萬元", ColumnKind.MONEY)
    (Decimal('71.19'), False)
    >>> parse_cell(" ", ColumnKind.COUNT)
    (None, True)
    """
    if raw.isdigit() and raw.isascii():  # the common case: plain digits, nothing to fold
        return (Decimal(raw) if kind is ColumnKind.MONEY else int(raw)), True
    if not raw or _BLANK.match(raw):
        return None, True
    text = _SPACES.sub("", unicodedata.normalize("NFKC", raw)).translate(HANZI)  # 萬元 is 万元
    if text in PLACEHOLDER_TEXTS or raw.strip() in PLACEHOLDER_TEXTS:
        return Placeholder(raw.strip()), False
    text = _THOUSANDS.sub("", text)
    match = _NUMBER.match(text)
    if match is None:
        return Unreadable(raw.strip()), False
    sign, digits, unit = match.groups()
    clean = raw.strip() == digits
    if kind is ColumnKind.MONEY:
        try:
            amount = Decimal(digits)
        except InvalidOperation:  # pragma: no cover - the regex admits only valid decimals
            return Unreadable(raw.strip()), False
        if unit == "元":
            amount = amount / _TEN_THOUSAND
        elif unit not in (None, "万元"):
            return Unreadable(raw.strip()), False
        return (-amount if sign == "-" else amount), clean
    if "." in digits or unit in ("万元", "元"):
        return Unreadable(raw.strip()), False
    value = int(digits)
    return (-value if sign == "-" else value), clean
