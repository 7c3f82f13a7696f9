"""A forked worker process, where the machine gives one: every run is correct without it."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def forked_pool() -> ProcessPoolExecutor | None:
    """A pool of one process forked from this one (it shares what this one has built, uncopied), or
    None where there is none to be had: a single CPU, no `fork` on this system, or no process
    semaphores (a container without /dev/shm)."""
    if "fork" not in multiprocessing.get_all_start_methods() or (os.cpu_count() or 1) < 2:
        return None
    try:
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    except OSError:
        return None
