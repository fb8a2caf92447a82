"""gov_disclosure: parse, check and render 政府信息公开工作年度报告.

The names in ``__all__`` are the stable public interface; everything in a module or
package whose name starts with an underscore, and every subpackage, is private.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._errors import GovDisclosureError, KeyLookupError, LanguageError, MissingExtraError, ParseError, StructureError

if TYPE_CHECKING:
    from ._batch import BatchItem, parse_many
    from ._findings_frames import findings_frame, problems_frame, series_frame
    from ._frames import to_pandas, to_records
    from ._json import SCHEMA_VERSION, from_json, json_schema, to_json
    from .checks import RULES, Finding, Findings, Repair, Rule, Severity, Verdict, check, check_series, verdict
    from .model import (
        EDITIONS,
        AnnualReport,
        CellValue,
        ColumnKind,
        Edition,
        EditionSpec,
        ExtraSection,
        Placeholder,
        Relation,
        Requests,
        RequestsRow,
        ReviewBlock,
        ReviewLitigation,
        Section,
        Unreadable,
        edition_spec,
    )
    from .parsers import (
        Kind,
        Location,
        ParseResult,
        Problem,
        ProblemSeverity,
        Provenance,
        parse,
        parse_docx,
        parse_html,
        parse_pdf,
        parse_text,
    )
    from .prose import Claim, FeeStatement, claims, fee_statement
    from .renderers import RENDERERS, render

    __version__: str

# Where each public name lives. They are imported when first asked for: a program that needs
# only the parsers (the command line's workers, a script calling ``parse``) does not pay for the
# checks, the frames, the JSON converter and every renderer at its start.
_HOMES: dict[str, tuple[str, ...]] = {
    "._batch": ("BatchItem", "parse_many"),
    "._findings_frames": ("findings_frame", "problems_frame", "series_frame"),
    "._frames": ("to_pandas", "to_records"),
    "._json": ("SCHEMA_VERSION", "from_json", "json_schema", "to_json"),
    ".checks": ("RULES", "Finding", "Findings", "Repair", "Rule", "Severity", "Verdict", "check", "check_series",
                "verdict"),
    ".model": ("EDITIONS", "AnnualReport", "CellValue", "ColumnKind", "Edition", "EditionSpec", "ExtraSection",
               "Placeholder", "Relation", "Requests", "RequestsRow", "ReviewBlock", "ReviewLitigation", "Section",
               "Unreadable", "edition_spec"),
    ".parsers": ("Kind", "Location", "ParseResult", "Problem", "ProblemSeverity", "Provenance", "parse",
                 "parse_docx", "parse_html", "parse_pdf", "parse_text"),
    ".prose": ("Claim", "FeeStatement", "claims", "fee_statement"),
    ".renderers": ("RENDERERS", "render"),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is not None:
        value = getattr(importlib.import_module(home, __name__), name)
        globals()[name] = value  # asked once: the next look-up is a plain attribute
        return value
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    # ``__version__`` is looked up when first asked for: importlib.metadata is a fifth of the
    # import, paid at every start of the command line otherwise.
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("gov_disclosure")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        found = "0.0.0"
    globals()["__version__"] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "EDITIONS",
    "RENDERERS",
    "RULES",
    "SCHEMA_VERSION",
    "AnnualReport",
    "BatchItem",
    "CellValue",
    "Claim",
    "ColumnKind",
    "Edition",
    "EditionSpec",
    "ExtraSection",
    "FeeStatement",
    "Finding",
    "Findings",
    "GovDisclosureError",
    "KeyLookupError",
    "Kind",
    "LanguageError",
    "Location",
    "MissingExtraError",
    "ParseError",
    "ParseResult",
    "Placeholder",
    "Problem",
    "ProblemSeverity",
    "Provenance",
    "Relation",
    "Repair",
    "Requests",
    "RequestsRow",
    "ReviewBlock",
    "ReviewLitigation",
    "Rule",
    "Section",
    "Severity",
    "StructureError",
    "Unreadable",
    "Verdict",
    "__version__",
    "check",
    "check_series",
    "claims",
    "edition_spec",
    "fee_statement",
    "findings_frame",
    "from_json",
    "json_schema",
    "parse",
    "parse_docx",
    "parse_html",
    "parse_many",
    "parse_pdf",
    "parse_text",
    "problems_frame",
    "render",
    "series_frame",
    "to_json",
    "to_pandas",
    "to_records",
    "verdict",
]
