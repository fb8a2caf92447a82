"""Reading a report's statistical tables from grids, whatever format printed them.

A format module expands its tables into :class:`~._grid.Grid` s (HTML ``<table>``, Word
``w:tbl`` …) and hands them here with the section heading each table sits under and an element
path for each; :class:`TableReader` walks every row in order, finds header blocks, matches row
and column labels to the edition's stable keys through the shared normaliser (:mod:`._labels`),
reads units (a header in 元) and placeholders, checks a printed 小计 against its columns, and
sets every cell on the :class:`~._builder.ReportBuilder`. The problems it raises carry the
caller's format prefix (``HTML.UNKNOWN_ROW``, ``DOCX.UNKNOWN_ROW`` …).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

import attrs

from ..model import EDITIONS, CellValue, ColumnKind, Edition, Placeholder, Unreadable
from ._builder import ReportBuilder, counted_keys
from ._cells import parse_cell
from ._grid import COL, TEXT, Grid, RawCell
from ._labels import edition_markers, match_column, match_row, match_section, normalise, strip_marker
from ._result import Location, ProblemSeverity, Provenance

__all__ = ["TableReader", "edition_votes", "exact_forms", "grid_problems", "pick_edition"]

_MAX_LABEL = 40
"""Longer cell texts are not header labels (the 勾稽关系 note, paragraphs)."""
# A header corner word of section 二 that is no column of its own.
_CORNER = frozenset({"信息内容"})
_SUBTOTAL = frozenset({"小计"})
_YUAN_ONLY = re.compile(r"(?<!万)元")
_LABEL_PARTS = re.compile(r"[\n()（）]")
_TEN_THOUSAND = Decimal(10000)
_NUMERIC = re.compile(r"^[+\-－]?[\d０-９][\d０-９,，.．\s]*(万元|元|件|个|项|条|次|宗|人次)?$")


def grid_problems(builder: ReportBuilder, grids: Sequence[Grid], elements: Sequence[str | None], prefix: str) -> None:
    """``{prefix}.TABLE_TRUNCATED`` / ``{prefix}.SPAN_CLAMPED`` for the grids cut to the bounds."""
    for grid, element in zip(grids, elements, strict=True):
        if grid.truncated:
            builder.problem(f"{prefix}.TABLE_TRUNCATED#cut",
                            location=Location(element=element))
        if grid.clamped:
            builder.problem(f"{prefix}.SPAN_CLAMPED", {"count": grid.clamped},
                            severity=ProblemSeverity.INFO, location=Location(element=element))



_fold = lru_cache(maxsize=8192)(strip_marker)
"""The shared normaliser's folding with its marker dropped, cached per text."""


@lru_cache(maxsize=4096)
def _row_of(edition: Edition, table: str, text: str) -> str | None:
    spec = EDITIONS[edition].table(table)
    row = match_row(spec, text)
    return row.key if row is not None else None


@lru_cache(maxsize=4096)
def _column_of(edition: Edition, table: str, text: str) -> str | None:
    return match_column(EDITIONS[edition].table(table), text)


@lru_cache(maxsize=64)
def exact_forms(edition: Edition) -> dict[str, frozenset[str]]:
    """Per table: the folded column labels (and, for section 四, block labels) printed on the form."""
    out: dict[str, frozenset[str]] = {}
    for table in EDITIONS[edition].tables:
        forms = {_fold(text) for c in table.columns for text in (c.label, *c.aliases)}
        forms |= {_fold(c.group) for c in table.columns if c.group}
        if table.key == "review_litigation":
            forms |= {_fold(text) for r in table.rows for text in (r.label, *r.groups)}
        out[table.key] = frozenset(forms)
    return out


@lru_cache(maxsize=8)
def _edition_patterns() -> dict[Edition, re.Pattern[str]]:
    """The labels only one edition prints (:func:`edition_markers`) as one search pattern per edition."""
    return {edition: re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))
            for edition, forms in edition_markers(proactive_rows=True).items()}


@lru_cache(maxsize=4096)
def _is_value(text: str) -> bool:
    """Could be a number cell: blank, a placeholder, or digits (with a unit)."""
    if not text.strip():
        return True
    value, _clean = parse_cell(text, ColumnKind.MONEY)
    return not isinstance(value, Unreadable) or bool(_NUMERIC.match(text.strip()))


