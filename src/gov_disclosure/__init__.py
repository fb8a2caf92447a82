"""gov_disclosure: parse, check and render 政府信息公开工作年度报告.

The names in ``__all__`` are the stable public interface; everything in a module or
package whose name starts with an underscore, and every subpackage, is private.
"""

from importlib.metadata import PackageNotFoundError, version

from ._errors import GovDisclosureError, KeyLookupError, MissingExtraError, ParseError, StructureError
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

try:
    __version__ = version("gov_disclosure")
except PackageNotFoundError:  # pragma: no cover - running from a source tree without install
    __version__ = "0.0.0"

__all__ = [
    "EDITIONS",
    "AnnualReport",
    "CellValue",
    "ColumnKind",
    "Edition",
    "EditionSpec",
    "ExtraSection",
    "GovDisclosureError",
    "KeyLookupError",
    "MissingExtraError",
    "ParseError",
    "Placeholder",
    "Relation",
    "Requests",
    "RequestsRow",
    "ReviewBlock",
    "ReviewLitigation",
    "Section",
    "StructureError",
    "Unreadable",
    "__version__",
    "edition_spec",
]
