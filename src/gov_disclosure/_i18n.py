"""The library's words in Chinese and English: one catalogue, keyed by code.

Every message a user reads — a parse problem (:class:`~gov_disclosure.Problem`), a refusal
(:class:`~gov_disclosure.ParseError`), a check finding (:class:`~gov_disclosure.Finding`) —
is derived from its stable ``code`` and named arguments (``params``) by one template per
language here, never stored as text nor parsed back. A code whose cases need different
sentences has one template per *variant*, named ``CODE#variant`` (``PDF.CORRUPT#empty``); the
code stays ``PDF.CORRUPT``. Codes shared by the format readers are written with ``{FORMAT}``
(``{FORMAT}.TABLE_MISSING`` serves ``HTML.TABLE_MISSING``, ``TEXT.TABLE_MISSING`` …); a
template of the exact code wins over the family's.

An argument that is itself words (what a file is, why the OS refused it, a severity) is a
:class:`Phrase`, said in the message's language from :data:`PHRASES`; a tuple is listed
(``、`` in Chinese, ``, `` in English). Chinese templates quote source text with “”; English
ones with ``!r`` as before.

This module imports nothing of the package: the model, the parsers and the checks all read
it. The language is checked by :func:`gov_disclosure._errors.check_lang`.
"""

from __future__ import annotations

import errno
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

__all__ = [
    "FAMILY",
    "FINDING_CODES",
    "FORMATS",
    "LANGS",
    "MESSAGES",
    "PHRASES",
    "Lang",
    "Phrase",
    "os_reason",
    "phrase",
    "render",
    "split_id",
    "template",
]

Lang = Literal["zh", "en"]
"""A language of the messages: ``"zh"`` (the default everywhere) or ``"en"``."""

#: The languages, the default first.
LANGS: tuple[Lang, ...] = ("zh", "en")

#: The placeholder for the format in codes shared by the readers, and the formats it stands for.
FAMILY = "{FORMAT}"
FORMATS = ("HTML", "DOCX", "TEXT", "MARKDOWN", "PDF")

_ENTRIES = "give text to parse_text (or parse_html for markup), or pass io.StringIO(text) or bytes"
_ENTRIES_ZH = "文本请交给 parse_text（标记文本交给 parse_html），或传入 io.StringIO(text) 或字节"

