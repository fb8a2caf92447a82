"""PDF character-and-line source on PDFium (``pypdfium2``, the ``pdf`` extra).

This module knows nothing about layout. It opens a PDF with PDFium's C engine and hands, per
page, what the layout stage needs as plain tuples:

* characters with their box, centre, font size and direction, in the *displayed* frame: x
  from the left edge, ``top``/``bottom`` from the top edge (PDF user space has its origin
  bottom left; a ``/Rotate`` page is turned here so that its text reads upright), made once
  in the shape the layout stage reads (:class:`Char`), so that no second pass rebuilds them;
* visible rulings: stroked line segments and rectangle sides, thin filled rectangles (hairline
  rules drawn as fills), from the page's path objects (inside form XObjects too);
* the page size, and how many characters had no Unicode mapping.

Character boxes follow the typographic convention the layout stage was tuned on: the loose
box's horizontal extent (the glyph's advance), the bottom at the font's descent and the top
one font size above it, so that glyphs of one font on one baseline share ``top`` and
``bottom`` whatever their ink. Characters PDFium *generates* (the spaces and line breaks it
infers) are skipped; only characters printed in the content stream are kept. A one-glyph
text object in a font without outlines (neither embedded nor installed) would be dropped by
PDFium's text page; the source widens it first (see :func:`_walk_objects`).

Speed: the per-character, per-object and per-path-segment functions are bound once
(:class:`_Calls`), the hottest with no argument types at all, so that ctypes converts nothing
per call (handles and out-pointers are made once, out-arrays read with one ``struct`` unpack);
what the glyphs of a text object share (matrix, size, font descent) is read once
per object; pages and text pages are opened and closed with PDFium's own calls.

PDFium is not thread-safe: every call into it, the binding of :class:`_Calls` included,
happens inside :func:`read_source` while it holds one module lock. Documents, pages and
text pages are closed as soon as a page has been read, so memory stays flat over many files.
Every PDFium failure becomes a :class:`~gov_disclosure.ParseError` (``PDF.CORRUPT``,
``PDF.ENCRYPTED``); nothing from ``pypdfium2`` escapes.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import math
import struct
import threading
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs

from .._errors import MissingExtraError, ParseError
from . import _pdf_fonts
from ._labels import fold_radicals

__all__ = ["Char", "Edge", "SourcePage", "read_source"]



class Char(NamedTuple):
    """One printed character in the displayed frame (a tuple: thousands are made per page
    and read many times; its centre and height are worked out once, here).

    ``text`` is one character, or the characters of one glyph (a ligature), radical-block
    characters folded to the ideographs they stand for (``⼈`` → ``人``). ``size`` is the font
    size as displayed, at least one point (a degenerate size would make every gap wide);
    ``height`` is ``bottom - top``, at least half a point. ``upward``: rotated text that
    runs bottom to top.
    """

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    upright: bool
    upward: bool
    xc: float
    yc: float
    height: float

#: ``(x0, top, x1, bottom)`` of a ruling; one of its extents is zero (horizontal or vertical).
Edge = tuple[float, float, float, float]
#: what the glyphs of one text object share: ``(upright, upward, size, below)``
_Shape = tuple[bool, bool, float, "float | None"]
#: a shape as its glyphs read it: the shape, its index, the size shown, level baseline or not
_Glyphs = tuple[bool, bool, float, "float | None", int, float, bool]

_LOCK = threading.Lock()
_MIN_RULE = 3.0  # a ruling shorter than this is a tick, not a rule
_THIN = 2.5  # a rectangle this thin (either way) is a rule, filled or stroked
_MAX_FORM_DEPTH = 8
_EPS = 1e-6
_TEXT, _PATH, _FORM = 1, 2, 5  # FPDF_PAGEOBJ_*
_MOVETO, _BEZIERTO = 2, 1  # FPDF_SEGMENT_*
_FILL_STROKE = 2  # FPDF_TEXTRENDERMODE_FILL_STROKE
_BREAKS = frozenset((0x20, 0x0D, 0x0A))  # the only characters PDFium generates
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

    def affine(self) -> tuple[float, float, float, float, float, float]:
        """:meth:`point` as ``(px, qx, sx, py, qy, sy)``: ``X = px·x + qx·y + sx``,
        ``Y = py·x + qy·y + sy`` (exactly the same numbers: the factors are 0 and ±1)."""
        (sx, sy), (px, py), (qx, qy) = self.point(0.0, 0.0), self.vector(1.0, 0.0), self.vector(0.0, 1.0)
        return px, qx, sx, -py, -qy, sy

    def box(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, float, float, float]:
        """An axis-aligned user-space box → ``(x0, x1, top, bottom)`` displayed."""
        ax, at = self.point(x0, y0)
        bx, bt = self.point(x1, y1)
        return min(ax, bx), max(ax, bx), min(at, bt), max(at, bt)


def _printable(code: int) -> bool:
    """A code point a character can carry (not 0, a lone surrogate, a non-character)."""
    return 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF and code not in (0xFFFE, 0xFFFF)


#: The prototype of the calls bound here: ``PYFUNCTYPE`` keeps the GIL while PDFium runs, where
#: ``CFUNCTYPE`` lets it go and takes it back around every call. Each of these calls is a look-up
#: of a few hundred nanoseconds, made thousands of times a page under the source's lock (which
#: no other thread may take meanwhile). None calls back into Python (the system-font callbacks
#: run in the page and text-page loads, made through ``pypdfium2``'s own bindings); one that
#: did would still run, ctypes taking the GIL its thread already holds.
_PROTOTYPE = ctypes.PYFUNCTYPE


def _bind(function: Any, restype: Any, *argtypes: Any) -> Any:
    """A leaner prototype of one of ``pypdfium2``'s PDFium functions: handles and out-pointers
    pass as plain addresses, objects come back as addresses (cheaper per call than the
    binding's typed pointers, and usable as keys). A call keeps the GIL (:data:`_PROTOTYPE`)."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return _PROTOTYPE(restype, *argtypes)(address)


class _Handle(ctypes.c_void_p):
    """A PDFium handle returned as it is (a subclass of ``c_void_p`` is not turned into an
    ``int``), so that it passes to the next call with no conversion."""


def _bare(function: Any, restype: Any) -> Any:
    """A prototype with no argument types, for the calls made per character and per path
    segment: ctypes then converts nothing per call (``from_param`` on every argument is
    most of a call's cost). Every argument must be a C ``int`` or already a ctypes value:
    indices as Python ints, handles and out-pointers as ``c_void_p`` made once."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return _PROTOTYPE(restype)(address)


class _Calls:
    """The PDFium functions called per character, object or path segment, bound once."""

    def __init__(self, c: Any) -> None:
        p, i, d, f = ctypes.c_void_p, ctypes.c_int, ctypes.c_double, ctypes.c_float
        # per character (on a text page handle as c_void_p)
        self.count = _bind(c.FPDFText_CountChars, i, p)
        self.unicode = _bare(c.FPDFText_GetUnicode, ctypes.c_uint)
        self.generated = _bare(c.FPDFText_IsGenerated, i)
        self.map_error = _bare(c.FPDFText_HasUnicodeMapError, i)
        self.loose_box = _bare(c.FPDFText_GetLooseCharBox, i)
        self.text_object = _bare(c.FPDFText_GetTextObject, p)
        self.origin = _bare(c.FPDFText_GetCharOrigin, i)
        # per text object (a handle passed as c_void_p)
        self.matrix = _bare(c.FPDFText_GetMatrix, i)
        self.font_size = _bare(c.FPDFText_GetFontSize, d)
        self.font = _bare(c.FPDFTextObj_GetFont, p)
        self.descent = _bind(c.FPDFFont_GetDescent, i, p, f, p)
        # the object walk (objects as _Handle)
        self.page_count = _bare(c.FPDFPage_CountObjects, i)
        self.page_object = _bare(c.FPDFPage_GetObject, _Handle)
        self.form_count = _bare(c.FPDFFormObj_CountObjects, i)
        self.form_object = _bind(c.FPDFFormObj_GetObject, _Handle, p, ctypes.c_ulong)
        self.object_type = _bare(c.FPDFPageObj_GetType, i)
        self.object_matrix = _bare(c.FPDFPageObj_GetMatrix, i)
        self.bounds = _bare(c.FPDFPageObj_GetBounds, i)
        self.render_mode = _bind(c.FPDFTextObj_SetTextRenderMode, i, p, i)
        self.stroke_width = _bind(c.FPDFPageObj_SetStrokeWidth, i, p, f)
        self.transform = _bind(c.FPDFPageObj_Transform, None, p, d, d, d, d, d, d)
        # per path and path segment
        self.draw_mode = _bare(c.FPDFPath_GetDrawMode, i)
        self.count_segments = _bare(c.FPDFPath_CountSegments, i)
        self.segment = _bare(c.FPDFPath_GetPathSegment, _Handle)
        self.point = _bare(c.FPDFPathSegment_GetPoint, i)
        self.segment_type = _bare(c.FPDFPathSegment_GetType, i)
        self.closes = _bare(c.FPDFPathSegment_GetClose, i)


class _Out:
    """A C array for out-parameters, its address as a ``c_void_p`` (to pass) and a reader of
    all its values at once (one ``struct`` unpack, cheaper than reading fields one by one)."""

    __slots__ = ("at", "buffer", "read")

    def __init__(self, ctype: Any, n: int, code: str) -> None:
        array, unpack = _array(ctype, n, code)
        self.buffer = array()
        self.at = ctypes.c_void_p(ctypes.addressof(self.buffer))
        self.read = functools.partial(unpack, self.buffer)


@functools.cache
def _array(ctype: Any, n: int, code: str) -> tuple[Any, Callable[..., tuple[Any, ...]]]:
    """The C array type of ``n`` values of ``ctype`` and the unpacker of its bytes, made once per
    process. ctypes holds its array types only weakly: one that no buffer uses any more is freed
    by the next collection and made again (~15 µs a type, five types a page) on the next page."""
    return ctype * n, struct.Struct(code * n).unpack_from


class _Buffers:
    """Out-parameters of the object walk."""

    def __init__(self) -> None:
        self.matrix = _Out(ctypes.c_float, 6, "f")  # FS_MATRIX: a, b, c, d, e, f
        self.modes = _Out(ctypes.c_int, 2, "i")  # fill mode, stroke
        self.fill_at, self.stroke_at = self.modes.at, ctypes.c_void_p(ctypes.addressof(self.modes.buffer) + 4)
        self.point = _Out(ctypes.c_float, 2, "f")
        self.x_at, self.y_at = self.point.at, ctypes.c_void_p(ctypes.addressof(self.point.buffer) + 4)
        self.box = _Out(ctypes.c_float, 4, "f")  # left, bottom, right, top
        at = ctypes.addressof(self.box.buffer)
        self.corners = tuple(ctypes.c_void_p(at + 4 * k) for k in range(4))


@functools.cache
def _calls(c: Any) -> _Calls:
    """The calls bound once per process (first asked for under the lock, in :func:`read_source`)."""
    return _Calls(c)


def _chars(c: Any, textpage: Any, frame: _Frame) -> tuple[list[Char], int]:
    api = _calls(c)
    page = ctypes.c_void_p(ctypes.cast(textpage, ctypes.c_void_p).value or 0)
    count = api.count(page)
    rect = _Out(ctypes.c_float, 4, "f")  # FS_RECTF: left, top, right, bottom
    matrix = _Out(ctypes.c_float, 6, "f")  # FS_MATRIX: a, b, c, d, e, f
    origin_xy = _Out(ctypes.c_double, 2, "d")
    descent = ctypes.c_float(0)
    rect_at, matrix_at, read_rect, read_matrix = rect.at, matrix.at, rect.read, matrix.read
    ox_at, oy_at = origin_xy.at, ctypes.c_void_p(ctypes.addressof(origin_xy.buffer) + 8)
    read_origin = origin_xy.read
    descent_at = ctypes.addressof(descent)
    get_unicode, is_generated, map_error, loose_box = api.unicode, api.generated, api.map_error, api.loose_box
    text_object, origin, get_matrix, font_size, font_of = (
        api.text_object,
        api.origin,
        api.matrix,
        api.font_size,
        api.font,
    )
    px, qx, sx, py, qy, sy = frame.affine()
    upright_page = frame.rotation == 0
    # text object → its glyphs' shape, and the number of its distinct (matrix, size, font)
    objects: dict[int | None, _Glyphs] = {}
    shapes: dict[tuple[tuple[float, ...] | None, float, int | None], _Glyphs] = {}
    # the baseline of the last glyph whose origin was read: its object, loose-box bottom and y
    baseline_obj: int | None = -1  # no object's address
    baseline_bottom, baseline_y = 0.0, 0.0
    # the baselines read, by (distinct shape, loose-box bottom), for loose boxes of the font's height
    baselines: dict[tuple[int, float], float] = {}
    heights: list[float] = []  # by distinct shape: the height of its first loose box read with its origin
    level_baseline = py == 0.0  # the displayed y of an origin does not depend on its x
    out: list[Char] = []
    undecodable = 0
    last_box: tuple[float, float, float, float] | None = None
    pending: float | None = None  # x of a generated space since the last glyph
    last_size = 0.0  # the font size of the last character kept, before the one-point floor
    breaks = _BREAKS
    make = tuple.__new__  # a named tuple's own ``__new__`` is a Python function
    for i in range(max(count, 0)):
        code = get_unicode(page, i)
        if code in breaks and is_generated(page, i) == 1:
            last_box = None
            if code == 0x20 and out and loose_box(page, i, rect_at):
                pending = read_rect()[0]  # a space PDFium inferred: kept if the next glyph agrees
            continue
        if map_error(page, i) == 1 or not (0 < code < 0xD800 or _printable(code)):
            undecodable += 1
            last_box = None
            continue
        if code == 0x0D or code == 0x0A or not loose_box(page, i, rect_at):
            continue
        # radical-block characters stand for ideographs (one character at a time: folding is)
        text = chr(code) if not 0x2E80 <= code <= 0x2FDF else fold_radicals(chr(code))
        box = read_rect()  # FS_RECTF: left, top, right, bottom
        if box == last_box and out:
            # one glyph mapped to several characters (a ligature ``ﬁ`` → ``fi``): one glyph
            prev = out[-1]
            out[-1] = make(Char, (prev.text + text, *prev[1:]))
            continue
        if pending is not None:
            prev = out[-1]
            em = last_size if prev.upright else 0.0
            if upright_page and prev.x1 - 0.5 <= pending - frame.left <= box[0] - frame.left + 0.5 * em:
                # a printed space that ends a text object: PDFium replaces it with one it
                # generates just past the space's advance (its spaces for wide kerning
                # gaps land elsewhere, past the next glyph)
                out.append(make(Char, (" ", prev.x1, prev.x1, *prev[3:8], prev.x1, *prev[9:])))
            pending = None
        last_box = box
        left, top, right, bottom = box
        obj = text_object(page, i)
        entry = objects.get(obj)
        if entry is None:
            # a text object's glyphs share its matrix, size and font: one look per object,
            # and one computation per distinct (matrix, size, font)
            turned = read_matrix()[:4] if get_matrix(page, i, matrix_at) else None
            key = (turned, font_size(page, i), font_of(ctypes.c_void_p(obj)) if obj else None)
            entry = shapes.get(key)
            if entry is None:
                upright, upward, size, below = _shape(api, key, frame, descent, descent_at)
                # what each glyph reads: the shape, its index, the size with its one-point
                # floor, and whether its em box hangs from a baseline of level height
                entry = shapes[key] = (
                    upright,
                    upward,
                    size,
                    below,
                    len(shapes),
                    1.0 if size < 1.0 else size,  # max(size, 1.0), without the call
                    below is not None and level_baseline,
                )
                heights.append(-1.0)
            objects[obj] = entry
        upright, upward, size, below, kind, shown, levelled = entry
        ax, bx = px * left + qx * bottom + sx, px * right + qx * top + sx
        if not ax <= bx:
            ax, bx = bx, ax
        y: float | None
        if levelled:
            if baseline_obj == obj and baseline_bottom == bottom:
                # the baseline of the glyph before, in the same object and with the same loose
                # box bottom (PDFium puts that box's bottom at a fixed distance from the origin
                # for one font, size and matrix): the same origin, without asking PDFium again
                y = baseline_y
            else:
                height = heights[kind]
                # a loose box as high as the first of its shape is the font's (not a glyph's
                # ink, PDFium's fallback): its bottom stands as far below the origin in any
                # object of the same font, size and matrix
                y = baselines.get((kind, bottom)) if abs(top - bottom - height) <= 1e-3 * height else None
                if y is None and origin(page, i, ox_at, oy_at):
                    # the em box: from the font's descent below the baseline, one font size
                    # high (PDFium's loose box takes a font's glyph bounds when it lacks a FontBBox)
                    gx, gy = read_origin()
                    y = py * gx + qy * gy + sy
                    baseline_obj, baseline_bottom, baseline_y = obj, bottom, y
                    if height < 0:
                        height = heights[kind] = top - bottom
                    if abs(top - bottom - height) <= 1e-3 * height:
                        baselines[(kind, bottom)] = y
        else:
            y = None
            if below is not None and origin(page, i, ox_at, oy_at):
                gx, gy = read_origin()
                y = py * gx + qy * gy + sy
        if y is not None and below is not None:
            y1 = y - below
            y0 = y1 - size
        else:
            ay, by = py * left + qy * bottom + sy, py * right + qy * top + sy
            y0, y1 = (ay, by) if ay <= by else (by, ay)
            if not (upright and size > 0):
                size = y1 - y0
                shown = 1.0 if size < 1.0 else size
        last_size = size
        height = y1 - y0
        out.append(
            make(
                Char,
                (
                    text,
                    ax,
                    bx,
                    y0,
                    y1,
                    shown,
                    upright,
                    upward,
                    (ax + bx) / 2,
                    (y0 + y1) / 2,
                    0.5 if height < 0.5 else height,
                ),
            )
        )
    return out, undecodable


def _shape(
    api: _Calls,
    key: tuple[tuple[float, float, float, float] | None, float, int | None],
    frame: _Frame,
    descent: Any,
    descent_at: int,
) -> _Shape:
    """What the glyphs of a text object with this (matrix, font size, font) share: upright,
    running upwards, the font size as displayed, and how far the em box's bottom lies below
    the baseline (``None``: no em box)."""
    turned, raw_size, font = key
    if turned is not None:
        ma, mb, mc, md = turned
        a, b = frame.vector(ma, mb)
        cc, d = frame.vector(mc, md)
        scale = math.hypot(mc, md) or 1.0
    else:
        a, b, cc, d, scale = 1.0, 0.0, 0.0, 1.0, 1.0
    upright = abs(b) <= _EPS * max(abs(a), 1.0) and abs(cc) <= _EPS * max(abs(d), 1.0)
    size = raw_size * scale
    below = None
    if upright and d > 0 and size > 0:
        ok = font and api.descent(font, 1.0, descent_at)
        below = (min(float(descent.value), 0.0) if ok else 0.0) * size
    return upright, b > 0, size, below


def _path_edges(
    api: _Calls, obj: _Handle, matrix: tuple[float, ...], affine: tuple[float, ...], buffers: _Buffers, out: list[Edge]
) -> None:
    if not api.draw_mode(obj, buffers.fill_at, buffers.stroke_at):
        return
    fill, stroke = buffers.modes.read()
    stroked, filled = bool(stroke), fill != 0
    if not (stroked or filled):
        return  # a clipping path or an invisible one
    a, b, cc, d, e, f = matrix
    px, qx, sx, py, qy, sy = affine
    x_at, y_at, read_point = buffers.x_at, buffers.y_at, buffers.point.read
    segment_at, point, segment_type, closes = api.segment, api.point, api.segment_type, api.closes
    subpaths: list[list[tuple[float, float]]] = []
    curved: list[bool] = []
    points: list[tuple[float, float]] = []
    for k in range(api.count_segments(obj)):
        segment = segment_at(obj, k)
        if not segment or not point(segment, x_at, y_at):
            continue
        kind = segment_type(segment) if subpaths else _MOVETO  # the first point starts a subpath whatever it is
        xv, yv = read_point()
        # user space → displayed frame (the same products and sums as ``_Frame.point``)
        ux, uy = a * xv + cc * yv + e, b * xv + d * yv + f
        here = (px * ux + qx * uy + sx, py * ux + qy * uy + sy)
        if kind == _MOVETO or not subpaths:
            points = [here]
            subpaths.append(points)
            curved.append(False)
        else:
            points.append(here)
            if kind == _BEZIERTO:
                curved[-1] = True
        if points[0] != here and closes(segment):
            points.append(points[0])
    for points, bent in zip(subpaths, curved, strict=True):
        if not bent and len(points) == 5 and stroked and _box_edges(points, out):
            continue
        _subpath_edges(points, bent, stroked=stroked, filled=filled, out=out)


def _box_edges(points: list[tuple[float, float]], out: list[Edge]) -> bool:
    """A stroked, closed, axis-aligned rectangle wider and taller than a rule: its four sides
    (what :func:`_subpath_edges` makes of it, without the general steps). False for any other
    shape, which the general steps take."""
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = points
    if last != (x0, y0):
        return False
    if not ((x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)):
        return False
    left, right = (x0, x2) if x0 <= x2 else (x2, x0)
    top, bottom = (y0, y2) if y0 <= y2 else (y2, y0)
    if min(right - left, bottom - top) <= _THIN:
        return False
    # both sides are longer than _THIN, so each is a rule along its length
    if right - left >= _MIN_RULE:
        out.append((left, top, right, top))
        out.append((left, bottom, right, bottom))
    if bottom - top >= _MIN_RULE:
        out.append((left, top, left, bottom))
        out.append((right, top, right, bottom))
    return True


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
    if not bent and len(points) == 2:
        (ax, ay), (bx, by) = points
        x0, x1 = (ax, bx) if ax <= bx else (bx, ax)
        top, bottom = (ay, by) if ay <= by else (by, ay)
        if stroked and (bottom - top < 1 or x1 - x0 < 1):
            _add(out, x0, top, x1, bottom)
    elif not bent and _is_box(points):
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
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


def _walk_objects(api: _Calls, page: ctypes.c_void_p, frame: _Frame) -> list[Edge]:
    """The page's rulings (paths, inside form XObjects too); widens point-sized text on the way.

    PDFium boxes a text object by its glyphs' outlines; a font that is neither embedded nor
    installed has none, so a one-glyph object (a character of a label set vertically, a lone
    ``无`` in a cell) is a point, and PDFium's text page drops every object narrower than
    0.01 pt. A stroked text object's box is widened by half its line width: drawing such an
    object stroked (in this in-memory copy only, before the text page is built) keeps its
    characters, whose boxes come from the font's advance and ascent, not the outlines.
    """
    out: list[Edge] = []
    buffers = _Buffers()
    affine = frame.affine()
    matrix_at, read_matrix, read_box = buffers.matrix.at, buffers.matrix.read, buffers.box.read
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    object_type, bounds, object_matrix = api.object_type, api.bounds, api.object_matrix
    left_at, bottom_at, right_at, top_at = buffers.corners

    def walk(holder: _Handle | ctypes.c_void_p, form: bool, outer: tuple[float, ...] | None, depth: int) -> None:
        get, count = (api.form_object, api.form_count) if form else (api.page_object, api.page_count)
        for k in range(count(holder)):
            obj = get(holder, k)
            if not obj:
                continue
            kind = object_type(obj)
            if kind == _TEXT:
                if bounds(obj, left_at, bottom_at, right_at, top_at):
                    left, _, right, _ = read_box()
                    if right - left < _POINT_TEXT:
                        api.render_mode(obj, _FILL_STROKE)
                        api.stroke_width(obj, 1.0)
                        api.transform(obj, 1.0, 0.0, 0.0, 1.0, 0.0, 0.0)  # recomputes the box
            elif kind == _PATH:
                own = read_matrix() if object_matrix(obj, matrix_at) else identity
                _path_edges(api, obj, own if outer is None else _compose(own, outer), affine, buffers, out)
            elif kind == _FORM and depth < _MAX_FORM_DEPTH:
                own = read_matrix() if object_matrix(obj, matrix_at) else identity
                walk(obj, True, own if outer is None else _compose(own, outer), depth + 1)

    walk(page, False, None, 0)
    return out


def _read_page(c: Any, doc: Any, index: int) -> SourcePage:
    """Page ``index`` of ``doc`` through PDFium's own calls (``pypdfium2``'s page helpers add
    bookkeeping that a page read once and closed at once does not need)."""
    page = c.FPDF_LoadPage(doc, index)
    if not page:
        raise ParseError("PDF.CORRUPT#page_number", {"page": index + 1})
    try:
        left, bottom, right, top = (ctypes.c_float(0) for _ in range(4))
        if c.FPDFPage_GetMediaBox(page, *map(ctypes.byref, (left, bottom, right, top))):
            box = (float(left.value), float(bottom.value), float(right.value), float(top.value))
        else:
            box = (0.0, 0.0, 612.0, 792.0)  # no MediaBox: the PDF default, US Letter
        turns = c.FPDFPage_GetRotation(page)
        if not 0 <= turns <= 3:
            raise ParseError("PDF.CORRUPT#rotation", {"page": index + 1})
        frame = _Frame(box, 90 * turns)
        api = _calls(c)
        handle = ctypes.c_void_p(ctypes.cast(page, ctypes.c_void_p).value or 0)
        edges = _walk_objects(api, handle, frame)  # widens point text
        textpage = c.FPDFText_LoadPage(page)
        if not textpage:
            raise ParseError("PDF.CORRUPT#page_text", {"page": index + 1})
        try:
            chars, undecodable = _chars(c, textpage, frame)
        finally:
            c.FPDFText_ClosePage(textpage)
        width, height = frame.size
    finally:
        c.FPDF_ClosePage(page)
    return SourcePage(
        number=index + 1,
        width=width,
        height=height,
        rotated=frame.rotation != 0,
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
        _calls(c)  # bound before any input is read: a binding that fails is no corrupt PDF
        _pdf_fonts.install(pdfium, c)  # big substitute font files read from disk once
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            # PDFium's last error is process-wide and not reset by a load that fails for
            # another reason: an encrypted file also names its /Encrypt dictionary in its
            # trailer (never compressed), so both must agree
            encrypted = b"/Encrypt" in data
            if encrypted and getattr(exc, "err_code", None) in (c.FPDF_ERR_PASSWORD, c.FPDF_ERR_SECURITY):
                raise ParseError("PDF.ENCRYPTED") from exc
            raise ParseError("PDF.CORRUPT", {"reason": str(exc)}) from exc
        except Exception as exc:  # ctypes or pypdfium2 on input it does not expect
            raise ParseError("PDF.CORRUPT", {"reason": f"{type(exc).__name__}: {exc}"}) from exc
        try:
            return [_read_page(c, doc.raw, index) for index in range(len(doc))]
        except ParseError:
            raise
        except Exception as exc:  # ctypes on a page PDFium cannot read
            raise ParseError("PDF.CORRUPT#page", {"reason": f"{type(exc).__name__}: {exc}"}) from exc
        finally:
            doc.close()
