"""The figures a report states in its prose about its own tables: :class:`Claim` and :func:`claims`.

A claim is a keyword of the form (收到, 上年结转, 予以公开, 行政复议, 制发规范性文件 …) followed,
within the same clause, by a number and its unit (``258件``). Reading is conservative: a
figure is taken only where the wording is recognised, and a recognised figure whose meaning
is not certain (a whole city's count in a department's report, a part of an earlier figure,
a review count that may not be about disclosure) is kept with its :attr:`Claim.ambiguity`
set, so that no check ever acts on it.
"""

from __future__ import annotations

import bisect
import enum
import functools
import re
from collections.abc import Iterable, Iterator, Mapping
from types import MappingProxyType
from typing import Final, NamedTuple

import attrs

from .._hanzi import HANZI, fold_hanzi
from ..model import AnnualReport, Edition, Placeholder, Unreadable
from ._numerals import NUMBER, read_number

__all__ = ["Claim", "ClaimSubject", "claims", "first_claims", "prose_texts", "split_sentences"]


class ClaimSubject(str, enum.Enum):
    """What a stated figure counts."""

    RECEIVED = "received"
    """收到 / 受理 N件 (申请): the year's new requests, or, as some reports count, with those carried over."""
    NEW_RECEIVED = "new_received"
    """新收 N件: the year's new requests."""
    HANDLED = "handled"
    """办结 / 答复 N件: requests handled (（七）总计)."""
    PROCESSED = "processed"
    """办理 / 处理 N件 (申请): handled, or received — the words serve for both."""
    CARRIED_OVER = "carried_over"
    """上年结转 N件."""
    CARRIED_FORWARD = "carried_forward"
    """结转下年度 N件."""
    GRANTED = "granted"
    """予以公开 N件."""
    PARTIALLY_GRANTED = "partially_granted"
    """部分公开 N件."""
    WITHHELD = "withheld"
    """不予公开 N件: the eight （三） rows together."""
    UNAVAILABLE = "unavailable"
    """无法提供 N件: the three （四） rows together."""
    REJECTED = "rejected"
    """不予处理 N件: the five （五） rows together."""
    OTHER_HANDLING = "other_handling"
    """其他处理 N件: （六） as printed."""
    REVIEW = "review"
    """行政复议 N件."""
    LITIGATION = "litigation"
    """行政诉讼 N件: both 行政诉讼 blocks together."""
    NORMATIVE_ISSUED = "normative_issued"
    """制发 (行政)规范性文件 N件."""
    NORMATIVE_REPEALED = "normative_repealed"
    """废止 (行政)规范性文件 N件."""
    NORMATIVE_IN_FORCE = "normative_in_force"
    """现行有效 (行政)规范性文件 N件."""
    REGULATIONS_ISSUED = "regulations_issued"
    """制发规章 N件."""
    REGULATIONS_REPEALED = "regulations_repealed"
    """废止规章 N件."""
    REGULATIONS_IN_FORCE = "regulations_in_force"
    """现行有效规章 N件."""
    PROACTIVE_ITEMS = "proactive_items"
    """主动公开政府信息 N条: no table holds it."""

    def __str__(self) -> str:
        return self.value


_S = ClaimSubject


@attrs.frozen
class Claim:
    """One figure the prose states about the report's own tables.

    ``value`` is the number as stated (``十二件`` → 12). ``subjects`` says what it counts:
    one subject, or several when the prose joins them (予以公开及部分公开258件 is
    ``(GRANTED, PARTIALLY_GRANTED)``). ``keys`` are the stable keys of the cells whose sum the
    figure states, for this report's edition and layout; ``()`` when no table holds the
    figure (主动公开政府信息N条, or any figure of a legacy report). ``alternatives`` are other
    sums the same wording is used for in real reports (收到N件 counts the new requests, or
    the new and the carried-over together); a figure agrees with the tables when it equals
    the sum of ``keys`` or of any alternative.

    ``section`` names where it stands (``"intro"``, ``"overview"``, ``"problems"``,
    ``"other_matters"`` or ``"extra_sections.0"``…), ``offset`` the character offset of the
    phrase (``text``) in that section's text, and ``sentence`` the whole sentence.

    ``ambiguity`` is ``None`` when the meaning is clear; otherwise why it is not:
    ``"scope"`` (the sentence speaks of a wider scope — 全市, 各部门 — than the report's own),
    ``"part"`` (a part of an earlier figure — after 其中 — or of one kind of applicant, one
    channel or one topic: 自然人, 网上, 涉及…), ``"topic"`` (a 行政复议/行政诉讼 count in a
    sentence that does not say it is about disclosure, a result count after talk of 公文 rather
    than 申请, documents reviewed or filed rather than issued), ``"joined"`` (joined to a figure
    of another kind), ``"year"`` (the sentence is about another year than the report's).
    Ambiguous claims are never checked.
    """

    value: int
    subjects: tuple[ClaimSubject, ...]
    keys: tuple[str, ...]
    sentence: str
    section: str
    offset: int
    text: str
    alternatives: tuple[tuple[str, ...], ...] = ()
    ambiguity: str | None = None

    def readings(self) -> tuple[tuple[str, ...], ...]:
        """Every sum the figure may state: ``keys`` first, then the alternatives (none when no table holds it)."""
        return (self.keys, *self.alternatives) if self.keys else ()

    def table_value(self, report: AnnualReport, keys: tuple[str, ...] | None = None) -> int | None:
        """The sum of ``keys`` (default: :attr:`keys`) in ``report``'s tables; ``None`` when unknown.

        A blank total is taken from its parts, as the checker does (the six applicant columns of
        a section 三 row, the four results of a section 四 block); a placeholder counts as blank.
        A cell blank with all its parts blank counts 0 beside filled cells; the sum is ``None``
        when every cell is blank, when one is unreadable, or when there are no keys.
        """
        return table_sum(report, self.keys if keys is None else keys)


