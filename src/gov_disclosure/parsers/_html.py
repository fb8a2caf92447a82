"""Reading a report from an HTML page: a portal page, a pasted fragment, or a Word export.

The steps, each bounded in time and memory on untrusted input:

1. bytes → text (:mod:`._encoding`), so lxml never guesses an encoding;
2. text → tree with lxml (no network, no entity expansion beyond HTML's own, no huge trees);
3. the content root: a known portal container (``#zoom``, ``.TRS_Editor`` …) or the densest
   block of non-link text; navigation, headers and footers fall away;
4. the root → text lines and data tables, in document order (tables nested inside layout
   tables are found; every walk is iterative);
5. tables → grids (:mod:`._grid`) → rows and columns mapped to stable keys by their words
   through the shared normaliser (:mod:`._labels`), whatever the number of ``<table>`` s;
6. metadata from ``<meta>`` tags, a leading info table (索引号 / 发布机构 …) and the title.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

import attrs
from lxml import etree

from .._errors import ParseError
from ..model import EDITIONS, AnnualReport, CellValue, ColumnKind, Edition, ExtraSection, Placeholder, Unreadable
from ._builder import ReportBuilder, without_tables
from ._cells import parse_cell
from ._encoding import decode_html
from ._grid import Cell, Grid, cell_text, expand_table, mark_breaks
from ._labels import edition_markers, fold_radicals, match_column, match_row, match_section, normalise, strip_marker
from ._prose import ProseLayout, find_metadata, split_sections
from ._result import Location, ParseResult, ProblemSeverity, Provenance

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
_MAX_LABEL = 40
"""Longer cell texts are not header labels (the 勾稽关系 note, paragraphs)."""

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
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度?")
_REPORT_TAIL = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_AGENCY_FIELD = re.compile(r"^\s*(?:发布机构|发文机关|发文机构)\s*[:：]\s*\S")
_HEADER_LINES = 40
_INFO_LABELS = {
    "索引号": "index",
    "发布机构": "agency",
    "发文机关": "agency",
    "发文机构": "agency",
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
# A header corner word of section 二 that is no column of its own.
_CORNER = frozenset({"信息内容"})
_SUBTOTAL = frozenset({"小计"})
_YUAN_ONLY = re.compile(r"(?<!万)元")
_LABEL_PARTS = re.compile(r"[\n()（）]")
_TEN_THOUSAND = Decimal(10000)
_NUMERIC = re.compile(r"^[+\-－]?[\d０-９][\d０-９,，.．\s]*(万元|元|件|个|项|条|次|宗|人次)?$")


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
    notes: list[str] = []
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        if len(data) > MAX_HTML_BYTES:
            raise ParseError("HTML.TOO_LARGE", f"{len(data)} bytes is more than the {MAX_HTML_BYTES} accepted")
        decoded = decode_html(data)
        text = decoded.text
        notes.extend(decoded.notes)
        lossy = decoded.lossy
    elif isinstance(source, str):
        if len(source) > MAX_HTML_BYTES:
            raise ParseError("HTML.TOO_LARGE", f"{len(source)} characters is more than the {MAX_HTML_BYTES} accepted")
        text = source
        lossy = False
    else:
        raise ParseError("HTML.INPUT", f"cannot parse a {type(source).__name__} as HTML: give str or bytes")
    return _HtmlReader(text, notes, lossy=lossy).read(strict=strict)


# ------------------------------------------------------------------------------------------ tree


def _tree(text: str) -> etree._Element:
    text = _XML_DECL.sub("", _CONTROL.sub("", text.lstrip("\ufeff")), count=1)
    if not text.strip():
        raise ParseError("HTML.EMPTY", "the page is empty")
    # Plain etree elements (no lxml.html element classes: they cost a lookup per element);
    # libxml2 never fetches anything with no_network and caps depth without huge_tree.
    parser = etree.HTMLParser(
        no_network=True, huge_tree=False, remove_comments=True, remove_pis=True, recover=True, collect_ids=False,
    )
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.LxmlError, ValueError, TypeError) as exc:
        raise ParseError("HTML.EMPTY", f"no HTML document could be read: {exc}") from None
    if root is None:
        raise ParseError("HTML.EMPTY", "no HTML document could be read")
    return root


def _tag(el: etree._Element) -> str:
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else ""


# ------------------------------------------------------------------------------------------ page


@attrs.frozen
class _Line:
    text: str
    index: int


@attrs.frozen
class _TableRef:
    element: etree._Element
    line: int
    """How many text lines precede the table (where it sits among the prose)."""
    heading: str | None = None
    """The section the table sits under, by the headings found in the lines."""


_LayoutMemo = dict[etree._Element, bool]
"""Tables already told layout or data in one parse (the test reads every row of a long table)."""


def _is_layout_table(table: etree._Element, memo: _LayoutMemo | None = None) -> bool:
    """A table used for page layout, not data: it holds a table, or a cell of it holds prose
    (no cell of the national form has more than a few dozen characters)."""
    if memo is None:
        return _layout_test(table)
    known = memo.get(table)
    if known is None:
        known = memo[table] = _layout_test(table)
    return known


def _layout_test(table: etree._Element) -> bool:
    if table.find(".//table") is not None:
        return True
    if len(_text_of(table)) < _PROSE_CELL:
        return False
    if _CELL_COUNT(table) != _CELLS_IN_ROWS(table):
        # cells outside any row (malformed markup): look at every one
        return any(len(_text_of(cell)) >= _PROSE_CELL for cell in table.iter("td", "th"))
    # a cell's text is part of its row's: only a row that long can hold such a cell
    return any(len(_text_of(row)) >= _PROSE_CELL
               and any(len(_text_of(cell)) >= _PROSE_CELL for cell in row.iterchildren("td", "th"))
               for row in table.iter("tr"))


_CELL_COUNT = etree.XPath("count(.//td) + count(.//th)")
_CELLS_IN_ROWS = etree.XPath("count(.//tr/td) + count(.//tr/th)")


def _text_of(el: etree._Element) -> str:
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def _linearise(root: etree._Element, memo: _LayoutMemo | None = None) -> tuple[list[_Line], list[_TableRef]]:
    """Text lines and data tables of the content root, in document order."""
    lines: list[_Line] = []
    tables: list[_TableRef] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join("".join(buf).split())
        buf.clear()
        if line:
            lines.append(_Line(line, len(lines)))

    stack: list[tuple[etree._Element, bool]] = [(root, False)]
    while stack:
        el, done = stack.pop()
        tag = _tag(el)
        if done:
            if tag in _BLOCK_TAGS:
                flush()
            if el is not root and el.tail:
                buf.append(el.tail)
            continue
        if not tag or tag in _SKIP_TAGS:
            if el is not root and el.tail:
                buf.append(el.tail)
            continue
        if tag in _BLOCK_TAGS:
            flush()
        if tag == "table" and len(tables) < _MAX_TABLES and not _is_layout_table(el, memo):
            tables.append(_TableRef(el, len(lines)))
            if el.tail:
                buf.append(el.tail)
            continue
        if el.text:
            buf.append(el.text)
        stack.append((el, True))
        stack.extend((child, False) for child in reversed(el))
    flush()
    return lines, tables


def _weight(el: etree._Element) -> int:
    """Characters of non-link text below ``el`` (whitespace not counted)."""
    text = len("".join(_text_of(el).split()))
    if text == 0:
        return 0
    links = sum(len("".join(_text_of(a).split())) for a in el.iter("a"))
    return text - links


_NAMES = etree.XPath("descendant::*/@id | descendant::*/@class")
_CONTAINER_NAMES = tuple(sorted(_ROOT_IDS | _ROOT_CLASSES))


def _content_root(doc: etree._Element, memo: _LayoutMemo | None = None) -> etree._Element:
    """The element holding the report: a known portal container, else the densest text block.

    A quick search of the page's ids and classes spares the scan of its elements on pages that
    name no known container.
    """
    body = doc.find("body")
    if body is None:
        body = doc
    candidates = []
    values = cast(list[Any], _NAMES(body))  # lxml's smart strings: each knows its element
    named = any(name in " ".join(values).lower() for name in _CONTAINER_NAMES)
    named_elements: list[etree._Element] = []
    for value in values if named else ():
        el = value.getparent()
        if not named_elements or el is not named_elements[-1]:  # an element's id and class are adjacent
            named_elements.append(el)
    for el in [*body.iter("ucapcontent"), *named_elements]:
        ident = el.get("id")
        classes = el.get("class")
        if (_tag(el) in _ROOT_TAGS or (ident is not None and ident.lower() in _ROOT_IDS)
                or (classes is not None and not _ROOT_CLASSES.isdisjoint(classes.lower().split()))):
            candidates.append(el)
            if len(candidates) >= _MAX_CANDIDATES:
                break
    weighed = [(_weight(el), el) for el in candidates]
    best = max(weighed, key=lambda pair: pair[0], default=None)
    if best is not None and (best[0] >= 100 or best[1].find(".//table") is not None):
        return _enclose_report(body, best[1], memo)
    # Descend while one child holds most of the non-link text: navigation, headers and
    # footers are link-heavy or short, and fall away. An element with very many children
    # (a long table, a long list) is content itself: stop there. A data table is never
    # entered: a section 三 table of long numbers can hold most of a page's text.
    current = body
    score = _weight(body)
    for _level in range(_MAX_DESCENT):
        if score <= 0 or len(current) > _MAX_CHILDREN:
            break
        children = [(_weight(c), c) for c in current if _tag(c)]
        if not children:
            break
        top, child = max(children, key=lambda pair: pair[0])
        if top < 0.7 * score or len(child) == 0 or _is_data_table(child, memo):
            break
        current, score = child, top
    return _enclose_report(body, current, memo)


_STATISTICAL_FORMS = 3
"""Distinct labels of the national form a table prints to count as one of its statistical tables."""
_MARKED_HEADING = etree.XPath(
    "descendant-or-self::*/text()[string-length(normalize-space(.)) > 2]"
    "[contains('一二三四五六', substring(normalize-space(.), 1, 1))][not(ancestor::a)]"
)
_MARK = re.compile(r"^\s*[一二三四五六][、.．]")


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
        for table_forms in _exact_forms(edition).values():
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




# ------------------------------------------------------------------------------------------ labels


_fold = lru_cache(maxsize=8192)(strip_marker)
"""The shared normaliser's folding with its marker dropped, cached per text."""


