"""The README's "Use" and "Exports" commands, as a new user types them after `make demo`.

The fast test reads every command and parses each `kg` line with kg's own argument
parser; the slow one runs them all, in order, in one shell, in a copy of the checkout's
layout (the servers' ports swapped for free ones, so parallel runs do not collide).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

import pytest

from kg.cli import make_parser
from tests.conftest import ROOT, free_port

SHELL_WORDS = {".", "kg", "mkdir", "cp", "zcat", "head", "oxigraph"}
# what the commands read from the checkout (and `..`), linked into the copy
CHECKOUT_PARTS = (".venv", "seeds", "tests", "kg", "ontology")


def readme_commands() -> list[str]:
    """Each command line of the README's sh blocks from "## Use" to "## Accuracy",
    its trailing comment removed."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("\n## Use\n"):text.index("\n## Accuracy\n")]
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", section, flags=re.S):
        for line in block.splitlines():
            command = re.split(r"\s+#\s|\s+#$", " " + line, maxsplit=1)[0].strip()
            if command and not command.startswith("#"):
                lines.append(command)
    return lines


def _segments(command: str) -> list[list[str]]:
    """The simple commands of a line (split at |, &&, ;), redirections and & dropped."""
    words = shlex.split(command.rstrip("&").strip(), posix=True)
    segments, current, skip = [], [], False
    for word in words:
        if skip:
            skip = False
        elif word in ("|", "&&", ";"):
            segments.append(current)
            current = []
        elif word in ("<", ">"):
            skip = True
        else:
            current.append(word)
    return [*segments, current]


def test_the_use_section_is_read_whole():
    commands = readme_commands()
    assert commands[0] == ". .venv/bin/activate"
    for needed in ("kg build seeds/ -o out/graph.ttl", "kg serve out/store/",
                   "kg build more/ -o out/graph.ttl --add", "kg build - -o out/one.ttl"):
        assert any(c.startswith(needed) for c in commands), needed
    # what the examples use is made before it is used

    def first(prefix: str) -> int:
        return next(i for i, c in enumerate(commands) if c.startswith(prefix))
    assert first("mkdir -p more") < first("kg build more/")
    assert first("kg build seeds/ -o out/store/") < first("kg serve out/store/")
    assert first("zcat") < first("kg build out/news.jsonl") < first("kg draw out/news.ttl")


@pytest.mark.parametrize("command", readme_commands())
def test_every_readme_command_is_a_known_command_kg_can_parse(command):
    for words in _segments(command):
        assert words[0] in SHELL_WORDS, command
        if words[0] == "kg":
            try:
                make_parser().parse_args(words[1:])
            except SystemExit as exc:
                pytest.fail(f"kg cannot parse {command!r} (exit {exc.code})")


def _port_of(command: str) -> int | None:
    found = re.search(r"(?:--port |--bind [\d.]+:)(\d+)", command)
    return int(found.group(1)) if found else None


@pytest.mark.slow
def test_every_readme_command_runs_as_written_after_make_demo(tmp_path):
    shared = ROOT.parent / "shared"
    if not (shared / "data" / "xwlb" / "xwlb-2012-2019.jsonl.gz").is_file():
        pytest.skip("the JSON Lines example reads ../shared/data/xwlb/, absent here")
    checkout = tmp_path / "zhkg"
    checkout.mkdir()
    for part in CHECKOUT_PARTS:
        (checkout / part).symlink_to(ROOT / part)
    (tmp_path / "shared").symlink_to(shared)
    # what make demo leaves: out/ (the first command below rebuilds its graph)
    script = ["set -eu", "trap 'kill $(jobs -p) 2>/dev/null || true' EXIT", "mkdir -p out"]
    ports = {}
    for command in readme_commands():
        port = _port_of(command)
        if port is not None:
            ports[port] = ports.get(port) or free_port()
        for given, free in ports.items():  # the server's, and its clients' URLs
            command = re.sub(rf"\b{given}\b", str(free), command)
        script.append(f"echo '+ {command}' >&2")
        script.append(command)
        if command.endswith("&") and port is not None:
            # a server: the next command may use it only once it answers
            script.append(f"{sys.executable} -c 'import socket, time\n"
                          f"for _ in range(300):\n"
                          f"    try: socket.create_connection((\"127.0.0.1\", {ports[port]}), 1); break\n"
                          f"    except OSError: time.sleep(0.2)'")
    done = subprocess.run(["bash", "-c", "\n".join(script)], cwd=checkout, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = checkout / "out"
    for made in ("graph.ttl", "graph.html", "one.ttl", "graph.graphml", "graph.jsonld",
                 "graph-nodes.csv", "people.graphml", "news.ttl", "news.html"):
        assert (out / made).is_file(), made
    assert (out / "store").is_dir()
