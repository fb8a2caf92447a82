"""PDF character-and-line source on PDFium (``pypdfium2``, the ``pdf`` extra).

This module knows nothing about layout. It opens a PDF with PDFium's C engine and hands, per
page, what the layout stage needs as plain tuples:

* characters with their box, font size and direction, in the *displayed* frame: x from the
  left edge, ``top``/``bottom`` from the top edge (PDF user space has its origin bottom left;
  a ``/Rotate`` page is turned here so that its text reads upright);
* visible rulings: stroked line segments and rectangle sides, thin filled rectangles (hairline
  rules drawn as fills), from the page's path objects (inside form XObjects too);
* the page size, and how many characters had no Unicode mapping.

Character boxes follow the typographic convention the layout stage was tuned on: the loose
box's horizontal extent (the glyph's advance), the bottom at the font's descent and the top
one font size above it, so that glyphs of one font on one baseline share ``top`` and
``bottom`` whatever their ink. Characters PDFium *generates* (the spaces and line breaks it
infers) are skipped; only characters printed in the content stream are kept.

PDFium is not thread-safe: every call into it holds one module lock. Documents, pages and
text pages are closed as soon as a page has been read, so memory stays flat over many files.
Every PDFium failure becomes a :class:`~gov_disclosure.ParseError` (``PDF.CORRUPT``,
``PDF.ENCRYPTED``); nothing from ``pypdfium2`` escapes.
"""

from __future__ import annotations

import ctypes
import itertools
import math
import threading
from collections.abc import Iterator
from typing import Any

import attrs

from .._errors import MissingExtraError, ParseError

__all__ = ["Char", "Edge", "SourcePage", "read_source"]

#: ``(text, x0, x1, top, bottom, size, upright, upward)`` in the displayed frame.
Char = tuple[str, float, float, float, float, float, bool, bool]
#: ``(x0, top, x1, bottom)`` of a ruling; one of its extents is zero (horizontal or vertical).
Edge = tuple[float, float, float, float]

_LOCK = threading.Lock()
_MIN_RULE = 3.0  # a ruling shorter than this is a tick, not a rule
_THIN = 2.5  # a rectangle this thin (either way) is a rule, filled or stroked
_MAX_FORM_DEPTH = 8
_EPS = 1e-6
_POINT_TEXT = 0.02  # a text object narrower than this is dropped by PDFium's text page


@attrs.frozen
class SourcePage:
    """One page as read: 1-based ``number``, displayed ``width``/``height`` (points),
    ``rotated`` when the page carries a ``/Rotate``, its characters and rulings, and the
    number of characters without a Unicode mapping (a font without ``ToUnicode``)."""

    number: int
    width: float
    height: float
    rotated: bool
    chars: tuple[Char, ...]
    edges: tuple[Edge, ...]
    undecodable: int


def _import_pdfium() -> tuple[Any, Any]:
    try:
        import pypdfium2
        import pypdfium2.raw as pdfium_c
    except ImportError as exc:
        raise MissingExtraError("pdf", "pypdfium2", "Reading PDF files") from exc
    return pypdfium2, pdfium_c


class _Frame:
    """User space → the displayed frame (x from the left, y from the top) of one page."""

    __slots__ = ("bottom", "left", "right", "rotation", "top")

    def __init__(self, box: tuple[float, float, float, float], rotation: int) -> None:
        self.left, self.bottom, self.right, self.top = box
        self.rotation = rotation

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        r = self.rotation
        if r == 0:
            return x - self.left, self.top - y
        if r == 90:
            return y - self.bottom, x - self.left
        if r == 180:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def vector(self, vx: float, vy: float) -> tuple[float, float]:
        """A direction in user space (y up) → the displayed frame with y up."""
        r = self.rotation
        if r == 0:
            return vx, vy
        if r == 90:
            return vy, -vx
        if r == 180:
            return -vx, -vy
        return -vy, vx

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """An axis-aligned user-space box → ``(x0, x1, top, bottom)`` displayed."""
        ax, at = self.point(x0, y0)
        bx, bt = self.point(x1, y1)
        return min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)


