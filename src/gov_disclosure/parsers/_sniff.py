"""What a source is: from its bytes first (magic numbers, then whether they are text), then its name.

:func:`sniff_source` names the parser that reads a source (``pdf``, ``docx``, ``json``,
``html``, ``markdown``, ``text``), or says what the source is when no parser does: an image or a
scan (``png``, ``jpeg``, ``gif``, ``tiff``, ``bmp``, ``webp``: the report needs OCR), an old or
other office format (``doc``, ``wps``, ``xls``, ``ppt``, ``ole2``, ``rtf``, ``xlsx``, ``pptx``,
``odt``, ``ods``, ``ofd``, ``epub``; save it as ``.docx`` or PDF), an archive (``zip``,
``gzip``, ``rar``, ``7z``), other binary data (``binary``), or bytes that are no text in UTF-8
nor GB18030 (``undecodable``). :meth:`Sniffed.refuse` raises the ``ParseError`` for those:
``SOURCE.UNSUPPORTED`` naming the format, or ``SOURCE.UNDECODABLE``.

The bytes decide before the name: a page saved as ``.doc`` that holds HTML is read as HTML, a
``.txt`` that holds a PNG is an image. The name only decides between the text formats (``.md``,
``.json``, ``.html``), for a PDF whose header is damaged, and for an archive whose entries are
past the bytes given.

Text is text without damage: UTF-8 (a byte-order mark dropped), GB18030 (which GB2312 and GBK
are subsets of), UTF-16/UTF-32 with a byte-order mark, or an HTML page in the charset it
declares. A cut last character (a download stopped short) is the one damage tolerated; the
parser then says so in a problem.

:func:`is_report_source` asks the same from the first :data:`SNIFF_BYTES` bytes of a file
alone, cheaply, for a folder walk to skip what is not a report source (images, archives,
spreadsheets …) without parsing it. A text file it accepts may still be refused by the
parser as ``<FORMAT>.NOT_A_REPORT``.
"""

from __future__ import annotations

import codecs
import re
from typing import NoReturn

import attrs

from .._errors import ParseError
from .._i18n import Lang, phrase
from ._encoding import Decoded, decode_html

__all__ = [
    "READABLE",
    "SNIFF_BYTES",
    "Sniffed",
    "Told",
    "decode_text",
    "is_report_source",
    "looks_like_url",
    "sniff_source",
    "tell_source",
]

#: How many leading bytes :func:`is_report_source` needs (more are ignored).
SNIFF_BYTES = 8192
#: The formats a parser reads.
READABLE = frozenset({"pdf", "docx", "json", "html", "markdown", "text"})

# Where an archive lists its entries: local headers at the start, the central directory at the end.
_ZIP_TAIL = 1 << 16
_MAX_CUT = 3  # bytes of one character cut off at the end (UTF-8: at most 3; GB18030: at most 3)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_MARKS = tuple(mark for mark, _codec in _BOMS)

# (leading bytes, format); what each format is and what to do are in the catalogue (_i18n.py)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x1f\x8b", "gzip"),
    (b"Rar!\x1a\x07", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"{\\rtf", "rtf"),
)
_MAGIC_PREFIXES = tuple(magic for magic, _fmt in _MAGIC)
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Entries (or the mimetype entry's content) that say what a zip package is; the first found wins.
_ZIP_MARKERS: tuple[tuple[bytes, str], ...] = (
    (b"word/document", "docx"),
    (b"xl/workbook", "xlsx"),
    (b"ppt/presentation", "pptx"),
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "odt"),
    (b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "ods"),
    (b"mimetypeapplication/epub+zip", "epub"),
    (b"OFD.xml", "ofd"),
)
_ZIP_SUFFIXES = {"docx": "docx", "xlsx": "xlsx", "pptx": "pptx", "odt": "odt", "ods": "ods", "ofd": "ofd",
                 "epub": "epub"}

