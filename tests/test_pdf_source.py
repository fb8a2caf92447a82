"""The PDFium character-and-line source (``parsers/_pdf_source.py``) below the layout stage.

The source binds PDFium's per-character and per-path functions itself (plain addresses in
and out), maps user space to the displayed frame with one affine step, and reads pages under
one lock: these tests pin each of those against what it replaces.
"""

from __future__ import annotations

import collections
import random
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("pypdfium2")

import pypdfium2.raw as pdfium_c

from gov_disclosure import Edition
from gov_disclosure.parsers import _pdf_source
from gov_disclosure.parsers._labels import fold_radicals
from gov_disclosure.parsers._pdf_layout import extract_layout
from gov_disclosure.parsers._pdf_source import _Frame, read_source
from helpers import CORPUS
from pdf_writer import draw_report, sample_report


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_affine_frame_is_the_point_mapping(rotation: int) -> None:
    """The one-step map gives exactly the numbers of :meth:`_Frame.point` (its factors are 0
    and ±1, so no rounding differs), for every page rotation."""
    frame = _Frame((12.5, -3.25, 607.75, 845.0), rotation)
    px, qx, sx, py, qy, sy = frame.affine()
    rng = random.Random(rotation)
    for _ in range(200):
        x, y = rng.uniform(-50, 900), rng.uniform(-50, 900)
        assert (px * x + qx * y + sx, py * x + qy * y + sy) == frame.point(x, y)


def test_pdfium_constants_are_pypdfium2s() -> None:
    """The object, segment and render-mode numbers the source compares against are PDFium's."""
    assert _pdf_source._TEXT == pdfium_c.FPDF_PAGEOBJ_TEXT
    assert _pdf_source._PATH == pdfium_c.FPDF_PAGEOBJ_PATH
    assert _pdf_source._FORM == pdfium_c.FPDF_PAGEOBJ_FORM
    assert _pdf_source._MOVETO == pdfium_c.FPDF_SEGMENT_MOVETO
    assert _pdf_source._BEZIERTO == pdfium_c.FPDF_SEGMENT_BEZIERTO
    assert _pdf_source._FILL_STROKE == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE


def test_reading_does_not_change_the_bytes() -> None:
    """Point-sized text is widened in PDFium's in-memory copy only: the caller's bytes and a
    second read are unchanged."""
    data = draw_report(sample_report(Edition.V2019, 2), split_title=True)
    copy = bytes(data)
    first = read_source(data)
    assert data == copy
    assert read_source(data) == first


def test_threads_read_alike() -> None:
    """PDFium is not thread-safe; the source's lock makes concurrent reads give what one
    thread gives, for every file."""
    files = [
        (CORPUS / "huaian-2024.pdf").read_bytes(),
        draw_report(sample_report(Edition.V2021, 1)),
        draw_report(sample_report(Edition.V2021, 1), ruled=False),
    ]
    alone = [extract_layout(data) for data in files]
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(extract_layout, files * 4))
    assert together == alone * 4
    assert [[line.top for line in lines] for lines in together] == [[line.top for line in lines] for lines in alone] * 4


def _typed_glyphs(data: bytes) -> collections.Counter[tuple[str, float, float, float]]:
    """Every printed, mapped character of an unturned PDF as pypdfium2's typed calls give it:
    (text, x0, x1, em-box bottom) — the bottom from the character's own origin, for upright
    characters (the source's baseline reuse must give exactly these numbers)."""
    import ctypes
    import math

    import pypdfium2

    found: collections.Counter[tuple[str, float, float, float]] = collections.Counter()
    pdf = pypdfium2.PdfDocument(data)
    try:
        for page in pdf:
            left_edge, _, _, top_edge = page.get_mediabox()
            textpage = page.get_textpage()
            raw = textpage.raw
            for i in range(pdfium_c.FPDFText_CountChars(raw)):
                code = pdfium_c.FPDFText_GetUnicode(raw, i)
                if pdfium_c.FPDFText_IsGenerated(raw, i) or pdfium_c.FPDFText_HasUnicodeMapError(raw, i):
                    continue
                if code in (0x20, 0x0D, 0x0A) or not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
                    continue
                matrix = pdfium_c.FS_MATRIX()
                if not pdfium_c.FPDFText_GetMatrix(raw, i, matrix) or matrix.b or matrix.c or matrix.d <= 0:
                    continue
                size = pdfium_c.FPDFText_GetFontSize(raw, i) * math.hypot(matrix.c, matrix.d)
                font = pdfium_c.FPDFTextObj_GetFont(pdfium_c.FPDFText_GetTextObject(raw, i))
                descent = ctypes.c_float(0)
                below = min(descent.value, 0.0) * size if pdfium_c.FPDFFont_GetDescent(font, 1.0, descent) else 0.0
                x, y = ctypes.c_double(0), ctypes.c_double(0)
                if size <= 0 or not pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y):
                    continue
                box_left, _, box_right, _ = textpage.get_charbox(i, loose=True)
                bottom = (top_edge - y.value) - below
                found[(fold_radicals(chr(code)), box_left - left_edge, box_right - left_edge, bottom)] += 1
            textpage.close()
            page.close()
    finally:
        pdf.close()
    return found


@pytest.mark.parametrize(
    "name",
    ["corpus", "generated", "generated-unruled", "chromium-2021.pdf", "sample-2023-with-error.pdf"],
)
def test_characters_are_pypdfium2s_typed_reading(name: str) -> None:
    """The argument-free calls, the one-read-per-object shapes and the baselines read once
    for every glyph of one font, size and matrix give exactly what pypdfium2's typed calls give
    character by character (the corpus PDF prints every glyph as its own text object)."""
    if name == "corpus":
        data = (CORPUS / "huaian-2024.pdf").read_bytes()
    elif name.startswith("generated"):
        data = draw_report(sample_report(Edition.V2021, 1), ruled=name == "generated")
    else:
        folder = "pdfs" if name.startswith("chromium") else "libreoffice"
        data = (CORPUS.parent / folder / name).read_bytes()
    typed = _typed_glyphs(data)
    ours: collections.Counter[tuple[str, float, float, float]] = collections.Counter(
        (char.text, char.x0, char.x1, char.bottom)
        for page in read_source(data)
        for char in page.chars
        if char.upright and not char.text.isspace()
    )
    assert sum(typed.values()) > 200
    assert ours == typed
