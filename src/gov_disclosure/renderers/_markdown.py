"""Markdown: headings, paragraphs and GitHub-flavoured pipe tables.

Pipe tables have no spans, so merged cells are written out: a row label is its full path
(``三、本年度办理结果 › （三）不予公开 › 1.属于国家秘密``), a column header names its group
(``法人或其他组织 › 商业企业``), and section 二 prints one table per caption.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import AnnualReport, TableSpec
from ._layout import (
    APPLICANT_HEADER,
    BALANCE_NOTE,
    CONTENT_HEADER,
    PATH_SEPARATOR,
    Line,
    caption_blocks,
    metadata,
    paragraphs,
    parts,
    printed_lines,
)

__all__ = ["render_markdown"]


def render_markdown(report: AnnualReport) -> str:
    """The report as Markdown (GitHub-flavoured pipe tables)."""
    out: list[str] = []
    if report.title is not None:
        out.append(f"# {_inline(report.title)}")
    meta = metadata(report)
    if meta:
        out.append("\n".join(f"{label}：{_inline(text)}  " for label, text in meta).rstrip())
    if report.intro:
        out.extend(_inline(p) for p in paragraphs(report.intro))
    for part in parts(report):
        out.append(f"## {_inline(part.heading)}")
        if part.table is not None:
            out.extend(_table(report, part.table))
        elif part.text:
            out.extend(_inline(p) for p in paragraphs(part.text))
    return "\n\n".join(out) + "\n"


def _inline(text: str) -> str:
    """Text on one Markdown line (prose is written as is; paragraphs are already one per line)."""
    return text.replace("\n", " ").strip()


def _table(report: AnnualReport, table: TableSpec) -> list[str]:
    lines = printed_lines(report, table)
    if not lines:
        return []
    if table.key == "proactive":
        out = []
        for block in caption_blocks(lines):
            if block.caption is not None:
                out.append(f"**{block.caption}**")
            header = [CONTENT_HEADER, *(col.label for col in block.columns)]
            body = [[line.row.label, *(cell.text for cell in line.cells)] for line in block.lines]
            out.append(_pipe(header, body))
        return out
    if table.key == "requests":
        columns = lines[0].row.columns
        header = [BALANCE_NOTE, *(_path(APPLICANT_HEADER, col.group, col.label) for col in columns)]
        return [_pipe(header, [[PATH_SEPARATOR.join(line.path), *(c.text for c in line.cells)] for line in lines])]
    return [_review(lines)]


def _path(*labels: str | None) -> str:
    return PATH_SEPARATOR.join(label for label in labels if label is not None)


def _review(lines: Sequence[Line]) -> str:
    header = [PATH_SEPARATOR.join((*line.path, cell.column.label)) for line in lines for cell in line.cells]
    return _pipe(header, [[cell.text for line in lines for cell in line.cells]])


def _pipe(header: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    def row(cells: Sequence[str]) -> str:
        return "| " + " | ".join(_cell(c) for c in cells) + " |"

    rule = "|" + "|".join(":---" if i == 0 else ":---:" for i in range(len(header))) + "|"
    return "\n".join([row(header), rule, *(row(r) for r in body)])


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
