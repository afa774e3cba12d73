"""The per-loop completion queue the native module resolves asyncio futures through."""

from __future__ import annotations

import asyncio
import weakref

from sessionlink._native import _Completions

_by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Completions] = weakref.WeakKeyDictionary()


def completions(loop: asyncio.AbstractEventLoop) -> _Completions:
    """The queue of `loop`, created and watched (`add_reader`) on first use."""
    queue = _by_loop.get(loop)
    if queue is None:
        queue = _Completions()
        loop.add_reader(queue.fileno(), queue.drain)
        _by_loop[loop] = queue
    return queue
