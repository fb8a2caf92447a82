#!/usr/bin/env python3
"""Regenerate ``src/gov_disclosure/_hanzi_table.py``: traditional → simplified, one character for one.

The table is OpenCC's own character data, composed the way OpenCC's traditional → simplified
conversions compose it (``t2s.json``, ``hk2s.json``, ``tw2s.json``):

* ``CJK_Compatibility_Ideographs`` normalises compatibility ideographs first;
* ``t2s``: ``TSCharactersExt`` then ``TSCharacters`` (the first dictionary that has the
  character wins; its first candidate is OpenCC's choice);
* ``hk2s`` / ``tw2s``: ``HKVariantsRev`` / ``TWVariantsRev`` (regional variant → OpenCC
  standard form), then the ``t2s`` dictionaries.

A character takes its ``t2s`` form when ``t2s`` changes it, else its ``hk2s`` form, else its
``tw2s`` form; the result is closed under itself (folding twice changes nothing). No character
is picked by hand. ``tests/test_traditional.py`` compares the committed table with the
installed OpenCC for every CJK code point.

Usage (from the project root, OpenCC installed: ``pip install opencc``)::

    python tools/make_hanzi_table.py                      # from the installed OpenCC's dictionaries
    python tools/make_hanzi_table.py --data OpenCC/data/dictionary   # from an OpenCC checkout's .txt files
    python tools/make_hanzi_table.py --check              # exit 1 when the committed module differs

Reading the installed package's ``.ocd2`` dictionaries uses the ``opencc_dict`` tool shipped in
its wheel to write them out as text.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "gov_disclosure" / "_hanzi_table.py"
DICTIONARIES = ("CJK_Compatibility_Ideographs", "TSCharactersExt", "TSCharacters", "HKVariantsRev", "TWVariantsRev")
WIDTH = 50  # characters per line of the generated strings


def _installed() -> tuple[Path, Path, str]:
    """The installed OpenCC's dictionary folder, its ``opencc_dict`` tool and its version."""
    from importlib.metadata import version

    import opencc

    clib = Path(opencc.__file__).resolve().parent / "clib"
    tool = shutil.which("opencc_dict", path=str(clib / "bin"))  # opencc_dict.exe on Windows
    if tool is None:
        raise SystemExit(f"no opencc_dict in {clib / 'bin'}: give --data with OpenCC's dictionary .txt files")
    return clib / "share" / "opencc", Path(tool), version("opencc")


def _read_text(path: Path) -> dict[str, str]:
    """``key<TAB>candidate candidate …`` lines → key → first candidate (single characters only)."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        first = values.split(" ")[0]
        if len(key) == 1 and len(first) == 1:
            out[key] = first
    return out


def load(data: Path | None) -> tuple[dict[str, dict[str, str]], str]:
    """Each dictionary of :data:`DICTIONARIES` as a mapping, and where they came from."""
    if data is not None:
        return {name: _read_text(data / f"{name}.txt") for name in DICTIONARIES}, f"OpenCC data in {data.name}"
    share, tool, version = _installed()
    out: dict[str, dict[str, str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in DICTIONARIES:
            text = Path(tmp) / f"{name}.txt"
            subprocess.run(
                [str(tool), "-i", str(share / f"{name}.ocd2"), "-o", str(text), "-f", "ocd2", "-t", "text"],
                check=True,
                capture_output=True,
            )
            out[name] = _read_text(text)
    return out, f"OpenCC {version}"


def compose(dicts: dict[str, dict[str, str]]) -> dict[str, str]:
    """Character → simplified character, as OpenCC's t2s, hk2s and tw2s conversions map it."""
    compat, ext, base = dicts["CJK_Compatibility_Ideographs"], dicts["TSCharactersExt"], dicts["TSCharacters"]

    def t2s(c: str) -> str:
        return ext.get(c) or base.get(c) or c

    def convert(c: str, variants: dict[str, str]) -> str:
        c = compat.get(c, c)
        return t2s(variants.get(c, c))

    keys = set().union(*dicts.values())
    table: dict[str, str] = {}
    for c in sorted(keys):
        for variants in ({}, dicts["HKVariantsRev"], dicts["TWVariantsRev"]):
            target = convert(c, variants)
            if target != c:
                table[c] = target
                break
    for c in list(table):  # closed: a target that is itself folded folds on
        seen = {c}
        while table[c] in table and table[c] not in seen:
            seen.add(table[c])
            table[c] = table[table[c]]
    return {c: s for c, s in table.items() if s != c}


def module_text(table: dict[str, str], origin: str) -> str:
    keys = "".join(sorted(table))
    values = "".join(table[c] for c in sorted(table))

    def lines(text: str) -> str:
        return "\n".join(f'    "{text[i : i + WIDTH]}"' for i in range(0, len(text), WIDTH))

    return (
        '"""Traditional → simplified Chinese, one character for one: generated from OpenCC\'s character data.\n\n'
        "Do not edit: regenerate with ``python tools/make_hanzi_table.py`` (it says how the table is\n"
        f"composed). Source: {origin} (Apache-2.0); {len(table)} characters.\n"
        '"""\n\n'
        "# fmt: off\n"
        f"TRADITIONAL = (\n{lines(keys)}\n)\n"
        '"""The characters that fold, in code point order."""\n\n'
        f"SIMPLIFIED = (\n{lines(values)}\n)\n"
        '"""What each character of :data:`TRADITIONAL` folds to, in the same order."""\n'
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a folder of OpenCC dictionary .txt files (OpenCC's data/dictionary)")
    parser.add_argument("--check", action="store_true", help="exit 1 when the committed module differs")
    args = parser.parse_args(argv)
    dicts, origin = load(args.data)
    text = module_text(compose(dicts), origin)
    if args.check:
        same = OUT.read_text(encoding="utf-8") == text
        print(f"{OUT.name}: {'up to date' if same else 'differs from ' + origin}")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({origin})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
