"""Reading the prose: the figures a report states about its own tables (:func:`claims`), the
信息处理费 statement of section 六 (:func:`fee_statement`), and measures of the prose's quality
(:func:`copied_fraction`).

Everything here is a pure function of an :class:`~gov_disclosure.AnnualReport`; the checker's
rules about the prose (``N.CLAIM``, ``Q.*``) live in the checker (:mod:`gov_disclosure.checks`).
"""

from ._claims import Claim, ClaimSubject, claims
from ._fees import FeeStatement, fee_statement
from ._quality import copied_fraction

__all__ = ["Claim", "ClaimSubject", "FeeStatement", "claims", "copied_fraction", "fee_statement"]