# id → (zh, en). Fields are named; a template only uses fields its call sites give.
_PARSE: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------------ the source
    "SOURCE.EMPTY": ("文件是空的（{size} 字节，除空白外没有内容）：没有可读取的报告",
                     "the source is empty ({size} bytes, nothing but white space): there is no report to read"),
    "SOURCE.UNREADABLE": ("无法读取 {path}：{reason}", "cannot read {path}: {reason}"),
    "SOURCE.UNREADABLE#open_file": ("无法读取所给的已打开文件：{reason}", "cannot read the open file: {reason}"),
    "SOURCE.UNREADABLE#folder": ("{path} 是文件夹，不是文件", "{path} is a folder, not a file"),
    "SOURCE.URL": ("{path}：本库不下载网址，请先将网页下载到本地",
                   "{path}: URLs are not fetched; download the page first"),
    "SOURCE.NOT_FOUND": ("找不到文件“{path}”", "no such file: {path!r}"),
    "SOURCE.NOT_FOUND#looks_like_text": (
        "parse() 把字符串当作路径读取，而所给字符串看来是文本（{chars} 个字符，{lines} 行）：" + _ENTRIES_ZH,
        "parse() reads a str as a path, and this one looks like text ({chars} characters, {lines} line(s)): "
        + _ENTRIES,
    ),
    "SOURCE.NOT_FOUND#str_path": (
        "找不到文件“{path}”（parse() 把字符串当作路径读取；" + _ENTRIES_ZH + "）",
        "no such file: {path!r} (parse() reads a str as a path; " + _ENTRIES + ")",
    ),
    "SOURCE.UNSUPPORTED": ("{what}，不是本库能读取的报告：{advice}",
                           "{what}, not a report this library can read: {advice}"),
    "SOURCE.UNDECODABLE": ("{what}：{advice}", "{what}: {advice}"),
    "JSON.ENCODING": ("JSON 文档必须采用 UTF-8 编码", "a JSON document must be UTF-8"),
    # ------------------------------------------------------------------ refusals of a format
    "{FORMAT}.NOT_A_REPORT": (
        "未识别出年度报告：既没有统一格式的章节标题、表格标题或行标签，也没有报告标题（发现：{found}）",
        "no report form found: none of its section headings, table captions or row labels, "
        "and no report title (found: {found})",
    ),
    "HTML.NOT_A_REPORT#list": ("这是列表页（{count} 个链接），不是报告", "a list page ({count} links), not a report"),
    "HTML.ATTACHMENT_ONLY": ("报告仅以附件形式发布：{files}", "the report is only an attached file: {files}"),
    "HTML.SCRIPT_ONLY": ("页面没有文字，只有 {count} 段脚本：内容由 JavaScript 在打开后加载，本库无法读取",
                         "the page has no text, only {count} script(s): "
                         "a JavaScript shell whose content is loaded later"),
    "HTML.EMPTY": ("页面为空", "the page is empty"),
    "HTML.EMPTY#unreadable": ("无法读出 HTML 文档：{reason}", "no HTML document could be read: {reason}"),
    "HTML.EMPTY#nothing": ("无法读出 HTML 文档", "no HTML document could be read"),
    "HTML.EMPTY#no_text": ("页面没有文字", "the page has no text"),
    "HTML.INPUT": ("无法将 {type} 类型的对象作为 HTML 解析：请提供字符串或字节",
                   "cannot parse a {type} as HTML: give str or bytes"),
    "HTML.TOO_LARGE": ("文件大小 {size} 字节，超过可接受的上限 {limit} 字节",
                       "{size} bytes is more than the {limit} accepted"),
    "HTML.TOO_LARGE#chars": ("文本长度 {size} 个字符，超过可接受的上限 {limit} 个字符",
                             "{size} characters is more than the {limit} accepted"),
    "TEXT.INPUT": ("无法将 {type} 类型的对象作为文本解析：请提供字符串或字节",
                   "cannot parse a {type} as text: give str or bytes"),
    "TEXT.TOO_LARGE": ("文本长度 {size} 个字符，超过可接受的上限 {limit} 个字符",
                       "{size} characters is more than the {limit} accepted"),
    "TEXT.LOCATIONS": ("给出了 {locations} 个位置，但共有 {lines} 行，二者应当相等",
                       "{locations} locations for {lines} lines"),
    "DOCX.INPUT": ("无法将 {type} 类型的对象作为 .docx 解析：请提供字节",
                   "cannot parse a {type} as .docx: give bytes"),
    "DOCX.INPUT#text": ("Word（.docx）文档是二进制文件：请提供字节或文件路径，不要提供文本",
                        "a .docx document is binary: give bytes or a path, not text"),
    "DOCX.TOO_LARGE": ("文件大小 {size} 字节，超过可接受的上限 {limit} 字节",
                       "{size} bytes is more than the {limit} accepted"),
    "DOCX.TOO_LARGE#entries": ("压缩包内有 {count} 个条目，超过上限", "{count} archive entries"),
    "DOCX.TOO_LARGE#bomb": ("“{name}”由 {packed} 字节解压为 {size} 字节（疑为压缩炸弹）",
                            "{name!r} inflates {packed} bytes to {size} (a zip bomb)"),
    "DOCX.TOO_LARGE#total": ("压缩包声明解压后共 {size} 字节（至多接受 {limit} 字节）",
                             "the archive declares {size} uncompressed bytes (at most {limit} accepted)"),
    "DOCX.TOO_LARGE#part": ("{name} 声明大小为 {size} 字节（至多读取 {limit} 字节）",
                            "{name} declares {size} bytes (at most {limit} read)"),
    "DOCX.TOO_LARGE#understated": ("{name} 解压后超出上限（压缩包目录少报了其大小）",
                                   "{name} inflates past the bounds (the archive's directory understates it)"),
    "DOCX.NOT_A_ZIP": ("不是 .docx 文件：不是 zip 压缩包", "not a .docx file: no zip archive"),
    "DOCX.NOT_A_ZIP#damaged": ("不是 .docx 文件：{reason}", "not a .docx file: {reason}"),
    "DOCX.UNSAFE_NAME": ("压缩包条目“{name}”指向包外的路径", "archive entry {name!r} names a path outside the package"),
    "DOCX.NO_DOCUMENT": ("没有 word/document.xml：不是 Word 文档", "no word/document.xml: not a Word document"),
    "DOCX.DAMAGED": ("{name} 无法读取：{reason}", "{name} cannot be read: {reason}"),
    "DOCX.DTD": ("{name} 声明了 DTD 或实体（拒绝读取：实体一律不展开）",
                 "{name} declares a DTD or entities (refused: never expanded)"),
    "DOCX.XML": ("{name} 不是格式正确的 XML：{reason}", "{name} is not well-formed XML: {reason}"),
    "DOCX.XML#empty": ("{name} 为空", "{name} is empty"),
    "DOCX.EMPTY": ("文档没有文字", "the document has no text"),
    "DOCX.EMPTY#body": ("word/document.xml 没有正文（body）", "word/document.xml has no body"),
    "PDF.CORRUPT": ("无法读取该 PDF（{reason}）", "the PDF could not be read ({reason})"),
    "PDF.CORRUPT#empty": ("该 PDF 为空（0 字节）", "the PDF is empty (0 bytes)"),
    "PDF.CORRUPT#no_header": ("不是 PDF：没有 %PDF- 文件头", "not a PDF: no %PDF- header"),
    "PDF.CORRUPT#truncated": ("该 PDF 不完整：没有 %%EOF 结束标记", "the PDF is truncated: it has no %%EOF end marker"),
    "PDF.CORRUPT#no_pages": ("该 PDF 没有页面", "the PDF has no pages"),
    "PDF.CORRUPT#page_number": ("该 PDF 第 {page} 页无法读取", "page {page} of the PDF could not be read"),
    "PDF.CORRUPT#rotation": ("该 PDF 第 {page} 页的旋转角度无法读取",
                             "page {page} of the PDF has no readable rotation"),
    "PDF.CORRUPT#page_text": ("该 PDF 第 {page} 页的文字无法读取",
                              "the text of page {page} of the PDF could not be read"),
    "PDF.CORRUPT#page": ("该 PDF 有一页无法读取（{reason}）", "a page of the PDF could not be read ({reason})"),
    "PDF.CORRUPT#layout": ("无法分析该 PDF 的版面（{reason}）", "the PDF's layout could not be analysed ({reason})"),
    "PDF.ENCRYPTED": ("该 PDF 已加密，没有密码无法打开",
                      "the PDF is encrypted and cannot be opened without its password"),
    "PDF.NO_TEXT_LAYER": ("全部 {pages} 页都没有文字层（扫描件？）：请先进行文字识别（OCR）",
                          "none of the {pages} page(s) has a text layer (a scan?): run OCR on it first"),
    "PDF.NO_TEXT_LAYER#unmapped": (
        "该 PDF 的字形没有 Unicode 映射（字体缺少 ToUnicode 表）：无法读取其文字",
        "the PDF's glyphs have no Unicode mapping (fonts without ToUnicode): its text cannot be read",
    ),
    "PARSE.STRICT": ("{count} 个问题", "{count} problem(s)"),
    "PARSE.INTERNAL": ("解析器内部出错：{error}", "unexpected {error}"),
    "BATCH.WORKER_DIED": ("解析 {path} 的工作进程意外终止", "the worker process parsing {path} died"),
    # ------------------------------------------------------------------ reading the input
    "HTML.ENCODING#bom": ("{codec} 字节顺序标记之后的字节不是有效的 {codec} 编码",
                          "bytes after the {codec} byte-order mark are not valid {codec}"),
    "HTML.ENCODING#unknown": ("页面声明的字符集“{declared}”无法识别", "unknown declared charset {declared!r}"),
    "HTML.ENCODING#single_byte": ("页面声明编码为“{declared}”，但该声明本身是单字节文本",
                                  "declared {declared!r}, but the declaration itself is single-byte text"),
    "HTML.ENCODING#latin1": ("已忽略页面声明的编码“{declared}”：中文页面不会是 latin-1 编码",
                             "declared {declared!r} ignored: Chinese pages are never latin-1"),
    "HTML.ENCODING#invalid": ("页面声明编码为“{declared}”，但其字节不是有效的 {codec} 编码",
                              "declared {declared!r}, but the bytes are not valid {codec}"),
    "HTML.ENCODING#replaced": (
        "字节既不是有效的 UTF-8 也不是有效的 GB18030 编码；已按 {codec} 解码，无法识别的字节已替换",
        "bytes are neither valid UTF-8 nor GB18030; decoded as {codec} with replacements",
    ),
    "TEXT.ENCODING#cut": ("{codec} 文本在一个字符的中间结束（文件不完整？）：已舍弃最后 {count} 个字节",
                          "the {codec} text ends inside a character (a file cut short?): "
                          "its last {count} byte(s) were dropped"),
    "TEXT.ENCODING#replaced": ("字节既不是 UTF-8 也不是 GB18030 编码；无法解码的字节已替换",
                               "the bytes are neither UTF-8 nor GB18030; undecodable bytes replaced"),
    "TEXT.TRUNCATED": ("超过 {limit} 行：其余部分未读取", "more than {limit} lines: the rest was not read"),
    "HTML.TABLE_TRUNCATED": ("超出页面单元格上限的 {count} 个表格未读取",
                             "{count} table(s) past the page's cell budget were not read"),
    "DOCX.TABLE_TRUNCATED": ("超出文档单元格上限的 {count} 个表格未读取",
                             "{count} table(s) past the document's cell budget were not read"),
    "{FORMAT}.TABLE_TRUNCATED#cut": ("表格超出上限，超出部分已截去", "a table larger than the bounds was cut"),
    "TEXT.TABLE_TRUNCATED": ("“{heading}”部分的文字超过 {limit} 段；其余部分未读取",
                             "section {heading}: more than {limit} pieces of text; the rest was not read"),
    "{FORMAT}.SPAN_CLAMPED": ("{count} 个不合理的 rowspan/colspan 值已限制在上限以内",
                              "{count} absurd rowspan/colspan value(s) clamped"),
    "EDITION.YEAR_MISMATCH": ("表格为 {edition} 版格式，但报告年度为 {year} 年",
                              "the tables are of the {edition} edition, but the report year is {year}"),
    "EDITION.YEAR_MISMATCH#expected": (
        "表格为 {edition} 版格式，但报告年度为 {year} 年（该年度应使用 {expected} 版）",
        "the tables are of the {edition} edition, but the report year is {year} ({expected} edition)",
    ),
    "TEXT.NO_SECTIONS": ("六个章节标题一个也没有找到", "none of the six section headings was found"),
    # ------------------------------------------------------------------ the tables
    "{FORMAT}.ROW_MISSING": ("“{heading}”部分未找到以下行：{rows}（按空白处理）",
                             "section {heading}: no row found for {rows} (left blank)"),
    "{FORMAT}.NO_TABLES": (
        "按报告年度应使用 {edition} 版格式，但页面没有印出任何一张全国统一表格（表格是图片或附件？）",
        "a {edition}-edition report year, but the page prints none of the national tables "
        "(images or attachments?)",
    ),
    "{FORMAT}.TABLE_UNREAD": ("“{heading}”部分：原文印有该表格（可见“{text}”），但未能读取其中任何数值",
                              "section {heading}: the source prints the table ({text!r} seen) "
                              "but no value of it could be read"),
    "{FORMAT}.TABLE_MISSING": ("未找到“{heading}”部分的表格", "no table of section {heading} was found"),
    "{FORMAT}.ROW_UNPLACED": ("有一行数字不属于任何可识别的表格", "a row of numbers outside any recognised table"),
    "{FORMAT}.UNKNOWN_ROW": ("行标签“{label}”与“{heading}”部分的任何一行都不对应",
                             "row label {label!r} matches no row of section {heading}"),
    "{FORMAT}.SPAN_MISMATCH": ("{columns} 列之下有 {values} 个数值单元格；按位置读取",
                               "{values} value cell(s) under {columns} column(s); read by position"),
    "{FORMAT}.EXTRA_CELL": ("{row}：列“{column}”不在统一表格中", "{row}: column {column!r} is not on the form"),
    "{FORMAT}.SUBTOTAL_UNREADABLE": ("{row}：小计“{text}”不是数字", "{row}: 小计 {text!r} is not a number"),
    "{FORMAT}.SUBTOTAL_MISMATCH": (
        "{row}：法人或其他组织小计印为 {printed}，五列之和为 {computed}（相差 {difference}）",
        "{row}: 法人或其他组织 小计 printed {printed}, the five columns sum to {computed} (difference {difference})",
    ),
    "TEXT.UNLABELLED_VALUES": ("“{heading}”部分有 {count} 个数值前面没有行标签：“{text}”",
                               "{count} value(s) in section {heading} follow no row label: {text!r}"),
    "TEXT.UNLABELLED_VALUES#more": ("“{heading}”部分另有 {count} 处没有行标签的数值，不再逐一列出",
                                    "section {heading}: {count} more runs of values without a row label "
                                    "not listed one by one"),
    "TEXT.UNLABELLED_VALUES#unplaced": (
        "“{heading}”部分有 {lost} 处整行的数值没有归属（前面没有行标签，或超出某行的单元格数），"
        "另有 {count} 行未读到数值（{rows}）：这些行按空白读取，但上述数值可能属于它们",
        "section {heading}: {lost} row-sized run(s) of values were left over (no row label, or past a row's cells), "
        "and {count} row(s) were read with no value ({rows}): their cells are read blank, though the values may be "
        "theirs",
    ),
    "TEXT.DUPLICATE_ROW": ("{row} 行重复出现；保留第一次出现的数值", "row {row} printed again; kept the first"),
    "TEXT.DUPLICATE_ROW#more": ("“{heading}”部分另有 {count} 处重复的行，不再逐一列出",
                                "section {heading}: {count} more repeated rows not listed one by one"),
    "TEXT.OTHER_ROWS": ("第三部分的（六）既印为一行，又印为若干子行；保留子行",
                        "section 三 prints （六） both as one row and as sub-rows; kept the sub-rows"),
    "TEXT.SUBTOTAL#split": ("{row}：从连在一起的数字中拆出法人或其他组织小计“{text}”，已核对，不单独保存",
                            "{row}: 法人或其他组织 subtotal {text!r} split out of the glued run, checked, not stored"),
    "TEXT.SUBTOTAL#mismatch": ("{row}：法人或其他组织小计印为 {printed}，但其五列之和为 {computed}；不单独保存",
                               "{row}: 法人或其他组织 subtotal printed {printed}, but its five columns add up to "
                               "{computed}; not stored"),
    "TEXT.SUBTOTAL#checked": ("{row}：法人或其他组织小计“{text}”已核对，不单独保存",
                              "{row}: 法人或其他组织 subtotal {text!r} checked, not stored"),
    "TEXT.EXTRA_VALUES": ("{row}：{cells} 个单元格对应 {count} 个数值；多出的“{text}”已忽略",
                          "{row}: {count} values for {cells} cells; ignored {text!r}"),
    "TEXT.EXTRA_VALUES#glued": ("{row}：{cells} 个单元格对应 {count} 个数值；"
                                "合为一串连在一起的数字，按该行的勾稽关系拆分",
                                "{row}: {count} values for {cells} cells; read together as one glued run and cut by "
                                "the row's arithmetic"),
    "TEXT.EXTRA_VALUES#review_glued": ("第四部分：{cells} 个单元格对应 {count} 个数值；合为一串连在一起的数字，"
                                       "按各栏的勾稽关系拆分",
                                       "section 四: {count} values for {cells} cells; read together as one glued run "
                                       "and cut by the blocks' arithmetic"),
    "TEXT.EXTRA_VALUES#padding": ("{row}：{cells} 个单元格对应 {count} 个数值，两端都有空白单元格，"
                                  "无法确定哪一端是合并单元格留下的空位；按前一种读法读取",
                                  "{row}: {count} values for {cells} cells, blank at both ends: which end is the "
                                  "padding of a spanned cell is not known; kept the first reading"),
    "TEXT.EXTRA_VALUES#review": ("第四部分：{cells} 个单元格对应 {count} 个数值；按顺序读取前面的数值",
                                 "section 四: {count} values for {cells} cells; read the first ones"),
    "PDF.SEVERAL_NUMBERS": ("{key}：一个单元格内有多个数字“{text}”，旁边也没有空白单元格",
                            "{key}: one cell holds several numbers {text!r} and no blank cell beside it"),
    # ------------------------------------------------------------------ the cells
    "CELL.UNREADABLE": ("{key}：无法将“{text}”识读为数字", "{key}: cannot read {text!r} as a number"),
    "CELL.PLACEHOLDER": ("{key}：此处应为数字，印的是占位符“{text}”",
                         "{key}: placeholder {text!r} instead of a number"),
    "CELL.DUPLICATE": ("{key} 印了两次：保留 {kept}，忽略 {ignored}",
                       "{key} printed twice: kept {kept!r}, ignored {ignored!r}"),
    # ------------------------------------------------------------------ glued digits
    "SPLIT.UNCONFIRMED": (
        "连在一起的数字“{text}”仅凭数字位数被拆为 {pieces}；没有任何合计或正文数字能印证，"
        "每一串也可能是一个数字，旁边为空白单元格",
        "the run(s) {text!r} were cut into {pieces} by their digits alone; no sum or stated figure confirms it, "
        "and each may be one number beside blank cells",
    ),
    "SPLIT.UNCONFIRMED#no_sums": (
        "连在一起的数字“{text}”被拆为 {pieces}，但未经表格合计印证（该表另有一行无法拆分）；"
        "其中可能隐含空白单元格",
        "the run(s) {text!r} were cut into {pieces} without the table's sums "
        "(another row of it cannot be cut); blank cells may be hidden",
    ),
    "SPLIT.UNCONFIRMED#blank_total": (
        "该行印出的数值“{text}”少于单元格数，按空白读取了合计 {key}：合计未能印证该行，"
        "各数值所在的列也未经印证（合计一列可能未印出，例如超出了页面）",
        "the row printed fewer values ({text!r}) than cells, and its total {key} was read blank: no sum "
        "confirms the row, nor which column each value stands in (the total column may be missing, "
        "e.g. past the page's edge)",
    ),
    "SPLIT.IMPOSSIBLE": ("印出的 {runs} 串数字“{text}”无法拆分到 {count} 个单元格 {cells}",
                         "{runs} printed run(s) {text!r} cannot be cut into the {count} cells {cells}"),
    "SPLIT.AMBIGUOUS": ("{cells} 印出的数字有 {count} 种拆法都成立；保留最合理的一种（{pieces}）",
                        "{count} splits fit the printed digits for {cells}; kept the most plausible ({pieces})"),
    "SPLIT.INCONSISTENT": (
        "{first} … {last} 连在一起的数字无论怎样拆分，都不能满足表中印出的勾稽关系（{broken}）；"
        "保留最合理的拆法——核对结果将指出发布机关的错误",
        "no split of the glued runs for {first} … {last} satisfies the printed arithmetic ({broken}); "
        "kept the most plausible split — the check will report the publisher's error",
    ),
    "SPLIT.CAP": ("{first} … {last} 的拆分搜索达到上限；保留已找到的最佳拆法",
                  "the search for a split of {first} … {last} hit its bound; kept the best split found"),
}

