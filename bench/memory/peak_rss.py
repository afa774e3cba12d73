"""One memory measurement of a Python client (bench/memory/run.sh runs each in a fresh
process): one GET /Sessions of a large body, every session's DeviceName and
NowPlayingItem.Name read, then RSS before the call and the process's peak RSS (VmHWM).

    python bench/memory/peak_rss.py sessionlink|aiohttp+msgspec|aiohttp+json.loads URL

Prints {"baseline_kb", "peak_kb", "after_kb", "sessions", "read", "seconds"[, "note"]}.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
TOKEN = "0123456789abcdef0123456789abcdef"
HEADERS = {
    "Authorization": f'MediaBrowser Client="bench", Device="bench", DeviceId="bench-mem", Version="1", Token="{TOKEN}"',
    "Accept": "application/json",
}
LIMIT = 1 << 30


def status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field):
                return int(line.split()[1])
    return -1


def read_attrs(sessions) -> int:  # type: ignore[no-untyped-def]
    n = 0
    for s in sessions:
        n += len(s.device_name or "")
        item = s.now_playing_item
        if item:
            n += len(item.name or "")
    return n


def read_dicts(sessions) -> int:  # type: ignore[no-untyped-def]
    n = 0
    for s in sessions:
        n += len(s.get("DeviceName") or "")
        item = s.get("NowPlayingItem")
        if item:
            n += len(item.get("Name") or "")
    return n


def measure_sessionlink(url: str) -> dict:
    import sessionlink

    note = None
    config = {"device_name": "bench", "device_id": "bench-mem", "token": TOKEN}
    try:
        client = sessionlink.JellyfinClient(url, max_response_bytes=LIMIT, **config)
    except TypeError:
        client = sessionlink.JellyfinClient(url, **config)
        note = "this build has no max_response_bytes option: the default limit applies"
    baseline = status_kb("VmRSS:")
    start = time.perf_counter()
    sessions = client.get_sessions()
    read = read_attrs(sessions)
    out = {"baseline_kb": baseline, "sessions": len(sessions), "read": read, "seconds": time.perf_counter() - start}
    if note:
        out["note"] = note
    return out


def measure_aiohttp(url: str, decoder: str) -> dict:
    import asyncio

    import aiohttp

    if decoder == "msgspec":
        from msgspec_models import SESSIONS_DECODER

        decode, read_fields = SESSIONS_DECODER.decode, read_attrs
    else:
        decode, read_fields = json.loads, read_dicts

    async def main() -> dict:
        async with aiohttp.ClientSession(headers=HEADERS) as http:
            baseline = status_kb("VmRSS:")
            start = time.perf_counter()
            async with http.get(url + "/Sessions") as r:
                r.raise_for_status()
                sessions = decode(await r.read())
            read = read_fields(sessions)
            return {"baseline_kb": baseline, "sessions": len(sessions), "read": read, "seconds": time.perf_counter() - start}

    return asyncio.run(main())


def main() -> None:
    client, url = sys.argv[1], sys.argv[2]
    if client == "sessionlink":
        out = measure_sessionlink(url)
    elif client == "aiohttp+msgspec":
        out = measure_aiohttp(url, "msgspec")
    elif client == "aiohttp+json.loads":
        out = measure_aiohttp(url, "json")
    else:
        raise SystemExit(f"unknown client {client}")
    out["peak_kb"] = status_kb("VmHWM:")
    out["after_kb"] = status_kb("VmRSS:")
    print(json.dumps(out))


if __name__ == "__main__":
    main()
