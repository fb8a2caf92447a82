"""Reading a report from an HTML page: a portal page, a pasted fragment, or a Word export.

The steps, each bounded in time and memory on untrusted input:

1. bytes → text (:mod:`._encoding`), so lxml never guesses an encoding;
2. text → tree with lxml (no network, no entity expansion beyond HTML's own, no huge trees);
3. the content root: a known portal container (``#zoom``, ``.TRS_Editor`` …) or the densest
   block of non-link text; navigation, headers and footers fall away;
4. the root → text lines and data tables, in document order (tables nested inside layout
   tables are found; every walk is iterative);
5. tables → grids (:mod:`._grid`) → the grid reader every format shares (:mod:`._table`): rows
   and columns mapped to stable keys by their words through the shared normaliser
   (:mod:`._labels`), whatever the number of ``<table>`` s;
6. metadata from ``<meta>`` tags, a leading info table (索引号 / 发布机构 …) and the title.
"""

from __future__ import annotations

import bisect
import codecs
import itertools
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from typing import Any, cast

import attrs
from lxml import etree

from .._errors import ParseError
from .._hanzi import HANZI, fold_hanzi
from ..model import Edition
from ._anchors import find_anchors, grid_texts
from ._builder import ReportBuilder
from ._document import (
    REPORT_TAIL,
    YEAR_IN_TITLE,
    AgencyCandidate,
    agency_from_title,
    choose_agency,
    choose_edition,
    date_in,
    drop_unprinted_tables,
    place_tables,
    prose_metadata,
    year_in_title,
)
from ._encoding import Decoded, Note, decode_html
from ._grid import Grid, cell_text, expand_table, mark_breaks
from ._labels import match_section, normalise
from ._prose import AGENCY_FIELD_NAMES, find_metadata, is_agency_name, split_sections
from ._result import Location, ParseResult, ProblemSeverity
from ._table import TableReader, exact_forms, grid_problems

__all__ = ["MAX_HTML_BYTES", "parse_html"]

MAX_HTML_BYTES = 50 * 1024 * 1024
"""Larger input is refused with ``HTML.TOO_LARGE`` (no report page comes near it)."""
_MAX_TABLES = 400
"""Data tables read from one page; a report has at most a dozen."""
_MAX_TOTAL_SLOTS = 200_000
"""Table cells read from one page, all tables together (a report has about 300)."""
_MAX_CANDIDATES = 20
"""Portal containers (``#zoom`` …) weighed on one page."""
_MAX_DESCENT = 40
"""Levels the densest-text search descends."""
_MAX_CHILDREN = 300
"""An element with more children is content (a long table or list), not a wrapper."""
_PROSE_CELL = 200
"""A cell with this much text is prose: its table is for layout."""

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "iframe", "object", "embed", "select",
                        "option", "button", "textarea", "svg", "math", "title", "meta", "link"})
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead",
    "tfoot", "section", "article", "blockquote", "center", "br", "dd", "dt", "dl", "form", "header", "footer", "pre",
    "hr", "caption", "main", "nav", "aside", "address", "figure", "figcaption", "ucapcontent", "body", "html",
})
_ROOT_IDS = frozenset({"zoom", "zoomcon", "ucap-content", "ucapcontent", "content_zoom", "fontzoom"})
_ROOT_CLASSES = frozenset({"trs_editor", "trs_editor_view", "article-content", "article_content", "trs_paper_default",
                           "view", "zoom"})
_ROOT_TAGS = frozenset({"ucapcontent"})
_ATTACHMENT = re.compile(r"\.(pdf|docx?|wps|ofd|xlsx?|rar|zip)(?:$|[?#])", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
# the agency fields every CMS calls by its own word (发布机构, 发布单位, 公开主体 …): one list, _prose's
_AGENCY_FIELD = re.compile(r"^[^\S\n]*(?:" + "|".join(AGENCY_FIELD_NAMES) + r")[^\S\n]*[:：][^\S\n]*\S", re.MULTILINE)
"""A line that is an agency field, searched in the page's first lines joined by ``\n`` (a line of
the page holds no line break: its white space is collapsed)."""
_HEADER_LINES = 40
_INFO_LABELS = {
    "索引号": "index",
    **dict.fromkeys(AGENCY_FIELD_NAMES, "agency"),
    "信息来源": "source",
    "来源": "source",
    "公开日期": "published",
    "发布日期": "published",
    "发布时间": "published",
    "发文日期": "written",
    "成文日期": "written",
    "标题": "title",
    "名称": "title",
}


# ------------------------------------------------------------------------------------------ entry


def parse_html(source: str | bytes, *, strict: bool = False) -> ParseResult:
    """Parse a report from an HTML page or fragment (``str``, or ``bytes`` in any encoding).

    Returns a :class:`ParseResult`; pages that are no report raise :class:`ParseError` with
    its own code: ``HTML.EMPTY``, ``HTML.SCRIPT_ONLY`` (a JavaScript shell),
    ``HTML.ATTACHMENT_ONLY`` (the report is only a linked file; the message names it),
    ``HTML.NOT_A_REPORT`` (a list page or any other page), ``HTML.TOO_LARGE``. With
    ``strict=True`` problems at warning level or above raise one ``ParseError``.

    Problem codes of this parser (besides the ``CELL.*`` codes of every parser):
    ``HTML.ENCODING`` (the bytes disagreed with their declaration, or were damaged),
    ``EDITION.YEAR_MISMATCH`` (tables of one edition, report year of another),
    ``HTML.NO_TABLES`` (a 2019+ report year but none of the national tables),
    ``HTML.TABLE_MISSING``, ``HTML.ROW_MISSING`` (left blank), ``HTML.UNKNOWN_ROW`` (a row of
    numbers whose label matches no row), ``HTML.ROW_UNPLACED`` (numbers outside any table of
    the form), ``HTML.SPAN_MISMATCH`` (value cells and header columns disagree in number; read
    by position), ``HTML.EXTRA_CELL`` (a value under a column the row does not have),
    ``HTML.SUBTOTAL_MISMATCH`` / ``HTML.SUBTOTAL_UNREADABLE`` (a printed 法人或其他组织 小计 that
    is not the sum of its five columns; it is checked, never stored), ``HTML.SPAN_CLAMPED``,
    ``HTML.TABLE_TRUNCATED`` (hostile sizes cut to the bounds).

    >>> page = "<p>2020年某某局政府信息公开工作年度报告</p><p>一、总体情况</p><p>本局……</p>"
    >>> parse_html(page).report.year
    2020
    """
    notes: list[Note] = []
    utf8: bytes | None = None
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_HTML_BYTES:
            raise ParseError("HTML.TOO_LARGE", {"size": len(data), "limit": MAX_HTML_BYTES})
        decoded = decode_html(data)
        text = decoded.text
        notes.extend(decoded.notes)
        lossy = decoded.lossy
        utf8 = _own_utf8(data, decoded)
    elif isinstance(source, str):
        if len(source) > MAX_HTML_BYTES:
            raise ParseError("HTML.TOO_LARGE#chars", {"size": len(source), "limit": MAX_HTML_BYTES})
        text = source
        lossy = False
    else:
        raise ParseError("HTML.INPUT", {"type": type(source).__name__})
    return _HtmlReader(text, notes, lossy=lossy, utf8=utf8).read(strict=strict)


def _own_utf8(data: bytes, decoded: Decoded) -> bytes | None:
    """The UTF-8 encoding of the page's text when its bytes are it (decoded strictly as UTF-8,
    after a byte-order mark if any), which lxml then reads without the text encoded again."""
    if decoded.encoding != "utf-8" or decoded.lossy:
        return None
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


# ------------------------------------------------------------------------------------------ tree


def _tree(text: str) -> etree._Element:
    return _parse(*_cleaned_markup(text))


def _cleaned(text: str) -> str:
    """The markup lxml is given: no byte-order mark, control character or XML declaration."""
    return _cleaned_markup(text)[0]


def _cleaned_markup(text: str, utf8: bytes | None = None) -> tuple[str, bytes]:
    """:func:`_cleaned`, and its UTF-8 encoding, which lxml is given (it reads a wide text by
    converting it to UTF-8 first: a conversion of its own, while the control-character test
    has encoded the text already). ``utf8``: the UTF-8 encoding of ``text``, when the caller
    has it (the page's own bytes)."""
    stripped = text.lstrip("\ufeff")
    data = _utf8_without_control(stripped, utf8 if len(stripped) == len(text) else None)
    text = stripped
    if data is None:
        text = _CONTROL.sub("", text)
    markup = _XML_DECL.sub("", text, count=1)
    if data is None or len(markup) != len(text):
        data = markup.encode("utf-8")
    return markup, data


_CONTROL_BYTES = tuple(bytes([code]) for code in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)))
"""The control characters of :data:`_CONTROL` (its surrogates aside), each as its one byte of UTF-8."""
_NOT_CONTROL_BYTES = bytes(code for code in range(256) if bytes([code]) not in _CONTROL_BYTES)
"""Every other byte: deleted from a page's bytes, they leave its control bytes (:func:`_utf8_without_control`)."""
_FEW_BYTES = 65_536
"""Bytes up to which the control bytes are told by one deletion rather than a search for each (the
deletion costs ~0.3 ns a byte, the 29 searches ~0.3 µs in all plus ~0.3 ns a byte: ~2× faster on a
7 KB page, on a par from ~30 KB, ~5–10 % slower from ~100 KB)."""