@lru_cache(maxsize=4096)
def _row_of(edition: Edition, table: str, text: str) -> str | None:
    spec = EDITIONS[edition].table(table)
    row = match_row(spec, text)
    return row.key if row is not None else None


@lru_cache(maxsize=4096)
def _column_of(edition: Edition, table: str, text: str) -> str | None:
    return match_column(EDITIONS[edition].table(table), text)


@lru_cache(maxsize=64)
def _exact_forms(edition: Edition) -> dict[str, frozenset[str]]:
    """Per table: the folded column labels (and, for section 四, block labels) printed on the form."""
    out: dict[str, frozenset[str]] = {}
    for table in EDITIONS[edition].tables:
        forms = {_fold(text) for c in table.columns for text in (c.label, *c.aliases)}
        forms |= {_fold(c.group) for c in table.columns if c.group}
        if table.key == "review_litigation":
            forms |= {_fold(text) for r in table.rows for text in (r.label, *r.groups)}
        out[table.key] = frozenset(forms)
    return out


@lru_cache(maxsize=8)
def _edition_patterns() -> dict[Edition, re.Pattern[str]]:
    """The labels only one edition prints (:func:`edition_markers`) as one search pattern per edition."""
    return {edition: re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
            for edition, forms in edition_markers(proactive_rows=True).items()}


