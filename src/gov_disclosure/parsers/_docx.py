"""Reading a report from a Word document (``.docx``, WordprocessingML), over zipfile and lxml.

The steps, each bounded in time and memory on untrusted input:

1. the archive: entry names checked (no ``..``, no absolute path), the sizes the central
   directory declares bounded in total and in compression ratio, and the bounds enforced again
   while the few parts read are inflated (a lying directory gains nothing);
2. the parts (``word/document.xml``, ``word/numbering.xml``, ``docProps/core.xml``) parsed by lxml
   with no network, no DTD (a ``DOCTYPE`` is refused outright, so no entity is ever expanded) and
   libxml2's depth limit;
3. the body in reading order: paragraphs become text lines (runs and their pieces joined,
   ``w:ins`` read and ``w:del`` not, the result text of simple and complex fields, content
   controls, text boxes read once from one branch of ``mc:AlternateContent``, list labels
   rendered from the numbering part); tables become grids (:mod:`._grid`) with
   ``w:gridSpan``, ``w:vMerge``, ``w:hMerge`` and ``w:gridBefore`` honoured, spans clamped and
   sizes bounded; a table that holds a table, or prose, is layout: its cells are read as body;
4. from there the path of every source of lines and grids (:mod:`._document`): the shared
   grid reader, the prose sections, the metadata (the core properties' title and dates where
   the body does not say).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from typing import Any

from lxml import etree

from .._errors import ParseError
from .._hanzi import fold_hanzi
from ..model import Edition
from ._anchors import find_anchors, grid_texts, is_report_title, section_keys
from ._builder import ReportBuilder
from ._document import (
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
from ._grid import MAX_COLUMNS, MAX_ROWS, MAX_SLOTS, Cell, Grid
from ._prose import AGENCY_FIELD_NAMES, find_metadata, split_sections
from ._result import Location, ParseResult, ProblemSeverity
from ._table import TableReader, grid_problems

__all__ = ["MAX_DOCX_BYTES", "MAX_PART_BYTES", "parse_docx"]

MAX_DOCX_BYTES = 50 * 1024 * 1024
"""A larger file is refused with ``DOCX.TOO_LARGE``."""
MAX_PART_BYTES = 16 * 1024 * 1024
"""Uncompressed size of one part read (a report's ``document.xml`` is well under 1 MB)."""
_MAX_TOTAL_BYTES = 256 * 1024 * 1024
"""Uncompressed size of every entry together, as the central directory declares it."""
_MAX_RATIO = 100
"""Compression ratio above which a large entry is a zip bomb (XML compresses about 10:1)."""
_RATIO_FLOOR = 1024 * 1024
"""Entries smaller than this are not held to the ratio."""
_MAX_ENTRIES = 10_000
_MAX_TABLES = 400
_MAX_TOTAL_SLOTS = 200_000
_MAX_LINES = 100_000
_PROSE_CELL = 200

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + W + "}"
_CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}

_P, _TBL, _TR, _TC, _R, _T = (_W + n for n in ("p", "tbl", "tr", "tc", "r", "t"))
_TXBX = _W + "txbxContent"
_ALT = "{" + MC + "}AlternateContent"
_CHOICE = "{" + MC + "}Choice"
_FALLBACK = "{" + MC + "}Fallback"
_BREAKS = frozenset({_W + "br", _W + "cr"})
_SPACES = frozenset({_W + "tab", _W + "ptab"})
# Never text of the document: deleted runs, field instructions, properties, footnote marks.
_SKIP = frozenset(_W + n for n in (
    "del", "delText", "delInstrText", "moveFrom", "instrText", "rPr", "pPr", "tblPr", "trPr", "tcPr",
    "sdtPr", "sdtEndPr", "sectPr", "fldChar", "tblGrid", "footnoteReference", "endnoteReference",
    "commentReference", "annotationRef", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak",
))
_SKIP_ALL = _SKIP | {_FALLBACK}
_AGENCY_LABEL = "|".join(AGENCY_FIELD_NAMES)  # one list of the labels, in parsers/_prose.py
_AGENCY_FIELD = re.compile(rf"^\s*(?:{_AGENCY_LABEL})\s*[:：]\s*\S")
_EMPTY_AGENCY = re.compile(rf"^\s*(?:{_AGENCY_LABEL})\s*[:：]\s*$")
_FIELD = re.compile(r"^\s*[^\s:：]{2,6}\s*[:：]")
"""A ``label：value`` line (报告年度：2019年, 发布日期：…): a metadata field, never the title."""


