"""sessionlink vs its peers, in one run, against one local nginx (not a test).

    bash bench/python/setup.sh            # nginx, .venv-bench with the peers, release builds
    .venv-bench/bin/python bench/python/bench.py [--rounds 5] [--seconds 1.5]

nginx serves bench/data/sessions-8.json (in the repository) for GET /Sessions
and 204 for the command endpoints. Every client case runs in its own process, for the same
duration; the script prints calls per second, import times, RSS after 3,000 calls, and the
ratios the project targets.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BODY = REPO / "bench" / "data" / "sessions-8.json"
# The Rust core's side of the benchmark (tools/src/bin/bench-core.rs), built by setup.sh.
BENCH_CORE = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target")) / "release" / "bench-core"
SESSION = "2fad5b7464f7758e83e4d801b2af1879"
TOKEN = "0123456789abcdef0123456789abcdef"
USER = "1e00cde9b0c3bf749f1519586481d1a1"

# ---------------------------------------------------------------- nginx

NGINX_CONF = """
worker_processes 1;
daemon off;
{user}
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  keepalive_requests 10000000;
  keepalive_timeout 300s;
  client_body_temp_path {tmp}/body;
  proxy_temp_path {tmp}/proxy;
  fastcgi_temp_path {tmp}/fastcgi;
  uwsgi_temp_path {tmp}/uwsgi;
  scgi_temp_path {tmp}/scgi;
  server {{
    listen 127.0.0.1:{port};
    location = /Sessions {{
      if ($request_method != GET) {{ return 204; }}
      default_type application/json;
      root {root};
      try_files /{file} =404;
    }}
    location / {{ return 204; }}
  }}
}}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_nginx(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(
        NGINX_CONF.format(
            tmp=tmp, port=port, root=BODY.parent, file=BODY.name, user="user root;" if os.geteuid() == 0 else ""
        )
    )
    proc = subprocess.Popen([nginx, "-c", str(conf), "-p", str(tmp)], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.05)
    proc.kill()
    raise SystemExit("nginx did not start; see " + str(tmp / "error.log"))


# ---------------------------------------------------------------- client cases (run in a child process)


def run_for(seconds: float, call: Any) -> float:
    for _ in range(20):
        call()
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        call()
        n += 1
    return n / (time.perf_counter() - start)


def run_threads(seconds: float, call: Any, threads: int = 8) -> float:
    import threading

    counts = [0] * threads
    stop = threading.Event()

    def work(i: int) -> None:
        while not stop.is_set():
            call()
            counts[i] += 1

    for _ in range(10):
        call()
    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    start = time.perf_counter()
    for w in workers:
        w.start()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - start)


async def run_tasks(seconds: float, call: Any, tasks: int = 64) -> float:
    import asyncio

    for _ in range(10):
        await call()
    count = 0
    start = time.perf_counter()

    async def work() -> None:
        nonlocal count
        while time.perf_counter() - start < seconds:
            await call()
            count += 1

    await asyncio.gather(*(work() for _ in range(tasks)))
    return count / (time.perf_counter() - start)


def read_sessions(sessions: Any) -> int:
    """What a caller does with the list: read a field of every session."""
    return sum(len(getattr(s, "device_name", None) or "") for s in sessions)


def sessionlink_case(case: str, url: str, seconds: float) -> float:
    import asyncio

    import sessionlink

    config = {"device_id": "bench-python", "token": TOKEN}
    if case == "tasks64":

        async def main() -> float:
            async with sessionlink.AsyncJellyfinClient(url, **config) as c:

                async def call() -> None:
                    read_sessions(await c.get_sessions())

                return await run_tasks(seconds, call)

        return asyncio.run(main())
    client = sessionlink.JellyfinClient(url, **config)
    if case == "get":
        return run_for(seconds, lambda: read_sessions(client.get_sessions()))
    if case == "post":
        return run_for(seconds, lambda: client.send_playstate_command(SESSION, sessionlink.PlaystateCommand.PAUSE))
    if case == "threads8":
        return run_threads(seconds, lambda: read_sessions(client.get_sessions()))
    raise KeyError(case)


