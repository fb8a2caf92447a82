"""The package as a user receives it: a wheel and an sdist built from this tree, the wheel installed
into a fresh virtual environment with no extras, and the main job run from there.

This is the test a fresh clone relies on: nothing beside the repository, no test tools in the
user's environment. It builds with the ``build`` front end (without isolation: the test extra
brings ``setuptools``), then installs the wheel with pip, which fetches the three runtime
dependencies from the package index.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

from helpers import REPO

_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", ".ci-venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache", ".hypothesis",
)


def _run(args: list[str | Path], **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, env=env, timeout=600,
                          check=False, **kwargs)  # type: ignore[call-overload, no-any-return]


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel and the sdist, built from a copy of the tree (the checkout stays clean)."""
    work = tmp_path_factory.mktemp("build")
    tree = work / "tree"
    shutil.copytree(REPO, tree, ignore=_IGNORED)
    proc = _run([sys.executable, "-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", work / "dist",
                 tree])
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    (wheel,) = (work / "dist").glob("*.whl")
    (sdist,) = (work / "dist").glob("*.tar.gz")
    return wheel, sdist


def test_the_wheel_holds_the_package_its_licence_and_no_tests(dists: tuple[Path, Path]) -> None:
    wheel, _ = dists
    names = zipfile.ZipFile(wheel).namelist()
    assert "gov_disclosure/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names
    assert not [n for n in names if n.startswith("tests/") or "/tests/" in n or Path(n).name.startswith("test_")]
    assert not [n for n in names if n.split("/")[0] not in ("gov_disclosure",) and ".dist-info/" not in n]
    metadata = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert "Classifier: Typing :: Typed" in metadata
    assert "Classifier: Natural Language :: Chinese (Simplified)" in metadata
    assert "Project-URL: Issues" in metadata


def test_the_sdist_holds_the_licence_and_what_the_readme_links_to(dists: tuple[Path, Path]) -> None:
    _, sdist = dists
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"LICENSE", "README.md", "CHANGELOG.md", "pyproject.toml", "src/gov_disclosure/py.typed"} <= names
    assert "docs/quickstart.md" in names
    assert "examples/zhongshan-office-2020.txt" in names


def test_a_bare_install_runs_the_main_job(dists: tuple[Path, Path], tmp_path: Path) -> None:
    wheel, _ = dists
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    bindir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    proc = _run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel])
    assert proc.returncode == 0, proc.stderr[-3000:]

    proc = _run([python, "-c", "import gov_disclosure; print(gov_disclosure.__version__)"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip()

    # No extras: none of the optional or test packages came along.
    probe = ("import importlib.util as u; "
             "print([m for m in ('hypothesis', 'pytest', 'pdfplumber', 'pypdfium2', 'docx', 'pandas', 'mypy', "
             "'ruff', 'reportlab', 'dask') if u.find_spec(m)])")
    proc = _run([python, "-c", probe], cwd=tmp_path)
    assert proc.stdout.strip() == "[]", proc.stdout

    example = REPO / "examples" / "zhongshan-office-2020.txt"
    proc = _run([bindir / "gov-disclosure", "check", example], cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "zhongshan-office-2020.txt" in proc.stdout

    # The testing helpers name the extra they need instead of failing on a bare import.
    proc = _run([python, "-c", "import gov_disclosure.testing"], cwd=tmp_path)
    assert proc.returncode != 0
    assert "MissingExtraError" in proc.stderr
    assert "gov_disclosure[testing]" in proc.stderr
    assert "ModuleNotFoundError" not in proc.stderr
