"""Word (``.docx``): the report in the official template's layout, as a document to edit and publish.

Written with the standard library's zipfile and plain WordprocessingML (no extra needed): the
title and metadata lines, the section headings, the prose, and the three tables from the
shared layout (:func:`._layout.table_slots`, the one the HTML renderer prints) with the
template's merged cells (``w:gridSpan`` across, ``w:vMerge`` down), every cell ruled, blank
cells blank. Text is in 仿宋 with 黑体 headings and a 宋体 title (``w:rFonts`` eastAsia, a Latin
font beside it, and alternative names in the font table for systems without them), on A4
portrait. The output is byte-for-byte the same for the same report (fixed archive times).
"""

from __future__ import annotations

import functools
import io
from collections.abc import Sequence
from html import escape as _html_escape

from ..model import AnnualReport, TableSpec
from ._layout import Slot, metadata, paragraphs, parts, table_slots

__all__ = ["render_docx"]

_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_STAMP = (1980, 1, 1, 0, 0, 0)

#: A4 portrait in twentieths of a point, with 2.54 cm / 3.17 cm margins as the template has.
_PAGE_W, _PAGE_H = 11906, 16838
_MARGIN_TB, _MARGIN_LR = 1440, 1800
_TEXT_W = _PAGE_W - 2 * _MARGIN_LR
#: the narrowest value column: five digits of the table's 10 pt text and the cell margins
_MIN_VALUE_W = 680

_FONTS = {
    "body": ("仿宋", "FangSong"),
    "heading": ("黑体", "SimHei"),
    "title": ("宋体", "SimSun"),
}
_LATIN = "Times New Roman"
_AGENCY_LABEL = "发布机构"


def render_docx(report: AnnualReport) -> bytes:
    """The report as the bytes of a ``.docx`` file in the official layout of its edition.

    ``gov_disclosure.parse`` reads it back into the same report.

    >>> from gov_disclosure import AnnualReport
    >>> data = render_docx(AnnualReport.empty("2021", year=2023))
    >>> data[:2]
    b'PK'
    """
    body: list[str] = []
    if report.title is not None:
        body.append(_para(report.title, font="title", size=36, bold=True, center=True))
    fields = list(metadata(report))
    if report.agency is None and report.title is not None:
        fields.insert(0, (_AGENCY_LABEL, ""))  # the field left blank: no agency, whatever the title says
    for label, text in fields:
        body.append(_para(f"{label}：{text}", size=24, center=True))
    if report.intro:
        body.extend(_para(p, indent=True) for p in paragraphs(report.intro))
    for part in parts(report):
        body.append(_para(part.heading, font="heading", size=32, heading=True))
        if part.table is not None:
            body.append(_table(report, part.table))
            body.append(_para(""))  # Word needs a paragraph between two tables and after the last
        elif part.text:
            body.extend(_para(p, indent=True) for p in paragraphs(part.text))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{_W}" xmlns:r="{_R}">'
        "<w:body>" + "".join(body) + _SECTION + "</w:body></w:document>"
    )
    files = {
        "[Content_Types].xml": _CONTENT_TYPES,
        "_rels/.rels": _ROOT_RELS,
        "word/document.xml": document,
        "word/_rels/document.xml.rels": _DOCUMENT_RELS,
        "word/styles.xml": _STYLES,
        "word/fontTable.xml": _font_table(),
        "docProps/core.xml": _core(report),
    }
    import zipfile  # here: the command line's start, which renders no Word file, does not pay for it

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()


# ---------------------------------------------------------------- paragraphs


def _run_props(font: str, size: int, bold: bool) -> str:
    east, _alt = _FONTS[font]
    props = f'<w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="{east}" w:cs="{_LATIN}" w:hint="eastAsia"/>'
    if bold:
        props += "<w:b/>"
    return f'<w:rPr>{props}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr>'


