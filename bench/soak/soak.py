"""Soak / load script (a benchmark, not a test; issue 9): 64 asyncio tasks on one
AsyncJellyfinClient and 16 threads on one JellyfinClient, for a few minutes, against the
emulator binary (sessionlink-emulator, a separate process), mixing GET /Sessions and POSTs
(playstate commands, playback pings) while a control thread injects a fault every
--fault-every seconds (resets before headers and mid-body, truncated bodies, stalls, stale
keep-alive connections, 503 + Retry-After, 500s, latency). Every --interval seconds it prints
throughput, errors by kind, this process's RSS and open file descriptors (/proc/self/fd),
and threads; at the end a verdict: did RSS and fds stay flat?

    bash bench/soak/run.sh [--minutes 3] [--tasks 64] [--threads 16] [--interval 10]

Flat means: after the warm-up (the first third of the run, at least one interval), RSS grew
by less than max(10 %, 8 MiB) from its first to its last sample (the least-squares slope is
printed too), and the fd count at the end is at most the warm-up count + 8 (no leak).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

import sessionlink

FAULTS = [
    "reset_before_headers",
    "reset_mid_body",
    "truncated_body",
    "stall 300",
    "stale_connection",
    "unavailable 1",
    "status 500 soak",
    "latency 200",
]


def status_kb(field: str, pid: str = "self") -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def fd_count() -> int:
    return len(os.listdir("/proc/self/fd"))


class Emulator:
    """The emulator binary, driven through its stdin control protocol."""

    def __init__(self, binary: str) -> None:
        self.proc = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
        assert self.proc.stdout and self.proc.stdin
        self.url = self.proc.stdout.readline().strip()
        hello = json.loads(self.proc.stdout.readline())
        self.fixtures = hello["fixtures"]["jellyfin"]
        self.lock = threading.Lock()

    def command(self, line: str) -> object:
        assert self.proc.stdout and self.proc.stdin
        with self.lock:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
            return json.loads(self.proc.stdout.readline())

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: Counter[str] = Counter()
        self.errors: Counter[str] = Counter()

    def ok(self, what: str) -> None:
        with self.lock:
            self.calls[what] += 1

    def failed(self, e: BaseException) -> None:
        with self.lock:
            # The class, and the core's kind where the class is a shared one.
            kind = getattr(e, "kind", "")
            self.errors[f"{type(e).__name__}({kind})" if kind else type(e).__name__] += 1

    def take(self) -> tuple[Counter[str], Counter[str]]:
        with self.lock:
            calls, errors = self.calls, self.errors
            self.calls, self.errors = Counter(), Counter()
            return calls, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--emulator", required=True, help="path to the sessionlink-emulator binary")
    parser.add_argument("--minutes", type=float, default=3.0)
    parser.add_argument("--tasks", type=int, default=64)
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--fault-every", type=float, default=1.0, help="seconds between injected faults (0: none)")
    args = parser.parse_args()

    emu = Emulator(args.emulator)
    fx = emu.fixtures
    session_id = fx["kitchen_session_id"]
    config = {"device_name": "soak", "token": fx["api_key"], "request_timeout": 5.0}
    sync_client = sessionlink.JellyfinClient(emu.url, device_id="soak-threads", **config)
    stats = Stats()
    stop = threading.Event()
    deadline = time.monotonic() + args.minutes * 60
    commands = [sessionlink.PlaystateCommand.PAUSE, sessionlink.PlaystateCommand.UNPAUSE]

    def sync_worker(seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            try:
                roll = rng.random()
                if roll < 0.7:
                    sessions = sync_client.get_sessions()
                    sum(len(s.device_name or "") for s in sessions)
                    stats.ok("GET")
                elif roll < 0.9:
                    sync_client.send_playstate_command(session_id, rng.choice(commands))
                    stats.ok("POST")
                else:
                    sync_client.ping_playback_session("soak")
                    stats.ok("POST")
            except sessionlink.Error as e:
                stats.failed(e)

    async def async_main() -> None:
        async with sessionlink.AsyncJellyfinClient(emu.url, device_id="soak-tasks", **config) as client:

            async def task(seed: int) -> None:
                rng = random.Random(seed)
                while not stop.is_set():
                    try:
                        roll = rng.random()
                        if roll < 0.7:
                            sessions = await client.get_sessions()
                            sum(len(s.device_name or "") for s in sessions)
                            stats.ok("GET")
                        elif roll < 0.9:
                            await client.send_playstate_command(session_id, rng.choice(commands))
                            stats.ok("POST")
                        else:
                            await client.ping_playback_session("soak")
                            stats.ok("POST")
                    except sessionlink.Error as e:
                        stats.failed(e)

            await asyncio.gather(*(task(1000 + i) for i in range(args.tasks)))

    injected: Counter[str] = Counter()

    def fault_injector() -> None:
        rng = random.Random(7)
        last_clear = time.monotonic()
        while not stop.wait(args.fault_every if args.fault_every > 0 else 1.0):
            if args.fault_every > 0:
                fault = rng.choice(FAULTS)
                answer = emu.command(fault)
                if isinstance(answer, dict) and answer.get("ok"):
                    injected[fault.split()[0]] += 1
            if time.monotonic() - last_clear > 5:
                emu.command("clear")  # the emulator's exchange log, so that its memory stays bounded
                last_clear = time.monotonic()

    threads = [threading.Thread(target=sync_worker, args=(i,), daemon=True) for i in range(args.threads)]
    threads.append(threading.Thread(target=lambda: asyncio.run(async_main()), daemon=True))
    threads.append(threading.Thread(target=fault_injector, daemon=True))
    print(
        f"soak: {args.tasks} asyncio tasks + {args.threads} threads for {args.minutes:g} min against {emu.url} "
        f"(sessionlink {sessionlink.__version__}); GET 70% / POST 30%; a fault every {args.fault_every:g} s; "
        f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs",
        flush=True,
    )
    print(f"{'t (s)':>6} {'calls/s':>8} {'GET/s':>7} {'POST/s':>7} {'errors':>7} {'RSS MiB':>8} {'fds':>4} {'thr':>4} {'emu MiB':>8}  errors by kind", flush=True)
    start = time.monotonic()
    for t in threads:
        t.start()
    samples: list[tuple[float, float, int]] = []
    total_calls, total_errors = 0, Counter()
    last = start
    try:
        while time.monotonic() < deadline:
            time.sleep(max(0.0, min(args.interval, deadline - time.monotonic())))
            now = time.monotonic()
            calls, errors = stats.take()
            span = now - last
            last = now
            n = sum(calls.values())
            total_calls += n
            total_errors.update(errors)
            rss = status_kb("VmRSS:") / 1024
            fds = fd_count()
            samples.append((now - start, rss, fds))
            kinds = ", ".join(f"{k} {v}" for k, v in errors.most_common()) or "-"
            print(
                f"{now - start:>6.0f} {n / span:>8,.0f} {calls['GET'] / span:>7,.0f} {calls['POST'] / span:>7,.0f} "
                f"{sum(errors.values()):>7} {rss:>8.1f} {fds:>4} {threading.active_count():>4} "
                f"{status_kb('VmRSS:', str(emu.proc.pid)) / 1024:>8.1f}  {kinds}",
                flush=True,
            )
    finally:
        stop.set()
        for t in threads:
            t.join(timeout=15)
        sync_client.close()
        emu.close()

    elapsed = time.monotonic() - start
    print(
        f"\ntotal: {total_calls:,} calls in {elapsed:.0f} s ({total_calls / elapsed:,.0f}/s), "
        f"{sum(total_errors.values()):,} errors: " + (", ".join(f"{k} {v}" for k, v in total_errors.most_common()) or "none")
    )
    print("faults injected: " + (", ".join(f"{k} {v}" for k, v in sorted(injected.items())) or "none"))
    warm = max(1, len(samples) // 3)
    steady = samples[warm - 1 :] if len(samples) > 1 else samples
    if len(steady) < 2:
        print("verdict: run too short to judge (needs at least two samples after the warm-up)")
        sys.exit(0)
    (t0, rss0, fd0), (t1, rss1, fd1) = steady[0], steady[-1]
    n = len(steady)
    mean_t = sum(s[0] for s in steady) / n
    mean_r = sum(s[1] for s in steady) / n
    var_t = sum((s[0] - mean_t) ** 2 for s in steady) or 1.0
    slope = sum((s[0] - mean_t) * (s[1] - mean_r) for s in steady) / var_t * 60  # MiB per minute
    rss_flat = (rss1 - rss0) < max(0.10 * rss0, 8.0)
    fds_flat = fd1 <= fd0 + 8 and max(s[2] for s in steady) <= fd0 + 16
    print(
        f"RSS after warm-up {rss0:.1f} MiB at {t0:.0f} s -> {rss1:.1f} MiB at {t1:.0f} s "
        f"(max {max(s[1] for s in steady):.1f}, slope {slope:+.2f} MiB/min): {'flat' if rss_flat else 'GROWING'}"
    )
    print(f"fds after warm-up {fd0} -> {fd1} (max {max(s[2] for s in steady)}): {'flat' if fds_flat else 'GROWING'}")
    print(f"verdict: {'RSS and fds stayed flat' if rss_flat and fds_flat else 'NOT flat: see above'}")


if __name__ == "__main__":
    main()
