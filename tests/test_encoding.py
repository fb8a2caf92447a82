"""Byte decoding of HTML pages: BOM, declarations, UTF-8, GB18030 — never latin-1 mojibake."""

from __future__ import annotations

import codecs

import pytest

from gov_disclosure.parsers._encoding import declared_encoding, decode_html
from helpers import CORPUS

REPORT = "<p>2020年某某县政府信息公开工作年度报告</p><p>（七）总计 堃 喆</p>"


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ],
)
def test_bom_wins_over_everything(bom: bytes, codec: str) -> None:
    page = '<meta charset="gb2312">' + REPORT
    decoded = decode_html(bom + page.encode(codec))
    assert decoded.text == page
    assert decoded.encoding == codec
    assert not decoded.lossy


def test_meta_charset_gb2312_with_gbk_only_characters_reads_as_gb18030() -> None:
    # 堃 and 喆 are outside GB2312: real pages declared GB2312 carry them anyway.
    page = '<html><head><meta charset="GB2312"></head><body>' + REPORT + "</body></html>"
    decoded = decode_html(page.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.declared == "gb2312"
    assert "堃 喆" in decoded.text
    assert decoded.notes == ()


def test_http_equiv_declaration() -> None:
    page = '<meta http-equiv="Content-Type" content="text/html; charset=GBK">' + REPORT
    decoded = decode_html(page.encode("gb18030"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == page


def test_xml_declaration() -> None:
    page = '<?xml version="1.0" encoding="gb2312"?><html><body>' + REPORT + "</body></html>"
    assert decode_html(page.encode("gbk")).text == page


def test_undeclared_utf8_fragment_is_utf8() -> None:
    decoded = decode_html(REPORT.encode("utf-8"))
    assert (decoded.encoding, decoded.declared, decoded.text) == ("utf-8", None, REPORT)


def test_undeclared_gbk_falls_back_to_gb18030() -> None:
    decoded = decode_html(REPORT.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == REPORT


def test_latin1_declaration_on_chinese_bytes_is_not_believed() -> None:
    page = '<meta charset="iso-8859-1">' + REPORT
    decoded = decode_html(page.encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert "总计" in decoded.text
    assert [code for code, _params in decoded.notes] == ["HTML.ENCODING#latin1"]


def test_wrong_declaration_falls_back_and_says_so() -> None:
    page = '<meta charset="utf-8">' + REPORT
    decoded = decode_html(page.encode("gbk"))
    assert decoded.encoding == "gb18030"
    assert decoded.text == page
    assert decoded.notes
    assert decoded.notes[0] == ("HTML.ENCODING#invalid", {"declared": "utf-8", "codec": "utf-8"})


def test_unknown_declaration_is_noted() -> None:
    decoded = decode_html(('<meta charset="x-klingon">' + REPORT).encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.notes[0] == ("HTML.ENCODING#unknown", {"declared": "x-klingon"})


def test_damaged_utf8_is_replaced_and_flagged() -> None:
    # a stray byte and a page cut inside a character
    decoded = decode_html(("<p>" + "总计" * 20).encode() + b"\xff" + "总".encode()[:2])
    assert decoded.lossy
    assert decoded.encoding == "utf-8"
    assert decoded.text.count("\ufffd") == 2
    assert "总计" * 20 in decoded.text


def test_damaged_gbk_is_replaced_and_flagged() -> None:
    decoded = decode_html(("<p>" + "总计" * 20).encode("gbk") + b"\xff")
    assert decoded.lossy
    assert decoded.encoding == "gb18030"
    assert "总计" * 20 in decoded.text


def test_declared_encoding_reads_only_the_head() -> None:
    assert declared_encoding(b"<meta charset='utf-8'>") == "utf-8"
    assert declared_encoding(b" " * 10000 + b"<meta charset='gbk'>") is None
    assert declared_encoding(b"<p>no declaration</p>") is None


def test_corpus_fragment_without_declaration_has_no_mojibake() -> None:
    data = (CORPUS / "shanghai-office-2019.html").read_bytes()
    decoded = decode_html(data)
    assert decoded.encoding == "utf-8"
    assert "上海市人民政府办公厅" in decoded.text
    assert "Ã" not in decoded.text
    assert "ä" not in decoded.text
