"""Reading a report from plain text or Markdown, and from pre-split lines (the PDF layout stage).

Every text layout goes through one path: the source is cut into lines of cells (a prose line
is one cell; a Markdown or tab-separated row is several), :mod:`._prose` finds the sections
and the metadata, and the table sections are read as a stream of label text and value runs
(:mod:`._stream` cuts them; this module maps them to rows and cells):

- one cell per line with header labels wrapped across lines (``本年新`` / ``制作数量``);
- rows separated by spaces or tabs, Markdown pipe tables (merged cells written out);
- crawler dumps whose whole body is one line, with each row's cells glued into one digit run
  and the labels glued to the digits on both sides (``3200000326.属于四类过程性信息``): the
  trailing ``6`` is the next label's item number, and the run ``320000032`` is split into
  its cells by the form's arithmetic (:mod:`._segment`).

A row is found by the label text that ends right before its values; a value run is never
read without a label. Section 四 is one row of fifteen numbers after its header.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache

import attrs

from .._errors import ParseError
from .._hanzi import fold_hanzi
from .._i18n import phrase
from ..model import (
    EDITIONS,
    AnnualReport,
    ColumnKind,
    Edition,
    ExtraSection,
    Relation,
    RowSpec,
    TableSpec,
    Unreadable,
)
from . import _stream as stream
from ._anchors import MAX_SCAN_CHARS, find_anchors, section_keys
from ._builder import ReportBuilder, without_tables
from ._document import choose_agency, note_missing_table
from ._encoding import Note
from ._labels import edition_markers, match_column, match_row, normalise, row_forms, strip_marker
from ._prose import ProseLayout, find_metadata, split_sections
from ._result import Location, ParseResult, ProblemSeverity, Provenance
from ._segment import Group, Segment, SplitResult, SplitStatus, number_of, solve

__all__ = ["parse_lines", "parse_text"]

_LABEL_TAIL = 80

#: Problems of one code reported per table before they are summarised.
MAX_REPEATED_PROBLEMS = 10

Line = stream.Line


# ---------------------------------------------------------------------------- entries


def parse_text(source: str | bytes, *, strict: bool = False) -> ParseResult:
    """Parse a report from plain text or Markdown (``str``, or ``bytes`` in UTF-8 or GB18030).

    Problems in the input are returned in :attr:`ParseResult.problems`; with ``strict=True``
    any problem at warning level or above raises one :class:`ParseError`.

    >>> text = "某某局2022年度政府信息公开工作年度报告\\n一、总体情况\\n本局……\\n"
    >>> parse_text(text).report.year
    2022
    """
    text, notes = stream.decode(source)
    lines, markdown = stream.split_lines(text)
    if len(lines) >= stream.MAX_LINES and text.count("\n") >= stream.MAX_LINES:
        notes.append(("TEXT.TRUNCATED", {"limit": stream.MAX_LINES}))
    result = parse_lines(lines, source_format="markdown" if markdown else "text", strict=False, notes=notes)
    if strict:
        result.raise_if_problems()
    return result


def parse_lines(
    lines: Sequence[Line],
    *,
    locations: Sequence[Location] | None = None,
    source_format: str = "pdf",
    strict: bool = False,
    notes: Sequence[Note] = (),
) -> ParseResult:
    """Parse a report from lines of cells in reading order.

    Each line is a tuple of cells: a prose line is a 1-tuple, a table row is
    ``(label, v1, v2, …)``. ``locations`` gives, per line, where it is in the source (a PDF
    page and position); by default ``Location(line=n)``. The same mapping and arithmetic
    splitting serve every text-like source (text, Markdown, PDF).
    """
    if locations is not None and len(locations) != len(lines):
        raise ParseError("TEXT.LOCATIONS", {"locations": len(locations), "lines": len(lines)})
    locs = list(locations) if locations is not None else None
    return _Reader(list(lines), locs, source_format, notes).read(strict=strict)


#: Section 三's （六） as sub-rows (the official form) rather than one ``other_handling`` row.
_OTHER_SUBROWS = frozenset({"other_no_correction", "other_no_fee_paid", "other_other"})
#: Placements of uncut runs among a row's cells listed as readings of a ``SPLIT.UNCONFIRMED`` problem.
_MAX_PLACEMENTS = 64


# ---------------------------------------------------------------------------- labels


_TAIL_OK = re.compile(r"^[\s:()\[\]【】*|<>]*$")
_LAST_MARKER = re.compile(r"(?:\d{1,2}[.、]|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]{1,2}、)")


@lru_cache(maxsize=4096)
def _group_fragment(edition: Edition, table: str, text: str) -> bool:
    """Is ``text`` a piece of a spanning group label of the table (``（六）其``, ``他处理``), and
    no row label of its own (``3.其他`` is a row)?"""
    folded = normalise(text)
    if not folded or folded.isdigit():
        return False
    groups = {normalise(g) for row in EDITIONS[edition].table(table).rows for g in row.groups}
    if not any(folded in g for g in groups):
        return False
    stripped = strip_marker(text)
    return not any(stripped == form for _row, forms in row_forms(edition, table) for form in forms)


@lru_cache(maxsize=16)
def _requests_relations(edition: Edition, other_handling: bool) -> tuple[Relation, ...]:
    """Section 三's sums (the same for every report of the edition: picked once)."""
    return tuple(rel for rel in EDITIONS[edition].relations(other_handling=other_handling)
                 if rel.code.startswith("T3."))


@lru_cache(maxsize=1024)
def _row_group(edition: Edition, table: str, row: str, total_last: bool) -> Group:
    """The cells of a table's row as one group of a segment: their stable keys and kinds (the
    same for every report of the edition: made once)."""
    columns = EDITIONS[edition].table(table).row(row).columns
    return Group(tuple(f"{table}.{row}.{c.key}" for c in columns), tuple(c.kind for c in columns),
                 total_last=total_last)


