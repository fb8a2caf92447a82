"""The embeddable HTML fragment keeps its grid without a stylesheet: inline styles on every table
and cell; the standalone page keeps its stylesheet and carries none."""

from __future__ import annotations

import lxml.html
from hypothesis import given
from hypothesis import strategies as st

import gov_disclosure as gd
from gov_disclosure import AnnualReport
from gov_disclosure.testing import reports

TABLED = st.sampled_from(["2019", "2021"]).flatmap(lambda e: reports(e, prose=False))


def declarations(style: str | None) -> dict[str, str]:
    """A ``style`` attribute as CSS applies it: property → value, the last declaration winning."""
    out: dict[str, str] = {}
    for part in (style or "").split(";"):
        if ":" in part:
            name, value = part.split(":", 1)
            out[name.strip()] = value.strip()
    return out


@given(TABLED, st.data())
def test_every_table_and_cell_of_the_fragment_is_styled_inline(report: AnnualReport, data: st.DataObject) -> None:
    broken_key = data.draw(st.sampled_from([k for k in report.cells() if k.startswith("requests.")]))
    value = report.cell(broken_key)
    broken = report.with_cells({broken_key: (value if isinstance(value, int) else 0) + 3})
    fragment = gd.render(broken, "html", findings=gd.check(broken))
    doc = lxml.html.fromstring(fragment)
    tables = doc.findall(".//table")
    assert len(tables) == 3
    for table in tables:
        style = declarations(table.get("style"))
        assert style["border-collapse"] == "collapse"
        assert style["width"] == "100%"
        assert table.get("border") == "1"
        key = table.get("data-table")
        for cell in table.iter("th", "td"):
            css = declarations(cell.get("style"))
            assert css["border"] == "1px solid #000", lxml.html.tostring(cell)
            assert "padding" in css
            classes = set(cell.get("class", "").split())
            if cell.tag == "td":
                assert css["text-align"] == "center"
                if key in ("requests", "review_litigation"):
                    assert css["width"] == "3.6em"
                if "gd-finding" in classes:
                    assert css["outline-offset"] == "-2px"
                    assert css["background"].startswith("#")
                if classes & {"gd-placeholder", "gd-unreadable"}:
                    assert css["color"] == "#555"
            elif "gd-row" in classes:
                assert css["text-align"] == "left"
                if key == "proactive":
                    assert css["width"] == "25%"
            elif "gd-group" in classes:
                assert css["width"] == "4.5em"
            else:
                assert css["text-align"] == "center"
    marked = [td for td in doc.iter("td") if "gd-finding" in td.get("class", "")]
    assert broken_key in {td.get("data-key") for td in marked}


@given(TABLED)
def test_the_standalone_page_keeps_its_stylesheet_and_no_inline_style(report: AnnualReport) -> None:
    page = gd.render(report, "html", standalone=True)
    body = page.split("</head>", 1)[1]
    assert "<style>" in page.split("</head>", 1)[0]
    assert " style=" not in body
    assert " border=" not in body