@lru_cache(maxsize=4096)
def _is_number(text: str) -> bool:
    if not text.strip():
        return False
    value, _clean = parse_cell(text, ColumnKind.MONEY)
    return not isinstance(value, (Unreadable, Placeholder)) and value is not None


_SET, _SUBTOTAL_SLOT, _EXTRA, _SKIP = "set", "subtotal", "extra", "skip"
_Slot = tuple[str, str, str]
"""One column's part in a row (:func:`_row_plan`)."""


@lru_cache(maxsize=4096)
def _row_plan(edition: Edition, table: str, column_keys: tuple[tuple[str | None, str], ...],
              row_key: str | None) -> tuple[_Slot, ...]:
    """What to do with the value under each of a header's ``column_keys`` in a row of
    ``row_key`` of ``table`` (``None``: a row of section 四 with its blocks across the top):
    ``(_SET, stable key, column summed into 小计 or "")``, ``(_SUBTOTAL_SLOT, "", "")``,
    ``(_EXTRA, "table.row.column", "")`` for a column the row does not have, or
    ``(_SKIP, "", "")``. The national form's rows recur on every page: worked out once per process."""
    row_columns = _row_columns(edition)
    plan: list[_Slot] = []
    for block, col_name in column_keys:
        rk = (block or row_key) if table == "review_litigation" else row_key
        if col_name == "__subtotal__":
            plan.append((_SUBTOTAL_SLOT, "", ""))
        elif rk is None:
            plan.append((_SKIP, "", ""))
        elif col_name not in row_columns[table, rk]:
            plan.append((_EXTRA, f"{table}.{rk}.{col_name}", ""))
        else:
            summed = col_name if table == "requests" and col_name not in ("natural_person", "total") else ""
            plan.append((_SET, f"{table}.{rk}.{col_name}", summed))
    return tuple(plan)


class _Plan(NamedTuple):
    """A row plan (:func:`_row_plan`) taken apart for reading a row in one pass."""

    slots: tuple[_Slot, ...]
    batch: bool
    """No column the row lacks (``_EXTRA``): the row's values can be set in one call."""
    set_at: tuple[int, ...]
    """The positions of the ``_SET`` slots."""
    set_keys: tuple[str, ...]
    """Their stable keys."""
    summed: tuple[str, ...]
    """Their columns summed into 小计 (``""``: none)."""
    subtotal_at: int
    """The position of the 小计 slot (-1: none)."""
    counted: bool
    """:func:`~._builder.counted_keys` of :attr:`set_keys`: the row may be set by ``set_counts``."""


def _plan(edition: Edition, table: str, column_keys: tuple[tuple[str | None, str], ...],
          row_key: str | None) -> _Plan:
    slots = _row_plan(edition, table, column_keys, row_key)
    set_at = tuple(i for i, (what, _t, _s) in enumerate(slots) if what is _SET)
    set_keys = tuple(slots[i][1] for i in set_at)
    return _Plan(slots, all(what is not _EXTRA for what, _t, _s in slots), set_at,
                 set_keys, tuple(slots[i][2] for i in set_at),
                 next((i for i, (what, _t, _s) in enumerate(slots) if what is _SUBTOTAL_SLOT), -1),
                 counted_keys(edition, set_keys))


_LABELLED = 256
"""Label texts a :class:`_Header` remembers the row of (its ``labelled``): a form has a few dozen rows."""


@attrs.define
class _Header:
    """The column map of a header block: grid column → (block or ``None``, column key)."""

    table: str
    columns: dict[int, tuple[str | None, str]]
    width: int
    subtotal: int | None = None
    units: dict[int, str] = attrs.field(factory=dict)
    """Grid columns whose header gives the unit 元 (money is kept in 万元)."""
    first: int = attrs.field(init=False)
    """The first grid column that holds a value."""
    keys: list[tuple[int, tuple[str | None, str]]] = attrs.field(init=False)
    """(grid column, key) of each distinct key left to right; the 小计 column as ``(None, "__subtotal__")``."""
    column_keys: tuple[tuple[str | None, str], ...] = attrs.field(init=False)
    """The keys of :attr:`keys` alone, in order."""
    blocks_across: bool = attrs.field(init=False)
    """Section 四 with its blocks across the top (a column names its block), not down the side."""
    plans: dict[str | None, _Plan] = attrs.field(init=False, factory=dict)
    """:func:`_row_plan` of each row key met under this header (no hashing of the keys per row)."""
    labelled: dict[str, tuple[str, _Plan]] = attrs.field(init=False, factory=dict)
    """The row key and plan of a data row's last label text that names a row of :attr:`table`
    (:func:`_row_of`), once met under this header: one look-up per row, not the label's match and
    the plan's look-up (headers are shared by the pages of one layout; at most
    :data:`_LABELLED` texts)."""

    def __attrs_post_init__(self) -> None:
        cols = list(self.columns)
        if self.subtotal is not None:
            cols.append(self.subtotal)
        self.first = min(cols) if cols else 0
        slots = sorted(self.columns.items())
        if self.subtotal is not None:
            slots.append((self.subtotal, (None, "__subtotal__")))
            slots.sort()
        self.keys = []
        seen: set[tuple[str | None, str]] = set()
        for col, key in slots:
            if key not in seen:
                seen.add(key)
                self.keys.append((col, key))
        self.column_keys = tuple(key for _col, key in self.keys)
        self.blocks_across = any(block for block, _col in self.columns.values())


