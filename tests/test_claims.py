"""Claims: the figures a report's prose states about its own tables, and N.CLAIM."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, ExtraSection, Section, parse
from gov_disclosure.checks._prose_rules import claim_mismatch, prose_findings
from gov_disclosure.prose import Claim, ClaimSubject, claims
from gov_disclosure.prose._claims import split_sentences, table_sum
from gov_disclosure.prose._numerals import read_number
from helpers import CORPUS, report_from_truth

DISTRICT = "某某区人民政府2023年政府信息公开工作年度报告"
CITY = "淮安市人民政府2024年政府信息公开工作年度报告"
BUREAU = "某某市教育局2023年政府信息公开工作年度报告"
OFFICE = "中山市人民政府办公室2020年度政府信息公开工作年度报告"

# (sentence, title of the report it stands in, the unambiguous claims a careful reader takes
# from it as "subject+subject=value"). Written in the style of real reports; several must give
# nothing (changes, percentages, estimates, other scopes, other things counted), and a few hold
# claims this reader is known to miss (they count against recall).
SENTENCES: list[tuple[str, str, tuple[str, ...]]] = [
    ("2023年，全区共收到政府信息公开申请75件，均在法定期限内予以答复。", DISTRICT, ("received=75",)),
    ("本年度新收政府信息公开申请128件，上年结转政府信息公开申请3件。", DISTRICT,
     ("new_received=128", "carried_over=3")),
    ("全年共办结政府信息公开申请131件，结转下年度继续办理4件。", DISTRICT, ("handled=131", "carried_forward=4")),
    ("其中，予以公开56件，部分公开12件，不予公开8件，无法提供41件，不予处理6件，其他处理8件。", DISTRICT,
     ("granted=56", "partially_granted=12", "withheld=8", "unavailable=41", "rejected=6", "other_handling=8")),
    ("因政府信息公开被申请行政复议2件，被提起行政诉讼1件。", DISTRICT, ("review=2", "litigation=1")),
    ("全年未发生因政府信息公开被申请行政复议、提起行政诉讼的情况。", DISTRICT, ()),
    ("受理政府信息公开申请较上年增加15件。", DISTRICT, ()),
    ("政府信息公开申请数量同比增长12.5%。", DISTRICT, ()),
    ("全年通过政府门户网站主动公开政府信息3256条。", DISTRICT, ("proactive_items=3256",)),
    ("通过政务微博发布信息1200条，微信公众号推送信息860条。", DISTRICT, ()),
    ("全年共收到网民留言560条，办结率100%。", DISTRICT, ()),
    ("围绕重点工作发布政策解读42篇。", DISTRICT, ()),
    ("本年度制发行政规范性文件12件，废止行政规范性文件3件，现行有效行政规范性文件86件。", DISTRICT,
     ("normative_issued=12", "normative_repealed=3", "normative_in_force=86")),
    ("全年共受理政府信息公开申请十二件。", DISTRICT, ("received=12",)),
    ("收到政府信息公开申请一百零五件，较上年减少二十件。", DISTRICT, ("received=105",)),
    ("受理政府信息公开申请２１８件。", DISTRICT, ("received=218",)),
    ("2024年，全市共受理政府信息公开申请3119件。", CITY, ("received=3119",)),
    ("2023年，全市共受理政府信息公开申请3119件。", BUREAU, ()),
    ("全省各级行政机关共收到政府信息公开申请2.3万件。", DISTRICT, ()),
    ("各地各部门共办结政府信息公开申请1520件。", CITY, ()),
    ("本机关全年收到群众来信120件，均已办结。", DISTRICT, ()),
    ("全年受理行政许可申请3520件。", DISTRICT, ()),
    ("予以公开及部分公开258件，占33.9%。", DISTRICT, ("granted+partially_granted=258",)),
    ("因本机关不掌握等原因无法提供265件，占32.9%。", DISTRICT, ("unavailable=265",)),
    ("信息公开类行政复议7件，诉讼9件，均获维持。", DISTRICT, ("review=7", "litigation=9")),
    ("答复政府信息公开申请805件（含上年度结转申请18件，另有72件申请按照《条例》顺延到下年度答复）。", DISTRICT,
     ("handled=805", "carried_over=18", "carried_forward=72")),  # 72 stands before its words: missed
    ("2020年，我办办结上年结转政府信息公开申请案件48件，受理政府信息公开申请案件176件，其中，办结169件，"
     "结转下年办理7件。", OFFICE, ("carried_over=48", "received=176", "carried_forward=7")),  # 7 after 其中: missed
    ("2023年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，均已结案。", DISTRICT,
     ("litigation=1", "review=2")),
    ("全年办理政府信息公开申请218件。", DISTRICT, ("processed=218",)),
    ("动态更新本年度制发的规范性文件88件。", DISTRICT, ("normative_issued=88",)),
    ("设立规范性文件库，集中公开现行有效行政规范性文件698件。", DISTRICT, ("normative_in_force=698",)),
    ("涉及自然人72件、商业企业3件。", DISTRICT, ()),
    ("收到自然人申请72件。", DISTRICT, ()),
    ("行政复议和行政诉讼各1件，均为政府信息公开类案件。", DISTRICT, ("review=1", "litigation=1")),
    ("因政府信息公开引起的行政复议、行政诉讼共3件。", DISTRICT, ("review+litigation=3",)),
    ("本年度无收取信息处理费情况。", DISTRICT, ()),
    ("全年受理政府信息公开申请300余件。", DISTRICT, ()),
    ("全年受理政府信息公开申请超过300件。", DISTRICT, ()),
    ("收到政府信息公开申请45件次。", DISTRICT, ()),
    ("新收政府信息公开申请56件，其中自然人申请50件，法人或其他组织申请6件。", DISTRICT, ("new_received=56",)),
    ("全年共发布政务信息5500余条。", DISTRICT, ()),
    ("累计公开规范性文件320件。", DISTRICT, ()),
    ("市政府门户网站全年主动公开各类政府信息10407条。", DISTRICT, ("proactive_items=10407",)),
    ("全年共召开新闻发布会12场，发布政策解读21个。", DISTRICT, ()),
    ("全年新增公开市政府规章1件、市政府及市政府办政策性文件11件。", DISTRICT, ()),
    ("本年度不予公开的申请中，属于国家秘密的2件。", DISTRICT, ()),
    ("不予处理62件，主要为信访举报投诉类申请。", DISTRICT, ("rejected=62",)),
    ("2023年，本机关共收到政府信息公开申请36件，同比增加8件，上年结转2件。", DISTRICT,
     ("received=36", "carried_over=2")),
    ("全年受理政府信息公开申请1,236件。", DISTRICT, ("received=1236",)),
    ("部分公开的申请共计9件。", DISTRICT, ("partially_granted=9",)),
    ("2023年全县共收到政府信息公开申请15件。", DISTRICT, ()),
    ("全年共处理政府信息公开申请60件。", DISTRICT, ("processed=60",)),
    ("本年度收到的申请中，有3件为重复申请。", DISTRICT, ()),
    ("办结政府信息公开申请30件，办结率100%。", DISTRICT, ("handled=30",)),
    ("全年共制发规章2件。", DISTRICT, ("regulations_issued=2",)),
    ("本机关作为复议机关，全年办理行政复议案件320件。", DISTRICT, ()),
    ("被申请行政复议的政府信息公开案件中，结果维持5件，结果纠正1件。", DISTRICT, ()),
    ("全年接收依申请公开件93件，全部按时答复。", DISTRICT, ("received=93",)),
    ("2023年共受理申请859件，申请数量较去年回落12.3%。", DISTRICT, ("received=859",)),
    ("2020年，全市通过市政府门户网站主动公开政府信息75087条。", OFFICE, ()),
    ("全年主动公开政府信息两千条。", DISTRICT, ("proactive_items=2000",)),
    ("全年收到政府信息公开申请两千余件。", DISTRICT, ()),
    ("其中，涉及征地拆迁的申请30件，予以公开10件。", DISTRICT, ()),
    ("受理政府信息公开申请45件，其中予以公开20件、部分公开5件。", DISTRICT,
     ("received=45", "granted=20", "partially_granted=5")),
    ("本区域内各单位共收到政府信息公开申请300件。", DISTRICT, ()),
    ("政府信息公开行政复议 351\n件，其中结果维持 72 件；政府信息公开行政诉讼 46 件。", CITY,
     ("review=351", "litigation=46")),
    ("全年共受理政\n府信息公开申请 3119 件，答\n复 3050 件。", CITY, ("received=3119", "handled=3050")),
    ("全年不予公开和无法提供的申请共15件。", DISTRICT, ("withheld+unavailable=15",)),
    ("本年度共收到和办结政府信息公开申请12件。", DISTRICT, ()),
    ("全年审核公文1500件，其中予以公开1200件，不予公开300件。", DISTRICT, ()),
    ("经公开属性审查，不予公开的文件共45件。", DISTRICT, ()),
    ("2022年收到政府信息公开申请60件，2023年收到政府信息公开申请80件。", DISTRICT, ("received=80",)),
    ("上年度全区共收到政府信息公开申请60件。", DISTRICT, ()),
    ("截至2024年1月，现行有效行政规范性文件215件。", DISTRICT, ()),
    ("本年度全区受理政府信息公开申请35件，办结33件，结转下年度2件。", DISTRICT,
     ("received=35", "handled=33", "carried_forward=2")),
    ("全年共受理依申请公开事项12件。", DISTRICT, ("received=12",)),
    ("收到网上申请40件，当面申请3件。", DISTRICT, ()),
    ("收到涉及征地拆迁的政府信息公开申请30件。", DISTRICT, ()),
    ("政府信息公开申请中，涉及行政复议的申请2件。", DISTRICT, ()),
    ("审核各部门制发的规范性文件56件。", DISTRICT, ()),
    ("全年备案审查制发规范性文件31件。", DISTRICT, ()),
    ("全年清理废止规范性文件15件。", DISTRICT, ("normative_repealed=15",)),
    ("2023年区政府共受理政府信息公开申请45件，区直各部门共受理120件。", DISTRICT, ("received=45",)),
    ("全区各级行政机关共收到政府信息公开申请300件，其中区政府本级收到45件。", DISTRICT, ()),
    ("因政府信息公开工作被申请行政复议0件，被提起行政诉讼0件。", DISTRICT, ("review=0", "litigation=0")),
    ("办理12345热线工单中涉及政府信息公开的申请3件。", DISTRICT, ()),
    ("上年结转的3件申请已全部办结。", DISTRICT, ("carried_over=3",)),
    ("2023年有2件申请结转至下年度办理。", DISTRICT, ("carried_forward=2",)),  # the number stands first: missed
    ("本机关作为被告的民事诉讼3件，与政府信息公开无关。", DISTRICT, ()),
    ("政府信息公开类行政复议后起诉2件，未经复议直接起诉1件。", DISTRICT, ()),
]


def report_with(text: str, title: str | None = DISTRICT, edition: str = "2021", **fields: Any) -> AnnualReport:
    """A report with ``text`` as its overview; its year is the one its title names."""
    year = int(m.group()) if title and (m := re.search(r"\d{4}", title)) else None
    return AnnualReport.empty(edition, title=title, year=year, overview=Section("一、总体情况", text), **fields)


def taken(claim_list: tuple[Claim, ...]) -> Counter[str]:
    """The unambiguous claims as ``subject+subject=value``."""
    return Counter(
        "+".join(s.value for s in c.subjects) + f"={c.value}" for c in claim_list if c.ambiguity is None
    )


def score() -> tuple[float, float, int, int, int]:
    true_pos = predicted = expected = 0
    for sentence, title, want in SENTENCES:
        got = taken(claims(report_with(sentence, title)))
        wanted = Counter(want)
        true_pos += sum((got & wanted).values())
        predicted += sum(got.values())
        expected += sum(wanted.values())
    return true_pos / predicted, true_pos / expected, true_pos, predicted, expected


def test_the_table_is_large_and_mixed() -> None:
    assert len(SENTENCES) >= 40
    assert sum(1 for _s, _t, want in SENTENCES if not want) >= 20, "at least twenty sentences that claim nothing"


def test_precision_is_perfect_and_recall_high() -> None:
    precision, recall, true_pos, predicted, expected = score()
    print(f"claims: precision {precision:.3f} ({true_pos}/{predicted}), recall {recall:.3f} ({true_pos}/{expected})")
    assert precision == 1.0
    assert recall >= 0.9


@pytest.mark.parametrize(("sentence", "title", "want"), SENTENCES, ids=[s[:14] for s, _t, _w in SENTENCES])
def test_sentence_gives_no_claim_it_should_not(sentence: str, title: str, want: tuple[str, ...]) -> None:
    got = taken(claims(report_with(sentence, title)))
    assert not (got - Counter(want)), f"unexpected claims {dict(got - Counter(want))}"


# ------------------------------------------------------------------ the record


def test_claim_carries_keys_sentence_and_position() -> None:
    text = "（二）依申请公开方面。\n2023年，全区共收到政府信息公开申请75件，均已答复。予以公开及部分公开30件。"
    report = report_with(text)
    first, second = claims(report)
    assert first.subjects == (ClaimSubject.RECEIVED,)
    assert first.keys == ("requests.new_received.total",)
    assert first.alternatives == (("requests.new_received.total", "requests.carried_over.total"),)
    assert first.section == "overview"
    assert text[first.offset :].startswith(first.text)
    assert first.text == "收到政府信息公开申请75件"
    assert first.sentence == "（二）依申请公开方面。" or "75件" in first.sentence
    assert second.keys == ("requests.granted.total", "requests.partially_granted.total")
    assert second.sentence == "予以公开及部分公开30件。"
    assert text[second.offset :].startswith(second.text)


def test_offsets_point_into_the_original_text_across_line_breaks() -> None:
    text = "2024 年，全市共受理政府信息公开申请 3119 件，答\n复 3050 件。"
    (received, handled) = claims(report_with(text, CITY))
    assert received.text == "受理政府信息公开申请 3119 件"
    assert handled.text == "答\n复 3050 件"
    assert text[handled.offset :].startswith("答\n复")


def test_sections_are_named() -> None:
    report = AnnualReport.empty(
        "2021",
        title=DISTRICT,
        intro="本年度收到政府信息公开申请5件。",
        problems=Section("五、存在的主要问题及改进情况", "上年结转申请1件办理时间较长。"),
        other_matters=Section("六、其他需要报告的事项", "结转下年度继续办理2件。"),
        extra_sections=(ExtraSection("七、其他", "制发规章1件。"),),
    )
    assert [(c.section, c.value) for c in claims(report)] == [
        ("intro", 5), ("problems", 1), ("other_matters", 2), ("extra_sections.0", 1)]


def test_keys_follow_the_edition() -> None:
    text = "制发规范性文件60件，废止规范性文件2件，其他处理3件。"
    c2019 = claims(report_with(text, edition="2019"))
    assert [c.keys for c in c2019] == [
        ("proactive.normative_documents.new_made",), (), ("requests.other_handling.total",)]
    assert c2019[0].alternatives == (("proactive.normative_documents.new_published",),)
    c2021 = claims(report_with(text))
    assert c2021[2].keys == (
        "requests.other_no_correction.total", "requests.other_no_fee_paid.total", "requests.other_other.total")
    single = report_with(text).with_cells({"requests.other_handling.total": 3})
    assert claims(single)[2].keys == ("requests.other_handling.total",)
    legacy = AnnualReport(edition="legacy", overview=Section("一、概述", text))
    assert all(c.keys == () and c.readings() == () for c in claims(legacy))


def test_scope_of_the_agency_own_level_is_its_own() -> None:
    # a 区 report's 全区 is itself (pingtan-2022); a 市 report's 全区 or a department's 全市 is not
    sentence = "2022年，全区收到政府信息公开申请75件。"
    assert claims(report_with(sentence, "平潭综合实验区2022年度政府信息公开工作年度报告"))[0].ambiguity is None
    assert claims(report_with(sentence, CITY))[0].ambiguity == "scope"
    assert claims(report_with("全市收到政府信息公开申请75件。", BUREAU))[0].ambiguity == "scope"
    assert claims(report_with(sentence, None))[0].ambiguity == "scope"
    agency_only = report_with(sentence, None, agency="某某区人民政府")
    assert claims(agency_only)[0].ambiguity is None


def test_ambiguity_reasons() -> None:
    assert claims(report_with("收到政府信息公开申请10件，其中，办结9件。"))[1].ambiguity == "part"
    assert claims(report_with("全年办理行政复议案件320件。"))[0].ambiguity == "topic"
    assert claims(report_with("收到和办结政府信息公开申请12件。"))[0].ambiguity == "joined"


def test_claims_rejects_what_is_not_a_report() -> None:
    with pytest.raises(TypeError):
        claims("收到政府信息公开申请75件")  # type: ignore[arg-type]


def test_no_prose_no_claims() -> None:
    assert claims(AnnualReport.empty("2021")) == ()


# ------------------------------------------------------------------ numbers


@pytest.mark.parametrize(
    ("text", "value"),
    [("258", 258), ("３１１９", 3119), ("3,119", 3119), ("十二", 12), ("一百零五", 105), ("两千", 2000),
     ("十", 10), ("二十", 20), ("一千零一", 1001), ("三万五千", 35000), ("两万零三百", 20300), ("零", 0),
     ("1.2万", 12000), ("2.5", None), ("一一", None), ("百", None), ("十百", None), ("", None)],
)
def test_read_number(text: str, value: int | None) -> None:
    assert read_number(text) == value


def test_sentences_split_at_full_stops() -> None:
    text = "一是加强。二是完善；三是推进！"
    assert [text[a:b] for a, b in split_sentences(text)] == ["一是加强。", "二是完善；", "三是推进！"]


# ------------------------------------------------------------------ table values and N.CLAIM


def test_table_value_takes_blank_totals_from_their_parts() -> None:
    report = AnnualReport.empty("2019").with_cells({
        "requests.granted.natural_person": 258, "requests.granted.commercial": 12,
        "requests.partially_granted.natural_person": 3,
    })
    assert table_sum(report, ("requests.granted.total", "requests.partially_granted.total")) == 273
    assert table_sum(report, ("requests.other_handling.total",)) is None  # all blank: nothing printed
    assert table_sum(report, ()) is None


def test_unreadable_cell_makes_the_table_value_unknown() -> None:
    from gov_disclosure import Unreadable

    report = AnnualReport.empty("2021").with_cells({"review_litigation.review.upheld": Unreadable("七")})
    assert table_sum(report, ("review_litigation.review.total",)) is None


def _check_claims(report: AnnualReport) -> list[Any]:
    return [f for f in prose_findings(report) if f.code == "N.CLAIM"]


def test_n_claim_names_both_values_and_the_sentence() -> None:
    report = report_with("全年受理政府信息公开申请80件。不予公开5件。").with_cells({
        "requests.new_received.total": 75, "requests.carried_over.total": 2,
        "requests.withheld_state_secret.total": 2, "requests.withheld_third_party.total": 3})
    (finding,) = _check_claims(report)
    assert finding.severity.value == "warning"
    assert (finding.printed, finding.computed, finding.difference) == (80, 75, 5)
    assert finding.cells == ("requests.new_received.total",)
    assert finding.detail == "全年受理政府信息公开申请80件。"
    assert finding.scope == "overview"


def test_received_may_count_the_carried_over_too() -> None:
    report = report_with("全区收到政府信息公开申请75件。").with_cells({
        "requests.new_received.total": 74, "requests.carried_over.total": 1})
    assert _check_claims(report) == []


def test_no_n_claim_from_ambiguous_or_unknown() -> None:
    # a department's 全市 figure, a blank table, a figure with no table
    report = report_with("全市共受理政府信息公开申请3119件。", BUREAU).with_cells({"requests.new_received.total": 10})
    assert _check_claims(report) == []
    assert _check_claims(report_with("予以公开20件。")) == []
    assert _check_claims(report_with("主动公开政府信息3256条。")) == []


def test_claim_mismatch_is_a_pure_function_of_the_report() -> None:
    from gov_disclosure.checks._context import CheckContext

    report = report_with("行政复议3件。信息公开行政复议3件。").with_cells({"review_litigation.review.total": 2})
    once = list(claim_mismatch(CheckContext.of(report)))
    assert once == list(claim_mismatch(CheckContext.of(report)))
    assert [f.printed for f in once] == [3]  # the first sentence does not say it is about disclosure


# ------------------------------------------------------------------ the corpus


def _between(text: str, start: str, end: str | None) -> str:
    a = text.index(start) + len(start)
    return text[a : text.index(end, a)] if end else text[a:]


def _text_report(name: str, headings: tuple[str, str, str, str]) -> AnnualReport:
    """A report of the corpus built by hand: the truth's values and the file's own prose."""
    truth = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))
    text = (CORPUS / truth["file"]).read_text(encoding="utf-8")
    one, two, five, six = headings
    report = report_from_truth(truth)
    return attrs.evolve(
        report,
        title=truth["title"],
        agency=truth["agency"],
        year=truth["year"],
        overview=Section(one, _between(text, one, two)),
        problems=Section(five, _between(text, five, six)),
        other_matters=Section(six, re.split(r"\n\S", _between(text, six, None).lstrip("\n"), maxsplit=1)[0]),
    )


@cache
def _huaian() -> AnnualReport:
    pypdfium2 = pytest.importorskip("pypdfium2")
    truth = json.loads((CORPUS / "huaian-2024.truth.json").read_text(encoding="utf-8"))
    pdf = pypdfium2.PdfDocument(CORPUS / "huaian-2024.pdf")
    try:  # PDFium's flat text: its line breaks as printed, no spaces it inferred
        text = "\n".join(page.get_textpage().get_text_range().replace("\r\n", "\n") for page in pdf)
    finally:
        pdf.close()
    report = report_from_truth(truth)
    five = "五、存在的主要问题及改进情况"
    return attrs.evolve(report, title=truth["title"], agency=truth["agency"], year=truth["year"],
                        overview=Section("一、总体情况", _between(text, "一、总体情况", "二、主动公开政府信息情况")),
                        problems=Section(five, _between(text, five, "六、")))


HAND_BUILT = {
    "zhongshan-office-2020": lambda: _text_report(
        "zhongshan-office-2020", ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况",
                                  "六、其他需要报告的事项")),
    "pingtan-2022": lambda: _text_report(
        "pingtan-2022", ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况",
                         "六、其他需要报告的事项")),
    "pingtan-2024": lambda: _text_report(
        "pingtan-2024", ("一、总体情况", "二、主动公开政府信息情况", "五、存在的主要问题及改进情况",
                         "六、其他需要报告的事项")),
    "huaian-2024": _huaian,
}


@pytest.mark.parametrize("name", sorted(HAND_BUILT))
def test_corpus_report_built_by_hand_gives_no_n_claim(name: str) -> None:
    report = HAND_BUILT[name]()
    assert claims(report), "the report's prose states figures"
    assert _check_claims(report) == []


def test_corpus_claims_are_the_ones_the_truth_notes_name() -> None:
    zhongshan = taken(claims(HAND_BUILT["zhongshan-office-2020"]()))
    assert zhongshan == Counter({"carried_over=48": 1, "received=176": 1})
    pingtan = taken(claims(HAND_BUILT["pingtan-2022"]()))
    assert {"received=75", "normative_in_force=698", "normative_issued=88", "review=2", "litigation=1"} <= set(pingtan)
    assert "normative_issued=62" in taken(claims(HAND_BUILT["pingtan-2024"]()))
    huaian = taken(claims(HAND_BUILT["huaian-2024"]()))
    assert {"received=3119", "handled=3050", "carried_over=34", "review=351", "litigation=46"} <= set(huaian)


def test_shanghai_gives_exactly_the_two_mismatches_its_truth_notes_describe() -> None:
    report = parse(CORPUS / "shanghai-office-2019.html").report
    found = sorted((f.printed, f.computed, f.cells) for f in _check_claims(report))
    assert found == [
        (258, 275, ("requests.granted.total", "requests.partially_granted.total")),
        (265, 337, ("requests.unavailable_not_held.total", "requests.unavailable_needs_creation.total",
                    "requests.unavailable_unclear.total")),
    ]


def test_shanghai_from_truth_values_and_parsed_prose_agree() -> None:
    parsed = parse(CORPUS / "shanghai-office-2019.html").report
    truth = json.loads((CORPUS / "shanghai-office-2019.truth.json").read_text(encoding="utf-8"))
    hand = attrs.evolve(report_from_truth(truth), agency=truth["agency"], overview=parsed.overview)
    assert [(f.printed, f.computed) for f in _check_claims(hand)] == [(258, 275), (265, 337)]


def test_corpus_path_exists() -> None:
    assert Path(CORPUS / "shanghai-office-2019.html").is_file()


# ------------------------------------------------------------------ the corpus, end to end

#: Corpus files and the N.CLAIM findings their truth notes describe (stated, table value).
PARSED_EXPECTED = {
    "shanghai-office-2019.html": [(258, 275), (265, 337)],
    "zhongshan-office-2020.txt": [],
    "pingtan-2022.txt": [],
    "pingtan-2024.txt": [],
    "pingtan-2018-legacy.txt": [],
    "huaian-2024.pdf": [],
}


@pytest.mark.parametrize("name", sorted(PARSED_EXPECTED))
def test_parsed_corpus_report_gets_exactly_its_n_claims(name: str) -> None:
    report = parse(CORPUS / name).report
    assert sorted((f.printed, f.computed) for f in _check_claims(report)) == PARSED_EXPECTED[name]


def test_parsed_pingtan_2022_own_district_figures_are_claims() -> None:
    report = parse(CORPUS / "pingtan-2022.txt").report
    got = {(c.subjects[0].value, c.value): c for c in claims(report)}
    received = got[("received", 75)]
    assert received.ambiguity is None  # 全区 in the 区's own report
    assert received.table_value(report) == 74
    assert received.table_value(report, received.alternatives[0]) == 75  # new + carried over


# ------------------------------------------------------------------ any text


_PIECES = st.sampled_from([
    "收到", "受理", "新收", "办结", "答复", "上年结转", "结转下年度", "予以公开", "及", "部分公开", "不予公开",
    "无法提供", "行政复议", "行政诉讼", "制发", "规范性文件", "主动公开政府信息", "政府信息公开申请", "其中", "全区",
    "全市", "同比增加", "，", "。", "；", "\n", " ", "十二", "一百零五", "两千", "２１８", "75", "3,119", "件", "条",
    "余", "%", "2023年", "（", "）",
])


@settings(max_examples=60, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_any_text_gives_well_formed_claims(text: str) -> None:
    report = report_with(text).with_cells({"requests.new_received.total": 7})
    for claim in claims(report):
        assert text[claim.offset :].startswith(claim.text)
        assert claim.text in claim.sentence
        assert claim.value >= 0
        assert claim.ambiguity in (None, "scope", "part", "topic", "joined", "year")
    for finding in prose_findings(report):
        assert finding.code in ("N.CLAIM", "Q.FEES_SILENT", "Q.PROBLEMS_EMPTY")


def test_long_unpunctuated_text_stays_fast() -> None:
    import time

    for text in ("收到政府信息公开申请1件" * 4000, "其中予以公开1件、" * 4000, "予以公开及" * 20000 + "1件"):
        start = time.perf_counter()
        found = claims(report_with(text))
        assert time.perf_counter() - start < 5.0
        assert found