def _runs(text: str, props: str) -> str:
    """Runs of ``text``: its line breaks as ``w:br``, spaces kept."""
    out = []
    for i, line in enumerate(text.split("\n")):
        if i:
            out.append(f"<w:r>{props}<w:br/></w:r>")
        if line:
            out.append(f'<w:r>{props}<w:t xml:space="preserve">{_escape(_xml_safe(line))}</w:t></w:r>')
    return "".join(out)


def _escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as entities (what ``xml.sax.saxutils.escape`` does, without importing
    ``xml.sax``, which imports ``urllib.request`` and with it ``http``, ``email`` and ``ssl``)."""
    return _html_escape(text, quote=False)


def _xml_safe(text: str) -> str:
    """Characters XML 1.0 cannot carry dropped (control characters never print)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or (ord(ch) >= 0x20 and not 0xD800 <= ord(ch) <= 0xDFFF
                                                           and ch not in "\ufffe\uffff"))


def _para(text: str, *, font: str = "body", size: int = 32, bold: bool = False, center: bool = False,
          indent: bool = False, heading: bool = False) -> str:
    ppr = []
    if heading:
        ppr.append('<w:pStyle w:val="Heading1"/>')
    ppr.append('<w:spacing w:line="560" w:lineRule="exact"/>' if not center else '<w:spacing w:after="120"/>')
    if indent:
        ppr.append('<w:ind w:firstLineChars="200" w:firstLine="640"/>')
    if center:
        ppr.append('<w:jc w:val="center"/>')
    props = _run_props(font, size, bold)
    return f"<w:p><w:pPr>{''.join(ppr)}{props}</w:pPr>{_runs(text, props)}</w:p>"


# ---------------------------------------------------------------- tables


def _placed(rows: Sequence[Sequence[Slot]]) -> tuple[list[dict[int, Slot]], int]:
    """Each row's slots by their first grid column (covered columns skipped as in HTML)."""
    covered: dict[tuple[int, int], Slot] = {}
    placed: list[dict[int, Slot]] = []
    width = 0
    for r, row in enumerate(rows):
        at: dict[int, Slot] = {}
        col = 0
        for slot in row:
            while (r, col) in covered:
                col += 1
            at[col] = slot
            for dr in range(slot.rowspan):
                for dc in range(slot.colspan):
                    covered[r + dr, col + dc] = slot
            col += slot.colspan
        width = max(width, col, *(c + 1 for rr, c in covered if rr == r))
        placed.append(at)
    return placed, width