def _may_hold_control(text: str) -> bool:
    """Whether :data:`_CONTROL` finds anything in ``text`` (:func:`_utf8_without_control`)."""
    return _utf8_without_control(text) is None


def _utf8_without_control(text: str, utf8: bytes | None = None) -> bytes | None:
    """The UTF-8 encoding of ``text``, or ``None`` when :data:`_CONTROL` may find anything in it,
    told from that encoding: the encoding refuses a surrogate, and a control character is the
    only character whose encoding holds its byte (every byte of a longer character's is 0x80 or
    above), which a search of bytes finds many times faster than one of the text (a search per
    character of a wide text costs ~3 µs per 10 KB, twenty-nine of them more than the encoding;
    the regex tests every character). ``utf8``: that encoding, when the caller has it."""
    if utf8 is not None:
        data = utf8
    else:
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:
            return None
    if len(data) <= _FEW_BYTES:
        return None if data.translate(None, _NOT_CONTROL_BYTES) else data
    return None if any(byte in data for byte in _CONTROL_BYTES) else data


def _parse(text: str, data: bytes | None = None) -> etree._Element:
    """The tree of the markup ``text``, read from ``data``, its UTF-8 encoding, when given."""
    if not text or text.isspace():
        raise ParseError("HTML.EMPTY")
    if data is not None:
        try:
            root = etree.fromstring(data, parser=_parser(encoding="utf-8"))
        except (etree.LxmlError, ValueError, TypeError):
            root = None
        if root is not None:
            return root
        # no tree: the text read as text, for the same refusal and reason as ever
    try:
        root = etree.fromstring(text, parser=_parser())
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise ParseError("HTML.EMPTY#unreadable", {"reason": str(exc)}) from None
    if root is None:
        raise ParseError("HTML.EMPTY#nothing")
    return root


_PARSERS = threading.local()
"""The parsers of :func:`_parser`, per thread."""


def _parser(encoding: str | None = None) -> etree.HTMLParser:
    """The HTML parser of pages (of ``encoding``'s bytes, or of text), one per thread, made once:
    lxml keeps a parser's context from one parse to the next (a parser made for each parse cost
    ~7 µs), and a parse in C calls no Python that could parse with it meanwhile."""
    made: dict[str | None, etree.HTMLParser] | None = getattr(_PARSERS, "made", None)
    if made is None:
        made = _PARSERS.made = {}
    parser = made.get(encoding)
    if parser is None:
        # Plain etree elements (no lxml.html element classes: they cost a lookup per element);
        # libxml2 never fetches anything with no_network and caps depth without huge_tree.
        parser = made[encoding] = etree.HTMLParser(no_network=True, huge_tree=False, remove_comments=True,
                                                   remove_pis=True, recover=True, collect_ids=False,
                                                   encoding=encoding)
    return parser


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


# ------------------------------------------------------------------------------------------ page


@attrs.frozen
class _TableRef:
    element: etree._Element
    line: int
    """How many text lines precede the table (where it sits among the prose)."""


class _LayoutMemo:
    """The tables of one parse told layout or data, each once (the test reads every row of a long
    table). Given the page (after its skipped elements are stripped), one walk of its tables finds
    those that hold a table — layout, without a test — and its outermost tables; the others are
    then asked the rest of the test only (a search of each table's every element less)."""

    def __init__(self, doc: etree._Element | None = None) -> None:
        self.known: dict[etree._Element, bool] = {}
        self.tables: list[etree._Element] = []
        """Every table of the page in document order (the list keeps the element proxies alive,
        so that the look-ups by element find them)."""
        self.outermost: list[etree._Element] = []
        """The page's tables that no table holds, in document order (:func:`_outermost_tables`)."""
        self.holders: set[etree._Element] = set()
        """The page's tables that hold a table."""
        self.walked = doc is not None
        if doc is None:
            return
        for table in doc.iter("table"):  # a table comes before those it holds
            self.tables.append(table)
            up = next(table.iterancestors("table"), None)
            if up is None:
                self.outermost.append(table)
            else:  # the table above holds one, and so does each above it (it holds a table too)
                self.holders.add(up)
                self.known[up] = True

    def is_layout(self, table: etree._Element) -> bool:
        known = self.known.get(table)
        if known is None:
            # a table of the walked page that holds no table: the rest of the test
            known = self.known[table] = _layout_xpath(table, flat=self.walked)
        return known