@lru_cache(maxsize=1024)
def _header_of(edition: Edition, table: str, stacks: tuple[tuple[str, ...], ...]) -> _Header | None:
    """The column map of a header block of ``table`` whose grid column ``c`` prints the texts
    ``stacks[c]`` top to bottom (each cell once), or ``None`` when it names no column. The
    national form's header blocks recur on every page: worked out once per process (the
    header is shared, read-only but for its memo of row plans)."""
    columns: dict[int, tuple[str | None, str]] = {}
    units: dict[int, str] = {}
    subtotal = None
    for c, stack in enumerate(stacks):
        col, block, yuan, at_subtotal = _header_column(edition, table, stack)
        if at_subtotal == _FORCE or (at_subtotal == _IF_UNSET and subtotal is None):
            subtotal = c
        if yuan:
            units[c] = "元"
        if col is not None:
            columns[c] = (block, col)
    if table == "review_litigation" and any(block for block, _col in columns.values()):
        # blocks across the top: a column without its block is a corner or a stray label
        columns = {c: key for c, key in columns.items() if key[0] is not None}
    if not columns:
        return None
    return _Header(table, columns, len(stacks), subtotal, units)


_VOTE_ROWS = 200


def edition_votes(grids: Sequence[Grid]) -> tuple[dict[Edition, int], int]:
    """Labels that only one edition's form prints, counted per edition; and how many labels
    of the national form (either edition: 自然人, 结果维持 …) the tables print at all."""
    # each distinct text of the cells once, gathered in C from the texts the grid kept while it
    # was expanded (Grid.labels: the cells starting in each row, but numbers and blanks, which
    # name no label; a cell that spans down from above is met in its own row, among the first
    # rows too)
    texts: set[str] = set()
    for grid in grids:
        texts.update(grid.labels(_VOTE_ROWS))
    # each distinct folded label once (what it counts for depends on its folding alone)
    labels = dict(map(_label_votes, texts))
    labels.pop(None, None)
    votes = {Edition.V2019: 0, Edition.V2021: 0}
    national = 0
    for is_common, editions in labels.values():
        national += is_common
        for edition in editions:
            votes[edition] += 1
    return votes, national + sum(votes.values())


_NO_LABEL: tuple[None, tuple[bool, tuple[Edition, ...]]] = (None, (False, ()))


@lru_cache(maxsize=4096)
def _label_votes(text: str) -> tuple[str | None, tuple[bool, tuple[Edition, ...]]]:
    """A printed cell text folded, and what it counts for (:func:`_votes_of`); ``None`` for
    a blank or a text too long for a label."""
    if not text or len(text) > 80:
        return _NO_LABEL
    folded = _fold(text)
    return folded, _votes_of(folded)


@lru_cache(maxsize=4096)
def _caption_of(text: str) -> tuple[str | None, bool]:
    """The section a one-cell row names: ``("proactive", True)`` for a caption of section 二
    (第二十条…), ``(key, False)`` for a section heading (by its words), else ``(None, False)``."""
    folded = normalise(text)
    if "第二十条" in folded and len(folded) <= _MAX_LABEL:
        return "proactive", True
    section = match_section(text)
    return (section.key if section is not None else None), False


@lru_cache(maxsize=4096)
def _votes_of(folded: str) -> tuple[bool, tuple[Edition, ...]]:
    """What one folded label counts for in :func:`edition_votes`: a label of the national form
    (either edition), and the editions whose markers it holds (worked out once per process)."""
    exact = exact_forms(Edition.V2019)
    common = folded in exact["requests"] or folded in exact["review_litigation"]
    return common and len(folded) >= 4, tuple(
        edition for edition, pattern in _edition_patterns().items() if pattern.search(folded))


