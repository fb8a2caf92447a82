"""gov_disclosure: parse, check and render 政府信息公开工作年度报告.

The names in ``__all__`` are the stable public interface; everything in a module or
package whose name starts with an underscore, and every subpackage, is private.
"""

from ._batch import BatchItem, parse_many
from ._errors import GovDisclosureError, KeyLookupError, LanguageError, MissingExtraError, ParseError, StructureError
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


def __getattr__(name: str) -> str:
    # ``__version__`` is looked up when first asked for: importlib.metadata is a fifth of the
    # import, paid at every start of the command line otherwise.
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("gov_disclosure")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
        found = "0.0.0"
    globals()["__version__"] = found
    return found


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