def _is_layout_table(table: etree._Element, memo: _LayoutMemo | None = None) -> bool:
    """A table used for page layout, not data: it holds a table, or a cell of it holds prose
    (no cell of the national form has more than a few dozen characters)."""
    if memo is None:
        return _layout_test(table)
    return memo.is_layout(table)


def _layout_test(table: etree._Element) -> bool:
    return _layout_xpath(table, flat=False)


def _layout_xpath(table: etree._Element, *, flat: bool) -> bool:
    """:data:`_LAYOUT` (``flat``: :data:`_LAYOUT_FLAT`, the table holds no table) of ``table``, in
    the form that costs less for its shape (the same answer)."""
    wrapped = len(table) <= _FEW_CHILDREN
    return cast(bool, (_LAYOUT_FLAT if flat else _LAYOUT)[wrapped](table))


# Every XPath and stylesheet here is made with regexp=False: lxml otherwise registers the EXSLT
# regular-expression functions, which none of them calls, anew at each call (~1 µs an XPath
# call, ~9 µs a stylesheet's, a page making a few dozen calls).
_LONG = f"[string-length() >= {_PROSE_CELL}]"
_CELLS_LONG = (
    f"tr{_LONG}/*[self::td or self::th]{_LONG} or */tr{_LONG}/*[self::td or self::th]{_LONG}"
    "  or (count(descendant::td) + count(descendant::th)"
    "      != count(tr/td) + count(tr/th) + count(*/tr/td) + count(*/tr/th)"
    f"     and (descendant::td{_LONG} or descendant::th{_LONG}))"
)
"""A cell of the table (any ``<td>`` or ``<th>`` below it) is long: looked for in the rows of the
table or of its ``<tbody>`` that long (a cell's text is part of its row's), and among all cells only
when some cell is not one of those rows' (malformed markup: a cell in no row, or a row below another
element: a long cell is one whatever its place). The rows and their cells are found by child steps,
which do not walk the cells' content as ``descendant::tr`` and ``descendant::tr/td`` do (~45 → ~33 µs
for a table of 280 cells)."""
_FEW_CHILDREN = 4
"""A table of no more children than this (a ``<tbody>``, a caption, a few rows) is searched for a
long element among its grandchildren without its children measured first (:data:`_PROSE_CELLS`)."""


def _prose_cells(*, wrapped: bool) -> str:
    """Text enough for a prose cell, and a cell that long: one of the table's own children, or one
    below a long element two levels down (a long cell's every element above it is as long: its
    text is part of theirs) — the search of every cell (:data:`_CELLS_LONG`, whose count of the
    cells walks the table twice) only where such an element is, not on a table of short rows.
    ``wrapped``: the elements two levels down measured all (a table's ``<tbody>`` and its rows:
    the rows), else those below a long child only (a table's rows and their cells: the rows)."""
    below = "*/*" if wrapped else f"*{_LONG}/*"
    return (f"string-length() >= {_PROSE_CELL}"
            f" and (*[self::td or self::th]{_LONG} or ({below}{_LONG} and ({_CELLS_LONG})))")


_LAYOUT = tuple(etree.XPath(f"boolean(descendant::table) or ({_prose_cells(wrapped=wrapped)})", regexp=False)
                for wrapped in (False, True))
""":func:`_layout_test` in one XPath call (libxml2 stops at the first operand of ``or`` that holds
and of ``and`` that fails): a nested table; or a cell long enough for prose (:func:`_prose_cells`).
A cell's ``string-length()`` is the length of its text as :func:`_text_of` writes it: both are
libxml2's content of the node. Indexed by ``wrapped`` (:func:`_layout_xpath`)."""
_LAYOUT_FLAT = tuple(etree.XPath(f"boolean({_prose_cells(wrapped=wrapped)})", regexp=False)
                     for wrapped in (False, True))
""":data:`_LAYOUT` of a table known to hold no table."""


def _text_of(el: etree._Element) -> str:
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


_BREAK = "\ufdd0"
"""Where the linearised text breaks between lines: a Unicode noncharacter, which no text holds
(a page that does, or names one by a character reference, is linearised by :func:`_walk_lines`)."""
_TABLE_AT = "\ufdd1"
"""Where a data table stands among the linearised lines (a line of its own, then dropped)."""
_DATA_TABLE = "{urn:gov-disclosure:linearise}data"
"""An attribute that marks the data tables for the stylesheet while it runs (the HTML parser
never makes a namespaced attribute, so no page's own attribute is one)."""


def _linearise_stylesheet() -> etree.XSLT:
    """libxslt writes the text of the content root, each block element's text between two
    :data:`_BREAK` s, skipped elements left out, each marked data table one :data:`_TABLE_AT`
    line: the walk of :func:`_walk_lines` in C (a Python step per element cost ~100 µs per KB)."""
    blocks = "|".join(sorted(_BLOCK_TAGS - _SKIP_TAGS))
    skipped = "|".join(sorted(_SKIP_TAGS))
    brk = f"&#x{ord(_BREAK):x};"
    mark = f"&#x{ord(_TABLE_AT):x};"
    return etree.XSLT(etree.XML(
        '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:gd="urn:gov-disclosure:linearise">'
        '<xsl:output method="text" encoding="UTF-8"/>'
        f'<xsl:template match="{blocks}">{brk}<xsl:apply-templates/>{brk}</xsl:template>'
        f'<xsl:template match="table[@gd:data]">{brk}{mark}{brk}</xsl:template>'
        f'<xsl:template match="{skipped}"/>'
        "</xsl:stylesheet>"
    ), regexp=False)


_LINEARISE = _linearise_stylesheet()


class _Chars:
    """A test of whether a page's markup may put any of some characters in its tree's text: as
    themselves, or by a character reference (``&#xFDD0;``, ``&#64976``)."""

    def __init__(self, chars: str) -> None:
        self.chars = chars
        # a hexadecimal digit in either case, and leading zeros, as HTML reads them
        hexa = "|".join("".join(f"[{d}{d.upper()}]" if d.isalpha() else d for d in f"{ord(ch):x}") for ch in chars)
        self.reference = re.compile(f"&#(?:[xX]0*(?:{hexa})|0*(?:{'|'.join(str(ord(ch)) for ch in chars)}))(?![0-9])")

    def in_markup(self, markup: str, *, references: bool | None = None) -> bool:
        """``references``: whether the markup holds ``&#`` at all, when the caller knows (a search
        for two characters costs many times one for a character)."""
        if any(ch in markup for ch in self.chars):
            return True
        if references is None:
            references = "&#" in markup
        return references and self.reference.search(markup) is not None