def _printable(code: int) -> bool:
    """A code point a character can carry (not 0, a lone surrogate, a non-character)."""
    return 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)


def _chars(c: Any, textpage: Any, frame: _Frame) -> tuple[list[Char], int]:
    count = c.FPDFText_CountChars(textpage)
    rect, matrix = c.FS_RECTF(), c.FS_MATRIX()
    ox, oy, descent = ctypes.c_double(0), ctypes.c_double(0), ctypes.c_float(0)
    get_unicode, is_generated = c.FPDFText_GetUnicode, c.FPDFText_IsGenerated
    map_error, loose_box = c.FPDFText_HasUnicodeMapError, c.FPDFText_GetLooseCharBox
    font_size, get_matrix, origin = c.FPDFText_GetFontSize, c.FPDFText_GetMatrix, c.FPDFText_GetCharOrigin
    text_object = c.FPDFText_GetTextObject
    rect_ref, matrix_ref, ox_ref, oy_ref = ctypes.byref(rect), ctypes.byref(matrix), ctypes.byref(ox), ctypes.byref(oy)
    descents: dict[int, float] = {}  # text object → its font's descent per unit of size
    out: list[Char] = []
    undecodable = 0
    last_box: tuple[float, float, float, float] | None = None
    pending: float | None = None  # x of a generated space since the last glyph
    for i in range(max(count, 0)):
        if is_generated(textpage, i) == 1:
            last_box = None
            if get_unicode(textpage, i) == 0x20 and out and loose_box(textpage, i, rect_ref):
                pending = rect.left  # a space PDFium inferred: kept if the next glyph agrees
            continue
        code = get_unicode(textpage, i)
        if map_error(textpage, i) == 1 or not _printable(code):
            undecodable += 1
            last_box = None
            continue
        text = chr(code)
        if text in "\r\n" or not loose_box(textpage, i, rect_ref):
            continue
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if box == last_box and out:
            # one glyph mapped to several characters (a ligature ``ﬁ`` → ``fi``): one glyph
            prev = out[-1]
            out[-1] = (prev[0] + text, *prev[1:])
            continue
        if pending is not None:
            prev = out[-1]
            em = prev[5] if prev[6] else 0.0
            if prev[2] - 0.5 <= pending - frame.left <= box[0] - frame.left + 0.5 * em and frame.rotation == 0:
                # a printed space that ends a text object: PDFium replaces it with one it
                # generates just past the space's advance (its spaces for wide kerning
                # gaps land elsewhere, past the next glyph)
                out.append((" ", prev[2], prev[2], *prev[3:]))
            pending = None
        last_box = box
        obj = text_object(textpage, i)
        x0, x1, top, bottom = frame.box(*box)
        if get_matrix(textpage, i, matrix_ref):
            a, b = frame.vector(matrix.a, matrix.b)
            cc, d = frame.vector(matrix.c, matrix.d)
            scale = math.hypot(matrix.c, matrix.d) or 1.0
        else:
            a, b, cc, d, scale = 1.0, 0.0, 0.0, 1.0, 1.0
        upright = abs(b) <= _EPS * max(abs(a), 1.0) and abs(cc) <= _EPS * max(abs(d), 1.0)
        size = font_size(textpage, i) * scale
        if upright and d > 0 and size > 0 and origin(textpage, i, ox_ref, oy_ref):
            # the em box: from the font's descent below the baseline, one font size high
            # (PDFium's loose box takes a font's glyph bounds when it lacks a FontBBox)
            key = ctypes.cast(obj, ctypes.c_void_p).value or 0
            if key not in descents:
                font = c.FPDFTextObj_GetFont(obj) if obj else None
                ok = font and c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), ctypes.byref(descent))
                descents[key] = min(float(descent.value), 0.0) if ok else 0.0
            _, baseline = frame.point(ox.value, oy.value)
            bottom = baseline - descents[key] * size
            top = bottom - size
        elif not upright or size <= 0:
            size = bottom - top
        out.append((text, x0, x1, top, bottom, size, upright, b > 0))
    return out, undecodable


