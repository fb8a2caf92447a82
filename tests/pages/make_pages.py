"""Write the hand-laid-out test pages of ``tests/test_html_parser.py`` and their expected values.

Each page imitates one layout seen on real portals (TRS pages pasted from Word, ucap pages,
one-big-table pages, split tables, nested layout tables …); the markup quirks are written
out by hand below, the numbers come from one small table of values per page so that the
expected file and the page agree. Run ``python tests/pages/make_pages.py`` after a change;
the pages and ``*.expected.json`` are committed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import opencc

HERE = Path(__file__).resolve().parent

APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other", "total")
ROWS_2019 = (
    ("new_received", "一、本年新收政府信息公开申请数量", ()),
    ("carried_over", "二、上年结转政府信息公开申请数量", ()),
    ("granted", "（一）予以公开", ("三、本年度办理结果",)),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("三、本年度办理结果",)),
    ("withheld_state_secret", "1.属于国家秘密", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_prohibited_by_law", "2.其他法律行政法规禁止公开", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_security_stability", "3.危及“三安全一稳定”", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_third_party", "4.保护第三方合法权益", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_internal_affairs", "5.属于三类内部事务信息", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_process_info", "6.属于四类过程性信息", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_enforcement_file", "7.属于行政执法案卷", ("三、本年度办理结果", "（三）不予公开")),
    ("withheld_inquiry", "8.属于行政查询事项", ("三、本年度办理结果", "（三）不予公开")),
    ("unavailable_not_held", "1.本机关不掌握相关政府信息", ("三、本年度办理结果", "（四）无法提供")),
    ("unavailable_needs_creation", "2.没有现成信息需要另行制作", ("三、本年度办理结果", "（四）无法提供")),
    ("unavailable_unclear", "3.补正后申请内容仍不明确", ("三、本年度办理结果", "（四）无法提供")),
    ("rejected_petition", "1.信访举报投诉类申请", ("三、本年度办理结果", "（五）不予处理")),
    ("rejected_duplicate", "2.重复申请", ("三、本年度办理结果", "（五）不予处理")),
    ("rejected_publication", "3.要求提供公开出版物", ("三、本年度办理结果", "（五）不予处理")),
    ("rejected_excessive", "4.无正当理由大量反复申请", ("三、本年度办理结果", "（五）不予处理")),
    ("rejected_confirmation", "5.要求行政机关确认或重新出具已获取信息", ("三、本年度办理结果", "（五）不予处理")),
    ("other_handling", "（六）其他处理", ("三、本年度办理结果",)),
    ("total_handled", "（七）总计", ("三、本年度办理结果",)),
    ("carried_forward", "四、结转下年度继续办理", ()),
)
_OTHER_2021 = (
    ("other_no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
     ("三、本年度办理结果", "（六）其他处理")),
    ("other_no_fee_paid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
     ("三、本年度办理结果", "（六）其他处理")),
    ("other_other", "3.其他", ("三、本年度办理结果", "（六）其他处理")),
)
ROWS_2021 = tuple(r for r in ROWS_2019 if r[0] != "other_handling")
ROWS_2021 = ROWS_2021[:20] + _OTHER_2021 + ROWS_2021[20:]
RESULT_ROWS = {"granted", "partially_granted"} | {r[0] for r in ROWS_2019 if r[0].startswith(
    ("withheld", "unavailable", "rejected"))} | {"other_handling", "other_no_correction", "other_no_fee_paid",
                                                 "other_other"}
BLOCKS = ("review", "litigation_direct", "litigation_after_review")
RESULTS = ("upheld", "corrected", "other", "pending", "total")


def requests_values(rows: tuple[tuple[str, str, tuple[str, ...]], ...], seed: int) -> dict[str, Any]:
    """A consistent section 三: per result row a few requests, totals and balances that add up."""
    vals: dict[str, Any] = {}
    parts = APPLICANTS[:-1]
    result_keys = [key for key, _label, _groups in rows if key in RESULT_ROWS]
    sums = dict.fromkeys(parts, 0)
    for i, key in enumerate(result_keys):
        for j, col in enumerate(parts):
            n = (seed * (i + 3) + 7 * j + i * i) % 23 if j < 2 or (i + j + seed) % 4 == 0 else 0
            vals[f"requests.{key}.{col}"] = n
            sums[col] += n
        vals[f"requests.{key}.total"] = sum(vals[f"requests.{key}.{c}"] for c in parts)
    for col in parts:
        vals[f"requests.total_handled.{col}"] = sums[col]
        carried = (seed + len(col)) % 5
        forward = (seed * 2 + len(col)) % 7
        vals[f"requests.carried_over.{col}"] = carried
        vals[f"requests.carried_forward.{col}"] = forward
        vals[f"requests.new_received.{col}"] = sums[col] + forward - carried
    for row in ("total_handled", "carried_over", "carried_forward", "new_received"):
        vals[f"requests.{row}.total"] = sum(vals[f"requests.{row}.{c}"] for c in parts)
    return vals


def review_values(seed: int) -> dict[str, Any]:
    vals: dict[str, Any] = {}
    for b, block in enumerate(BLOCKS):
        nums = [(seed + 3 * b + k) % 6 for k in range(4)]
        for res, n in zip(RESULTS[:4], nums, strict=True):
            vals[f"review_litigation.{block}.{res}"] = n
        vals[f"review_litigation.{block}.total"] = sum(nums)
    return vals


# ------------------------------------------------------------------------------ markup helpers

def mso_label(text: str) -> str:
    """A label as Word pastes it: split across spans, a font tag, an <o:p>."""
    for br in ("<br />", "<br/>"):
        if br in text:
            return "<br />".join(mso_label(part) for part in text.split(br))
    if len(text) <= 1:
        return f"<span style='font-family:方正仿宋_GBK'>{text}</span>"
    half = len(text) // 2
    return (f"<span lang=EN-US style='font-size:10.5pt;font-family:方正仿宋_GBK'>{text[:half]}</span>"
            f"<span style='font-size:10.5pt'><font face=\"方正仿宋_GBK\">{text[half:]}</font></span><o:p></o:p>")


def mso_cell(text: str, attrs: str = "") -> str:
    return (f"<td {attrs} style='border:solid windowtext 1.0pt;padding:0cm 5.4pt 0cm 5.4pt'>"
            f"<p class=MsoNormal align=center style='text-align:center'>{mso_label(text) if text else '&nbsp;'}"
            "</p></td>")


def plain_cell(text: str, attrs: str = "", tag: str = "td") -> str:
    return f"<{tag} {attrs}>{text if text else '&nbsp;'}</{tag}>"


def fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value["placeholder"])
    return str(value)


Cell = Callable[..., str]


def requests_rows_html(vals: dict[str, Any], rows: tuple[tuple[str, str, tuple[str, ...]], ...], cell: Cell,
                       *, subtotal: bool = False, only: slice = slice(None), printed: dict[str, str] | None = None,
                       depth: int = 3) -> str:
    """Data rows with the form's rowspans (group cells span their rows)."""
    out = []
    selected = rows[only]
    group_counts: dict[str, int] = {}
    for _key, _label, groups in selected:
        for g in groups:
            group_counts[g] = group_counts.get(g, 0) + 1
    opened: set[str] = set()
    for key, label, groups in selected:
        tds = []
        for g in groups:
            if g not in opened:
                opened.add(g)
                tds.append(cell(g, f'rowspan="{group_counts[g]}"'))
        span = depth - len(groups)
        tds.append(cell(label, f'colspan="{span}"' if span > 1 else ""))
        for col in APPLICANTS:
            if subtotal and col == "total":
                sub = sum(vals.get(f"requests.{key}.{c}") or 0 for c in APPLICANTS[1:6])
                if printed and key in printed:
                    tds.append(cell(printed[key]))
                else:
                    tds.append(cell(str(sub)))
            tds.append(cell(fmt(vals.get(f"requests.{key}.{col}"))))
        out.append("<tr>" + "".join(tds) + "</tr>")
    return "".join(out)