_SENTINELS = _Chars(_BREAK + _TABLE_AT)


def has_sentinel(markup: str, *, references: bool | None = None) -> bool:
    """Whether the page's text may hold :data:`_BREAK` or :data:`_TABLE_AT` (as a character or a
    character reference): the stylesheet's output could not be cut by them then.
    ``references``: as :meth:`_Chars.in_markup`."""
    return _SENTINELS.in_markup(markup, references=references)


def _data_tables(root: etree._Element, memo: _LayoutMemo | None) -> list[etree._Element]:
    """The data tables of the content root in document order (at most :data:`_MAX_TABLES`; the
    rest are walked as layout), leaving out those inside a skipped element."""
    skipped: set[etree._Element] = set()  # met before the tables they hold: one walk of the tree
    tables: list[etree._Element] = []
    for el in root.iter("table", *_SKIP_TAGS):
        if el.tag != "table":
            skipped.add(el)
            continue
        if len(tables) >= _MAX_TABLES:
            break
        if skipped and any(up in skipped for up in el.iterancestors()):
            continue
        if not _is_layout_table(el, memo):
            tables.append(el)
    return tables


_WALK_ELEMENTS = 48
"""Elements (a data table one, its cells not visited) a root is walked in Python for, at most,
before the walk gives way to the stylesheet: ~0.5–1 µs each, where the stylesheet costs ~10 µs to
start and ~25 µs on the test pages' roots of a dozen elements."""


def _linearise(root: etree._Element, memo: _LayoutMemo | None = None, *,
               walk: bool | Callable[[], bool] = False,
               walk_budget: int = _WALK_ELEMENTS) -> tuple[list[str], list[_TableRef]]:
    """Text lines and data tables of the content root, in document order: inline text joined,
    a line broken at each block element, white space collapsed, blank lines dropped. ``walk``
    (the page may hold a sentinel, :func:`has_sentinel`): the walk in Python; or a function
    that tells it, asked only when the stylesheet would run (a root the walk reads whole needs
    no answer). A root of no more than ``walk_budget`` elements besides its data tables' (a
    report's paragraphs) is walked in Python too, faster than libxslt starts a transformation
    and writes its text (0: the stylesheet, whatever the root)."""
    if walk is True:
        return _walk_lines(root, memo)
    walked = _walk(root, memo, budget=walk_budget) if walk_budget > 0 else None
    if walked is not None:
        return walked
    if callable(walk) and walk():
        return _walk_lines(root, memo)
    tables = _data_tables(root, memo)
    for table in tables:
        table.set(_DATA_TABLE, "")
    try:
        out = str(_LINEARISE(root))
    except etree.XSLTError:  # beyond libxslt's bounds (its template depth): the walk has none
        return _walk_lines(root, memo)
    finally:
        for table in tables:
            del table.attrib[_DATA_TABLE]
    # white space collapsed to one space (not a break: a noncharacter is no space), none beside a break
    out = " ".join(out.split()).replace(" " + _BREAK, _BREAK).replace(_BREAK + " ", _BREAK)
    lines = list(filter(None, out.split(_BREAK)))
    if not tables:
        return lines, []
    refs: list[_TableRef] = []
    kept: list[str] = []
    at = -1
    for table in tables:
        previous, at = at + 1, lines.index(_TABLE_AT, at + 1)
        kept.extend(lines[previous:at])
        refs.append(_TableRef(table, len(kept)))
    kept.extend(lines[at + 1 :])
    return kept, refs


def _walk_lines(root: etree._Element, memo: _LayoutMemo | None = None) -> tuple[list[str], list[_TableRef]]:
    """:func:`_linearise` in Python, element by element (for a page that may hold a sentinel)."""
    return cast(tuple[list[str], list[_TableRef]], _walk(root, memo))


def _walk(root: etree._Element, memo: _LayoutMemo | None = None,
          budget: int | None = None) -> tuple[list[str], list[_TableRef]] | None:
    """:func:`_walk_lines`, or ``None`` as soon as it meets more than ``budget`` elements."""
    lines: list[str] = []
    tables: list[_TableRef] = []
    buf: list[str] = []

    def flush() -> None:
        if not buf:
            return
        line = " ".join("".join(buf).split())
        buf.clear()
        if line:
            lines.append(line)

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    add = buf.append
    unfinished = itertools.repeat(False)
    # (an element's text and tail are read once each: lxml makes a new string at every read)
    while stack:
        el, done = stack.pop()
        tag = el.tag
        tag = tag.lower() if isinstance(tag, str) else ""  # _tag(el), inline: once per element
        if done:
            if buf and tag in _BLOCK_TAGS:
                flush()
            if el is not root and (tail := el.tail):
                add(tail)
            continue
        if budget is not None:
            budget -= 1
            if budget < 0:
                return None
        if not tag or tag in _SKIP_TAGS:
            if el is not root and (tail := el.tail):
                add(tail)
            continue
        block = tag in _BLOCK_TAGS
        if buf and block:
            flush()
        if tag == "table" and len(tables) < _MAX_TABLES and not _is_layout_table(el, memo):
            tables.append(_TableRef(el, len(lines)))
            if el is not root and (tail := el.tail):
                add(tail)
            continue
        if text := el.text:
            add(text)
        if len(el):
            stack.append((el, True))
            stack.extend(zip(reversed(el), unfinished, strict=False))  # (False, False, …) without end
        else:  # a leaf ends here: what its end would do, without a second visit
            if buf and block:
                flush()
            if el is not root and (tail := el.tail):
                add(tail)
    flush()
    return lines, tables


def _weight(el: etree._Element, text_of: str | None = None) -> int:
    """Characters of non-link text below ``el`` (whitespace not counted). ``text_of``: its
    :func:`_text_of`, when the caller has it."""
    text = len("".join((_text_of(el) if text_of is None else text_of).split()))
    if text == 0:
        return 0
    if (text > _SHORT_TEXT and cast(float, _LINKS(el)) > _FEW_LINKS and not _NESTED_LINK(el)
            and next(el.iterancestors("a"), None) is None):
        # each link's text once: the text outside links written by libxslt (a Python step per
        # link of a portal's link lists cost more than the rest of the page's weighing; the text
        # nodes below a link, gathered by an XPath, cost more than the stylesheet)
        try:
            return len("".join(str(_NON_LINK_TEXT(el)).split()))
        except etree.XSLTError:  # beyond libxslt's bounds (its template depth)
            return text - len("".join("".join(cast(list[str], _LINK_TEXT(el))).split()))
    links = sum(len("".join(((a.text or "") if len(a) == 0 else _text_of(a)).split())) for a in el.iter("a"))
    return text - links


