"""Word documents and PDFs from another producer (LibreOffice, see tests/libreoffice/README.md)
read against the HTML pages they were made from: the Word documents exactly; the PDFs, whose
tables LibreOffice sometimes lays out past the page's edge, every value exact or flagged."""

from __future__ import annotations

from pathlib import Path

import pytest

from gov_disclosure import Edition, parse
from gov_disclosure._frames import uncertain_cells
from gov_disclosure.model import Unreadable
from helpers import REPO

HERE = REPO / "tests" / "libreoffice"
PAGES = {p.stem: p for p in [*(REPO / "tests" / "pages").glob("*.html"), *(REPO / "examples").glob("*.html")]}


@pytest.mark.parametrize("path", sorted(HERE.glob("*.docx")), ids=lambda p: p.stem)
def test_a_word_document_from_libreoffice_reads_like_its_page(path: Path) -> None:
    page = parse(PAGES[path.stem])
    result = parse(path)
    assert result.report.edition is page.report.edition
    if page.report.edition is not Edition.LEGACY:
        assert result.report.cells() == page.report.cells()
    assert result.report.year == page.report.year


@pytest.mark.parametrize("path", sorted(HERE.glob("*.pdf")), ids=lambda p: p.stem)
def test_a_pdf_from_libreoffice_is_exact_or_flagged(path: Path) -> None:
    truth = parse(PAGES[path.stem]).report
    result = parse(path)
    assert result.report.edition is truth.edition
    if truth.edition is Edition.LEGACY:
        return
    flagged = uncertain_cells(result.problems)
    cells = result.report.cells()
    silent = [key for key, want in truth.cells().items()
              if cells[key] != want and key not in flagged and not isinstance(cells[key], Unreadable)]
    assert silent == []
    exact = sum(cells[key] == want for key, want in truth.cells().items())
    assert exact >= len(truth.cells()) * 2 // 3  # most of the table reads; the rest is flagged
