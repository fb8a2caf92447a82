"""Input recognition: what a source is, from its bytes and then its name; formats no parser
reads, bytes that are no text, paths that name nothing and URLs are refused with one clear
``ParseError``, in the library and on every subcommand of the command line."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure.cli import main
from gov_disclosure.parsers._sniff import SNIFF_BYTES, is_report_source, sniff_source
from helpers import REPO
from test_render import numbered_report

EXAMPLE_TEXT = REPO / "examples" / "zhongshan-office-2020.txt"
EXAMPLE_HTML = REPO / "examples" / "shanghai-office-2019.html"

_OCR = "OCR"
_RESAVE = ".docx or PDF"
# (leading bytes, what the message names, what it advises)
PREFIXES = [
    (b"\x89PNG\r\n\x1a\n", "PNG", _OCR),
    (b"\xff\xd8\xff\xe0", "JPEG", _OCR),
    (b"GIF89a", "GIF", _OCR),
    (b"GIF87a", "GIF", _OCR),
    (b"II*\x00", "TIFF", _OCR),
    (b"MM\x00*", "TIFF", _OCR),
    (b"BM\x36\x00\x0c\x00\x00\x00\x00\x00", "BMP", _OCR),
    (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "WebP", _OCR),
    (b"\x1f\x8b\x08", "gzip", "decompress"),
    (b"Rar!\x1a\x07\x00", "RAR", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip", "archive"),
    (b"{\\rtf1\\ansi", "RTF", _RESAVE),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2", _RESAVE),
]


def _refusal(source: object) -> gd.ParseError:
    with pytest.raises(gd.ParseError) as raised:
        gd.parse(source)  # type: ignore[arg-type]
    assert "\n" not in str(raised.value)
    return raised.value


@pytest.mark.parametrize(("prefix", "what", "advice"), PREFIXES, ids=[p[1] for p in PREFIXES])
@settings(max_examples=10)
@given(tail=st.binary(max_size=2000))
def test_magic_numbers_with_any_tail_are_refused_by_name(prefix: bytes, what: str, advice: str, tail: bytes) -> None:
    error = _refusal(prefix + tail)
    assert error.code == "SOURCE.UNSUPPORTED"
    assert what in error.message("en")
    assert advice in error.message("en")
    assert not is_report_source(prefix + tail)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():  # an OpenDocument's mimetype entry is stored, never compressed
            archive.writestr(name, data, zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.mark.parametrize(("entries", "what"), [
    ({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, "Excel workbook"),
    ({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}, "PowerPoint"),
    ({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}, "OpenDocument text"),
    ({"OFD.xml": b"<ofd:OFD/>", "Doc_0/Document.xml": b"<x/>"}, "OFD"),
    ({"report.pdf": b"%PDF-1.4", "notes.txt": "年报".encode()}, "ZIP archive"),
])
def test_zip_packages_other_than_word_are_named(entries: dict[str, bytes], what: str) -> None:
    data = _zip(entries)
    error = _refusal(data)
    assert error.code == "SOURCE.UNSUPPORTED"
    assert what in error.message("en")
    assert not is_report_source(data[:SNIFF_BYTES])


def test_word_documents_are_read_from_their_bytes_whatever_the_name(tmp_path: Path) -> None:
    report = numbered_report("2021")
    data = gd.render(report, "docx")
    assert isinstance(data, bytes)
    assert sniff_source(data).format == "docx"
    assert is_report_source(data[:SNIFF_BYTES], "upload.bin")
    target = tmp_path / "upload.bin"
    target.write_bytes(data)
    assert gd.parse(target).report == report


@pytest.mark.parametrize(("stream", "name", "what"), [
    ("WordDocument", None, ".doc"),
    ("WordDocument", "report.wps", ".wps"),
    ("Workbook", None, ".xls"),
    ("EncryptedPackage", "report.docx", "password"),
])
def test_old_office_files_are_told_apart(stream: str, name: str | None, what: str) -> None:
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + stream.encode("utf-16-le") + b"\x00\x00" + bytes(100)
    found = sniff_source(data, name)
    assert not found.readable
    assert what in found.what
    with pytest.raises(gd.ParseError) as raised:
        found.refuse()
    assert raised.value.code == "SOURCE.UNSUPPORTED"


@settings(max_examples=40)
@given(data=st.binary(min_size=16, max_size=4000))
def test_random_bytes_are_never_a_report(data: bytes) -> None:
    with pytest.raises(gd.ParseError) as raised:
        gd.parse(data)
    assert "\n" not in str(raised.value)


def test_bytes_damaged_inside_are_refused_but_a_cut_last_character_is_noted() -> None:
    text = EXAMPLE_TEXT.read_bytes()
    damaged = text[:400] + b"\xff\xfe\x80" + text[400:]
    assert _refusal(damaged).code == "SOURCE.UNDECODABLE"
    page = EXAMPLE_HTML.read_bytes()
    assert _refusal(page[:300] + b"\x80\xff" + page[300:]).code == "SOURCE.UNDECODABLE"
    cut = text + "总".encode()[:2]
    result = gd.parse(cut)
    assert result.report == gd.parse(EXAMPLE_TEXT).report
    assert "TEXT.ENCODING" in {p.code for p in result.problems}


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_text_with_a_utf16_or_utf32_byte_order_mark_is_decoded(codec: str) -> None:
    expected = gd.parse(EXAMPLE_TEXT).report
    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    data = text.encode(codec) if codec != "utf-16-be" else b"\xfe\xff" + text.encode(codec)
    assert is_report_source(data[:SNIFF_BYTES], "report.txt")
    assert gd.parse(data).report == expected
    page = EXAMPLE_HTML.read_text(encoding="utf-8")
    assert gd.parse(page.encode("utf-16")).report == gd.parse(EXAMPLE_HTML).report


_NAMES = st.text(alphabet=st.characters(categories=("L", "N"), include_characters="-_ 年报"), min_size=1,
                 max_size=30)


@settings(max_examples=25)
@given(name=_NAMES, suffix=st.sampled_from(["", ".txt", ".html", ".pdf", ".docx"]))
def test_a_path_that_names_nothing_is_named_in_the_error(tmp_path_factory: pytest.TempPathFactory, name: str,
                                                          suffix: str) -> None:
    missing = tmp_path_factory.getbasetemp() / "no-such-folder" / (name + suffix)
    for source in (str(missing), missing):
        error = _refusal(source)
        assert error.code == "SOURCE.NOT_FOUND"
        assert str(missing) in error.message("en")


def test_a_str_is_a_path_never_content() -> None:
    text = EXAMPLE_TEXT.read_text(encoding="utf-8")
    error = _refusal(text)
    assert error.code == "SOURCE.NOT_FOUND"
    assert "parse_text" in error.message("en")
    assert "io.StringIO" in error.message("en")
    assert gd.parse(io.StringIO(text)).report == gd.parse(EXAMPLE_TEXT).report
    assert gd.parse(io.BytesIO(text.encode("gb18030"))).report == gd.parse(EXAMPLE_TEXT).report
    with EXAMPLE_HTML.open("rb") as handle:
        assert gd.parse(handle).report == gd.parse(EXAMPLE_HTML).report


_URLS = st.builds(
    lambda scheme, www, host, path: f"{scheme}{www}{host}.gov.cn/{path}",
    st.sampled_from(["http://", "https://", "ftp://", "HTTPS://", ""]),
    st.sampled_from(["www.", ""]),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=20),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789/_.?=&", max_size=40),
).filter(lambda url: "://" in url or url.startswith("www."))


@settings(max_examples=25)
@given(url=_URLS)
def test_urls_are_not_fetched(url: str) -> None:
    for source in (url, Path(url)):
        error = _refusal(source)
        assert error.code == "SOURCE.URL"
        assert "URLs are not fetched; download the page first" in error.message("en")


# ---------------------------------------------------------------------------------- command line


def _inputs(tmp_path: Path) -> dict[str, str]:
    rng = random.Random(12)
    files = {
        "scan.png": b"\x89PNG\r\n\x1a\n" + rng.randbytes(300),
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF" + rng.randbytes(300),
        "bundle.zip": _zip({"a.txt": b"x", "b.pdf": b"%PDF-1.4"}),
        "noise.bin": bytes(rng.randrange(128, 256) for _ in range(2000)),
        "old.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
        "notes.txt": "今天开会，讨论明年的工作安排。\n会议由办公室主任主持。\n".encode(),
    }
    paths = {}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        paths[name] = str(tmp_path / name)
    paths["missing"] = str(tmp_path / "exmaples" / "zhongshan-office-2020.txt")
    paths["url"] = "https://www.example.gov.cn/zwgk/2023/report.html"
    return paths


_CODES = {"scan.png": "SOURCE.UNSUPPORTED", "photo.jpg": "SOURCE.UNSUPPORTED", "bundle.zip": "SOURCE.UNSUPPORTED",
          "noise.bin": "SOURCE.UNDECODABLE", "old.doc": "SOURCE.UNSUPPORTED", "notes.txt": "TEXT.NOT_A_REPORT",
          "missing": "SOURCE.NOT_FOUND", "url": "SOURCE.URL"}


def test_every_subcommand_exits_2_with_one_clear_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for key, path in _inputs(tmp_path).items():
        code = _CODES[key]
        status = main(["check", "--lang", "en", path])
        out = capsys.readouterr().out
        assert status == 2, (key, out)
        failure = [line for line in out.splitlines() if line.strip()]
        assert failure[0] == f"{path} — could not be parsed", (key, out)
        assert failure[1].strip().startswith(f"[{code}]"), (key, out)
        assert len(failure) == 3  # the name, the one reason, the summary
        assert path in failure[1] or key != "url", out  # the URL as given ("//" not folded)
        target = tmp_path / f"{key}.md"
        status = main(["convert", path, "--to", "markdown", "-o", str(target)])
        captured = capsys.readouterr()
        assert status == 2, key
        assert not target.exists(), key
        assert not captured.out, key
        assert captured.err.count("\n") == 1, (key, captured.err)
        assert f"[{code}]" in captured.err, (key, captured.err)
        status = main(["convert", path, "--to", "markdown"])
        captured = capsys.readouterr()
        assert status == 2, key
        assert not captured.out, key
        cells = tmp_path / f"{key}.csv"
        status = main(["extract", path, "-o", str(cells), "--no-progress", "--lang", "en"])
        captured = capsys.readouterr()
        assert status == 2, (key, captured.err)
        failed = [line for line in captured.err.splitlines() if line.startswith("failed\t")]
        assert len(failed) == 1, (key, captured.err)
        assert code in failed[0] or key in ("missing", "url"), (key, captured.err)


@pytest.mark.parametrize("name", ["empty.docx", "empty.txt", "empty.html", "blank.md", "empty.pdf"])
def test_an_empty_file_is_empty_whatever_its_name(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"" if name.startswith("empty") else b"  \r\n\t\n")
    with pytest.raises(gd.ParseError) as raised:
        gd.parse(path)
    assert raised.value.code == "SOURCE.EMPTY"
    assert "empty" in raised.value.message("en")
    assert "空" in raised.value.message("zh")


def _counting(monkeypatch: pytest.MonkeyPatch, module: object, name: str, calls: list[str]) -> None:
    original = getattr(module, name)

    def counted(*args: object, **kwargs: object) -> object:
        calls.append(name)
        return original(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


@pytest.mark.parametrize(("page", "codec"), [("gbk-trs-2020.html", "gbk"), ("split-tables-2019.html", "utf-8")])
def test_a_page_is_decoded_once_and_read_as_its_bytes_are(monkeypatch: pytest.MonkeyPatch, page: str,
                                                          codec: str) -> None:
    from gov_disclosure.parsers import _html, _sniff

    data = (REPO / "tests" / "pages" / page).read_bytes()
    expected = _html.parse_html(data)  # the HTML reader given the bytes: it decodes them itself
    assert data.decode(codec)  # the page is in the codec the case names
    calls: list[str] = []
    _counting(monkeypatch, _sniff, "decode_html", calls)
    _counting(monkeypatch, _html, "decode_html", calls)
    result = gd.parse(data)
    assert calls == ["decode_html"]  # by the sniffer, whose text the reader is handed
    assert result.report == expected.report
    assert result.problems == expected.problems
    assert dict(result.provenance) == dict(expected.provenance)


def test_a_page_whose_decoding_has_something_to_say_is_decoded_by_the_reader() -> None:
    data = (REPO / "tests" / "pages" / "gbk-trs-2020.html").read_bytes()
    assert b"charset=gb2312" in data
    unknown = data.replace(b"charset=gb2312", b"charset=x-klingon")
    from gov_disclosure.parsers._html import parse_html

    result = gd.parse(unknown)
    assert "HTML.ENCODING" in {p.code for p in result.problems}  # the unknown declaration is still noted
    assert (result.report, result.problems) == (parse_html(unknown).report, parse_html(unknown).problems)


def test_a_text_is_decoded_once_and_read_as_its_bytes_are(monkeypatch: pytest.MonkeyPatch) -> None:
    from gov_disclosure.parsers import _sniff, _stream, _text

    data = EXAMPLE_TEXT.read_text(encoding="utf-8").encode("gb18030")
    expected = _text.parse_text(data)
    calls: list[str] = []
    _counting(monkeypatch, _sniff, "decode_text", calls)
    _counting(monkeypatch, _stream, "decode_text", calls)
    result = gd.parse(data)
    assert calls == ["decode_text"]
    assert (result.report, result.problems) == (expected.report, expected.problems)


def _looks_like_markdown_whole(text: str) -> bool:
    """Markdown told as first written: every line of the whole text looked at."""
    lines = [ln.strip() for ln in text.splitlines()]
    pipes = sum(1 for ln in lines if ln.startswith("|") and ln.endswith("|"))
    return pipes >= 3 and any(set(ln) <= set("|-: ") and "-" in ln for ln in lines)


@given(st.lists(st.sampled_from(["| a | b |", "|---|---|", "|--", "--|", "| x", "|", "- -", ":-:", "a", " ", "|-x|",
                                 "\n", "\r\n", "\r", "\x0b", "\u2028", "\u3000"]), max_size=30),
       st.integers(1, 40))
def test_markdown_is_told_from_a_bounded_look_as_from_the_whole_text(parts: list[str], look: int) -> None:
    """A text's first characters can say it is Markdown, never that it is not, and a line cut at
    the end of the look is not read: the answer is the whole text's, wherever the look ends."""
    from gov_disclosure.parsers import _sniff

    text = "".join(parts)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_sniff, "_MARKDOWN_LOOK", look)
        assert _sniff._looks_like_markdown(text) == _looks_like_markdown_whole(text)