def _own_weight(el: etree._Element) -> int:
    """Characters of ``el``'s own text (its text and its children's tails; whitespace not counted):
    the weight of an element that is no link, less its children's weights."""
    return len("".join("".join([el.text or "", *(child.tail or "" for child in el)]).split()))


_SHORT_TEXT = 4_000
_FEW_LINKS = 100
"""An element with at most this much text or this many links has its links weighed one by one;
of a longer one with more, libxml2 gathers the links' text (it looks at every text node)."""
_LINKS = etree.XPath("count(descendant-or-self::a)", regexp=False)
_NESTED_LINK = etree.XPath("boolean(descendant-or-self::a//a)", regexp=False)
_LINK_TEXT = etree.XPath("descendant::text()[ancestor::a]", smart_strings=False, regexp=False)
_NON_LINK_TEXT = etree.XSLT(etree.XML(
    '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
    '<xsl:output method="text" encoding="UTF-8"/><xsl:template match="a"/></xsl:stylesheet>'
), regexp=False)
"""The text of an element outside its links (with none nested: a nested one's text is a link's
text twice in :func:`_weight`)."""


_NAMES = etree.XPath("descendant::*/@id | descendant::*/@class", regexp=False)
_CONTAINER_NAME = re.compile("|".join(re.escape(name)
                                      for name in sorted(_ROOT_IDS | _ROOT_CLASSES, key=len, reverse=True)))
"""Any known container's id or class name, inside a lowered id or class attribute."""


def _named_elements(body: etree._Element, *, every: bool = False) -> list[etree._Element]:
    """The elements below ``body`` whose id or class holds a known container's name (lowered), in
    document order: a quick search of the page's ids and classes, joined, finds the few that may
    be a container without a look at each element. With ``every``: each element with an id or a
    class, when the joined text names a container at all."""
    values = cast(list[Any], _NAMES(body))  # lxml's smart strings: each knows its element
    # lowered once, joined (a line break is no cased letter: no value's lowering sees another's)
    joined = "\n".join(values).lower()
    named: list[etree._Element] = []
    if _CONTAINER_NAME.search(joined) is None:
        return named
    if every:
        held = values
    else:
        # each match placed in its value by the values' offsets in the joined text (lowering
        # changes the length of a few characters, İ: then each value is measured lowered)
        sizes = [len(value) for value in values] if len(joined) == sum(map(len, values)) + len(values) - 1 \
            else [len(value.lower()) for value in values]
        starts = list(itertools.accumulate((size + 1 for size in sizes), initial=0))
        held = [values[bisect.bisect_right(starts, match.start()) - 1] for match in _CONTAINER_NAME.finditer(joined)]
    for value in held:
        el = value.getparent()
        if not named or el is not named[-1]:  # an element's id and class are adjacent
            named.append(el)
    return named


def _is_container(el: etree._Element) -> bool:
    """A known portal container: a ``<ucapcontent>``, a known id, or a known class among its classes."""
    ident = el.get("id")
    classes = el.get("class")
    return (_tag(el) in _ROOT_TAGS or (ident is not None and ident.lower() in _ROOT_IDS)
            or (classes is not None and not _ROOT_CLASSES.isdisjoint(classes.lower().split())))


def _content_root(doc: etree._Element, memo: _LayoutMemo | None = None) -> etree._Element:
    """The element holding the report: a known portal container, else the densest text block."""
    body = doc.find("body")
    if body is None:
        body = doc
    candidates = []
    tagged = list(body.iter("ucapcontent"))
    # a <ucapcontent> with an id or a class is weighed twice when it is met among the named ones
    named = _named_elements(body, every=any(el.get("id") is not None or el.get("class") is not None
                                            for el in tagged))
    for el in [*tagged, *named]:
        if _is_container(el):
            candidates.append(el)
            if len(candidates) >= _MAX_CANDIDATES:
                break
    if len(candidates) == 1 and next(candidates[0].iterdescendants("table"), None) is not None:
        # the one container, holding a table: the root whatever its weight (not weighed)
        return _enclose_report(body, candidates[0], memo)
    weighed = [(_weight(el), el) for el in candidates]
    best = max(weighed, key=lambda pair: pair[0], default=None)
    if best is not None and (best[0] >= 100 or best[1].find(".//table") is not None):
        return _enclose_report(body, best[1], memo)
    # Descend while one child holds most of the non-link text: navigation, headers and
    # footers are link-heavy or short, and fall away. An element with very many children
    # (a long table, a long list) is content itself: stop there. A data table is never
    # entered: a section 三 table of long numbers can hold most of a page's text.
    current = body
    score: int | None = None
    for _level in range(_MAX_DESCENT):
        if len(current) > _MAX_CHILDREN:
            break
        if score is None:  # the body's weight: its children's and its own text's (not weighed twice)
            children = [(_weight(c), c) for c in current if _tag(c)]
            score = _weight(body) if _tag(body) == "a" else _own_weight(body) + sum(w for w, _c in children)
            if score <= 0 or not children:
                break
            top, child = max(children, key=lambda pair: pair[0])
        else:
            elements = [c for c in current if _tag(c)]
            if score <= 0 or not elements:
                break
            heaviest = _heaviest(elements, 0.7 * score)
            if heaviest is None:
                break
            top, child = heaviest
        if top < 0.7 * score or len(child) == 0 or _is_data_table(child, memo):
            break
        current, score = child, top
    return _enclose_report(body, current, memo)


def _heaviest(elements: Sequence[etree._Element], enough: float) -> tuple[int, etree._Element] | None:
    """The greatest :func:`_weight` of the ``elements`` and the first element that has it, as
    ``max`` finds them; ``None`` when none may weigh ``enough`` (the descent stops then, whatever
    the greatest). An element weighs no more than the characters of its text: those whose text
    is shorter than ``enough``, or than a weight found already, are not weighed (their links,
    weighed one by one, are most of a weighing)."""
    texts = [_text_of(el) for el in elements]
    bounds = [len(text) for text in texts]
    if max(bounds) < enough:
        return None
    order = sorted(range(len(elements)), key=bounds.__getitem__, reverse=True)  # the longest texts first
    best, at = _weight(elements[order[0]], texts[order[0]]), order[0]
    for index in order[1:]:
        if bounds[index] < best:
            break  # this one and the rest weigh less than the best: not weighed
        weight = _weight(elements[index], texts[index])
        if weight > best or (weight == best and index < at):
            best, at = weight, index
    return best, elements[at]