# ------------------------------------------------------------------ table values

_REQUEST_PARTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other")
_REVIEW_PARTS = ("upheld", "corrected", "other", "pending")


class _Unknown(enum.Enum):
    UNKNOWN = "unknown"


_UNKNOWN: Final = _Unknown.UNKNOWN


def _plain(report: AnnualReport, key: str) -> int | _Unknown | None:
    try:
        value = report.cell(key)
    except (KeyError, ValueError):
        return _UNKNOWN
    if value is None or isinstance(value, Placeholder):
        return None
    if isinstance(value, Unreadable) or not isinstance(value, int):
        return _UNKNOWN
    return value


def _cell(report: AnnualReport, key: str) -> int | _Unknown | None:
    value = _plain(report, key)
    table, row, column = key.split(".")
    if value is not None or column != "total":
        return value
    parts = _REQUEST_PARTS if table == "requests" else _REVIEW_PARTS if table == "review_litigation" else ()
    total: int | None = None
    for part in parts:
        got = _plain(report, f"{table}.{row}.{part}")
        if got is _UNKNOWN:
            return _UNKNOWN
        if isinstance(got, int):
            total = (total or 0) + got
    return total


def table_sum(report: AnnualReport, keys: tuple[str, ...]) -> int | None:
    """The sum of the cells ``keys`` name, blank totals taken from their parts; ``None`` when unknown."""
    total: int | None = None
    for key in keys:
        got = _cell(report, key)
        if got is _UNKNOWN:
            return None
        if isinstance(got, int):
            total = (total or 0) + got
    return total


def _keys_for(subject: ClaimSubject, report: AnnualReport) -> tuple[tuple[str, ...], ...]:
    """The readings of one subject in ``report``: the primary key tuple first, then alternatives."""
    edition = report.edition
    if edition is Edition.LEGACY:
        return ()

    def req(*rows: str) -> tuple[str, ...]:
        return tuple(f"requests.{row}.total" for row in rows)

    if subject is _S.NEW_RECEIVED:
        return (req("new_received"),)
    if subject is _S.RECEIVED:
        return req("new_received"), req("new_received", "carried_over")
    if subject is _S.HANDLED:
        return (req("total_handled"),)
    if subject is _S.PROCESSED:
        return req("total_handled"), req("new_received"), req("new_received", "carried_over")
    if subject is _S.CARRIED_OVER:
        return (req("carried_over"),)
    if subject is _S.CARRIED_FORWARD:
        return (req("carried_forward"),)
    if subject is _S.GRANTED:
        return (req("granted"),)
    if subject is _S.PARTIALLY_GRANTED:
        return (req("partially_granted"),)
    if subject in (_S.WITHHELD, _S.UNAVAILABLE, _S.REJECTED):
        prefix = {_S.WITHHELD: "withheld_", _S.UNAVAILABLE: "unavailable_", _S.REJECTED: "rejected_"}[subject]
        rows = [row.key for row in report.spec.table("requests").rows if row.key.startswith(prefix)]
        return (req(*rows),)
    if subject is _S.OTHER_HANDLING:
        if report.prints_single_other_row:
            return (req("other_handling"),)
        return (req("other_no_correction", "other_no_fee_paid", "other_other"),)
    if subject is _S.REVIEW:
        return (("review_litigation.review.total",),)
    if subject is _S.LITIGATION:
        return (("review_litigation.litigation_direct.total", "review_litigation.litigation_after_review.total"),)
    documents = {
        _S.NORMATIVE_ISSUED: ("normative_documents", "issued"),
        _S.NORMATIVE_REPEALED: ("normative_documents", "repealed"),
        _S.NORMATIVE_IN_FORCE: ("normative_documents", "in_force"),
        _S.REGULATIONS_ISSUED: ("regulations", "issued"),
        _S.REGULATIONS_REPEALED: ("regulations", "repealed"),
        _S.REGULATIONS_IN_FORCE: ("regulations", "in_force"),
    }
    if subject in documents:
        row, column = documents[subject]
        if edition is Edition.V2021:
            return ((f"proactive.{row}.{column}",),)
        if column == "issued":  # 2019 edition: 本年新制作数量, or 本年新公开数量
            return (f"proactive.{row}.new_made",), (f"proactive.{row}.new_published",)
        return ()  # 2019 edition: no 废止 or 现行有效 column (对外公开总数量 is not 现行有效)
    return ()  # PROACTIVE_ITEMS: no table holds it


