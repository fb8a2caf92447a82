"""What every source of prose lines and grids shares (HTML pages, Word documents).

Such a source is read into text lines in reading order and tables expanded into grids, each
placed by the number of lines before it. From there every step is the same: the edition (by
the labels the tables print, else the year), the sections of the prose (:mod:`._prose`), the
section each table sits under, the shared grid reader (:mod:`._table`), the tables the source
did not print, and the few metadata helpers (year and agency from a title, a printed date).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from functools import cache, lru_cache

import attrs

from .._hanzi import fold_hanzi
from ..model import AnnualReport, Edition, ExtraSection, TableSpec, edition_spec
from ._anchors import REPORT_TITLE, TABLE_MIN_ANCHORS, outermost, table_anchor_forms
from ._builder import ReportBuilder, without_tables
from ._grid import Grid
from ._labels import normalise, normalise_uncached
from ._prose import ProseLayout, is_agency_name
from ._result import Kind, Location, ProblemSeverity, Provenance
from ._table import edition_votes, pick_edition

_fold = normalise_uncached  # whole lines: not kept in a cache

__all__ = [
    "DATE",
    "REPORT_TAIL",
    "YEAR_IN_TITLE",
    "AgencyCandidate",
    "EditionChoice",
    "agency_from_title",
    "choose_agency",
    "choose_edition",
    "date_in",
    "drop_unprinted_tables",
    "note_missing_table",
    "place_tables",
    "prose_metadata",
    "table_anchor",
    "year_in_title",
]

DATE = re.compile(r"((?:19|20)\d{2})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年度?")
REPORT_TAIL = REPORT_TITLE


@attrs.frozen
class EditionChoice:
    """The edition of a source of prose and grids: by the labels its tables print, else its year."""

    edition: Edition
    table_edition: Edition | None
    """The edition the tables' own labels point to (``None``: they point to none)."""
    has_tables: bool
    """The tables print labels of the national form."""

    def mismatch(self, year: int | None) -> dict[str, object] | None:
        """The arguments of ``EDITION.YEAR_MISMATCH`` when the tables are of one edition and the
        report year of another."""
        if self.table_edition is not None and year is not None and Edition.for_year(year) is not self.edition:
            return {"edition": self.edition.value, "year": year}
        return None


def choose_edition(grids: Sequence[Grid], year: int | None) -> EditionChoice:
    """The edition by the tables' labels; a pre-2019 year makes a legacy report whatever its
    local tables; with neither, tables of the national form make a 2021 report."""
    votes, national = edition_votes(grids)
    table_edition = pick_edition(votes)
    has_tables = national >= 3
    if table_edition is not None:
        edition = table_edition
    elif year is not None:
        edition = Edition.for_year(year)
    else:
        edition = Edition.V2021 if has_tables else Edition.LEGACY
    return EditionChoice(edition, table_edition, has_tables)


def place_tables(positions: Sequence[int], layout: ProseLayout) -> list[str | None]:
    """The section each table sits under: the last heading before it (``positions[i]`` is how
    many text lines precede table ``i``)."""
    origins = [layout.origin[index] for _key, index in layout.headings]
    keys = [key for key, _index in layout.headings]
    if all(a <= b for a, b in itertools.pairwise(origins)):  # in order (they always are): a bisection
        return [keys[at - 1] if (at := bisect.bisect_left(origins, line)) else None for line in positions]
    heads = list(zip(origins, keys, strict=True))
    out: list[str | None] = []
    for line in positions:
        before = [key for origin, key in heads if origin < line]
        out.append(before[-1] if before else None)
    return out


def prose_metadata(layout: ProseLayout, edition: Edition) -> dict[str, object]:
    """The intro, the prose sections, and the extra sections; for a legacy report the table
    sections too, as extra sections (their content is prose)."""
    out: dict[str, object] = {"intro": layout.intro}
    for key in ("overview", "problems", "other_matters"):
        if key in layout.sections:
            out[key] = layout.sections[key]
    extras = list(layout.extra_sections)
    if edition is Edition.LEGACY and layout.tables:
        order = dict(layout.headings)
        placed = [(order.get(key, 0), ExtraSection(heading=layout.table_headings[key],
                                                   text=layout.table_text(key).strip()))
                  for key in layout.tables]
        extra_index = [index for key, index in layout.headings if key == "extra"]
        placed += list(zip(extra_index, extras, strict=False))
        extras = [section for _index, section in sorted(placed, key=lambda pair: pair[0])]
    out["extra_sections"] = tuple(extras)
    return out


