"""`kg draw --talks` in a real browser (issue 14): a click on a talk's edge shows the
sentence that reports the talk.

The page is driven as a reader drives it, with a mouse click, over Chromium's DevTools
protocol on a pipe (--remote-debugging-pipe: file descriptors 3 and 4), so no driver
package is needed; only where the edge was drawn is asked of the page's network.
"""

from __future__ import annotations

import fcntl
import json
import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main
from test_browser import FLAGS, chromium  # noqa: F401 (chromium is a fixture)

TALK = "国家主席习近平同俄罗斯总统普京举行会谈。王毅参加会谈。"

# where the edge between the two people was drawn, in page coordinates
_EDGE_MIDDLE = """function () {
  const network = this[0], edge = Object.values(network.body.edges)[0];
  const at = network.getPositions([edge.fromId, edge.toId]);
  const a = network.canvasToDOM(at[edge.fromId]), b = network.canvasToDOM(at[edge.toId]);
  const box = network.body.container.getBoundingClientRect();
  return {x: box.left + (a.x + b.x) / 2, y: box.top + (a.y + b.y) / 2};
}"""


_TRAMPOLINE = ("import os, sys; os.dup2(int(sys.argv[1]), 3); os.dup2(int(sys.argv[2]), 4); "
               "os.execv(sys.argv[3], sys.argv[3:])")


class DevTools:
    """One headless Chromium, commanded over its DevTools pipe."""

    def __init__(self, browser: str, profile: Path) -> None:
        commands, self._commands = os.pipe()
        self._replies, replies = os.pipe()
        # above 4, so that putting one at 3 or 4 cannot overwrite the other
        commands, replies = _above_four(commands), _above_four(replies)
        # the protocol's descriptors are 3 (commands in) and 4 (replies out): a Python
        # trampoline puts them there (sh cannot name a descriptor above 9) and becomes Chromium
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _TRAMPOLINE, str(commands), str(replies), browser, *FLAGS,
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            pass_fds=(commands, replies), stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True)
        os.close(commands)
        os.close(replies)
        self._last, self._pending = 0, b""

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = 60) -> dict:
        self._last += 1
        message = {"id": self._last, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode("utf-8") + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            while b"\0" in self._pending:
                raw, self._pending = self._pending.split(b"\0", 1)
                reply = json.loads(raw)
                if reply.get("id") == self._last:
                    assert "error" not in reply, f"{method}: {reply['error']}"
                    return reply["result"]
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                pytest.fail(f"Chromium did not answer {method} within {timeout} s")
            chunk = os.read(self._replies, 1 << 16)
            assert chunk, f"Chromium closed its pipe before answering {method}"
            self._pending += chunk

    def close(self) -> None:
        os.killpg(self.proc.pid, signal.SIGKILL)  # the renderer and GPU processes too
        self.proc.wait()
        os.close(self._commands)
        os.close(self._replies)


def _above_four(fd: int) -> int:
    moved = fcntl.fcntl(fd, fcntl.F_DUPFD, 5)
    os.close(fd)
    return moved


def _talks_page(tmp_path: Path) -> Path:
    from kg.extract.pipeline import extract
    from kg.graph.rdf import build_graph
    from kg.store.formats import write_graph
    from kg.text.document import make_document
    graph, page = tmp_path / "talk.ttl", tmp_path / "talks.html"
    write_graph(build_graph([extract(make_document(TALK, doc_id="t", path="t.txt"))]), graph)
    assert main(["draw", str(graph), "--talks", "-o", str(page)]) == 0
    return page


@pytest.mark.slow
def test_clicking_a_talks_edge_shows_the_sentence_of_the_talk(chromium: str,  # noqa: F811
                                                              tmp_path: Path) -> None:
    page = _talks_page(tmp_path)
    browser = DevTools(chromium, tmp_path / "profile")
    try:
        target = browser.send("Target.createTarget", {"url": page.resolve().as_uri()})
        session = browser.send("Target.attachToTarget", {"targetId": target["targetId"],
                                                         "flatten": True})["sessionId"]

        def value(expression: str):
            return browser.send("Runtime.evaluate", {"expression": expression,
                                                     "returnByValue": True},
                                session)["result"].get("value")

        deadline = time.monotonic() + 60
        while value("document.body && document.body.dataset.ready") != "true":
            assert time.monotonic() < deadline, "the page's script did not finish"
            time.sleep(0.1)
        assert value("document.getElementById('details').textContent") == "点击节点或关系查看来源句。"
        prototype = browser.send("Runtime.evaluate", {"expression": "vis.Network.prototype"},
                                 session)["result"]["objectId"]
        networks = browser.send("Runtime.queryObjects", {"prototypeObjectId": prototype},
                                session)["objects"]["objectId"]
        at = browser.send("Runtime.callFunctionOn", {"objectId": networks,
                                                     "functionDeclaration": _EDGE_MIDDLE,
                                                     "returnByValue": True},
                          session)["result"]["value"]
        for event in ("mouseMoved", "mousePressed", "mouseReleased"):
            browser.send("Input.dispatchMouseEvent", {"type": event, "x": at["x"], "y": at["y"],
                                                      "button": "left", "clickCount": 1},
                         session)
        deadline = time.monotonic() + 10
        while TALK.split("。")[0] not in (value("document.getElementById('details').textContent")
                                         or ""):
            assert time.monotonic() < deadline, "the click on the edge showed no sentence"
            time.sleep(0.1)
        card = value("document.querySelector('#details strong').textContent")
        # the edge's card (a —…→ b), not a person's, quotes the sentence with its report
        assert "—" in card and "→" in card and {"习近平", "普京"} <= set(
            card.replace("—", " ").replace("→", " ").split())
        assert value("document.querySelector('#details cite').textContent") == "— t.txt"
    finally:
        browser.close()