@lru_cache(maxsize=4096)
def _is_value(text: str) -> bool:
    """Could be a number cell: blank, a placeholder, or digits (with a unit)."""
    if not text.strip():
        return True
    value, _clean = parse_cell(text, ColumnKind.MONEY)
    return not isinstance(value, Unreadable) or bool(_NUMERIC.match(text.strip()))


@lru_cache(maxsize=4096)
def _is_number(text: str) -> bool:
    if not text.strip():
        return False
    value, _clean = parse_cell(text, ColumnKind.MONEY)
    return not isinstance(value, (Unreadable, Placeholder)) and value is not None


# ------------------------------------------------------------------------------------------ reader


@attrs.define
class _Header:
    """The column map of a header block: grid column → (block or ``None``, column key)."""

    table: str
    columns: dict[int, tuple[str | None, str]]
    width: int
    subtotal: int | None = None
    units: dict[int, str] = attrs.field(factory=dict)
    """Grid columns whose header gives the unit 元 (money is kept in 万元)."""
    first: int = attrs.field(init=False)
    """The first grid column that holds a value."""
    keys: list[tuple[int, tuple[str | None, str]]] = attrs.field(init=False)
    """(grid column, key) of each distinct key left to right; the 小计 column as ``(None, "__subtotal__")``."""

    def __attrs_post_init__(self) -> None:
        cols = list(self.columns)
        if self.subtotal is not None:
            cols.append(self.subtotal)
        self.first = min(cols) if cols else 0
        slots = sorted(self.columns.items())
        if self.subtotal is not None:
            slots.append((self.subtotal, (None, "__subtotal__")))
            slots.sort()
        self.keys = []
        seen: set[tuple[str | None, str]] = set()
        for col, key in slots:
            if key not in seen:
                seen.add(key)
                self.keys.append((col, key))


