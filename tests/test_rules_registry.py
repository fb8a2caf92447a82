"""The rule registry: every rule registered, uniquely coded, documented, exemplified in docs/rules.md."""

from __future__ import annotations

import inspect
import re
import types
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

import gov_disclosure.checks
from gov_disclosure import (
    AnnualReport,
    Location,
    ParseResult,
    Placeholder,
    Problem,
    ProblemSeverity,
    Section,
    Unreadable,
)
from gov_disclosure.checks import RULES, Finding, Rule, RuleScope, Severity, check, check_series
from gov_disclosure.checks._messages import TEMPLATES
from gov_disclosure.checks._rules import REPORT_RULES
from gov_disclosure.checks._series import SERIES_RULES

ROOT = Path(__file__).resolve().parents[1]
FORMAT = ROOT / "tests" / "spec" / "FORMAT.md"
DOCS = ROOT / "docs" / "rules.md"
#: FORMAT.md codes that another issue registers (none left: N.CLAIM came with issue 9).
PENDING: set[str] = set()


def normalise(text: str) -> str:
    return " ".join(text.split())


# ------------------------------------------------------------------ one example per code


def _report(**metadata: object) -> AnnualReport:
    return AnnualReport.empty("2021", **{"year": 2023, "agency": "某某市人民政府办公室", **metadata})


def _requests_typo() -> tuple[Finding, ...]:
    # （一）予以公开: 4 natural persons + 1 enterprise printed with a row total of 6.
    return check(_report().with_cells({
        "requests.new_received.natural_person": 4, "requests.new_received.commercial": 1,
        "requests.new_received.total": 5,
        "requests.granted.natural_person": 4, "requests.granted.commercial": 1, "requests.granted.total": 6,
        "requests.total_handled.natural_person": 4, "requests.total_handled.commercial": 1,
        "requests.total_handled.total": 5,
    }))


def _balance() -> tuple[Finding, ...]:
    # one application carried forward, but the 总计 column of 四、结转 left at 0
    return check(_report().with_cells({
        "requests.new_received.natural_person": 5, "requests.new_received.total": 5,
        "requests.granted.natural_person": 4, "requests.granted.total": 4,
        "requests.total_handled.natural_person": 4, "requests.total_handled.total": 4,
        "requests.carried_forward.natural_person": 1, "requests.carried_forward.total": 0,
    }))


def _series_carry() -> tuple[Finding, ...]:
    y2022 = _report(year=2022).with_cells({"requests.carried_forward.natural_person": 5,
                                           "requests.carried_forward.total": 5})
    y2023 = _report().with_cells({"requests.carried_over.natural_person": 5, "requests.carried_over.total": 3})
    return check_series([y2023, y2022])


def _table_unread() -> tuple[Finding, ...]:
    # the parser saw section 三's heading on line 12 but read no value of its table
    unread = Problem("TEXT.TABLE_UNREAD", ProblemSeverity.WARNING,
                     {"heading": "三、收到和处理政府信息公开申请情况", "text": "三、收到和处理政府信息公开申请情况"},
                     Location(key="requests", line=12), raw="三、收到和处理政府信息公开申请情况")
    return check(ParseResult(attrs.evolve(_report(), requests=None), (unread,)))


EXAMPLES: dict[str, Callable[[], tuple[Finding, ...]]] = {
    "S.LEGACY": lambda: check(AnnualReport.empty("legacy", year=2017)),
    "S.NOTHING_CHECKED": lambda: check(_report()),
    "S.TABLE_NOT_ASSESSED": _table_unread,
    "S.EDITION_YEAR": lambda: check(AnnualReport.empty("2019", year=2022)),
    "S.TABLE_MISSING": lambda: check(attrs.evolve(_report(), requests=None)),
    "S.TABLE_EMPTY": lambda: check(_report()),
    "S.SECTION_MISSING": lambda: check(_report(overview=Section("一、总体情况", "…"))),
    "S.NO_PROSE": lambda: check(_report()),
    "VALUE.NEGATIVE": lambda: check(_report().with_cells({"proactive.regulations.issued": -1})),
    "VALUE.PLACEHOLDER": lambda: check(_report().with_cells({"review_litigation.review.corrected": Placeholder("/")})),
    "VALUE.UNREADABLE": lambda: check(_report().with_cells({"review_litigation.review.upheld": Unreadable("十")})),
    "T3.BALANCE": _balance,
    "T3.RESULT_SUM": _requests_typo,
    "T3.ROW_TOTAL": _requests_typo,
    "T4.BLOCK_SUM": lambda: check(_report().with_cells({
        "review_litigation.review.upheld": 10, "review_litigation.review.corrected": 1,
        "review_litigation.review.total": 0})),
    "T.NOT_ASSESSABLE": lambda: check(_report().with_cells({
        "review_litigation.review.upheld": 2, "review_litigation.review.pending": 1})),
    "X.NO_YEAR": lambda: check_series([_report(), _report(year=None, title="某某局2023年度报告")]),
    "X.DUPLICATE_YEAR": lambda: check_series([_report(title="A"), _report(title="B")]),
    "X.GAP": lambda: check_series([_report(year=2020), _report()]),
    "X.CARRY_OVER": _series_carry,
    "X.IN_FORCE": lambda: check_series([
        _report(year=2022).with_cells({"proactive.regulations.in_force": 11}),
        _report().with_cells({"proactive.regulations.in_force": 11, "proactive.regulations.issued": 1})]),
    "X.TOTAL_PUBLISHED": lambda: check_series([
        AnnualReport.empty("2019", year=2019).with_cells({"proactive.regulations.total_published": 520}),
        AnnualReport.empty("2019", year=2020).with_cells({"proactive.regulations.total_published": 524,
                                                          "proactive.regulations.new_published": 13})]),
    "N.CLAIM": lambda: check(_report(overview=Section("一、总体情况", "全年受理政府信息公开申请80件。")).with_cells(
        {"requests.new_received.natural_person": 75, "requests.new_received.total": 75})),
    "Q.PROBLEMS_EMPTY": lambda: check(_report(problems=Section("五、存在的主要问题及改进情况", "无。"))),
    "Q.FEES_SILENT": lambda: check(_report(other_matters=Section("六、其他需要报告的事项", "无。"))),
    "Q.COPIED_PROSE": lambda: check_series([
        _report(year=year, overview=Section("一、总体情况", "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，"
                                             "持续深化政务公开，不断提升政府工作透明度。" * 5))
        for year in (2022, 2023)]),
}


