"""Test and demo helpers: the embedded emulator of both APIs.

>>> from sessionlink.testing import Emulator
>>> with Emulator() as emu:  # doctest: +SKIP
...     client = sessionlink.JellyfinClient(emu.url, device_id="test")
...     client.authenticate_by_name("alice", "wonderland")
...     emu.inject_latency(2.0)       # the next request waits 2 s
...     emu.inject_status(500, "boom")  # the request after that fails
"""

from __future__ import annotations

from sessionlink._native import Emulator

__all__ = ["Emulator"]