class _HtmlReader:
    """One parse of one page (mutable scratch state; not reused)."""

    def __init__(self, text: str, notes: Sequence[str], *, lossy: bool) -> None:
        self.agency_field = False
        self.scripts = 0
        self.text = text
        self.notes = notes
        self.lossy = lossy

    # -------------------------------------------------------------------------------- driver

    def read(self, *, strict: bool) -> ParseResult:
        doc = _tree(self.text)
        self.scripts = sum(1 for _ in doc.iter("script"))
        meta = _head_metadata(doc)
        etree.strip_elements(doc, *_SKIP_TAGS - {"title", "meta", "link", "head"}, with_tail=False)
        mark_breaks(doc)
        memo: _LayoutMemo = {}
        root = _content_root(doc, memo)
        lines, table_refs = _linearise(root, memo)
        texts = [line.text for line in lines]
        self.agency_field = any(_AGENCY_FIELD.match(text) for text in texts[:_HEADER_LINES])
        found = find_metadata(texts)
        grids: list[Grid] = []
        budget = _MAX_TOTAL_SLOTS
        for ref in table_refs:
            if budget <= 0:
                break
            grid = expand_table(ref.element)
            budget -= sum(len(row) for row in grid.rows)
            grids.append(grid)
        dropped = len(table_refs) - len(grids)
        table_refs = table_refs[: len(grids)]
        tree = doc.getroottree()
        paths = [tree.getpath(ref.element) for ref in table_refs]
        info = _info_table_metadata(doc)
        title = (meta.get("title") or info.get("title") or found["title"] or _title_anywhere(doc)
                 or _clean_title(meta.get("page_title")))
        title = fold_radicals(title) if title else title
        year = _year(title) or found["year"]
        edition_votes, national = _edition_votes(grids)
        table_edition = _pick_edition(edition_votes)
        has_tables = national >= 3
        if table_edition is not None:
            edition = table_edition
        elif year is not None:
            edition = Edition.for_year(year)  # a pre-2019 year: legacy, whatever its local tables
        else:
            edition = Edition.V2021 if has_tables else Edition.LEGACY
        # The tables were read apart from the lines: a legacy report's table section is prose,
        # and an unknown heading in sequence there (四、…收费及减免情况) is a section of its own.
        layout = split_sections(texts, tables_are_prose=edition is Edition.LEGACY)
        table_refs = _place_tables(table_refs, layout)
        sections_seen = {key for key, _index in layout.headings if key != "extra"}
        self._refuse_non_report(doc, root, lines, grids, title, sections_seen, has_tables)

        mismatch = None
        if table_edition is not None and year is not None and Edition.for_year(year) is not edition:
            mismatch = f"the tables are of the {edition.value} edition, but the report year is {year}"
        # A report year of the national form, but no table of it: keep prose, invent nothing.
        no_tables = not has_tables and edition is not Edition.LEGACY

        builder = ReportBuilder(edition, source_format="html")
        for note in self.notes:
            builder.problem("HTML.ENCODING", note, severity=ProblemSeverity.WARNING if self.lossy
                            else ProblemSeverity.INFO)
        if mismatch:
            builder.problem("EDITION.YEAR_MISMATCH", mismatch, severity=ProblemSeverity.WARNING)
        if dropped:
            builder.problem("HTML.TABLE_TRUNCATED", f"{dropped} table(s) past the page's cell budget were not read")
        for grid, path in zip(grids, paths, strict=True):
            if grid.truncated:
                builder.problem("HTML.TABLE_TRUNCATED", "a table larger than the bounds was cut",
                                location=Location(element=path))
            if grid.clamped:
                builder.problem("HTML.SPAN_CLAMPED", f"{grid.clamped} absurd rowspan/colspan value(s) clamped",
                                severity=ProblemSeverity.INFO, location=Location(element=path))
        if edition is not Edition.LEGACY and not no_tables:
            _TableReader(builder, grids, paths, table_refs).read()
        builder.metadata.update(self._metadata(meta, info, found, title, year))
        builder.metadata.update(_prose(layout, edition))
        report = builder.report()
        report = _drop_unprinted_tables(report, builder, no_tables)
        return builder.result(strict=strict, report=report)

    def _metadata(self, meta: dict[str, str], info: dict[str, str], found: dict[str, Any], title: str | None,
                  year: int | None) -> dict[str, object]:
        out: dict[str, object] = {}
        if title:
            out["title"] = title
        if year is not None:
            out["year"] = year
        # A printed 发布机构 field names the agency; else the title does; a 信息来源 field or
        # the ContentSource tag (often the site, not the agency) comes last.
        fielded = found["agency"] if self.agency_field else None
        agency = (info.get("agency") or fielded or _agency_from_title(title) or found["agency"]
                  or info.get("source") or meta.get("source"))
        if agency:
            out["agency"] = fold_radicals(agency)
        published = _date(meta.get("published")) or _date(info.get("published")) or found["published"]
        if published is not None:
            out["published"] = published
        url = meta.get("url") or found["source_url"]
        if url:
            out["source_url"] = url
        return out

    def _refuse_non_report(self, doc: etree._Element, root: etree._Element, lines: Sequence[_Line],
                           grids: Sequence[Grid], title: str | None, sections: set[str],
                           has_tables: bool) -> None:
        if has_tables or len(sections) >= 2:
            return
        text_len = sum(len(line.text) for line in lines)
        if text_len == 0 and not grids:
            scripts = self.scripts
            if scripts:
                raise ParseError("HTML.SCRIPT_ONLY", f"the page has no text, only {scripts} script(s): "
                                 "a JavaScript shell whose content is loaded later")
            raise ParseError("HTML.EMPTY", "the page has no text")
        anchors = list(root.iter("a"))
        link_text = sum(len(_text_of(a).strip()) for a in anchors)
        if len(anchors) >= 5 and link_text >= 0.5 * max(text_len, 1):
            raise ParseError("HTML.NOT_A_REPORT", f"a list page ({len(anchors)} links), not a report")
        titled = bool(title and _REPORT_TAIL.search(normalise(title)))
        if titled and text_len >= 300:
            return
        attachments = [a.get("href", "") for a in doc.iter("a") if _ATTACHMENT.search(a.get("href") or "")]
        if attachments:
            raise ParseError("HTML.ATTACHMENT_ONLY", "the report is only an attached file: "
                             + ", ".join(attachments[:3]))
        if titled or (text_len >= 300 and _REPORT_TAIL.search("".join(normalise(x.text) for x in lines[:5]))):
            return
        raise ParseError("HTML.NOT_A_REPORT", "no report sections or tables found on the page")


def _place_tables(refs: Sequence[_TableRef], layout: ProseLayout) -> list[_TableRef]:
    """Give each table the section whose heading precedes it in the text."""
    heads = [(layout.origin[index], key) for key, index in layout.headings]
    out = []
    for ref in refs:
        before = [key for origin, key in heads if origin < ref.line]
        out.append(attrs.evolve(ref, heading=before[-1] if before else None))
    return out


def _prose(layout: ProseLayout, edition: Edition) -> dict[str, object]:
    """The intro, the prose sections, and the extra sections; for a legacy report the table
    sections too, as extra sections (their content is prose)."""
    out: dict[str, object] = {"intro": layout.intro}
    for key in ("overview", "problems", "other_matters"):
        if key in layout.sections:
            out[key] = layout.sections[key]
    extras = list(layout.extra_sections)
    if edition is Edition.LEGACY and layout.tables:
        order = dict(layout.headings)
        placed = [(order.get(key, 0), ExtraSection(heading=layout.table_headings[key],
                                                   text=layout.table_text(key).strip()))
                  for key in layout.tables]
        extra_index = [index for key, index in layout.headings if key == "extra"]
        placed += list(zip(extra_index, extras, strict=False))
        extras = [section for _index, section in sorted(placed, key=lambda pair: pair[0])]
    out["extra_sections"] = tuple(extras)
    return out


