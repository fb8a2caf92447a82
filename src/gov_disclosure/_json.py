"""The report as JSON: one private, configured cattrs converter, a schema version, a JSON Schema.

Values: a count is a JSON integer; money is a decimal string in 万元 (``"71.19"``, never a
float); a blank cell is ``null``; a placeholder is ``{"placeholder": "/"}``; unreadable text
is ``{"unreadable": "…"}``. Every table row of the edition is present; optional rows (the
2021 edition's single （六） row, or its sub-rows when （六） is printed as one) appear only
when the report prints them.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from itertools import chain
from types import MemberDescriptorType
from typing import Any, NamedTuple

import attrs
import cattrs

from ._errors import StructureError
from .model import (
    AnnualReport,
    ColumnKind,
    Edition,
    ExtraSection,
    Placeholder,
    RowSpec,
    Section,
    TableSpec,
    Unreadable,
    edition_spec,
)
from .model._values import CellValue

__all__ = ["SCHEMA_VERSION", "from_json", "json_schema", "report_from_dict", "report_to_dict", "to_json"]

#: Version of the JSON document layout; bumped on any incompatible change.
SCHEMA_VERSION = 1

_META_FIELDS = ("title", "agency", "year", "published", "source_url", "intro")
_PROSE_FIELDS = ("overview", "problems", "other_matters")
_TABLE_FIELDS = ("proactive", "requests", "review_litigation")
_TOP_KEYS = ("schema_version", "edition", *_META_FIELDS, *_PROSE_FIELDS, "extra_sections", *_TABLE_FIELDS)
_TOP_KEY_SET = frozenset(_TOP_KEYS)


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_unstructure_hook(dt.date, lambda d: d.isoformat())
    conv.register_unstructure_hook(Edition, lambda e: e.value)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(Placeholder, lambda p: {"placeholder": p.raw})
    conv.register_unstructure_hook(Unreadable, lambda u: {"unreadable": u.raw})
    conv.register_structure_hook(Section, _structure_section)
    conv.register_structure_hook(ExtraSection, _structure_extra)
    return conv


def _structure_section(data: Any, _cls: type) -> Section:
    heading, text = _heading_text(data)
    return Section(heading=heading, text=text)


def _structure_extra(data: Any, _cls: type) -> ExtraSection:
    heading, text = _heading_text(data)
    return ExtraSection(heading=heading, text=text)


def _heading_text(data: Any) -> tuple[str, str]:
    if not isinstance(data, Mapping):
        raise _Bad("a section must be an object with heading and text")
    extra = set(data) - {"heading", "text"}
    if extra:
        raise _Bad(f"unknown key {sorted(extra)[0]!r} in a section", f".{sorted(extra)[0]}")
    for key in ("heading", "text"):
        if not isinstance(data.get(key), str):
            raise _Bad(f"section {key} must be a string", f".{key}")
    return data["heading"], data["text"]


class _Bad(Exception):
    """Internal: a structuring failure with a path suffix relative to the current value."""

    def __init__(self, message: str, suffix: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.suffix = suffix


_CONVERTER = _make_converter()


# ------------------------------------------------------------------------------ out


def report_to_dict(report: AnnualReport) -> dict[str, Any]:
    """The report as plain JSON-ready data (what :func:`to_json` serialises)."""
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "edition": report.edition.value}
    for name in (*_META_FIELDS, *_PROSE_FIELDS, "extra_sections"):
        out[name] = _CONVERTER.unstructure(getattr(report, name))
    spec = report.spec
    for name in _TABLE_FIELDS:
        table = getattr(report, name)
        if table is None:
            out[name] = None
            continue
        rows: dict[str, Any] = {}
        for row in spec.table(name).rows:
            row_obj = getattr(table, row.key)
            if row_obj is None:
                if row.optional:
                    continue
                rows[row.key] = None
                continue
            rows[row.key] = {c.key: _unstructure_value(getattr(row_obj, c.key)) for c in row.columns}
        out[name] = rows
    return out


def _unstructure_value(value: CellValue) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (Placeholder, Unreadable)):
        return _CONVERTER.unstructure(value)
    return value


def to_json(report: AnnualReport, *, indent: int | None = 1) -> str:
    """Serialise a report to a JSON document (UTF-8 text, Chinese kept readable).

    >>> r = AnnualReport.empty("2021", year=2023)
    >>> from_json(to_json(r)) == r
    True
    """
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent)


# ------------------------------------------------------------------------------ in


def from_json(text: str | bytes) -> AnnualReport:
    """Read a report from a JSON document made by :func:`to_json`.

    A malformed or mistyped document raises :class:`StructureError` with the path of the
    bad value (``… @ $.requests.granted.total``).
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise StructureError(f"not a JSON document: {exc}", "$") from None
    return report_from_dict(data)