# Stream names in an OLE2 compound file's directory (UTF-16LE), and suffixes that say the same.
_OLE2_STREAMS: tuple[tuple[str, str], ...] = (
    ("EncryptedPackage", "encrypted"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("PowerPoint Document", "ppt"),
    ("Book", "xls"),
)
_OLE2_SUFFIXES = {"wps": "wps", "doc": "doc", "dot": "doc", "xls": "xls", "et": "xls", "ppt": "ppt", "dps": "ppt"}

_HTML_TAGS = ("<html", "<!doctype", "<table", "<div", "<p>", "<p ", "<body", "<meta", "<?xml")
_HTML_SUFFIXES = frozenset({"html", "htm", "shtml", "xhtml"})


@attrs.frozen
class Sniffed:
    """What a source is.

    ``format`` is the parser that reads it (one of :data:`READABLE`) or, when none does, what
    it is (``png``, ``xlsx``, ``doc``, ``zip``, ``binary``, ``undecodable`` …); :meth:`what_in`
    says it in words (empty for a readable format) and :meth:`advice_in` what to do instead,
    from the message catalogue (``format.<format>``, ``advice.<format>``).
    """

    format: str

    @property
    def readable(self) -> bool:
        """Whether a parser of this library reads the source."""
        return self.format in READABLE

    def what_in(self, lang: Lang = "zh") -> str:
        """What the source is, in words (``""`` for a readable format)."""
        return "" if self.readable else phrase(f"format.{self.format}").text(lang)

    def advice_in(self, lang: Lang = "zh") -> str:
        """What to do with a source no parser reads (``""`` for a readable format)."""
        return "" if self.readable else phrase(f"advice.{self.format}").text(lang)

    @property
    def what(self) -> str:
        """What the source is, in English (:meth:`what_in` for Chinese)."""
        return self.what_in("en")

    @property
    def advice(self) -> str:
        """What to do with the source, in English (:meth:`advice_in` for Chinese)."""
        return self.advice_in("en")

    def refuse(self) -> NoReturn:
        """Raise the ``ParseError`` that says why the source is not read.

        >>> try:
        ...     sniff_source(b"\\x89PNG\\r\\n\\x1a\\n...").refuse()
        ... except ParseError as exc:
        ...     print(exc.code, "OCR" in exc.message("en"))
        SOURCE.UNSUPPORTED True
        """
        code = "SOURCE.UNDECODABLE" if self.format == "undecodable" else "SOURCE.UNSUPPORTED"
        raise ParseError(code, {"what": phrase(f"format.{self.format}"), "advice": phrase(f"advice.{self.format}")})


def _suffix(name: str | None) -> str:
    if not name or "." not in name:
        return ""
    return name.rsplit(".", 1)[-1].lower()


def decode_text(data: bytes) -> tuple[str, str, int] | None:
    """``(text, codec, cut)``: the bytes as text without damage, or ``None``.

    In order: a byte-order mark (UTF-8, UTF-16, UTF-32), strict UTF-8, strict GB18030. ``cut``
    counts the bytes of a last character cut off (a file stopped short), dropped.

    >>> decode_text("总计".encode("gbk"))
    ('总计', 'gb18030', 0)
    >>> decode_text("总计".encode("utf-8")[:-1])
    ('总', 'utf-8', 2)
    >>> decode_text(bytes(range(128, 256))) is None
    True
    """
    codecs_to_try: tuple[str, ...] = ("utf-8", "gb18030")
    body = data
    for bom, codec in _BOMS:
        if data.startswith(bom):
            codecs_to_try, body = (codec,), data[len(bom):]
            break
    for codec in codecs_to_try:
        try:
            return body.decode(codec), codec, 0
        except UnicodeDecodeError as exc:
            if exc.start < len(body) - _MAX_CUT:
                continue  # damage before the end: no cut mends it
        for cut in range(1, min(_MAX_CUT, len(body)) + 1):
            try:
                return body[: len(body) - cut].decode(codec), codec, cut
            except UnicodeDecodeError:
                continue
    return None


def _html_clean(data: bytes) -> tuple[bool, Decoded]:
    """Whether the page decodes without damage in its declared charset (or UTF-8 / GB18030), or a
    cut last character aside; and the page decoded whole (:func:`decode_html`)."""
    page = decode_html(data)
    if not page.lossy:
        return True, page
    return any(not decode_html(data[: len(data) - cut]).lossy for cut in range(1, min(_MAX_CUT, len(data)) + 1)), page


def _zip(data: bytes, name: str | None, whole: bool) -> Sniffed:
    where = data[:SNIFF_BYTES] + (data[-_ZIP_TAIL:] if whole else b"")
    for marker, fmt in _ZIP_MARKERS:
        if marker in where:
            return Sniffed(fmt)
    fmt = _ZIP_SUFFIXES.get(_suffix(name), "")
    if fmt == "docx":
        return Sniffed("docx")  # the entries are past the bytes given: the Word reader decides
    return Sniffed(fmt or "zip")


def _ole2(data: bytes, name: str | None) -> Sniffed:
    fmt = _OLE2_SUFFIXES.get(_suffix(name), "")
    for stream, kind in _OLE2_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in data:
            fmt = kind if kind == "encrypted" or not fmt else fmt
            break
    fmt = fmt or "ole2"
    return Sniffed(fmt)


def _binary(data: bytes, name: str | None, whole: bool) -> Sniffed | None:
    """What binary format the leading bytes name, or ``None`` (no magic number: maybe text)."""
    head = data[:SNIFF_BYTES]
    if head.startswith(_MAGIC_PREFIXES):  # one look for all of them: most sources have none
        for magic, fmt in _MAGIC:
            if head.startswith(magic):
                return Sniffed(fmt)
    if head.startswith(b"BM") and len(head) >= 10 and head[6:10] == b"\x00\x00\x00\x00":
        return Sniffed("bmp")
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return Sniffed("webp")
    if head.startswith(_OLE2):
        return _ole2(data, name)
    if head.startswith(_ZIP):
        return _zip(data, name, whole)
    if b"%PDF-" in head[:1024]:
        return Sniffed("pdf")  # readers accept the header anywhere in the first 1024 bytes
    return None


def _text_format(text: str, name: str | None, *, markdown: bool = True) -> str:
    """Which text format: ``pdf``, ``json``, ``html``, ``markdown`` or ``text`` (with ``markdown``
    false, a text without a Markdown suffix is ``text``: both are read, by the same parser)."""
    stripped = text.lstrip("\ufeff \t\r\n")
    suffix = _suffix(name)
    if suffix == "pdf" or stripped.startswith("%PDF-"):
        return "pdf"  # a PDF whose header is damaged: the PDF reader says so
    if suffix == "json" or (stripped.startswith("{") and '"schema_version"' in text):
        return "json"
    lowered = stripped[:2048].lower()
    if suffix in _HTML_SUFFIXES or any(tag in lowered for tag in _HTML_TAGS):
        return "html"
    if suffix in ("md", "markdown") or (markdown and _looks_like_markdown(text)):
        return "markdown"
    return "text"


_MARKDOWN_LOOK = 65_536
"""Characters of a text whose lines are looked at first for a Markdown table (most tell there)."""


def _looks_like_markdown(text: str) -> bool:
    """Whether ``text`` has three rows between pipes (``| a | b |``) and a delimiter row among its
    lines. Both only grow with the lines read: the complete lines of its first
    :data:`_MARKDOWN_LOOK` characters can say yes; only a no reads the whole text."""
    if text.count("|") < 3 or "-" not in text:
        return False  # three rows between pipes hold three pipes, a delimiter row a dash
    if len(text) > _MARKDOWN_LOOK and _markdown_lines(text[:_MARKDOWN_LOOK].splitlines()[:-1]):
        return True  # the last line of the piece may be cut: only the lines before it are read
    return _markdown_lines(text.splitlines())


def _markdown_lines(lines: list[str]) -> bool:
    stripped = [ln.strip() for ln in lines]
    pipes = sum(1 for ln in stripped if ln.startswith("|") and ln.endswith("|"))
    return pipes >= 3 and any(set(ln) <= set("|-: ") and "-" in ln for ln in stripped)


def sniff_source(content: bytes | str, name: str | None = None, *, whole: bool = True) -> Sniffed:
    """What ``content`` is (``name``: the file name it came from, if any).

    ``whole`` says that ``content`` is the whole source; with ``False`` it is the first bytes
    only, and an archive is told from the entries among them (else from its name).

    >>> sniff_source("<html><body><p>一、总体情况</p></body></html>".encode("gbk")).format
    'html'
    >>> sniff_source(b"GIF89a...").what
    'a GIF image'
    >>> sniff_source(bytes(range(128, 256)) * 4).format
    'undecodable'
    """
    return _sniff(content, name, whole=whole, markdown=True).sniffed


@attrs.frozen
class Told:
    """What :func:`tell_source` found: the format, and the text decoded on the way to telling it,
    so that the parser need not decode the bytes again.

    ``text`` is :func:`decode_text` of the bytes (``None`` when it was not worked out, or found
    none); ``page`` is :func:`~._encoding.decode_html` of them, worked out for an HTML page
    without a byte-order mark (``None`` otherwise).
    """

    sniffed: Sniffed
    text: tuple[str, str, int] | None = None
    page: Decoded | None = None


def tell_source(content: bytes | str, name: str | None = None) -> Told:
    """:func:`sniff_source` of a whole source, with the text it decoded on the way (:class:`Told`)."""
    return _sniff(content, name, whole=True, markdown=True)


def _sniff(content: bytes | str, name: str | None, *, whole: bool, markdown: bool) -> Told:
    if isinstance(content, str):
        return Told(Sniffed(_text_format(content[:4096], name, markdown=markdown)))
    found = _binary(content, name, whole)
    if found is not None:
        return Told(found)
    head = content[:SNIFF_BYTES]
    bom = next((codec for mark, codec in _BOMS if head.startswith(mark)), None)
    if bom is None and head.count(0) * 100 > len(head):
        return Told(Sniffed("binary"))
    decoded = decode_text(content if whole else head)
    fmt = _text_format(decoded[0][:4096] if decoded else head.decode("gb18030", errors="replace"), name,
                       markdown=markdown)
    if fmt == "pdf":
        return Told(Sniffed("pdf"))
    page = None
    if fmt == "html" and bom is None:
        clean, page = _html_clean(content if whole else head)
    else:
        clean = decoded is not None
    if not clean:
        return Told(Sniffed("undecodable"))
    return Told(Sniffed(fmt), decoded, page) if whole else Told(Sniffed(fmt))


def is_report_source(head: bytes, name: str | None = None) -> bool:
    """Whether a file whose first bytes are ``head`` (up to :data:`SNIFF_BYTES`; more are
    ignored) is in a format this library reads: cheap, nothing is parsed.

    ``False`` for images, scans, archives, spreadsheets, old office formats, binary data and
    bytes that are no text; ``True`` for PDF, ``.docx``, JSON, HTML, Markdown and text (which
    may still be no report: the parser says ``NOT_A_REPORT``).

    >>> is_report_source(b"\\xff\\xd8\\xff\\xe0\\x00\\x10JFIF", "scan.jpg")
    False
    >>> is_report_source("一、总体情况".encode("utf-8"), "report.txt")
    True
    """
    head = head[:SNIFF_BYTES]
    if _plain_text(head, name):
        return True
    # whether a text is Markdown or plain does not matter here: the same parser reads both
    return _sniff(head, name, whole=False, markdown=False).sniffed.readable


def _plain_text(head: bytes, name: str | None) -> bool:
    """Whether ``head`` is surely readable text with no page to check: no magic number, no byte-order
    mark, few NUL bytes, clean UTF-8 (or GB18030), no ``<`` (so no HTML tag) and no HTML suffix.
    Such a text is JSON, Markdown, plain text or a damaged PDF, all of them readable, and
    :func:`_sniff` would say so only after telling which (the quick answer for a folder walk,
    where most files are such text)."""
    if b"<" in head or _suffix(name) in _HTML_SUFFIXES or head.count(0) * 100 > len(head):
        return False
    if head.startswith(_BOM_MARKS) or _binary(head, name, False) is not None:
        return False
    return decode_text(head) is not None


_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]+:/|www\.)", re.IGNORECASE)


def looks_like_url(text: str) -> bool:
    """Whether a path that names no file is a URL (``https://…``, ``ftp://…``, ``www.…``; also
    with the double slash collapsed, as ``pathlib`` does)."""
    return _URL.match(text.strip()) is not None