_STATISTICAL_FORMS = 3
"""Distinct labels of the national form a table prints to count as one of its statistical tables."""
_MARKED_HEADING = etree.XPath(
    "descendant-or-self::*/text()[string-length(normalize-space(.)) > 2]"
    "[contains('一二三四五六', substring(normalize-space(.), 1, 1))][not(ancestor::a)]",
    regexp=False,
)
_MARK = re.compile(r"^\s*[一二三四五六][、.．]")
_MARK_IN = re.compile(r"[一二三四五六][、.．]")
"""Found in the text of every element that holds a text node :data:`_MARK` matches."""


def _is_data_table(el: etree._Element, memo: _LayoutMemo | None = None) -> bool:
    """A ``<table>`` (or a part of one) that is not for layout."""
    tag = _tag(el)
    if tag in ("tbody", "thead", "tfoot", "tr", "td", "th"):
        table = next(el.iterancestors("table"), None)
        return table is not None and not _is_layout_table(table, memo)
    return tag == "table" and not _is_layout_table(el, memo)


@lru_cache(maxsize=1)
def _statistical_pattern() -> re.Pattern[str]:
    forms: set[str] = set()
    for edition in (Edition.V2019, Edition.V2021):
        for table_forms in exact_forms(edition).values():
            forms |= {form for form in table_forms if len(form) >= 3}
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def _anchors_outside(body: etree._Element, root: etree._Element) -> list[etree._Element]:
    """The statistical tables of the page (they print labels of the national form) and its
    marked section headings (二、主动公开政府信息情况 …, outside links) that ``root`` does not hold."""
    anchors: list[etree._Element] = []
    pattern = _statistical_pattern()
    budget = _MAX_TABLES
    for beside in _beside(body, root):
        for table in beside.iter("table"):
            budget -= 1
            if budget < 0:
                return anchors
            if table.find(".//table") is None:
                found = set(pattern.findall(normalise(_text_of(table)[:5000])))
                if len(found) >= _STATISTICAL_FORMS:
                    anchors.append(table)
        if _MARK_IN.search(_text_of(beside)) is None:
            continue  # no text node below can be a marked heading (the XPath looks at each)
        for node in cast(list[Any], _MARKED_HEADING(beside))[:_MAX_TABLES]:
            parent = node.getparent()
            if parent is not None and _MARK.match(node) and match_section(str(node)) is not None:
                anchors.append(parent)
    return anchors


def _beside(body: etree._Element, root: etree._Element) -> Iterator[etree._Element]:
    """The elements outside ``root`` (up to ``body``): the other children of each of its ancestors."""
    child = root
    if root is body:
        return
    for up in root.iterancestors():
        for element in up:
            if element is not child and isinstance(element.tag, str):
                yield element
        if up is body:
            return
        child = up


def _enclose_report(body: etree._Element, root: etree._Element, memo: _LayoutMemo | None = None) -> etree._Element:
    """``root``, or the nearest element around it that also holds every statistical table and
    section heading of the page; never a data table nor inside one."""
    for anchor in _anchors_outside(body, root):
        # the lowest common ancestor of the anchor and root (lxml keeps one proxy per node
        # while it is referenced: the list keeps them alive for the identity test)
        ancestors = [root, *root.iterancestors()]
        marks = [anchor, *anchor.iterancestors()]
        root = next((el for el in marks if any(el is up for up in ancestors)), root)
    tables = [root] if _tag(root) == "table" else []
    for table in [*tables, *root.iterancestors("table")][::-1]:  # outermost first
        if not _is_layout_table(table, memo):
            parent = table.getparent()
            return parent if parent is not None else root
    return root




# ------------------------------------------------------------------------------------------ reader


# where the agency's statements stand (a location is frozen: one of each serves every page)
_INFO_TABLE_AT = Location(element="info table")
_CONTENT_SOURCE_AT = Location(element="meta[@name='ContentSource']")
_NOWHERE = Location()


