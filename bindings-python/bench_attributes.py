"""Micro-benchmark of model attribute access: what reading a session's attributes costs, nested
models (`s.now_playing_item`) above all. A benchmark, not a test: run it against a release
build (`maturin build --release` and install the wheel) to compare versions.

    python bindings-python/bench_attributes.py [--rounds 7] [--json]

The sessions are the 35 KB, 8-session `GET /Sessions` body of `bench/data/sessions-8.json`,
decoded with `SessionInfoDto.from_dict` (no server). Each figure is the median over rounds of
the time per access, in nanoseconds; names a version does not have are skipped.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import timeit
from pathlib import Path

import sessionlink

FIXTURE = Path(__file__).resolve().parents[1] / "bench" / "data" / "sessions-8.json"

# label -> statement, run with `s` bound to a session that plays something.
CASES = {
    "s.device_name (str)": "s.device_name",
    "s.is_active (bool)": "s.is_active",
    "s.now_playing_item (nested model)": "s.now_playing_item",
    "s.now_playing_item.name": "s.now_playing_item.name",
    "s.play_state.position_ticks": "s.play_state.position_ticks",
    "s.play_state.position (timedelta)": "s.play_state.position",
    "s.play_state.repeat_mode (enum)": "s.play_state.repeat_mode",
    "s.last_activity_date (datetime)": "s.last_activity_date",
    "s.capabilities (nested model)": "s.capabilities",
    "s.supported_commands (43 enums)": "s.supported_commands",
    "s.now_playing_queue (list of models)": "s.now_playing_queue",
}


def measure(statement: str, session: object, rounds: int) -> float | None:
    namespace = {"s": session}
    try:
        eval(statement, namespace)  # noqa: S307 - the statements are the constants above
    except AttributeError:
        return None
    timer = timeit.Timer(statement, globals=namespace)
    number, _ = timer.autorange()
    return statistics.median(timer.repeat(rounds, number)) / number * 1e9


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    sessions = [sessionlink.SessionInfoDto.from_dict(s) for s in json.loads(FIXTURE.read_text())]
    session = next(s for s in sessions if s.now_playing_item is not None and s.play_state is not None)
    results = {label: measure(statement, session, args.rounds) for label, statement in CASES.items()}
    if args.json:
        print(json.dumps({"version": sessionlink.__version__, "ns": results}))
        return 0
    print(f"sessionlink {sessionlink.__version__} from {sessionlink.__file__}; median of {args.rounds} rounds")
    for label, ns in results.items():
        print(f"  {label:40} {'n/a' if ns is None else f'{ns:8.0f} ns'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