# ------------------------------------------------------------------ the vocabulary


@attrs.frozen
class _Keyword:
    subjects: tuple[ClaimSubject, ...]
    pattern: str
    family: str
    """``request`` (needs 申请 after it), ``result``, ``case`` (复议/诉讼), ``carry``, ``document``, ``proactive``."""


_DOC_NOUN = r"(?:的|了)?(?:行政)?规范性文件"
_REG_NOUN = r"(?:的|了)?(?:政府)?规章"
_ISSUE = r"(?:新制发|制发|印发|出台|制定)"
_NEXT_YEAR = r"(?:下一?年度?|\d{4}年度?)"

# Order matters: at one position the first pattern that matches wins, so the specific
# come before the general (全部或部分公开 before 部分公开, 新收 before 收到).
_KEYWORDS: tuple[_Keyword, ...] = (
    _Keyword((_S.GRANTED, _S.PARTIALLY_GRANTED), r"全部或部分公开|全部(?:及|和)部分公开", "result"),
    _Keyword((_S.GRANTED,), r"予以公开|同意公开|全部公开", "result"),
    _Keyword((_S.PARTIALLY_GRANTED,), r"部分公开", "result"),
    _Keyword((_S.WITHHELD,), r"不予公开", "result"),
    _Keyword((_S.UNAVAILABLE,), r"无法提供", "result"),
    _Keyword((_S.REJECTED,), r"不予处理", "result"),
    _Keyword((_S.OTHER_HANDLING,), r"其他处理", "result"),
    _Keyword((_S.NORMATIVE_ISSUED,), _ISSUE + _DOC_NOUN, "document"),
    _Keyword((_S.NORMATIVE_REPEALED,), r"废止" + _DOC_NOUN, "document"),
    _Keyword((_S.NORMATIVE_IN_FORCE,), r"现行有效" + _DOC_NOUN, "document"),
    _Keyword((_S.REGULATIONS_ISSUED,), _ISSUE + _REG_NOUN, "document"),
    _Keyword((_S.REGULATIONS_REPEALED,), r"废止" + _REG_NOUN, "document"),
    _Keyword((_S.REGULATIONS_IN_FORCE,), r"现行有效" + _REG_NOUN, "document"),
    _Keyword((_S.CARRIED_OVER,), r"上一?年度?结转|结转上一?年度?", "carry"),
    _Keyword(
        (_S.CARRIED_FORWARD,),
        rf"结转(?:至|到|入)?{_NEXT_YEAR}(?:继续)?(?:办理|答复|处理)?|转入{_NEXT_YEAR}(?:继续)?(?:办理|答复|处理)?",
        "carry",
    ),
    _Keyword((_S.NEW_RECEIVED,), r"新收到?|新接收", "request"),
    _Keyword((_S.RECEIVED,), r"收到|受理|接收", "request"),
    _Keyword((_S.HANDLED,), r"办结|答复|办理完毕|处理完毕", "request"),
    _Keyword((_S.PROCESSED,), r"办理|处理", "request"),
    _Keyword((_S.REVIEW,), r"行政复议", "case"),
    _Keyword((_S.LITIGATION,), r"行政诉讼|(?<!复议后)(?<!民事)(?<!刑事)诉讼", "case"),
    _Keyword((_S.PROACTIVE_ITEMS,), r"主动公开(?:了)?(?:各类|各项)?政府信息", "proactive"),
)

#: Every character a keyword can start with (a test derives it from the patterns): the regex
#: engine skips to them before it tries the alternatives one by one at each position.
_KEYWORD_STARTS = "上不主予全其出制办印受同处废接收新无现答结行诉转部"
_KEYWORD_RE = re.compile(f"(?=[{_KEYWORD_STARTS}])(?:"
                         + "|".join(f"(?P<k{i}>{kw.pattern})" for i, kw in enumerate(_KEYWORDS)) + ")")

#: The units each family counts in.
_UNITS: Mapping[str, str] = MappingProxyType({
    "request": "件",
    "result": "件",
    "carry": "件",
    "case": "件起宗",
    "document": "件份",
    "proactive": "条",
})
#: How far (in characters) the number may stand after the keyword.
_REACH: Mapping[str, int] = MappingProxyType(
    {"request": 16, "result": 8, "carry": 14, "case": 8, "document": 6, "proactive": 4})

_FIGURE_RE = re.compile(rf"(?P<number>{NUMBER})\s*(?P<unit>[件起宗份条])(?=(?P<after>.{{0,2}}))", re.S)

