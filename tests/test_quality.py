"""Quality of the prose: Q.PROBLEMS_EMPTY, Q.FEES_SILENT, Q.COPIED_PROSE and copied_fraction."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gov_disclosure import AnnualReport, ExtraSection, Section
from gov_disclosure.checks._context import CheckContext
from gov_disclosure.checks._prose_rules import copied_prose, fees_silent, problems_empty, prose_findings
from gov_disclosure.checks._series import SeriesContext
from gov_disclosure.prose import copied_fraction
from gov_disclosure.prose._quality import SHINGLE, is_empty_section, report_prose

FIVE = "五、存在的主要问题及改进情况"
SIX = "六、其他需要报告的事项"

PARAGRAPHS = (
    "本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作，聚焦社会关切，不断提高政府工作透明度。",
    "全年通过政府门户网站主动公开政府信息3256条，制发行政规范性文件12件，做好政策解读和回应关切工作。",
    "规范依申请公开办理流程，严格落实登记、审核、办理、答复、归档各环节要求，确保在法定期限内答复。",
    "加强政府信息公开平台建设，优化网站栏目设置，提升政务新媒体运营管理水平，推动信息发布规范化。",
    "一是主动公开的深度和广度有待加强；二是政策解读形式较为单一；三是工作人员业务能力仍需提升。",
    "下一步，将加强业务培训，完善工作机制，强化监督考核，推动政务公开工作再上新台阶。",
)


def report(year: int = 2023, *, edition: str = "2021", overview: str = "", problems: str | None = None,
           six: str | None = None, **fields: object) -> AnnualReport:
    return AnnualReport.empty(
        edition,
        year=year,
        overview=Section("一、总体情况", overview) if overview else None,
        problems=Section(FIVE, problems) if problems is not None else None,
        other_matters=Section(SIX, six) if six is not None else None,
        **fields,
    )


# ------------------------------------------------------------------ Q.PROBLEMS_EMPTY


@pytest.mark.parametrize("text", ["", "无", "无。", "  暂无。 ", "没有。", "本年度无。", "（无）"])
def test_empty_section(text: str) -> None:
    assert is_empty_section(text)
    (f,) = problems_empty(CheckContext.of(report(problems=text)))
    assert (f.code, f.severity.value, f.scope, f.year) == ("Q.PROBLEMS_EMPTY", "info", "problems", 2023)


@pytest.mark.parametrize("text", [PARAGRAPHS[4], "无明显问题，下一步将继续加强培训。", "一是无。"])
def test_section_with_content_is_not_empty(text: str) -> None:
    assert not is_empty_section(text)
    assert list(problems_empty(CheckContext.of(report(problems=text)))) == []


def test_problems_empty_skips_absent_section_and_legacy() -> None:
    assert list(problems_empty(CheckContext.of(report()))) == []
    legacy = AnnualReport(edition="legacy", problems=Section(FIVE, "无。"))
    assert list(problems_empty(CheckContext.of(legacy))) == []


# ------------------------------------------------------------------ Q.FEES_SILENT


def test_fees_silent_in_a_2021_report() -> None:
    (f,) = fees_silent(CheckContext.of(report(six="无。")))
    assert (f.code, f.severity.value, f.scope, f.detail) == ("Q.FEES_SILENT", "info", "other_matters", "无。")


@pytest.mark.parametrize(
    "r",
    [
        report(six="本年度无收取信息处理费情况。"),
        report(six="收取信息处理费3件，共计1200元。"),
        report(six="无。", extra_sections=(ExtraSection("七、其他", "本年度未收取信息处理费。"),)),
        report(edition="2019", year=2020, six="无。"),  # the 2019 format did not ask for it
        report(),  # no section 六 at all: S.SECTION_MISSING says so
    ],
    ids=["none-charged", "charged", "in-section-seven", "2019-edition", "no-section-six"],
)
def test_fees_not_silent(r: AnnualReport) -> None:
    assert list(fees_silent(CheckContext.of(r))) == []


def test_prose_findings_gathers_the_report_rules() -> None:
    r = report(overview="全年受理政府信息公开申请80件。", problems="无", six="无").with_cells(
        {"requests.new_received.total": 75})
    assert [f.code for f in prose_findings(r)] == ["N.CLAIM", "Q.PROBLEMS_EMPTY", "Q.FEES_SILENT"]


# ------------------------------------------------------------------ copied_fraction


def test_identical_and_disjoint() -> None:
    text = "".join(PARAGRAPHS)
    assert copied_fraction(text, text) == 1.0
    assert copied_fraction(text, "这是完全不同的一段文字，讲的是另外一件事情，没有任何相同的表述。" * 3) == 0.0


def test_digits_and_layout_do_not_hide_copying() -> None:
    a = "2022年，全年主动公开政府信息3256条。\n" + PARAGRAPHS[2]
    b = "2023年，全年主动公开政府信息 4102 条。" + PARAGRAPHS[2]
    assert copied_fraction(a, b) == 1.0


def test_half_copied() -> None:
    a = PARAGRAPHS[0] + PARAGRAPHS[4]
    b = PARAGRAPHS[0] + PARAGRAPHS[5]
    assert copied_fraction(a, b) == pytest.approx(len(PARAGRAPHS[0]) / len(a), abs=0.02)


def test_short_texts_share_nothing() -> None:
    assert copied_fraction("无", "无") == 0.0
    assert copied_fraction("x" * (SHINGLE - 1), "x" * 100) == 0.0


def test_fast_on_long_texts() -> None:
    a = "".join(PARAGRAPHS) * 60  # about 20 000 characters
    b = "".join(reversed(PARAGRAPHS)) * 60
    assert len(a) >= 15_000
    start = time.perf_counter()
    fraction = copied_fraction(a, b)
    assert time.perf_counter() - start < 1.0
    assert fraction > 0.9


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet="政府信息公开申请办理答复年度报告一二三", max_size=300), st.text(max_size=300))
def test_fraction_is_a_fraction(a: str, b: str) -> None:
    assert 0.0 <= copied_fraction(a, b) <= 1.0
    assert copied_fraction(a, a) in (0.0, 1.0)


# ------------------------------------------------------------------ Q.COPIED_PROSE


def test_copied_prose_across_the_series() -> None:
    body = "\n".join(PARAGRAPHS[:4])
    y2022 = report(2022, overview=body, problems=PARAGRAPHS[4], six="无收取信息处理费情况。", title="某某局2022年报告")
    y2023 = report(2023, overview=body.replace("3256", "4100"), problems=PARAGRAPHS[4], six="无收取信息处理费情况。")
    y2024 = report(2024, overview="本年度工作围绕营商环境展开，各项任务均已完成，群众满意度显著提升。" * 8,
                   problems=PARAGRAPHS[5], six="未收取信息处理费。")
    findings = list(copied_prose(SeriesContext.of([y2024, y2023, y2022])))
    assert [(f.code, f.year, f.severity.value) for f in findings] == [
        ("Q.COPIED_PROSE", 2023, "warning"), ("Q.COPIED_PROSE", 2022, "warning")]
    assert findings[1].detail == "2023"
    assert findings[0].detail == "2022 某某局2022年报告"
    assert findings[0].computed is not None
    assert 90 < findings[0].computed <= 100


def test_short_prose_is_not_compared() -> None:
    a, b = report(2022, six="无。", problems="无。"), report(2023, six="无。", problems="无。")
    assert list(copied_prose(SeriesContext.of([a, b]))) == []


def test_report_prose_leaves_out_the_preamble() -> None:
    r = report(overview="总体情况。", problems="问题。", six="无。", intro="本报告根据《条例》编制。")
    assert report_prose(r) == "总体情况。\n问题。\n无。"


@pytest.mark.parametrize("name", ["_claims", "_fees", "_quality", "_numerals"])
def test_prose_docstring_examples_run(name: str) -> None:
    import doctest
    import importlib

    module = importlib.import_module(f"gov_disclosure.prose.{name}")
    result = doctest.testmod(module)
    assert result.attempted > 0
    assert result.failed == 0


def test_the_same_report_twice_is_not_copied_prose() -> None:
    body = "\n".join(PARAGRAPHS)
    one = report(2023, overview=body, problems=PARAGRAPHS[4], six="未收取信息处理费。")
    assert list(copied_prose(SeriesContext.of([one, one]))) == []