def _drop_unprinted_tables(report: AnnualReport, builder: ReportBuilder, no_tables: bool) -> AnnualReport:
    if report.edition is Edition.LEGACY:
        return report
    drop: set[str] = set()
    rows_seen = {key.rsplit(".", 1)[0] for key in builder.values}
    single_other = report.prints_single_other_row
    for table in report.spec.tables:
        if not any(seen.startswith(table.key + ".") for seen in rows_seen):
            drop.add(table.key)
            if not no_tables:
                builder.problem("HTML.TABLE_MISSING", f"no table of section {table.heading} was found",
                                severity=ProblemSeverity.WARNING)
            continue
        missing = [row.label for row in table.rows
                   if report.spec.row_printed(table.key, row.key, other_handling=single_other)
                   and f"{table.key}.{row.key}" not in rows_seen]
        if missing:
            builder.problem("HTML.ROW_MISSING", f"section {table.heading}: no row found for "
                            + "、".join(missing) + " (left blank)", severity=ProblemSeverity.WARNING)
    if no_tables:
        builder.problem("HTML.NO_TABLES", f"a {report.edition.value}-edition report year, but the page prints "
                        "none of the national tables (images or attachments?)", severity=ProblemSeverity.WARNING)
    return without_tables(report, drop)


# ------------------------------------------------------------------------------------------ tables


_VOTE_ROWS = 200


def _edition_votes(grids: Sequence[Grid]) -> tuple[dict[Edition, int], int]:
    """Labels that only one edition's form prints, counted per edition; and how many labels
    of the national form (either edition: 自然人, 结果维持 …) the tables print at all."""
    markers = _edition_patterns()
    exact = _exact_forms(Edition.V2019)
    common = {form for form in exact["requests"] | exact["review_litigation"] if len(form) >= 4}
    votes = {Edition.V2019: 0, Edition.V2021: 0}
    national = 0
    seen: set[str] = set()
    for grid in grids:
        for r in range(min(len(grid.rows), _VOTE_ROWS)):
            for cell in grid.starting(r):
                if len(cell.text) > 80 or cell.text.isdigit():  # a number names no label
                    continue
                folded = _fold(cell.text)
                if folded in seen:
                    continue
                seen.add(folded)
                if folded in common:
                    national += 1
                for edition, pattern in markers.items():
                    if pattern.search(folded):
                        votes[edition] += 1
    return votes, national + sum(votes.values())


def _pick_edition(votes: dict[Edition, int]) -> Edition | None:
    if not any(votes.values()):
        return None
    if votes[Edition.V2021] > votes[Edition.V2019]:
        return Edition.V2021
    return Edition.V2019


@lru_cache(maxsize=4096)
def _header_word(edition: Edition, text: str) -> tuple[tuple[str, ...], int]:
    """What one cell text counts for in a header: the tables whose form prints it exactly, and
    1 when it counts otherwise (the 信息内容 corner, 小计, a column label printed differently)."""
    folded = _fold(text)
    if not folded or len(folded) > _MAX_LABEL:
        return (), 0
    if folded in _CORNER or folded in _SUBTOTAL:
        return (), 1
    tables = tuple(table for table, forms in _exact_forms(edition).items() if folded in forms)
    if tables:
        return tables, 0
    return (), int(any(_column_of(edition, t.key, text) for t in EDITIONS[edition].tables))


@lru_cache(maxsize=4096)
def _is_data_label(edition: Edition, text: str) -> bool:
    folded = _fold(text)
    if any(folded in forms for forms in _exact_forms(edition).values()):
        return False
    keys = {t.key for t in EDITIONS[edition].tables}
    return any(table in keys and _row_of(edition, table, text) for table in ("requests", "proactive"))


@lru_cache(maxsize=8)
def _row_columns(edition: Edition) -> dict[tuple[str, str], frozenset[str]]:
    """(table, row) → the column keys of that row (read-only by convention; built once per edition)."""
    return {(t.key, row.key): frozenset(c.key for c in row.columns) for t in EDITIONS[edition].tables for row in t.rows}