# The check's findings (checks/_rules.py). Placeholders: {scope} {cell} {printed} {computed}
# {difference} {relation} {year} {prev_year} {detail} {expected_edition}, all derived from the
# finding's fields by checks/_messages.py.
_FINDINGS: dict[str, tuple[str, str]] = {
    "T3.BALANCE": ("{scope} 列不平衡：本年新收加上年结转为 {printed}，"
                   "办理结果总计加结转下年为 {computed}，相差 {difference}",
                   "column {scope} does not balance: new + carried over = {printed}, "
                   "handled total + carried forward = {computed} (difference {difference})"),
    "T3.RESULT_SUM": ("{scope} 列（七）总计印为 {printed}，各项办理结果之和为 {computed}，相差 {difference}",
                      "column {scope}: (七) total printed {printed}, "
                      "results sum to {computed} (difference {difference})"),
    "T3.ROW_TOTAL": ("{scope} 行总计印为 {printed}，各类申请人之和为 {computed}，相差 {difference}",
                     "row {scope}: total printed {printed}, applicant columns sum to {computed} "
                     "(difference {difference})"),
    "T4.BLOCK_SUM": ("{scope} 总计印为 {printed}，维持、纠正、其他、尚未审结之和为 {computed}，相差 {difference}",
                     "{scope}: total printed {printed}, upheld + corrected + other + pending = {computed} "
                     "(difference {difference})"),
    "T.NOT_ASSESSABLE": ("{relation}（{scope}）无法核对：总计单元格 {cell} 未填写（空白或非数字）；"
                         "由各项推算为 {computed}",
                         "{relation} ({scope}) cannot be assessed: total cell {cell} is not filled "
                         "(blank or not a number); its parts give {computed}"),
    "VALUE.NEGATIVE": ("{cell} 为负数 {printed}，该数量不能为负",
                       "{cell} is negative ({printed}); a count or amount cannot be"),
    "VALUE.PLACEHOLDER": ("{cell} 印为占位符“{detail}”，此处应为数字（求和时按空白计）",
                          "{cell} holds the placeholder {detail!r} where a number belongs (summed as blank)"),
    "VALUE.UNREADABLE": ("{cell} 的内容“{detail}”无法识读为数字（求和时按空白计）",
                         "{cell} holds {detail!r}, which is not a number (summed as blank)"),
    "S.LEGACY": ("本报告为旧版（2019 年以前）格式，没有全国统一表格，勾稽关系不适用，未作核对",
                 "the report is of the legacy (pre-2019) edition: it has no national tables, the form's "
                 "arithmetic does not apply and nothing of it was checked"),
    "S.NOTHING_CHECKED": ("没有任何一项勾稽关系可以核对：各表格缺失、全部空白或未能读取",
                          "not one sum of the form could be checked: every table is missing, blank or unread"),
    "S.TABLE_MISSING": ("缺少表格：{detail}（{scope}）", "table missing: {detail} ({scope})"),
    "S.TABLE_NOT_ASSESSED": ("表格 {detail}（{scope}）在原文中可见，但解析器未能读取其数值（{relation}），"
                             "该表未作核对；这不是发布机关的错误",
                             "table {detail} ({scope}) is printed in the source, but the parser could not read its "
                             "values ({relation}); it was not checked, and this is no fault of the publisher"),
    "S.TABLE_EMPTY": ("表格 {detail}（{scope}）存在但全部空白",
                      "table {detail} ({scope}) is present but entirely blank"),
    "S.SECTION_MISSING": ("缺少章节：{detail}（{scope}）", "section missing: {detail} ({scope})"),
    "S.NO_PROSE": ("报告没有任何文字章节（总体情况、存在的主要问题、其他需要报告的事项），仅有表格",
                   "the report has no prose section (overview, problems, other matters), only tables"),
    "S.EDITION_YEAR": ("{year} 年度报告使用了 {detail} 版格式的表格，该年度应使用 {expected_edition} 版",
                       "a {year} report printed on {detail}-edition tables; that year uses the "
                       "{expected_edition} edition"),
    "X.CARRY_OVER": ("{scope} 列：{year} 年上年结转为 {printed}，{prev_year} 年结转下年度继续办理为 {computed}，"
                     "相差 {difference}",
                     "column {scope}: carried over in {year} is {printed}, carried forward in {prev_year} is "
                     "{computed} (difference {difference})"),
    "X.IN_FORCE": ("{scope}：{year} 年现行有效件数为 {printed}，按上年现行有效加本年制发减本年废止应为 {computed}，"
                   "相差 {difference}",
                   "{scope}: in force in {year} is {printed}; last year's in force + issued - repealed = "
                   "{computed} (difference {difference})"),
    "X.TOTAL_PUBLISHED": ("{scope}：{year} 年对外公开总数量为 {printed}，按上年总数加本年新公开应为 {computed}，"
                          "相差 {difference}",
                          "{scope}: total published in {year} is {printed}; last year's total + new published = "
                          "{computed} (difference {difference})"),
    "X.DUPLICATE_YEAR": ("{year} 年度有多份报告（{detail}），涉及该年度的跨年核对已跳过",
                         "several reports for {year} ({detail}); cross-year checks touching {year} skipped"),
    "X.GAP": ("缺少 {detail} 年度的报告，{year} 年无法与上一年度核对",
              "no report for {detail}; {year} cannot be compared with the year before"),
    "X.NO_YEAR": ("报告 {detail} 没有年度，未参加跨年核对",
                  "report {detail} has no year and takes no part in cross-year checks"),
    "N.CLAIM": ("正文（{scope}）所述数字为 {printed}，表格中对应的数字为 {computed}，相差 {difference}：“{detail}”",
                "the prose ({scope}) states {printed} where the tables give {computed} (difference {difference}): "
                "“{detail}”"),
    "Q.PROBLEMS_EMPTY": ("第五部分（存在的主要问题及改进情况）没有实际内容",
                         "section 五 (main problems and improvements) says nothing"),
    "Q.FEES_SILENT": ("第六部分（其他需要报告的事项）未说明信息处理费的收取情况",
                      "section 六 (other matters) does not say whether any 信息处理费 was charged"),
    "Q.COPIED_PROSE": ("{year} 年报告的正文约 {computed}% 与报告 {detail} 逐字相同（数字除外）",
                       "about {computed}% of the prose of the {year} report is word for word that of report {detail} "
                       "(digits aside)"),
}

