"""Extraction on a Dask cluster: `kg build --scheduler tcp://HOST:PORT`.

The cluster runs the same per-document function as a local build
(`kg.batch.build._extract_one`, reached through `kg.batch.build.extract_all`); only the
executor changes. Results come back in input order and the graph is assembled
in this process, so a cluster build equals a local one. Every worker needs
zhkg installed (the same version), and reads the documents from the path it
is given: run workers where the corpus is, or on a shared file system.

Dask rather than Ray: `pip install "dask[distributed]"` is pure Python and a
few MB, a cluster is two commands (`dask scheduler`, `dask worker ADDRESS`),
and its client offers a `concurrent.futures` executor, which is all
`extract_all` needs (docs/scale.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager

from kg.errors import UsageError


class ClusterExecutor(Executor):
    """A `concurrent.futures` executor over a Dask client.

    Attributes:
        workers: the cluster's threads when connected, to keep that many
            chunks of documents in flight.
    """

    def __init__(self, client) -> None:
        self.client = client
        self._executor = client.get_executor(pure=False)
        self.workers = max(1, sum(client.nthreads().values()))

    def submit(self, fn: Callable, /, *args, **kwargs) -> Future:
        return self._executor.submit(fn, *args, **kwargs)


@contextmanager
def cluster_executor(scheduler: str, *, timeout_s: float = 30.0) -> Iterator[ClusterExecutor]:
    """Connects to the Dask scheduler at `scheduler` for the length of the block.

    Raises:
        UsageError: dask is not installed, the scheduler does not answer
            within `timeout_s`, or it has no workers.
    """
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--scheduler needs Dask: pip install 'zhkg[cluster]' "
                         "(or 'dask[distributed]')") from None
    try:
        client = Client(scheduler, timeout=timeout_s, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    try:
        if not client.nthreads():
            try:
                client.wait_for_workers(1, timeout=timeout_s)
            except TimeoutError:
                raise UsageError(f"the Dask scheduler at {scheduler} has no workers; start "
                                 f"some with `dask worker {scheduler}`") from None
        yield ClusterExecutor(client)
    finally:
        client.close()
