#!/usr/bin/env python3
"""Compare this checkout's parsers with those of a git revision, in one process: full outputs and CPU time.

A speed-up must leave every value, problem, candidate, metadata and provenance record as it was.
This tool parses the same inputs with both versions and says which outputs differ, then (with
``--time``) times ``parse_html`` of the test pages both ways, interleaved call by call, as medians
of CPU time and their ratio (the machine's load touches both sides alike).

The inputs: ``tests/pages/*.html``, the corpus HTML pages (``tests/corpus``, the repository's copy),
the Word documents of ``tests/libreoffice``, each 2019/2021 corpus report rendered as HTML and as
Markdown, and ``--mutants`` pages made from the HTML ones by random edits of their tables (spans
added or broken, cells dropped, blanked, nested, turned into ``<th>`` …; ``--seed``).

Usage (from the project root, the project installed in the active environment)::

    python tools/compare_base.py main                 # outputs of main vs the checkout
    python tools/compare_base.py HEAD~3 --time        # and CPU time, parse_html of the test pages
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
BASE = "gd_base"
"""The package name the revision's ``gov_disclosure`` is imported under."""


def _base_package(rev: str, into: Path) -> None:
    """The revision's ``src/gov_disclosure`` copied to ``into/gd_base`` (its imports are relative)."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src/gov_disclosure"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    shutil.move(str(into / "src" / "gov_disclosure"), str(into / BASE))


def _mutant(text: str, rng: random.Random) -> str:
    """``text`` with one to six random edits of its table cells."""
    inserts = ["", "—", "12万元", "abc", "  7 ", "<p>3</p>", "<span>1</span><br>2", "１２",
               "<table><tr><td>5</td></tr></table>", "小计", "0"]
    for _ in range(rng.randint(1, 6)):
        cells = [m.start() for m in re.finditer(r"<t[dh][ >]", text)]
        if not cells:
            break
        at = rng.choice(cells)
        end = text.index(">", at)
        close = text.find("</t", end)
        op = rng.randrange(9)
        if op == 0:
            text = text[:at + 3] + f' colspan="{rng.choice(["2", "3", "0", "x", "99999", "1"])}"' + text[at + 3:]
        elif op == 1:
            text = text[:at + 3] + f' rowspan="{rng.choice(["2", "3", "0", "9999", "1"])}"' + text[at + 3:]
        elif op == 2 and close > 0:
            text = text[:end + 1] + rng.choice(inserts) + text[close:]
        elif op == 3 and close > 0:
            text = text[:at] + text[text.find(">", close) + 1:]
        elif op == 4:
            text = text[:at] + "<th>" + rng.choice(["自然人", "小计", "总计", "", "9"]) + "</th>" + text[at:]
        elif op == 5:
            text = text[:at + 1] + ("th" if text[at + 2] == "d" else "td") + text[at + 3:]
        elif op == 6 and close > 0:
            text = text[:end + 1] + "<div>" + text[end + 1:close] + "</div>" + text[close:]
        elif op == 7:
            text = text[:at] + "</tr><tr>" + text[at:]
        elif close > 0:
            text = text[:end + 1] + " \u3000" + text[end + 1:close] + "\n" + text[close:]
    return text


def _inputs(gd: ModuleType, mutants: int, seed: int) -> list[tuple[str, str, bytes]]:
    """(name, parser, bytes) of every input (rendered with ``gd``: the same bytes for both sides)."""
    out = [(p.name, "html", p.read_bytes()) for p in sorted((ROOT / "tests" / "pages").glob("*.html"))]
    out += [(p.name, "html", p.read_bytes()) for p in sorted(CORPUS.glob("*.html"))]
    out += [(p.name, "docx", p.read_bytes()) for p in sorted((ROOT / "tests" / "libreoffice").glob("*.docx"))]
    for truth_file in sorted(CORPUS.glob("*.truth.json")):
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        if truth["edition"] not in ("2019", "2021"):
            continue
        values = {k: Decimal(v) if isinstance(v, str) else v for k, v in truth["values"].items()}
        report = gd.AnnualReport.empty(truth["edition"], year=truth["year"], agency="某局").with_cells(values)
        out.append((f"{truth_file.stem}.rendered.html", "html", gd.render(report, "html", standalone=True).encode()))
        out.append((f"{truth_file.stem}.rendered.md", "any", gd.render(report, "markdown").encode()))
    rng = random.Random(seed)
    pages = [data.decode("utf-8") for _name, kind, data in out if kind == "html" and _utf8(data)]
    for i in range(mutants if pages else 0):
        out.append((f"mutant-{i}", "html", _mutant(rng.choice(pages), rng).encode("utf-8")))
    return out


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _output(gd: ModuleType, kind: str, data: bytes) -> Any:
    """Everything a parse gives, as comparable text (or the exception it raised)."""
    try:
        parse = {"html": gd.parse_html, "docx": gd.parse_docx, "any": gd.parse}[kind]
        result = parse(data)
    except Exception as exc:  # an exception is an output too
        return ("raised", type(exc).__name__, str(exc))
    provenance = {key: repr(result.provenance[key]) for key in result.provenance}
    return (gd.to_json(result.report), repr(result.report), repr(result.problems), provenance,
            result.source_format)


def _time(base: ModuleType, here: ModuleType, rounds: int) -> None:
    pages = [(p.name, p.read_bytes()) for p in sorted((ROOT / "tests" / "pages").glob("*.html"))]
    ratios = []
    for name, data in pages:
        spent: dict[str, list[float]] = {"base": [], "here": []}
        for i in range(rounds):
            order = [("base", base), ("here", here)] if i % 2 else [("here", here), ("base", base)]
            for side, gd in order:
                start = time.process_time()
                gd.parse_html(data)
                spent[side].append(time.process_time() - start)
        b, h = statistics.median(spent["base"]), statistics.median(spent["here"])
        ratios.append(h / b)
        print(f"  {name:34s} base {b * 1e3:7.3f} ms   here {h * 1e3:7.3f} ms   here/base {h / b:.3f}")
    print(f"  geometric mean here/base {statistics.geometric_mean(ratios):.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rev", help="the git revision to compare with (main, HEAD~1, a commit)")
    parser.add_argument("--mutants", type=int, default=300, help="mutated table pages (default 300)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--time", action="store_true", help="also time parse_html of the test pages")
    parser.add_argument("--rounds", type=int, default=200, help="calls per page and side with --time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        _base_package(args.rev, Path(tmp))
        sys.path.insert(0, tmp)
        import gov_disclosure as here

        base = __import__(BASE)
        inputs = _inputs(here, args.mutants, args.seed)
        differ = [name for name, kind, data in inputs if _output(base, kind, data) != _output(here, kind, data)]
        print(f"{len(inputs)} inputs, {len(differ)} with different outputs" + (f": {', '.join(differ[:20])}"
                                                                              if differ else ""))
        if args.time:
            _time(base, here, args.rounds)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
