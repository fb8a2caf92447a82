"""Traditional characters: the folding table is OpenCC's, and a 繁體 page reads like its simplified twin.

The table (``gov_disclosure/_hanzi_table.py``) is generated from OpenCC's character data by
``tools/make_hanzi_table.py``; here it is compared with the installed OpenCC's own
conversions for every CJK code point, and every simplified test page and corpus copy is
converted to traditional with OpenCC (``s2t``, ``s2tw``, ``s2hk``) and parsed: every value,
the metadata, the problems and the findings must be those of the simplified page, and the
prose must be the traditional text as printed.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport, Edition, ParseResult, Placeholder, Unreadable
from gov_disclosure._hanzi import HANZI, fold_hanzi
from gov_disclosure._hanzi_table import SIMPLIFIED, TRADITIONAL
from gov_disclosure.parsers import parse_html, parse_text
from gov_disclosure.renderers import render
from gov_disclosure.testing import reports
from helpers import CORPUS, REPO, truth_value

PAGES = Path(__file__).resolve().parent / "pages"
CONFIGS = ("s2t", "s2tw", "s2hk")
_CJK = ((0x2E80, 0x2FE0), (0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2FA20))


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _code_points() -> list[str]:
    return [chr(c) for lo, hi in _CJK for c in range(lo, hi)]


def _opencc_fold(chars: list[str]) -> dict[str, str]:
    """What OpenCC's own conversions make of each character, composed as the generator says:
    ``t2s`` where it changes the character, else ``hk2s``, else ``tw2s``; closed under itself."""
    outputs = [_converter(cfg).convert("\n".join(chars)).split("\n") for cfg in ("t2s", "hk2s", "tw2s")]
    assert all(len(out) == len(chars) for out in outputs)
    table: dict[str, str] = {}
    for i, c in enumerate(chars):
        for out in outputs:
            if out[i] != c:
                table[c] = out[i]
                break
    for c in list(table):
        seen = {c}
        while table[c] in table and table[c] not in seen:
            seen.add(table[c])
            table[c] = table[table[c]]
    return {c: s for c, s in table.items() if s != c}


# ------------------------------------------------------------------------------ the table


def test_table_is_opencc_for_every_cjk_code_point() -> None:
    """Not a sample: every code point of the CJK blocks folds as OpenCC converts it."""
    chars = _code_points()
    want = _opencc_fold(chars)
    generated = dict(zip(TRADITIONAL, SIMPLIFIED, strict=True))
    in_blocks = set(chars)
    assert {c: s for c, s in generated.items() if c in in_blocks} == want
    radicals = {chr(c) for c in range(0x2E80, 0x2FE0)}
    wrong = [(c, fold_hanzi(c), want.get(c, c)) for c in chars if c not in radicals and fold_hanzi(c) != want.get(c, c)]
    assert wrong == []


def test_folding_is_one_for_one_and_idempotent() -> None:
    assert all(len(s) == 1 for s in HANZI.values())
    folded = fold_hanzi("".join(chr(c) for c in HANZI))
    assert fold_hanzi(folded) == folded


def test_the_issue_characters_fold() -> None:
    assert fold_hanzi("四、結轉下年度繼續辦理") == "四、结转下年度继续办理"
    assert fold_hanzi("２０１８年度") == "2018年度"
    assert fold_hanzi("行政復議 行政複議 71.19萬元") == "行政复议 行政复议 71.19万元"


def test_generator_reproduces_the_committed_table() -> None:
    """``tools/make_hanzi_table.py --check`` from the installed OpenCC's dictionaries."""
    done = subprocess.run([sys.executable, str(REPO / "tools" / "make_hanzi_table.py"), "--check"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "up to date" in done.stdout


def test_no_hand_picked_table_is_left() -> None:
    """The one table is the generated one: no other module spells out a run of traditional
    characters (a hand-written translation table would)."""
    # radical glyphs have their own table; full-width digits fold too, and are no traditional characters
    traditional = {c for c in HANZI if not 0x2E80 <= c < 0x2FE0 and not 0xFF10 <= c <= 0xFF19}
    for path in (REPO / "src" / "gov_disclosure").rglob("*.py"):
        if path.name == "_hanzi_table.py":
            continue
        longest = run = 0
        for ch in path.read_text(encoding="utf-8"):
            run = run + 1 if ord(ch) in traditional else 0
            longest = max(longest, run)
        assert longest < 8, path


# ------------------------------------------------------------------------------ twins


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("undecodable test file")  # pragma: no cover


def _sources() -> Iterator[Path]:
    yield from sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".html"))
    yield from sorted(p for p in PAGES.glob("*.html") if not p.name.startswith("traditional"))


def _parse(path: Path, text: str) -> ParseResult:
    return parse_html(text) if path.suffix == ".html" else parse_text(text)


def _findings(report: AnnualReport) -> list[tuple[str, str]]:
    return sorted((f.code, str(f.cells)) for f in gd.check(report))


