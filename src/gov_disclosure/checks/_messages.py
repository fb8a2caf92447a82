"""Finding messages, Chinese and English, derived from a finding's fields only."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from .._i18n import FINDING_CODES, MESSAGES, Lang, phrase
from ..model import Edition

if TYPE_CHECKING:
    from ._findings import Finding

__all__ = ["TEMPLATES", "render"]

#: Message templates by code and language (read-only): the catalogue's (``_i18n.py``) for the findings.
TEMPLATES: Mapping[str, Mapping[Lang, str]] = MappingProxyType({code: MESSAGES[code] for code in FINDING_CODES})


def _fmt(value: object) -> str:
    return "" if value is None else str(value)


def render(finding: Finding, lang: Lang) -> str:
    """The message of ``finding`` in ``lang`` (``"zh"`` or ``"en"``, checked by the caller)."""
    diff = finding.difference
    fields = {
        "scope": _fmt(finding.scope),
        "cell": finding.cells[0] if finding.cells else "",
        "printed": _fmt(finding.printed) if finding.printed is not None else phrase("blank").text(lang),
        "computed": _fmt(finding.computed),
        "difference": "" if diff is None else f"{diff:+}",
        "relation": _fmt(finding.relation),
        "year": _fmt(finding.year),
        "prev_year": "" if finding.year is None else str(finding.year - 1),
        "detail": _fmt(finding.detail),
        "expected_edition": "" if finding.year is None else Edition.for_year(finding.year).value,
    }
    templates = TEMPLATES.get(finding.code)
    if templates is None:
        text = f"{finding.code}: {', '.join(finding.cells)}" if finding.cells else finding.code
    else:
        text = templates[lang].format(**fields)
    return text + _repair_sentence(finding, lang)


def _repair_sentence(finding: Finding, lang: Lang) -> str:
    repairs = finding.repairs
    if len(repairs) == 1:
        return phrase("repair.one", cell=repairs[0].cell, value=repairs[0].value).text(lang)
    if repairs:
        listed = ("；" if lang == "zh" else "; ").join(str(r) for r in repairs)
        return phrase("repair.several", count=len(repairs), repairs=listed).text(lang)
    return phrase("repair.none").text(lang)
