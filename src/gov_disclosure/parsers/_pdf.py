"""PDF attachments: positioned glyphs → lines of cells → the same mapping as text.

:mod:`._pdf_layout` turns the PDF's text layer into prose lines and table rows (rows by
baseline, columns by the header's x-ranges, page breaks and vertical labels resolved). This
module joins the visual lines of running text back into paragraphs and hands everything to
the text parser's :func:`~._text.parse_lines`, so labels, arithmetic-guided splitting and
prose sections work exactly as for any other text source.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Sequence

import attrs

from ..model import CellValue, Unreadable
from ._labels import match_section
from ._pdf_layout import LayoutLine, LineKind, extract_layout
from ._result import Location, ParseResult, Problem, ProblemSeverity
from ._text import parse_lines

__all__ = ["parse_pdf", "reading_lines"]

# A visual line that starts a new paragraph: an item or heading marker.
_STARTS_BLOCK = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．](?!\d)"
    r"|第[一二三四五六七八九十]{1,3}[部分章节]|[一二三四五六七八九十]是)"
)
# a value cell holding several plain numbers: ``13 29`` (the neighbour's number typed into it)
_SEVERAL_NUMBERS = re.compile(r"\d+(?:\s+\d+)+")
# a clause's punctuation: a line holding one is part of a sentence, not a heading
_CLAUSE_MARK = re.compile("[，。；,;]")
_ENDS_SENTENCE = ("。", "！", "？", "；", "：", ".", "!", "?", ";", ":")
_SHORT = 0.8  # a line shorter than this share of the page's usual line length ends its paragraph


def _usual_width(lines: Sequence[LayoutLine]) -> dict[int, float]:
    """The usual length (characters) of a full prose line, per page."""
    widths: dict[int, list[int]] = {}
    for line in lines:
        if line.kind is LineKind.PROSE:
            widths.setdefault(line.page, []).append(len(line.cells[0].strip()))
    everything = [w for ws in widths.values() for w in ws]
    fallback = float(statistics.median(everything)) if everything else 0.0
    out: dict[int, float] = {}
    for page, ws in widths.items():
        long_lines = [w for w in ws if w >= 0.5 * max(ws)]
        out[page] = float(statistics.median(long_lines)) if len(long_lines) >= 3 else fallback
    return out


def _starts_paragraph(text: str) -> bool:
    if _STARTS_BLOCK.match(text):
        return True
    # An unnumbered heading: a section's words on a line that is not part of a sentence.
    return _CLAUSE_MARK.search(text) is None and match_section(text) is not None


def _row_cells(line: LayoutLine) -> tuple[tuple[str, ...], list[tuple[str, str]]]:
    """A table row's cells for the text parser; a cell holding several numbers is glued back
    into one digit run for the arithmetic to cut.

    For each extra number a blank neighbour (right first, then left) is dropped, so that the
    run stands for the cells it may fill: ``("13 29", "", "0", …)`` → ``("1329", "0", …)``,
    which the row total cuts into 13 and 29. Without blank neighbours the run must be one
    cell: it is returned as (glued run, printed text) for :func:`parse_pdf` to keep unreadable,
    never silently taken as one number.
    """
    labels, values = list(line.labels), list(line.values)
    unresolved: list[tuple[str, str]] = []
    k = 0
    while k < len(values):
        text = values[k].strip()
        if text.isdecimal() or _SEVERAL_NUMBERS.fullmatch(text) is None:  # (one number has no space)
            k += 1
            continue
        extra = len(text.split()) - 1
        values[k] = "".join(text.split())
        for _ in range(extra):
            if k + 1 < len(values) and not values[k + 1].strip():
                del values[k + 1]
            elif k > 0 and not values[k - 1].strip():
                del values[k - 1]
                k -= 1
            else:
                unresolved.append((values[k], text))
                break
        k += 1
    return (*labels, *values), unresolved


@attrs.frozen
class _Margins:
    left: float
    right: float


def _margins(lines: Sequence[LayoutLine]) -> dict[int, _Margins]:
    """The left and right edges of the running text, per page (from prose lines with geometry)."""
    edges: dict[int, list[LayoutLine]] = {}
    for line in lines:
        if line.kind is LineKind.PROSE and line.x1 > line.x0:
            edges.setdefault(line.page, []).append(line)
    return {
        page: _Margins(left=min(ln.x0 for ln in page_lines), right=max(ln.x1 for ln in page_lines))
        for page, page_lines in edges.items()
    }


def _continues(previous: LayoutLine, line: LayoutLine, margins: dict[int, _Margins]) -> bool | None:
    """Whether ``line`` continues the paragraph of ``previous`` by their geometry: the line above
    runs to the right margin, this one starts at the left margin, in the same type size.
    ``None`` when the geometry is not known."""
    if not (previous.x1 > previous.x0 and line.x1 > line.x0 and previous.size and line.size):
        return None
    above, here = margins.get(previous.page), margins.get(line.page)
    if above is None or here is None:
        return None
    em = max(previous.size, line.size)
    same_size = abs(previous.size - line.size) <= 0.15 * em
    full_line = previous.x1 >= above.right - 1.5 * em
    flush_left = line.x0 <= here.left + 0.75 * em
    return same_size and full_line and flush_left


def reading_lines(
    layout: Sequence[LayoutLine], unresolved: list[tuple[int, str, str]] | None = None
) -> tuple[list[tuple[str, ...]], list[Location]]:
    """Lines of cells for :func:`parse_lines`: table rows as they are, prose joined into paragraphs.

    A visual prose line continues the paragraph above when the line above runs to the right
    margin and this one starts at the left margin in the same type size (titles, centred
    lines, indented first lines and metadata lines stand alone), and never when it starts
    with a heading or item marker. Without geometry, the line lengths decide.
    Cells holding several numbers that no blank neighbour explains are added to
    ``unresolved`` as (page, glued run, printed text).
    """
    usual = _usual_width(layout)
    margins = _margins(layout)
    out: list[tuple[str, ...]] = []
    locations: list[Location] = []
    previous: LayoutLine | None = None
    open_paragraph = False
    pages: dict[int, Location] = {}  # one (frozen) location per page, shared by its lines
    for line in layout:
        location = pages.get(line.page)
        if location is None:
            location = pages[line.page] = Location(page=line.page)
        if line.kind is not LineKind.PROSE:
            if line.kind is LineKind.ROW:
                cells, several = _row_cells(line)
                out.append(cells)
                if unresolved is not None:
                    unresolved.extend((line.page, glued, raw) for glued, raw in several)
            else:
                out.append(tuple(line.cells))
            locations.append(location)
            open_paragraph = False
            previous = None
            continue
        text = line.cells[0].strip()
        if not text:
            open_paragraph = False
            continue
        starts = _starts_paragraph(text)  # asked once: a section's words are matched in it
        joins = open_paragraph and previous is not None and not starts
        if joins and previous is not None:
            by_geometry = _continues(previous, line, margins)
            if by_geometry is not None:
                joins = by_geometry
        if joins:
            out[-1] = (out[-1][0] + text,)
        else:
            out.append((text,))
            locations.append(location)
        width = usual.get(line.page, 0.0)
        ended_short = width > 0 and len(text) < _SHORT * width
        heading = starts and len(text) < _SHORT * width
        if line.x1 > line.x0:
            open_paragraph = not heading
        else:
            open_paragraph = not heading and not (ended_short and (text.endswith(_ENDS_SENTENCE) or len(out) <= 3))
        previous = line
    return out, locations


def parse_pdf(data: bytes, *, strict: bool = False) -> ParseResult:
    """Parse a report from the bytes of a PDF with a text layer.

    Raises :class:`ParseError` with code ``PDF.NO_TEXT_LAYER`` (a scan), ``PDF.ENCRYPTED`` or
    ``PDF.CORRUPT``, and :class:`MissingExtraError` when the ``pdf`` extra is not installed.
    """
    layout = extract_layout(data)
    unresolved: list[tuple[int, str, str]] = []
    lines, locations = reading_lines(layout, unresolved)
    result = parse_lines(lines, locations=locations, source_format="pdf", strict=False)
    if unresolved:
        result = _keep_unreadable(result, unresolved)
    if strict:
        result.raise_if_problems()
    return result


def _keep_unreadable(result: ParseResult, unresolved: Sequence[tuple[int, str, str]]) -> ParseResult:
    """Cells printed with several numbers and no blank neighbour: unreadable, with a problem."""
    values: dict[str, CellValue] = {}
    provenance = dict(result.provenance)
    problems = list(result.problems)
    for page, glued, raw in unresolved:
        for key, source in result.provenance.items():
            if source.location.page == page and source.raw.strip() == glued and key not in values:
                values[key] = Unreadable(raw)
                provenance[key] = attrs.evolve(source, raw=raw)
                problems.append(
                    Problem(
                        code="PDF.SEVERAL_NUMBERS",
                        severity=ProblemSeverity.WARNING,
                        params={"key": key, "text": raw},
                        location=Location(key=key, page=page),
                        raw=raw,
                    )
                )
                break
    report = result.report.with_cells(values) if values else result.report
    return attrs.evolve(result, report=report, problems=tuple(problems), provenance=provenance)
