"""Renderers: the report model into every output format.

``render(report, fmt, **options)`` looks the format up in :data:`RENDERERS`, an immutable
registry; each format lives in its own private module and reads its layout from the
edition description, so every section and table of every edition is covered.

>>> from gov_disclosure import AnnualReport
>>> r = AnnualReport.empty("2021", year=2023).with_cells({"requests.granted.total": 5})
>>> html = render(r, "html")
>>> 'data-key="requests.granted.total"' in html and "border: 1px solid" in html
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Literal, overload

import attrs

from .._errors import KeyLookupError
from ..model import AnnualReport
from ._csv import render_csv
from ._docx import render_docx
from ._html import render_html
from ._json import render_json
from ._markdown import render_markdown
from ._records import RECORD_FIELDS, Record, cell_records
from ._text import display_width, render_text

__all__ = [
    "RECORD_FIELDS",
    "RENDERERS",
    "Record",
    "Renderer",
    "cell_records",
    "display_width",
    "render",
]


@attrs.frozen
class Renderer:
    """One output format: its name, the function that renders it, and how it is stored.

    ``readable`` is true when :func:`gov_disclosure.parse` reads the output back into the
    same report (the round trip the test suite holds every such format to).
    """

    name: str
    function: Callable[..., str | bytes]
    media_type: str
    suffix: str
    readable: bool
    description: str
    binary: bool = False
    """The output is ``bytes`` (a Word document), not text."""

    def __call__(self, report: AnnualReport, **options: Any) -> str | bytes:
        return self.function(report, **options)


#: Every output format by name. Immutable: a format is added here, in code, not at run time.
RENDERERS: Mapping[str, Renderer] = MappingProxyType(
    {
        r.name: r
        for r in (
            Renderer("html", render_html, "text/html", ".html", True,
                     "the official table layout of the edition; options standalone=, findings=, lang="),
            Renderer("markdown", render_markdown, "text/markdown", ".md", True,
                     "headings and GitHub-flavoured pipe tables, merged labels written out"),
            Renderer("text", render_text, "text/plain", ".txt", True,
                     "plain text aligned by display width for a terminal"),
            Renderer("csv", render_csv, "text/csv", ".csv", False,
                     "one row per table cell (tidy); option header="),
            Renderer("json", render_json, "application/json", ".json", True, "the model's JSON document"),
            Renderer("docx", render_docx,
                     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", True,
                     "a Word document in the official template's layout (bytes)", binary=True),
        )
    }
)


@overload
def render(report: AnnualReport, fmt: Literal["docx"], **options: Any) -> bytes: ...


@overload
def render(report: AnnualReport, fmt: str = "html", **options: Any) -> str: ...


def render(report: AnnualReport, fmt: str = "html", **options: Any) -> str | bytes:
    """Render ``report`` in the format ``fmt`` (a key of :data:`RENDERERS`).

    Every format gives a ``str`` except ``docx``, which gives the ``bytes`` of a Word document.

    ``options`` are the format's keyword options (``standalone=True`` and ``findings=`` for
    HTML, ``header=False`` for CSV). An unknown format raises :class:`KeyLookupError`
    naming the known ones; an option the format does not take, or a ``report`` that is not
    an :class:`~gov_disclosure.AnnualReport`, raises ``TypeError``.
    Blank, placeholder and unreadable cells come out as printed, never as 0.
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"render() needs an AnnualReport, not {type(report).__name__}")
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise KeyLookupError(fmt, tuple(RENDERERS)) from None
    return renderer(report, **options)
