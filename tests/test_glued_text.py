"""Sections and tables found wherever they are: crawler dumps whose whole body is one line.

Generated reports of both editions are rendered as text (the project's text renderer) and
every separator of the body is removed: the whole body is one line, with nothing between a
label, a heading or a value and the word before it. The headings are then glued after a
digit, a unit (件, 万元), a closing bracket or a label, reworded, misnumbered, broken or
left out. Every cell must come back exactly, or be named by a ``SPLIT.AMBIGUOUS`` problem
whose candidates include the truth; a table section is found by its own anchors (caption,
勾稽 note, applicant header, row labels) when its heading is not.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from gov_disclosure.model import EDITIONS, AnnualReport, CellValue, Edition
from gov_disclosure.parsers import ParseResult
from gov_disclosure.parsers._prose import split_sections
from gov_disclosure.parsers._text import parse_text
from gov_disclosure.renderers import render
from gov_disclosure.testing import reports
from helpers import CORPUS, load_truth, report_from_truth, truth_files
from test_text_parser import one_cell_per_line

TABLES = ("proactive", "requests", "review_litigation")
HEADINGS = {s.key: s.heading for s in EDITIONS[Edition.V2021].sections}
# Still read as the section by its words / read by no words at all (the anchors place the table).
REWORDED = {"proactive": "二、政府信息主动公开情况", "requests": "三、依申请公开政府信息情况",
            "review_litigation": "四、行政复议和行政诉讼情况"}
UNREADABLE = {"proactive": "二、公开的政府信息", "requests": "三、申请的办理情况", "review_litigation": "四、救济途径"}
# What may stand right before a heading that follows a table: its last value, with a unit,
# a closing bracket, or a label of its own.
AFTER_TABLE = ("", "unit", "）", "】", "说明")


def national(**options: bool) -> st.SearchStrategy[AnnualReport]:
    return st.sampled_from([Edition.V2019, Edition.V2021]).flatmap(
        lambda ed: reports(edition=ed, blanks=False, placeholders=False, **options))


def one_line(report: AnnualReport) -> str:
    """The report as the project renders it, its body (after the header block) on one line
    with every space and line break removed."""
    lines = render(report, "text").split("\n")
    end = next(i for i, line in enumerate(lines) if line.startswith("发布日期"))
    return "\n".join(lines[: end + 1]) + "\n" + re.sub(r"\s+", "", "\n".join(lines[end + 1 :])) + "\n"


def _heading(key: str, how: str) -> str:
    form = HEADINGS[key]
    if how == "reworded":
        return REWORDED[key]
    if how == "unreadable":
        return UNREADABLE[key]
    if how == "misnumbered":
        return "七" + form[1:]
    if how == "broken":  # 三收到和处理…: no marker left
        return form[0] + form[2:]
    if how == "missing":
        return ""
    return form


def _before(glue: str, previous: str, report: AnnualReport) -> str:
    """The text glued before a heading that follows the table ``previous``."""
    if glue != "unit":
        return glue
    cells = report.cells()
    last = [k for k in cells if k.startswith(previous + ".")][-1]
    return "万元" if isinstance(cells[last], Decimal) else "件"


@st.composite
def glued_reports(draw: st.DrawFn) -> tuple[AnnualReport, str, dict[str, str]]:
    """A report, its one-line text with every heading glued and varied, and how each was varied."""
    report = draw(national())
    text = one_line(report)
    variants: dict[str, str] = {}
    previous = None
    for key in ("proactive", "requests", "review_litigation", "problems", "other_matters"):
        form = HEADINGS[key]
        if key in TABLES:
            how = draw(st.sampled_from(["form", "reworded", "misnumbered", "broken", "missing", "unreadable"]))
        else:
            how = "form"
        variants[key] = how
        new = _heading(key, how)
        if previous in TABLES:
            new = _before(draw(st.sampled_from(AFTER_TABLE)), previous, report) + new
        elif draw(st.booleans()):  # the prose before it ends without a full stop
            text = text.replace("。" + form, form, 1)
        text = text.replace(form, new, 1)
        previous = key
    return report, text, variants


def _named(result: ParseResult, key: str, want: CellValue) -> bool:
    return any(p.code == "SPLIT.AMBIGUOUS" and any(c.get(key) == want for c in p.candidates)
               for p in result.problems)


def _assert_values(result: ParseResult, want: Mapping[str, CellValue]) -> None:
    got = result.report.cells()
    for key, value in want.items():
        if got.get(key, "<missing>") != value:
            assert _named(result, key, value), (key, got.get(key, "<missing>"), value,
                                                [str(p) for p in result.problems])


def _prose(text: str) -> str:
    return re.sub(r"[\s。]", "", text)


@given(national())
def test_one_line_body_parses_back(report: AnnualReport) -> None:
    result = parse_text(one_line(report))
    assert result.report.edition is report.edition
    _assert_values(result, report.cells())
    for key in ("overview", "problems", "other_matters"):
        want, got = getattr(report, key), getattr(result.report, key)
        # an extra section (七、其他) glued to its text cannot be told from it: it stays in 六
        assert got is not None, key
        assert _prose(got.text).startswith(_prose(want.text)), key
    assert (result.report.title, result.report.published) == (report.title, report.published)


@given(glued_reports())
def test_glued_varied_headings_every_table_found(case: tuple[AnnualReport, str, dict[str, str]]) -> None:
    report, text, variants = case
    result = parse_text(text)
    assert result.report.edition is report.edition
    _assert_values(result, report.cells())
    assert not {p.code for p in result.problems} & {"TEXT.TABLE_MISSING", "TEXT.TABLE_UNREAD", "TEXT.NO_SECTIONS"}
    for key in ("overview", "problems", "other_matters"):
        want, got = getattr(report, key), getattr(result.report, key)
        # a heading left in the prose (二主动公开… after the overview) is the prose's
        assert got is not None, (key, variants)
        assert _prose(got.text).startswith(_prose(want.text)), (key, got, variants)


@given(national(), st.sampled_from(TABLES))
def test_a_table_without_its_heading_is_placed_by_its_anchors(report: AnnualReport, table: str) -> None:
    body = one_line(report).split("\n")[-2].replace(HEADINGS[table], "", 1)
    layout = split_sections([body], anchored_tables=True)
    assert table in layout.anchored
    assert table not in dict(layout.headings)
    start = layout.tables[table].start
    assert layout.seen[table] == start
    first = {"proactive": "第二十条", "requests": "（本列数据的勾稽关系", "review_litigation": "行政复议"}[table]
    assert layout.lines[start].startswith(first)
    # without the text parser's opt-in (HTML, Word: their tables are grids) nothing is placed
    assert split_sections([body]).anchored == ()


def test_headings_glued_after_digits_units_brackets_and_labels() -> None:
    for before in ("0", "71.19万元", "件", "（单位：件）", "】", "政府集中采购", "Total"):
        line = (f"一、总体情况全年公开10条。二、主动公开政府信息情况第二十条规章000{before}"
                "三、收到和处理政府信息公开申请情况申请人情况")
        layout = split_sections([line])
        assert [key for key, _ in layout.headings] == ["overview", "proactive", "requests"], before
        assert layout.table_headings["requests"] == "三、收到和处理政府信息公开申请情况"


def test_prose_mentioning_section_words_is_no_heading() -> None:
    lines = [
        "本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议、"
        "行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项等六个部分。",
        "一、总体情况",
        "全年共收到申请74件，其中自然人71件、法人或其他组织3件；予以公开21件，部分公开3件，不予公开5件。"
        "进一步统一、规范依申请公开工作。",
    ]
    layout = split_sections(lines, anchored_tables=True)
    assert layout.headings == (("overview", 1),)
    assert layout.anchored == ()
    assert dict(layout.tables) == {}
    assert layout.sections["overview"].text == lines[2]


def test_a_glued_marker_inside_prose_is_no_heading() -> None:
    # 统一、规范依申请公开: glued, naming a section, but under no ordinal the form would give it
    line = "一、总体情况本年度进一步统一、规范依申请公开工作。二、主动公开政府信息情况第二十条规章000"
    layout = split_sections([line])
    assert [key for key, _ in layout.headings] == ["overview", "proactive"]


def test_one_line_versions_of_the_corpus_reports_are_exact_or_flagged() -> None:
    """Each corpus report's values (its truth file), rendered and glued into one line — blanks,
    placeholders and the publishers' own errors included: every value exact, or flagged."""
    checked = 0
    for path in truth_files():
        truth = load_truth(path)
        if truth["edition"] == "legacy":
            continue
        year = truth["year"]
        report = attrs.evolve(report_from_truth(truth), year=year,
                              title=truth["title"] or f"某某局{year}年度政府信息公开工作年度报告",
                              agency=truth["agency"] or "某某局",
                              published=dt.date.fromisoformat(truth["published"] or f"{year + 1}-01-31"))
        result = parse_text(one_line(report))
        want = report.cells()
        got = result.report.cells()
        flagged = {k for p in result.problems if p.code.startswith("SPLIT.") for k in want if k in str(p)}
        wrong = [k for k, v in want.items() if got.get(k, "<missing>") != v and k not in flagged]
        assert not wrong, (path.name, [(k, got.get(k), want[k]) for k in wrong][:10])
        checked += len(want)
    assert checked >= 900


