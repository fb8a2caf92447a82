"""Benchmark the text parser and the arithmetic splitting of glued digit runs.

    python benchmarks/bench_text.py [--repeat 20] [--no-hostile]

For each text report of the corpus copy (``tests/corpus/*.txt``) it times
``gov_disclosure.parsers._text.parse_text`` (median of ``--repeat`` runs after one warm-up)
next to a bare ``str.split`` of the same text, the floor any line-based reader stands on.
Then it times hostile inputs once each, in a fresh state (a cold first call, as a user
would meet it): runs of 200 and 300 digits, every row of section 三 glued into one line,
labels without numbers, numbers without labels, random bytes, and several kinds of 1 MB
text; it prints the problem codes each produced and names the slowest case.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from gov_disclosure import GovDisclosureError
from gov_disclosure.parsers._text import parse_text

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "tests" / "corpus"

_LABELS = ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
           "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项")


def _median(fn: Callable[[], object], repeat: int) -> float:
    fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-hostile", action="store_true")
    args = parser.parse_args()
    print(f"{'report':34} {'parse_text':>12} {'str.split':>12} {'ratio':>8}")
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        parse_time = _median(lambda text=text: parse_text(text), args.repeat)
        split_time = _median(lambda text=text: [ln.split() for ln in text.splitlines()], args.repeat)
        print(f"{path.name:34} {parse_time * 1000:10.2f}ms {split_time * 1000:10.3f}ms {parse_time / split_time:8.0f}")
    if args.no_hostile:
        return
    print()
    print(f"{'hostile input':38} {'time':>10}  outcome")
    slowest = ("", 0.0)
    for name, source in hostile():
        start = time.perf_counter()
        try:
            result = parse_text(source)
            outcome = ", ".join(sorted({p.code for p in result.problems})) or "no problems"
        except GovDisclosureError as exc:
            outcome = f"{type(exc).__name__}: {exc}"[:70]
        elapsed = time.perf_counter() - start
        print(f"{name:38} {elapsed * 1000:8.1f}ms  {outcome[:90]}")
        if elapsed > slowest[1]:
            slowest = (name, elapsed)
    print(f"\nslowest hostile case: {slowest[0]} ({slowest[1] * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
