"""prose.first_claims: the first clear claim of each subject, found without reading every figure
(the text reader asks it for the figures of section 二 cells); and the compact form of the prose."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, Section
from gov_disclosure.prose import Claim, ClaimSubject, claims
from gov_disclosure.prose._claims import _ALONE_FAMILIES, _KEYWORDS, _compact, first_claims

_DOCUMENTS = (ClaimSubject.NORMATIVE_ISSUED, ClaimSubject.NORMATIVE_REPEALED, ClaimSubject.NORMATIVE_IN_FORCE,
              ClaimSubject.REGULATIONS_ISSUED, ClaimSubject.REGULATIONS_REPEALED, ClaimSubject.REGULATIONS_IN_FORCE)
#: Every subject first_claims reads: those no request or result keyword counts.
_ALONE = tuple(s for s in ClaimSubject
               if all(kw.family in _ALONE_FAMILIES for kw in _KEYWORDS if s in kw.subjects))


def _first_by_claims(report: AnnualReport, subjects: tuple[ClaimSubject, ...]) -> list[Claim]:
    """What first_claims must give, read from every claim."""
    out: dict[ClaimSubject, Claim] = {}
    for claim in claims(report):
        if claim.ambiguity is None and len(claim.subjects) == 1 and claim.subjects[0] in subjects:
            out.setdefault(claim.subjects[0], claim)
    return sorted(out.values(), key=list(claims(report)).index)


def _report(text: str, edition: str = "2021") -> AnnualReport:
    return AnnualReport.empty(edition, title="某某县人民政府2023年政府信息公开工作年度报告",
                              intro=text[: len(text) // 3], overview=Section("一、总体情况", text[len(text) // 3 :]))


_KEYWORD = st.sampled_from([
    "制发规范性文件", "新制发行政规范性文件", "印发了规范性文件", "废止规章", "现行有效规章", "制定政府规章",
    "废止规范性文件", "现行有效行政规范性文件", "制發規範性文件", "行政复议", "行政诉讼", "上年结转", "结转下年度",
    "主动公开政府信息", "予以公开", "收到申请", "办结",
])
_CLAUSE = st.tuples(
    st.sampled_from(["", "", "本机关", "全市", "全县", "各部门", "其中", "2022年", "2023年", "上年", "审核", "公开"]),
    _KEYWORD,
    st.sampled_from(["", "", "", "和", "及", "、"]),
    _KEYWORD,
    st.sampled_from(["", "", "共", "各", "同比增加", "的", " "]),
    st.sampled_from(["3", "十二", "3,119", "２", "1.5", "0", "12 "]),
    st.sampled_from(["件", "件", "份", "条", "起"]),
    st.sampled_from(["，", "。", "；", "：", "（", "）", ",", "\n", " ", ""]),
).map(lambda parts: parts[0] + (parts[1] + parts[2] if parts[2] else "") + "".join(parts[3:]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CLAUSE, max_size=12).map("".join), st.sampled_from(["2021", "2019"]))
def test_first_claims_are_the_first_clear_claims(text: str, edition: str) -> None:
    report = _report(text, edition)
    assert list(first_claims(report, _ALONE)) == _first_by_claims(report, _ALONE)
    assert list(first_claims(report, _DOCUMENTS[:2])) == _first_by_claims(report, _DOCUMENTS[:2])


def test_first_claims_stop_at_the_first_clear_figure() -> None:
    text = "全市制发规范性文件9件。本机关制发规范性文件3件，废止规章1件。" + "制发规范性文件4件，废止规章2件，" * 5000
    found = first_claims(_report(text), _DOCUMENTS)
    assert [(c.subjects, c.value) for c in found] == [((ClaimSubject.NORMATIVE_ISSUED,), 3),
                                                      ((ClaimSubject.REGULATIONS_REPEALED,), 1)]
    assert found == tuple(_first_by_claims(_report(text), _DOCUMENTS))


def test_first_claims_refuse_a_figure_that_leans_on_its_sentence() -> None:
    with pytest.raises(ValueError, match="received"):
        first_claims(_report("收到申请3件。"), [ClaimSubject.RECEIVED])
    with pytest.raises(TypeError):
        first_claims("text", _DOCUMENTS)  # type: ignore[arg-type]


def _compact_by_runs(text: str) -> tuple[str, list[int]]:
    """The compact form as its definition says, run of non-space characters by run."""
    from gov_disclosure._hanzi import fold_hanzi

    out, where, end = "", [], 0
    i = 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < len(text) and not text[j].isspace():
            j += 1
        if out and i > end and out[-1].isascii() and out[-1].isalnum() and text[i].isascii() and text[i].isalnum():
            out += " "
            where.append(end)
        out += fold_hanzi(text[i:j])
        where.extend(range(i, j))
        end = i = j
    return out, where


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab12３Ｚ 　\n\t\u2028申請件、。", max_size=40))
def test_compact_keeps_one_space_between_ascii_words_and_maps_every_character(text: str) -> None:
    compact, where = _compact(text)
    expected, offsets = _compact_by_runs(text)
    assert compact == expected
    assert [where[i] for i in reversed(range(len(compact)))] == offsets[::-1]


@pytest.mark.parametrize("edition", ["2019", "2021"])
def test_the_text_reader_asks_for_every_subject_that_fills_a_section_two_cell(edition: str) -> None:
    from gov_disclosure.parsers._text import _CELL_SUBJECTS
    from gov_disclosure.prose._claims import _readings

    report = AnnualReport.empty(edition)
    filling = {str(s) for s in ClaimSubject
               if any(k.startswith("proactive.") for k in _readings(report, (s,))[0])}
    assert filling <= set(_CELL_SUBJECTS)
    assert all(s in _ALONE for s in map(ClaimSubject, _CELL_SUBJECTS))  # first_claims reads them
