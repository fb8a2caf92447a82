"""PDFium's system fonts, with the big substitute font files read from disk once per process.

Why: a PDF that names a CJK font without embedding it (``STSong-Light``, ``SimSun``, 宋体 …, as
agency PDFs and reportlab's CID fonts do) makes PDFium substitute an installed font, often a
TrueType collection of 10–20 MB (``wqy-zenhei.ttc``: 16.8 MB). PDFium's font mapper asks its
system-font interface for the collection's size and then for *all its bytes*, for every
document that names such a font (the pypdfium2 5.x build reads it before looking at its face
cache, whose entries also live only while a document holding the face is open), and the
default interface reads them with ``fopen``/``fread`` each time: ~2.2 ms of CPU a document.

What: :func:`install` puts an ``FPDF_SYSFONTINFO`` in front of PDFium's own default one. Every
call is handed to the default unchanged — the same fonts are enumerated, mapped and named —
except the read of a whole font file of a megabyte or more, which the default makes once and
this interface then copies from memory (~1 ms less a document: a copy into PDFium's fresh
buffer instead of a file read). The bytes are the file's, so every glyph, box and character
read through PDFium is the same; at most :data:`_KEPT` files are kept (the oldest dropped).

Scope (PDFium has one system-font interface per process): it is installed once, on the first
PDF read, and only when no other is installed through ``pypdfium2.PdfSysfontBase``; a handler
a user installs later through ``pypdfium2`` (or ``FPDF_SetSystemFontInfo``) replaces it, and
PDFium's release of it frees the kept bytes and this module never installs again. Nothing
here holds a PDFium document, page or font. The callbacks may run on any thread that calls
into PDFium: the cache is guarded by its own lock, and a callback that fails falls back to the
default's own reading (a ctypes callback must not raise).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from collections import OrderedDict
from typing import Any

__all__ = ["install"]

_BIG = 1 << 20  # a font file this large is kept in memory once read
_KEPT = 4  # at most this many font files are kept
_TABLE_TTCF = 0x74746366  # a whole TrueType collection
_WHOLE_FILE = 0  # a whole (single-font) file


class _Interface:
    """Our ``FPDF_SYSFONTINFO``: PDFium's default one behind it, big font files kept."""

    def __init__(self, c: Any, default: Any) -> None:
        self._c = c
        self._default_ptr = default  # LP_FPDF_SYSFONTINFO, ours to free on release
        self._default = default.contents
        self._lock = threading.Lock()
        self._files: OrderedDict[tuple[int, int], bytes] = OrderedDict()
        self.released = False
        types = dict(c.FPDF_SYSFONTINFO._fields_)
        # the ctypes callbacks are kept on the instance: PDFium holds their addresses
        self._callbacks = {
            "Release": types["Release"](self._release),
            "EnumFonts": types["EnumFonts"](self._enum_fonts),
            "MapFont": types["MapFont"](self._map_font),
            "GetFont": types["GetFont"](self._get_font),
            "GetFontData": types["GetFontData"](self._get_font_data),
            "GetFaceName": types["GetFaceName"](self._get_face_name),
            "GetFontCharset": types["GetFontCharset"](self._get_font_charset),
            "DeleteFont": types["DeleteFont"](self._delete_font),
        }
        self.raw = c.FPDF_SYSFONTINFO(version=self._default.version, **self._callbacks)

    # -- handed to the default unchanged

    def _enum_fonts(self, _this: Any, mapper: Any) -> None:
        self._default.EnumFonts(self._default_ptr, mapper)

    def _map_font(self, _this: Any, weight: int, italic: int, charset: int, pitch: int, face: Any, exact: Any) -> Any:
        return self._default.MapFont(self._default_ptr, weight, italic, charset, pitch, face, exact)

    def _get_font(self, _this: Any, face: Any) -> Any:
        return self._default.GetFont(self._default_ptr, face)

    def _get_face_name(self, _this: Any, font: Any, buffer: Any, size: int) -> int:
        return int(self._default.GetFaceName(self._default_ptr, font, buffer, size))

    def _get_font_charset(self, _this: Any, font: Any) -> int:
        return int(self._default.GetFontCharset(self._default_ptr, font))

    def _delete_font(self, _this: Any, font: Any) -> None:
        self._default.DeleteFont(self._default_ptr, font)

    # -- the one call answered from memory

    def _get_font_data(self, _this: Any, font: Any, table: int, buffer: Any, size: int) -> int:
        try:
            if buffer and font and table in (_TABLE_TTCF, _WHOLE_FILE):
                kept = self._kept(font, table, size)
                # PDFium asks for the size first and hands a buffer of exactly that size: a call
                # with another size is not that read, and goes to the default
                if kept is not None and size == len(kept):
                    ctypes.memmove(buffer, kept, len(kept))
                    return len(kept)
        except Exception:  # a ctypes callback must not raise: read as the default does
            pass
        return int(self._default.GetFontData(self._default_ptr, font, table, buffer, size))

    def _kept(self, font: int, table: int, size: int) -> bytes | None:
        """The whole font file behind ``font`` (a handle of the default interface, valid as long
        as it lives), read by the default once; ``None`` for a small file or a failed read."""
        key = (font, table)
        with self._lock:
            kept = self._files.get(key)
            if kept is not None:
                self._files.move_to_end(key)
                return kept
        whole = int(self._default.GetFontData(self._default_ptr, font, table, None, 0))
        if whole < _BIG or size < whole:
            return None
        buffer = (ctypes.c_ubyte * whole)()
        if int(self._default.GetFontData(self._default_ptr, font, table, buffer, whole)) != whole:
            return None
        kept = bytes(buffer)
        with self._lock:
            self._files[key] = kept
            while len(self._files) > _KEPT:
                self._files.popitem(last=False)
        return kept

    def _release(self, _this: Any) -> None:
        """PDFium drops this interface (another was installed, or the library is destroyed)."""
        self.released = True
        with self._lock:
            self._files.clear()
        try:
            self._default.Release(self._default_ptr)
            self._c.FPDF_FreeDefaultSystemFontInfo(self._default_ptr)
        except Exception:  # a ctypes callback must not raise
            pass


#: asked once per process: the interface installed (kept alive: PDFium holds its callbacks),
#: or ``None`` when another handler was there or the platform has no default one
_INSTALLED: list[_Interface | None] = []


def install(pdfium: Any, c: Any) -> None:
    """Put the interface in front of PDFium's default system fonts, once per process (called
    under the PDF source's lock, before the first document is opened). Does nothing when a
    ``pypdfium2`` sysfont handler is installed, when PDFium offers no default interface on
    this platform, on Windows (whose default's font handles do not last), or when it was
    installed before (even if it has been replaced since)."""
    if _INSTALLED:
        return
    if sys.platform == "win32":
        # Windows' default interface makes a GDI font per mapping and deletes it after: a
        # handle's value may come back for another font, so a file kept by handle is unsafe
        _INSTALLED.append(None)
        return
    base = getattr(pdfium, "PdfSysfontBase", None)
    if base is not None and getattr(base, "SINGLETON", None) is not None:
        _INSTALLED.append(None)  # the user's own handler: left alone
        return
    default = c.FPDF_GetDefaultSystemFontInfo()
    if not default:
        _INSTALLED.append(None)
        return
    interface = _Interface(c, default)
    c.FPDF_SetSystemFontInfo(ctypes.byref(interface.raw))
    _INSTALLED.append(interface)
