"""The public API is deliberate: a snapshot of ``__all__``, and no Hypothesis on import."""

from __future__ import annotations

import subprocess
import sys

import pytest

import gov_disclosure

# Changing this list is an API change: update it on purpose, and say so in CHANGELOG.md.
EXPECTED_ALL = [
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


def test_all_is_sorted_and_resolvable() -> None:
    assert list(gov_disclosure.__all__) == sorted(gov_disclosure.__all__, key=_ruff_order)
    for name in gov_disclosure.__all__:
        assert hasattr(gov_disclosure, name), name


def _ruff_order(name: str) -> tuple[int, str]:
    if name.isupper() or (name.replace("_", "").isupper()):
        return (0, name)
    if name[:1].isupper():
        return (1, name)
    return (2, name)


def test_snapshot() -> None:
    assert list(gov_disclosure.__all__) == EXPECTED_ALL


def test_version_from_metadata() -> None:
    from importlib.metadata import version

    assert gov_disclosure.__version__ == version("gov_disclosure")


def test_import_does_not_import_hypothesis() -> None:
    code = "import sys, gov_disclosure; print('hypothesis' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_import_is_lazy() -> None:
    # the public names are imported when first asked for: ``import gov_disclosure`` alone loads
    # none of the parsers, checks or renderers (the command line's start pays only for what it uses)
    code = ("import sys, gov_disclosure; print(sorted(m for m in sys.modules if m.startswith('gov_disclosure.')"
            " and m.split('.')[1] in ('parsers', 'checks', 'renderers', 'model', '_json', '_frames')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_lazy_names_are_the_modules_own() -> None:
    from gov_disclosure.checks import check
    from gov_disclosure.parsers import parse

    assert gov_disclosure.parse is parse
    assert gov_disclosure.check is check
    assert set(gov_disclosure.__all__) <= set(dir(gov_disclosure))
    with pytest.raises(AttributeError, match="no_such_name"):
        gov_disclosure.no_such_name  # noqa: B018
