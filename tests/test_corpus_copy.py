"""The corpus and the format spec the tests read are copies inside the repository, byte for byte.

The originals live in the project's ``shared/`` folder beside the checkout (ours, not the
users'); on a machine that has it, these tests fail when a copy drifts from its original. A
fresh clone has no ``shared/`` beside it: there the comparison is skipped, and every other test
still runs on the copies.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import CORPUS, SHARED, SPEC

ORIGINAL_CORPUS = SHARED / "corpus"
ORIGINAL_SPEC = SHARED / "spec" / "FORMAT.md"

needs_shared = pytest.mark.skipif(not ORIGINAL_CORPUS.is_dir(), reason="no shared/ beside the checkout (a fresh clone)")


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir() if p.is_file()}


def test_the_copies_are_in_the_repository() -> None:
    names = _files(CORPUS)
    assert {n for n in names if n.endswith(".truth.json")}, "no truth files in tests/corpus"
    for truth in (n for n in names if n.endswith(".truth.json")):
        stem = truth.removesuffix(".truth.json")
        assert any(n.startswith(stem + ".") and n != truth for n in names), f"{truth} has no report beside it"
    assert SPEC.is_file()


@needs_shared
def test_corpus_copy_matches_the_original() -> None:
    assert _files(CORPUS) == _files(ORIGINAL_CORPUS)
    for name in sorted(_files(ORIGINAL_CORPUS)):
        assert (CORPUS / name).read_bytes() == (ORIGINAL_CORPUS / name).read_bytes(), f"tests/corpus/{name} differs"


@needs_shared
def test_spec_copy_matches_the_original() -> None:
    assert SPEC.read_bytes() == ORIGINAL_SPEC.read_bytes()