#: Words between keyword and number that make the number something else than the count:
#: a change (同比增加), a ratio (占, 率), an estimate (约, 余), a cumulative or average figure,
#: a list (分别), a result of review (维持, 纠正).
_NOT_A_COUNT = re.compile(
    r"同比|较|比上|比去|增加|增长|减少|下降|上升|回落|提高|降低|占|率|约|近|超过|逾|不足|不到|以上|多于|少于"
    r"|累计|平均|分别|维持|纠正|败诉|胜诉|审结|撤诉|驳回|结果|[\d０-９，。；;！？!?：:（）()“”\"、]"
)
#: After the unit: 件次 is another unit; 余/以上/左右 make it an estimate.
_AFTER_BAD = re.compile(r"^(?:次|以上|左右|余|多)")
#: A request count must be about 信息公开 申请, not 许可 applications, petitions or hotline cases.
_OTHER_BUSINESS = re.compile(r"许可|审批|政务服务|热线|工单|信访|留言|咨询|来信|来电|投诉|建议|提案|办件|事项")
_DISCLOSURE_REQUEST = re.compile(r"信息公开申请|依申请公开|公开申请")
#: A figure about one kind of applicant, one channel or one topic is a part, not the table total.
_APPLICANT = re.compile(
    r"自然人|法人|企业|机构|组织|个人|群众|公民|律师|网上|网络|在线|当面|现场|信函|邮寄|传真|邮件|涉及|关于|有关"
)
#: Documents of others, reviewed or filed here (审核各部门制发的规范性文件), are not this report's own.
_OTHERS_DOCUMENTS = re.compile(r"审核|审查|备案|草案|征求意见")
_CONJUNCTION = re.compile(r"^(?:、|和|及|与|或|以及|及其|或者)$")
#: Families whose figures may be joined into one sum (予以公开及部分公开, 行政复议、行政诉讼).
_JOINABLE = frozenset({"result", "case"})
#: Results of something other than requests: 公文 reviewed for disclosure, proactive publication.
_NOT_REQUESTS = re.compile(r"公文|文件|主动公开|公开属性|审查|审核")
#: How far back (characters) a result count looks for the 申请 it is about.
_CONTEXT = 200
#: How far back (characters) inside a sentence scope, year, 其中 and clause starts are looked for.
_WINDOW = 300
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_OTHER_YEAR = re.compile(r"(?:上一?年度?|去年|前年)(?!结转)")

_SENTENCE_END = "。！？!?；;\n"
_SENTENCE_ENDS = re.compile(f"[{re.escape(_SENTENCE_END)}]")
_CLAUSE_END = "，,；;。：:（(）)！？!?\n"


# ------------------------------------------------------------------ scope

_LEVELS = "省市区县州旗盟镇乡"
_SCOPE_OWN = re.compile(rf"(?:全|我|本)([{_LEVELS}])(?!场|民|级|委|政府|直|域)")
_SCOPE_OTHER = re.compile(
    rf"各(?:地|级|部门|单位|有关单位|[{_LEVELS}]|街道|乡镇|县区)|[{_LEVELS}]直|全系统|全国|系统内"
)
_GOVERNMENT = re.compile(r"(?:人民政府|政府|管委会|管理委员会|行政公署|办事处)$")
_DEPARTMENT = re.compile(r"(?:办公室|办公厅|局|委员会|委|厅|中心|处|站|所|院|办|部|署|会|队|馆)$")


def _subject_level(report: AnnualReport) -> str | None:
    """The level (市, 区 …) of the government whose report this is; ``None`` for a department or unknown.

    Read from the title (淮安市人民政府2024年…报告 → 市), else from the agency.
    """
    for name in (report.title, report.agency):
        if not name:
            continue
        subject = re.sub(r"\d{4}\s*年度?", "", name)
        subject = re.sub(r"(?:政府信息公开|信息公开|政务公开).*$", "", subject).strip()
        if not subject:
            continue
        stem = _GOVERNMENT.sub("", subject)
        if stem == subject and _DEPARTMENT.search(subject):
            return None
        if stem and stem[-1] in _LEVELS:
            return stem[-1]
        return None
    return None


def _scope_doubt(prefix: str, level: str | None) -> bool:
    if _SCOPE_OTHER.search(prefix):
        return True
    return any(m.group(1) != level for m in _SCOPE_OWN.finditer(prefix))


# ------------------------------------------------------------------ text


def prose_texts(report: AnnualReport) -> Iterator[tuple[str, str]]:
    """(section key, text) of every prose part of ``report``, in printed order; empty texts skipped."""
    if report.intro:
        yield "intro", report.intro
    for key in ("overview", "problems", "other_matters"):
        section = getattr(report, key)
        if section is not None and section.text:
            yield key, section.text
    for i, extra in enumerate(report.extra_sections):
        if extra.text:
            yield f"extra_sections.{i}", extra.text


#: Characters that are an ASCII letter or digit once folded (the full-width digits fold to ASCII).
_ALNUM_FOLDED = "".join(sorted({chr(c) for c in range(128) if chr(c).isalnum()}
                               | {chr(code) for code, to in HANZI.items() if to.isascii() and to.isalnum()}))
