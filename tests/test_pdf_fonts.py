"""The system-font interface in front of PDFium's default one (``parsers/_pdf_fonts.py``).

It hands every call to the default unchanged, except the read of a whole big font file, which
the default makes once and it then copies from memory. These tests drive it with a stand-in
default (a ctypes ``FPDF_SYSFONTINFO`` that counts its reads), and check in fresh processes
that a user's own ``pypdfium2`` sysfont handler is left alone, before and after a parse.
"""

from __future__ import annotations

import ctypes
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

pytest.importorskip("pypdfium2")

import pypdfium2.raw as pdfium_c

from gov_disclosure.parsers import _pdf_fonts

TESTS = Path(__file__).resolve().parent
BIG, SMALL = 0xB16, 0x5A11  # the stand-in's two font handles


class _StandIn:
    """A default ``FPDF_SYSFONTINFO`` serving a 3 MB collection and a 4 KB font, counting reads."""

    def __init__(self) -> None:
        self.files = {
            (BIG, _pdf_fonts._TABLE_TTCF): bytes(range(256)) * (3 * 4096),
            (SMALL, _pdf_fonts._WHOLE_FILE): b"\x07" * 4096,
        }
        self.reads: list[tuple[int, int]] = []  # (handle, table) of every read into a buffer
        self.released = False
        self.fail = False
        types = dict(pdfium_c.FPDF_SYSFONTINFO._fields_)
        self._callbacks = {
            "Release": types["Release"](self._release),
            "GetFontData": types["GetFontData"](self._data),
            "GetFontCharset": types["GetFontCharset"](lambda _this, font: 134 if font == BIG else 0),
        }
        self.raw = pdfium_c.FPDF_SYSFONTINFO(version=1, **self._callbacks)
        self.pointer = ctypes.pointer(self.raw)

    def _data(self, _this: object, font: int, table: int, buffer: object, size: int) -> int:
        data = self.files.get((font, table))
        if data is None or self.fail:
            return 0
        if buffer and size >= len(data):
            self.reads.append((font, table))
            ctypes.memmove(buffer, data, len(data))
        return len(data)

    def _release(self, _this: object) -> None:
        self.released = True


def _interface(monkeypatch: pytest.MonkeyPatch) -> tuple[_pdf_fonts._Interface, _StandIn]:
    stand_in = _StandIn()
    monkeypatch.setattr(pdfium_c, "FPDF_FreeDefaultSystemFontInfo", lambda _pointer: None)
    return _pdf_fonts._Interface(pdfium_c, stand_in.pointer), stand_in


def _read(interface: _pdf_fonts._Interface, font: int, table: int) -> bytes:
    """What PDFium does: ask for the size, then for every byte."""
    this = ctypes.pointer(interface.raw)
    size = interface.raw.GetFontData(this, font, table, None, 0)
    buffer = (ctypes.c_ubyte * size)()
    assert interface.raw.GetFontData(this, font, table, buffer, size) == size
    return bytes(buffer)