#: The codes of the check's findings (a subset of :data:`MESSAGES`).
FINDING_CODES = frozenset(_FINDINGS)

_OCR = ("扫描件须先进行文字识别（OCR）；本库读取的是文字（HTML、纯文本、Markdown、Word .docx、带文字层的 PDF）",
        "a scanned report needs OCR first: this library reads text (HTML, text, Markdown, Word .docx, "
        "a PDF with a text layer)")
_RESAVE = ("请另存为 .docx 或 PDF 后再解析", "save it as .docx or PDF and parse that")
_ARCHIVE = ("请先从压缩包中取出报告", "take the report out of the archive first")
_NOT_REPORT = ("这不是本库读取的报告格式（HTML、纯文本、Markdown、Word .docx、PDF）",
               "not a report format this library reads (HTML, text, Markdown, Word .docx, PDF)")

# What a source is (``format.<sniffed format>``) and what to do with it (``advice.<format>``).
_SOURCES: dict[str, tuple[tuple[str, str], tuple[str, str]]] = {
    "png": (("PNG 图片", "a PNG image"), _OCR),
    "jpeg": (("JPEG 图片", "a JPEG image"), _OCR),
    "gif": (("GIF 图片", "a GIF image"), _OCR),
    "tiff": (("TIFF 图片", "a TIFF image"), _OCR),
    "bmp": (("BMP 图片", "a BMP image"), _OCR),
    "webp": (("WebP 图片", "a WebP image"), _OCR),
    "gzip": (("gzip 压缩数据", "gzip-compressed data"), ("请先解压", "decompress it first")),
    "rar": (("RAR 压缩包", "a RAR archive"), _ARCHIVE),
    "7z": (("7-Zip 压缩包", "a 7-Zip archive"), _ARCHIVE),
    "zip": (("ZIP 压缩包", "a ZIP archive"), _ARCHIVE),
    "rtf": (("RTF 文档", "an RTF document"), _RESAVE),
    "xlsx": (("Excel 工作簿（.xlsx）", "an Excel workbook (.xlsx)"), _NOT_REPORT),
    "pptx": (("PowerPoint 演示文稿（.pptx）", "a PowerPoint presentation (.pptx)"), _NOT_REPORT),
    "odt": (("OpenDocument 文本（.odt）", "an OpenDocument text (.odt)"), _RESAVE),
    "ods": (("OpenDocument 电子表格（.ods）", "an OpenDocument spreadsheet (.ods)"), _NOT_REPORT),
    "epub": (("EPUB 电子书", "an EPUB book"), _NOT_REPORT),
    "ofd": (("OFD 版式文档", "an OFD document"), ("请另存为 PDF 后再解析", "save it as PDF and parse that")),
    "doc": (("Word 97–2003 文档（.doc）", "a Word 97–2003 document (.doc)"), _RESAVE),
    "wps": (("WPS 文字文档（.wps）", "a WPS Writer document (.wps)"), _RESAVE),
    "xls": (("Excel 97–2003 或 WPS 表格（.xls/.et）", "an Excel 97–2003 or WPS spreadsheet (.xls/.et)"), _NOT_REPORT),
    "ppt": (("PowerPoint 97–2003 或 WPS 演示文稿（.ppt/.dps）", "a PowerPoint 97–2003 or WPS presentation (.ppt/.dps)"),
            _NOT_REPORT),
    "encrypted": (("设有密码的 Office 文档", "a password-protected Office document"),
                  ("请解除密码，再" + _RESAVE[0], "remove the password and " + _RESAVE[1])),
    "ole2": (("OLE2 复合文档（旧版 Office 或 WPS 格式）", "an OLE2 compound file (an old Office or WPS format)"),
             _RESAVE),
    "binary": (("格式不明的二进制数据", "binary data of an unknown format"), _NOT_REPORT),
    "undecodable": (("一段既不是 UTF-8 也不是 GB18030 编码（也不是页面声明的字符集）的无损文本的字节",
                     "the bytes are no text in UTF-8 or GB18030 (nor in a charset the page declares) without damage"),
                    ("如果这是一份报告，请另存为 UTF-8 编码的文本或 HTML",
                     "if it is a report, save it again as UTF-8 text or HTML")),
}

