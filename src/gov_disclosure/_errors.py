"""The library's exceptions: one root, each subclass also a builtin that fits."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .parsers._result import Problem


class GovDisclosureError(Exception):
    """Root of every exception this library raises for bad input or missing extras."""


class KeyLookupError(GovDisclosureError, KeyError):
    """A stable key that does not exist in the report's edition.

    ``valid`` lists the keys that would have been accepted at that level.
    """

    def __init__(self, key: str, valid: Sequence[str]) -> None:
        self.key = key
        self.valid = tuple(valid)
        super().__init__(key)

    def __str__(self) -> str:
        shown = ", ".join(self.valid)
        return f"unknown key {self.key!r}; valid keys here: {shown}"


class StructureError(GovDisclosureError, ValueError):
    """A JSON document (or a dict) that does not describe a report.

    ``path`` is a JSONPath-like location of the bad value (``$.requests.granted.total``).
    """

    def __init__(self, message: str, path: str = "$") -> None:
        self.message = message
        self.path = path
        super().__init__(f"{message} @ {path}")


class ParseError(GovDisclosureError, ValueError):
    """Input that could not be read as a report.

    ``code`` is stable (``PDF.NO_TEXT_LAYER``, ``HTML.NOT_A_REPORT``, ``PARSE.STRICT`` …);
    ``problems`` holds every problem found when raised by ``strict=True``.
    """

    def __init__(self, code: str, message: str, problems: Sequence[Problem] = ()) -> None:
        self.code = code
        self.message = message
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(f"[{code}] {message}")


class MissingExtraError(GovDisclosureError, ImportError):
    """An optional dependency is needed: ``pip install gov_disclosure[EXTRA]``."""

    def __init__(self, extra: str, package: str, purpose: str) -> None:
        self.extra = extra
        self.package = package
        super().__init__(
            f"{purpose} needs the optional package {package!r}: pip install 'gov_disclosure[{extra}]'"
        )