def drop_unprinted_tables(report: AnnualReport, builder: ReportBuilder, no_tables: bool, prefix: str,
                          layout: ProseLayout) -> AnnualReport:
    """The report without the tables the source did not print; ``{prefix}.TABLE_UNREAD`` (a table
    whose heading or labels the source prints, not read), ``{prefix}.TABLE_MISSING``,
    ``{prefix}.ROW_MISSING`` and ``{prefix}.NO_TABLES`` for what is missing."""
    if report.edition is Edition.LEGACY:
        return report
    drop: set[str] = set()
    folded_lines: dict[int, str] = {}
    rows_seen = builder.rows_read()
    tables_seen = set(map(_table_of, rows_seen))
    single_other = report.prints_single_other_row
    printed_keys = _printed_keys(report.edition, single_other)
    for table, printed in _printed_rows(report.edition, single_other):
        if table.key not in tables_seen:
            drop.add(table.key)
            note_missing_table(builder, prefix, table, layout, report_absence=not no_tables,
                               folded_lines=folded_lines)
            continue
        if printed_keys[table.key] <= rows_seen:
            continue  # every printed row read (the usual report): none to list
        missing = [label for row, label in printed if row not in rows_seen]
        if missing:
            builder.problem(f"{prefix}.ROW_MISSING", {"heading": table.heading, "rows": tuple(missing)},
                            severity=ProblemSeverity.WARNING)
    if no_tables:
        builder.problem(f"{prefix}.NO_TABLES", {"edition": report.edition.value}, severity=ProblemSeverity.WARNING)
    return without_tables(report, drop)


@lru_cache(maxsize=1024)
def _table_of(row: str) -> str:
    """The table of a ``table.row`` key; remembered (an edition's rows are a few dozen, met on
    every page: one look-up each instead of a split)."""
    return row.split(".", 1)[0]


@cache
def _printed_rows(edition: Edition, single_other: bool) -> tuple[tuple[TableSpec, tuple[tuple[str, str], ...]], ...]:
    """Each table of the edition with the rows a report of it prints (``single_other``: its
    section 三 prints （六）其他处理 as one row), each as ``("table.row", label)``: the same for
    every report of one layout, worked out once."""
    spec = edition_spec(edition)
    return tuple((table, tuple((f"{table.key}.{row.key}", row.label) for row in table.rows
                               if spec.row_printed(table.key, row.key, other_handling=single_other)))
                 for table in spec.tables)


@cache
def _printed_keys(edition: Edition, single_other: bool) -> dict[str, frozenset[str]]:
    """:func:`_printed_rows` as a set of ``table.row`` keys per table."""
    return {table.key: frozenset(row for row, _label in printed)
            for table, printed in _printed_rows(edition, single_other)}


def table_anchor(layout: ProseLayout, table_key: str, folded_lines: dict[int, str] | None = None, *,
                 anchors_shown: bool = True) -> tuple[int, str] | None:
    """Where the source shows the table ``table_key`` though no value of it was read: ``(index
    in layout.lines, the text seen)`` — its section heading, or else the line of the first of
    :data:`~._anchors.TABLE_MIN_ANCHORS` distinct anchors of that table (:func:`~._anchors.table_anchor_forms`)
    — or ``None`` when nothing of it is printed (the publisher left it out). ``folded_lines``
    keeps the lines folded so far (by index), for the next table of the same layout;
    ``anchors_shown=False`` says that the whole text shows none of the table's anchors (as
    :func:`~._anchors.find_anchors` found), so that no line is searched for them."""
    for key, index in layout.headings:
        if key == table_key:
            return index, layout.lines[index].strip()
    if not anchors_shown:
        return None
    anchors = table_anchor_forms().get(table_key, frozenset())
    seen: dict[str, tuple[int, int]] = {}  # anchor → (line index, offset in the folded line)
    folded_lines = {} if folded_lines is None else folded_lines
    for index, line in enumerate(layout.lines):
        folded = folded_lines.get(index)
        if folded is None:
            folded = folded_lines[index] = _fold(line)
        for anchor in anchors:
            if anchor not in seen and anchor in folded:
                seen[anchor] = index, folded.find(anchor)
        if len(outermost(seen)) >= TABLE_MIN_ANCHORS:
            break
    if len(outermost(seen)) < TABLE_MIN_ANCHORS:
        return None
    # the first printed, the longer of two starting at one place: the same whatever the set's order
    first, (index, _at) = min(seen.items(), key=lambda item: (item[1], -len(item[0]), item[0]))
    return index, first