def _table(report: AnnualReport, table: TableSpec) -> str:
    rows = table_slots(report, table)
    placed, width = _placed(rows)
    label_cols = min((col for at in placed for col, slot in at.items() if slot.kind == "value"), default=1)
    # the label columns take a share of the width, the innermost (the row labels) most of it;
    # value columns are never narrower than a five-digit count, while that leaves the labels 2/5
    values = width - label_cols
    label_w = _TEXT_W * (1 if values <= 0 else (3 if label_cols > 1 else 2)) // 5
    if values > 0:
        label_w = min(label_w, max(_TEXT_W - values * _MIN_VALUE_W, _TEXT_W * 2 // 5))
    if label_cols == 0:
        widths = [_TEXT_W // max(width, 1)] * width
    else:
        inner = label_w if label_cols == 1 else label_w * 11 // 20
        outer = [(label_w - inner) // (label_cols - 1)] * (label_cols - 1) if label_cols > 1 else []
        value_w = (_TEXT_W - label_w) // max(values, 1)
        widths = [*outer, inner] + [value_w] * values
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    borders = "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    out = [
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/>'
        '<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar>'
        f'<w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
    ]
    origin: dict[int, tuple[int, int]] = {}  # id(slot) → (row, col) where it starts
    for r, at in enumerate(placed):
        for col, start in at.items():
            origin[id(start)] = (r, col)
    for r, at in enumerate(placed):
        cells = []
        col = 0
        while col < width:
            here = at.get(col)
            if here is not None:
                cells.append(_cell(here, widths, col, restart=here.rowspan > 1))
                col += here.colspan
                continue
            above = _above(placed, origin, r, col)
            if above is not None:
                cells.append(_cell(above, widths, col, restart=False, cont=True))
                col += above.colspan
                continue
            cells.append(_cell(Slot(""), widths, col, restart=False))
            col += 1
        out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr>{"".join(cells)}</w:tr>')
    out.append("</w:tbl>")
    return "".join(out)


def _above(placed: list[dict[int, Slot]], origin: dict[int, tuple[int, int]], r: int, col: int) -> Slot | None:
    """The slot spanning down into row ``r`` whose first column is ``col``."""
    for up in range(r - 1, -1, -1):
        slot = placed[up].get(col)
        if slot is not None:
            start_row, _c = origin[id(slot)]
            return slot if start_row + slot.rowspan > r else None
    return None


def _cell(slot: Slot, widths: Sequence[int], col: int, *, restart: bool, cont: bool = False) -> str:
    width = sum(widths[col: col + slot.colspan])
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if slot.colspan > 1:
        props.append(f'<w:gridSpan w:val="{slot.colspan}"/>')
    if restart:
        props.append('<w:vMerge w:val="restart"/>')
    elif cont:
        props.append("<w:vMerge/>")
    props.append('<w:vAlign w:val="center"/>')
    size = 16 if slot.kind == "note" else 20
    left = slot.kind in ("row", "note") or (slot.kind == "caption")
    jc = "left" if left else "center"
    run = _run_props("body", size, slot.kind == "caption")
    text = "" if cont else slot.text
    para = (f'<w:p><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
            f'<w:jc w:val="{jc}"/>{run}</w:pPr>{_runs(text, run)}</w:p>')
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{para}</w:tc>"


# ---------------------------------------------------------------- package parts


def _core(report: AnnualReport) -> str:
    fields = []
    if report.title is not None:
        fields.append(f"<dc:title>{_escape(_xml_safe(report.title))}</dc:title>")
    if report.agency is not None:
        fields.append(f"<dc:creator>{_escape(_xml_safe(report.agency))}</dc:creator>")
    if report.published is not None:
        stamp = f"{report.published.isoformat()}T00:00:00Z"
        fields.append(f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>')
        fields.append(f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>')
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' + "".join(fields) + "</cp:coreProperties>"
    )


_SECTION = (
    f'<w:sectPr><w:pgSz w:w="{_PAGE_W}" w:h="{_PAGE_H}" w:orient="portrait"/>'
    f'<w:pgMar w:top="{_MARGIN_TB}" w:right="{_MARGIN_LR}" w:bottom="{_MARGIN_TB}" w:left="{_MARGIN_LR}" '
    'w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>'
)

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_MEDIA}"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)

_ROOT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_REL}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
    'core-properties" Target="docProps/core.xml"/></Relationships>'
)

_DOCUMENT_RELS = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_REL}">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
    'Target="styles.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" '
    'Target="fontTable.xml"/></Relationships>'
)

_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{_W}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{_LATIN}" w:hAnsi="{_LATIN}" w:eastAsia="仿宋" w:cs="{_LATIN}"/>'
    '<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:pPr><w:jc w:val="both"/></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/>'
    '<w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr>'
    '<w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>'
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:tblPr><w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
    "</w:tblPr></w:style></w:styles>"
)


@functools.cache
def _font_table() -> str:
    """The font table part (built when first needed: ``quoteattr`` comes from ``xml.sax``)."""
    from xml.sax.saxutils import quoteattr

    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{_W}">'
        + "".join(
            f'<w:font w:name={quoteattr(name)}><w:altName w:val={quoteattr(alt)}/><w:charset w:val="86"/>'
            '<w:family w:val="modern"/><w:pitch w:val="fixed"/></w:font>'
            for name, alt in _FONTS.values()
        )
        + f'<w:font w:name="{_LATIN}"><w:charset w:val="00"/><w:family w:val="roman"/>'
        '<w:pitch w:val="variable"/></w:font></w:fonts>'
    )