class _HtmlReader:
    """One parse of one page (mutable scratch state; not reused)."""

    def __init__(self, text: str, notes: Sequence[Note], *, lossy: bool, utf8: bytes | None = None) -> None:
        self.agency_field = False
        self.markup = ("", b"")
        self.text = text
        self.utf8 = utf8
        """The UTF-8 encoding of ``text``, when the page's bytes are it."""
        self.notes = notes
        self.lossy = lossy
        self._references: bool | None = None

    def references(self) -> bool:
        """Whether the page's markup holds ``&#`` (asked by :func:`has_sentinel` and the title's
        test for traditional forms, each only on the path that needs it: searched once at most)."""
        if self._references is None:
            self._references = "&#" in self.markup[0]
        return self._references

    # -------------------------------------------------------------------------------- driver

    def read(self, *, strict: bool) -> ParseResult:
        markup, encoded = self.markup = _cleaned_markup(self.text, self.utf8)
        doc = _parse(markup, encoded)
        meta = _head_metadata(doc)
        etree.strip_elements(doc, *_SKIP_TAGS - {"title", "meta", "link", "head"}, with_tail=False)
        # the line breaks of <br> and block ends are read in the tables' cells only (the rest of
        # the page is read with white space collapsed): marked there, not in the whole page
        memo = _LayoutMemo(doc)
        for table in memo.outermost:
            mark_breaks(table)
        root = _content_root(doc, memo)
        texts, table_refs = _linearise(root, memo, walk=lambda: has_sentinel(markup, references=self.references()))
        # the first lines folded once, for the field test and for the metadata (a line holds no
        # line break: its white space is collapsed, and folding makes none)
        first = fold_hanzi("\n".join(texts[:_HEADER_LINES]))
        self.agency_field = _AGENCY_FIELD.search(first) is not None
        info = _info_table_metadata(doc, memo)
        found = find_metadata(texts, folded_head=first.split("\n") if texts else None,
                              page_agency=self._needs_page_agency(meta, info))
        grids: list[Grid] = []
        budget = _MAX_TOTAL_SLOTS
        for ref in table_refs:
            if budget <= 0:
                break
            grid = expand_table(ref.element, nested=ref.element in memo.holders)
            budget -= grid.height * grid.width  # every row is padded to the grid's width
            grids.append(grid)
        dropped = len(table_refs) - len(grids)
        table_refs = table_refs[: len(grids)]
        tree = doc.getroottree()
        paths = [tree.getpath(ref.element) for ref in table_refs]
        title = (meta.get("title") or info.get("title") or found["title"]
                 or _title_anywhere(doc, traditional=_TRADITIONAL_BAO.in_markup(markup, references=self.references()))
                 or _clean_title(meta.get("page_title")))
        title = fold_hanzi(title) if title else title
        year = year_in_title(title) or found["year"]
        choice = choose_edition(grids, year)
        edition, has_tables = choice.edition, choice.has_tables
        # The tables were read apart from the lines: a legacy report's table section is prose,
        # and an unknown heading in sequence there (四、…收费及减免情况) is a section of its own.
        layout = split_sections(texts, tables_are_prose=edition is Edition.LEGACY,
                                title=None if found["title"] is None else (found["title_line"], found["title"]))
        headings = place_tables([ref.line for ref in table_refs], layout)
        sections_seen = {key for key, _index in layout.headings if key != "extra"}
        self._refuse_non_report(doc, root, texts, grids, title, sections_seen, has_tables)

        mismatch = choice.mismatch(year)
        # A report year of the national form, but no table of it: keep prose, invent nothing.
        no_tables = not has_tables and edition is not Edition.LEGACY

        builder = ReportBuilder(edition, source_format="html")
        for code, params in self.notes:
            builder.problem(code, params, severity=ProblemSeverity.WARNING if self.lossy
                            else ProblemSeverity.INFO)
        if mismatch:
            builder.problem("EDITION.YEAR_MISMATCH", mismatch, severity=ProblemSeverity.WARNING)
        if dropped:
            builder.problem("HTML.TABLE_TRUNCATED", {"count": dropped})
        grid_problems(builder, grids, paths, "HTML")
        if edition is not Edition.LEGACY and not no_tables:
            TableReader(builder, grids, headings=headings, elements=paths,
                        prefix="HTML").read()
        builder.metadata.update(self._metadata(meta, info, found, title, year))
        choose_agency(builder, self._agency_candidates(meta, info, found, title))
        builder.metadata.update(prose_metadata(layout, edition))
        report = builder.report()
        report = drop_unprinted_tables(report, builder, no_tables, "HTML", layout)
        return builder.result(strict=strict, report=report)

    def _needs_page_agency(self, meta: dict[str, str], info: dict[str, str]) -> bool:
        """Whether :meth:`_agency_candidates` may come to the agency the lines state without a
        field (a 来源 field, 本报告由…编制, the signature): not when a statement it trusts more
        names one — an info table's 发布机构 field (taken as printed), or, with no agency field
        among the lines, a ContentSource tag or an info table's 来源 that reads as an agency's
        name (:func:`choose_agency` takes the first)."""
        if (info.get("agency") or "").strip():
            return False
        if self.agency_field:
            return True  # the lines' field: find_metadata's agency, whatever it came from
        return not (is_agency_name(meta.get("source")) or is_agency_name(info.get("source")))

    def _agency_candidates(self, meta: dict[str, str], info: dict[str, str], found: dict[str, Any],
                           title: str | None) -> Iterator[AgencyCandidate]:
        """The page's own statements of the agency, most trusted first, the title's last: a
        发布机构 field, the ContentSource tag, a 来源 field, the 本报告由…编制 sentence, the
        signature at the end (each but the field only where it names an agency, not the site
        or 本网 — :func:`choose_agency` decides). Made one by one as it asks: it stops at the
        first it takes (most pages state a field), and the title's agency is read only when
        asked for."""
        yield "agency_field", info.get("agency"), _INFO_TABLE_AT, None
        yield "agency_field", found["agency"] if self.agency_field else None, _NOWHERE, found["agency_raw"]
        yield "content_source", meta.get("source"), _CONTENT_SOURCE_AT, None
        yield "source_field", info.get("source"), _INFO_TABLE_AT, None
        stated = found["agency_basis"] if found["agency_basis"] not in (None, "title", "agency_field") else None
        yield stated or "", found["agency"] if stated else None, _NOWHERE, found["agency_raw"]
        yield "title", agency_from_title(title), _NOWHERE, title

    def _metadata(self, meta: dict[str, str], info: dict[str, str], found: dict[str, Any], title: str | None,
                  year: int | None) -> dict[str, object]:
        out: dict[str, object] = {}
        if title:
            out["title"] = title
        if year is not None:
            out["year"] = year
        published = date_in(meta.get("published")) or date_in(info.get("published")) or found["published"]
        if published is not None:
            out["published"] = published
        url = meta.get("url") or found["source_url"]
        if url:
            out["source_url"] = url
        return out

    def _refuse_non_report(self, doc: etree._Element, root: etree._Element, lines: Sequence[str],
                           grids: Sequence[Grid], title: str | None, sections: set[str],
                           has_tables: bool) -> None:
        if has_tables or len(sections) >= 2:
            return  # a report by its tables or its headings (find_anchors would say so too)
        title_here = bool(title and REPORT_TAIL.search(normalise(title)))
        found = find_anchors([*lines, *grid_texts(grids)], sections=sections,
                             titled=title_here)
        if has_tables or found.tables_seen or len(found.sections) >= 2:
            return
        text_len = sum(len(line) for line in lines)
        if text_len == 0 and not grids:
            # the page's scripts, stripped from its tree, counted in the tree made again (a page
            # with no text is rare: the count is not worth a walk of every page)
            scripts = sum(1 for _ in _parse(*self.markup).iter("script"))
            if scripts:
                raise ParseError("HTML.SCRIPT_ONLY", {"count": scripts})
            raise ParseError("HTML.EMPTY#no_text")
        anchors = list(root.iter("a"))
        _mark_breaks_outside_tables(doc)  # a link's text is measured with its line breaks
        link_text = sum(len(_text_of(a).strip()) for a in anchors)
        if len(anchors) >= 5 and link_text >= 0.5 * max(text_len, 1):
            raise ParseError("HTML.NOT_A_REPORT#list", {"count": len(anchors)})
        if title_here and text_len >= 300:
            return
        attachments = [a.get("href", "") for a in doc.iter("a") if _ATTACHMENT.search(a.get("href") or "")]
        if attachments:
            raise ParseError("HTML.ATTACHMENT_ONLY", {"files": tuple(attachments[:3])})
        # an untitled page whose first lines name a report (the title printed as a heading)
        headed = text_len >= 300 and REPORT_TAIL.search("".join(normalise(x) for x in lines[:5])) is not None
        attrs.evolve(found, titled=title_here or headed).refuse_unless_report("html")


def _outermost_tables(doc: etree._Element) -> list[etree._Element]:
    """The page's tables that no table holds, in document order."""
    return [table for table in doc.iter("table") if next(table.iterancestors("table"), None) is None]