# ------------------------------------------------------------------------------------------ entry


def parse_docx(source: bytes, *, strict: bool = False) -> ParseResult:
    """Parse a report from the bytes of a ``.docx`` file.

    Archives that are no Word document, or hostile, raise :class:`ParseError`:
    ``DOCX.NOT_A_ZIP``, ``DOCX.DAMAGED`` (a broken or encrypted archive), ``DOCX.UNSAFE_NAME``
    (an entry named with ``..`` or an absolute path), ``DOCX.TOO_LARGE`` (the file, a part, the
    declared total, or a compression ratio past the bounds), ``DOCX.NO_DOCUMENT`` (no
    ``word/document.xml``), ``DOCX.DTD`` (a part declares a DTD or entities), ``DOCX.XML`` (a part
    is no well-formed XML, or nested past libxml2's depth limit), ``DOCX.EMPTY``.

    Problem codes besides the ``CELL.*`` codes of every parser: those of the shared grid reader
    with the ``DOCX`` prefix (``DOCX.UNKNOWN_ROW``, ``DOCX.SUBTOTAL_MISMATCH`` …, as listed for
    :func:`~gov_disclosure.parse_html`), ``DOCX.TABLE_MISSING``, ``DOCX.ROW_MISSING``,
    ``DOCX.NO_TABLES``, ``DOCX.SPAN_CLAMPED``, ``DOCX.TABLE_TRUNCATED``, and
    ``EDITION.YEAR_MISMATCH``.
    """
    if not isinstance(source, (bytes, bytearray, memoryview)):
        raise ParseError("DOCX.INPUT", {"type": type(source).__name__})
    data = bytes(source)
    if len(data) > MAX_DOCX_BYTES:
        raise ParseError("DOCX.TOO_LARGE", {"size": len(data), "limit": MAX_DOCX_BYTES})
    parts = _read_parts(data)
    document = _xml(parts["word/document.xml"], "word/document.xml")
    numbering = _Numbering(_xml(parts["word/numbering.xml"], "word/numbering.xml")
                           if "word/numbering.xml" in parts else None)
    core = _core(_xml(parts["docProps/core.xml"], "docProps/core.xml")) if "docProps/core.xml" in parts else {}
    body = document.find(_W + "body")
    if body is None:
        raise ParseError("DOCX.EMPTY#body")
    return _read(_Body(numbering).walk(body), core, strict=strict)


# ------------------------------------------------------------------------------------------ archive


def _read_parts(data: bytes) -> dict[str, bytes]:
    if not data.startswith(b"PK"):
        raise ParseError("DOCX.NOT_A_ZIP")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError) as exc:
        raise ParseError("DOCX.NOT_A_ZIP#damaged", {"reason": str(exc)}) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > _MAX_ENTRIES:
            raise ParseError("DOCX.TOO_LARGE#entries", {"count": len(infos)})
        total = 0
        by_name: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            if _unsafe(name):
                raise ParseError("DOCX.UNSAFE_NAME", {"name": name[:200]})
            total += info.file_size
            if info.file_size > _RATIO_FLOOR and info.file_size > _MAX_RATIO * max(info.compress_size, 1):
                raise ParseError("DOCX.TOO_LARGE#bomb", {"name": name[:200], "packed": info.compress_size,
                                                         "size": info.file_size})
            by_name.setdefault(name, info)
        if total > _MAX_TOTAL_BYTES:
            raise ParseError("DOCX.TOO_LARGE#total", {"size": total, "limit": _MAX_TOTAL_BYTES})
        if "word/document.xml" not in by_name:
            raise ParseError("DOCX.NO_DOCUMENT")
        out: dict[str, bytes] = {}
        for name in ("word/document.xml", "word/numbering.xml", "docProps/core.xml"):
            part = by_name.get(name)
            if part is not None:
                out[name] = _inflate(archive, part)
        return out