def _path_edges(c: Any, obj: Any, matrix: tuple[float, ...], frame: _Frame, out: list[Edge]) -> None:
    fill = ctypes.c_int(0)
    stroke = ctypes.c_int(0)
    if not c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return
    stroked, filled = bool(stroke.value), fill.value != 0
    if not (stroked or filled):
        return  # a clipping path or an invisible one
    a, b, cc, d, e, f = matrix
    x, y = ctypes.c_float(0), ctypes.c_float(0)
    subpaths: list[list[tuple[float, float]]] = []
    curved: list[bool] = []
    for k in range(c.FPDFPath_CountSegments(obj)):
        segment = c.FPDFPath_GetPathSegment(obj, k)
        if not segment or not c.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y)):
            continue
        kind = c.FPDFPathSegment_GetType(segment)
        px, py = frame.point(a * x.value + cc * y.value + e, b * x.value + d * y.value + f)
        if kind == c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([(px, py)])
            curved.append(False)
        else:
            subpaths[-1].append((px, py))
            if kind == c.FPDF_SEGMENT_BEZIERTO:
                curved[-1] = True
        if c.FPDFPathSegment_GetClose(segment) and subpaths[-1][0] != subpaths[-1][-1]:
            subpaths[-1].append(subpaths[-1][0])
    for points, bent in zip(subpaths, curved, strict=True):
        _subpath_edges(points, bent, stroked=stroked, filled=filled, out=out)


def _is_box(points: list[tuple[float, float]]) -> bool:
    if len(points) == 5 and points[0] == points[-1]:
        points = points[:4]
    if len(points) != 4:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _subpath_edges(
    points: list[tuple[float, float]], bent: bool, *, stroked: bool, filled: bool, out: list[Edge]
) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    if not bent and len(points) == 2:
        if stroked and (bottom - top < 1 or x1 - x0 < 1):
            _add(out, x0, top, x1, bottom)
    elif not bent and _is_box(points):
        if min(x1 - x0, bottom - top) <= _THIN:
            _add(out, x0, top, x1, bottom)
        elif stroked:
            _add(out, x0, top, x1, top)
            _add(out, x0, bottom, x1, bottom)
            _add(out, x0, top, x0, bottom)
            _add(out, x1, top, x1, bottom)
    elif stroked:
        for (ax, ay), (bx, by) in itertools.pairwise(points):
            if abs(ax - bx) < 1 or abs(ay - by) < 1:
                _add(out, min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))


def _add(out: list[Edge], x0: float, top: float, x1: float, bottom: float) -> None:
    """A rule along the longer side of the box, through its middle."""
    if bottom - top < x1 - x0:
        top = bottom = (top + bottom) / 2
    else:
        x0 = x1 = (x0 + x1) / 2
    if max(x1 - x0, bottom - top) >= _MIN_RULE:
        out.append((x0, top, x1, bottom))


