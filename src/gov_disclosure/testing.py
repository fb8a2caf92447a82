"""Hypothesis strategies for reports whose every invariant holds by construction.

Shared by this library's tests and its users' tests::

    from hypothesis import given
    from gov_disclosure.testing import reports

    @given(reports(edition="2021"))
    def test_my_pipeline(report): ...

Importing :mod:`gov_disclosure` does not import Hypothesis; importing this module does
(install the ``testing`` extra: ``pip install 'gov_disclosure[testing]'``; without it, the import
raises :class:`~gov_disclosure.MissingExtraError` naming the extra).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from ._errors import MissingExtraError

try:
    from hypothesis import strategies as st
except ModuleNotFoundError as exc:  # pragma: no cover - exercised by the wheel test in a bare venv
    if exc.name != "hypothesis":
        raise
    raise MissingExtraError("testing", "hypothesis", "gov_disclosure.testing (report strategies)") from None

from .model import (
    AnnualReport,
    CellValue,
    ColumnKind,
    Edition,
    ExtraSection,
    Placeholder,
    RequestsRow,
    Section,
    edition_spec,
)

__all__ = ["cell_values", "prose_sections", "reports"]

_SENTENCES = (
    "本机关坚持以人民为中心的发展思想，认真贯彻落实《中华人民共和国政府信息公开条例》。",
    "全年通过门户网站主动公开政府信息，及时回应社会关切。",
    "规范依申请公开办理流程，严格落实答复时限要求。",
    "加强政府信息公开平台建设，优化网站栏目设置。",
    "强化监督保障，将政务公开工作纳入绩效考核。",
    "部分单位对政务公开工作重视程度不够，公开内容不够全面。",
    "下一步将加强业务培训，提升工作人员业务水平。",
    "本年度未收取信息处理费。",
)

_APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other")


def _small_count() -> st.SearchStrategy[int]:
    return st.one_of(st.just(0), st.integers(0, 9), st.integers(0, 400))


def cell_values(kind: ColumnKind, *, blanks: bool = True, placeholders: bool = True) -> st.SearchStrategy[CellValue]:
    """Values for one free-standing cell (section 二) of a column of ``kind``."""
    if kind is ColumnKind.MONEY:
        number: st.SearchStrategy[CellValue] = st.decimals(
            min_value=0, max_value=999999, places=2, allow_nan=False, allow_infinity=False
        )
    elif kind is ColumnKind.SIGNED:
        number = st.integers(-5000, 5000)
    else:
        number = st.one_of(_small_count(), st.integers(0, 5_000_000))
    options = [number]
    if blanks:
        options.append(st.none())
    if placeholders:
        options.append(st.sampled_from(("/", "—", "无", "不适用")).map(Placeholder))
    return st.one_of(*options)


@st.composite
def prose_sections(draw: st.DrawFn, heading: str) -> Section:
    """A prose section with ``heading`` and one to three paragraphs of report-like text."""
    paragraphs = draw(st.lists(st.sampled_from(_SENTENCES), min_size=1, max_size=3))
    return Section(heading=heading, text="\n".join(paragraphs))


def _blank_zero(draw: st.DrawFn, value: int, blanks: bool) -> int | None:
    if blanks and value == 0 and draw(st.integers(0, 3)) == 0:
        return None
    return value


@st.composite
def _requests(draw: st.DrawFn, edition: Edition, blanks: bool) -> dict[str, Any]:
    spec = edition_spec(edition).table("requests")
    single_other = edition is Edition.V2019 or draw(st.integers(0, 9)) == 0
    skip = (
        {"other_no_correction", "other_no_fee_paid", "other_other"} if single_other else {"other_handling"}
    )
    result_rows = [
        r.key for r in spec.rows
        if r.key not in {"new_received", "carried_over", "total_handled", "carried_forward"} and r.key not in skip
    ]
    values: dict[str, dict[str, int]] = {}
    for key in result_rows:
        values[key] = {c: draw(st.one_of(st.just(0), st.just(0), st.integers(0, 30))) for c in _APPLICANTS}
    values["total_handled"] = {c: sum(values[k][c] for k in result_rows) for c in _APPLICANTS}
    values["carried_forward"] = {c: draw(st.one_of(st.just(0), st.integers(0, 20))) for c in _APPLICANTS}
    values["carried_over"] = {}
    values["new_received"] = {}
    for c in _APPLICANTS:
        needed = values["total_handled"][c] + values["carried_forward"][c]
        carried = draw(st.integers(0, needed))
        values["carried_over"][c] = carried
        values["new_received"][c] = needed - carried
    rows: dict[str, Any] = {}
    for row in spec.rows:
        if row.key in skip:
            rows[row.key] = None
            continue
        cells: dict[str, Any] = {c: _blank_zero(draw, values[row.key][c], blanks) for c in _APPLICANTS}
        cells["total"] = sum(values[row.key].values())
        rows[row.key] = RequestsRow(**cells)
    return rows


@st.composite
def _review(draw: st.DrawFn, blanks: bool) -> dict[str, Any]:
    table = edition_spec(Edition.V2021).table("review_litigation")
    rows: dict[str, Any] = {}
    for block in table.rows:
        parts = {c.key: draw(st.one_of(st.just(0), st.integers(0, 15))) for c in block.columns if c.key != "total"}
        cells: dict[str, Any] = {k: _blank_zero(draw, v, blanks) for k, v in parts.items()}
        cells["total"] = sum(parts.values())
        rows[block.key] = block.row_class(**cells)
    return rows


@st.composite
def reports(
    draw: st.DrawFn,
    edition: Edition | str | None = None,
    *,
    blanks: bool = True,
    placeholders: bool = True,
    prose: bool = True,
) -> AnnualReport:
    """Reports of ``edition`` (any edition when ``None``) whose every invariant holds.

    Section 三's columns balance, its result rows add up to （七）总计, every row total is
    the sum of its applicant cells, section 四's blocks add up. With ``blanks``, some zero
    addends are printed blank (a blank addend counts as 0); with ``placeholders``, some
    section 二 cells carry a placeholder. Totals are always numbers.
    """
    ed = Edition(edition) if edition is not None else draw(st.sampled_from(list(Edition)))
    if ed is Edition.LEGACY:
        year = draw(st.integers(2008, 2018))
    elif ed is Edition.V2019:
        year = draw(st.integers(2019, 2020))
    else:
        year = draw(st.integers(2021, 2025))
    agency = draw(st.sampled_from(("某某市人民政府办公室", "某某县教育局", "某某区司法局", "某某省交通运输厅")))
    published = dt.date(year + 1, draw(st.integers(1, 3)), draw(st.integers(1, 28)))
    fields: dict[str, Any] = {
        "title": f"{agency}{year}年度政府信息公开工作年度报告",
        "agency": agency,
        "year": year,
        "published": published,
    }
    spec = edition_spec(ed)
    if prose:
        headings = {s.key: s.heading for s in spec.sections}
        for key in ("overview", "problems", "other_matters"):
            fields[key] = draw(prose_sections(headings[key]))
        if draw(st.integers(0, 4)) == 0:
            fields["extra_sections"] = (ExtraSection("七、其他", draw(st.sampled_from(_SENTENCES))),)
    report = AnnualReport.empty(ed, **fields)
    if ed is Edition.LEGACY:
        return report
    proactive_spec = spec.table("proactive")
    proactive_rows = {}
    for row in proactive_spec.rows:
        cells = {c.key: draw(cell_values(c.kind, blanks=blanks, placeholders=placeholders)) for c in row.columns}
        proactive_rows[row.key] = row.row_class(**cells)
    requests_rows = draw(_requests(ed, blanks))
    review_rows = draw(_review(blanks))
    return attrs.evolve(
        report,
        proactive=proactive_spec.table_class(**proactive_rows),
        requests=spec.table("requests").table_class(**requests_rows),
        review_litigation=spec.table("review_litigation").table_class(**review_rows),
    )
