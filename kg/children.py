"""Child processes that end with the process that started them."""

from __future__ import annotations

import ctypes
import os
import signal

_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def end_with_parent(parent: int, sig: signal.Signals = signal.SIGTERM) -> bool:
    """Has the kernel send `sig` to this process when `parent` dies, SIGKILL
    included (which gives the parent no chance to stop its children): an
    orphaned worker would go on using a core, or memory, for nobody.

    Returns False if `parent` died before the request was made (the caller
    should end now); True otherwise, also where the kernel has no such request
    (not Linux: children there end when they next hear from their parent).
    """
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, sig, 0, 0, 0)
    except (OSError, AttributeError):
        return True
    return os.getppid() == parent