def example(code: str) -> Finding:
    """The documented example finding of ``code``."""
    return next(f for f in EXAMPLES[code]() if f.code == code)


# ------------------------------------------------------------------ the registry itself


def test_codes_are_unique() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))


def test_registry_is_an_immutable_tuple_of_rules() -> None:
    assert isinstance(RULES, tuple)
    assert all(isinstance(r, Rule) for r in RULES)
    assert RULES == REPORT_RULES + SERIES_RULES
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        RULES[0].code = "X"  # type: ignore[misc]


def test_every_invariant_of_format_md_is_registered() -> None:
    table = FORMAT.read_text(encoding="utf-8").split("## Invariants", 1)[1]
    documented = set(re.findall(r"^\| `([A-Z0-9]+\.[A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert documented
    assert documented - PENDING <= {r.code for r in RULES}


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_is_documented(rule: Rule) -> None:
    assert re.fullmatch(r"[A-Z0-9]+\.[A-Z_]+", rule.code)
    assert isinstance(rule.severity, Severity)
    assert rule.title
    assert rule.title_zh
    assert rule.basis in {"official", "implied", "structural", "heuristic"}
    doc = inspect.getdoc(rule.function)
    assert doc is not None
    assert doc.startswith(rule.code), "the docstring names the code it enforces"
    assert normalise(rule.text) in normalise(doc), "the docstring quotes the rule"
    if rule.source == "FORMAT.md":
        assert normalise(rule.text) in normalise(FORMAT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_rule_has_messages_in_both_languages(rule: Rule) -> None:
    assert set(TEMPLATES[rule.code]) == {"zh", "en"}


def test_scopes() -> None:
    assert {r.scope for r in REPORT_RULES} == {RuleScope.REPORT}
    assert {r.scope for r in SERIES_RULES} == {RuleScope.SERIES}


def test_every_code_has_an_example() -> None:
    assert set(EXAMPLES) == {r.code for r in RULES}, "add an example (and a docs/rules.md entry) for each rule"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_has_the_rule_severity_and_a_clean_message(rule: Rule) -> None:
    f = example(rule.code)
    assert f.severity is rule.severity
    for text in (f.message(), f.message_en):
        assert "{" not in text
        assert "None" not in text


def test_no_process_global_mutable_state() -> None:
    for module in (gov_disclosure.checks, *[getattr(gov_disclosure.checks, n) for n in dir(gov_disclosure.checks)
                                            if isinstance(getattr(gov_disclosure.checks, n), types.ModuleType)]):
        for name, value in vars(module).items():
            if name.startswith("__"):
                continue
            assert not isinstance(value, (list, dict, set, bytearray)), f"{module.__name__}.{name} is mutable"


# ------------------------------------------------------------------ docs/rules.md


def test_docs_list_every_rule_with_its_example() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    for rule in RULES:
        assert f"## `{rule.code}`" in docs, f"docs/rules.md has no section for {rule.code}"
        f = example(rule.code)
        assert str(f) in docs, f"docs/rules.md does not show the current example of {rule.code}"
        assert f.message_en in docs
    assert render_docs_entries() in docs, "regenerate the rule sections of docs/rules.md from render_docs_entries()"


def render_docs_entries() -> str:
    """The per-rule part of docs/rules.md, as the registry and the examples give it."""
    out = []
    for rule in RULES:
        f = example(rule.code)
        quoted = "FORMAT.md" if rule.source == "FORMAT.md" else "this library"
        out += [
            f"## `{rule.code}` — {rule.title}",
            "",
            f"{rule.title_zh}. Severity **{rule.severity.value}**; {rule.scope.value} rule; basis: {rule.basis}.",
            "",
            f"> {rule.text}",
            ">",
            f"> — {quoted}",
            "",
            "Example:",
            "",
            "```text",
            str(f),
            f.message_en,
            "```",
            "",
            f"Cells: {', '.join(f'`{c}`' for c in f.cells) if f.cells else '—'}"
            + (f"; repair: `{f.repair}`" if f.repair else "")
            + (f"; candidates: {', '.join(f'`{r}`' for r in f.repairs)}" if f.ambiguous else ""),
            "",
        ]
    return "\n".join(out)


def test_docs_python_examples_run() -> None:
    blocks = re.findall(r"```python\n(.*?)```", DOCS.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert blocks
    for block in blocks:
        exec(compile(block, str(DOCS), "exec"), {})