def report_from_dict(data: Any) -> AnnualReport:
    """Build a report from plain data (the inverse of :func:`report_to_dict`)."""
    if type(data) is not dict or data.keys() != _TOP_KEY_SET:  # the usual document: one set comparison
        if not isinstance(data, Mapping):
            raise StructureError("a report must be a JSON object", "$")
        unknown = [k for k in data if k not in _TOP_KEYS]
        if unknown:
            raise StructureError(f"unknown key {unknown[0]!r}", f"$.{unknown[0]}")
        missing = [k for k in _TOP_KEYS if k not in data]
        if missing:
            raise StructureError(f"missing key {missing[0]!r}", f"$.{missing[0]}")
    version = data["schema_version"]
    if version != SCHEMA_VERSION or isinstance(version, bool):
        raise StructureError(f"unsupported schema_version {version!r} (this library reads {SCHEMA_VERSION})",
                             "$.schema_version")
    try:
        edition = Edition(data["edition"])
    except ValueError:
        valid = ", ".join(repr(e.value) for e in Edition)
        raise StructureError(f"edition must be one of {valid}, not {data['edition']!r}", "$.edition") from None
    fields: dict[str, Any] = {"edition": edition}
    for name in ("title", "agency", "source_url", "intro"):
        value = data[name]
        if value is not None and not isinstance(value, str):
            raise StructureError(f"{name} must be a string or null", f"$.{name}")
        fields[name] = value
    year = data["year"]
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise StructureError("year must be an integer or null", "$.year")
    fields["year"] = year
    fields["published"] = _structure_date(data["published"])
    for name in _PROSE_FIELDS:
        fields[name] = None if data[name] is None else _structure(data[name], Section, f"$.{name}")
    extras = data["extra_sections"]
    if not isinstance(extras, list):
        raise StructureError("extra_sections must be an array", "$.extra_sections")
    fields["extra_sections"] = tuple(
        _structure(item, ExtraSection, f"$.extra_sections[{i}]") for i, item in enumerate(extras)
    )
    spec = edition_spec(edition)
    for name in _TABLE_FIELDS:
        value = data[name]
        if value is None:
            fields[name] = None
            continue
        if edition is Edition.LEGACY:
            raise StructureError(f"a legacy report has no {name} table", f"$.{name}")
        fields[name] = _structure_table(value, spec.table(name), f"$.{name}")
    try:
        return AnnualReport(**fields)
    except (TypeError, ValueError) as exc:
        raise StructureError(str(exc), "$") from None


def _structure(data: Any, cls: type[Any], path: str) -> Any:
    try:
        return _CONVERTER.structure(data, cls)
    except _Bad as exc:
        raise StructureError(exc.message, path + exc.suffix) from None
    except (cattrs.BaseValidationError, TypeError, ValueError, KeyError) as exc:
        raise StructureError(f"invalid {cls.__name__}: {exc}", path) from None


