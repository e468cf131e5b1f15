"""Independent pieces of work shared between processes, the one way the project does it."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

MAX_WORKERS = 4

# The function and its shared context during a `parallel_map`, inherited by the forked workers
# rather than sent to each of them (the territory reference or Pelican's writer would cost more to
# send than the work they serve).
_CURRENT: tuple[Callable, Any] | None = None


def workers() -> int:
    """How many processes a large piece of work is shared between (1: no sharing possible)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return min(os.cpu_count() or 1, MAX_WORKERS)


def parallel_map(function: Callable[[Any, Any], Any], items: Sequence, shared: Any = None, *, parallel: bool = True) -> list:
    """`[function(shared, item) for item in items]`, in order; with `parallel` and more than one
    core, shared between forked processes (each item and result is pickled, `shared` is not)."""
    global _CURRENT
    if not parallel or workers() < 2 or len(items) < 2:
        return [function(shared, item) for item in items]
    _CURRENT = (function, shared)
    try:
        with ProcessPoolExecutor(max_workers=workers(), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(pool.map(_call, items))
    finally:
        _CURRENT = None


def _call(item: Any) -> Any:
    function, shared = _CURRENT
    return function(shared, item)
