"""The library's exceptions: one root, each subclass also a builtin that fits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ._i18n import LANGS, Lang, render, split_id

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
    ``params`` holds the named arguments of its message and ``variant`` which of the code's
    sentences it is (``PDF.CORRUPT#empty`` is raised as ``ParseError("PDF.CORRUPT#empty")``);
    ``problems`` holds every problem found when raised by ``strict=True``.

    The text is derived from those: :meth:`message` gives it in Chinese (the default) or
    English, and ``str(exc)`` is ``[CODE] `` and the Chinese message. The wording is not stable
    (``docs/api-stability.md``); match on ``code``.

    >>> exc = ParseError("PDF.NO_TEXT_LAYER", {"pages": 2})
    >>> exc.code, exc.message("en")
    ('PDF.NO_TEXT_LAYER', 'none of the 2 page(s) has a text layer (a scan?): run OCR on it first')
    >>> str(exc)
    '[PDF.NO_TEXT_LAYER] 全部 2 页都没有文字层（扫描件？）：请先进行文字识别（OCR）'
    """

    def __init__(self, code: str, params: Mapping[str, object] | None = None,
                 problems: Sequence[Problem] = ()) -> None:
        if params is not None and not isinstance(params, Mapping):
            raise TypeError(f"a ParseError's params are a mapping of names to values, not {type(params).__name__}")
        self.code, self.variant = split_id(code)
        self.params: Mapping[str, object] = dict(params or {})
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(code, self.params)

    def message(self, lang: Lang = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``); for ``PARSE.STRICT`` it lists the
        first five problems."""
        lang = check_lang(lang)
        text = render(self.code, self.params, lang, self.variant)
        if self.problems:
            shown = "; ".join(p.describe(lang) for p in self.problems[:5])
            more = len(self.problems) - 5
            if more > 0:
                shown += f"；另有 {more} 个" if lang == "zh" else f"; … {more} more"
            text += ("：" if lang == "zh" else ": ") + shown
        return text

    def __str__(self) -> str:
        return f"[{self.code}] {self.message()}"


class LanguageError(GovDisclosureError, ValueError):
    """A language other than ``"zh"`` and ``"en"`` was asked for."""

    def __init__(self, lang: object) -> None:
        self.lang = lang
        super().__init__(f"lang must be one of {', '.join(map(repr, LANGS))}, not {lang!r}")


def check_lang(lang: object) -> Lang:
    """``lang`` when it is a language of the messages (``"zh"``, ``"en"``), else :class:`LanguageError`.

    >>> check_lang("en")
    'en'
    """
    if lang == "zh":
        return "zh"
    if lang == "en":
        return "en"
    raise LanguageError(lang)


class MissingExtraError(GovDisclosureError, ImportError):
    """An optional dependency is needed: ``pip install gov_disclosure[EXTRA]``."""

    def __init__(self, extra: str, package: str, purpose: str) -> None:
        self.extra = extra
        self.package = package
        super().__init__(
            f"{purpose} needs the optional package {package!r}: pip install 'gov_disclosure[{extra}]'"
        )