def _structure_date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise StructureError("published must be an ISO date string (YYYY-MM-DD) or null", "$.published")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise StructureError(f"published is not an ISO date: {value!r}", "$.published") from None


class _RowPlan(NamedTuple):
    """What reading one row of an edition's table needs, worked out once per edition."""

    key: str
    spec: RowSpec
    optional: bool
    columns: frozenset[str]
    counts_only: bool
    """No money column: every usual cell is an exact int or ``None``."""
    build: Callable[[dict[str, Any]], Any]
    """Make the row from cells already checked to be its columns, each an exact int or ``None``."""


class _TablePlan(NamedTuple):
    spec: TableSpec
    row_keys: frozenset[str]
    rows: tuple[_RowPlan, ...]


#: id(table spec) → its plan (keyed by identity like ``_KINDS``; the plan keeps the spec alive).
_PLANS: dict[int, _TablePlan] = {}

#: The types of the usual cells of a count column: a count or a blank.
_USUAL_COUNT_TYPES = frozenset({int, type(None)})


def _table_plan(table: TableSpec) -> _TablePlan:
    plan = _PLANS.get(id(table))
    if plan is None or plan.spec is not table:
        rows = tuple(
            _RowPlan(
                key=row.key,
                spec=row,
                optional=row.optional,
                columns=frozenset(c.key for c in row.columns),
                counts_only=all(c.kind is not ColumnKind.MONEY for c in row.columns),
                build=_checked_cells_builder(row),
            )
            for row in table.rows
        )
        plan = _PLANS[id(table)] = _TablePlan(table, frozenset(r.key for r in rows), rows)
    return plan


def _checked_cells_builder(row: RowSpec) -> Callable[[dict[str, Any]], Any]:
    """How to make a count row from cells whose keys are exactly the row's columns.

    The row classes are frozen, slotted attrs classes whose ``__init__`` only validates each
    cell (a count column takes any int or ``None``) and stores it. :func:`_structure_table`
    keeps a row made here only once it has checked every cell to be an exact int or ``None``,
    so the row is made by storing the cells through the class's slot descriptors, skipping
    the per-cell validator calls that dominated reading a document. A class this does not
    hold for (converters, hooks, no slots, fields other than the columns) is made through its
    constructor. The model's public constructors still validate.
    """
    cls = row.row_class
    keys = tuple(c.key for c in row.columns)
    fields = attrs.fields(cls) if attrs.has(cls) else ()
    plain = (
        "__slots__" in cls.__dict__
        and not hasattr(cls, "__attrs_pre_init__")
        and not hasattr(cls, "__attrs_post_init__")
        and sorted(f.name for f in fields) == sorted(keys)
        and all(f.init and f.converter is None for f in fields)
        and all(c.kind is not ColumnKind.MONEY for c in row.columns)
        and all(isinstance(cls.__dict__.get(key), MemberDescriptorType) for key in keys)
    )
    if not plain:
        return lambda cells: cls(**cells)
    setters = tuple((key, cls.__dict__[key].__set__) for key in keys)
    new = object.__new__

    def build(cells: dict[str, Any]) -> Any:
        obj: Any = new(cls)
        for key, store in setters:
            store(obj, cells[key])
        return obj

    return build