def api_client_case(case: str, url: str, seconds: float) -> float:
    import asyncio

    from jellyfin_api_client import AuthenticatedClient
    from jellyfin_api_client.api.session import get_sessions, send_playstate_command
    from jellyfin_api_client.models import PlaystateCommand

    auth = f'Client="bench", Device="bench", DeviceId="bench-httpx", Version="1", Token="{TOKEN}"'
    client = AuthenticatedClient(base_url=url, token=auth, prefix="MediaBrowser")
    if case == "get":
        return run_for(seconds, lambda: read_sessions(get_sessions.sync(client=client)))
    if case == "post":
        return run_for(
            seconds, lambda: send_playstate_command.sync_detailed(SESSION, PlaystateCommand.PAUSE, client=client)
        )
    if case == "threads8":
        return run_threads(seconds, lambda: read_sessions(get_sessions.sync(client=client)))
    if case == "tasks64":

        async def main() -> float:
            async def call() -> None:
                read_sessions(await get_sessions.asyncio(client=client))

            return await run_tasks(seconds, call)

        return asyncio.run(main())
    raise KeyError(case)


def apiclient_python_case(case: str, url: str, seconds: float) -> float:
    from jellyfin_apiclient_python import JellyfinClient

    client = JellyfinClient()
    client.config.app("bench", "1", "bench", "bench-requests")
    client.config.data.update({"auth.server": url, "auth.token": TOKEN, "auth.user_id": USER, "auth.ssl": False})
    api = client.jellyfin

    def get() -> None:
        sessions = api.get_sessions()
        assert isinstance(sessions, list)
        sum(len(s.get("DeviceName") or "") for s in sessions)

    if case == "get":
        return run_for(seconds, get)
    if case == "post":
        return run_for(seconds, lambda: api.remote_pause(SESSION))
    if case == "threads8":
        return run_threads(seconds, get)
    raise KeyError(case)


def aiohttp_case(case: str, url: str, seconds: float) -> float:
    import asyncio

    import aiohttp

    headers = {"Authorization": f'MediaBrowser Client="bench", Device="bench", DeviceId="bench-aiohttp", Version="1", Token="{TOKEN}"'}

    async def main() -> float:
        async with aiohttp.ClientSession(headers=headers) as http:

            async def get() -> None:
                async with http.get(url + "/Sessions") as r:
                    r.raise_for_status()
                    sessions = json.loads(await r.read())
                sum(len(s.get("DeviceName") or "") for s in sessions)

            async def post() -> None:
                async with http.post(f"{url}/Sessions/{SESSION}/Playing/Pause") as r:
                    r.raise_for_status()

            if case == "tasks64":
                return await run_tasks(seconds, get)
            call = get if case == "get" else post
            for _ in range(20):
                await call()
            n, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds:
                await call()
                n += 1
            return n / (time.perf_counter() - start)

    return asyncio.run(main())


RUST = "rust core (bench-core)"

CASES = {
    "sessionlink": (sessionlink_case, ["get", "post", "threads8", "tasks64"]),
    "jellyfin-api-client": (api_client_case, ["get", "post", "threads8", "tasks64"]),
    "jellyfin-apiclient-python": (apiclient_python_case, ["get", "post", "threads8"]),
    "aiohttp+json.loads": (aiohttp_case, ["get", "post", "tasks64"]),
}

IMPORTS = {
    "sessionlink": "import sessionlink",
    "jellyfin-api-client": "import jellyfin_api_client.api.session.get_sessions",
    "jellyfin-apiclient-python": "import jellyfin_apiclient_python",
    "aiohttp+json.loads": "import aiohttp, json",
}


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def rss_after(client: str, url: str, calls: int = 3000) -> int:
    fn, _ = CASES[client]
    # The "get" case for a fixed number of calls: patch run_for to count instead of time.
    global run_for
    timed = run_for

    def counted(seconds: float, call: Any) -> float:
        for _ in range(calls):
            call()
        return 0.0

    run_for = counted
    try:
        if client == "aiohttp+json.loads":
            import asyncio

            import aiohttp

            async def main() -> None:
                async with aiohttp.ClientSession() as http:
                    for _ in range(calls):
                        async with http.get(url + "/Sessions") as r:
                            json.loads(await r.read())

            asyncio.run(main())
        else:
            fn("get", url, 0.0)
    finally:
        run_for = timed
    return rss_kb()


def child(argv: list[str]) -> None:
    what, client, arg, url, seconds = argv
    if what == "case":
        fn, _ = CASES[client]
        print(json.dumps({"calls_per_s": fn(arg, url, float(seconds))}))
    elif what == "rss":
        print(json.dumps({"rss_kb": rss_after(client, url)}))


# ---------------------------------------------------------------- orchestration


def in_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], capture_output=True, text=True, timeout=600, check=False
    )
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def import_ms(statement: str, runs: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout) * 1000)
    return statistics.median(times)