class _TableReader:
    """Walks every row of every data table in order, keeping the current section and header."""

    def __init__(self, builder: ReportBuilder, grids: Sequence[Grid], paths: Sequence[str],
                 refs: Sequence[_TableRef]) -> None:
        self.b = builder
        self.edition = builder.edition
        self.spec = builder.spec
        self.grids = grids
        self.paths = paths
        self.refs = refs
        self.section: str | None = None
        self.headers: dict[str, _Header] = {}
        self.tables = {t.key: t for t in self.spec.tables}
        self.row_columns = _row_columns(self.edition)
        self.blank_rows: dict[str, tuple[int, Grid, int]] = {}
        """Per table: the first row of blanks under its header (read when no other value is found)."""

    def read(self) -> None:
        for ti, grid in enumerate(self.grids):
            heading = self.refs[ti].heading
            if heading is not None and heading in self.tables:
                self.section = heading
            r = 0
            while r < len(grid.rows):
                r = self._row(ti, grid, r)
        for table, (ti, grid, r) in self.blank_rows.items():
            if not any(key.startswith(table + ".") for key in self.b.values):
                self._data(ti, grid, r)  # a table printed with every cell blank is a table of blanks

    def _blank_row(self, ti: int, grid: Grid, r: int) -> None:
        """Remember a row of blank cells that lies under a header with a block per column
        (section 四): it may be the only data row of a table printed blank."""
        table = self.section
        header = self.headers.get(table) if table else None
        if table is None or header is None or table in self.blank_rows or header.width != grid.width:
            return
        blocks = {block for block, _col in header.columns.values()}
        if None in blocks or len(grid.distinct(r)) != len(set(header.columns.values())):
            return
        self.blank_rows[table] = (ti, grid, r)

    # ----------------------------------------------------------------------------- rows

    def _row(self, ti: int, grid: Grid, r: int) -> int:
        cells = grid.distinct(r)
        texts = [c.text for c in cells]
        filled = [c for c in cells if c.text.strip()]
        if not filled:
            self._blank_row(ti, grid, r)
            return r + 1
        numbers = [c for c in cells if _is_number(c.text)]
        if len(filled) == 1 and not numbers and self._caption(filled[0].text):
            return r + 1
        if not numbers and self._labels_only(grid, filled):
            self._data(ti, grid, r)  # a row printed blank: "（七）总计" and empty cells, no header
            return r + 1
        if not numbers and self._header_score(texts)[0] > 0 and not any(self._is_data_label(c.text) for c in filled):
            end = r + 1
            while end < len(grid.rows):
                nxt = grid.distinct(end)
                if any(_is_number(c.text) for c in nxt) or self._header_score([c.text for c in nxt])[0] == 0:
                    break
                if any(self._is_data_label(c.text) for c in nxt if c.text.strip()):
                    break
                end += 1
            self._header(ti, grid, r, end)
            return end
        self._data(ti, grid, r)
        return r + 1

    def _labels_only(self, grid: Grid, filled: Sequence[Cell]) -> bool:
        """The filled cells of a row are all in the label columns of the current header, and
        one of them names a row of its table (a row printed blank, whose label may also be a
        column header's word: （七）总计)."""
        header = self.headers.get(self.section) if self.section else None
        if header is None or header.width != grid.width or self.section not in ("proactive", "requests"):
            return False
        if any(c.col >= header.first for c in filled):
            return False
        return any(_row_of(self.edition, header.table, c.text) for c in filled)

    def _caption(self, text: str) -> bool:
        folded = normalise(text)
        if "第二十条" in folded and len(folded) <= _MAX_LABEL:
            self.section = "proactive"
            return True
        section = match_section(text)
        if section is not None and section.key in self.tables:
            self.section = section.key
            return True
        return False

    def _header_score(self, texts: Iterable[str]) -> tuple[int, str | None]:
        """How many cells are header labels, and the table they point to by exact labels."""
        exact = dict.fromkeys(_exact_forms(self.edition), 0)
        fuzzy = 0
        for text in texts:
            tables, other = _header_word(self.edition, text)
            for table in tables:
                exact[table] = exact.get(table, 0) + 1
            fuzzy += other
            if other and not tables and _fold(text) in _SUBTOTAL:
                exact["requests"] = exact.get("requests", 0)
        total = sum(exact.values()) + fuzzy
        best = max(exact, key=lambda k: exact[k])
        unique = [k for k, v in exact.items() if v == exact[best]]
        return total, (best if exact[best] and len(unique) == 1 else None)

    def _is_data_label(self, text: str) -> bool:
        """A row label of section 二 or 三 (a row printed blank looks like a header otherwise)."""
        return _is_data_label(self.edition, text)

    def _header(self, ti: int, grid: Grid, r0: int, r1: int) -> None:
        texts = [c.text for r in range(r0, r1) for c in grid.distinct(r)]
        _score, table = self._header_score(texts)
        if table is None:
            table = self.section
        if table is None or table not in self.tables:
            return
        self.section = table
        columns: dict[int, tuple[str | None, str]] = {}
        units: dict[int, str] = {}
        subtotal = None
        for c in range(grid.width):
            stack: list[Cell] = []
            for r in range(r0, r1):
                cell = grid.rows[r][c]
                if cell is not None and (not stack or stack[-1] is not cell):
                    stack.append(cell)
            block: str | None = None
            col: str | None = None
            for cell in reversed(stack):
                if len(_fold(cell.text)) > _MAX_LABEL:
                    continue
                if _fold(cell.text) in _SUBTOTAL and table == "requests":
                    subtotal = c if subtotal is None or col is None else subtotal
                    break
                if col is None:
                    col = _column_of(self.edition, table, cell.text)
                    if col is not None:
                        if _YUAN_ONLY.search(normalise(cell.text)):
                            units[c] = "元"
                        continue
                if table == "review_litigation" and block is None:
                    block = _row_of(self.edition, table, cell.text)
            if col is not None:
                columns[c] = (block, col)
        if table == "review_litigation" and any(block for block, _col in columns.values()):
            # blocks across the top: a column without its block is a corner or a stray label
            columns = {c: key for c, key in columns.items() if key[0] is not None}
        if columns:
            self.headers[table] = _Header(table, columns, grid.width, subtotal, units)

    # ----------------------------------------------------------------------------- data

    def _data(self, ti: int, grid: Grid, r: int) -> None:
        table_key = self.section
        cells = grid.distinct(r)
        header = self.headers.get(table_key) if table_key else None
        first = header.first if header else 0
        labels = [c for c in cells if c.col < first and c.text.strip()] if header else []
        if header is None or header.width != grid.width:
            labels = []
            for c in cells:
                if _is_value(c.text):
                    break
                if c.text.strip():
                    labels.append(c)
        row_key: str | None = None
        if table_key in ("proactive", "requests"):
            row_key = self._match_label(table_key, labels)
        elif table_key == "review_litigation" and header is not None and labels and not any(
                block for block, _col in header.columns.values()):
            row_key = self._match_label(table_key, labels)  # blocks down the side, one row each
        if row_key is None and labels:
            for other in ("requests", "proactive"):
                if other != table_key and other in self.tables:
                    row_key = self._match_label(other, labels)
                    if row_key is not None:
                        table_key = other
                        self.section = other
                        header = self.headers.get(other)
                        break
        loc = Location(table=ti, row=r, element=self.paths[ti])
        if table_key is None or header is None:
            if any(_is_number(c.text) for c in cells):
                self.b.problem("HTML.ROW_UNPLACED", "a row of numbers outside any recognised table",
                               severity=ProblemSeverity.INFO, location=loc,
                               raw=" | ".join(c.text for c in cells))
            return
        side_blocks = table_key == "review_litigation" and not any(block for block, _c in header.columns.values())
        if (table_key != "review_litigation" or side_blocks) and row_key is None:
            if any(_is_number(c.text) for c in cells) and labels:
                self.b.problem("HTML.UNKNOWN_ROW", f"row label {labels[-1].text!r} matches no row of "
                               f"section {self.tables[table_key].heading}", location=loc,
                               raw=" | ".join(c.text for c in cells))
            return
        self._values(ti, grid, r, table_key, row_key, header, labels)

    def _match_label(self, table: str, labels: Sequence[Cell]) -> str | None:
        if not labels:
            return None
        for cell in reversed(labels):
            key = _row_of(self.edition, table, cell.text)
            if key is not None:
                return key
            # a group label and its row in one cell: "（三）不予公开<br>1.属于国家秘密",
            # "行政诉讼（未经复议直接起诉）"
            parts = [p for p in _LABEL_PARTS.split(cell.text) if len(_fold(p)) >= 4]
            if len(parts) > 1:
                for part in reversed(parts):
                    key = _row_of(self.edition, table, part)
                    if key is not None:
                        return key
        joined = "".join(c.text for c in labels)
        return _row_of(self.edition, table, joined)

    def _values(self, ti: int, grid: Grid, r: int, table: str, row_key: str | None, header: _Header,
                labels: Sequence[Cell]) -> None:
        label_ids = {id(c) for c in labels}
        keys = header.keys
        values = [c for c in grid.distinct(r) if id(c) not in label_ids and (c.col >= header.first
                                                                             or header.width != grid.width)]
        if header.width != grid.width:
            values = values[-len(keys):] if len(values) >= len(keys) else values
        while len(values) > len(keys) and not _is_value(values[0].text):
            values.pop(0)  # a row label where the header has no corner cell ("件数")
        while len(values) > len(keys) and not values[-1].text.strip():
            values.pop()  # blank padding cells to the right of a narrower block
        assigned: list[tuple[tuple[str | None, str], Cell | None]] = []
        slot_of: dict[int, int] = {}  # id(cell) → the grid column of its header
        if len(values) == len(keys):
            assigned = [(key, cell) for (_col, key), cell in zip(keys, values, strict=True)]
            if header.units:
                slot_of = {id(cell): col for (col, _key), cell in zip(keys, values, strict=True)}
        else:
            used: set[int] = set()
            for col, key in keys:
                cell = grid.rows[r][col] if col < len(grid.rows[r]) else None
                if cell is None or id(cell) in used or id(cell) in label_ids:
                    assigned.append((key, None))
                    continue
                used.add(id(cell))
                slot_of[id(cell)] = col
                assigned.append((key, cell))
            self.b.problem("HTML.SPAN_MISMATCH", f"{len(values)} value cell(s) under {len(keys)} column(s); "
                           "read by position", severity=ProblemSeverity.INFO,
                           location=Location(table=ti, row=r, element=self.paths[ti]))
        element = self.paths[ti]
        parts: dict[str, int] = {}
        subtotal: Cell | None = None
        for (block, col_name), cell in assigned:
            if col_name == "__subtotal__":
                subtotal = cell
                continue
            rk = (block or row_key) if table == "review_litigation" else row_key
            if rk is None:
                continue
            if col_name not in self.row_columns[table, rk]:
                if cell is not None and cell.text.strip() and row_key is not None:
                    loc = Location(table=ti, row=r, column=cell.col, element=element)
                    self.b.problem("HTML.EXTRA_CELL", f"{table}.{rk}: column {col_name!r} is not on the form",
                                   severity=ProblemSeverity.INFO, location=loc, raw=cell.text)
                continue
            cell_key = f"{table}.{rk}.{col_name}"
            loc = Location(key=cell_key, table=ti, row=r, column=cell.col if cell else None, element=element)
            raw = cell.text if cell is not None else ""
            if header.units and cell is not None and header.units.get(slot_of.get(id(cell), -1)) == "元":
                value = self._set_yuan(cell_key, raw, loc)
            else:
                value = self.b.set_raw(cell_key, raw, loc)
            if table == "requests" and col_name not in ("natural_person", "total") and isinstance(value, int):
                parts[col_name] = value
        if subtotal is not None and row_key is not None:
            self._check_subtotal(ti, r, row_key, subtotal, parts)

    def _set_yuan(self, key: str, raw: str, loc: Location) -> CellValue:
        """A money cell under a header in 元: a bare number is converted to 万元, with a note."""
        value, _clean = parse_cell(raw, ColumnKind.MONEY)
        if not isinstance(value, Decimal) or "元" in raw:
            return self.b.set_raw(key, raw, loc)
        converted = value / _TEN_THOUSAND
        self.b.set_value(key, converted, Provenance(attrs.evolve(loc, key=key), raw,
                                                    "the column header gives 元; converted to 万元"))
        return converted

    def _check_subtotal(self, ti: int, r: int, row_key: str, cell: Cell, parts: dict[str, int]) -> None:
        value, _clean = parse_cell(cell.text, ColumnKind.COUNT)
        loc = Location(table=ti, row=r, column=cell.col, element=self.paths[ti])
        if value is None or isinstance(value, Placeholder):
            return
        if isinstance(value, Unreadable) or not isinstance(value, int):
            self.b.problem("HTML.SUBTOTAL_UNREADABLE", f"requests.{row_key}: 小计 {cell.text!r} is not a number",
                           location=loc, raw=cell.text)
            return
        expected = sum(parts.values())
        if value != expected:
            self.b.problem(
                "HTML.SUBTOTAL_MISMATCH",
                f"requests.{row_key}: 法人或其他组织 小计 printed {value}, the five columns sum to {expected} "
                f"(difference {value - expected})",
                severity=ProblemSeverity.WARNING, location=loc, raw=cell.text,
            )