def _structure_table(data: Any, table: TableSpec, path: str) -> Any:
    """Read a table; the usual document takes one key-set comparison per row and no paths.

    A count row whose keys are its columns is made at once; the types of all those cells are
    then checked together (each an exact int or ``None``). A row with a money column goes
    through :func:`_structure_row`. Anything unusual (a placeholder, a wrong key, type or row)
    sends the whole table through :func:`_structure_table_checked`, which gives the same
    result or names the path of the first bad value, as if the fast path did not exist.
    """
    plan = _table_plan(table)
    if type(data) is not dict or not data.keys() <= plan.row_keys:
        return _structure_table_checked(data, table, path)
    rows: dict[str, Any] = {}
    counted = []  # the cells of the rows made by ``build``, their types checked all at once below
    for key, spec, optional, columns, counts_only, build in plan.rows:  # unpacked: attribute access costs
        cells = data.get(key)
        if cells is None:
            if not optional:  # a missing or null required row: the checked path says which
                return _structure_table_checked(data, table, path)
            rows[key] = None
        elif counts_only and type(cells) is dict and cells.keys() == columns:
            rows[key] = build(cells)
            counted.append(cells.values())
        else:
            try:
                rows[key] = _structure_row(cells, spec, f"{path}.{key}")
            except StructureError:  # report the table's first bad value, which may lie in an earlier row
                return _structure_table_checked(data, table, path)
    if not _USUAL_COUNT_TYPES.issuperset(map(type, chain.from_iterable(counted))):
        # a placeholder, a string, a float …: the rows made above are dropped unseen
        return _structure_table_checked(data, table, path)
    return table.table_class(**rows)


def _structure_table_checked(data: Any, table: TableSpec, path: str) -> Any:
    """Read a table looking at every key and value, naming the path of the first bad one."""
    if not isinstance(data, (dict, Mapping)):  # dict first: the abc check costs more
        raise StructureError(f"the {table.key} table must be an object of rows", path)
    valid = {row.key for row in table.rows}
    for key in data:
        if key not in valid:
            raise StructureError(
                f"unknown row {key!r} for this edition; valid rows: {', '.join(r.key for r in table.rows)}",
                f"{path}.{key}",
            )
    rows: dict[str, Any] = {}
    for row in table.rows:
        if row.key not in data:
            if row.optional:
                rows[row.key] = None
                continue
            raise StructureError(f"missing row {row.key!r}", f"{path}.{row.key}")
        cells = data[row.key]
        if cells is None and row.optional:
            rows[row.key] = None
            continue
        rows[row.key] = _structure_row(cells, row, f"{path}.{row.key}")
    return table.table_class(**rows)


def _structure_row(cells: Any, row: RowSpec, row_path: str) -> Any:
    if not isinstance(cells, (dict, Mapping)):
        raise StructureError("a row must be an object of cells", row_path)
    kinds = _column_kinds(row)
    for key in cells:
        if key not in kinds:
            valid_cols = ", ".join(kinds)
            raise StructureError(f"unknown column {key!r}; valid columns: {valid_cols}", f"{row_path}.{key}")
    values: dict[str, CellValue] = {}
    for key, kind in kinds.items():
        if key not in cells:
            raise StructureError(f"missing cell {key!r}", f"{row_path}.{key}")
        value = cells[key]
        # the usual cells (a count, a blank) take no further look; the path is built for errors only
        if value is None or (type(value) is int and kind is not ColumnKind.MONEY):
            values[key] = value
        else:
            values[key] = _structure_value(value, kind, f"{row_path}.{key}")
    return row.row_class(**values)


#: id(row spec) → (the row spec, its column key → kind): built once per row of the edition
#: description (keyed by identity: hashing a spec walks all its fields; the spec is kept alive).
_KINDS: dict[int, tuple[RowSpec, Mapping[str, ColumnKind]]] = {}


def _column_kinds(row: RowSpec) -> Mapping[str, ColumnKind]:
    """Column key → kind of a row of the edition description."""
    known = _KINDS.get(id(row))
    if known is None or known[0] is not row:
        known = _KINDS[id(row)] = (row, {c.key: c.kind for c in row.columns})
    return known[1]