def rust_core(url: str, seconds: float) -> dict[str, float]:
    out = subprocess.run([str(BENCH_CORE), url, str(seconds)], capture_output=True, text=True, timeout=600, check=False)
    if out.returncode != 0:
        raise SystemExit(f"{BENCH_CORE.name} failed (exit {out.returncode}): {out.stderr.strip()}")
    names = {
        "get_sessions_sequential": "get",
        "playstate_sequential": "post",
        "get_sessions_8_tasks": "threads8",
        "get_sessions_64_tasks": "tasks64",
    }
    results = {}
    for line in out.stdout.splitlines():
        row = json.loads(line)
        if row["case"] in names:
            results[names[row["case"]]] = float(row["calls_per_sec"])
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=1.5, help="duration of each case in a round (default 1.5)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; figures are medians (default 5)")
    args = parser.parse_args()
    for needed in (BODY, BENCH_CORE):
        if not needed.exists():
            raise SystemExit(f"missing {needed}: run `bash bench/python/setup.sh` first")

    with tempfile.TemporaryDirectory(prefix="sessionlink-bench-") as tmp:
        nginx, url = start_nginx(Path(tmp))
        try:
            print(
                f"nginx at {url}, serving {BODY.name} ({BODY.stat().st_size:,} bytes); "
                f"{args.rounds} rounds of {args.seconds:g} s per case, medians\n"
            )
            # Rounds interleave every client, so a change of load on the machine hits all of
            # them alike; each figure is the median over the rounds.
            samples: dict[str, dict[str, list[float]]] = {c: {} for c in [*CASES, RUST]}
            for round_no in range(1, args.rounds + 1):
                print(f"round {round_no}/{args.rounds}", flush=True)
                for client, (_, cases) in CASES.items():
                    for case in cases:
                        result = in_child("case", client, case, url, str(args.seconds))
                        if "error" in result:
                            print(f"  {client} {case}: {result['error']}")
                        else:
                            samples[client].setdefault(case, []).append(result["calls_per_s"])
                for case, rate in rust_core(url, args.seconds).items():
                    samples[RUST].setdefault(case, []).append(rate)
            rates = {c: {case: statistics.median(v) for case, v in cases.items()} for c, cases in samples.items()}
            print()
            print(f"{'calls/s':28} {'(a) GET seq':>12} {'(b) POST seq':>13} {'(c) 8 threads':>14} {'(d) 64 tasks':>13}")
            for client, r in rates.items():
                cells = [f"{r[c]:>{w},.0f}" if c in r else f"{'-':>{w}}" for c, w in (("get", 12), ("post", 13), ("threads8", 14), ("tasks64", 13))]
                print(f"{client:28} " + " ".join(cells))

            print("\nimport time (median of 7, ms) and RSS after 3,000 GET /Sessions (MB):")
            imports = {c: import_ms(s) for c, s in IMPORTS.items()}
            rss = {c: in_child("rss", c, "get", url, "0").get("rss_kb", float("nan")) / 1024 for c in CASES}
            for c in CASES:
                print(f"  {c:28} import {imports[c]:7.1f} ms   RSS {rss[c]:7.1f} MB")
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)

    s, ac, ah, rc = (rates.get(k, {}) for k in ("sessionlink", "jellyfin-api-client", "aiohttp+json.loads", RUST))
    checks = [
        ("(a) GET vs jellyfin-api-client", s.get("get", 0) / ac.get("get", float("nan")), 8.0),
        ("(a) GET vs aiohttp + json.loads", s.get("get", 0) / ah.get("get", float("nan")), 1.2),
        ("(a) GET vs the Rust core", s.get("get", 0) / rc.get("get", float("nan")), 0.8),
        ("(b) POST vs jellyfin-api-client (httpx)", s.get("post", 0) / ac.get("post", float("nan")), 2.5),
        ("(c) 8 threads vs own sequential GET", s.get("threads8", 0) / s.get("get", float("nan")), 1.8),
        ("(d) 64 tasks vs aiohttp", s.get("tasks64", 0) / ah.get("tasks64", float("nan")), 2.5),
    ]
    print("\nratios (sessionlink / peer), target in brackets:")
    for name, ratio, target in checks:
        verdict = "ok" if ratio >= target else f"MISSED by {(1 - ratio / target) * 100:.0f}%"
        print(f"  {name:42} {ratio:6.2f}x  [>= {target}x]  {verdict}")
    imp = imports["sessionlink"]
    print(f"  {'import sessionlink':42} {imp:6.1f} ms [<= 60 ms]  {'ok' if imp <= 60 else 'MISSED'}")
    leanest = min(v for k, v in rss.items() if k != "sessionlink")
    print(f"  {'RSS vs the leanest peer':42} {rss['sessionlink']:6.1f} MB [<= {leanest:.1f} MB]  {'ok' if rss['sessionlink'] <= leanest else 'MISSED'}")


if __name__ == "__main__":
    main()