_WORDS: dict[str, tuple[str, str]] = {
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "anchors.sections": ("{count} 个章节标题", "{count} section heading(s)"),
    "anchors.labels": ("{count} 个表格标签", "{count} table label(s)"),
    "anchors.title": ("报告标题", "a report title"),
    "anchors.none": ("无", "none"),
    "blank": ("空白", "blank"),
    # the end of a finding's message: the single-cell repair that explains it, if any
    "repair.one": ("。若只有一格有误，应为 {cell} = {value}。", ". If one cell is wrong, it is {cell} = {value}."),
    "repair.several": ("。有 {count} 种单格修正都能解释此错误，无法确定：{repairs}。",
                       ". {count} single-cell repairs explain this equally well, cannot tell which: {repairs}."),
    "repair.none": ("。", "."),
    "split.basis_missing": ("某行或某栏的总计", "a row or block total"),
    # why the operating system refused a file (``os.<errno name>``); the English is the OS's
    # (the Chinese as the command line says them, _cli_text.py)
    "os.ENOENT": ("没有这个文件或文件夹", "No such file or directory"),
    "os.EACCES": ("没有权限", "Permission denied"),
    "os.EPERM": ("没有权限", "Operation not permitted"),
    "os.EISDIR": ("这是文件夹，不是文件", "Is a directory"),
    "os.ENOTDIR": ("路径中有一部分是文件，不是文件夹", "Not a directory"),
    "os.ELOOP": ("符号链接层数过多", "Too many levels of symbolic links"),
    "os.ENAMETOOLONG": ("名称过长", "File name too long"),
    "os.EIO": ("读写错误（磁盘损坏或网络驱动器断开）", "Input/output error"),
    "os.EMFILE": ("打开的文件过多", "Too many open files"),
    "os.EBUSY": ("设备或资源忙", "Device or resource busy"),
    "os.ETIMEDOUT": ("连接超时", "Connection timed out"),
}
for _fmt, (_what, _advice) in _SOURCES.items():
    _WORDS[f"format.{_fmt}"] = _what
    _WORDS[f"advice.{_fmt}"] = _advice


