"""Writes a large GET /Sessions body for the memory benchmark (bench/memory/run.sh), made
from the fixture's sessions (bench/data/sessions-8.json) with varied ids. Deterministic.

    python bench/memory/gen_sessions.py --shape compact|fixture --mb 50 OUT.json

Shapes:
- fixture: the fixture's 8 sessions in turn (half of them playing an item with its media
  streams; ~4.4 KB a session), each with its own Id, DeviceId, DeviceName, UserId and
  position. ~11,400 sessions in 50 MB: few, large objects.
- compact: idle sessions of a server with many devices (~330 bytes each: the fixture's
  identity fields and PlayState, with empty command lists and no capabilities or items).
  ~160,000 sessions in 50 MB: the many-small-objects case of issue 10.
Prints one JSON line: {"path", "bytes", "sessions", "shape"}.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "sessions-8.json"


def hex_id(kind: str, i: int) -> str:
    return hashlib.md5(f"{kind}-{i}".encode()).hexdigest()


def fixture_session(base: dict, i: int) -> dict:
    s = dict(base)
    s["Id"] = hex_id("session", i)
    s["DeviceId"] = hex_id("device", i)[:16]
    s["DeviceName"] = f"{base.get('DeviceName', 'device')} #{i}"
    s["UserId"] = hex_id("user", i % 5000)
    if "PlayState" in s:
        s["PlayState"] = dict(s["PlayState"], PositionTicks=(i * 7919) % 72_000_000_000)
    return s


def compact_session(base: dict, i: int) -> dict:
    return {
        "PlayState": {"CanSeek": False, "IsPaused": False, "IsMuted": False, "RepeatMode": "RepeatNone", "PlaybackOrder": "Default"},
        "Id": hex_id("session", i),
        "UserId": hex_id("user", i % 5000),
        "UserName": base["UserName"],
        "Client": base["Client"],
        "LastActivityDate": base["LastActivityDate"],
        "DeviceName": f"{base['DeviceName']} #{i}",
        "DeviceId": hex_id("device", i)[:16],
        "ApplicationVersion": base["ApplicationVersion"],
        "IsActive": True,
        "SupportedCommands": [],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shape", choices=["compact", "fixture"], default="compact")
    parser.add_argument("--mb", type=float, default=50.0, help="body size in MB (10^6 bytes; default 50)")
    parser.add_argument("out", type=Path)
    args = parser.parse_args()
    bases = json.loads(FIXTURE.read_bytes())
    make = compact_session if args.shape == "compact" else fixture_session
    target = int(args.mb * 1_000_000)
    n, size = 0, 1
    with args.out.open("w", encoding="utf-8") as f:
        f.write("[")
        while size < target:
            text = json.dumps(make(bases[n % len(bases)], n), separators=(",", ":"), ensure_ascii=False)
            if n:
                f.write(",")
                size += 1
            f.write(text)
            size += len(text.encode())
            n += 1
        f.write("]")
    print(json.dumps({"path": str(args.out), "bytes": args.out.stat().st_size, "sessions": n, "shape": args.shape}))


if __name__ == "__main__":
    main()