def pick_edition(votes: dict[Edition, int]) -> Edition | None:
    if not any(votes.values()):
        return None
    if votes[Edition.V2021] > votes[Edition.V2019]:
        return Edition.V2021
    return Edition.V2019


@lru_cache(maxsize=4096)
def _header_word(edition: Edition, text: str) -> tuple[tuple[str, ...], int]:
    """What one cell text counts for in a header: the tables whose form prints it exactly, and
    1 when it counts otherwise (the 信息内容 corner, 小计, a column label printed differently)."""
    folded = _fold(text)
    if not folded or len(folded) > _MAX_LABEL:
        return (), 0
    if folded in _CORNER or folded in _SUBTOTAL:
        return (), 1
    tables = tuple(table for table, forms in exact_forms(edition).items() if folded in forms)
    if tables:
        return tables, 0
    return (), int(any(_column_of(edition, t.key, text) for t in EDITIONS[edition].tables))


@lru_cache(maxsize=4096)
def _header_score(edition: Edition, texts: tuple[str, ...]) -> tuple[int, str | None]:
    """:meth:`TableReader._header_score` of a row's (or a header block's) cell texts: the same
    rows recur on every page of the national form, so it is worked out once per process."""
    exact = dict.fromkeys(exact_forms(edition), 0)
    fuzzy = 0
    for text in texts:
        tables, other = _header_word(edition, text)
        for table in tables:
            exact[table] = exact.get(table, 0) + 1
        fuzzy += other
        if other and not tables and _fold(text) in _SUBTOTAL:
            exact["requests"] = exact.get("requests", 0)
    total = sum(exact.values()) + fuzzy
    best = max(exact, key=lambda k: exact[k])
    unique = [k for k, v in exact.items() if v == exact[best]]
    return total, (best if exact[best] and len(unique) == 1 else None)


_FORCE, _IF_UNSET = 1, 2
"""How a 小计 met in a header column sets the subtotal column (see :func:`_header_column`)."""


@lru_cache(maxsize=4096)
def _header_column(edition: Edition, table: str, stack: tuple[str, ...]) -> tuple[str | None, str | None, bool, int]:
    """What one column of a header block of ``table`` says, from its cells' texts top to bottom:
    ``(column key, block key, in 元, subtotal)`` — ``subtotal`` is :data:`_FORCE` when a 小计
    was met before the column's key, :data:`_IF_UNSET` when after it, 0 when none. Worked out
    once per process for each column the national form prints."""
    block: str | None = None
    col: str | None = None
    yuan = False
    subtotal = 0
    for text in reversed(stack):
        folded = _fold(text)
        if len(folded) > _MAX_LABEL:
            continue
        if folded in _SUBTOTAL and table == "requests":
            subtotal = _FORCE if col is None else _IF_UNSET
            break
        if col is None:
            col = _column_of(edition, table, text)
            if col is not None:
                if _YUAN_ONLY.search(normalise(text)):
                    yuan = True
                continue
        if table == "review_litigation" and block is None:
            block = _row_of(edition, table, text)
    return col, block, yuan, subtotal


@lru_cache(maxsize=4096)
def _is_data_label(edition: Edition, text: str) -> bool:
    folded = _fold(text)
    if any(folded in forms for forms in exact_forms(edition).values()):
        return False
    keys = {t.key for t in EDITIONS[edition].tables}
    return any(table in keys and _row_of(edition, table, text) for table in ("requests", "proactive"))


class _RowTexts(NamedTuple):
    """What the texts of a row's cells say, for :meth:`TableReader._row` (:func:`_row_texts`)."""

    number: bool
    """A cell prints a number (:func:`_is_number`): a data row."""
    filled: tuple[int, ...]
    """The positions of the cells not blank."""
    score: int
    """How many cells are header labels (:func:`_header_score`; 0 when :attr:`number`)."""
    data_label: bool
    """A filled cell is a row label of section 二 or 三 (:func:`_is_data_label`; ``False`` when :attr:`number`)."""