def _by_lang(table: Mapping[str, tuple[str, str]]) -> Mapping[str, Mapping[Lang, str]]:
    return MappingProxyType({
        key: MappingProxyType({"zh": zh, "en": en}) for key, (zh, en) in table.items()
    })


#: Message templates: message id (``CODE`` or ``CODE#variant``) → language → template (read-only).
MESSAGES: Mapping[str, Mapping[Lang, str]] = _by_lang({**_PARSE, **_FINDINGS})

#: Words and phrases used inside messages (severities, what a file is, why the OS refused it).
PHRASES: Mapping[str, Mapping[Lang, str]] = _by_lang(_WORDS)


@attrs.frozen
class Phrase:
    """Words inside a message, said in the message's language: ``key`` in :data:`PHRASES`,
    with its own arguments (a tuple of ``(name, value)`` pairs, so that it pickles and hashes).

    >>> render("SOURCE.UNSUPPORTED", {"what": phrase("format.png"), "advice": phrase("advice.zip")}, "en")
    'a PNG image, not a report this library can read: take the report out of the archive first'
    """

    key: str
    params: tuple[tuple[str, object], ...] = ()

    def text(self, lang: Lang) -> str:
        """The phrase in ``lang`` (its key where the catalogue has none)."""
        templates = PHRASES.get(self.key)
        if templates is None:
            return self.key
        return templates[lang].format_map(_values(dict(self.params), lang))


