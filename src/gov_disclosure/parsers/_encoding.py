"""Decoding the bytes of an HTML page to text, the way Chinese government portals need it.

Order: a byte-order mark, then the page's own declaration (``<meta charset>`` or
``<meta http-equiv="Content-Type" content="…; charset=…">``), then UTF-8, then GB18030.
A declaration of GB2312 or GBK is always read as GB18030 (its superset: pages declared
GB2312 routinely carry GBK characters). A Western single-byte declaration (latin-1,
windows-1252, ASCII) on a page whose bytes are valid UTF-8 or GB18030 is not believed: it is
what editors and crawlers write by default, and believing it produces mojibake.

The caller gets text, never bytes, so lxml never guesses an encoding on its own.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from functools import lru_cache

import attrs

Note = tuple[str, Mapping[str, object]]
"""A problem to report about the decoding: its message id and arguments."""

__all__ = ["Decoded", "declared_encoding", "decode_html"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Only the head of the page is searched, as browsers do (the HTML standard prescans 1024
# bytes; portal pages put long <script> blocks first, so look further).
_PRESCAN = 8192
_META = re.compile(rb"<meta\b[^>]*>", re.IGNORECASE)
_CHARSET_ATTR = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{2,40})""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:+-]{2,40})["']""", re.IGNORECASE)

# The Chinese legacy encodings all decode as GB18030, their superset.
_GB_FAMILY = frozenset({"gb2312", "gbk", "gb18030", "cp936", "ms936", "x-gbk", "csgb2312", "euc-cn", "hz-gb-2312"})
# Declarations that are defaults, not statements about the bytes.
_UNTRUSTED = frozenset({"latin-1", "latin1", "iso-8859-1", "iso8859-1", "windows-1252", "cp1252", "ascii",
                        "us-ascii", "iso-8859-15"})


@attrs.frozen
class Decoded:
    """Text decoded from bytes, how it was decoded, and what was odd about it.

    ``encoding`` is the Python codec name used; ``declared`` the page's own declaration
    (``None`` when it has none); ``lossy`` is true when undecodable bytes were replaced
    (U+FFFD); ``notes`` says what differed from the declaration: each is the message id of an
    ``HTML.ENCODING`` problem and its arguments (``("HTML.ENCODING#unknown", {"declared": "x"})``).
    """

    text: str
    encoding: str
    declared: str | None = None
    lossy: bool = False
    notes: tuple[Note, ...] = ()


@lru_cache(maxsize=256)
def _canonical(name: str) -> str | None:
    """The Python codec for a declared charset name (GB family → gb18030), ``None`` if unknown."""
    label = name.strip().strip("\"'").lower()
    if label.replace("_", "-") in _GB_FAMILY or label in _GB_FAMILY:
        return "gb18030"
    try:
        codec = codecs.lookup(label)
    except LookupError:
        return None
    if codec.name in ("gbk", "gb2312", "gb18030", "hz"):
        return "gb18030"
    return codec.name


@lru_cache(maxsize=1)
def _untrusted_codecs() -> frozenset[str | None]:
    """The codecs of the :data:`_UNTRUSTED` declarations (looked up once)."""
    return frozenset(_canonical(name) for name in _UNTRUSTED)


def declared_encoding(data: bytes) -> str | None:
    """The charset the page declares in its first bytes (as written, lower case), or ``None``.

    >>> declared_encoding(b'<meta http-equiv="Content-Type" content="text/html; charset=GB2312">')
    'gb2312'
    """
    head = data[:_PRESCAN]
    xml = _XML_DECL.match(head)
    if xml:
        return xml.group(1).decode("ascii").lower()
    for meta in _META.finditer(head):
        found = _CHARSET_ATTR.search(meta.group(0))
        if found:
            return found.group(1).decode("ascii").lower()
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_html(data: bytes) -> Decoded:
    """Decode the bytes of a page (see the module docstring for the order of evidence).

    >>> decode_html("<p>总计</p>".encode("gbk")).encoding
    'gb18030'
    >>> decode_html("<p>总计</p>".encode("utf-8")).encoding
    'utf-8'
    """
    for bom, bom_codec in _BOMS:
        if data.startswith(bom):
            body = _strict(data[len(bom):], bom_codec)
            if body is not None:
                return Decoded(body, bom_codec, bom_codec)
            return Decoded(data[len(bom):].decode(bom_codec, errors="replace"), bom_codec, bom_codec, lossy=True,
                           notes=(("HTML.ENCODING#bom", {"codec": bom_codec}),))
    declared = declared_encoding(data)
    notes: list[Note] = []
    if declared is not None:
        declared_codec = _canonical(declared)
        if declared_codec is None:
            notes.append(("HTML.ENCODING#unknown", {"declared": declared}))
        elif declared_codec in ("utf-16-le", "utf-16-be", "utf-16", "utf-32", "utf-32-le", "utf-32-be"):
            # A meta tag readable as ASCII cannot be in UTF-16/32; the declaration is wrong.
            notes.append(("HTML.ENCODING#single_byte", {"declared": declared}))
        elif declared_codec in _untrusted_codecs() and not data.isascii():
            notes.append(("HTML.ENCODING#latin1", {"declared": declared}))
        else:
            text = _strict(data, declared_codec)
            if text is not None:
                return Decoded(text, declared_codec, declared)
            notes.append(("HTML.ENCODING#invalid", {"declared": declared, "codec": declared_codec}))
    for codec in ("utf-8", "gb18030"):
        text = _strict(data, codec)
        if text is not None:
            return Decoded(text, codec, declared, notes=tuple(notes))
    # Neither decodes cleanly (a truncated or damaged page). GB18030 maps almost any byte pair
    # to some character, so it "loses" little even on UTF-8 bytes: prefer UTF-8 when most of
    # its non-ASCII characters came through.
    text = data.decode("utf-8", errors="replace")
    lost = text.count("\ufffd")
    wide = len(text) - len(text.encode("ascii", "ignore")) - lost  # the non-ASCII characters, counted in C
    codec = "utf-8"
    if lost * 5 > wide:
        codec = "gb18030"
        text = data.decode(codec, errors="replace")
    notes.append(("HTML.ENCODING#replaced", {"codec": codec}))
    return Decoded(text, codec, declared, lossy=True, notes=tuple(notes))