@lru_cache(maxsize=4096)
def _row_texts(edition: Edition, texts: tuple[str, ...]) -> _RowTexts:
    """:class:`_RowTexts` of a row printing ``texts`` (its cells' each once, left to right): the
    same rows recur on every page of the national form, so it is worked out once per process.
    Tells a number as the row reader did, cell by cell up to the first (a blank is no number)."""
    if any(_is_number(text) for text in texts if text):
        return _RowTexts(True, (), 0, False)
    filled = tuple(i for i, text in enumerate(texts) if text.strip())
    return _RowTexts(False, filled, _header_score(edition, texts)[0],
                     any(_is_data_label(edition, texts[i]) for i in filled))


@lru_cache(maxsize=8)
def _row_columns(edition: Edition) -> dict[tuple[str, str], frozenset[str]]:
    """(table, row) → the column keys of that row (read-only by convention; built once per edition)."""
    return {(t.key, row.key): frozenset(c.key for c in row.columns) for t in EDITIONS[edition].tables for row in t.rows}


class TableReader:
    """Walks every row of every data table in order, keeping the current section and header."""

    def __init__(self, builder: ReportBuilder, grids: Sequence[Grid], *, headings: Sequence[str | None],
                 elements: Sequence[str | None], prefix: str) -> None:
        self.b = builder
        self.edition = builder.edition
        self.spec = builder.spec
        self.grids = grids
        self.headings = headings
        self.elements = elements
        self.prefix = prefix
        self.section: str | None = None
        self.headers: dict[str, _Header] = {}
        self.tables = {t.key: t for t in self.spec.tables}
        self.row_columns = _row_columns(self.edition)
        self.blank_rows: dict[str, tuple[int, Grid, int]] = {}
        """Per table: the first row of blanks under its header (read when no other value is found)."""

    def read(self) -> None:
        for ti, grid in enumerate(self.grids):
            heading = self.headings[ti]
            if heading is not None and heading in self.tables:
                self.section = heading
            r = 0
            height = grid.height
            while r < height:
                r = self._row(ti, grid, r)
        for table, (ti, grid, r) in self.blank_rows.items():
            if not any(key.startswith(table + ".") for key in self.b.values):
                self._data(ti, grid, r)  # a table printed with every cell blank is a table of blanks

    def _blank_row(self, ti: int, grid: Grid, r: int) -> None:
        """Remember a row of blank cells that lies under a header with a block per column
        (section 四): it may be the only data row of a table printed blank."""
        table = self.section
        header = self.headers.get(table) if table else None
        if table is None or header is None or table in self.blank_rows or header.width != grid.width:
            return
        blocks = {block for block, _col in header.columns.values()}
        if None in blocks or len(grid.slot_distinct(r)) != len(set(header.columns.values())):
            return
        self.blank_rows[table] = (ti, grid, r)

    # ----------------------------------------------------------------------------- rows

    def _row(self, ti: int, grid: Grid, r: int) -> int:
        cells = grid.slot_distinct(r)
        # a row printing a number is a data row (plain digits are numbers without a look-up:
        # most value cells)
        for cell in cells:
            text = cell[TEXT]
            if text.isdigit() and text.isascii():
                if not self._plain_data(ti, grid, r, cells):  # the usual row
                    self._other_data(ti, grid, r, cells)
                return r + 1
        # what the row's texts say, worked out once per process for each row of texts (the
        # national form's captions, headers and blank rows recur on every page)
        row_texts = tuple([c[TEXT] for c in cells])
        seen = _row_texts(self.edition, row_texts)
        if seen.number:
            self._data(ti, grid, r, cells)
            return r + 1
        if not seen.filled:
            self._blank_row(ti, grid, r)
            return r + 1
        filled = [cells[i] for i in seen.filled]
        if len(filled) == 1 and self._caption(filled[0][TEXT]):
            return r + 1
        if self._labels_only(grid, filled):
            self._data(ti, grid, r, cells)  # a row printed blank: "（七）总计" and empty cells, no header
            return r + 1
        if seen.score > 0 and not seen.data_label:
            end = r + 1
            height = grid.height
            texts = row_texts  # the block's texts, row by row (its rows' texts are read here)
            while end < height:
                more = tuple([c[TEXT] for c in grid.slot_distinct(end)])
                nxt = _row_texts(self.edition, more)
                if nxt.number or nxt.score == 0 or nxt.data_label:
                    break
                texts += more
                end += 1
            self._header(ti, grid, r, end, texts)
            return end
        self._data(ti, grid, r)
        return r + 1

    def _labels_only(self, grid: Grid, filled: Sequence[RawCell]) -> bool:
        """The filled cells of a row are all in the label columns of the current header, and
        one of them names a row of its table (a row printed blank, whose label may also be a
        column header's word: （七）总计)."""
        header = self.headers.get(self.section) if self.section else None
        if header is None or header.width != grid.width or self.section not in ("proactive", "requests"):
            return False
        if any(c[COL] >= header.first for c in filled):
            return False
        return any(_row_of(self.edition, header.table, c[TEXT]) for c in filled)

    def _caption(self, text: str) -> bool:
        section, caption = _caption_of(text)
        if caption or (section is not None and section in self.tables):
            self.section = section
            return True
        return False

    def _header(self, ti: int, grid: Grid, r0: int, r1: int, texts: tuple[str, ...]) -> None:
        """The header block of rows ``r0:r1``, whose distinct cells print ``texts`` (row by row)."""
        _score, table = _header_score(self.edition, texts)
        if table is None:
            table = self.section
        if table is None or table not in self.tables:
            return
        self.section = table
        block_rows = grid.slot_rows[r0:r1]
        stacks: tuple[tuple[str, ...], ...]
        if len(block_rows) == 1:
            stacks = tuple((cell[TEXT],) if cell is not None else () for cell in block_rows[0])
        else:
            columns: list[tuple[str, ...]] = []
            for column in zip(*block_rows, strict=True):  # every row is as wide as the grid
                stack: list[str] = []
                last: RawCell | None = None
                for cell in column:
                    if cell is not None and cell is not last:
                        stack.append(cell[TEXT])
                        last = cell
                columns.append(tuple(stack))
            stacks = tuple(columns)
        header = _header_of(self.edition, table, stacks)
        if header is not None:
            self.headers[table] = header

    # ----------------------------------------------------------------------------- data

    def _data(self, ti: int, grid: Grid, r: int, cells: tuple[RawCell, ...] | None = None) -> None:
        if cells is None:
            cells = grid.slot_distinct(r)
        if not self._plain_data(ti, grid, r, cells):  # the usual row
            self._other_data(ti, grid, r, cells)

    def _other_data(self, ti: int, grid: Grid, r: int, cells: tuple[RawCell, ...]) -> None:
        """:meth:`_data` of a row :meth:`_plain_data` left (it did nothing)."""
        table_key = self.section
        header = self.headers.get(table_key) if table_key else None
        if header is not None and header.width == grid.width:
            first = header.first
            labels = [c for c in cells if c[COL] < first and c[TEXT].strip()]
        else:
            labels = []
            for c in cells:
                if _is_value(c[TEXT]):
                    break
                if c[TEXT].strip():
                    labels.append(c)
        row_key: str | None = None
        if table_key in ("proactive", "requests"):
            row_key = self._match_label(table_key, labels)
        elif table_key == "review_litigation" and header is not None and labels and not header.blocks_across:
            row_key = self._match_label(table_key, labels)  # blocks down the side, one row each
        if row_key is None and labels:
            for other in ("requests", "proactive"):
                if other != table_key and other in self.tables:
                    row_key = self._match_label(other, labels)
                    if row_key is not None:
                        table_key = other
                        self.section = other
                        header = self.headers.get(other)
                        break
        if table_key is None or header is None:
            if any(_is_number(c[TEXT]) for c in cells):
                self.b.problem(f"{self.prefix}.ROW_UNPLACED",
                               severity=ProblemSeverity.INFO,
                               location=Location(table=ti, row=r, element=self.elements[ti]),
                               raw=" | ".join(c[TEXT] for c in cells))
            return
        side_blocks = table_key == "review_litigation" and not header.blocks_across
        if (table_key != "review_litigation" or side_blocks) and row_key is None:
            if any(_is_number(c[TEXT]) for c in cells) and labels:
                self.b.problem(f"{self.prefix}.UNKNOWN_ROW", {"label": labels[-1][TEXT],
                               "heading": self.tables[table_key].heading},
                               location=Location(table=ti, row=r, element=self.elements[ti]),
                               raw=" | ".join(c[TEXT] for c in cells))
            return
        self._values(ti, grid, r, table_key, row_key, header, labels, cells)

    def _plain_data(self, ti: int, grid: Grid, r: int, cells: tuple[RawCell, ...]) -> bool:
        """:meth:`_data` of the usual row in one pass, or ``False`` (nothing done) for any other:
        a row of section 二 or 三 under its own header, as wide as its grid, with no unit to
        convert, one value per column of the header, a label that names a row of the table and
        no column the row lacks. Reads the same cells into the same keys as :meth:`_data`."""
        table = self.section
        if table != "requests" and table != "proactive":
            return False
        header = self.headers.get(table)
        if header is None or header.width != grid.width or header.units:
            return False
        first = header.first
        # a row's cells are in column order: the labels before the header's first value column,
        # the values from there on (a slice: most of the row)
        labels: list[RawCell] = []
        at = 0
        for cell in cells:
            if cell[COL] >= first:
                break
            if cell[TEXT].strip():
                labels.append(cell)
            at += 1
        values = cells[at:]
        n_keys = len(header.keys)
        if len(values) != n_keys:
            return False
        # the last label names the row (most rows): _match_label's first look-up, without its call,
        # remembered by the header with the row's plan
        last = labels[-1][TEXT] if labels else None
        known = header.labelled.get(last) if last is not None else None
        if known is None:
            known = self._usual_row(table, header, labels, last)
            if known is None:
                return False
        row_key, plan = known
        _slots, batch, set_at, set_keys, summed_at, subtotal_at, counted = plan  # one unpacking, not a read per field
        if not batch:
            return False
        chosen = values if len(set_at) == n_keys else [values[i] for i in set_at]
        if counted:
            got = self.b.set_counts(set_keys, chosen, ti, r, self.elements[ti])
        else:
            got = self.b.set_cells(set_keys, chosen, ti, r, self.elements[ti])
        if subtotal_at >= 0:
            self._check_subtotal(ti, r, row_key, values[subtotal_at],
                                 {summed: value for summed, value in zip(summed_at, got, strict=True)
                                  if summed and isinstance(value, int)})
        return True

    def _usual_row(self, table: str, header: _Header, labels: Sequence[RawCell],
                   last: str | None) -> tuple[str, _Plan] | None:
        """The row key and plan of a usual row of ``table`` under ``header`` (``last``: its last
        label's text), or ``None`` when its labels name no row; remembered by the header when
        ``last`` names the row."""
        row_key = _row_of(self.edition, table, last) if last is not None else None
        named = row_key is not None
        if row_key is None:
            row_key = self._match_label(table, labels)
            if row_key is None:
                return None
        plan = header.plans.get(row_key)
        if plan is None:
            plan = header.plans[row_key] = _plan(self.edition, table, header.column_keys, row_key)
        if named and last is not None and len(header.labelled) < _LABELLED:
            header.labelled[last] = (row_key, plan)
        return row_key, plan

    def _match_label(self, table: str, labels: Sequence[RawCell]) -> str | None:
        if not labels:
            return None
        for cell in reversed(labels):
            key = _row_of(self.edition, table, cell[TEXT])
            if key is not None:
                return key
            # a group label and its row in one cell: "（三）不予公开<br>1.属于国家秘密",
            # "行政诉讼（未经复议直接起诉）"
            parts = [p for p in _LABEL_PARTS.split(cell[TEXT]) if len(_fold(p)) >= 4]
            if len(parts) > 1:
                for part in reversed(parts):
                    key = _row_of(self.edition, table, part)
                    if key is not None:
                        return key
        joined = "".join(c[TEXT] for c in labels)
        return _row_of(self.edition, table, joined)

    def _values(self, ti: int, grid: Grid, r: int, table: str, row_key: str | None, header: _Header,
                labels: Sequence[RawCell], cells: tuple[RawCell, ...]) -> None:
        keys = header.keys
        n_keys = len(keys)
        if header.width != grid.width:
            label_ids = {id(c) for c in labels}
            values = [c for c in cells if id(c) not in label_ids]
            values = values[-n_keys:] if len(values) >= n_keys else values
        else:
            first = header.first
            values = [c for c in cells if c[COL] >= first]
            for label in labels:
                if label[COL] >= first:  # labels read under another table's header
                    label_ids = {id(c) for c in labels}
                    values = [c for c in values if id(c) not in label_ids]
                    break
        while len(values) > n_keys and not _is_value(values[0][TEXT]):
            values.pop(0)  # a row label where the header has no corner cell ("件数")
        while len(values) > n_keys and not values[-1][TEXT].strip():
            values.pop()  # blank padding cells to the right of a narrower block
        units = header.units
        slot_of: dict[int, int] = {}  # id(cell) → the grid column of its header
        if len(values) == n_keys:
            assigned: Sequence[RawCell | None] = values
            if units:
                slot_of = {id(cell): col for (col, _key), cell in zip(keys, values, strict=True)}
        else:
            label_ids = {id(c) for c in labels}
            used: set[int] = set()
            in_order: list[RawCell | None] = []
            row = grid.slot_rows[r]
            for col, _key in keys:
                cell = row[col] if col < len(row) else None
                if cell is None or id(cell) in used or id(cell) in label_ids:
                    in_order.append(None)
                    continue
                used.add(id(cell))
                slot_of[id(cell)] = col
                in_order.append(cell)
            assigned = in_order
            self.b.problem(f"{self.prefix}.SPAN_MISMATCH", {"values": len(values), "columns": n_keys},
                           severity=ProblemSeverity.INFO,
                           location=Location(table=ti, row=r, element=self.elements[ti]))
        element = self.elements[ti]
        plan = header.plans.get(row_key)
        if plan is None:
            plan = header.plans[row_key] = _plan(self.edition, table, header.column_keys, row_key)
        parts: dict[str, int] = {}
        subtotal: RawCell | None = None
        if plan.batch and not units:
            # every value of the row in one call (most rows)
            chosen = assigned if len(plan.set_at) == n_keys else [assigned[i] for i in plan.set_at]
            got = self.b.set_cells(plan.set_keys, chosen, ti, r, element)
            if plan.subtotal_at >= 0:
                subtotal = assigned[plan.subtotal_at]
                parts = {summed: value for summed, value in zip(plan.summed, got, strict=True)
                         if summed and isinstance(value, int)}
        else:
            set_cell = self.b.set_cell
            for (what, target, summed), cell in zip(plan.slots, assigned, strict=True):
                if what is _SET:
                    if cell is None:
                        column, raw = None, ""
                    else:
                        column, raw = cell[COL], cell[TEXT]
                    if units and cell is not None and units.get(slot_of.get(id(cell), -1)) == "元" \
                            and self.b.kind(target) is ColumnKind.MONEY:  # a count has no unit
                        loc = Location(key=target, table=ti, row=r, column=column, element=element)
                        value = self._set_yuan(target, raw, loc)
                    else:
                        value = set_cell(target, raw, ti, r, column, element)
                    if summed and isinstance(value, int):
                        parts[summed] = value
                elif what is _SUBTOTAL_SLOT:
                    subtotal = cell
                elif what is _EXTRA and cell is not None and cell[TEXT].strip() and row_key is not None:
                    row_name, col_name = target.rsplit(".", 1)
                    loc = Location(table=ti, row=r, column=cell[COL], element=element)
                    self.b.problem(f"{self.prefix}.EXTRA_CELL", {"row": row_name, "column": col_name},
                                   severity=ProblemSeverity.INFO, location=loc, raw=cell[TEXT])
        if subtotal is not None and row_key is not None:
            self._check_subtotal(ti, r, row_key, subtotal, parts)

    def _set_yuan(self, key: str, raw: str, loc: Location) -> CellValue:
        """A money cell under a header in 元: a bare number is converted to 万元, with a note."""
        value, _clean = parse_cell(raw, ColumnKind.MONEY)
        if not isinstance(value, Decimal) or "元" in raw:
            return self.b.set_raw(key, raw, loc)
        converted = value / _TEN_THOUSAND
        self.b.set_value(key, converted, Provenance(attrs.evolve(loc, key=key), raw,
                                                    "the column header gives 元; converted to 万元"))
        return converted

    def _check_subtotal(self, ti: int, r: int, row_key: str, cell: RawCell, parts: dict[str, int]) -> None:
        value, _clean = parse_cell(cell[TEXT], ColumnKind.COUNT)
        if value is None or isinstance(value, Placeholder):
            return
        if type(value) is int and value == sum(parts.values()):
            return  # the usual case: the printed 小计 holds
        loc = Location(table=ti, row=r, column=cell[COL], element=self.elements[ti])
        if isinstance(value, Unreadable) or not isinstance(value, int):
            self.b.problem(f"{self.prefix}.SUBTOTAL_UNREADABLE",
                           {"row": f"requests.{row_key}", "text": cell[TEXT]}, location=loc, raw=cell[TEXT])
            return
        expected = sum(parts.values())
        if value != expected:
            self.b.problem(
                f"{self.prefix}.SUBTOTAL_MISMATCH",
                {"row": f"requests.{row_key}", "printed": value, "computed": expected,
                 "difference": value - expected},
                severity=ProblemSeverity.WARNING, location=loc, raw=cell[TEXT],
            )
