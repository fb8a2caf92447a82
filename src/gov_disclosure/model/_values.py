"""Cell values: a number, a blank, a placeholder, or unreadable text — four different things."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import Union

import attrs

__all__ = [
    "PLACEHOLDER_TEXTS",
    "CellValue",
    "ColumnKind",
    "CountValue",
    "MoneyValue",
    "Placeholder",
    "Unreadable",
    "is_number",
]

#: Texts that publishers print in a cell to mean "nothing to report here".
PLACEHOLDER_TEXTS: frozenset[str] = frozenset({"/", "／", "—", "——", "-", "--", "－", "–", "无", "不适用", "＼", "\\"})


@attrs.frozen
class Placeholder:
    """A cell printed with a placeholder such as ``/``, ``—``, ``无`` or ``不适用``.

    ``raw`` is the text as printed. A placeholder is neither a blank nor a zero: the checker
    treats it as "no number here" and reports it where a number belongs.
    """

    raw: str


@attrs.frozen
class Unreadable:
    """A cell whose text is not a number, a blank or a placeholder (``raw`` keeps it)."""

    raw: str


class ColumnKind(enum.Enum):
    """What a column holds."""

    COUNT = "count"
    """A non-negative integer (a negative one is representable; the checker reports it)."""
    SIGNED = "signed"
    """A signed integer (the 2019 edition's ``change``, printed ``+12`` / ``-3``)."""
    MONEY = "money"
    """A ``Decimal`` amount in 万元."""


#: A count cell: ``int``, a placeholder, unreadable text, or ``None`` for a blank cell.
CountValue = Union[int, Placeholder, Unreadable, None]
#: A money cell (万元): ``Decimal``, a placeholder, unreadable text, or ``None`` for a blank cell.
MoneyValue = Union[Decimal, Placeholder, Unreadable, None]
#: Any cell value.
CellValue = Union[int, Decimal, Placeholder, Unreadable, None]


def is_number(value: object) -> bool:
    """True for an ``int`` (not ``bool``) or a finite ``Decimal``."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return True
    return isinstance(value, Decimal) and value.is_finite()