@lru_cache(maxsize=4096)
def _fuzzy_row(edition: Edition, table: str, text: str) -> RowSpec | None:
    return match_row(EDITIONS[edition].table(table), text)


@lru_cache(maxsize=4096)
def _column(edition: Edition, table: str, text: str) -> str | None:
    return match_column(EDITIONS[edition].table(table), text)


def _row_at_end(spec: TableSpec, edition: Edition, chunk: str) -> RowSpec | None:
    """The row whose label ends the label text ``chunk`` (right before the row's values)."""
    folded = normalise(chunk[-_LABEL_TAIL * 2 :])[-_LABEL_TAIL:]
    if not folded:
        return None
    return _row_ending(edition, spec.key, folded)


@lru_cache(maxsize=4096)
def _row_ending(edition: Edition, table: str, folded: str) -> RowSpec | None:
    """:func:`_row_at_end` for the folded tail of the label text (the same labels come back
    in report after report: looked up once)."""
    best: tuple[int, int, RowSpec | None] = (-1, 0, None)
    for row, forms in row_forms(edition, table):
        for form in forms:
            at = folded.rfind(form)
            if at < 0 or not _TAIL_OK.match(folded[at + len(form) :]):
                continue
            end = at + len(form)
            if (end, len(form)) > best[:2]:
                best = (end, len(form), row)
    if best[2] is not None:
        return best[2]
    # a typo'd label: the text from the last item marker, matched loosely
    markers = list(_LAST_MARKER.finditer(folded))
    if markers and len(folded) - markers[-1].start() <= 45:
        return _fuzzy_row(edition, table, folded[markers[-1].start() :])
    return None


def _edition_votes(text: str) -> dict[Edition, int]:
    folded = normalise(text)
    markers = edition_markers(proactive_rows=False)
    return {ed: sum(1 for form in forms if form in folded) for ed, forms in markers.items()}


_SUBTOTAL = "subtotal"
_SUBTOTAL_AFTER = 6


_SUBTOTAL_KEY = "." + _SUBTOTAL


def _is_subtotal(key: str) -> bool:
    return key.endswith(_SUBTOTAL_KEY)


def _subtotal_index(header: str) -> int | None:
    """Where a 法人或其他组织 小计 column sits among a section 三 row's eight values, if printed:
    before the five columns it sums (index 1) or after them (index 6)."""
    at = header.find("小计")
    if at < 0:
        return None
    first = header.find("商业企业")
    return 1 if 0 <= at < first else _SUBTOTAL_AFTER


def _prints_header(edition: Edition, table: str, text: str) -> bool:
    """Whether ``text`` prints the column header of ``table`` (two of its column labels or more)."""
    if edition is Edition.LEGACY or not text:
        return False
    folded = normalise(text)
    labels = {strip_marker(c.label) for c in EDITIONS[edition].table(table).columns}
    return sum(1 for label in labels if len(label) >= 3 and label in folded) >= 2


_FORM_HEADINGS = {s.key: s.heading for s in EDITIONS[Edition.V2021].sections}
_REVIEW_HEADER = ("审结", "总计", "结果维持", "结果纠正", "其他结果", "合计")


# ---------------------------------------------------------------------------- prose figures


#: The subjects whose figures fill section 二 cells (制发行政规范性文件62件): the only claims
#: the glued rows' splitter asks for.
_CELL_SUBJECTS = ("normative_issued", "normative_repealed", "normative_in_force",
                  "regulations_issued", "regulations_repealed", "regulations_in_force")


def _claims(layout: ProseLayout, edition: Edition, meta: Mapping[str, object]) -> dict[str, int]:
    """Figures the prose states for single section 二 cells (``制发行政规范性文件62件``), read by
    :func:`gov_disclosure.prose.first_claims` from the report's prose: the first clear claim of
    each cell (ambiguous claims are left out, later ones are not read)."""
    from ..prose import ClaimSubject
    from ..prose._claims import first_claims

    sections = {k: v for k, v in layout.sections.items() if k in ("overview", "problems", "other_matters")}
    title = meta.get("title")
    draft = AnnualReport.empty(edition, intro=layout.intro, title=title if isinstance(title, str) else None,
                               **sections)
    out: dict[str, int] = {}
    for claim in first_claims(draft, map(ClaimSubject, _CELL_SUBJECTS)):
        if claim.ambiguity is None and len(claim.keys) == 1 and claim.keys[0].startswith("proactive."):
            out.setdefault(claim.keys[0], claim.value)
    return out


def _aligned(values: list[stream.Token], header: Sequence[int], n_cells: int) -> list[stream.Token]:
    """Values of a space-aligned row put under their column labels, blanks filled in.

    Only when some cells are missing, the header has one label per cell, and each value
    ends near a different label's right edge; otherwise the values are left as they are.
    """
    if len(values) >= n_cells or len(header) != n_cells or any(v.col is None for v in values):
        return values
    slots: dict[int, stream.Token] = {}
    for value in values:
        col = value.col if value.col is not None else -1
        index = min(range(n_cells), key=lambda i: abs(header[i] - col))
        if abs(header[index] - col) > 4 or index in slots:
            return values
        slots[index] = value
    if [slots[i] for i in sorted(slots)] != values:
        return values
    line = values[0].line
    return [slots.get(i, stream.Token("", True, line)) for i in range(n_cells)]


# ---------------------------------------------------------------------------- reader


@attrs.frozen
class _Row:
    key: str
    values: tuple[stream.Token, ...]
    header: tuple[int, ...] = ()
    """Right edges (display columns) of the column labels above the row, on a space-aligned table."""


