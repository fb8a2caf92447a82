"""The 信息处理费 statement of section 六 as data."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from gov_disclosure import AnnualReport, ExtraSection, Section, parse
from gov_disclosure.prose import FeeStatement, fee_statement
from gov_disclosure.prose._fees import mentions_fee
from helpers import CORPUS

SIX = "六、其他需要报告的事项"

# (section 六 as printed, charged, amount in 元, cases); charged None: the report says nothing.
STATEMENTS: list[tuple[str, bool | None, Decimal | None, int | None]] = [
    ("2022年，无收取信息处理费情况。", False, None, None),
    ("本年度未收取信息处理费。", False, None, None),
    ("收取信息处理费 0 元。", False, Decimal(0), None),
    ("本机关没有收取信息处理费。", False, None, None),
    ("不存在收取信息处理费的情况。", False, None, None),
    ("本年度未发出收费通知,未收取信息处理费。", False, None, None),
    ("本年度收取信息处理费情况：无。", False, None, None),
    ("本机关本年度不涉及收取信息处理费。", False, None, None),
    ("2023年，本机关未向申请人收取任何费用。", False, None, None),
    ("收取信息处理费0件，0元。", False, Decimal(0), 0),
    ("依法免收信息处理费。", False, None, None),
    ("发出收费通知3件，申请人均未缴费，未收取信息处理费。", False, None, None),
    ("本年度发出收费通知0件，收取信息处理费0元。", False, Decimal(0), None),
    ("依规收取信息处理费。", None, None, None),  # neither an amount nor "none": says nothing usable
    ("收取信息处理费3件，共计1200元。", True, Decimal(1200), 3),
    ("本机关共发出收费通知2件，收取信息处理费共计0.15万元。", True, Decimal(1500), None),
    ("依据《政府信息公开信息处理费管理办法》向2名申请人收取信息处理费共计300元。", True, Decimal(300), None),
    ("全年共收取信息处理费两件，合计四百元。", True, Decimal(400), 2),
    ("收取信息处理费３件，共计１５０元。", True, Decimal(150), 3),
    ("无。", None, None, None),
    ("其他需要报告的事项：无。", None, None, None),
    ("本年度发布行政事业性收费信息3条。", None, None, None),
    ("一是加强培训；二是完善制度。", None, None, None),
]


def with_six(text: str) -> AnnualReport:
    return AnnualReport.empty("2021", other_matters=Section(SIX, text))


@pytest.mark.parametrize(("text", "charged", "amount", "cases"), STATEMENTS, ids=[s[0][:12] for s in STATEMENTS])
def test_statement(text: str, charged: bool | None, amount: Decimal | None, cases: int | None) -> None:
    got = fee_statement(with_six(text))
    if charged is None:
        assert got is None
        return
    assert got is not None
    assert (got.charged, got.amount_yuan, got.cases) == (charged, amount, cases)
    assert got.section == "other_matters"
    assert got.sentence in text


def test_sentence_is_the_one_about_the_fee() -> None:
    text = "本年度无其他需要报告的事项。\n2023年，本机关未收取信息处理费。"
    got = fee_statement(with_six(text))
    assert got == FeeStatement(charged=False, sentence="2023年，本机关未收取信息处理费。", section="other_matters")


def test_no_section_six_says_nothing() -> None:
    assert fee_statement(AnnualReport.empty("2021")) is None


def test_a_later_section_may_carry_it() -> None:
    report = AnnualReport.empty("2021", other_matters=Section(SIX, "无。"),
                                extra_sections=(ExtraSection("七、其他", "本年度未收取信息处理费。"),))
    got = fee_statement(report)
    assert got is not None
    assert (got.charged, got.section) == (False, "extra_sections.0")


def test_fee_only_from_section_six_not_from_the_overview() -> None:
    report = AnnualReport.empty("2021", overview=Section("一、总体情况", "未收取信息处理费。"))
    assert fee_statement(report) is None


def test_mentions_fee() -> None:
    assert mentions_fee("本年度未发出收费通知。")
    assert mentions_fee("无收取信息处理费情况")
    assert not mentions_fee("行政事业性收费信息3条")
    assert not mentions_fee("无。")


def test_rejects_what_is_not_a_report() -> None:
    with pytest.raises(TypeError):
        fee_statement("无收取信息处理费情况")  # type: ignore[arg-type]


def _six_of(name: str) -> AnnualReport:
    """Section 六 of a corpus text file, cut out by hand (until the text parser reads these files)."""
    truth = json.loads((CORPUS / f"{name}.truth.json").read_text(encoding="utf-8"))
    text = (CORPUS / truth["file"]).read_text(encoding="utf-8")
    six = text[text.index(SIX) + len(SIX) :].strip().split("\n", 1)[0]
    return with_six(six)


@pytest.mark.parametrize("name", ["zhongshan-office-2020", "pingtan-2024", "pingtan-2022"])
def test_corpus_reports_charged_nothing(name: str) -> None:
    got = fee_statement(_six_of(name))
    assert got is not None
    assert got.charged is False
    assert "信息处理费" in got.sentence


@pytest.mark.parametrize("name", ["zhongshan-office-2020.txt", "pingtan-2024.txt", "pingtan-2022.txt"])
def test_parsed_corpus_reports_charged_nothing(name: str) -> None:
    got = fee_statement(parse(CORPUS / name).report)
    assert got is not None
    assert (got.charged, got.amount_yuan, got.cases, got.section) == (False, None, None, "other_matters")


def test_parsed_shanghai_says_nothing_of_fees() -> None:
    assert fee_statement(parse(CORPUS / "shanghai-office-2019.html").report) is None


def test_parsed_huaian_charged_a_fee() -> None:
    got = fee_statement(parse(CORPUS / "huaian-2024.pdf").report)
    assert got is not None
    assert (got.charged, got.amount_yuan, got.cases) == (True, Decimal(3940), None)
    assert got.sentence.endswith("全年收取政府信息公开信息处理费3940元。")