def note_missing_table(builder: ReportBuilder, prefix: str, table: TableSpec, layout: ProseLayout, *,
                       report_absence: bool = True,
                       location: Callable[[int], Location] | None = None,
                       folded_lines: dict[int, str] | None = None, anchors_shown: bool = True) -> None:
    """The problem for a table of which no value was read: ``{prefix}.TABLE_UNREAD`` (extraction)
    when the source shows it (:func:`table_anchor`), saying where; else, when
    ``report_absence``, ``{prefix}.TABLE_MISSING`` (source: the publisher did not print it).
    ``location`` maps an index of ``layout.lines`` to a :class:`Location`; ``folded_lines`` and
    ``anchors_shown`` are passed on to :func:`table_anchor` (one dict for the tables of one layout)."""
    seen = table_anchor(layout, table.key, folded_lines, anchors_shown=anchors_shown)
    if seen is not None:
        index, text = seen
        where = location(index) if location is not None else Location()
        builder.problem(f"{prefix}.TABLE_UNREAD", {"heading": table.heading, "text": text[:40]},
                        severity=ProblemSeverity.WARNING, location=attrs.evolve(where, key=table.key), raw=text,
                        kind=Kind.EXTRACTION)
    elif report_absence:
        builder.problem(f"{prefix}.TABLE_MISSING", {"heading": table.heading},
                        severity=ProblemSeverity.WARNING, location=Location(key=table.key), kind=Kind.SOURCE)


def year_in_title(title: str | None) -> int | None:
    if title:
        found = YEAR_IN_TITLE.search(title)
        if found:
            return int(found.group(1))
    return None


_ABOUT = re.compile(r"^关于")
_REPORT_TAIL = re.compile(r"(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)")
_LINK_WORD = re.compile(r"(?:的|关于)$")


def agency_from_title(title: str | None) -> str | None:
    if not title:
        return None
    text = _ABOUT.sub("", normalise(title))
    tail = _REPORT_TAIL.search(text)
    if tail is None:
        return None
    head = text[: tail.start()]
    head = YEAR_IN_TITLE.sub("", head)
    head = _LINK_WORD.sub("", head).strip("（）()《》 ")
    return head or None


def date_in(text: str | None) -> date | None:
    if not text:
        return None
    found = DATE.search(text)
    if not found:
        return None
    try:
        return date(int(found.group(1)), int(found.group(2)), int(found.group(3)))
    except ValueError:
        return None


AgencyCandidate = tuple[str, str | None, Location, str | None]
"""``(basis, name, where, printed text)`` for one statement of the agency (see ``Provenance.basis``)."""


def choose_agency(builder: ReportBuilder, candidates: Iterable[AgencyCandidate]) -> str | None:
    """The agency from the first of ``candidates`` (most trusted first) that names one, kept in
    ``builder.metadata`` with ``builder.provenance["agency"]`` saying which statement it was
    (``candidates`` are asked for one by one, no further than that one).

    A 发布机构 field is taken as printed; any other statement only when it reads as an agency's
    name (:func:`~._prose.is_agency_name`: not ``本网``, ``原创`` or the site's name); the
    title's agency only as the last resort.
    """
    for basis, name, where, printed in candidates:
        if not name or not name.strip():
            continue
        if basis not in ("agency_field", "title") and not is_agency_name(name):
            continue
        agency = fold_hanzi(name.strip())
        builder.metadata["agency"] = agency
        builder.provenance["agency"] = Provenance(where, printed or name, f"agency from the {basis.replace('_', ' ')}",
                                                  basis)
        return agency
    return None

