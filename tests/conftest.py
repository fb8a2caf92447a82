"""Hypothesis profiles (``ci`` is bounded; choose with HYPOTHESIS_PROFILE) and shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from helpers import CORPUS

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The real reports of the corpus, copied into tests/corpus."""
    if not CORPUS.is_dir():
        pytest.fail(f"the corpus copy in tests/corpus is missing: {CORPUS}")
    return CORPUS
