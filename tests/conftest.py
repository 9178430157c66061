"""Shared fixtures: the loaded pipeline, and the ``../shared`` material when present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def nlp():
    from communique.pipeline import load

    return load()


@pytest.fixture(scope="session")
def shared() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"shared material not found at {SHARED} (set COMMUNIQUE_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    path = shared / "seed" / "article.txt"
    if not path.is_file():
        pytest.skip(f"seed article not found at {path}")
    return path.read_text(encoding="utf-8")