def _mark_breaks_outside_tables(doc: etree._Element) -> None:
    """:func:`mark_breaks` for the rest of the page, once its tables are marked: each table set
    aside meanwhile (a placeholder in its place), so that its marks are made once."""
    aside = []
    for table in _outermost_tables(doc):
        parent = table.getparent()
        if parent is not None:
            placeholder = etree.Element("placeholder")
            parent.replace(table, placeholder)
            aside.append((placeholder, table))
    try:
        mark_breaks(doc)
    finally:
        for placeholder, table in aside:
            parent = placeholder.getparent()
            if parent is not None:
                parent.replace(placeholder, table)


# ------------------------------------------------------------------------------------------ metadata


def _head_metadata(doc: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    names = {"articletitle": "title", "pubdate": "published", "contentsource": "source", "url": "url",
             "og:url": "url", "firstpublishedtime": "published"}
    found: dict[str, list[etree._Element]] = {"meta": [], "link": [], "title": []}
    for el in doc.iter("meta", "link", "title"):  # one walk of the tree, not three
        if el is not doc or el.tag != "title":  # the title is looked for below the root
            found[el.tag].append(el)
    for meta in found["meta"]:
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name in names and content and names[name] not in out:
            out[names[name]] = content
    for link in found["link"]:
        if (link.get("rel") or "").lower() == "canonical" and link.get("href") and "url" not in out:
            out["url"] = link.get("href", "")
    title = found["title"][0] if found["title"] else None
    if title is not None:
        text = " ".join(_text_of(title).split())
        if text:
            out["page_title"] = text
    return out


_INFO_CELLS = 40
_NOT_INFO_TABLE = etree.XPath(
    f"boolean(descendant::td[{_INFO_CELLS + 1}]) or boolean(descendant::table)"
    f" or count(descendant::td) + count(descendant::th) > {_INFO_CELLS}",
    regexp=False,
)
"""A table that holds a table, or more than :data:`_INFO_CELLS` cells: no info table. libxml2 stops
at the first operand that holds, and looks for the 41st ``<td>`` no further than it (a national
table is told by its first cells, without an element made in Python for each)."""


_MANY_CELLS = etree.XPath(
    f"boolean(descendant::td[{_INFO_CELLS + 1}]) or count(descendant::td) + count(descendant::th) > {_INFO_CELLS}",
    regexp=False,
)
""":data:`_NOT_INFO_TABLE` of a table known to hold no table."""


_INFO_LABEL = re.compile("|".join(map(re.escape, _INFO_LABELS)))
"""Any label of :data:`_INFO_LABELS` (an info table's text holds one)."""


def _info_table_metadata(doc: etree._Element, memo: _LayoutMemo | None = None) -> dict[str, str]:
    """索引号 / 发布机构 / 公开日期 … from a small info table (or labelled cells) anywhere on the page.
    ``memo``: the page's tables, walked (:class:`_LayoutMemo`), when the caller has them."""
    out: dict[str, str] = {}
    if memo is not None and memo.walked:
        small = [table for table in memo.tables if table not in memo.holders and not _MANY_CELLS(table)]
    else:
        small = [table for table in doc.iter("table") if not _NOT_INFO_TABLE(table)]
    for table in small:
        if _INFO_LABEL.search(fold_hanzi(_text_of(table))) is None:
            continue
        cells = [cell_text(td) for td in table.iter("td", "th")]
        for i, text in enumerate(cells):
            for part in text.split("\n") if "\n" in text else (text,):
                # a part without a colon is all label; a label of ASCII only folds to no label's
                # (each holds a Chinese character): a value's cell (a number, a date) is not folded
                label, sep, value = _split_field(part) if ":" in part or "：" in part else (part, "", "")
                field = None if label.isascii() else _INFO_LABELS.get(normalise(label))
                if field is None:
                    continue
                if not sep or not value.strip():
                    value = cells[i + 1] if i + 1 < len(cells) else ""
                value = " ".join(value.split())
                if value and field not in out and normalise(value) not in _INFO_LABELS:
                    out[field] = value
    return out


def _split_field(part: str) -> tuple[str, str, str]:
    """``part`` cut at its first colon, ``:`` or ``：`` (as ``str.partition``; the colon given back
    as ``:``)."""
    at = part.find(":")
    wide = part.find("：", 0, at) if at >= 0 else part.find("：")
    if wide >= 0:
        at = wide
    if at < 0:
        return part, "", ""
    return part[:at], ":", part[at + 1 :]


def _report_text(*, traditional: bool) -> tuple[etree.XPath, etree.XPath]:
    """Text nodes that may say 报告 or 年报 — those holding 报 (or, ``traditional``, a traditional
    form of it: a test per form, each a copy of every text node in libxml2), a cheap test —
    below the ``<body>`` given, or below every ``<body>``."""
    marks = ["报", *(sorted({chr(code) for code, simple in HANZI.items() if simple == "报"}) if traditional else [])]
    test = " or ".join(f"contains(., '{mark}')" for mark in marks)
    return (etree.XPath(f".//text()[{test}]", regexp=False),
            etree.XPath(f"//body//text()[{test}]", regexp=False))


_REPORT_TEXT = {traditional: _report_text(traditional=traditional) for traditional in (False, True)}
_REPORT_FOLD = {code: simple for code, simple in HANZI.items() if simple in "报告年"}
"""The folding of the traditional forms that :mod:`.._hanzi` maps to 报, 告 and 年, which tells the
text nodes that say 报告 or 年报."""
_TRADITIONAL_BAO = _Chars("".join(sorted({chr(code) for code, simple in HANZI.items() if simple == "报"})))


def _title_anywhere(doc: etree._Element, *, traditional: bool = True) -> str | None:
    """A short element text naming a year's 信息公开…年度报告, anywhere in the page (the title
    often sits outside the content root). ``traditional=False``: the page holds no traditional
    form of 报 (:data:`_TRADITIONAL_BAO`), which is then not looked for."""
    bodies = list(itertools.islice(doc.iter("body"), 2))
    below, everywhere = _REPORT_TEXT[traditional]
    found = below(bodies[0]) if len(bodies) == 1 else everywhere(doc)
    nodes = (node for node in cast(list[Any], found)
             if "报告" in (folded := node.translate(_REPORT_FOLD)) or "年报" in folded)
    for node in itertools.islice(nodes, 50):
        parent = node.getparent()
        if parent is None:
            continue
        text = " ".join(_text_of(parent).split())
        if 6 <= len(text) <= 80 and YEAR_IN_TITLE.search(text) and REPORT_TAIL.search(normalise(text)):
            return text
    return None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    for sep in ("_", "|", " - ", "－"):
        head = title.split(sep)[0].strip()
        if REPORT_TAIL.search(normalise(head)):
            return head
    return title if REPORT_TAIL.search(normalise(title)) else None
