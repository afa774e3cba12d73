"""µs per decode of one GET /Sessions body by msgspec typed Structs with sessionlink's typed
fields (bench/python/msgspec_models.py), reading every session's DeviceName and
NowPlayingItem.Name, as decode-bench does; json.loads beside it. Rounds of ~200 ms,
alternating, medians. Not a test; bench/decode/run.sh runs it next to decode-bench.

    python bench/decode/msgspec_decode.py [body.json] [rounds]

Prints a line per decoder, then one JSON line {"msgspec_us": .., "json_loads_us": ..}.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "python"))
from msgspec_models import SESSIONS_DECODER, read_fields  # noqa: E402


def read_dicts(sessions: list[dict]) -> int:
    return sum(len(s.get("DeviceName") or "") + len((s.get("NowPlayingItem") or {}).get("Name") or "") for s in sessions)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "data" / "sessions-8.json"
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    body = path.read_bytes()
    cases = {
        "msgspec_us": lambda: read_fields(SESSIONS_DECODER.decode(body)),
        "json_loads_us": lambda: read_dicts(json.loads(body)),
    }
    if len({f() for f in cases.values()}) != 1:
        raise SystemExit("the decoders read different values")
    samples: dict[str, list[float]] = {k: [] for k in cases}
    for _ in range(rounds):
        for name, f in cases.items():
            n, start = 0, time.perf_counter()
            while time.perf_counter() - start < 0.2:
                f()
                n += 1
            samples[name].append((time.perf_counter() - start) * 1e6 / n)
            gc.collect()
    medians = {k: statistics.median(v) for k, v in samples.items()}
    print(f"python {sys.version.split()[0]}, msgspec typed Structs vs json.loads, median of {rounds} rounds, µs per decode:")
    print(f"  {'msgspec typed (same fields)':<28} {medians['msgspec_us']:>9.1f} µs")
    print(f"  {'json.loads (dicts)':<28} {medians['json_loads_us']:>9.1f} µs")
    print(json.dumps({k: round(v, 2) for k, v in medians.items()}))


if __name__ == "__main__":
    main()
