"""Folding of Chinese characters for matching: traditional → simplified, radical glyphs → ideographs.

A leaf module (it imports nothing of the library) so that every layer that matches printed
words — the parsers' labels, headings, units and metadata; the prose rules' keywords — folds
with the same table. Each character folds to one character, so offsets into folded text are
offsets into the printed text.
"""

from __future__ import annotations

import re
import unicodedata

from ._hanzi_table import SIMPLIFIED, TRADITIONAL

__all__ = ["HANZI", "fold_hanzi", "fold_radicals", "folds_any"]

# Some PDF producers map CJK glyphs to the radical blocks (⼈ U+2F08, ⺠ U+2EA0) instead of the
# unified ideographs. NFKC folds the Kangxi radicals; the CJK Radicals Supplement needs a table.
_RADICALS = str.maketrans(
    "⺁⺇⺌⺍⺕⺟⺠⺡⺢⺣⺤⺥⺦⺨⺩⺫⺬⺭⺮⺯⺰⺶⺷⺸⺺⺻⺼⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻊⻋⻌⻍⻎⻏⻐⻑⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻞⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰⻳",
    "厂几小小彐母民氵水灬爫爫丬犭王目示礻竹糸纟羊羊羊肀聿月艹艹艹虎衤覀西见角讠贝足车辶辶辶阝钅長长门阝雨青韦页风飞食食食饣马骨鬼鱼鸟卤麦黄黾齐齿龙龟",
)


def fold_radicals(text: str) -> str:
    """Radical-block characters that stand for ideographs folded to the ideographs (``⼈⺠`` → ``人民``).

    >>> fold_radicals("中⼭市⼈⺠政府")
    '中山市人民政府'
    """
    if not any("\u2e80" <= c <= "\u2fdf" for c in text):
        return text
    return "".join(unicodedata.normalize("NFKC", c) if "\u2f00" <= c <= "\u2fdf" else c for c in text).translate(
        _RADICALS
    )


def _hanzi_table() -> dict[int, str]:
    """One ``str.translate`` table: traditional characters (OpenCC's data, :mod:`._hanzi_table`) and
    radical-block glyphs, each to the simplified ideograph it stands for; full-width digits
    (``２０１８年``, typed with a Chinese input method) to ASCII digits."""
    table = {ord(c): s for c, s in zip(TRADITIONAL, SIMPLIFIED, strict=True)}
    table.update({0xFF10 + n: str(n) for n in range(10)})
    for code in range(0x2E80, 0x2FE0):
        glyph = chr(code)
        ideograph = fold_radicals(glyph)
        if ideograph != glyph and len(ideograph) == 1:
            table[code] = table.get(ord(ideograph), ideograph)
    return table


HANZI = _hanzi_table()
"""The ``str.translate`` table of :func:`fold_hanzi` (built once, at import)."""



def folds_any(table: dict[int, str]) -> re.Pattern[str]:
    """Whether a text holds a character that ``table`` folds: one character class of the basic
    plane (``re`` tests it with a bitmap, many times faster than ``str.translate`` looks up each
    character), or any character beyond it (rare in text; ``translate`` then decides)."""
    basic = "".join(chr(code) for code in sorted(table) if code < 0x10000)
    return re.compile(f"[{re.escape(basic)}]|[\U00010000-\U0010FFFF]")


_FOLDS_ANY = folds_any(HANZI)
"""Whether a text holds a character :data:`HANZI` folds: a text with none is left as it is (the
bitmap test is several times cheaper than a set lookup per character, and that than
``str.translate``'s dict lookups)."""


def fold_hanzi(text: str) -> str:
    """Traditional characters and radical-block glyphs folded to simplified ideographs (and
    full-width digits to ASCII ones), one character for one (offsets into the text stay valid).

    Every character that OpenCC's traditional → simplified conversions (``t2s``, ``hk2s``,
    ``tw2s``) map folds, from a table generated from OpenCC's character data
    (``tools/make_hanzi_table.py``); what matches labels, headings, units and metadata reads
    the folded text, while prose keeps the characters as printed.

    >>> fold_hanzi("四、結轉下年度繼續辦理 71.19萬元 ⼈⺠ ２０１８年")
    '四、结转下年度继续办理 71.19万元 人民 2018年'
    """
    if text.isascii() or _FOLDS_ANY.search(text) is None:  # nothing to fold (most text is simplified)
        return text
    return text.translate(HANZI)

