"""Render a checked report for publishing: a standalone HTML page in the official layout (cells
named by findings marked) and a Markdown version, from the text dump shipped here.

    python examples/render_for_publishing.py [OUT_FOLDER]    (default: a temporary folder)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import gov_disclosure as gd

HERE = Path(__file__).resolve().parent


def main(out: Path) -> int:
    result = gd.parse(HERE / "zhongshan-office-2020.txt")
    report = result.report
    findings = gd.check(report)
    errors = [f for f in findings if f.severity is gd.Severity.ERROR]
    print(f"{report.title}: {len(findings)} finding(s), {len(errors)} error(s)")

    page = gd.render(report, "html", standalone=True, findings=findings)
    markdown = gd.render(report, "markdown")
    (out / "report.html").write_text(page, encoding="utf-8")
    (out / "report.md").write_text(markdown, encoding="utf-8")

    # What is published must read back as the same report: a round trip through each output.
    for name in ("report.html", "report.md"):
        again = gd.parse(out / name).report
        same = again.cells() == report.cells()
        print(f"{name}: {(out / name).stat().st_size} bytes, reads back {'the same' if same else 'DIFFERENTLY'}")
        if not same:
            return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1:
        target = Path(sys.argv[1])
        target.mkdir(parents=True, exist_ok=True)
        raise SystemExit(main(target))
    with tempfile.TemporaryDirectory() as tmp:
        raise SystemExit(main(Path(tmp)))