#: The layout whitespace dropped (\s is str.isspace() for str patterns): every gap but the first
#: character of one between an ASCII letter or digit (folded) and one as printed. (It starts with
#: the space: the engine skips to one before it tries the rest.)
_DROPPED = re.compile(rf"\s(?:(?<![{re.escape(_ALNUM_FOLDED)}]\s)\s*|\s*(?![\s0-9A-Za-z]))")
_SPACE = re.compile(r"\s")


class _Offsets:
    """The offset in a text of each character of its compact form (:func:`_compact`), indexable
    as a list: worked out from the dropped gaps as far as asked, not for every character."""

    def __init__(self, text: str) -> None:
        self._gaps = _DROPPED.finditer(text)
        # (compact index, text offset) where each piece of the compact text starts
        self._compact = [0]
        self._text = [0]
        self._removed = 0  # text characters dropped before the last piece
        self._done = False

    def __getitem__(self, index: int) -> int:
        while not self._done and self._compact[-1] <= index:
            gap = next(self._gaps, None)
            if gap is None:
                self._done = True
                break
            self._compact.append(gap.start() - self._removed)
            self._text.append(gap.end())
            self._removed += gap.end() - gap.start()
        piece = bisect.bisect_right(self._compact, index) - 1
        return self._text[piece] + index - self._compact[piece]


def _compact(text: str) -> tuple[str, _Offsets]:
    """``text`` without layout whitespace, and the offset in ``text`` of each kept character.

    Whitespace is dropped except one space between two ASCII letters or digits, so that a
    PDF line break inside a word (答\\n复) or around a number (申请 3119 件) does not matter.
    Traditional characters are folded to simplified ones (one for one: offsets hold), so that
    keywords match a 繁體 page as they match its simplified twin.
    Made by two passes of the regex engine over the text; the offsets are worked out when read.
    """
    compact = _SPACE.sub(" ", _DROPPED.sub("", text))  # each gap kept is one space
    return fold_hanzi(compact), _Offsets(text)


