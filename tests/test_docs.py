"""Every Python block in docs/ and the README runs, its ``output`` block is what it prints, every
example script runs, and docs/schema.md is what the edition description generates."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

import gov_disclosure as gd
from gov_disclosure.cli import EXTRACT_FIELDS
from gov_disclosure.renderers import cell_records
from helpers import REPO

DOCS = REPO / "docs"
EXAMPLES = REPO / "examples"
PAGES = [*sorted(DOCS.glob("*.md")), REPO / "README.md"]
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if p.name != "dask_extract.py")

_FENCE = re.compile(r"^```(\w*)\s*$")


def fenced_blocks(text: str) -> list[tuple[str, str, int]]:
    """``(info, body, line)`` of every fenced block, in order (``line`` is 1-based)."""
    blocks: list[tuple[str, str, int]] = []
    info: str | None = None
    body: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if info is None:
            if match:
                info, body, start = match.group(1), [], number
        elif line.strip() == "```":
            blocks.append((info, "\n".join(body) + "\n", start))
            info = None
        else:
            body.append(line)
    if info is not None:
        raise AssertionError(f"unclosed fenced block at line {start}")
    return blocks


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_schema_page_is_generated_from_the_edition_description() -> None:
    generate = _load(DOCS / "_generate.py", "docs_generate")
    assert (DOCS / "schema.md").read_text(encoding="utf-8") == generate.schema_markdown(), (
        "docs/schema.md is out of date: run python docs/_generate.py"
    )


def test_schema_page_lists_every_stable_key_of_every_edition() -> None:
    text = (DOCS / "schema.md").read_text(encoding="utf-8")
    for edition in gd.Edition:
        spec = gd.edition_spec(edition)
        for key in spec.cell_keys(other_handling=True) + spec.cell_keys(other_handling=False):
            assert f"| `{key}` |" in text, key


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_python_blocks_run_and_print_their_output(page: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    blocks = fenced_blocks(page.read_text(encoding="utf-8"))
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for index, (info, body, line) in enumerate(blocks):
        if info != "python":
            continue
        printed = io.StringIO()
        with contextlib.redirect_stdout(printed):
            exec(compile(body, f"{page.name}:{line}", "exec"), namespace)
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if following is not None and following[0] == "output":
            expected = following[1]
            actual = printed.getvalue()
            assert _lines(actual) == _lines(expected), f"{page.name}:{following[2]}: output block differs"


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.strip("\n").splitlines()]


def test_every_output_block_follows_a_python_block() -> None:
    for page in PAGES:
        blocks = fenced_blocks(page.read_text(encoding="utf-8"))
        for index, (info, _body, line) in enumerate(blocks):
            if info == "output":
                assert index > 0, f"{page.name}:{line}"
                assert blocks[index - 1][0] == "python", f"{page.name}:{line}"


def test_the_analysis_page_runs_here_and_builds_every_frame_and_a_chart() -> None:
    page = DOCS / "analysis.md"
    assert page in PAGES, "test_python_blocks_run_and_print_their_output runs it"
    code = "".join(body for info, body, _line in fenced_blocks(page.read_text(encoding="utf-8")) if info == "python")
    for call in ("gd.parse_many(", "gd.to_pandas(items)", "wide=True", "pivot_table(", "gd.findings_frame(",
                 "gd.problems_frame(", "gd.series_frame(", "savefig(", "tempfile.TemporaryDirectory()"):
        assert call in code, call


def test_index_links_every_page_and_example() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    for page in DOCS.glob("*.md"):
        if page.name != "index.md":
            assert f"({page.name})" in index, page.name
    for script in EXAMPLES.glob("*.py"):
        assert f"`{script.name}`" in index, script.name


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_example_runs(script: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                          encoding="utf-8", timeout=300, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip()
    assert not proc.stderr.strip(), proc.stderr


def test_dask_example_matches_parse_many() -> None:
    # dask is an optional extra (``gov_disclosure[dask]``): without it there is nothing to run.
    dask = pytest.importorskip("dask")
    example = _load(EXAMPLES / "dask_extract.py", "dask_extract")
    paths = [str(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".html", ".txt")]
    paths.append(str(EXAMPLES / "missing.txt"))
    statuses, records = example.build(paths, partitions=2)
    statuses, records = dask.compute(statuses, records, scheduler="synchronous")
    assert [s["file"] for s in statuses] == paths
    assert statuses[-1]["status"] == "failed"
    assert "SOURCE.NOT_FOUND" in statuses[-1]["detail"]
    expected = [
        {"file": item.path, **record, "status": gd.to_records(item.result)[n]["status"]}
        for item in gd.parse_many(paths)
        if item.result is not None
        for n, record in enumerate(cell_records(item.result.report))
    ]
    assert records == expected
    assert set(records[0]) == set(EXTRACT_FIELDS)


def test_sample_report_reads_back_and_has_its_one_error() -> None:
    generate = _load(DOCS / "_generate.py", "docs_generate")
    expected = generate.sample_report()
    parsed = gd.parse(generate.SAMPLE_PATH).report
    assert parsed.cells() == expected.cells()
    assert (parsed.agency, parsed.year) == (expected.agency, expected.year)
    errors = [f for f in gd.check(parsed) if f.severity is gd.Severity.ERROR]
    assert {f.code for f in errors} == {"T3.ROW_TOTAL", "T3.RESULT_SUM"}
    assert {str(f.repair) for f in errors} == {"requests.granted.commercial = 4"}
