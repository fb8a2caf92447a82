"""The PDFium character-and-line source (``parsers/_pdf_source.py``) below the layout stage.

The source binds PDFium's per-character and per-path functions itself (plain addresses in
and out), maps user space to the displayed frame with one affine step, and reads pages under
one lock: these tests pin each of those against what it replaces.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest

pytest.importorskip("pypdfium2")

import pypdfium2.raw as pdfium_c

from gov_disclosure import Edition
from gov_disclosure.parsers import _pdf_source
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
