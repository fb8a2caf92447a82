"""JSON: the model's own JSON document (:func:`gov_disclosure._json.to_json`)."""

from __future__ import annotations

from ..model import AnnualReport

__all__ = ["render_json"]


def render_json(report: AnnualReport) -> str:
    """The report as the library's JSON document (with its schema version)."""
    from .._json import to_json

    return to_json(report)