# ------------------------------------------------------------------------------------------ metadata


def _head_metadata(doc: etree._Element) -> dict[str, str]:
    out: dict[str, str] = {}
    names = {"articletitle": "title", "pubdate": "published", "contentsource": "source", "url": "url",
             "og:url": "url", "firstpublishedtime": "published"}
    for meta in doc.iter("meta"):
        name = (meta.get("name") or meta.get("property") or "").strip().lower()
        content = " ".join((meta.get("content") or "").split())
        if name in names and content and names[name] not in out:
            out[names[name]] = content
    for link in doc.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href") and "url" not in out:
            out["url"] = link.get("href", "")
    title = doc.find(".//title")
    if title is not None:
        text = " ".join(_text_of(title).split())
        if text:
            out["page_title"] = text
    return out


def _info_table_metadata(doc: etree._Element) -> dict[str, str]:
    """索引号 / 发布机构 / 公开日期 … from a small info table (or labelled cells) anywhere on the page."""
    out: dict[str, str] = {}
    for table in doc.iter("table"):
        if table.find(".//table") is not None:
            continue
        tds = [td for _, td in zip(range(41), table.iter("td", "th"), strict=False)]
        if len(tds) > 40:
            continue
        whole = _text_of(table)
        if not any(label in whole for label in _INFO_LABELS):
            continue
        cells = [cell_text(td) for td in tds]
        for i, text in enumerate(cells):
            for part in text.split("\n"):
                label, sep, value = re.sub(r"[：:]", ":", part, count=1).partition(":")
                folded = normalise(label)
                field = _INFO_LABELS.get(folded)
                if field is None:
                    continue
                if not sep or not value.strip():
                    value = cells[i + 1] if i + 1 < len(cells) else ""
                value = " ".join(value.split())
                if value and field not in out and normalise(value) not in _INFO_LABELS:
                    out[field] = value
    return out


