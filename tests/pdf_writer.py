"""Draw a report as a PDF the way publishers print the official form (reportlab, for the tests).

:func:`draw_report` lays out the title, the prose sections and the three tables of a report
on A4 pages: section 二 as caption / 信息内容 header / rows blocks, section 三 with its
three-level header (the 勾稽关系 note in the corner) and its group labels as spanning cells
(``三、本年度办理结果`` typeset vertically, one glyph per line), section 四 as its block
headers over one row of values. Tables flow onto the next page without repeating their header;
a spanning label cut by the page break keeps the lines that fall on each page (``（四）无`` /
``法提供``). Every page carries a running header and a page number.

Labels and headers come from the edition description through the renderers' shared layout
(:mod:`gov_disclosure.renderers._layout`), never re-typed here.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from gov_disclosure import AnnualReport, ColumnKind, Edition, Placeholder, Section, edition_spec
from gov_disclosure.renderers._layout import (
    APPLICANT_HEADER,
    BALANCE_NOTE,
    CONTENT_HEADER,
    Line,
    caption_blocks,
    column_groups,
    paragraphs,
    parts,
    printed_lines,
)

__all__ = ["FONT", "PAGE_H", "PAGE_W", "draw_report", "sample_report"]

FONT = "STSong-Light"  # reportlab's built-in CID font: Chinese text with no font file
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_W, PAGE_H = A4
LEFT, RIGHT = 51.0, PAGE_W - 51.0
TOP, BOTTOM = 70.0, PAGE_H - 70.0
PROSE_SIZE = 10.5
TABLE_SIZE = 8.0


def width_of(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def wrap(text: str, width: float, size: float) -> list[str]:
    """``text`` cut into lines no wider than ``width`` (glyph by glyph, as CJK text wraps)."""
    lines: list[str] = []
    current = ""
    for char in text:
        if current and width_of(current + char, size) > width:
            lines.append(current)
            current = char
        else:
            current += char
    if current or not lines:
        lines.append(current)
    return lines


@dataclass(frozen=True)
class Cell:
    """A table cell over rows ``r0 ≤ r < r1`` and columns ``c0 ≤ c < c1``."""

    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    left: bool = False  # labels are left-aligned, values and headers centred
    vertical: bool = False  # one glyph per line (the 三、本年度办理结果 label)


@dataclass
class Document:
    """Drawing operations per page, laid out top-down; pages are emitted at the end."""

    ruled: bool = True
    running_header: str = ""
    pages: list[list[tuple[str, tuple[object, ...]]]] = field(default_factory=lambda: [[]])
    y: float = TOP

    def new_page(self) -> None:
        self.pages.append([])
        self.y = TOP

    def text(self, x: float, top: float, text: str, size: float, *, centre: bool = False) -> None:
        self.pages[-1].append(("text", (x, top, text, size, centre)))

    def text_on(self, page: int, x: float, top: float, text: str, size: float, *, centre: bool = False) -> None:
        self.pages[page].append(("text", (x, top, text, size, centre)))

    def rect_on(self, page: int, x0: float, top: float, x1: float, bottom: float) -> None:
        self.pages[page].append(("rect", (x0, top, x1, bottom)))

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.new_page()

    def centred(self, text: str, size: float) -> None:
        self.room(size * 1.8)
        self.text(PAGE_W / 2, self.y, text, size, centre=True)
        self.y += size * 1.8

    def paragraph(self, text: str, size: float = PROSE_SIZE, *, indent: bool = True) -> None:
        first = "\u3000\u3000" if indent else ""
        for line in wrap(first + text, RIGHT - LEFT, size):
            self.room(size * 1.7)
            self.text(LEFT, self.y, line.lstrip("\u3000") if not indent else line, size)
            if indent and line.startswith("\u3000"):
                # the indent as a shift, not as ideographic spaces in the text layer
                self.pages[-1][-1] = ("text", (LEFT + 2 * size, self.y, line.lstrip("\u3000"), size, False))
            self.y += size * 1.7

    def gap(self, height: float) -> None:
        self.y += height

    def table(self, widths: Sequence[float], cells: Sequence[Cell], *, size: float = TABLE_SIZE) -> None:
        """Lay the grid out from the current position, flowing onto new pages between rows."""
        xs = [LEFT]
        for w in widths:
            xs.append(xs[-1] + w)
        nrows = max(c.r1 for c in cells)
        pitch = size * 1.35
        texts = {id(c): self._cell_lines(c, xs, size) for c in cells}
        heights = [size * 2.4] * nrows
        for c in sorted(cells, key=lambda c: c.r1 - c.r0):
            need = len(texts[id(c)]) * pitch + size * 1.2
            have = sum(heights[c.r0 : c.r1])
            if need > have:
                heights[c.r1 - 1] += need - have
        row_page: list[int] = []
        row_top: list[float] = []
        for h in heights:
            self.room(h)
            row_page.append(len(self.pages) - 1)
            row_top.append(self.y)
            self.y += h
        starts = [0.0]
        for h in heights:
            starts.append(starts[-1] + h)
        for c in cells:
            if self.ruled:
                r = c.r0
                while r < c.r1:  # one rectangle per page the cell spans
                    end = r
                    while end + 1 < c.r1 and row_page[end + 1] == row_page[r]:
                        end += 1
                    self.rect_on(row_page[r], xs[c.c0], row_top[r], xs[c.c1], row_top[end] + heights[end])
                    r = end + 1
            lines = texts[id(c)]
            span = starts[c.r1] - starts[c.r0]
            first = starts[c.r0] + (span - len(lines) * pitch) / 2
            for k, line in enumerate(lines):
                offset = first + k * pitch
                r = next(
                    (r for r in range(c.r0, c.r1) if offset + pitch / 2 < starts[r + 1]), c.r1 - 1
                )
                within = min(max(offset - starts[r], 1.0), heights[r] - pitch)
                top = row_top[r] + within + (pitch - size) / 2
                if c.left:
                    self.text_on(row_page[r], xs[c.c0] + 3, top, line, size)
                else:
                    self.text_on(row_page[r], (xs[c.c0] + xs[c.c1]) / 2, top, line, size, centre=True)
        self.y += size

    @staticmethod
    def _cell_lines(c: Cell, xs: Sequence[float], size: float) -> list[str]:
        if c.vertical:
            marker = re.match(r"[一二三四五六七八九十]+、", c.text)
            head = [marker.group(0)] if marker else []
            return head + list(c.text[len(marker.group(0)) if marker else 0 :])
        if not c.text:
            return []
        return wrap(c.text, xs[c.c1] - xs[c.c0] - 6, size)

    def pdf(self) -> bytes:
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer, pagesize=A4)
        for number, ops in enumerate(self.pages, start=1):
            if self.running_header:
                _draw_text(pdf, PAGE_W / 2, 36, self.running_header, 8, True)
            _draw_text(pdf, PAGE_W / 2, PAGE_H - 45, f"- {number} -", 9, True)
            for kind, args in ops:
                if kind == "text":
                    x, top, text, size, centre = args
                    _draw_text(pdf, float(x), float(top), str(text), float(size), bool(centre))  # type: ignore[arg-type]
                else:
                    x0, top, x1, bottom = (float(a) for a in args)  # type: ignore[arg-type]
                    pdf.setLineWidth(0.5)
                    pdf.rect(x0, PAGE_H - bottom, x1 - x0, bottom - top, stroke=1, fill=0)
            pdf.showPage()
        pdf.save()
        return buffer.getvalue()


def _draw_text(pdf: canvas.Canvas, x: float, top: float, text: str, size: float, centre: bool) -> None:
    pdf.setFont(FONT, size)
    baseline = PAGE_H - top - size * 0.88
    if centre:
        pdf.drawCentredString(x, baseline, text)
    else:
        pdf.drawString(x, baseline, text)


# --------------------------------------------------------------------------------------------
# the three tables of the form


def _text(cell: Any, printed: Mapping[str, str]) -> str:
    """What a value cell prints: its value, or the text ``printed`` gives for its key."""
    return printed.get(cell.key, cell.text)


def _proactive_cells(lines: Sequence[Line], printed: Mapping[str, str]) -> tuple[list[float], list[Cell]]:
    blocks = caption_blocks(lines)
    width = max(len(b.columns) for b in blocks)
    value_w = (RIGHT - LEFT - 150) / width
    cells: list[Cell] = []
    r = 0
    for block in blocks:
        if block.caption is not None:
            cells.append(Cell(r, r + 1, 0, width + 1, block.caption))
            r += 1
        spans = [1] * (len(block.columns) - 1) + [width - len(block.columns) + 1]
        bounds = [1]
        for s in spans:
            bounds.append(bounds[-1] + s)
        cells.append(Cell(r, r + 1, 0, 1, CONTENT_HEADER))
        cells.extend(Cell(r, r + 1, bounds[k], bounds[k + 1], col.label) for k, col in enumerate(block.columns))
        r += 1
        for line in block.lines:
            cells.append(Cell(r, r + 1, 0, 1, line.row.label, left=True))
            cells.extend(
                Cell(r, r + 1, bounds[k], bounds[k + 1], _text(cell, printed)) for k, cell in enumerate(line.cells)
            )
            r += 1
    return [150.0] + [value_w] * width, cells


def _requests_cells(lines: Sequence[Line], marker: str, printed: Mapping[str, str]) -> tuple[list[float], list[Cell]]:
    columns = lines[0].row.columns
    groups = column_groups(columns)
    depth = 3
    cells = [Cell(0, 3, 0, depth, BALANCE_NOTE), Cell(0, 1, depth, depth + len(columns), APPLICANT_HEADER)]
    c = depth
    for name, cols in groups:
        if name is None:
            cells.extend(Cell(1, 3, c + k, c + k + 1, col.label) for k, col in enumerate(cols))
        else:
            cells.append(Cell(1, 2, c, c + len(cols), name))
            cells.extend(Cell(2, 3, c + k, c + k + 1, col.label) for k, col in enumerate(cols))
        c += len(cols)
    first = 3
    for i, line in enumerate(lines):
        r = first + i
        path = line.path
        for level, label in enumerate(path[:-1]):
            if i > 0 and lines[i - 1].path[: level + 1] == path[: level + 1]:
                continue  # inside the span of the cell above
            span = 0
            for later in lines[i:]:
                if later.path[: level + 1] != path[: level + 1]:
                    break
                span += 1
            cells.append(Cell(r, r + span, level, level + 1, label, left=level > 0, vertical=level == 0))
        leaf = re.sub(r"^(\d+)\.", rf"\1{marker}", path[-1])
        cells.append(Cell(r, r + 1, len(path) - 1, depth, leaf, left=True))
        cells.extend(
            Cell(r, r + 1, depth + k, depth + k + 1, _text(cell, printed)) for k, cell in enumerate(line.cells)
        )
    value_w = 37.0
    return [22.0, 62.0, RIGHT - LEFT - 84.0 - value_w * len(columns)] + [value_w] * len(columns), cells


def _review_cells(lines: Sequence[Line], printed: Mapping[str, str]) -> tuple[list[float], list[Cell]]:
    depth = max(len(line.path) for line in lines) + 1
    cells: list[Cell] = []
    c = 0
    for i, line in enumerate(lines):
        path = line.path
        for level, label in enumerate(path):
            if i > 0 and lines[i - 1].path[: level + 1] == path[: level + 1]:
                continue
            width = sum(len(later.cells) for later in lines[i:] if later.path[: level + 1] == path[: level + 1])
            cells.append(Cell(level, level + 1, c, c + width, label))
        for k, cell in enumerate(line.cells):
            cells.append(Cell(len(path), depth, c + k, c + k + 1, cell.column.label))
            cells.append(Cell(depth, depth + 1, c + k, c + k + 1, _text(cell, printed)))
        c += len(line.cells)
    return [(RIGHT - LEFT) / c] * c, cells


def draw_report(
    report: AnnualReport,
    *,
    ruled: bool = True,
    split_title: bool = False,
    marker: str = ".",
    lead: float = 0.0,
    printed: Mapping[str, str] | None = None,
) -> bytes:
    """The report as a PDF of the official layout.

    ``ruled=False`` prints the tables without any ruling; ``split_title`` prints the title
    over two lines (the agency, then the rest); ``marker`` is the item marker of section 三's
    numbered labels (``.`` or ``、``); ``lead`` is extra space before section 三, to move its
    page break; ``printed`` prints other text in the value cells it names by stable key (a
    publisher's slip: two numbers in one cell).
    """
    printed = printed or {}
    doc = Document(ruled=ruled, running_header=report.title or "")
    title = report.title or ""
    if split_title and report.agency and title.startswith(report.agency):
        doc.centred(report.agency, 16)
        doc.centred(title[len(report.agency) :], 16)
    elif title:
        doc.centred(title, 16)
    doc.gap(8)
    if report.intro:
        for text in paragraphs(report.intro):
            doc.paragraph(text)
    for part in parts(report):
        doc.room(PROSE_SIZE * 4)
        if part.key == "requests":
            doc.gap(lead)
        doc.paragraph(part.heading, 12, indent=False)
        if part.table is None:
            for text in paragraphs(part.text or ""):
                doc.paragraph(text)
            continue
        lines = printed_lines(report, part.table)
        if not lines:
            continue
        if part.table.key == "proactive":
            widths, cells = _proactive_cells(lines, printed)
        elif part.table.key == "requests":
            widths, cells = _requests_cells(lines, marker, printed)
        else:
            widths, cells = _review_cells(lines, printed)
        doc.table(widths, cells)
    return doc.pdf()


# --------------------------------------------------------------------------------------------
# reports to draw

_SENTENCES = (
    "本机关坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进决策、执行、管理、服务、结果公开。",
    "全年通过门户网站主动公开政府信息，及时回应社会关切，政务公开工作取得新进展。",
    "规范依申请公开办理流程，严格落实答复时限要求。",
    "强化监督保障，将政务公开工作纳入绩效考核。",
    "部分单位对政务公开工作重视程度不够，公开内容不够全面，解读形式较为单一。",
    "下一步将加强业务培训，提升工作人员业务水平。",
)
_APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other")


def sample_report(edition: Edition | str, seed: int, *, single_other: bool = False) -> AnnualReport:
    """A report of ``edition`` whose every invariant holds, its numbers drawn from ``seed``.

    Section 三 balances (new + carried over = handled + carried forward) and its results add
    up to （七）总计; row totals are sums; some zero addends are printed blank; section 二
    has large counts, a signed change (2019), money with two places and one placeholder.
    """
    ed = Edition(edition)
    rng = random.Random(seed)
    year = 2020 if ed is Edition.V2019 else 2023
    agency = rng.choice(("某某市人民政府办公室", "某某县教育局", "某某区司法局"))
    spec = edition_spec(ed)
    headings = {s.key: s.heading for s in spec.sections}
    prose = {
        key: Section(headings[key], "\n".join(rng.sample(_SENTENCES, rng.randint(1, 3))))
        for key in ("overview", "problems", "other_matters")
    }
    report = AnnualReport.empty(
        ed, title=f"{agency}{year}年政府信息公开工作年度报告", agency=agency, year=year, **prose
    )
    values: dict[str, Any] = {}
    proactive = spec.table("proactive")
    for row in proactive.rows:
        for col in row.columns:
            key = f"proactive.{row.key}.{col.key}"
            if col.kind is ColumnKind.MONEY:
                values[key] = Decimal(rng.randint(0, 9_999_999)) / 100
            elif col.kind is ColumnKind.SIGNED:
                values[key] = rng.randint(-60, 60)
            else:
                values[key] = rng.choice((0, rng.randint(0, 40), rng.randint(0, 5_000_000), None))
    placeholder = rng.choice([f"proactive.{r.key}.{c.key}" for r in proactive.rows for c in r.columns])
    values[placeholder] = Placeholder(rng.choice(("/", "—", "无")))
    requests = spec.table("requests")
    single = ed is Edition.V2019 or single_other
    skip = {"other_no_correction", "other_no_fee_paid", "other_other"} if single else {"other_handling"}
    fixed = {"new_received", "carried_over", "total_handled", "carried_forward"}
    results = [r.key for r in requests.rows if r.key not in fixed and r.key not in skip]
    counts = {k: {c: rng.choice((0, 0, rng.randint(0, 30))) for c in _APPLICANTS} for k in results}
    counts["total_handled"] = {c: sum(counts[k][c] for k in results) for c in _APPLICANTS}
    counts["carried_forward"] = {c: rng.choice((0, rng.randint(0, 20))) for c in _APPLICANTS}
    counts["carried_over"], counts["new_received"] = {}, {}
    for c in _APPLICANTS:
        needed = counts["total_handled"][c] + counts["carried_forward"][c]
        counts["carried_over"][c] = rng.randint(0, needed)
        counts["new_received"][c] = needed - counts["carried_over"][c]
    for key, cells in counts.items():
        for c, v in cells.items():
            values[f"requests.{key}.{c}"] = None if v == 0 and rng.random() < 0.3 else v
        values[f"requests.{key}.total"] = sum(cells.values())
    for block in spec.table("review_litigation").rows:
        parts_ = {c.key: rng.choice((0, rng.randint(0, 15))) for c in block.columns if c.key != "total"}
        for c, v in parts_.items():
            values[f"review_litigation.{block.key}.{c}"] = None if v == 0 and rng.random() < 0.3 else v
        values[f"review_litigation.{block.key}.total"] = sum(parts_.values())
    return report.with_cells(values)
