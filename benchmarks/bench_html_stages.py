"""Where the HTML parser's time goes: each stage's share of ``parse_html``, page by page.

    python benchmarks/bench_html_stages.py [PAGE.html ...] [--rounds 30]

Runs the parser under ``cProfile`` on each page (default: the corpus copy's pages and the
hand-laid-out test pages) and prints, per stage, its cumulative time as a share of the whole
parse (profiling slows every Python call alike, so the shares hold; the absolute times do
not — ``bench_html.py`` measures those). Stages: decoding the bytes, the markup's clean-up,
lxml's parse, the page's metadata, the content root, the linearised lines, the grids
expanded from the tables, the edition's choice, the prose sections and the table placement,
the table reader, the prose claims, and building the report.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
from pathlib import Path

import gov_disclosure as gd

REPO = Path(__file__).resolve().parents[1]

#: (stage, module file suffix, function name): cumulative time of that function.
STAGES = (
    ("decode bytes", "_encoding.py", "decode_html"),
    ("markup clean-up", "_html.py", "_cleaned"),
    ("lxml parse", "_html.py", "_parse"),
    ("head metadata", "_html.py", "_head_metadata"),
    ("content root", "_html.py", "_content_root"),
    ("linearise lines", "_html.py", "_linearise"),
    ("expand grids", "_grid.py", "expand_table"),
    ("choose edition", "_document.py", "choose_edition"),
    ("prose sections", "_prose.py", "split_sections"),
    ("table reader", "_table.py", "read"),
    ("prose claims", "_claims.py", "claims"),
    ("build report", "_builder.py", "report"),
)


def shares(data: bytes, rounds: int) -> tuple[float, dict[str, float]]:
    with contextlib.suppress(gd.GovDisclosureError):
        gd.parse_html(data)  # warm-up
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(rounds):
        with contextlib.suppress(gd.GovDisclosureError):
            gd.parse_html(data)
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = 0.0
    found: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        if name == "parse_html" and filename.endswith("_html.py"):
            total = max(total, cumulative)
        for stage, suffix, function in STAGES:
            if name == function and filename.endswith(suffix):
                found[stage] = found.get(stage, 0.0) + cumulative
    return total, found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv)
    pages = args.pages or sorted((REPO / "tests" / "corpus").glob("*.html")) + sorted(
        (REPO / "tests" / "pages").glob("*.html"))
    names = [stage for stage, _s, _f in STAGES]
    print(f"{'page':28} " + " ".join(f"{n[:10]:>10}" for n in names) + f" {'other':>7}")
    for page in pages:
        total, found = shares(page.read_bytes(), args.rounds)
        if total <= 0:
            continue
        # decode and parse nest in nothing else; the other stages are siblings inside read()
        other = 1 - sum(found.get(n, 0.0) for n in names if n != "prose claims") / total
        row = " ".join(f"{found.get(n, 0.0) / total:10.0%}" for n in names)
        print(f"{page.name[:28]:28} {row} {other:7.0%}")
    print("(shares of parse_html under cProfile; 'prose claims' is inside 'build report' or the reader)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
