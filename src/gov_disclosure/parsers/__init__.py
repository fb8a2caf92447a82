"""Parsers: every input format into the report model.

``parse`` tells what it was given from the bytes (:mod:`._sniff`) and dispatches; each format
also has its own entry.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Union

from .._errors import GovDisclosureError, ParseError
from .._i18n import os_reason
from ._result import Kind, Location, ParseResult, Problem, ProblemSeverity, Provenance
from ._sniff import looks_like_url, sniff_source, tell_source

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

#: What ``parse`` accepts: a filesystem path (``str`` or ``os.PathLike``), raw bytes, or an open
#: file (text or binary, such as ``io.StringIO``).
Source = Union[str, bytes, os.PathLike[str], IO[str], IO[bytes]]

_MAX_PATH_LEN = 4096


def read_source(source: Source, *, str_is_path: bool = False) -> tuple[bytes | str, str | None]:
    """The content of ``source`` and the file name it came from (``None`` for in-memory input).

    With ``str_is_path`` (as :func:`parse` does) a ``str`` is always a path: one that names no
    file raises ``ParseError`` ``SOURCE.NOT_FOUND`` naming it, or ``SOURCE.URL`` for a URL.
    Without it (the format entries, ``parse_text`` …) a ``str`` that names an existing file
    (short, one line) is read as a path and any other ``str`` is the content itself.
    """
    if isinstance(source, os.PathLike):
        return _read_path(Path(source)), Path(source).name
    if isinstance(source, str):
        if str_is_path:
            return _read_path_str(source), Path(source).name
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
    read = getattr(source, "read", None)
    if callable(read):
        try:
            content = read()
        except (OSError, ValueError) as exc:  # closed, or not readable
            raise ParseError("SOURCE.UNREADABLE#open_file", {"reason": os_reason(exc)}) from None
        name = getattr(source, "name", None)
        if isinstance(content, (bytes, str)):
            return content, Path(name).name if isinstance(name, str) else None
    raise GovDisclosureError(f"cannot parse a {type(source).__name__}: give a path, bytes or an open file")


def _read_path(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        if looks_like_url(str(path)):
            raise ParseError("SOURCE.URL", {"path": str(path)}) from None
        raise ParseError("SOURCE.NOT_FOUND", {"path": str(path)}) from None
    except IsADirectoryError:
        raise ParseError("SOURCE.UNREADABLE#folder", {"path": str(path)}) from None
    except OSError as exc:
        raise ParseError("SOURCE.UNREADABLE", {"path": str(path), "reason": os_reason(exc)}) from None


def _read_path_str(source: str) -> bytes:
    if looks_like_url(source) and not _exists(source):
        raise ParseError("SOURCE.URL", {"path": source[:200]})
    if len(source) >= _MAX_PATH_LEN or "\n" in source or "<" in source or "\x00" in source:
        lines = source.count("\n") + 1
        raise ParseError("SOURCE.NOT_FOUND#looks_like_text", {"chars": len(source), "lines": lines})
    try:
        return _read_path(Path(source))
    except ParseError as exc:
        if exc.code != "SOURCE.NOT_FOUND":
            raise
        raise ParseError("SOURCE.NOT_FOUND#str_path", {"path": source}) from None


def _exists(source: str) -> bool:
    try:
        return Path(source).exists()
    except (OSError, ValueError):
        return False


def sniff(content: bytes | str, name: str | None = None) -> str:
    """Which parser fits (``pdf``, ``docx``, ``json``, ``html``, ``markdown``, ``text``), or what
    the source is when none does (``png``, ``xlsx``, ``doc``, ``zip``, ``undecodable`` …; see
    :func:`._sniff.sniff_source`)."""
    return sniff_source(content, name).format


def parse(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a report from ``source``: a path (``str`` or ``os.PathLike``), bytes, or an open file.

    A ``str`` is a path, never content: text goes to :func:`parse_text` (or
    ``parse(io.StringIO(text))``, or as bytes). A path that names no file raises
    :class:`ParseError` ``SOURCE.NOT_FOUND``, a URL ``SOURCE.URL`` (nothing is fetched).

    The format is told from the bytes, then the name: PDF, Word ``.docx``, JSON, HTML,
    Markdown, text (UTF-8, GB18030, or UTF-16/32 with a byte-order mark). A format no parser
    reads raises ``SOURCE.UNSUPPORTED`` naming it (an image or scan needs OCR; ``.doc`` and
    ``.wps`` need saving as ``.docx`` or PDF; spreadsheets, archives); bytes that are no text
    without damage raise ``SOURCE.UNDECODABLE``; a source with none of the form's anchors
    raises ``<FORMAT>.NOT_A_REPORT``; an empty file (or one of white space only)
    ``SOURCE.EMPTY``. Problems in the input are returned in
    :attr:`ParseResult.problems`; with ``strict=True`` any problem at warning level or above
    raises one :class:`ParseError` carrying all of them.
    """
    content, name = read_source(source, str_is_path=True)
    if not content.strip():  # nothing but white space, or nothing at all: no format to tell
        raise ParseError("SOURCE.EMPTY", {"size": len(content)})
    # The text decoded to tell the format is handed on: the parsers do not decode the bytes again.
    told = tell_source(content, name)
    found = told.sniffed
    if not found.readable:
        found.refuse()
    kind = found.format
    if kind == "pdf":
        from ._pdf import parse_pdf as _parse_pdf

        return _parse_pdf(content if isinstance(content, bytes) else content.encode("latin-1", errors="replace"),
                          strict=strict)
    if kind == "docx":
        from ._docx import parse_docx as _parse_docx

        return _parse_docx(content if isinstance(content, bytes) else content.encode("utf-8"), strict=strict)
    if kind == "json":
        from .._json import from_json

        decoded = told.text if isinstance(content, bytes) else (content, "", 0)
        if decoded is None:  # pragma: no cover - the sniffer refuses undecodable bytes first
            raise ParseError("JSON.ENCODING")
        return ParseResult(report=from_json(decoded[0]), source_format="json")
    if kind == "html":
        from ._html import MAX_HTML_BYTES
        from ._html import parse_html as _parse_html

        page = told.page
        # The page as the HTML reader would decode it, when that decoding has nothing to say (no
        # damage, no note); a page over the size limit goes as bytes, for the reader to refuse.
        if page is not None and not page.lossy and not page.notes and len(content) <= MAX_HTML_BYTES:
            return _parse_html(page.text, strict=strict)
        return _parse_html(content, strict=strict)
    from ._text import parse_text as _parse_text

    # Text decoded whole, no last character cut off: what the text reader would make of the bytes.
    if told.text is not None and told.text[2] == 0:
        return _parse_text(told.text[0], strict=strict)
    return _parse_text(content, strict=strict)


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
        raise ParseError("DOCX.INPUT#text")
    return _parse_docx(content, strict=strict)


def parse_pdf(source: Source, *, strict: bool = False) -> ParseResult:
    """Parse a PDF report (needs the ``pdf`` extra: ``pip install 'gov_disclosure[pdf]'``)."""
    from ._pdf import parse_pdf as _parse_pdf

    content, _name = read_source(source)
    data = content if isinstance(content, bytes) else content.encode("latin-1", errors="replace")
    return _parse_pdf(data, strict=strict)