def test_one_line_corpus_text_files_read_exactly() -> None:
    """The corpus text files themselves, every line break and space removed."""
    for name in ("zhongshan-office-2020", "pingtan-2022", "pingtan-2024"):
        truth = load_truth(CORPUS / f"{name}.truth.json")
        text = (CORPUS / truth["file"]).read_text(encoding="utf-8")
        result = parse_text(re.sub(r"\s+", "", text))
        got = result.report.cells()
        for key, value in truth["values"].items():
            want = Decimal(value) if isinstance(value, str) else value
            if got.get(key) != want:
                assert _named(result, key, want), (name, key, got.get(key), want)


LAYOUTS = {"aligned": lambda report: render(report, "text"), "one cell per line": one_cell_per_line,
           "one line": one_line}


@given(national(), st.sampled_from(TABLES), st.sampled_from(["missing", "unreadable", "broken"]),
       st.sampled_from(sorted(LAYOUTS)))
def test_a_table_without_a_readable_heading_in_every_layout(report: AnnualReport, table: str, how: str,
                                                           layout: str) -> None:
    text = LAYOUTS[layout](report)
    assert HEADINGS[table] in text
    result = parse_text(text.replace(HEADINGS[table], _heading(table, how), 1))
    _assert_values(result, report.cells())
    assert not {p.code for p in result.problems} & {"TEXT.TABLE_MISSING", "TEXT.TABLE_UNREAD"}
