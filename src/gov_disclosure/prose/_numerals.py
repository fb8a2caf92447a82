"""Numbers as the prose writes them: ``258``, ``３１１９``, ``3,119``, ``十二``, ``一百零五``, ``两千``, ``1.2万``.

:data:`NUMBER` is the pattern (a regular-expression fragment with no groups of its own) and
:func:`read_number` its reader: the value as an ``int``, or ``None`` when the text is not a
whole number (``2.5``) or not a well-formed Chinese numeral (``一一``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = ["NUMBER", "read_number", "to_halfwidth"]

_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_SMALL_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_CHARS = "".join(_DIGIT) + "".join(_SMALL_UNIT) + "万"

#: A number as printed: Arabic (half- or full-width, optional thousands commas, optional
#: decimals, optional 万) or a Chinese numeral. No capturing groups.
NUMBER = (
    r"(?:[0-9０-９]+(?:,[0-9]{3})*(?:[.．][0-9０-９]+)?\s*万?"
    rf"|[{_CN_CHARS}]+)"
)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")


def to_halfwidth(text: str) -> str:
    """Full-width digits and decimal point as ASCII."""
    return text.translate(_FULLWIDTH)


def _chinese_below_wan(text: str) -> int | None:
    """一百零五 → 105, 十二 → 12, 两千 → 2000; ``None`` for malformed numerals."""
    if not text:
        return None
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for ch in text:
        if ch in _DIGIT:
            if digit is not None and digit != 0:
                return None  # 一一: two digits in a row
            digit = _DIGIT[ch]
        elif ch in _SMALL_UNIT:
            unit = _SMALL_UNIT[ch]
            if unit >= last_unit:
                return None  # 十百, 百百: units must fall
            if digit == 0 or (digit is None and (unit != 10 or total)):
                return None  # 零十; a bare 百 or 千 (十二 is fine, 一百一十 needs its 一)
            total += (1 if digit is None else digit) * unit
            digit = None
            last_unit = unit
        else:
            return None
    if digit is not None:
        total += digit
    return total


def _chinese(text: str) -> int | None:
    if text.count("万") > 1:
        return None
    if "万" in text:
        high, _, low = text.partition("万")
        high_value = _chinese_below_wan(high)
        if high_value is None:
            return None
        low_value = _chinese_below_wan(low) if low else 0
        if low_value is None:
            return None
        return high_value * 10_000 + low_value
    return _chinese_below_wan(text)


def read_number(text: str) -> int | None:
    """The whole number ``text`` writes, else ``None``.

    >>> [read_number(t) for t in ("258", "３１１９", "3,119", "十二", "一百零五", "两千", "1.2万", "2.5")]
    [258, 3119, 3119, 12, 105, 2000, 12000, None]
    """
    raw = to_halfwidth(text.strip())
    if not raw:
        return None
    if raw[0].isdigit():
        scale = 1
        if raw.endswith("万"):
            scale = 10_000
            raw = raw[:-1].strip()
        try:
            value = Decimal(raw.replace(",", "")) * scale
        except InvalidOperation:
            return None
        if value != value.to_integral_value():
            return None
        return int(value)
    return _chinese(raw)