class _Reader:
    def __init__(self, lines: list[Line], locations: list[Location] | None, source_format: str,
                 notes: Sequence[Note]) -> None:
        self.locations = locations
        self.source_format = source_format
        self.notes = notes
        # Prose and metadata are read from the printed lines; the tables from the same lines
        # with traditional characters folded (one character for one, so offsets agree), each
        # line folded when a table reader first asks for it (:meth:`_line`).
        # a line of several cells printed with its cells joined by a space, each distinct one joined
        # once (a hostile text repeats a few lines many times)
        joined: dict[Line, str] = {}
        self.printed = [(text if (text := joined.get(line)) is not None else
                         joined.setdefault(line, " ".join([c for c in map(str.strip, line) if c])))
                        if len(line) > 1 else line[0] for line in lines]
        self.printed_lines = lines
        self._folded: dict[int, Line] = {}

    # -------------------------------------------------------------- top level

    def read(self, *, strict: bool) -> ParseResult:
        layout = split_sections(self.printed, anchored_tables=True)
        meta = find_metadata(self.printed)
        anchors = find_anchors(self.printed, sections=section_keys(layout.headings), title=meta.get("title"))
        anchors.refuse_unless_report(self.source_format)
        # the tables none of whose anchors the whole text shows (when it was scanned whole): no
        # line of it can show one either
        unseen = frozenset() if sum(map(len, self.printed)) + len(self.printed) >= MAX_SCAN_CHARS else \
            frozenset(t.key for t in EDITIONS[Edition.V2021].tables if t.key not in anchors.tables)
        regions = self._regions(layout)
        votes = _edition_votes("\n".join(self._region_text(regions.get(k, [])) for k in ("proactive", "requests")))
        edition = self._edition(votes, meta.get("year"), regions)
        builder = ReportBuilder(edition, source_format=self.source_format)
        for code, params in self.notes:
            builder.problem(code, params)
        if edition is not Edition.LEGACY:
            if meta.get("year") is not None and Edition.for_year(meta["year"]) is not edition:
                builder.problem("EDITION.YEAR_MISMATCH#expected", {"edition": edition.value, "year": meta["year"],
                                "expected": Edition.for_year(meta["year"]).value})
            self._read_rows(builder, edition, "proactive", regions.get("proactive"),
                            lambda: _claims(layout, edition, meta))
            self._read_rows(builder, edition, "requests", regions.get("requests"), dict)
            self._read_review(builder, edition, regions.get("review_litigation"))
        if not layout.headings:
            builder.problem("TEXT.NO_SECTIONS",
                            severity=ProblemSeverity.ERROR if not builder.values else ProblemSeverity.WARNING)
        builder.metadata.update({k: meta[k] for k in ("title", "year", "published", "source_url")})
        if meta["agency_basis"] is not None:
            line = meta["agency_line"]
            choose_agency(builder, [(meta["agency_basis"], meta["agency"],
                                     self._loc(line) if line is not None else Location(), meta["agency_raw"])])
        builder.metadata.update(self._prose(layout, edition))
        printed = {key for key, region in regions.items() if _prints_header(edition, key, self._region_text(region))}
        report = self._drop_missing_tables(builder.report(), builder, layout, printed, unseen)
        return builder.result(strict=strict, report=report)

    def _regions(self, layout: ProseLayout) -> dict[str, list[tuple[Line, int]]]:
        """Per table section, its lines (cells, input index); whole input when no heading at all."""
        out: dict[str, list[tuple[Line, int]]] = {}
        for key, span in layout.tables.items():
            out[key] = [self._layout_line(layout, i) for i in span]
        if not layout.headings and not layout.tables:
            every = [(self._line(n), n) for n in range(len(self.printed_lines))]
            out = {"proactive": every, "requests": every}
        return out

    def _layout_line(self, layout: ProseLayout, index: int) -> tuple[Line, int]:
        origin = layout.origin[index]
        text = layout.lines[index]
        if text == self.printed[origin]:
            return self._line(origin), origin
        return (fold_hanzi(text),), origin

    def _region_text(self, region: Sequence[tuple[Line, int]], limit: int = 20_000) -> str:
        """The start of a region's text (the headers that tell the edition are near its top)."""
        return "\n".join("".join(cells) for cells, _n in region[:2000])[:limit]

    def _edition(self, votes: Mapping[Edition, int], year: int | None,
                 regions: Mapping[str, list[tuple[Line, int]]]) -> Edition:
        strength = max(votes.values())
        # a pre-2019 report may name a form label in passing; the national tables name several
        if strength >= (2 if year is not None and year <= 2018 else 1):
            return Edition.V2021 if votes[Edition.V2021] > votes[Edition.V2019] else Edition.V2019
        if year is not None:
            return Edition.for_year(year)
        # no edition-specific header and no year: a table section still means a national form
        return Edition.V2021 if any(regions.values()) else Edition.LEGACY

    # -------------------------------------------------------------- sections 二 and 三

    def _rows(self, spec: TableSpec, edition: Edition, tokens: Sequence[stream.Token],
              builder: ReportBuilder) -> list[_Row]:
        rows: list[_Row] = []
        chunk: list[str] = []
        i = 0
        seen: set[str] = set()
        header: tuple[int, ...] = ()
        header_line, header_cols = -1, list[int]()
        unlabelled = duplicates = lost = 0
        while i < len(tokens):
            token = tokens[i]
            if not token.value:
                chunk.append(token.text)
                if token.col is not None and len(token.text) <= 12 and _column(edition, spec.key, token.text):
                    if token.line != header_line:
                        header_line, header_cols = token.line, []
                    header_cols.append(token.col)
                    if len(header_cols) >= 2:
                        header = tuple(header_cols)
                i += 1
                continue
            values = []
            while i < len(tokens) and tokens[i].value:
                values.append(tokens[i])
                i += 1
            label = "".join(chunk)
            chunk_pieces, chunk = chunk, []
            row = _row_at_end(spec, edition, label) if label else None
            pieces = chunk_pieces
            if row is None and len(pieces) > 1:
                # a vertical group label broken into the row labels of space-aligned text
                # (（六）其 / 他处理 beside 2.申请人逾期… / 要求缴纳费用…): read the row label without it
                kept = [piece for piece in pieces if not _group_fragment(edition, spec.key, piece)]
                if kept and len(kept) < len(pieces):
                    row = _row_at_end(spec, edition, "".join(kept))
            if row is None and rows and self._completes(spec, rows[-1], values, label):
                # a wrapped label in space-aligned text (pdftotext -layout): the row's first
                # value sits on the label's first line, the others on the next, after the
                # label's last characters
                rows[-1] = attrs.evolve(rows[-1], values=(*rows[-1].values, *values))
                continue
            if row is None:
                if label and spec.key == "requests" and "小计" in normalise(label):
                    continue
                if not any(v.text for v in values):
                    continue  # empty cells with no label (a blank header cell, a spacer): nothing lost
                unlabelled += 1
                # a whole row's worth of values with no label: a row was probably lost
                row_sized = len(values) >= max(2, len(spec.rows[0].columns) - 1)
                lost += row_sized
                if unlabelled > MAX_REPEATED_PROBLEMS:
                    continue
                builder.problem("TEXT.UNLABELLED_VALUES", {"count": len(values), "heading": spec.heading,
                                "text": " ".join(v.text for v in values)[:60]},
                                severity=ProblemSeverity.WARNING if row_sized else ProblemSeverity.INFO,
                                location=self._loc(values[0].line))
                continue
            if row.key in seen:
                duplicates += 1
                if duplicates > MAX_REPEATED_PROBLEMS:
                    continue
                builder.problem("TEXT.DUPLICATE_ROW", {"row": f"{spec.key}.{row.key}"},
                                location=self._loc(values[0].line))
                continue
            seen.add(row.key)
            rows.append(_Row(row.key, tuple(values), header))
        for code, count in (("TEXT.UNLABELLED_VALUES#more", unlabelled), ("TEXT.DUPLICATE_ROW#more", duplicates)):
            if count > MAX_REPEATED_PROBLEMS:
                builder.problem(code, {"heading": spec.heading, "count": count - MAX_REPEATED_PROBLEMS},
                                severity=ProblemSeverity.INFO)
        # runs of values no row took: unlabelled row-sized runs, and a row's runs past its cells
        surplus = []  # per row, its values past its cells
        for r in rows:
            n_cells = len(_row_group(edition, spec.key, r.key, False).keys)
            extra = len(r.values) - n_cells if len(r.values) <= n_cells else stream.surplus(r.values, n_cells)
            surplus.append(extra)
            lost += extra >= max(2, n_cells - 1)
        if lost:
            fitting = {r.key for r, extra in zip(rows, surplus, strict=True) if extra <= 0}
            self._unplaced(builder, spec, seen, fitting, lost)
        return rows

    def _unplaced(self, builder: ReportBuilder, spec: TableSpec, seen: set[str], fitting: set[str],
                  lost: int) -> None:
        """Rows of a table read with no value, while row-sized runs of values in it were left over
        (text that prints a table's labels apart from its values): the rows are not known to be
        blank — name their cells, read blank, as one reading among others. ``fitting``: the rows
        read with no more values than cells."""
        # （六） read as one row, or as its sub-rows (rows whose values fit them: a header word such as
        # 其他 taking every value left over is no evidence): the other form is not printed
        single, split = "other_handling" in fitting, bool(fitting & _OTHER_SUBROWS)
        unread = [row for row in spec.rows if row.key not in seen
                  and not (row.key in _OTHER_SUBROWS and single) and not (row.key == "other_handling" and split)]
        keys = [f"{spec.key}.{row.key}.{col.key}" for row in unread for col in row.columns]
        if not keys:
            return
        builder.problem("TEXT.UNLABELLED_VALUES#unplaced",
                        {"heading": spec.heading, "lost": lost, "count": len(unread),
                         "rows": ", ".join(r.key for r in unread)[:120]},
                        location=Location(key=keys[0]), candidates=(dict.fromkeys(keys),))

    def _read_rows(self, builder: ReportBuilder, edition: Edition, table: str,
                   region: list[tuple[Line, int]] | None, read_claims: Callable[[], Mapping[str, int]]) -> None:
        """Read a table's rows; ``read_claims`` gives the figures the prose states for its cells,
        read only when a row has runs to cut (a row printed one run per cell has one reading)."""
        if not region:
            return
        spec = EDITIONS[edition].table(table)
        tokens = stream.tokens(region)
        if len(tokens) > stream.MAX_TABLE_TOKENS:
            builder.problem("TEXT.TABLE_TRUNCATED", {"heading": spec.heading, "limit": stream.MAX_TABLE_TOKENS},
                            location=self._loc(tokens[-1].line))
            tokens = tokens[:stream.MAX_TABLE_TOKENS]
        region_text = self._region_text(region)
        subtotal = _subtotal_index(normalise(region_text[:3000])) if table == "requests" else None
        rows = self._rows(spec, edition, tokens, builder)
        single = False
        if table == "requests":
            single = any(r.key == "other_handling" for r in rows)
            subrows = any(r.key in _OTHER_SUBROWS for r in rows)
            if single and subrows:
                builder.problem("TEXT.OTHER_ROWS")
                rows = [r for r in rows if r.key != "other_handling"]
                single = False
        self._missing_rows(builder, edition, spec, rows, single, normalise(region_text))
        if table == "requests":
            segments = [self._segment(spec, r, builder, total_last=True, subtotal=subtotal) for r in rows]
            relations = list(_requests_relations(edition, single))
            pairs = [(r, s) for r, s in zip(rows, segments, strict=True) if s is not None]
            split_subtotals = False
            for _row, glued in pairs:
                if len(glued.groups) == 1:
                    continue  # a row's own group: its cells' keys (a 小计 glued in is a group of its own)
                pseudo = [k for k in glued.keys if k.endswith(_SUBTOTAL_KEY)]
                if pseudo:  # the row total is the natural-person column plus the subtotal
                    split_subtotals = True
                    first, last = glued.keys[0], glued.keys[-1]
                    relations.append(Relation("T3.ROW_TOTAL", (last,), (first, pseudo[0]), first.rsplit(".", 1)[0]))
            if pairs:
                result = solve([s for _r, s in pairs], relations=relations)
                if split_subtotals:  # (no other cell is a 小计)
                    result = self._without_subtotals(builder, result)
                self._store(builder, [r for r, _s in pairs], [s for _r, s in pairs], result)
            return
        claims: Mapping[str, int] | None = None
        for row in rows:
            segment = self._segment(spec, row, builder, total_last=False, subtotal=None)
            if segment is not None:
                if claims is None and len(segment.runs) != len(segment.keys):
                    claims = read_claims()
                result = solve([segment], claims={k: v for k, v in (claims or {}).items() if k in segment.keys})
                self._store(builder, [row], [segment], result)

    @staticmethod
    def _completes(spec: TableSpec, last: _Row, values: Sequence[stream.Token], label: str) -> bool:
        """Do ``values`` (after the unmatched label text ``label``) finish the row above?

        Only space-aligned numbers (each a whole word at a known column) on the very next line,
        only a short label fragment between them, and only when together they are exactly the
        row's number of cells."""
        if not last.values or any(v.col is None for v in (*last.values, *values)):
            return False
        n_cells = len(spec.row(last.key).columns)
        next_line = values[0].line == last.values[-1].line + 1
        return next_line and len(normalise(label)) <= 6 and len(last.values) + len(values) == n_cells

    def _missing_rows(self, builder: ReportBuilder, edition: Edition, spec: TableSpec, rows: Sequence[_Row],
                      single: bool, folded_text: str) -> None:
        """A table that was read but lacks rows its edition prints: say which (they stay blank).
        A row whose label is printed with no value (every cell blank) is not missing."""
        if not rows:
            return
        found = {r.key for r in rows}
        form = EDITIONS[edition]
        labels = {row.key: forms for row, forms in row_forms(edition, spec.key)}
        missing = [row for row in spec.rows
                   if form.row_printed(spec.key, row.key, other_handling=single) and row.key not in found
                   and not any(label in folded_text for label in labels.get(row.key, ()))]
        if missing:
            # the rows are left blank: not known to be so (their label may be printed past reading)
            keys = [f"{spec.key}.{row.key}.{col.key}" for row in missing for col in row.columns]
            builder.problem("TEXT.ROW_MISSING", {"heading": spec.heading, "rows": tuple(r.label for r in missing)},
                            severity=ProblemSeverity.WARNING, location=Location(key=keys[0]),
                            candidates=(dict.fromkeys(keys),))

    def _without_subtotals(self, builder: ReportBuilder, result: SplitResult) -> SplitResult:
        """Drop the 小计 cells split out of glued runs (checked by the split, not stored)."""
        subtotals = {k: v for k, v in result.pieces.items() if k.endswith(_SUBTOTAL_KEY)}
        if not subtotals:
            return result
        for key, piece in subtotals.items():
            builder.problem("TEXT.SUBTOTAL#split", {"row": key.rsplit(".", 1)[0], "text": piece},
                            severity=ProblemSeverity.INFO)
        return attrs.evolve(
            result,
            pieces={k: v for k, v in result.pieces.items() if not _is_subtotal(k)},
            split_keys=frozenset(k for k in result.split_keys if not _is_subtotal(k)),
            alternatives=tuple({k: v for k, v in alt.items() if not _is_subtotal(k)} for alt in result.alternatives),
        )

    def _segment(self, spec: TableSpec, row: _Row, builder: ReportBuilder, *, total_last: bool,
                 subtotal: int | None) -> Segment | None:
        group = _row_group(builder.edition, spec.key, row.key, total_last)
        keys = group.keys
        values = list(row.values)
        if subtotal is not None and len(values) == len(keys) + 1:
            skipped = values.pop(subtotal)
            legal = [number_of(v.text, ColumnKind.COUNT) for v in values[1:6]]
            printed = number_of(skipped.text, ColumnKind.COUNT)
            computed = sum(n for n in legal if n is not None)
            if printed is not None and printed != computed:
                builder.problem("TEXT.SUBTOTAL#mismatch", {"row": f"{spec.key}.{row.key}", "printed": printed,
                                "computed": computed},
                                location=self._loc(skipped.line), raw=skipped.text)
            else:
                builder.problem("TEXT.SUBTOTAL#checked", {"row": f"{spec.key}.{row.key}", "text": skipped.text},
                                severity=ProblemSeverity.INFO, location=self._loc(skipped.line))
        elif subtotal == _SUBTOTAL_AFTER and len(keys) == 7 and len(values) < 7 and any(v.splittable for v in values):
            # glued with its 小计: split into eight, the subtotal adding up its five columns
            pseudo = f"{spec.key}.{row.key}.{_SUBTOTAL}"
            count = ColumnKind.COUNT
            return Segment(
                runs=tuple(v.text for v in values),
                splittable=tuple(v.splittable for v in values),
                groups=(Group(keys[:1], (count,)), Group((*keys[1:6], pseudo), (count,) * 6, total_last=True),
                        Group(keys[6:], (count,))),
            )
        values = self._trimmed(builder, spec, row, keys, values, total_last)
        groups = (group,)
        joined = stream.joined(values, groups) if len(values) > len(keys) and total_last else None
        if joined is not None:
            # more digit runs than cells: numbers broken apart (a cell's digits in separate
            # spans, one per line), read as one glued run that the row's own total cuts
            builder.problem("TEXT.EXTRA_VALUES#glued", {"row": f"{spec.key}.{row.key}", "count": len(values),
                            "cells": len(keys)},
                            severity=ProblemSeverity.INFO, location=self._loc(values[0].line))
            return joined
        if len(values) > len(keys):
            extra = values[len(keys) :]
            kept = {k: self._value(builder, k, v.text) for k, v in zip(keys, values, strict=False)}
            builder.problem("TEXT.EXTRA_VALUES", {"row": f"{spec.key}.{row.key}", "count": len(values),
                            "cells": len(keys), "text": " ".join(v.text for v in extra)[:60]},
                            location=self._loc(extra[0].line, keys[0]), candidates=(kept,))
            values = values[: len(keys)]
        if not values:
            return None
        values = _aligned(values, row.header, len(keys))
        return Segment(
            runs=tuple(v.text for v in values),
            splittable=tuple(v.splittable for v in values),
            groups=groups,
            gaps=stream.gaps(values, len(keys), sums=total_last),
        )

    def _trimmed(self, builder: ReportBuilder, spec: TableSpec, row: _Row, keys: Sequence[str],
                 values: list[stream.Token], total_last: bool) -> list[stream.Token]:
        """``values`` without the blank padding past the row's cells (:func:`stream.blank_tail`). On one
        line of cells padded at both ends, either end may be the padding (a label's span before,
        a narrower table in a wider grid after): the reading whose numbers fit their columns
        (no decimal under a count) and add up to the row's total, where it has one, is taken;
        else the reading kept is named with the other (``TEXT.EXTRA_VALUES#padding``)."""
        trimmed = stream.blank_tail(values, len(keys))
        extra = len(values) - len(keys)
        front, back = values[extra:], values[: len(keys)]  # the padding dropped before, or after
        if extra <= 0 or any(v.text for v in values[:extra]) or any(v.text for v in values[len(keys):]):
            return trimmed  # one end only is blank padding (or neither): no choice to make
        readings = [trimmed, back if trimmed == front else front]
        kinds = [c.kind for c in spec.row(row.key).columns]
        # a reading that puts a decimal under a count, or whose total does not add up, is out
        fitting = [r for r in readings if all(stream.fits(v.text, k) for v, k in zip(r, kinds, strict=True))]
        if total_last:
            fitting = [r for r in fitting
                       if stream.adds_up([number_of(v.text, k) for v, k in zip(r, kinds, strict=True)])]
        if len(fitting) == 1:
            return fitting[0]
        builder.problem("TEXT.EXTRA_VALUES#padding", {"row": f"{spec.key}.{row.key}", "count": len(values),
                        "cells": len(keys)}, location=self._loc(values[0].line, keys[0]),
                        candidates=tuple({k: self._value(builder, k, v.text) for k, v in zip(keys, r, strict=True)}
                                         for r in readings))
        return trimmed

    # -------------------------------------------------------------- section 四

    def _read_review(self, builder: ReportBuilder, edition: Edition,
                     region: list[tuple[Line, int]] | None) -> None:
        if not region:
            return
        spec = EDITIONS[edition].table("review_litigation")
        tokens = stream.tokens(region)
        last_header = -1
        for i, token in enumerate(tokens):
            if not token.value:
                folded = normalise(token.text)
                if any(w in folded for w in _REVIEW_HEADER):
                    last_header = i
        if last_header < 0:
            return
        values = [t for t in tokens[last_header + 1 :] if t.value]
        if not values:
            return
        header_line = tokens[last_header].line
        header = [t.col for t in tokens[: last_header + 1] if t.line == header_line and not t.value
                  and t.col is not None and len(t.text) <= 12 and _column(edition, spec.key, t.text)]
        groups = tuple(_row_group(edition, spec.key, row.key, True) for row in spec.rows)
        n_cells = sum(len(g.keys) for g in groups)
        values = stream.blank_tail(values, n_cells)
        joined = stream.joined(values, groups) if len(values) > n_cells else None
        if joined is not None:
            builder.problem("TEXT.EXTRA_VALUES#review_glued", {"count": len(values), "cells": n_cells},
                            severity=ProblemSeverity.INFO, location=self._loc(values[0].line))
            segment = joined
        else:
            if len(values) > n_cells:
                keys = [k for g in groups for k in g.keys]
                kept = {k: self._value(builder, k, v.text) for k, v in zip(keys, values, strict=False)}
                builder.problem("TEXT.EXTRA_VALUES#review", {"count": len(values), "cells": n_cells},
                                location=self._loc(values[n_cells].line, keys[0]), candidates=(kept,))
                values = values[:n_cells]
            values = _aligned(values, [c for c in header if c is not None], n_cells)
            segment = Segment(tuple(v.text for v in values), tuple(v.splittable for v in values), groups,
                              gaps=stream.gaps(values, n_cells, sums=True))
        result = solve([segment])
        self._store(builder, [_Row("review_litigation", tuple(values))], [segment], result)

    # -------------------------------------------------------------- storing

    def _store(self, builder: ReportBuilder, rows: Sequence[_Row], segments: Sequence[Segment],
               result: SplitResult) -> None:
        runs_of: dict[str, tuple[stream.Token, ...]] = {}  # each cell's row's runs
        for row, seg in zip(rows, segments, strict=True):
            runs_of.update(dict.fromkeys(seg.keys, row.values))
        basis = " and ".join(result.basis) or "the digits alone"
        if result.status is SplitStatus.IMPOSSIBLE:
            for row, seg in zip(rows, segments, strict=True):
                if all(k in result.pieces for k in seg.keys):
                    if len(seg.runs) < len(seg.keys):
                        # cut without the sums that span the other rows (one of them cannot
                        # be cut at all): the cut is the digits' alone, and may hide blanks
                        own = [k for k in seg.keys if not _is_subtotal(k)]
                        raw = " ".join(seg.runs)
                        builder.problem(
                            "SPLIT.UNCONFIRMED#no_sums",
                            {"text": raw[:60], "pieces": tuple(f"{k}={result.pieces[k]}" for k in own)},
                            location=self._loc(row.values[0].line, own[0]), raw=raw,
                            candidates=({k: self._value(builder, k, result.pieces[k]) for k in own},),
                        )
                    continue
                raw = " ".join(seg.runs)
                builder.problem("SPLIT.IMPOSSIBLE", {"runs": len(seg.runs), "text": raw[:60], "count": len(seg.keys),
                                "cells": seg.keys}, severity=ProblemSeverity.ERROR,
                                location=self._loc(row.values[0].line, stream.scope(seg.keys)), raw=raw)
                for key in seg.keys:
                    if not _is_subtotal(key):
                        builder.set_value(key, Unreadable(raw), Provenance(self._loc(row.values[0].line, key), raw))
        how = "ambiguous: " if result.status is SplitStatus.AMBIGUOUS else ""
        notes: dict[str, str] = {}  # one note for every cell cut from the same run
        locations = self.locations
        split_keys = result.split_keys
        set_line = builder.set_line
        for key, piece in result.pieces.items():
            # the line of the first run holding the piece (:meth:`_line_of`), and the run it was
            # cut from: the first one holding it that is longer
            values = runs_of[key]
            if len(values) == 1 and piece in (run := values[0].text):  # a row of one run: the run itself
                line = values[0].line
                if len(run) <= len(piece):
                    run = piece
            else:
                first: int | None = None
                run = piece
                for token in values:
                    if piece in token.text:
                        if first is None:
                            first = token.line
                        if len(token.text) > len(piece):
                            run = token.text
                            break
                line = first if first is not None else values[0].line if values else 0
            if key in split_keys:
                note = notes.get(run)
                if note is None:
                    note = notes[run] = f"split from the glued run {run!r}; {how}checked against {basis}"
            else:
                note = None
            raw = piece if piece.isascii() else self._as_printed(line, piece)
            if locations is None:
                set_line(key, raw, line + 1, note=note)
            else:
                base = locations[line] if 0 <= line < len(locations) else Location()
                set_line(key, raw, line, base, note=note)
        loc = self._loc(rows[0].values[0].line) if rows and rows[0].values else Location()
        if result.status is SplitStatus.AMBIGUOUS or (result.status is SplitStatus.CAPPED and result.alternatives):
            differing = sorted({k for alt in result.alternatives for k in alt})
            candidates = tuple({k: self._value(builder, k, v) for k, v in alt.items()} for alt in result.alternatives)
            builder.problem(
                "SPLIT.AMBIGUOUS",
                {"count": len(candidates), "cells": tuple(differing),
                 "pieces": tuple(f"{k}={result.pieces[k]}" for k in differing)},
                location=attrs.evolve(loc, key=differing[0] if differing else None),
                candidates=candidates,
            )
        if result.status is SplitStatus.UNIQUE and not result.basis:
            for row, seg in zip(rows, segments, strict=True):
                self._unconfirmed(builder, row, seg, result)
        if result.status in (SplitStatus.UNIQUE, SplitStatus.AMBIGUOUS):
            for row, seg in zip(rows, segments, strict=True):
                self._blank_total(builder, row, seg, result)
        # a split kept without the arithmetic to confirm it: the cells cut out of a run are one
        # reading among others, so the problem names them (with the reading kept)
        if result.status is not SplitStatus.INCONSISTENT and not result.capped:
            return
        keys = sorted(result.pieces) or [k for seg in segments for k in seg.keys]  # (named by the problems below)
        guessed = sorted(k for k in result.split_keys if not _is_subtotal(k))
        kept = ({k: self._value(builder, k, result.pieces[k]) for k in guessed},) if guessed else ()
        if result.status is SplitStatus.INCONSISTENT:
            broken = tuple(f"{r.code} {r.scope}" for r in result.violated[:5]) or phrase("split.basis_missing")
            builder.problem(
                "SPLIT.INCONSISTENT",
                {"first": keys[0], "last": keys[-1], "broken": broken},
                location=loc, candidates=kept,
            )
        if result.capped:
            builder.problem("SPLIT.CAP", {"first": keys[0], "last": keys[-1]}, location=loc, candidates=kept)

    def _unconfirmed(self, builder: ReportBuilder, row: _Row, seg: Segment, result: SplitResult) -> None:
        """Runs cut into several cells by their digits alone, though each also reads as one number
        (the other cells printed blank, their blanks lost in the flattening): say so, with every
        reading — the cut, and each placement of the uncut runs among the row's cells — rather
        than guess silently. The readings name every cell of the row: where the blanks were is
        as unknown as where the cuts are."""
        cut = [run for run, splittable in zip(seg.runs, seg.splittable, strict=True)
               if splittable and self._reads_whole(builder, seg.keys[0], run)]
        if not cut or not any(k in result.split_keys for k in seg.keys) or len(seg.runs) >= len(seg.keys):
            return
        keys = [k for k in seg.keys if not _is_subtotal(k)]
        chosen = {k: self._value(builder, k, result.pieces[k]) for k in keys}
        candidates: list[dict[str, object]] = [chosen]
        if all(self._reads_whole(builder, seg.keys[0], run) for run in seg.runs):
            for places in itertools.islice(itertools.combinations(range(len(keys)), len(seg.runs)), _MAX_PLACEMENTS):
                at = dict(zip(places, seg.runs, strict=True))
                candidates.append({k: (self._value(builder, k, at[i]) if i in at else None)
                                   for i, k in enumerate(keys)})
        run = cut[0]
        builder.problem(
            "SPLIT.UNCONFIRMED",
            {"text": " ".join(seg.runs)[:60], "pieces": tuple(f"{k}={result.pieces[k]}" for k in keys
                                                              if k in result.split_keys)},
            location=self._loc(self._line_of(row, run), keys[0]),
            raw=" ".join(seg.runs),
            candidates=tuple(candidates),
        )

    def _blank_total(self, builder: ReportBuilder, row: _Row, seg: Segment, result: SplitResult) -> None:
        """A row read with a blank placed in its total cell, because it printed fewer values than
        cells: the row's sum then checks nothing, and the total may as well have been cut off (a
        column past the page's edge) — name the row's cells with the reading kept."""
        if not seg.gaps:
            return
        end = 0
        for group in seg.groups:
            end += len(group.keys)
            total = group.keys[-1]
            if group.total_last and result.pieces.get(total) == "" and total in result.split_keys:
                keys = [k for k in seg.keys if not _is_subtotal(k)]
                builder.problem(
                    "SPLIT.UNCONFIRMED#blank_total",
                    {"text": " ".join(seg.runs)[:60], "key": total},
                    location=self._loc(row.values[0].line if row.values else 0, keys[0]), raw=" ".join(seg.runs),
                    candidates=({k: self._value(builder, k, result.pieces[k]) for k in keys},),
                )
                return

    @staticmethod
    def _reads_whole(builder: ReportBuilder, key: str, run: str) -> bool:
        """Whether ``run`` could be one number as printed (no leading zero)."""
        return number_of(run, builder.kind(key)) is not None and not (len(run) > 1 and run.startswith("0"))

    def _line(self, index: int) -> Line:
        """The input line ``index`` with its cells folded (once, when a table reader asks)."""
        folded = self._folded.get(index)
        if folded is None:
            folded = self._folded[index] = tuple(fold_hanzi(c) for c in self.printed_lines[index])
        return folded

    def _as_printed(self, line: int, piece: str) -> str:
        """``piece`` of the folded line ``line`` as the input printed it (``無``, ``萬元``):
        a placeholder or an unreadable cell keeps its printed text."""
        if piece.isascii() or not 0 <= line < len(self.printed_lines):
            return piece
        for folded, printed in zip(self._line(line), self.printed_lines[line], strict=True):
            at = folded.find(piece)
            if at >= 0:
                return printed[at : at + len(piece)]
        return piece

    def _value(self, builder: ReportBuilder, key: str, piece: str) -> object:
        if not piece:
            return None  # a blank cell
        value = number_of(piece, builder.kind(key))
        return value if value is not None else piece

    def _line_of(self, row: _Row, piece: str) -> int:
        for token in row.values:
            if piece in token.text:
                return token.line
        return row.values[0].line if row.values else 0

    def _loc(self, line: int, key: str | None = None) -> Location:
        if self.locations is None:
            return Location(key=key, line=line + 1)
        else:
            base = self.locations[line] if 0 <= line < len(self.locations) else Location()
        return base.with_key(key) if key is not None else base

    # -------------------------------------------------------------- report

    def _prose(self, layout: ProseLayout, edition: Edition) -> dict[str, object]:
        out: dict[str, object] = {"intro": layout.intro}
        for key in ("overview", "problems", "other_matters"):
            if key in layout.sections:
                out[key] = layout.sections[key]
        extras: list[tuple[int, ExtraSection]] = []
        extra_at = iter(i for key, i in layout.headings if key == "extra")
        for section in layout.extra_sections:
            extras.append((next(extra_at, len(layout.lines)), section))
        if edition is Edition.LEGACY:
            for key, span in layout.tables.items():
                text = "\n".join(ln.strip() for ln in layout.table_text(key).splitlines() if ln.strip())
                heading = layout.table_headings.get(key) or _FORM_HEADINGS[key]
                extras.append((layout.seen.get(key, span.start), ExtraSection(heading=heading, text=text)))
        out["extra_sections"] = tuple(section for _i, section in sorted(extras, key=lambda pair: pair[0]))
        return out

    def _drop_missing_tables(self, report: AnnualReport, builder: ReportBuilder, layout: ProseLayout,
                             printed: set[str], unseen: frozenset[str]) -> AnnualReport:
        """A table with no value and no header printed is missing (``None``); one whose header
        is printed over blank rows is a table of blanks."""
        if report.edition is Edition.LEGACY:
            return report
        drop = {t.key for t in report.spec.tables
                if t.key not in printed and not any(k.startswith(t.key + ".") for k in builder.values)}
        folded_lines: dict[int, str] = {}
        for table in report.spec.tables:
            if table.key in drop:
                # With no heading found at all, a missing table is not worth a line of its own
                # unless the source shows it (TEXT.NO_SECTIONS says the rest).
                note_missing_table(builder, "TEXT", table, layout, report_absence=bool(layout.headings),
                                   location=lambda index: self._loc(layout.origin[index]), folded_lines=folded_lines,
                                   anchors_shown=table.key not in unseen)
        return without_tables(report, drop)