def _unsafe(name: str) -> bool:
    if not name or "\x00" in name or name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part == ".." for part in name.replace("\\", "/").split("/"))


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """The entry's bytes, never more than :data:`MAX_PART_BYTES` whatever the directory says."""
    if info.file_size > MAX_PART_BYTES:
        raise ParseError("DOCX.TOO_LARGE#part", {"name": info.filename, "size": info.file_size,
                                                 "limit": MAX_PART_BYTES})
    try:
        with archive.open(info) as stream:
            chunks: list[bytes] = []
            size = 0
            while True:
                chunk = stream.read(1 << 20)
                if not chunk:
                    break
                size += len(chunk)
                if size > MAX_PART_BYTES or size > _MAX_RATIO * max(info.compress_size, 1) + _RATIO_FLOOR:
                    raise ParseError("DOCX.TOO_LARGE#understated", {"name": info.filename})
                chunks.append(chunk)
    except ParseError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError, OSError) as exc:
        raise ParseError("DOCX.DAMAGED", {"name": info.filename, "reason": str(exc)}) from None
    return b"".join(chunks)


def _xml(data: bytes, name: str) -> etree._Element:
    head = data[:4096]
    if b"<!DOCTYPE" in data or b"<!ENTITY" in head:
        raise ParseError("DOCX.DTD", {"name": name})
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False,
                             remove_comments=True, remove_pis=True, collect_ids=False)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.LxmlError, ValueError) as exc:
        raise ParseError("DOCX.XML", {"name": name, "reason": str(exc)[:200]}) from None
    if root is None:  # pragma: no cover - fromstring raises instead
        raise ParseError("DOCX.XML#empty", {"name": name})
    return root


def _core(root: etree._Element) -> dict[str, Any]:
    out: dict[str, Any] = {}
    title = root.findtext("dc:title", namespaces=_CORE_NS)
    if title and title.strip():
        out["title"] = " ".join(title.split())
    for field in ("modified", "created"):
        found = date_in(root.findtext(f"dcterms:{field}", namespaces=_CORE_NS))
        if found is not None and "published" not in out:
            out["published"] = found
    return out


# ------------------------------------------------------------------------------------------ numbering

