"""Parsers: every input format into the report model.

``parse`` sniffs what it was given and dispatches; each format also has its own entry.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from .._errors import GovDisclosureError, ParseError
from ._result import Kind, Location, ParseResult, Problem, ProblemSeverity, Provenance

__all__ = [
    "Kind",
    "Location",
    "ParseResult",
    "Problem",
    "ProblemSeverity",
    "Provenance",
    "Source",
    "parse",
    "parse_docx",
    "parse_html",
    "parse_pdf",
    "parse_text",
    "read_source",
    "sniff",
]

#: What ``parse`` accepts: markup or text (``str``), raw bytes, or a filesystem path.
Source = Union[str, bytes, os.PathLike[str]]

_MAX_PATH_LEN = 4096


def read_source(source: Source) -> tuple[bytes | str, str | None]:
    """The content of ``source`` and the file name it came from (``None`` for in-memory input).

    A ``str`` that names an existing file (short, one line) is read as a path; any other
    ``str`` is the content itself.
    """
    if isinstance(source, os.PathLike):
        path = Path(source)
        try:
            return path.read_bytes(), path.name
        except OSError as exc:
            raise ParseError("SOURCE.UNREADABLE", f"cannot read {path}: {exc.strerror or exc}") from None
    if isinstance(source, str):
        if len(source) < _MAX_PATH_LEN and "\n" not in source and "<" not in source:
            try:
                path = Path(source)
                if path.is_file():
                    return path.read_bytes(), path.name
            except (OSError, ValueError):
                pass
        return source, None
    if isinstance(source, (bytes, bytearray, memoryview)):
        return bytes(source), None
    raise GovDisclosureError(f"cannot parse a {type(source).__name__}: give str, bytes or a path")


def sniff(content: bytes | str, name: str | None = None) -> str:
    """Which parser fits: ``pdf``, ``docx``, ``json``, ``html``, ``markdown`` or ``text``."""
    head = content[:4096]
    if isinstance(head, bytes):
        if head.lstrip()[:5] == b"%PDF-":
            return "pdf"
        if head[:4] == b"PK\x03\x04":
            return "docx"  # a zip archive: only a Word document is read (parse_docx refuses others)
        for enc in ("utf-8", "gb18030"):
            try:
                head_text = head.decode(enc, errors="strict" if enc == "utf-8" else "replace")
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - gb18030 with replace never fails
            head_text = head.decode("latin-1")
    else:
        head_text = head
    stripped = head_text.lstrip("\ufeff \t\r\n")
    suffix = (name or "").lower().rsplit(".", 1)[-1] if name and "." in name else ""
    if suffix == "pdf" or stripped.startswith("%PDF-"):
        return "pdf"
    if suffix == "json" or (stripped.startswith("{") and '"schema_version"' in head_text):
        return "json"
    if suffix in ("html", "htm", "shtml", "xhtml") or _looks_like_html(stripped):
        return "html"
    if suffix in ("md", "markdown") or _looks_like_markdown(head_text):
        return "markdown"
    return "text"


def _looks_like_html(text: str) -> bool:
    lowered = text[:2048].lower()
    return any(tag in lowered for tag in ("<html", "<!doctype", "<table", "<div", "<p>", "<p ", "<body", "<meta"))


def _looks_like_markdown(text: str) -> bool:
    lines = [ln.strip() for ln in text.splitlines()]
    pipes = sum(1 for ln in lines if ln.startswith("|") and ln.endswith("|"))
    return pipes >= 3 and any(set(ln) <= set("|-: ") and "-" in ln for ln in lines)


def parse(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a report from ``source``: a path, bytes, or a ``str`` of markup or text.

    The format is sniffed (PDF, Word ``.docx``, JSON, HTML, Markdown, text). Problems in the input are
    returned in :attr:`ParseResult.problems`; with ``strict=True`` any problem at warning
    level or above raises one :class:`ParseError` carrying all of them.
    """
    content, name = read_source(source)
    kind = sniff(content, name)
    if kind == "pdf":
        data = content if isinstance(content, bytes) else content.encode("latin-1", errors="replace")
        return parse_pdf(data, strict=strict)
    if kind == "docx":
        from ._docx import parse_docx as _parse_docx

        return _parse_docx(content if isinstance(content, bytes) else content.encode("utf-8"), strict=strict)
    if kind == "json":
        from .._json import from_json

        try:
            text = content.decode("utf-8-sig") if isinstance(content, bytes) else content
        except UnicodeDecodeError:
            raise ParseError("JSON.ENCODING", "a JSON document must be UTF-8") from None
        return ParseResult(report=from_json(text), source_format="json")
    if kind == "html":
        return parse_html(content, strict=strict)
    return parse_text(content, strict=strict)


def parse_html(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse an HTML page or fragment (``str`` markup, ``bytes`` in any encoding, or a path)."""
    from ._html import parse_html as _parse_html

    content, _name = read_source(source)
    return _parse_html(content, strict=strict)


def parse_text(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a report from text or Markdown (``str``, ``bytes`` or a path)."""
    from ._text import parse_text as _parse_text

    content, _name = read_source(source)
    return _parse_text(content, strict=strict)


def parse_docx(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a Word report (``.docx`` bytes or a path); reads with lxml, no extra needed."""
    from ._docx import parse_docx as _parse_docx

    content, _name = read_source(source)
    if isinstance(content, str):
        raise ParseError("DOCX.INPUT", "a .docx document is binary: give bytes or a path, not text")
    return _parse_docx(content, strict=strict)


def parse_pdf(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a PDF report (needs the ``pdf`` extra: ``pip install 'gov_disclosure[pdf]'``)."""
    from ._pdf import parse_pdf as _parse_pdf

    content, _name = read_source(source)
    data = content if isinstance(content, bytes) else content.encode("latin-1", errors="replace")
    return _parse_pdf(data, strict=strict)