def split_sentences(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each sentence of ``text``: ends at 。！？；(or a line break), the mark included."""
    start = 0
    for end in _SENTENCE_ENDS.finditer(text):
        i = end.start()
        if text[start : i + 1].strip():
            yield start, i + 1
        start = i + 1
    if text[start:].strip():
        yield start, len(text)


# ------------------------------------------------------------------ extraction


class _Hit(NamedTuple):
    """A keyword found in a sentence (a plain tuple: there is one for every keyword of the prose)."""

    start: int
    end: int
    keyword: _Keyword


def _hits(sentence: str, start: int = 0, stop: int | None = None) -> list[_Hit]:
    """The keywords of ``sentence`` (of ``sentence[start:stop]``, read as a part of it)."""
    out = []
    for m in _KEYWORD_RE.finditer(sentence, start, len(sentence) if stop is None else stop):
        name = m.lastgroup  # the keyword's own group (its pattern has no named group inside)
        if name is None or not name.startswith("k"):  # pragma: no cover - an unnamed group inside
            name = next(n for n, value in m.groupdict().items() if value is not None)
        out.append(_Hit(m.start(), m.end(), _KEYWORDS[int(name[1:])]))
    return out


def _clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts (after the last ，；：（ … before it), at most :data:`_WINDOW` back."""
    low = max(0, pos - _WINDOW)
    for i in range(pos - 1, low - 1, -1):
        if sentence[i] in _CLAUSE_END:
            return i + 1
    return low


def _filler_ok(keyword: _Keyword, filler: str, requests_named: bool) -> bool:
    """Whether ``filler`` (between keyword and number) leaves the figure a count of the keyword's subject.

    A request count must name the 申请 it counts — or follow, in the same sentence, a request
    count that did (受理申请3119件，答复3050件).
    """
    if len(filler) > _REACH[keyword.family] or _NOT_A_COUNT.search(filler):
        return False
    if keyword.family == "request":
        if _OTHER_BUSINESS.search(filler) and not _DISCLOSURE_REQUEST.search(filler):
            return False
        return "申请" in filler or (requests_named and re.fullmatch(r"(?:共计?|合计|总计)?", filler) is not None)
    if keyword.family == "case" and ("的" in filler or "后" in filler or "起诉" in filler):
        return False  # 行政复议的申请2件, 行政复议后起诉3件: not the count of reviews
    if keyword.family == "carry":
        return not _OTHER_BUSINESS.search(filler)
    return True


def _chain(sentence: str, hits: list[_Hit], index: int) -> tuple[list[_Hit], bool]:
    """The keywords joined to ``hits[index]`` by 、/和/及 (予以公开及部分公开), and whether all are of one family."""
    chain = [hits[index]]
    same = True
    j = index
    while j > 0 and _CONJUNCTION.match(sentence[hits[j - 1].end : hits[j].start]):
        j -= 1
        chain.insert(0, hits[j])
        family = hits[j].keyword.family
        same = same and family in _JOINABLE and family == hits[index].keyword.family
    return chain, same


def _figures(sentence: str, hits: list[_Hit]) -> Iterator[tuple[re.Match[str], int, int]]:
    """(figure match, index of its keyword in ``hits``, value) of each figure that reads as a claim."""
    requests_named = False
    ends = [h.end for h in hits]
    for m in _FIGURE_RE.finditer(sentence):
        num_start = m.start("number")
        index = bisect.bisect_right(ends, num_start) - 1  # the last keyword ending before the number
        if index < 0 or hits[index].start < _clause_start(sentence, num_start):
            continue
        keyword = hits[index].keyword
        if m.group("unit") not in _UNITS[keyword.family] or _AFTER_BAD.match(m.group("after")):
            continue
        filler = sentence[hits[index].end : num_start]
        if not _filler_ok(keyword, filler, requests_named):
            continue
        value = read_number(m.group("number"))
        if value is not None:
            requests_named = requests_named or (keyword.family == "request" and "申请" in filler)
            yield m, index, value


def _is_part(sentence: str, start: int, family: str, results: set[int]) -> bool:
    """True when the figure at ``start`` follows 其中 as a part of an earlier figure.

    A list of results after 其中 (受理N件，其中予以公开a件，部分公开b件…) is the table's own
    breakdown; anything else after 其中 (办结, 结转, a topic's count) is a part.
    """
    q = sentence.rfind("其中", max(0, start - _WINDOW), start)
    if q < 0:
        return False
    if family != "result":
        return True
    return any(m.start("number") not in results for m in _FIGURE_RE.finditer(sentence, q, start))


def _topic_doubt(family: str, prefix: str, before: str, speaks_of: frozenset[str]) -> bool:
    """True when a 复议/诉讼 count or a result count may be about something else than disclosure requests.

    A 行政复议 count must stand in a sentence that speaks of 公开; a document count must not be
    of documents reviewed or filed (审核, 备案 … in its clause). A result count (予以公开…)
    must not follow talk of 公文 or 主动公开 in its own sentence, nor in the lines before it
    unless those speak of 申请. ``speaks_of`` holds those of 公开 and 申请 that the sentence (for
    申请: or the lines before it) uses.
    """
    if family == "case":
        return "公开" not in speaks_of
    if family == "result":
        if _NOT_REQUESTS.search(prefix):
            return True
        return "申请" not in speaks_of and _NOT_REQUESTS.search(before) is not None
    if family == "document":
        return _OTHERS_DOCUMENTS.search(prefix[_clause_start(prefix, len(prefix)) :]) is not None
    return False


def _year_doubt(prefix: str, year: int | None) -> bool:
    """True when the sentence speaks of another year before the figure: a year not the report's
    (the last one named), or 上年/去年 in the figure's own clause."""
    if _OTHER_YEAR.search(prefix[_clause_start(prefix, len(prefix)) :]):
        return True
    years = _YEAR.findall(prefix)
    return year is not None and bool(years) and int(years[-1]) != year


def _sentence_claims(
    report: AnnualReport, section: str, text: str, sentence: str, s_start: int, where: _Offsets, level: str | None,
    before: str, readings: dict[tuple[ClaimSubject, ...], tuple[_Keys, tuple[_Keys, ...]]],
) -> Iterator[Claim]:
    """The claims of one sentence; ``readings`` holds the keys of each set of subjects already
    worked out for ``report`` (by :func:`_readings`)."""
    hits = _hits(sentence)
    if not hits:
        return
    found = list(_figures(sentence, hits))
    if not found:
        return
    results = {m.start("number") for m, index, _v in found if hits[index].keyword.family == "result"}
    original = _original(text, where, s_start, s_start + len(sentence)).strip()
    speaks_of = frozenset(w for w in ("公开", "申请") if w in sentence or (w == "申请" and w in before))
    for m, index, value in found:
        for subjects, ambiguity, start in _figure_readings(report, sentence, hits, index, m, level, before, results,
                                                           speaks_of):
            yield _claim(report, section, text, where, s_start, start, m, value, subjects, ambiguity, original,
                         readings)


def _figure_readings(
    report: AnnualReport, sentence: str, hits: list[_Hit], index: int, m: re.Match[str], level: str | None,
    before: str, results: set[int], speaks_of: frozenset[str],
) -> Iterator[tuple[tuple[ClaimSubject, ...], str | None, int]]:
    """(subjects, ambiguity, start of the phrase in ``sentence``) of each claim the figure ``m``
    of keyword ``hits[index]`` makes: one, or one per keyword of a chain that says 各."""
    keyword = hits[index].keyword
    filler = sentence[hits[index].end : m.start("number")]
    chain, same_family = _chain(sentence, hits, index)
    prefix = sentence[max(0, chain[0].start - _WINDOW) : chain[0].start]
    ambiguity: str | None = None
    if len(chain) > 1 and not same_family:
        ambiguity = "joined"
    elif _is_part(sentence, chain[0].start, keyword.family, results) or _APPLICANT.search(filler):
        ambiguity = "part"
    elif _scope_doubt(prefix, level) or _scope_doubt(filler, level):
        ambiguity = "scope"
    elif _topic_doubt(keyword.family, prefix, before, speaks_of):
        ambiguity = "topic"
    elif _year_doubt(prefix, report.year):
        ambiguity = "year"
    if len(chain) > 1 and "各" in filler:  # 行政复议和行政诉讼各1件: each
        for h in chain:
            yield h.keyword.subjects, ambiguity, chain[0].start
    else:
        yield tuple(s for h in chain for s in h.keyword.subjects), ambiguity, chain[0].start


def _claim(
    report: AnnualReport, section: str, text: str, where: _Offsets, s_start: int, start: int, m: re.Match[str],
    value: int, subjects: tuple[ClaimSubject, ...], ambiguity: str | None, original: str,
    readings: dict[tuple[ClaimSubject, ...], tuple[_Keys, tuple[_Keys, ...]]],
) -> Claim:
    known = readings.get(subjects)
    if known is None:
        known = readings[subjects] = _readings(report, subjects)
    keys, alternatives = known
    start += s_start
    return Claim(
        value=value,
        subjects=subjects,
        keys=keys,
        alternatives=alternatives,
        sentence=original,
        section=section,
        offset=where[start],
        text=_original(text, where, start, s_start + m.end("unit")),
        ambiguity=ambiguity,
    )


def _original(text: str, where: _Offsets, start: int, end: int) -> str:
    """The original text behind compact characters ``start`` … ``end`` (exclusive)."""
    return text[where[start] : where[end - 1] + 1]


_Keys = tuple[str, ...]


def _readings(report: AnnualReport, subjects: tuple[ClaimSubject, ...]) -> tuple[_Keys, tuple[_Keys, ...]]:
    per_subject = [_keys_for(s, report) for s in subjects]
    if not per_subject or any(not r for r in per_subject):
        return (), ()
    keys = tuple(k for r in per_subject for k in r[0])
    if len(per_subject) == 1:
        return keys, per_subject[0][1:]
    return keys, ()


def claims(report: AnnualReport) -> tuple[Claim, ...]:
    """Every figure the prose of ``report`` states about its own tables, in printed order.

    Reads the preamble, sections 一, 五 and 六 and any extra section. Chinese numerals
    (十二件, 一百零五件, 两千件) and full-width digits are understood; changes (同比增加10件),
    percentages, estimates (5500余条) and counts of other things (留言, 解读, 微博) are not claims.

    >>> from gov_disclosure import AnnualReport, Section
    >>> r = AnnualReport.empty("2021", title="某某县人民政府2023年政府信息公开工作年度报告",
    ...                        overview=Section("一、总体情况", "全县共收到政府信息公开申请十二件，同比增加3件。"))
    >>> [(c.value, c.keys, c.ambiguity) for c in claims(r)]
    [(12, ('requests.new_received.total',), None)]
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"claims() takes an AnnualReport, not {type(report).__name__}")
    level = _subject_level(report)
    out: list[Claim] = []
    readings: dict[tuple[ClaimSubject, ...], tuple[_Keys, tuple[_Keys, ...]]] = {}
    for section, text in prose_texts(report):
        compact, where = _compact(text)
        for s_start, s_end in split_sentences(compact):
            before = compact[max(0, s_start - _CONTEXT) : s_start]
            out.extend(_sentence_claims(report, section, text, compact[s_start:s_end], s_start, where, level, before,
                                        readings))
    return tuple(out)


# ------------------------------------------------------------------ the first claims of some subjects

#: Marks that end a clause (or a sentence) and that neither a keyword nor a figure holds (a
#: figure's number may hold an ASCII comma or point: 3,119): a scan for keywords or figures
#: started just after one finds, from there on, what a scan of the whole sentence finds.
_CLAUSE_MARKS = "，；;。：:（(）)！？!?"
_CLAUSE_MARK = re.compile(f"[{re.escape(_CLAUSE_MARKS)}]")
#: Families whose figures read the same whatever the sentence's other figures are (a request
#: count may lean on an earlier one that named 申请; a result count on the results around it).
_ALONE_FAMILIES = frozenset({"document", "carry", "case", "proactive"})


@functools.lru_cache(maxsize=64)
def _keywords_of(subjects: frozenset[ClaimSubject]) -> re.Pattern[str]:
    """A pattern matching wherever a keyword of one of ``subjects`` stands."""
    chosen = [kw.pattern for kw in _KEYWORDS if subjects.intersection(kw.subjects)]
    return re.compile(f"(?=[{_KEYWORD_STARTS}])(?:" + "|".join(f"(?:{p})" for p in chosen) + ")")


def first_claims(report: AnnualReport, subjects: Iterable[ClaimSubject]) -> tuple[Claim, ...]:
    """The first clear claim of each of ``subjects``, in printed order: for each subject, the first
    claim of :func:`claims` that states it alone (``claim.subjects == (subject,)``) and whose
    ``ambiguity`` is ``None``; none for a subject the prose states no clear figure of.

    Only the clauses where a keyword of a subject not yet found stands are read, and reading
    stops when every subject is found: a long prose costs a search, not a reading of each
    figure. Raises :class:`ValueError` for a subject counted by requests or their results
    (收到, 予以公开 …): their figures lean on the other figures of their sentence.

    >>> from gov_disclosure import AnnualReport, Section
    >>> r = AnnualReport.empty("2021", overview=Section("一、总体情况",
    ...     "全市制发规范性文件9件。本机关制发规范性文件3件，废止规章1件。制发规范性文件4件。"))
    >>> [(c.value, c.keys) for c in first_claims(r, [ClaimSubject.NORMATIVE_ISSUED])]
    [(3, ('proactive.normative_documents.issued',))]
    """
    if not isinstance(report, AnnualReport):
        raise TypeError(f"first_claims() takes an AnnualReport, not {type(report).__name__}")
    wanted = set(subjects)
    leaning = sorted({str(s) for kw in _KEYWORDS if kw.family not in _ALONE_FAMILIES for s in kw.subjects
                      if s in wanted})
    if leaning:
        raise ValueError(f"first_claims() reads no figure that leans on its sentence: {', '.join(leaning)}")
    level = _subject_level(report)
    readings: dict[tuple[ClaimSubject, ...], tuple[_Keys, tuple[_Keys, ...]]] = {}
    out: list[Claim] = []
    for section, text in prose_texts(report):
        if not wanted:
            break
        out.extend(_first_in(report, section, text, wanted, level, readings))
    return tuple(out)


def _after_last(mark: re.Pattern[str], text: str, low: int, high: int) -> int:
    """Where the text after the last ``mark`` in ``text[low:high]`` starts (``low`` when none):
    a search per mark, from ``low`` on (each stretch is searched once)."""
    while (found := mark.search(text, low, high)) is not None:
        low = found.end()
    return low


def _first_in(
    report: AnnualReport, section: str, text: str, wanted: set[ClaimSubject], level: str | None,
    readings: dict[tuple[ClaimSubject, ...], tuple[_Keys, tuple[_Keys, ...]]],
) -> Iterator[Claim]:
    """:func:`first_claims` in one prose text; found subjects are taken out of ``wanted``."""
    compact, where = _compact(text)
    pos = 0  # nothing before it is left to read
    s_start = s_end = 0  # the sentence read last
    sentence = before = original = ""
    speaks_of: frozenset[str] = frozenset()
    keywords = _keywords_of(frozenset(wanted))
    while wanted:
        found = keywords.search(compact, pos)
        if found is None:
            return
        at = found.start()
        if at >= s_end:  # a new sentence: from the last sentence end before the keyword to the next
            s_start = _after_last(_SENTENCE_ENDS, compact, s_end, at)
            end = _SENTENCE_ENDS.search(compact, at)
            s_end = end.end() if end is not None else len(compact)
            sentence = compact[s_start:s_end]
            before = compact[max(0, s_start - _CONTEXT) : s_start]
            original = ""
            speaks_of = frozenset(w for w in ("公开", "申请") if w in sentence or (w == "申请" and w in before))
            clause_lo = 0
        # the clause holding the keyword: no keyword or figure crosses its marks
        local = at - s_start
        start = _after_last(_CLAUSE_MARK, sentence, clause_lo, local)
        mark = _CLAUSE_MARK.search(sentence, local)
        stop = mark.start() if mark is not None else len(sentence)
        hits = _hits(sentence, start, stop)
        ends = [h.end for h in hits]
        for m in _FIGURE_RE.finditer(sentence, start):
            num_start = m.start("number")
            if num_start >= stop:
                break
            index = bisect.bisect_right(ends, num_start) - 1
            if index < 0 or hits[index].start < _clause_start(sentence, num_start):
                continue
            keyword = hits[index].keyword
            if keyword.family not in _ALONE_FAMILIES or m.group("unit") not in _UNITS[keyword.family] \
                    or _AFTER_BAD.match(m.group("after")):
                continue
            if not _filler_ok(keyword, sentence[hits[index].end : num_start], False):
                continue
            value = read_number(m.group("number"))
            if value is None:
                continue
            for subjects, ambiguity, phrase in _figure_readings(report, sentence, hits, index, m, level, before,
                                                                set(), speaks_of):
                if ambiguity is None and len(subjects) == 1 and subjects[0] in wanted:
                    wanted.discard(subjects[0])
                    keywords = _keywords_of(frozenset(wanted))
                    original = original or _original(text, where, s_start, s_end).strip()
                    yield _claim(report, section, text, where, s_start, phrase, m, value, subjects, None, original,
                                 readings)
        clause_lo = min(stop + 1, len(sentence))
        pos = s_start + clause_lo