def phrase(key: str, **params: object) -> Phrase:
    """A :class:`Phrase` with named arguments: ``phrase("anchors.sections", count=2)``."""
    return Phrase(key, tuple(params.items()))


def os_reason(exc: BaseException) -> Phrase | str:
    """Why the operating system refused a file: a :class:`Phrase` for the errors the catalogue
    names (``os.EACCES`` …), else the error's own text.

    >>> os_reason(PermissionError(13, "Permission denied")).text("zh")
    '没有权限'
    """
    if isinstance(exc, OSError):
        name = errno.errorcode.get(exc.errno or -1)
        if name is not None and f"os.{name}" in PHRASES:
            return phrase(f"os.{name}")
        if exc.strerror:
            return exc.strerror
    return str(exc)


def split_id(message_id: str) -> tuple[str, str]:
    """``(code, variant)`` of a message id: ``"PDF.CORRUPT#empty"`` → ``("PDF.CORRUPT", "empty")``."""
    code, _sep, variant = message_id.partition("#")
    return code, variant


def template(code: str, variant: str = "") -> Mapping[Lang, str] | None:
    """The templates of ``code`` (and ``variant``): the exact id's, else its ``{FORMAT}`` family's."""
    message_id = f"{code}#{variant}" if variant else code
    found = MESSAGES.get(message_id)
    if found is None and "." in message_id:
        found = MESSAGES.get(FAMILY + message_id[message_id.index("."):])
    return found


def _value(value: object, lang: Lang) -> object:
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, (tuple, list)):
        return ("、" if lang == "zh" else ", ").join(str(_value(v, lang)) for v in value)
    return value


def _values(params: Mapping[str, object], lang: Lang) -> dict[str, object]:
    return {name: _value(value, lang) for name, value in params.items()}


def render(code: str, params: Mapping[str, object], lang: Lang, variant: str = "") -> str:
    """The message of ``code`` (its ``variant``) with ``params`` in ``lang`` (already checked).

    A code the catalogue does not know (a hand-built record) is said as the code and its
    arguments.

    >>> render("PDF.NO_TEXT_LAYER", {"pages": 3}, "zh")
    '全部 3 页都没有文字层（扫描件？）：请先进行文字识别（OCR）'
    >>> render("X.UNKNOWN", {"a": 1}, "en")
    'X.UNKNOWN: a=1'
    """
    templates = template(code, variant)
    values = _values(params, lang)
    if templates is None:
        listed = ", ".join(f"{name}={value}" for name, value in values.items())
        return f"{code}: {listed}" if listed else code
    return templates[lang].format_map(values)
