"""Shared fixtures: the seed document, its gold file, and its built graph."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# tests/test_fuzz.py sizes itself from this profile: over 10,000 inputs in CI
settings.register_profile("fuzz", deadline=None,
                          max_examples=1000 if os.environ.get("CI") == "true" else 40)

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "qinzhou-2007-04-03.txt"
SEED_GOLD = ROOT / "tests" / "gold" / "qinzhou-2007-04-03.yaml"


def shared_data() -> Path:
    """The public NER corpora (never copied into the repository)."""
    return Path(os.environ.get("ZHKG_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def seed_extraction():
    from kg.extract.pipeline import process_file
    return process_file(SEED, shown_as="seeds/qinzhou-2007-04-03.txt")


@pytest.fixture(scope="session")
def seed_graph(seed_extraction):
    from kg.graph.rdf import build_graph
    return build_graph([seed_extraction])


def free_port() -> int:
    """A port on 127.0.0.1 nothing listens on now (for servers the tests start)."""
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def installed_command(name: str, missing: str) -> str:
    """The path of a command the test extra installs (the venv's first), or a skip."""
    import shutil
    import sys
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(missing)
    return found