def _structure_value(value: Any, kind: ColumnKind, path: str) -> CellValue:
    if value is None:
        return None
    if isinstance(value, Mapping):
        if set(value) == {"placeholder"} and isinstance(value["placeholder"], str):
            return Placeholder(value["placeholder"])
        if set(value) == {"unreadable"} and isinstance(value["unreadable"], str):
            return Unreadable(value["unreadable"])
        raise StructureError('a cell object must be {"placeholder": str} or {"unreadable": str}', path)
    if kind is ColumnKind.MONEY:
        if not isinstance(value, str):
            raise StructureError(f"money must be a decimal string in 万元 (e.g. \"71.19\"), not {value!r}", path)
        try:
            amount = Decimal(value)
        except InvalidOperation:
            raise StructureError(f"money is not a decimal number: {value!r}", path) from None
        if not amount.is_finite():
            raise StructureError(f"money must be finite: {value!r}", path)
        return amount
    if isinstance(value, bool) or not isinstance(value, int):
        raise StructureError(f"a count must be an integer, not {value!r}", path)
    return value


# ------------------------------------------------------------------------------ schema


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) that every :func:`to_json` document validates against.

    Generated from the edition description, so it cannot drift from the model.
    """
    placeholder = {"type": "object", "properties": {"placeholder": {"type": "string"}},
                   "required": ["placeholder"], "additionalProperties": False}
    unreadable = {"type": "object", "properties": {"unreadable": {"type": "string"}},
                  "required": ["unreadable"], "additionalProperties": False}
    defs: dict[str, Any] = {
        "placeholder": placeholder,
        "unreadable": unreadable,
        "count": {"anyOf": [{"type": "integer"}, {"type": "null"},
                            {"$ref": "#/$defs/placeholder"}, {"$ref": "#/$defs/unreadable"}]},
        "money": {"anyOf": [{"type": "string", "pattern": r"^-?\d+(\.\d+)?([eE][+-]?\d+)?$"}, {"type": "null"},
                            {"$ref": "#/$defs/placeholder"}, {"$ref": "#/$defs/unreadable"}]},
        "section": {"type": "object", "properties": {"heading": {"type": "string"}, "text": {"type": "string"}},
                    "required": ["heading", "text"], "additionalProperties": False},
    }
    nullable_str = {"type": ["string", "null"]}
    variants = []
    for edition in Edition:
        spec = edition_spec(edition)
        props: dict[str, Any] = {
            "schema_version": {"const": SCHEMA_VERSION},
            "edition": {"const": edition.value},
            "title": nullable_str,
            "agency": nullable_str,
            "year": {"type": ["integer", "null"]},
            "published": {"anyOf": [{"type": "string", "format": "date"}, {"type": "null"}]},
            "source_url": nullable_str,
            "intro": nullable_str,
            "extra_sections": {"type": "array", "items": {"$ref": "#/$defs/section"}},
        }
        for name in _PROSE_FIELDS:
            props[name] = {"anyOf": [{"$ref": "#/$defs/section"}, {"type": "null"}]}
        for name in _TABLE_FIELDS:
            if edition is Edition.LEGACY:
                props[name] = {"type": "null"}
                continue
            table = spec.table(name)
            row_props: dict[str, Any] = {}
            for row in table.rows:
                cells = {c.key: {"$ref": "#/$defs/money" if c.kind is ColumnKind.MONEY else "#/$defs/count"}
                         for c in row.columns}
                row_schema = {"type": "object", "properties": cells, "required": list(cells),
                              "additionalProperties": False, "title": row.label}
                row_props[row.key] = {"anyOf": [row_schema, {"type": "null"}]} if row.optional else row_schema
            table_schema = {
                "type": "object",
                "properties": row_props,
                "required": [r.key for r in table.rows if not r.optional],
                "additionalProperties": False,
            }
            props[name] = {"anyOf": [table_schema, {"type": "null"}]}
        variants.append({"type": "object", "properties": props, "required": list(_TOP_KEYS),
                         "additionalProperties": False})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://gov-disclosure.invalid/schema/report-v{SCHEMA_VERSION}.json",
        "title": "政府信息公开工作年度报告 (gov_disclosure report document)",
        "oneOf": variants,
        "$defs": defs,
    }

