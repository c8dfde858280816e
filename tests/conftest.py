"""Shared fixtures: the seed document, its gold file, and its built graph; and which
tests are `slow` (`make test-fast` leaves them out)."""

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


# The `slow` tests start or kill other processes (the kg command as a subprocess, `oxigraph
# serve`, Chromium, a Dask cluster, a notebook kernel) or take over a second and a half on
# their own (big builds, thousands of corpus sentences). They are marked here, by module,
# fixture or name, so the files that hold them need no edit; tests/test_structure.py checks
# that every name below still exists. A new test of that kind joins a list, or says
# @pytest.mark.slow.
SLOW_MODULES = {"test_browser", "test_browser_timeline", "test_distributed", "test_endpoint_abuse",
                "test_kill", "test_notebook"}
SLOW_FIXTURES = {"oxigraph_server"}
SLOW_TESTS = {
    "test_rdf_two_builds_give_byte_identical_turtle",
    "test_serve_cli_answers_over_http_and_refuses_updates",
    "test_store_survives_sigkill_during_a_large_load",
    "test_fast_segmenter_gives_jieba_tokens_on_seed_and_corpus_sentences",
    "test_tag_spans_valid_on_any_text",
    "test_cli_build_query_people_posts",
    "test_timeout_stops_waiting_for_a_slow_query",
    "test_draw_large_graph_is_fast_and_static",
    "test_cli_store_built_one_document_at_a_time_is_isomorphic_to_one_build",
    "test_evaluate_corpus_scores_exact_spans",
    "test_adding_documents_one_at_a_time_equals_building_all_at_once",
    "test_cli_query_holders_binds_the_post",
    "test_slow_query_times_out_with_503_and_gives_its_slot_back",
    "test_cli_build_reports_bad_files_and_finishes_the_batch",
    "test_any_file_name_builds_and_reads_back_with_its_sentences",
    "test_odd_names_give_the_same_people_built_together_or_one_at_a_time",
    "test_a_folder_a_thousand_levels_deep_is_read",
}


def is_slow(item: pytest.Item) -> bool:
    return (item.path.stem in SLOW_MODULES
            or bool(SLOW_FIXTURES & set(getattr(item, "fixturenames", ())))
            or getattr(item, "originalname", item.name) in SLOW_TESTS)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


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