_REPORT_TEXT = etree.XPath("//body//text()[contains(., '报告') or contains(., '年报')]")


def _title_anywhere(doc: etree._Element) -> str | None:
    """A short element text naming a year's 信息公开…年度报告, anywhere in the page (the title
    often sits outside the content root)."""
    for node in cast(list[Any], _REPORT_TEXT(doc))[:50]:
        parent = node.getparent()
        if parent is None:
            continue
        text = " ".join(_text_of(parent).split())
        if 6 <= len(text) <= 80 and _YEAR_IN_TITLE.search(text) and _REPORT_TAIL.search(normalise(text)):
            return text
    return None


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    for sep in ("_", "|", " - ", "－"):
        head = title.split(sep)[0].strip()
        if _REPORT_TAIL.search(normalise(head)):
            return head
    return title if _REPORT_TAIL.search(normalise(title)) else None


def _year(title: str | None) -> int | None:
    if title:
        found = _YEAR_IN_TITLE.search(title)
        if found:
            return int(found.group(1))
    return None


def _agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    text = normalise(title)
    text = re.sub(r"^关于", "", text)
    tail = re.search(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)", text)
    if tail is None:
        return None
    head = text[: tail.start()]
    head = _YEAR_IN_TITLE.sub("", head)
    head = re.sub(r"(?:的|关于)$", "", head).strip("（）()《》 ")
    return head or None


def _date(text: str | None) -> date | None:
    if not text:
        return None
    found = _DATE.search(text)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