_CHINESE = "〇一二三四五六七八九"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def _chinese(n: int) -> str:
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            out += ("" if value == 10 and digit == 1 and not out else _CHINESE[digit]) + unit
        elif out and n:
            out += "" if out.endswith("〇") else "〇"
    if n:
        out += _CHINESE[n]
    return out


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def _letters(n: int) -> str:
    if n <= 0:
        return str(n)
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting", "ideographDigital", "chineseLegalSimplified"):
        return _chinese(n)
    if fmt == "ideographTraditional":
        return _HEAVENLY[(n - 1) % 10] if n > 0 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(ch) + 0xFEE0) for ch in str(n))
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class _Numbering:
    """List labels of numbered paragraphs (``w:numPr``), counted as Word counts them."""

    def __init__(self, root: etree._Element | None) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, text)
        self.counters: dict[str, list[int]] = {}
        if root is None:
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in root.iterchildren(_W + "abstractNum"):
            abstract[node.get(_W + "abstractNumId", "")] = self._levels(node)
        for num in root.iterchildren(_W + "num"):
            ref = num.find(_W + "abstractNumId")
            levels = dict(abstract.get(ref.get(_W + "val", "") if ref is not None else "", {}))
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"), 0)
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    levels.update(self._levels(override))
                start = override.find(_W + "startOverride")
                if start is not None and ilvl in levels:
                    _s, fmt, text = levels[ilvl]
                    levels[ilvl] = (_int(start.get(_W + "val"), 1), fmt, text)
            self.levels[num.get(_W + "numId", "")] = levels

    @staticmethod
    def _levels(node: etree._Element) -> dict[int, tuple[int, str, str]]:
        out: dict[int, tuple[int, str, str]] = {}
        for lvl in node.iterchildren(_W + "lvl"):
            ilvl = _int(lvl.get(_W + "ilvl"), 0)
            start, fmt, text = lvl.find(_W + "start"), lvl.find(_W + "numFmt"), lvl.find(_W + "lvlText")
            out[ilvl] = (_int(start.get(_W + "val") if start is not None else None, 1),
                         fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                         text.get(_W + "val", "") if text is not None else "")
        return out

    def label(self, ppr: etree._Element | None) -> str:
        """The label of the paragraph with properties ``ppr`` (``""`` when it is not numbered)."""
        if ppr is None or not self.levels:
            return ""
        numpr = ppr.find(_W + "numPr")
        if numpr is None:
            return ""
        num, lvl = numpr.find(_W + "numId"), numpr.find(_W + "ilvl")
        num_id = num.get(_W + "val", "") if num is not None else ""
        levels = self.levels.get(num_id)
        if not levels:
            return ""
        ilvl = min(max(_int(lvl.get(_W + "val") if lvl is not None else None, 0), 0), 8)
        counters = self.counters.setdefault(num_id, [0] * 9)
        counters[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = 0
        start, fmt, text = levels.get(ilvl, (1, "decimal", ""))
        if fmt == "bullet":
            return ""
        out = text
        for level in range(ilvl, -1, -1):  # %10 is no placeholder: replace the highest first
            lstart, lfmt, _t = levels.get(level, (1, "decimal", ""))
            out = out.replace(f"%{level + 1}", _format_number(lstart + max(counters[level], 1) - 1, lfmt))
        del start
        return out


def _int(value: str | None, default: int) -> int:
    if value is None:
        return default
    digits = value.strip()[:6]
    return int(digits) if digits.isdigit() else default


# ------------------------------------------------------------------------------------------ body


class _Walked:
    """The body as text lines and grids, each grid placed by the lines before it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.grids: list[Grid] = []
        self.positions: list[int] = []
        self.elements: list[str] = []
        self.dropped = 0


class _Body:
    """One walk of one body: iterative, bounded."""

    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering
        self.out = _Walked()
        self.budget = _MAX_TOTAL_SLOTS
        self.tables = 0

    def walk(self, body: etree._Element) -> _Walked:
        stack: list[etree._Element] = [body]
        while stack:
            el = stack.pop()
            tag = el.tag
            if tag == _P:
                boxes = self._paragraph(el)
                stack.extend(reversed(boxes))  # text boxes read after their paragraph
            elif tag == _TBL:
                nested = self._table(el)
                stack.extend(reversed(nested))
            elif tag in _SKIP_ALL or not isinstance(tag, str):
                continue
            elif tag == _ALT:
                choice = el.find(_CHOICE)
                if choice is None:
                    choice = el.find(_FALLBACK)
                if choice is not None:
                    stack.append(choice)
            else:  # sdt, sdtContent, customXml, ins, body, txbxContent, a layout cell …
                stack.extend(reversed(el))
        return self.out

    def _line(self, text: str) -> None:
        if len(self.out.lines) >= _MAX_LINES:
            return
        for part in text.split("\n"):
            line = " ".join(part.split())
            if line:
                self.out.lines.append(line)

    def _paragraph(self, p: etree._Element) -> list[etree._Element]:
        boxes: list[etree._Element] = []
        text = _text(p, boxes)
        label = self.numbering.label(p.find(_W + "pPr"))
        if label and text.strip():
            # 一、总体情况 / （一）… run on; 1. Text and A) Text take a space
            text = label + (" " if label[-1].isascii() else "") + text.lstrip()
        self._line(text)
        return boxes

    def _table(self, tbl: etree._Element) -> list[etree._Element]:
        """Read a data table as a grid; a layout table's cells are returned to be read as body."""
        if _is_layout(tbl):
            return [tc for tr in _rows(tbl) for tc in _cells(tr)]
        self.tables += 1
        if self.budget <= 0 or self.tables > _MAX_TABLES:
            self.out.dropped += 1
            return []
        grid, boxes = _expand(tbl, self.numbering)
        self.budget -= grid.width * len(grid.rows)
        self.out.grids.append(grid)
        self.out.positions.append(len(self.out.lines))
        self.out.elements.append(f"w:tbl[{self.tables}]")
        return boxes


def _is_layout(tbl: etree._Element) -> bool:
    """A table for layout: it holds a table, or a cell of it holds prose."""
    if next(tbl.iterdescendants(_TBL), None) is not None:
        return True
    for tc in tbl.iter(_TC):
        size = 0
        for t in tc.iter(_T):
            size += len(t.text or "")
            if size >= _PROSE_CELL:
                return True
    return False


def _rows(tbl: etree._Element) -> Iterator[etree._Element]:
    """The ``w:tr`` of a table, through content controls and custom XML around them."""
    stack = list(reversed(tbl))
    while stack:
        el = stack.pop()
        if el.tag == _TR:
            yield el
        elif el.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            stack.extend(reversed(el))


def _cells(tr: etree._Element) -> Iterator[etree._Element]:
    stack = list(reversed(tr))
    while stack:
        el = stack.pop()
        if el.tag == _TC:
            yield el
        elif el.tag in (_W + "sdt", _W + "sdtContent", _W + "customXml"):
            stack.extend(reversed(el))


def _text(el: etree._Element, boxes: list[etree._Element]) -> str:
    """The text below ``el``: ``w:t`` pieces, breaks as newlines, tabs as spaces; deleted text,
    field instructions and the other branch of an alternate content left out; text boxes are
    appended to ``boxes`` to be read as paragraphs of their own."""
    parts: list[str] = []
    stack: list[etree._Element] = list(reversed(el))
    while stack:
        node = stack.pop()
        tag = node.tag
        if tag == _T:
            if node.text:
                parts.append(node.text)
        elif tag in _SKIP_ALL or not isinstance(tag, str):
            continue
        elif tag in _BREAKS:
            parts.append("\n")
        elif tag in _SPACES:
            parts.append(" ")
        elif tag == _W + "noBreakHyphen":
            parts.append("-")
        elif tag == _TXBX:
            boxes.append(node)
        elif tag == _ALT:
            choice = node.find(_CHOICE)
            if choice is None:
                choice = node.find(_FALLBACK)
            if choice is not None:
                stack.append(choice)
        else:
            stack.extend(reversed(node))
    return "".join(parts)


def _cell_text(tc: etree._Element, numbering: _Numbering, boxes: list[etree._Element]) -> str:
    lines: list[str] = []
    for child in tc:
        if child.tag == _P:
            label = numbering.label(child.find(_W + "pPr"))
            text = _text(child, boxes)
            lines.append(label + text if label and text.strip() else text)
        elif child.tag in (_W + "sdt", _W + "customXml"):
            lines.extend(_cell_text(p, numbering, boxes) for p in child.iter(_P))
    out = "\n".join(" ".join(line.split()) for text in lines for line in text.split("\n"))
    return out.strip("\n")


def _span(node: etree._Element | None, limit: int) -> tuple[int, bool]:
    if node is None:
        return 1, False
    n = _int(node.get(_W + "val"), 1)
    if n < 1:
        return 1, False
    if n > limit:
        return max(limit, 1), True
    return n, False


def _merge(tcpr: etree._Element | None, name: str) -> str | None:
    """``restart``, ``continue`` or ``None`` for ``w:vMerge`` / ``w:hMerge`` (no value means continue)."""
    if tcpr is None:
        return None
    node = tcpr.find(_W + name)
    if node is None:
        return None
    return "restart" if node.get(_W + "val") == "restart" else "continue"


def _expand(tbl: etree._Element, numbering: _Numbering) -> tuple[Grid, list[etree._Element]]:
    """``tbl`` as a :class:`Grid`: each cell as one :class:`Cell` covering its slots."""
    boxes: list[etree._Element] = []
    # [text, row, col, rowspan, colspan, header] per printed cell, resolved before the Cells are made
    owners: list[list[Any]] = []
    slots_of: list[list[int | None]] = []  # per row, per column: index into owners
    clamped = 0
    truncated = False
    slots = 0
    for r, tr in enumerate(_rows(tbl)):
        if r >= MAX_ROWS:
            truncated = True
            break
        trpr = tr.find(_W + "trPr")
        header = trpr is not None and trpr.find(_W + "tblHeader") is not None
        row: list[int | None] = []
        if trpr is not None:
            before, cut = _span(trpr.find(_W + "gridBefore"), MAX_COLUMNS)
            clamped += cut
            if trpr.find(_W + "gridBefore") is not None:
                row.extend([None] * before)
        for tc in _cells(tr):
            col = len(row)
            if col >= MAX_COLUMNS:
                break
            tcpr = tc.find(_W + "tcPr")
            span, cut = _span(tcpr.find(_W + "gridSpan") if tcpr is not None else None, MAX_COLUMNS - col)
            clamped += cut
            text = _cell_text(tc, numbering, boxes)
            last = row[-1] if row else None
            if _merge(tcpr, "hMerge") == "continue" and last is not None:
                owner = owners[last]
                owner[4] += span
                if text:
                    owner[0] = (owner[0] + "\n" + text).strip("\n")
                row.extend([last] * span)
                continue
            index = slots_of[r - 1][col] if r > 0 and col < len(slots_of[r - 1]) else None
            if _merge(tcpr, "vMerge") == "continue" and index is not None:
                owner = owners[index]
                if owner[2] == col and owner[1] + owner[3] == r:
                    owner[3] += 1
                    if text:
                        owner[0] = (owner[0] + "\n" + text).strip("\n")
                    row.extend([index] * min(owner[4], MAX_COLUMNS - col))
                    continue
            owners.append([text, r, col, 1, span, header])
            row.extend([len(owners) - 1] * span)
        slots += len(row)
        if slots > MAX_SLOTS:
            truncated = True
            break
        slots_of.append(row)
    cells = [Cell(text, row, col, rowspan, colspan, header) for text, row, col, rowspan, colspan, header in owners]
    width = max((len(row) for row in slots_of), default=0)
    rows = tuple(tuple(cells[i] if i is not None else None for i in row) + (None,) * (width - len(row))
                 for row in slots_of)
    return Grid(rows, width, truncated, clamped), boxes


# ------------------------------------------------------------------------------------------ report


def _read(walked: _Walked, core: dict[str, Any], *, strict: bool) -> ParseResult:
    lines, grids = walked.lines, walked.grids
    if not lines and not grids:
        raise ParseError("DOCX.EMPTY")
    found = find_metadata(lines)
    title = found["title"] if found["title"] and not _FIELD.match(found["title"]) else None
    if core.get("title") and (title is None or core["title"] in lines):
        title = core["title"]  # where the body does not say, or says the same
    title = fold_hanzi(title) if title else title
    year = year_in_title(title) or found["year"]
    choice = choose_edition(grids, year)
    edition = choice.edition
    layout = split_sections(lines, tables_are_prose=edition is Edition.LEGACY)
    find_anchors([*lines, *grid_texts(grids)], sections=section_keys(layout.headings),
                 titled=is_report_title(title)).refuse_unless_report("docx")
    headings = place_tables(walked.positions, layout)
    no_tables = not choice.has_tables and edition is not Edition.LEGACY

    builder = ReportBuilder(edition, source_format="docx")
    mismatch = choice.mismatch(year)
    if mismatch:
        builder.problem("EDITION.YEAR_MISMATCH", mismatch, severity=ProblemSeverity.WARNING)
    if walked.dropped:
        builder.problem("DOCX.TABLE_TRUNCATED", {"count": walked.dropped})
    grid_problems(builder, grids, walked.elements, "DOCX")
    if edition is not Edition.LEGACY and not no_tables:
        TableReader(builder, grids, headings=headings, elements=walked.elements, prefix="DOCX").read()
    builder.metadata.update(_metadata(lines, found, core, title, year))
    choose_agency(builder, _agency_candidates(lines, found, title))
    builder.metadata.update(prose_metadata(layout, edition))
    report = drop_unprinted_tables(builder.report(), builder, no_tables, "DOCX", layout)
    return builder.result(strict=strict, report=report)


def _agency_candidates(lines: list[str], found: dict[str, Any], title: str | None) -> list[AgencyCandidate]:
    """The document's own statements of the agency (a 发布机构 field, a 来源 field, the
    本报告由…编制 sentence, the signature at the end), the title's last; none at all where a
    blank 发布机构 field says the document names no agency."""
    head = lines[:40]
    fielded = found["agency"] if any(_AGENCY_FIELD.match(fold_hanzi(line)) for line in head) else None
    if fielded is None and any(_EMPTY_AGENCY.match(fold_hanzi(line)) for line in head):
        return []
    where = Location(line=found["agency_line"] + 1) if found["agency_line"] is not None else Location()
    stated = found["agency_basis"] if found["agency_basis"] not in (None, "title", "agency_field") else None
    return [
        ("agency_field", fielded, where, found["agency_raw"]),
        (stated or "", found["agency"] if stated else None, where, found["agency_raw"]),
        ("title", agency_from_title(title), Location(), title),
    ]


def _metadata(lines: list[str], found: dict[str, Any], core: dict[str, Any], title: str | None,
              year: int | None) -> dict[str, object]:
    out: dict[str, object] = {}
    if title:
        out["title"] = title
    if year is not None:
        out["year"] = year
    published: date | None = found["published"] or core.get("published")
    if published is not None:
        out["published"] = published
    if found["source_url"]:
        out["source_url"] = found["source_url"]
    return out

