"""`kg build --scheduler`: the same extraction on a Dask cluster made of a
scheduler and two workers, each its own process on loopback."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.errors import UsageError
from tests.conftest import SEED, free_port, installed_command

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed: pip install -e '.[test]' (or '.[cluster]')")


def _dask() -> str:
    return installed_command("dask", "the `dask` command is not installed")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    address = f"tcp://127.0.0.1:{free_port()}"
    logs = tmp_path_factory.mktemp("dask")
    common = ["--no-dashboard"]
    procs = [subprocess.Popen([_dask(), "scheduler", "--host", "127.0.0.1", "--port",
                               address.rsplit(":", 1)[1], *common],
                              stdout=subprocess.DEVNULL, stderr=(logs / "scheduler.log").open("w"))]
    for i in range(2):
        procs.append(subprocess.Popen(
            [_dask(), "worker", address, "--nthreads", "1", "--nworkers", "1",
             "--host", "127.0.0.1", "--local-directory", str(logs / f"w{i}"), *common],
            stdout=subprocess.DEVNULL, stderr=(logs / f"worker{i}.log").open("w")))
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    lines = SEED.read_text(encoding="utf-8").splitlines(keepends=True)
    head = lines[0]
    # the seed, and reports made of its paragraphs (each with the seed's lead)
    (folder / "seed.txt").write_text("".join(lines), encoding="utf-8")
    for i in range(1, len(lines), 3):
        (folder / f"part-{i:03}.txt").write_text(head + "".join(lines[i:i + 3]), encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\xff\xfe\x00")  # reported, the rest is built
    return folder


def test_cluster_build_is_isomorphic_to_the_single_process_build(cluster, corpus, tmp_path, capsys):
    local, remote = tmp_path / "local.ttl", tmp_path / "cluster.ttl"
    assert main(["build", str(corpus), "-o", str(local), "--workers", "1", "-q",
                 "--date", "2007-04-03"]) == 1
    local_errors = capsys.readouterr().err
    assert main(["build", str(corpus), "-o", str(remote), "--scheduler", cluster, "-q",
                 "--date", "2007-04-03"]) == 1
    assert "broken.txt" in capsys.readouterr().err and "broken.txt" in local_errors
    a, b = Graph().parse(local), Graph().parse(remote)
    assert len(a) > 500 and isomorphic(a, b)
    # and byte for byte: the parent assembles results in path order
    assert local.read_bytes() == remote.read_bytes()


def test_cluster_build_names_an_unreachable_scheduler(corpus, tmp_path):
    from kg.batch.distributed import cluster_executor
    address = f"tcp://127.0.0.1:{free_port()}"
    with pytest.raises(UsageError, match=address):
        with cluster_executor(address, timeout_s=2):
            pass
