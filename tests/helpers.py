"""Helpers shared by the tests: where the corpus is, and reports built from truth files."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from gov_disclosure import AnnualReport

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"
#: The project's shared folder beside the checkout (ours, not the users'): only the copy check reads it.
SHARED = REPO.parent / "shared"
SPEC = REPO / "tests" / "spec" / "FORMAT.md"


def truth_files() -> list[Path]:
    """Every ``*.truth.json`` of the shared corpus (empty when the corpus is not beside the repo)."""
    return sorted(CORPUS.glob("*.truth.json"))


def load_truth(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def truth_value(key: str, value: Any) -> Any:
    """A truth-file value as a model value (money strings → Decimal)."""
    if isinstance(value, str):
        return Decimal(value)
    return value


def report_from_truth(truth: dict[str, Any]) -> AnnualReport:
    """The report a truth file describes, built from its values."""
    report = AnnualReport.empty(truth["edition"])
    return report.with_cells({k: truth_value(k, v) for k, v in truth["values"].items()})


def as_source(rendered: str | bytes) -> io.StringIO | bytes:
    """What ``parse`` reads for a rendered report: a ``str`` is a path to ``parse``, so text
    goes in as an open file (``io.StringIO``); bytes (``.docx``) as they are."""
    return io.StringIO(rendered) if isinstance(rendered, str) else rendered