_META = ("edition", "year", "agency", "title", "published", "source_url")


@pytest.mark.parametrize("config", CONFIGS)
@pytest.mark.parametrize("path", list(_sources()), ids=lambda p: p.name)
def test_traditional_twin_reads_like_the_simplified_page(path: Path, config: str) -> None:
    printed = _decode(path.read_bytes())
    traditional = _converter(config).convert(printed)
    assert traditional != printed
    simple, twin = _parse(path, printed), _parse(path, traditional)
    assert dict(twin.report.cells()) == dict(simple.report.cells())
    assert {f: getattr(twin.report, f) for f in _META} == {f: getattr(simple.report, f) for f in _META}
    assert [(p.code, p.location) for p in twin.problems] == [(p.code, p.location) for p in simple.problems]
    if simple.report.edition is not Edition.LEGACY:
        assert _findings(twin.report) == _findings(simple.report)
    # prose is kept as printed: the traditional text, not folded back
    for key in ("overview", "problems", "other_matters"):
        want, got = getattr(simple.report, key), getattr(twin.report, key)
        assert (want is None) == (got is None)
        if want is not None and got is not None:
            assert got.text == _converter(config).convert(want.text)


def test_the_traditional_page_is_read_whole() -> None:
    """The committed 繁體 page (made with OpenCC ``s2tw``): every value, and its prose as printed."""
    expected = json.loads((PAGES / "traditional-2019.expected.json").read_text(encoding="utf-8"))
    result = gd.parse(PAGES / "traditional-2019.html")
    cells = dict(result.report.cells())
    assert {k: cells.get(k) for k in expected["values"]} == {
        k: truth_value(k, v) for k, v in expected["values"].items()
    }
    assert (result.report.year, result.report.agency) == (expected["year"], expected["agency"])
    assert result.report.other_matters is not None
    assert result.report.other_matters.text == "無。"
    assert not [p for p in result.problems if p.severity is gd.ProblemSeverity.ERROR]


@pytest.mark.parametrize("fmt", ["text", "html", "markdown"])
@settings(max_examples=8, deadline=None)
@given(data=st.data())
def test_rendered_reports_in_traditional_read_back(fmt: str, data: st.DataObject) -> None:
    """Any generated report, rendered and converted to traditional, reads back with the same
    values and metadata (the prose as converted)."""
    report = data.draw(reports(edition=data.draw(st.sampled_from([Edition.V2019, Edition.V2021]))))
    config = data.draw(st.sampled_from(CONFIGS))
    convert = _converter(config).convert
    back = gd.parse(convert(render(report, fmt)).encode("utf-8")).report
    # a placeholder or unreadable cell keeps its text as printed: in traditional characters
    want = {k: type(v)(convert(v.raw)) if isinstance(v, (Placeholder, Unreadable)) else v
            for k, v in report.cells().items()}
    assert dict(back.cells()) == want
    assert {f: getattr(back, f) for f in _META} == {f: getattr(report, f) for f in _META}


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_a_traditional_pdf_reads_like_its_simplified_twin(edition: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same report drawn as a PDF twice, the second time with every string converted by
    OpenCC ``s2t`` as it is drawn (labels, headings, title, prose)."""
    import pdf_writer

    report = pdf_writer.sample_report(edition, 0)
    simple = gd.parse(pdf_writer.draw_report(report))
    draw = pdf_writer._draw_text
    convert = _converter("s2t").convert
    monkeypatch.setattr(pdf_writer, "_draw_text",
                        lambda pdf, x, top, text, size, centre: draw(pdf, x, top, convert(text), size, centre))
    twin = gd.parse(pdf_writer.draw_report(report))
    want = {k: type(v)(convert(v.raw)) if isinstance(v, (Placeholder, Unreadable)) else v
            for k, v in simple.report.cells().items()}
    assert dict(twin.report.cells()) == want
    assert {f: getattr(twin.report, f) for f in _META} == {f: getattr(simple.report, f) for f in _META}
    assert [p.code for p in twin.problems] == [p.code for p in simple.problems]


def _docx_converted(data: bytes, convert: Callable[[str], str]) -> bytes:
    """A .docx with the text of every XML part converted (tags and attributes are ASCII)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.endswith(".xml"):
                part = convert(part.decode("utf-8")).encode("utf-8")
            target.writestr(info, part)
    return out.getvalue()


@pytest.mark.parametrize("config", CONFIGS)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_a_traditional_word_document_reads_back(config: str, data: st.DataObject) -> None:
    report = data.draw(reports(edition=data.draw(st.sampled_from([Edition.V2019, Edition.V2021]))))
    convert = _converter(config).convert
    back = gd.parse(_docx_converted(render(report, "docx"), convert)).report
    want = {k: type(v)(convert(v.raw)) if isinstance(v, (Placeholder, Unreadable)) else v
            for k, v in report.cells().items()}
    assert dict(back.cells()) == want
    assert {f: getattr(back, f) for f in _META} == {f: getattr(report, f) for f in _META}