def _compose(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _edges(c: Any, page: Any, frame: _Frame) -> list[Edge]:
    out: list[Edge] = []
    fs = c.FS_MATRIX()

    def matrix_of(obj: Any) -> tuple[float, ...]:
        if c.FPDFPageObj_GetMatrix(obj, ctypes.byref(fs)):
            return (fs.a, fs.b, fs.c, fs.d, fs.e, fs.f)
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

    def walk(objs: Iterator[Any], outer: tuple[float, ...] | None, depth: int) -> None:
        for obj in objs:
            if not obj:
                continue
            kind = c.FPDFPageObj_GetType(obj)
            if kind == c.FPDF_PAGEOBJ_TEXT:
                _widen_point_text(c, obj)
            elif kind == c.FPDF_PAGEOBJ_PATH:
                own = matrix_of(obj)
                _path_edges(c, obj, own if outer is None else _compose(own, outer), frame, out)
            elif kind == c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
                own = matrix_of(obj)
                form = own if outer is None else _compose(own, outer)
                inner = (c.FPDFFormObj_GetObject(obj, k) for k in range(c.FPDFFormObj_CountObjects(obj)))
                walk(inner, form, depth + 1)

    walk((c.FPDFPage_GetObject(page, k) for k in range(c.FPDFPage_CountObjects(page))), None, 0)
    return out


def _widen_point_text(c: Any, obj: Any) -> None:
    """Give a text object whose box is a point the width of a hairline stroke.

    PDFium boxes a text object by its glyphs' outlines; a font that is neither embedded nor
    installed has none, so a one-glyph object (a character of a label set vertically, a lone
    ``无`` in a cell) is a point, and PDFium's text page drops every object narrower than
    0.01 pt. A stroked text object's box is widened by half its line width: drawing it
    stroked (in this in-memory copy only, before the text page is built) keeps its
    characters, whose boxes come from the font's advance and ascent, not the outlines.
    """
    left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
    if not c.FPDFPageObj_GetBounds(obj, *map(ctypes.byref, (left, bottom, right, top))):
        return
    if right.value - left.value >= _POINT_TEXT:
        return
    c.FPDFTextObj_SetTextRenderMode(obj, c.FPDF_TEXTRENDERMODE_FILL_STROKE)
    c.FPDFPageObj_SetStrokeWidth(obj, ctypes.c_float(1.0))
    c.FPDFPageObj_Transform(obj, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # recomputes the box


def _read_page(pdfium: Any, c: Any, doc: Any, index: int) -> SourcePage:
    page = doc[index]
    try:
        left, bottom, right, top = page.get_mediabox()
        rotation = int(page.get_rotation()) % 360
        frame = _Frame((float(left), float(bottom), float(right), float(top)), rotation)
        edges = _edges(c, page.raw, frame)  # before the text page: it widens point-sized text
        textpage = page.get_textpage()
        try:
            chars, undecodable = _chars(c, textpage.raw, frame)
        finally:
            textpage.close()
        width, height = frame.size
    finally:
        page.close()
    return SourcePage(
        number=index + 1,
        width=width,
        height=height,
        rotated=rotation != 0,
        chars=tuple(chars),
        edges=tuple(edges),
        undecodable=undecodable,
    )


def read_source(data: bytes) -> list[SourcePage]:
    """Every page of the PDF in ``data``, read with PDFium.

    Raises :class:`~gov_disclosure.ParseError` ``PDF.ENCRYPTED`` for a PDF that needs a
    password, ``PDF.CORRUPT`` for one PDFium cannot load, and
    :class:`~gov_disclosure.MissingExtraError` when ``pypdfium2`` is not installed.
    """
    pdfium, c = _import_pdfium()
    with _LOCK:
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            # PDFium's last error is process-wide and not reset by a load that fails for
            # another reason: an encrypted file also names its /Encrypt dictionary in its
            # trailer (never compressed), so both must agree
            encrypted = b"/Encrypt" in data
            if encrypted and getattr(exc, "err_code", None) in (c.FPDF_ERR_PASSWORD, c.FPDF_ERR_SECURITY):
                message = "the PDF is encrypted and cannot be opened without its password"
                raise ParseError("PDF.ENCRYPTED", message) from exc
            raise ParseError("PDF.CORRUPT", f"the PDF could not be read ({exc})") from exc
        except Exception as exc:  # ctypes or pypdfium2 on input it does not expect
            raise ParseError("PDF.CORRUPT", f"the PDF could not be read ({type(exc).__name__}: {exc})") from exc
        try:
            return [_read_page(pdfium, c, doc, index) for index in range(len(doc))]
        except Exception as exc:  # PdfiumError on a page PDFium cannot load
            message = f"a page of the PDF could not be read ({type(exc).__name__}: {exc})"
            raise ParseError("PDF.CORRUPT", message) from exc
        finally:
            doc.close()
