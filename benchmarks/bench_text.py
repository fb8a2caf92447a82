"""Benchmark the text parser and the arithmetic splitting of glued digit runs.

    python benchmarks/bench_text.py [--repeat 20] [--no-hostile]

For each text report of the corpus copy (``tests/corpus/*.txt``), and for generated glued
reports (every table's rows printed with their values run together, as text copied out of a
PDF is), it times ``gov_disclosure.parsers._text.parse_text`` (median CPU time of ``--repeat`` runs
after one warm-up) next to the floor any line-based reader of digit runs stands on:
``splitlines`` plus a digit-run regex over every line, on the same text. Generated reports of
about 10 KB, 100 KB, 1 MB and 10 MB (the glued report with its overview grown by prose lines)
print their cost per KB: it must stay flat.
The generated glued report's parse is then split by stage (``--split-repeat`` parses; 0 skips
it): the prose readers, the tokenising of the table regions, and the reading of their rows (the
arithmetic search and the storing of each cell among it), each a median and a share
of the parse, and what a parse would cost if the rows cost nothing.
Then it times hostile inputs once each, in a fresh state (a cold first call, as a user
would meet it): runs of 200 and 300 digits, every row of section 三 glued into one line,
labels without numbers, numbers without labels, random bytes, several kinds of 1 MB
text, and a glued report whose prose states figures over 1 MB; it prints the problem codes
each produced and names the slowest case.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from gov_disclosure import GovDisclosureError
from gov_disclosure.parsers import _builder, _labels, _stream, _text
from gov_disclosure.parsers._text import parse_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"

_LABELS = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
           "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")


def fresh_parse(text: str) -> None:
    """``parse_text`` as the first parse of ``text``: the cache of long folded texts (a region's
    whole text, which would not meet another report) emptied, the label cache kept."""
    _labels._normalise_text.cache_clear()
    parse_text(text)


def _median(fn: Callable[[], object], repeat: int) -> float:
    """The median CPU time of ``fn`` (``time.process_time``: on a shared machine the wall clock
    says more about the neighbours than about the code)."""
    fn()
    times = []
    for _ in range(repeat):
        start = time.process_time()
        fn()
        times.append(time.process_time() - start)
    return statistics.median(times)


def hostile() -> Iterator[tuple[str, str | bytes]]:
    rng = random.Random(2024)
    head = "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    yield "run of 200 digits", head + "（一）予以公开" + "".join(rng.choice("0123456789") for _ in range(200))
    yield "run of 300 digits", head + "（一）予以公开" + "7" * 300
    yield "section 四 run of 300 digits", "四、政府信息公开行政复议、行政诉讼情况总计" + "1" * 300
    rows = "".join(f"{label}{rng.randrange(10 ** 12)}" for label in _LABELS * 4)
    yield "every row glued into one line", head + rows + "五、存在的主要问题及改进情况无。"
    yield "labels with no numbers", head + "".join(_LABELS) * 50
    yield "numbers with no labels", head + " ".join(str(rng.randrange(10 ** 6)) for _ in range(50_000))
    yield "random bytes (1 MB)", bytes(rng.randrange(256) for _ in range(1_000_000))
    cjk = "".join(chr(rng.randrange(0x4E00, 0x9FA5)) for _ in range(1_000_000))
    yield "random CJK (1 MB)", cjk
    yield "random digits, one line (1 MB)", "".join(rng.choice("0123456789") for _ in range(1_000_000))
    repeated = "一、总体情况 本机关2023年度……。二、主动公开政府信息情况规章123456789。"
    yield "repeated headings (1 MB)", (repeated * 20_000)[:1_000_000]
    table = head + "".join(f"{label}{rng.randrange(10 ** 7)}" for label in _LABELS * 8000)
    yield "section 三 labels and runs (1 MB)", table[:1_000_000]
    lines = "\n".join(rng.choice(["规章", "0", "12", "行政许可", "（七）总计", "三、收到", "|a|b|", "\t1\t2"])
                      for _ in range(200_000))
    yield "one cell per line, shuffled (1 MB)", lines[:1_000_000]
    yield "Markdown delimiter rows (1 MB)", ("a | b\n" + "---|---\n" * 125_000)[:1_000_000]
    # the prose read for its figures (a glued section 二 row the arithmetic cannot settle alone)
    glued = glued_report()
    at = glued.index("二、主动公开政府信息情况")
    figures = "".join(f"本机关制发行政规范性文件{i % 97}件，废止规章{i % 13}件。\n" for i in range(30_000))
    yield "glued report, 1 MB of stated figures", glued[:at] + figures[:1_000_000] + glued[at:]
    sentence = figures.replace("。\n", "，")[:1_000_000]
    yield "glued report, one 1 MB sentence of figures", glued[:at] + sentence + glued[at:]
    sparse = "".join(f"（{i % 10}）本机关依法公开政府信息，" + "规范性文件" * 8 for i in range(20_000))
    yield "sparse full-width marks (1 MB)", head + sparse[:1_000_000]


_RUN = re.compile(r"\d+")


def floor(text: str) -> None:
    """The baseline: the lines, and every digit run in them."""
    for line in text.splitlines():
        _RUN.findall(line)


#: The stages of a text parse, as (label, owner, attribute): the prose readers, the tokenising of the
#: table regions, the reading of their rows (with the arithmetic search and the storing of each cell)
#: and the making of the report.
_STAGES = (
    ("prose: split_sections", _text, "split_sections"),
    ("prose: find_metadata", _text, "find_metadata"),
    ("prose: find_anchors", _text, "find_anchors"),
    ("prose: edition votes", _text, "_edition_votes"),
    ("prose: printed headers", _text, "_prints_header"),
    ("prose: figures stated (claims)", _text, "_claims"),
    ("tokens of the table regions", _stream, "tokens"),
    ("rows: arithmetic search (solve)", _text, "solve"),
    ("rows: storing the cells (_store)", _text._Reader, "_store"),
    ("rows: sections 二 and 三, whole", _text._Reader, "_read_rows"),
    ("rows: section 四, whole", _text._Reader, "_read_review"),
    ("builder: the report made", _builder.ReportBuilder, "report"),
)


def split(text: str, repeat: int) -> None:
    """Print where a parse of ``text`` spends its time, stage by stage (each stage's functions
    wrapped for the measurement, then restored): medians over ``repeat`` parses, and shares of
    the whole parse's median. The stages are timed by ``time.perf_counter`` (a read of the CPU
    clock is a system call, ~1 µs, which the wrapped calls would add up); medians of short parses
    leave out the ones the neighbours interrupted."""
    spent: dict[str, float] = {}

    def timed(label: str, fn: Callable[..., object]) -> Callable[..., object]:
        def wrapper(*args: object, **kwargs: object) -> object:
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.perf_counter() - start
        return wrapper

    originals = [(owner, name, getattr(owner, name)) for _label, owner, name in _STAGES]
    for (label, owner, name), (_o, _n, fn) in zip(_STAGES, originals, strict=True):
        setattr(owner, name, timed(label, fn))
    samples: dict[str, list[float]] = {}
    try:
        fresh_parse(text)
        for _ in range(repeat):
            spent.clear()
            start = time.perf_counter()
            fresh_parse(text)
            spent["whole parse"] = time.perf_counter() - start
            prose = sum(v for k, v in spent.items() if k.startswith("prose"))
            # the rows' own reading: their sections' whole minus the tokens and claims read within
            rows = (spent.get("rows: sections 二 and 三, whole", 0.0) + spent.get("rows: section 四, whole", 0.0)
                    - spent.get("tokens of the table regions", 0.0) - spent.get("prose: figures stated (claims)", 0.0))
            spent["prose, all"] = prose
            spent["rows, all (less tokens and claims)"] = rows
            spent["the parse less the rows"] = spent["whole parse"] - rows
            for label, value in spent.items():
                samples.setdefault(label, []).append(value)
    finally:
        for owner, name, fn in originals:
            setattr(owner, name, fn)
    whole = statistics.median(samples["whole parse"])
    floor_time = _median(lambda: floor(text), repeat)
    print(f"\nwhere the generated glued report's parse goes (medians of {repeat} parses, stages wrapped)")
    for label, values in sorted(samples.items(), key=lambda item: -statistics.median(item[1])):
        median = statistics.median(values)
        print(f"  {label:40} {median * 1e6:8.0f} µs  {median / whole * 100:5.1f} %")
    rest = statistics.median(samples["the parse less the rows"])
    print(f"  (with rows that cost nothing a parse would still take ~{rest * 1000:.2f} ms, "
          f"{rest / floor_time:.0f}× the floor)")


def glued_report() -> str:
    """A full report whose table rows print label and values glued together (``规章000``)."""
    import json
    from decimal import Decimal

    from gov_disclosure import AnnualReport, render

    truth = json.loads((CORPUS / "huaian-2024.truth.json").read_text(encoding="utf-8"))
    values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
    report = AnnualReport.empty(truth["edition"], year=truth["year"], agency="某某市某某局").with_cells(values)
    lines = []
    for line in render(report, "text").splitlines():
        cells = line.split()
        glue = len(cells) > 2 and sum(c.replace(".", "").isdigit() for c in cells) >= 2
        lines.append("".join(cells) if glue else line)
    return "\n".join(lines) + "\n"


def grown(text: str, size: int) -> str:
    """``text`` with its overview grown by distinct prose paragraphs (five sentences a line, so
    that 10 MB stays within the reader's line limit) to about ``size`` bytes."""
    at = text.index("二、主动公开政府信息情况")
    prose: list[str] = ["一、总体情况\n"]
    total = len(text.encode("utf-8"))
    i = 0
    while total < size:
        sentence = f"本机关第{i}项工作：依法公开政府信息{i * 7 % 1000}条，办理群众来信{i * 13 % 500}件。"
        if i % 5 == 4:
            sentence += "\n"
        prose.append(sentence)
        total += len(sentence.encode("utf-8"))
        i += 1
    return text[:at] + "".join(prose) + "\n" + text[at:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-hostile", action="store_true")
    parser.add_argument("--split-repeat", type=int, default=200)
    args = parser.parse_args()
    print(f"{'report':34} {'KB':>7} {'parse_text':>12} {'floor':>10} {'ratio':>7}")
    glued = glued_report()
    cases = [(path.name, path.read_text(encoding="utf-8")) for path in sorted(CORPUS.glob("*.txt"))]
    cases.append(("generated glued report", glued))
    cases += [(f"glued, grown to {size // 1000} KB", grown(glued, size)) for size in (100_000, 1_000_000, 10_000_000)]
    for name, text in cases:
        kb = len(text.encode("utf-8")) / 1024
        repeat = args.repeat if kb < 1000 else 3
        parse_time = _median(lambda text=text: fresh_parse(text), repeat)
        floor_time = _median(lambda text=text: floor(text), repeat)
        line = (f"{name:34} {kb:7.1f} {parse_time * 1000:10.2f}ms {floor_time * 1000:8.3f}ms "
                f"{parse_time / floor_time:6.1f}×")
        if name.startswith(("generated", "glued")):
            line += f"  {parse_time * 1e6 / kb:7.1f} µs/KB"
        print(line)
    print("goal: glued report ≤ 1 ms and ≤ 15× the floor")
    if args.split_repeat > 0:
        split(glued, args.split_repeat)
    if args.no_hostile:
        return
    print()
    print(f"{'hostile input':38} {'time':>10}  outcome")
    slowest = ("", 0.0)
    for name, source in hostile():
        start = time.process_time()
        try:
            result = parse_text(source)
            outcome = ", ".join(sorted({p.code for p in result.problems})) or "no problems"
        except GovDisclosureError as exc:
            outcome = f"{type(exc).__name__}: {exc}"[:70]
        elapsed = time.process_time() - start
        print(f"{name:38} {elapsed * 1000:8.1f}ms  {outcome[:90]}")
        if elapsed > slowest[1]:
            slowest = (name, elapsed)
    print(f"\nslowest hostile case: {slowest[0]} ({slowest[1] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
