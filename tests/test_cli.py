"""The command line end to end, in-process."""

from __future__ import annotations

import json

import pytest
from rdflib.compare import isomorphic

from kg.cli import main
from kg.graph.datasets import as_graph
from kg.store.formats import read_graph
from tests.conftest import SEED, SEED_GOLD


def test_cli_build_query_people_posts(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--validate"]) == 0
    assert main(["query", str(out), "people-posts"]) == 0
    table = capsys.readouterr().out
    assert "张健" in table and "秦州区委书记" in table and "2007-04-03" in table
    assert "區(qū)委書記張健同志" in table  # the original sentence, as written


def test_cli_query_holders_binds_the_post(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    main(["build", str(SEED), "-o", str(out), "-q"])
    capsys.readouterr()
    assert main(["query", str(out), "holders", "--param", "post=秦州区委书记", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [r["person"]["value"] for r in rows] == ["张健"]
    # traditional input finds the simplified label
    assert main(["query", str(out), "holders", "--param", "post=秦州區委書記", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [r["person"]["value"] for r in rows] == ["张健"]
    # without the post, every label would match: refused, naming what is missing
    assert main(["query", str(out), "holders"]) == 2
    assert "--param post=VALUE" in capsys.readouterr().err


def test_cli_build_reports_bad_files_and_finishes_the_batch(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-empty.txt").write_bytes(b"")
    (tmp_path / "in" / "b-binary.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (tmp_path / "in" / "c-seed.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "g.ttl"
    assert main(["build", str(tmp_path / "in"), "-o", str(out), "-q", "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "a-empty.txt: the file is empty" in err
    assert "b-binary.txt: binary data" in err
    assert "张健" in out.read_text(encoding="utf-8")


def test_cli_build_strict_stops_at_first_failure(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    assert main(["build", str(tmp_path / "a.txt"), str(SEED), "-o", str(tmp_path / "g.ttl"),
                 "-q", "--strict"]) == 1
    assert not (tmp_path / "g.ttl").exists()


def test_cli_eval_builds_sources_first(capsys):
    assert main(["eval", str(SEED), str(SEED_GOLD)]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split()[1:4] for line in out.splitlines()[1:]}
    assert rows["all"] == ["1.000", "1.000", "1.000"]
    assert rows["holdings"] == ["1.000", "1.000", "1.000"]


def test_cli_bad_usage_exits_2(tmp_path, capsys):
    assert main(["build", str(SEED), "-o", str(tmp_path / "g.xyz")]) == 2
    assert "unknown graph format '.xyz'; known: .ttl, .nt, .trig, .nq" in capsys.readouterr().err
    assert main(["query", str(SEED_GOLD.parent / "nope.ttl"), "people-posts"]) == 2


def test_cli_malformed_sparql_names_line_and_column(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    main(["build", str(SEED), "-o", str(out), "-q"])
    capsys.readouterr()
    assert main(["query", str(out), "SELECT ?x WHERE {\n  ?x ?y }"]) == 2
    assert "line 2" in capsys.readouterr().err


def test_cli_career_and_holders_with_the_default_graph(tmp_path, capsys, monkeypatch):
    out = tmp_path / "g.ttl"
    main(["build", str(SEED), "-o", str(out), "-q"])
    capsys.readouterr()
    monkeypatch.setenv("ZHKG_GRAPH", str(out))
    assert main(["career", "张健", "--format", "csv"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert len(rows) == 3 and all("2007-04-03" in r for r in rows[1:])
    assert main(["holders", str(out), "秦州区委书记", "--format", "csv"]) == 0
    assert "张健" in capsys.readouterr().out
    assert main(["career", str(out), "张健", "extra"]) == 2


def test_cli_build_writes_n_quads_one_graph_per_document(tmp_path, capsys):
    # .nq passed the command line's suffix check, then failed after extracting everything
    out = tmp_path / "g.nq"
    assert main(["build", str(SEED), "-o", str(out), "-q", "--workers", "1"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and all(line.endswith(" .") for line in lines)
    # the document's triples sit in its own named graph, as in TriG
    source = "<https://w3id.org/zhkg/id/source/qinzhou-2007-04-03-"
    in_document = [line for line in lines if line.rsplit(" ", 2)[-2].startswith(source)]
    assert len(in_document) > len(lines) / 2
    assert main(["query", str(out), "holders", "--param", "post=秦州区委书记", "--format", "csv"]) == 0
    assert "张健" in capsys.readouterr().out
    # and it reads back as the same triples as the Turtle build
    ttl = tmp_path / "g.ttl"
    main(["build", str(SEED), "-o", str(ttl), "-q", "--workers", "1"])
    assert isomorphic(as_graph(read_graph(out)), read_graph(ttl))


def test_cli_build_refuses_an_unknown_suffix_before_reading_anything(tmp_path, capsys):
    missing = tmp_path / "no-such-folder"
    assert main(["build", str(missing), "-o", str(tmp_path / "g.owl")]) == 2
    err = capsys.readouterr().err
    assert "unknown graph format '.owl'" in err and "no-such-folder" not in err


def test_cli_validate_accepts_a_store_kg_build_made(tmp_path, capsys):
    # Oxigraph gives every integer back as xsd:integer; the shapes want the
    # xsd:nonNegativeInteger offsets the build wrote
    store = tmp_path / "store"
    assert main(["build", str(SEED), "-o", str(store), "-q", "--workers", "1"]) == 0
    assert main(["validate", str(store)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_cli_second_build_into_a_store_validates(tmp_path, capsys):
    # the offsets read back from the store and the new document's used to be
    # two values of nif:beginIndex ("More than 1 values")
    store = tmp_path / "store"
    assert main(["build", str(SEED), "-o", str(store), "-q", "--workers", "1"]) == 0
    assert main(["build", str(SEED), "-o", str(store), "-q", "--workers", "1", "--validate"]) == 0
    assert main(["validate", str(store)]) == 0
    assert "More than 1 values" not in capsys.readouterr().err


def test_cli_build_a_missing_input_path_is_bad_usage_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "g.ttl"
    assert main(["build", str(SEED), str(tmp_path / "no-such.txt"), "-o", str(out), "-q"]) == 2
    assert f"{tmp_path / 'no-such.txt'}: no such file or folder" in capsys.readouterr().err
    assert not out.exists()


def test_cli_build_reads_one_document_from_standard_input(tmp_path, monkeypatch):
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SEED.read_bytes())))
    out = tmp_path / "g.ttl"
    assert main(["build", "-", "-o", str(out), "-q", "--workers", "1"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "张健" in text and '"-#stdin"' in text


def test_cli_build_reads_standard_input_once(tmp_path, capsys):
    assert main(["build", "-", "-", "-o", str(tmp_path / "g.ttl"), "-q"]) == 2
    assert "standard input (-) can be read once" in capsys.readouterr().err


def test_cli_export_jsonld_context_has_only_the_prefixes_the_graph_uses(tmp_path):
    ttl, jsonld = tmp_path / "g.ttl", tmp_path / "g.jsonld"
    assert main(["build", str(SEED), "-o", str(ttl), "-q", "--workers", "1"]) == 0
    assert main(["export", str(ttl), "-o", str(jsonld)]) == 0
    document = json.loads(jsonld.read_text(encoding="utf-8"))
    context = document["@context"]
    # rdflib knows brick, csvw, odrl...; a context of those would be noise
    assert "brick" not in context and "odrl" not in context
    text = json.dumps(document["@graph"])
    assert all(f'"{prefix}:' in text for prefix in context if prefix != "rdf"), context
    assert {"kg", "org", "prov", "nif", "skos"} <= set(context)
    assert isomorphic(as_graph(read_graph(jsonld)), read_graph(ttl))


def test_cli_every_command_and_option_says_what_it_is_for():
    """`kg COMMAND --help` is a researcher's manual: an argument without help text shows
    only its metavar, which says what to type but not what it does."""
    import argparse

    from kg.cli import make_parser
    subcommands = next(action for action in make_parser()._actions
                       if isinstance(action, argparse._SubParsersAction))
    documented = {choice.dest for choice in subcommands._choices_actions if choice.help}
    assert documented == set(subcommands.choices)
    silent = [f"kg {name} {'/'.join(action.option_strings) or action.dest}"
              for name, command in subcommands.choices.items()
              for action in command._actions
              if not isinstance(action, argparse._HelpAction) and not action.help]
    assert silent == []


@pytest.mark.slow
def test_the_command_ends_with_its_status_and_its_output_flushed(tmp_path):
    # run as the command, main ends the process without tearing the interpreter down
    import subprocess
    import sys
    out, in_process = tmp_path / "seed.ttl", tmp_path / "in-process.ttl"
    run = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(SEED), "-o", str(out)],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "triples" in run.stderr
    assert main(["build", str(SEED), "-o", str(in_process), "-q"]) == 0
    assert out.read_bytes() == in_process.read_bytes()
    ended = subprocess.run([sys.executable, "-c", "import sys\nfrom kg.cli import end_process\n"
                            "sys.stdout.write('written')\nend_process(3)"], capture_output=True, text=True)
    assert (ended.returncode, ended.stdout) == (3, "written")
