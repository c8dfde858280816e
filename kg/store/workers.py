"""Queries run in worker processes that can be stopped: Oxigraph cannot cancel a
query once started, so each runs in a process with a memory cap, and one that
passes its time limit is killed and replaced.

`QueryPool.run` is `kg.store.query.run_query` with those guarantees: a slot (a
worker) is always given back, since a stuck worker is replaced, never waited
for. `python -m kg.store.workers GRAPH MEMORY_MB` is one worker: it reads
requests on stdin and writes results on stdout.
"""

from __future__ import annotations

import io
import os
import pickle
import queue
import resource
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from concurrent.futures import Future
from pathlib import Path

from kg.children import end_with_parent
from kg.errors import KGError, QueryError
from kg.store.query import QueryTimeout
from kg.store.results import QueryResult

_HEADER = struct.Struct("!I")


class QueryOverBudget(QueryTimeout):
    """The query needed more memory than a worker may use, or crashed its worker."""


class QueryPool:
    """`size` workers over the graph at `path`, each capped at `memory_mb` MB
    of memory beyond what it holds when it starts."""

    def __init__(self, path: Path, *, size: int, memory_mb: int) -> None:
        self.path = Path(path)
        self.memory_mb = memory_mb
        self.idle: queue.Queue[subprocess.Popen] = queue.Queue()
        # workers die with the thread that started them (PR_SET_PDEATHSIG), so one
        # long-lived thread starts them all, never a request's short-lived one
        self._orders: queue.Queue[Future | None] = queue.Queue()
        self._spawner = threading.Thread(target=self._spawn_loop, name="kg-workers", daemon=True)
        self._spawner.start()
        started = [self._spawn() for _ in range(size)]
        try:
            for worker in started:  # a graph that does not open fails here, not at a query
                self._ready(worker, time.monotonic() + 600)
        except BaseException:
            for worker in started:
                worker.kill()
                worker.wait()
            self._orders.put(None)
            raise
        for worker in started:
            self.idle.put(worker)

    def _spawn_loop(self) -> None:
        while (order := self._orders.get()) is not None:
            try:
                order.set_result(subprocess.Popen(
                    [sys.executable, "-m", "kg.store.workers", str(self.path), str(self.memory_mb)],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE))
            except OSError as e:
                order.set_exception(e)

    def _spawn(self) -> subprocess.Popen:
        order: Future[subprocess.Popen] = Future()
        self._orders.put(order)
        worker = order.result()
        worker.ready = False  # until it says it has opened the graph
        return worker

    def _ready(self, worker: subprocess.Popen, deadline: float) -> bool:
        """Waits for a new worker's first message; False if the deadline passed."""
        if worker.ready:
            return True
        message = _read_message(worker.stdout, deadline)
        if message is None:
            return False
        kind, value = _Unpickler(io.BytesIO(message)).load() if message else ("error", None)
        if kind == "error":
            raise value or QueryOverBudget(f"the query worker could not open {self.path}")
        worker.ready = True
        return True

    def run(self, query_text: str, *, timeout_s: float, limit: int | None) -> QueryResult:
        """Runs a query in a worker within `timeout_s` seconds (waiting for a free
        worker counts).

        Raises:
            QueryTimeout: no worker freed up, or the query did not end, in time
                (its worker is killed).
            QueryOverBudget: the worker ran out of memory or crashed.
            QueryRefused, QueryError: as `run_query`.
        """
        deadline = time.monotonic() + timeout_s
        try:
            worker = self.idle.get(timeout=timeout_s)
        except queue.Empty:
            raise QueryTimeout(f"no free query slot within {timeout_s:g} s; retry shortly") from None
        replace = True
        try:
            if not self._ready(worker, deadline):
                replace = False  # a replacement still starting: it stays, unused
                raise QueryTimeout(f"no free query slot within {timeout_s:g} s (a new query "
                                   "worker is still opening the graph); retry shortly")
            payload = pickle.dumps((query_text, limit))
            worker.stdin.write(_HEADER.pack(len(payload)) + payload)
            worker.stdin.flush()
            reply = _read_message(worker.stdout, deadline)
            if reply is None:
                raise QueryTimeout(f"no answer within {timeout_s:g} s; narrow the query "
                                   "(more specific patterns, a LIMIT) or raise the time limit")
            if reply == b"":
                raise QueryOverBudget(f"the query needed more than {self.memory_mb} MB of memory "
                                      "(or crashed its worker); narrow it or add a LIMIT")
            kind, value = _Unpickler(io.BytesIO(reply)).load()
            replace = False
        except (KGError, OSError) as e:  # a replacement could not open the graph, or died
            if isinstance(e, QueryError):
                raise
            raise QueryOverBudget(f"the query worker failed ({e})") from None
        finally:
            if replace:
                worker.kill()
                worker.wait()
                worker = self._spawn()
            self.idle.put(worker)  # the slot is always given back
        if kind == "error":
            raise value
        return value

    def close(self) -> None:
        self._orders.put(None)
        while True:
            try:
                worker = self.idle.get_nowait()
            except queue.Empty:
                break
            worker.kill()
            worker.wait()


def _read_message(stream, deadline: float) -> bytes | None:
    """One framed message; b"" if the worker died, None if the deadline passed."""
    data, fd = b"", stream.fileno()
    while True:
        if len(data) >= _HEADER.size:
            size = _HEADER.unpack_from(data)[0]
            if len(data) == _HEADER.size + size:
                return data[_HEADER.size:]
            need = _HEADER.size + size - len(data)
        else:
            need = _HEADER.size - len(data)
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            return None
        chunk = os.read(fd, min(need, 1 << 20))
        if not chunk:
            return b""
        data += chunk


class _Unpickler(pickle.Unpickler):
    """Rebuilds only results and query errors: a worker's reply is data, never code."""

    ALLOWED = {("kg.store.results", "QueryResult"), ("kg.errors", "QueryError"),
               ("kg.errors", "UsageError"), ("kg.errors", "_make_input_error"),
               ("kg.store.query", "QueryRefused"), ("kg.store.query", "QueryTimeout"),
               *(("pyoxigraph", term) for term in ("NamedNode", "BlankNode", "Literal", "Triple"))}

    def find_class(self, module: str, name: str):
        if (module, name) in self.ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"a query worker sent {module}.{name}")


def _worker(path: Path, memory_mb: int) -> None:
    # a query worker of a killed server would hold its memory for nobody
    if not end_with_parent(os.getppid(), signal.SIGKILL):
        return
    from kg.errors import InputError, UsageError
    from kg.store.oxigraph import open_store
    from kg.store.query import run_query
    replies = sys.stdout.buffer

    def send(message) -> None:
        payload = pickle.dumps(message)
        replies.write(_HEADER.pack(len(payload)) + payload)
        replies.flush()

    try:
        store = open_store(path)
    except (InputError, UsageError) as e:
        return send(("error", e))
    send(("ready", None))
    with open("/proc/self/status", encoding="ascii") as status:
        data_kb = next(int(line.split()[1]) for line in status if line.startswith("VmData:"))
    cap = (data_kb * 1024) + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))
    requests = sys.stdin.buffer
    while header := requests.read(_HEADER.size):
        query_text, limit = pickle.loads(requests.read(_HEADER.unpack(header)[0]))
        try:
            send(("ok", run_query(store, query_text, limit=limit)))
        except QueryError as e:
            send(("error", e))


if __name__ == "__main__":
    _worker(Path(sys.argv[1]), int(sys.argv[2]))