def requests_header_html(cell: Cell, *, subtotal: bool = False, th: bool = False) -> str:
    legal = 6 if subtotal else 5
    h = (lambda t, a="": plain_cell(t, a, "th")) if th else cell
    rows = [
        "<tr>" + h("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 'colspan="3" rowspan="3"')
        + h("申请人情况", f'colspan="{legal + 2}"') + "</tr>",
        "<tr>" + h("自然人", 'rowspan="2"') + h("法人或其他组织", f'colspan="{legal}"') + h("总计", 'rowspan="2"')
        + "</tr>",
        "<tr>" + h("商业<br />企业") + h("科研<br />机构") + h("社会公益组织") + h("法律服务机构") + h("其他")
        + (h("小计") if subtotal else "") + "</tr>",
    ]
    return "".join(rows)


def review_html(vals: dict[str, Any], cell: Cell, *, table_attrs: str = 'border="1"') -> str:
    head = (
        "<tr>" + cell("行政复议", 'colspan="5"') + cell("行政诉讼", 'colspan="10"') + "</tr>"
        "<tr>" + "".join(cell(t, 'rowspan="2"') for t in ("结果<br/>维持", "结果<br/>纠正", "其他<br/>结果",
                                                           "尚未<br/>审结", "总计"))
        + cell("未经复议直接起诉", 'colspan="5"') + cell("复议后起诉", 'colspan="5"') + "</tr>"
        "<tr>" + "".join(cell(t) for t in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计") * 2) + "</tr>"
    )
    data = "<tr>" + "".join(cell(fmt(vals[f"review_litigation.{b}.{r}"])) for b in BLOCKS for r in RESULTS) + "</tr>"
    return f"<table {table_attrs}><tbody>{head}{data}</tbody></table>"


def proactive_2019_html(vals: dict[str, Any], cell: Cell, *, raw: dict[str, str] | None = None) -> str:
    raw = raw or {}

    def v(key: str) -> str:
        return raw.get(key, fmt(vals.get(key)))

    def block(caption: str, header: tuple[str, ...], rows: tuple[tuple[str, str], ...], cols: tuple[str, ...]) -> str:
        out = "<tr>" + cell(caption, 'colspan="4"') + "</tr>"
        out += "<tr>" + cell("信息内容") + "".join(cell(h) for h in header) + "</tr>"
        for key, label in rows:
            tds = [cell(label)] + [cell(v(f"proactive.{key}.{c}")) for c in cols]
            if len(cols) == 2:
                tds.append(cell(""))
            out += "<tr>" + "".join(tds) + "</tr>"
        return out

    items = ("上一年项目数量", "本年增/减", "处理决定数量")
    body = block("第二十条第（一）项", ("本年新<br />制作数量", "本年新<br />公开数量", "对外公开总数量"),
                 (("regulations", "规章"), ("normative_documents", "规范性文件")),
                 ("new_made", "new_published", "total_published"))
    body += block("第二十条第（五）项", items, (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
                  ("prior_year_items", "change", "decisions"))
    body += block("第二十条第（六）项", items, (("penalties", "行政处罚"), ("coercion", "行政强制")),
                  ("prior_year_items", "change", "decisions"))
    body += block("第二十条第（八）项", items[:2], (("admin_fees", "行政事业性收费"),), ("prior_year_items", "change"))
    body += block("第二十条第（九）项", ("采购项目数量", "采购总金额"), (("central_procurement", "政府集中采购"),),
                  ("projects", "amount"))
    return body


def proactive_2021_html(vals: dict[str, Any], cell: Cell, *, raw: dict[str, str] | None = None) -> str:
    raw = raw or {}

    def v(key: str) -> str:
        return raw.get(key, fmt(vals.get(key)))

    out = "<tr>" + cell("第二十条第（一）项", 'colspan="4"') + "</tr>"
    out += "<tr>" + "".join(cell(h) for h in ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")) + "</tr>"
    for key, label in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        out += "<tr>" + cell(label) + "".join(cell(v(f"proactive.{key}.{c}"))
                                              for c in ("issued", "repealed", "in_force")) + "</tr>"
    for caption, rows in (("第二十条第（五）项", (("licensing", "行政许可"),)),
                          ("第二十条第（六）项", (("penalties", "行政处罚"), ("coercion", "行政强制")))):
        out += "<tr>" + cell(caption, 'colspan="4"') + "</tr>"
        out += "<tr>" + cell("信息内容", 'colspan="3"') + cell("本年处理决定数量") + "</tr>"
        for key, label in rows:
            out += "<tr>" + cell(label, 'colspan="3"') + cell(v(f"proactive.{key}.decisions")) + "</tr>"
    out += "<tr>" + cell("第二十条第（八）项", 'colspan="4"') + "</tr>"
    out += "<tr>" + cell("信息内容", 'colspan="3"') + cell("本年收费金额（单位：万元）") + "</tr>"
    out += "<tr>" + cell("行政事业性收费", 'colspan="3"') + cell(v("proactive.admin_fees.amount")) + "</tr>"
    return out


PROSE = {
    "overview": ("一、总体情况", "2020年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，全面推进政务公开。"
                 "（一）主动公开。全年主动公开政府信息1,036条。（二）依申请公开。规范办理流程。"),
    "problems": ("五、存在的主要问题及改进情况", "一是公开内容不够全面；二是解读形式较为单一。下一步将加强培训。"),
    "other_matters": ("六、其他需要报告的事项", "本年度未收取信息处理费。"),
}


def prose(key: str, wrap: Callable[[str], str] = lambda t: f"<p>{t}</p>") -> str:
    heading, text = PROSE[key]
    return wrap(heading) + wrap(text)


# ------------------------------------------------------------------------------ the pages

def page_gbk_trs() -> tuple[bytes, dict[str, Any]]:
    """A TRS portal page in GBK, declared GB2312, pasted from Word; 2019 edition, year 2020."""
    vals: dict[str, Any] = {
        "proactive.regulations.new_made": 2, "proactive.regulations.new_published": 2,
        "proactive.regulations.total_published": 1036,
        "proactive.normative_documents.new_made": 14, "proactive.normative_documents.new_published": 14,
        "proactive.normative_documents.total_published": 368,
        "proactive.licensing.prior_year_items": 245, "proactive.licensing.change": 12,
        "proactive.licensing.decisions": 18538,
        "proactive.other_services.prior_year_items": 31, "proactive.other_services.change": -3,
        "proactive.other_services.decisions": 407,
        "proactive.penalties.prior_year_items": 120, "proactive.penalties.change": 0,
        "proactive.penalties.decisions": 96,
        "proactive.coercion.prior_year_items": 8, "proactive.coercion.change": None,
        "proactive.coercion.decisions": {"placeholder": "/"},
        "proactive.admin_fees.prior_year_items": 3, "proactive.admin_fees.change": -1,
        "proactive.central_procurement.projects": 26, "proactive.central_procurement.amount": "71.19",
    }
    raw = {"proactive.regulations.total_published": "1,036", "proactive.licensing.change": "+12",
           "proactive.licensing.decisions": "１８５３８", "proactive.other_services.change": "-3",
           "proactive.central_procurement.amount": "71.19万元"}
    vals.update(requests_values(ROWS_2019, 5))
    vals.update(review_values(1))
    table = ("<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=598 "
             "style='border-collapse:collapse;mso-table-layout-alt:fixed'>")
    body = (
        "<div class=\"head\"><ul class=\"nav\"><li><a href=\"/\">首页</a></li><li><a href=\"/zwgk/\">政务公开</a></li>"
        "<li><a href=\"/hdjl/\">互动交流</a></li><li><a href=\"/bsfw/\">办事服务</a></li></ul>"
        "<div class=\"position\">您现在的位置：<a href=\"/\">首页</a> &gt; <a href=\"/zwgk/\">政务公开</a></div></div>"
        "<div class=\"main\"><h1 class=\"title\">某某县堃山镇人民政府2020年政府信息公开工作年度报告</h1>"
        "<div class=\"info\">发布时间：2021-01-28 来源：某某县堃山镇人民政府 【字体：大 中 小】</div>"
        "<div class=\"TRS_Editor\"><div class=Section1>"
        "<p class=MsoNormal style='text-indent:32.0pt'><span style='font-family:仿宋_GB2312'>"
        "本报告根据《中华人民共和国政府信息公开条例》编制。本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。</span></p>"
        + prose("overview", lambda t: f"<p class=MsoNormal><span style='font-family:黑体'>{t}</span></p>")
        + "<p class=MsoNormal><b><span style='font-family:黑体'>二、主动公开政府信息情况</span></b></p>"
        + table + proactive_2019_html(vals, mso_cell, raw=raw) + "</table>"
        + "<p class=MsoNormal><b>三、收到和处理政府信息公开申请情况</b></p>"
        + table + requests_header_html(mso_cell) + requests_rows_html(vals, ROWS_2019, mso_cell) + "</table>"
        + "<p class=MsoNormal><b>四、政府信息公开行政复议、行政诉讼情况</b></p>"
        + review_html(vals, mso_cell, table_attrs="class=MsoNormalTable border=1")
        + prose("problems") + prose("other_matters")
        + "</div></div></div>"
        "<div class=\"footer\"><p>主办单位：某某县人民政府办公室 版权所有</p><p>网站标识码：1234567890 "
        "<a href=\"http://www.beian.gov.cn\">公网安备 12345号</a></p></div>"
    )
    page = (
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><head>"
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\" />"
        "<meta name=\"ArticleTitle\" content=\"某某县堃山镇人民政府2020年政府信息公开工作年度报告\">"
        "<meta name=\"PubDate\" content=\"2021-01-28 09:30\">"
        "<meta name=\"ContentSource\" content=\"某某县堃山镇人民政府\">"
        "<title>某某县堃山镇人民政府2020年政府信息公开工作年度报告_某某县人民政府</title>"
        "<script>var _hmt = _hmt || []; document.write('<div>广告</div>');</script>"
        "</head><body>" + body + "</body></html>"
    )
    expected = {"edition": "2019", "year": 2020, "agency": "某某县堃山镇人民政府",
                "title": "某某县堃山镇人民政府2020年政府信息公开工作年度报告", "published": "2021-01-28",
                "values": vals, "raw": raw}
    return page.encode("gbk"), expected


def page_traditional() -> tuple[bytes, dict[str, Any]]:
    """A page in traditional characters, half-width brackets, UTF-8 with a BOM; 2019 edition."""
    vals: dict[str, Any] = {}
    for key in ("regulations", "normative_documents"):
        for i, col in enumerate(("new_made", "new_published", "total_published")):
            vals[f"proactive.{key}.{col}"] = 3 + i * 10 + len(key)
    for key in ("licensing", "other_services", "penalties", "coercion"):
        for i, col in enumerate(("prior_year_items", "change", "decisions")):
            vals[f"proactive.{key}.{col}"] = i + len(key)
    vals["proactive.admin_fees.prior_year_items"] = 4
    vals["proactive.admin_fees.change"] = 0
    vals["proactive.central_procurement.projects"] = 9
    vals["proactive.central_procurement.amount"] = "120.5"
    vals.update(requests_values(ROWS_2019, 11))
    vals.update(review_values(4))

    def cell(text: str, attrs: str = "") -> str:
        return plain_cell(text.replace("（", "(").replace("）", ")"), attrs)

    page = (
        "<html><head><meta charset=\"utf-8\"><title>2019年某某市政府信息公开工作年度报告</title></head><body>"
        "<div id=\"zoom\"><p>2019年某某市政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>本年度，我市依法推进政府信息公开工作。</p>"
        "<p>二、主动公开政府信息情况</p><table border=1>" + proactive_2019_html(vals, cell) + "</table>"
        "<p>三、收到和处理政府信息公开申请情况</p><table border=1>" + requests_header_html(cell)
        + requests_rows_html(vals, ROWS_2019, cell) + "</table>"
        "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + review_html(vals, cell)
        + "<p>五、存在的主要问题及改进情况</p><p>公开工作仍需加强。</p><p>六、其他需要报告的事项</p><p>无。</p>"
        "</div></body></html>"
    )
    # OpenCC's simplified → traditional conversion (Taiwan standard), not a hand-picked table
    page = opencc.OpenCC("s2tw").convert(page)
    expected = {"edition": "2019", "year": 2019, "agency": "某某市", "values": vals}
    return b"\xef\xbb\xbf" + page.encode("utf-8"), expected


def page_one_big_table_2021() -> tuple[bytes, dict[str, Any]]:
    """ucap page, 2021 edition, all three sections in one <table> with <th> headers; info table."""
    vals: dict[str, Any] = {
        "proactive.regulations.issued": 1, "proactive.regulations.repealed": 0, "proactive.regulations.in_force": 12,
        "proactive.normative_documents.issued": 5, "proactive.normative_documents.repealed": 7,
        "proactive.normative_documents.in_force": 33,
        "proactive.licensing.decisions": 2210, "proactive.penalties.decisions": 156,
        "proactive.coercion.decisions": 0, "proactive.admin_fees.amount": "25.1",
    }
    raw = {"proactive.admin_fees.amount": "251000元"}
    vals.update(requests_values(ROWS_2021, 3))
    vals.update(review_values(2))

    def th(text: str, attrs: str = "") -> str:
        return plain_cell(text, attrs, "th")

    def td(text: str, attrs: str = "") -> str:
        return plain_cell(text, attrs)

    wide = 'colspan="10"'
    big = (
        "<table class=\"big\" border=\"1\"><tbody>"
        "<tr>" + th("二、主动公开政府信息情况", 'colspan="10"') + "</tr>"
        + proactive_2021_html(vals, td, raw=raw).replace('colspan="4"', wide)
        + "<tr>" + th("三、收到和处理政府信息公开申请情况", wide) + "</tr>"
        + requests_header_html(td, th=True) + requests_rows_html(vals, ROWS_2021, td)
        + "<tr>" + th("四、政府信息公开行政复议、行政诉讼情况", wide) + "</tr>"
        + review_html(vals, td).removeprefix('<table border="1"><tbody>').removesuffix("</tbody></table>")
        + "</tbody></table>"
    )
    page = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        "<title>政府信息公开</title></head><body>"
        "<div class=\"top\"><a href=\"/\">首页</a> <a href=\"/xxgk\">信息公开</a></div>"
        "<table class=\"xxgk_info\"><tr><td>索引号：</td><td>11330000MB1234567X/2022-00012</td>"
        "<td>发布机构：</td><td>某某市交通运输局</td></tr><tr><td>公开日期：</td><td>2022-01-25</td>"
        "<td>文号：</td><td></td></tr><tr><td>标题：</td>"
        "<td colspan=3>某某市交通运输局2021年政府信息公开工作年度报告</td></tr>"
        "</table>"
        "<ucapcontent><p>某某市交通运输局2021年政府信息公开工作年度报告</p>"
        "<p>一、总体情况</p><p>2021年，市交通运输局扎实推进政务公开。</p>"
        + big
        + "<p>五、存在的主要问题及改进情况</p><p>一是主动公开的及时性有待提高。</p>"
        "<p>六、其他需要报告的事项</p><p>本年度未收取信息处理费。</p>"
        "<p>七、其他</p><p>本报告电子版可在门户网站下载。</p></ucapcontent>"
        "<div class=\"foot\">版权所有 某某市交通运输局</div></body></html>"
    )
    expected = {"edition": "2021", "year": 2021, "agency": "某某市交通运输局",
                "title": "某某市交通运输局2021年政府信息公开工作年度报告", "published": "2022-01-25",
                "values": vals, "raw": raw}
    return page.encode("utf-8"), expected


def page_split_tables() -> tuple[bytes, dict[str, Any]]:
    """Section 二 as five tables, section 三 split in two tables with the header repeated, a .article-content."""
    vals: dict[str, Any] = {}
    for key, cols in (("regulations", ("new_made", "new_published", "total_published")),
                      ("normative_documents", ("new_made", "new_published", "total_published")),
                      ("licensing", ("prior_year_items", "change", "decisions")),
                      ("other_services", ("prior_year_items", "change", "decisions")),
                      ("penalties", ("prior_year_items", "change", "decisions")),
                      ("coercion", ("prior_year_items", "change", "decisions")),
                      ("admin_fees", ("prior_year_items", "change"))):
        for i, col in enumerate(cols):
            vals[f"proactive.{key}.{col}"] = len(key) * (i + 1)
    vals["proactive.central_procurement.projects"] = 4
    vals["proactive.central_procurement.amount"] = "8.6"
    vals.update(requests_values(ROWS_2019, 7))
    vals.update(review_values(5))
    whole = proactive_2019_html(vals, plain_cell)
    pieces = whole.split('<tr><td colspan="4">')[1:]
    proactive_tables = "".join('<table border="1"><tr><td colspan="4">' + p + "</table>" for p in pieces)
    head = requests_header_html(plain_cell)
    part1 = ('<table border="1">' + head
             + requests_rows_html(vals, ROWS_2019, plain_cell, only=slice(0, 12)) + "</table>")
    part2 = ('<p>（续表）</p><table border="1">' + head
             + requests_rows_html(vals, ROWS_2019, plain_cell, only=slice(12, None)) + "</table>")
    page = (
        "<html><head><meta charset=\"utf-8\"><title>某某区卫生健康委员会2019年政府信息公开工作年度报告</title></head>"
        "<body><div class=\"article-content\"><h2>某某区卫生健康委员会2019年政府信息公开工作年度报告</h2>"
        + prose("overview") + "<p>二、主动公开政府信息情况</p>" + proactive_tables
        + "<p>三、收到和处理政府信息公开申请情况</p>" + part1 + part2
        + "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + review_html(vals, plain_cell)
        + prose("problems") + prose("other_matters") + "</div></body></html>"
    )
    expected = {"edition": "2019", "year": 2019, "agency": "某某区卫生健康委员会", "values": vals}
    return page.encode("utf-8"), expected


def page_nested_subtotal() -> tuple[bytes, dict[str, Any]]:
    """A layout-table portal page (no known content class), section 三 with a 小计 column
    (one 小计 printed wrong), tables nested two layout tables deep; 2020 report, 2019 edition."""
    vals: dict[str, Any] = {}
    for key, cols in (("regulations", ("new_made", "new_published", "total_published")),
                      ("normative_documents", ("new_made", "new_published", "total_published")),
                      ("licensing", ("prior_year_items", "change", "decisions")),
                      ("other_services", ("prior_year_items", "change", "decisions")),
                      ("penalties", ("prior_year_items", "change", "decisions")),
                      ("coercion", ("prior_year_items", "change", "decisions")),
                      ("admin_fees", ("prior_year_items", "change"))):
        for i, col in enumerate(cols):
            vals[f"proactive.{key}.{col}"] = (len(key) + i) % 5
    vals["proactive.central_procurement.projects"] = 0
    vals["proactive.central_procurement.amount"] = "0"
    vals.update(requests_values(ROWS_2019, 9))
    vals.update(review_values(0))
    wrong = {"granted": "999"}
    content = (
        "<p align=center><strong>某某市生态环境局2020年政府信息公开工作年度报告</strong></p>"
        + prose("overview") + "<p>二、主动公开政府信息情况</p><table border=1>"
        + proactive_2019_html(vals, plain_cell) + "</table><p>三、收到和处理政府信息公开申请情况</p><table border=1>"
        + requests_header_html(plain_cell, subtotal=True)
        + requests_rows_html(vals, ROWS_2019, plain_cell, subtotal=True, printed=wrong) + "</table>"
        + "<p>四、政府信息公开行政复议、行政诉讼情况</p>" + review_html(vals, plain_cell)
        + prose("problems") + prose("other_matters")
    )
    nav = "".join(f"<tr><td><a href=\"/col/col{i}/index.html\">栏目{i}</a></td></tr>" for i in range(12))
    page = (
        "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">"
        "<title>某某市生态环境局</title>"
        "</head><body><table width=\"1000\" align=\"center\"><tr><td colspan=\"2\"><img src=\"/banner.jpg\"></td></tr>"
        "<tr><td width=\"200\" valign=\"top\"><table>" + nav + "</table></td>"
        "<td width=\"800\" valign=\"top\"><table width=\"100%\"><tr><td class=\"bt\">" + content
        + "</td></tr></table></td></tr><tr><td colspan=\"2\">版权所有：某某市生态环境局 地址：某某路1号 "
        "电话：0000-12345678</td></tr></table></body></html>"
    )
    expected = {"edition": "2019", "year": 2020, "agency": "某某市生态环境局", "values": vals,
                "subtotal_wrong": ["granted"]}
    return page.encode("utf-8"), expected


def page_legacy() -> tuple[bytes, dict[str, Any]]:
    """A 2017 report: prose only (its local statistics are sentences), no national tables."""
    page = (
        "<html><head><meta charset=\"gbk\"><title>某某县2017年政府信息公开工作年度报告</title></head><body>"
        "<div class=\"TRS_Editor\"><p>某某县2017年政府信息公开工作年度报告</p>"
        "<p>本报告由概述、主动公开政府信息情况、依申请公开政府信息情况等部分组成。</p>"
        "<p>一、概述</p><p>2017年，我县认真贯彻落实《中华人民共和国政府信息公开条例》。</p>"
        "<p>二、主动公开政府信息情况</p><p>全年主动公开政府信息2345条。</p>"
        "<p>三、依申请公开政府信息情况</p><p>全年共受理政府信息公开申请12件，均已按时答复。</p>"
        "<p>四、政府信息公开的收费及减免情况</p><p>未收取任何费用。</p>"
        "<p>五、因政府信息公开申请行政复议、提起行政诉讼的情况</p><p>无。</p>"
        "<p>六、存在的主要问题及改进措施</p><p>公开的主动性有待提高。</p>"
        "</div></body></html>"
    )
    return page.encode("gbk"), {"edition": "legacy", "year": 2017, "agency": "某某县", "values": {}}


def page_single_other_row_2021() -> tuple[bytes, dict[str, Any]]:
    """A Hanweb-style ``#zoom`` page, 2021 edition, that still prints （六）其他处理 as one row."""
    vals: dict[str, Any] = {
        "proactive.regulations.issued": 0, "proactive.regulations.repealed": 1, "proactive.regulations.in_force": 4,
        "proactive.normative_documents.issued": 2, "proactive.normative_documents.repealed": 0,
        "proactive.normative_documents.in_force": 17, "proactive.licensing.decisions": 300,
        "proactive.penalties.decisions": 12, "proactive.coercion.decisions": 1, "proactive.admin_fees.amount": "0",
    }
    vals.update(requests_values(ROWS_2019, 13))
    vals.update(review_values(3))
    page = (
        "<html><head><meta charset='utf-8'><title>某某区司法局2022年政府信息公开工作年度报告 - 某某区人民政府</title>"
        "</head><body><div class='header'><a href='/'>首页</a><a href='/zwgk'>政务公开</a></div>"
        "<div class='article'><div id='zoom'><p>某某区司法局2022年政府信息公开工作年度报告</p>"
        + prose("overview") + "<p>二、主动公开政府信息情况</p><table border=1>" + proactive_2021_html(vals, plain_cell)
        + "</table><p>三、收到和处理政府信息公开申请情况</p><table border=1>" + requests_header_html(plain_cell)
        + requests_rows_html(vals, ROWS_2019, plain_cell) + "</table><p>四、政府信息公开行政复议、行政诉讼情况</p>"
        + review_html(vals, plain_cell) + prose("problems") + prose("other_matters")
        + "</div></div><div class='footer'>版权所有</div></body></html>"
    )
    expected = {"edition": "2021", "year": 2022, "agency": "某某区司法局", "values": vals}
    return page.encode("utf-8"), expected


PAGES: dict[str, Callable[[], tuple[bytes, dict[str, Any]]]] = {
    "single-other-row-2021": page_single_other_row_2021,
    "gbk-trs-2020": page_gbk_trs,
    "traditional-2019": page_traditional,
    "one-big-table-2021": page_one_big_table_2021,
    "split-tables-2019": page_split_tables,
    "nested-subtotal-2020": page_nested_subtotal,
    "legacy-2017": page_legacy,
}


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    return value


def main() -> None:
    for name, make in PAGES.items():
        data, expected = make()
        (HERE / f"{name}.html").write_bytes(data)
        expected["values"] = {k: _jsonable(v) for k, v in expected["values"].items()}
        (HERE / f"{name}.expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                    encoding="utf-8")


if __name__ == "__main__":
    main()
