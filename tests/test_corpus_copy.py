"""The corpus and the format spec the tests read are copies inside the repository, byte for byte.

The originals live in the project's ``shared/`` folder beside the checkout (ours, not the
users'). ``tests/copies.sha256`` records the digest of every original (``sha256sum -c`` reads
it too): the copies are checked against it everywhere — a fresh clone included — and, on a
machine that has ``shared/`` beside the checkout, the record is checked against the originals,
so that a copy or the record drifting from its original fails a test.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from helpers import CORPUS, REPO, SHARED, SPEC

RECORD = REPO / "tests" / "copies.sha256"


def _recorded() -> dict[str, str]:
    """Path under tests/ → recorded SHA-256 of its original."""
    out: dict[str, str] = {}
    for line in RECORD.read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        out[name] = digest
    return out


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _copies() -> dict[str, Path]:
    return {**{f"corpus/{p.name}": p for p in CORPUS.iterdir() if p.is_file()}, "spec/FORMAT.md": SPEC}


def test_the_copies_are_in_the_repository() -> None:
    names = {p.name for p in CORPUS.iterdir() if p.is_file()}
    assert {n for n in names if n.endswith(".truth.json")}, "no truth files in tests/corpus"
    for truth in (n for n in names if n.endswith(".truth.json")):
        stem = truth.removesuffix(".truth.json")
        assert any(n.startswith(stem + ".") and n != truth for n in names), f"{truth} has no report beside it"
    assert SPEC.is_file()


def test_every_copy_is_its_recorded_original() -> None:
    copies = _copies()
    recorded = _recorded()
    assert set(copies) == set(recorded)
    for name, path in sorted(copies.items()):
        assert _digest(path) == recorded[name], f"tests/{name} differs from its original"


def test_the_record_is_the_originals_where_they_are_beside_the_checkout() -> None:
    """Against ``shared/`` when it is beside the checkout (the project's machines and CI); in a
    fresh clone with nothing beside it, against the copies' own record (the test above)."""
    originals = {**{f"corpus/{p.name}": p for p in (SHARED / "corpus").iterdir() if p.is_file()},
                 "spec/FORMAT.md": SHARED / "spec" / "FORMAT.md"} if (SHARED / "corpus").is_dir() else _copies()
    recorded = _recorded()
    assert set(originals) == set(recorded)
    for name, path in sorted(originals.items()):
        assert _digest(path) == recorded[name], f"{name}: the record differs from the original"