def test_a_big_font_file_is_read_once_and_served_unchanged(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, stand_in = _interface(monkeypatch)
    first = _read(interface, BIG, _pdf_fonts._TABLE_TTCF)
    again = [_read(interface, BIG, _pdf_fonts._TABLE_TTCF) for _ in range(3)]
    assert first == stand_in.files[(BIG, _pdf_fonts._TABLE_TTCF)]
    assert again == [first] * 3
    assert stand_in.reads == [(BIG, _pdf_fonts._TABLE_TTCF)]


def test_a_small_font_file_is_read_by_the_default_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, stand_in = _interface(monkeypatch)
    assert [_read(interface, SMALL, _pdf_fonts._WHOLE_FILE) for _ in range(2)] == [b"\x07" * 4096] * 2
    assert stand_in.reads == [(SMALL, _pdf_fonts._WHOLE_FILE)] * 2
    assert not interface._files


def test_other_calls_go_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, _ = _interface(monkeypatch)
    this = ctypes.pointer(interface.raw)
    assert interface.raw.GetFontCharset(this, BIG) == 134
    assert interface.raw.GetFontCharset(this, SMALL) == 0
    # a buffer too small for the file: the size, nothing read (as the default answers)
    small = (ctypes.c_ubyte * 16)()
    assert interface.raw.GetFontData(this, BIG, _pdf_fonts._TABLE_TTCF, small, 16) == 3 * 4096 * 256
    assert bytes(small) == bytes(16)


def test_a_read_of_another_size_goes_to_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only PDFium's read into a buffer of exactly the file's size is answered from memory."""
    interface, stand_in = _interface(monkeypatch)
    data = _read(interface, BIG, _pdf_fonts._TABLE_TTCF)
    this = ctypes.pointer(interface.raw)
    larger = (ctypes.c_ubyte * (len(data) + 8))()
    assert interface.raw.GetFontData(this, BIG, _pdf_fonts._TABLE_TTCF, larger, len(data) + 8) == len(data)
    assert bytes(larger)[: len(data)] == data
    assert stand_in.reads == [(BIG, _pdf_fonts._TABLE_TTCF)] * 2


def test_not_installed_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' default interface makes a GDI font per mapping: its handles are not kept by."""
    monkeypatch.setattr(_pdf_fonts, "_INSTALLED", [])
    monkeypatch.setattr(_pdf_fonts.sys, "platform", "win32")

    def refuse(*_args: object) -> None:
        raise AssertionError("nothing is asked of PDFium on Windows")

    class _C:
        FPDF_GetDefaultSystemFontInfo = staticmethod(refuse)
        FPDF_SetSystemFontInfo = staticmethod(refuse)

    _pdf_fonts.install(object(), _C())
    assert _pdf_fonts._INSTALLED == [None]


def test_a_failed_read_is_not_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, stand_in = _interface(monkeypatch)
    stand_in.fail = True
    this = ctypes.pointer(interface.raw)
    buffer = (ctypes.c_ubyte * 16)()
    assert interface.raw.GetFontData(this, BIG, _pdf_fonts._TABLE_TTCF, buffer, 16) == 0
    assert not interface._files
    stand_in.fail = False
    assert _read(interface, BIG, _pdf_fonts._TABLE_TTCF) == stand_in.files[(BIG, _pdf_fonts._TABLE_TTCF)]


def test_kept_files_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, stand_in = _interface(monkeypatch)
    data = stand_in.files[(BIG, _pdf_fonts._TABLE_TTCF)]
    handles = range(1, _pdf_fonts._KEPT + 3)
    for handle in handles:
        stand_in.files[(handle, _pdf_fonts._TABLE_TTCF)] = data
        _read(interface, handle, _pdf_fonts._TABLE_TTCF)
    assert list(interface._files) == [(h, _pdf_fonts._TABLE_TTCF) for h in handles][-_pdf_fonts._KEPT :]


def test_release_frees_the_kept_files_and_the_default(monkeypatch: pytest.MonkeyPatch) -> None:
    interface, stand_in = _interface(monkeypatch)
    _read(interface, BIG, _pdf_fonts._TABLE_TTCF)
    interface.raw.Release(ctypes.pointer(interface.raw))
    assert interface.released
    assert stand_in.released
    assert not interface._files


def _run(script: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=False,
        cwd=TESTS,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


_DRAW = """
    import sys
    sys.path.insert(0, ".")
    import pypdfium2
    from gov_disclosure import parse, to_json
    from gov_disclosure.parsers import _pdf_fonts
    from pdf_writer import draw_report, sample_report

    data = draw_report(sample_report("2021", 1), ruled=False)

    class Users(pypdfium2.PdfSysfontBase):
        calls = 0

        def MapFont(self, *args):
            Users.calls += 1
            return super().MapFont(*args)
"""


def test_a_users_handler_installed_first_is_left_alone() -> None:
    out = _run(
        _DRAW
        + """
    Users().setup()
    first = to_json(parse(data).report)
    assert _pdf_fonts._INSTALLED == [None], _pdf_fonts._INSTALLED
    assert pypdfium2.PdfSysfontBase.SINGLETON is not None and Users.calls > 0
    print("ok")
    """
    )
    assert out == "ok"


def test_a_users_handler_installed_later_replaces_ours_with_the_same_readings() -> None:
    out = _run(
        _DRAW
        + """
    before = to_json(parse(data).report)
    ours = _pdf_fonts._INSTALLED[0]
    assert ours is not None and not ours.released
    Users().setup()
    assert ours.released and not ours._files
    after = to_json(parse(data).report)
    assert after == before and Users.calls > 0
    assert _pdf_fonts._INSTALLED == [ours]  # not installed again
    print("ok")
    """
    )
    assert out == "ok"


def test_parsing_installs_it_once_and_keeps_what_it_read() -> None:
    """In this process no other handler is installed: the first PDF read installs the interface,
    and a second read of the same report finds every big font file it kept already read (the
    same bytes objects: nothing read from disk again)."""
    from gov_disclosure import parse
    from pdf_writer import draw_report, sample_report

    data = draw_report(sample_report("2021", 1), ruled=False)
    first = parse(data)
    (interface,) = _pdf_fonts._INSTALLED
    assert interface is not None
    assert not interface.released
    kept = dict(interface._files)
    assert parse(data).report == first.report
    assert len(_pdf_fonts._INSTALLED) == 1
    assert _pdf_fonts._INSTALLED[0] is interface
    assert all(interface._files[key] is value for key, value in kept.items())
