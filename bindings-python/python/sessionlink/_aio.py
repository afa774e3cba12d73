"""Completion of the asyncio futures the native module hands out."""

from __future__ import annotations

import asyncio
import typing


def resolve(future: asyncio.Future[typing.Any], exception: BaseException | None, value: typing.Any) -> None:
    """Called on the loop's thread (via ``call_soon_threadsafe``) when a request ends."""
    # A cancelled future (task.cancel(), wait_for timing out) stays cancelled.
    if future.done():
        return
    if exception is not None:
        future.set_exception(exception)
    else:
        future.set_result(value)
