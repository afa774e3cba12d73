"""sessionlink vs the strongest peers, in one run, against one local nginx (not a test).

    bash bench/python/setup.sh        # nginx + wrk + libcurl from Debian, .venv-bench, release builds
    .venv-bench/bin/python bench/python/bench.py [--rounds 5] [--seconds 1.5] [--rss-calls 2000]

nginx (one worker, keep-alive) serves bench/data/sessions-8.json (35 KB, 8 sessions) for
GET /Sessions and 204 for the command POSTs. Scenarios:

  (a) sequential GET /Sessions          (b) sequential POST /Sessions/{id}/Playing/Pause
  (c) 8 threads GET (8 asyncio tasks for the async-only peers)
  (d) 64 asyncio tasks GET (the async client of each peer that has one)

Every client that decodes reads each session's DeviceName and NowPlayingItem.Name on every
call (the sum is checked against the body), so lazy decoding gets no free ride. The native
floors do not decode: libcurl (a C loop on one easy handle, bench/curl/curl_loop.c), pycurl
(libcurl from Python), and wrk (the server's own limit; 1 connection for (a)/(b), 8 for (c),
64 for (d)). The Rust core is sessionlink-tools' bench-core (the same calls on the SDK's
async client). "raw socket" and "raw socket asyncio" are no client at all: the request's
bytes written and the response read whole, blocking and with asyncio's socket calls; their
ratio is asyncio's own cost per awaited round trip, the ceiling of any client's
`asyncio / blocking`.

Each (client, scenario) runs in its own process for the same duration; a round runs every
one of them once, in an order rotated from round to round, so load on the machine hits every
client alike; figures are medians over rounds. Then: the ratios issue 10 targets (each marked
met or missed), import times (median of 7 fresh interpreters), and RSS after --rss-calls
sequential GETs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
BODY = REPO / "bench" / "data" / "sessions-8.json"
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
BENCH_CORE = TARGET / "release" / "bench-core"
# Built by setup.sh from bench/curl/curl_loop.c.
CURL_LOOP = TARGET / "bench" / "curl-loop"
SESSION = "2fad5b7464f7758e83e4d801b2af1879"
TOKEN = "0123456789abcdef0123456789abcdef"
USER = "1e00cde9b0c3bf749f1519586481d1a1"
AUTH = f'MediaBrowser Client="bench", Device="bench", DeviceId="bench-python", Version="1", Token="{TOKEN}"'
HEADERS = {"Authorization": AUTH, "Accept": "application/json"}
sys.path.insert(0, str(Path(__file__).resolve().parent))

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
  keepalive_requests 100000000;
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


# ---------------------------------------------------------------- what every client reads


def expected_read() -> int:
    """The sum the readers below must return for the body: a client that returns another
    number did not read the same fields."""
    sessions = json.loads(BODY.read_bytes())
    return sum(len(s.get("DeviceName") or "") + len((s.get("NowPlayingItem") or {}).get("Name") or "") for s in sessions)


def read_attrs(sessions: Any) -> int:
    """Each session's device_name and now_playing_item.name, as attributes (sessionlink's
    models, msgspec Structs, jellyfin-api-client's attrs classes, whose UNSET is falsy)."""
    n = 0
    for s in sessions:
        n += len(s.device_name or "")
        item = s.now_playing_item
        if item:
            n += len(item.name or "")
    return n


def read_dicts(sessions: Any) -> int:
    """The same fields from json.loads' dicts."""
    n = 0
    for s in sessions:
        n += len(s.get("DeviceName") or "")
        item = s.get("NowPlayingItem")
        if item:
            n += len(item.get("Name") or "")
    return n


# ---------------------------------------------------------------- loops (in the child process)

Call = Callable[[], Any]


def sync_loop(call: Call, seconds: float, calls: int | None) -> float:
    for _ in range(20):
        call()
    if calls is not None:
        for _ in range(calls):
            call()
        return float(calls)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        call()
        n += 1
    return n / (time.perf_counter() - start)


def threads_loop(make_call: Callable[[], Call], seconds: float, threads: int = 8) -> float:
    """`make_call` is called once per thread (a peer that needs a handle per thread makes it
    there)."""
    import threading

    counts = [0] * threads
    stop = threading.Event()
    ready = threading.Barrier(threads + 1)

    def work(i: int) -> None:
        call = make_call()
        for _ in range(5):
            call()
        ready.wait()
        while not stop.is_set():
            call()
            counts[i] += 1

    workers = [threading.Thread(target=work, args=(i,)) for i in range(threads)]
    for w in workers:
        w.start()
    ready.wait()
    start = time.perf_counter()
    time.sleep(seconds)
    stop.set()
    for w in workers:
        w.join()
    return sum(counts) / (time.perf_counter() - start)


async def async_loop(call: Callable[[], Any], seconds: float, calls: int | None) -> float:
    for _ in range(20):
        await call()
    if calls is not None:
        for _ in range(calls):
            await call()
        return float(calls)
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        await call()
        n += 1
    return n / (time.perf_counter() - start)


async def tasks_loop(call: Callable[[], Any], seconds: float, tasks: int) -> float:
    import asyncio

    await asyncio.gather(*(call() for _ in range(tasks)))  # opens the connections
    count = 0
    start = time.perf_counter()

    async def work() -> None:
        nonlocal count
        while time.perf_counter() - start < seconds:
            await call()
            count += 1

    await asyncio.gather(*(work() for _ in range(tasks)))
    return count / (time.perf_counter() - start)


def checked(read: Callable[[], int]) -> Call:
    """Checks once that the client read the expected fields, then returns the call."""
    want = expected_read()
    got = read()
    if got != want:
        raise SystemExit(f"the client read {got} characters of DeviceName/NowPlayingItem.Name, expected {want}")
    return read


async def checked_async(read: Callable[[], Any]) -> Callable[[], Any]:
    want = expected_read()
    got = await read()
    if got != want:
        raise SystemExit(f"the client read {got} characters of DeviceName/NowPlayingItem.Name, expected {want}")
    return read


# ---------------------------------------------------------------- the clients (in the child process)
# Each takes (case, url, seconds, calls) and returns calls/s, or the number of calls made when
# `calls` is given (case "get" only: the RSS measurement).


def sessionlink_case(case: str, url: str, seconds: float, calls: int | None) -> float:
    import sessionlink

    config = {"device_name": "bench", "device_id": "bench-python", "token": TOKEN}
    client = sessionlink.JellyfinClient(url, **config)
    get = checked(lambda: read_attrs(client.get_sessions()))
    if case == "get":
        return sync_loop(get, seconds, calls)
    if case == "post":
        pause = sessionlink.PlaystateCommand.PAUSE
        return sync_loop(lambda: client.send_playstate_command(SESSION, pause), seconds, calls)
    if case == "threads8":
        return threads_loop(lambda: get, seconds)
    raise KeyError(case)


def sessionlink_asyncio_case(case: str, url: str, seconds: float, calls: int | None) -> float:
    """The asyncio client: one call awaited after another ((a), (b): what most asyncio
    programs do), and 64 tasks ((d))."""
    import asyncio

    import sessionlink

    config = {"device_name": "bench", "device_id": "bench-python", "token": TOKEN}

    async def main() -> float:
        async with sessionlink.AsyncJellyfinClient(url, **config) as c:

            async def get() -> int:
                return read_attrs(await c.get_sessions())

            pause = sessionlink.PlaystateCommand.PAUSE

            async def post() -> None:
                await c.send_playstate_command(SESSION, pause)

            await checked_async(get)
            if case == "get":
                return await async_loop(get, seconds, calls)
            if case == "post":
                return await async_loop(post, seconds, calls)
            if case == "tasks64":
                return await tasks_loop(get, seconds, 64)
            raise KeyError(case)

    return asyncio.run(main())


def aiohttp_case(decoder: str) -> Callable[[str, str, float, int | None], float]:
    def run(case: str, url: str, seconds: float, calls: int | None) -> float:
        import asyncio

        import aiohttp

        if decoder == "msgspec":
            from msgspec_models import SESSIONS_DECODER

            decode, read = SESSIONS_DECODER.decode, read_attrs
        else:
            decode, read = json.loads, read_dicts

        async def main() -> float:
            async with aiohttp.ClientSession(headers=HEADERS) as http:

                async def get() -> int:
                    async with http.get(url + "/Sessions") as r:
                        r.raise_for_status()
                        return read(decode(await r.read()))

                async def post() -> None:
                    async with http.post(f"{url}/Sessions/{SESSION}/Playing/Pause") as r:
                        r.raise_for_status()
                        await r.read()

                await checked_async(get)
                if case == "get":
                    return await async_loop(get, seconds, calls)
                if case == "post":
                    return await async_loop(post, seconds, calls)
                if case == "threads8":
                    return await tasks_loop(get, seconds, 8)
                if case == "tasks64":
                    return await tasks_loop(get, seconds, 64)
                raise KeyError(case)

        return asyncio.run(main())

    return run


def httpx_case(case: str, url: str, seconds: float, calls: int | None) -> float:
    import asyncio

    import httpx

    if case == "tasks64":

        async def main() -> float:
            limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
            async with httpx.AsyncClient(headers=HEADERS, limits=limits) as http:

                async def get() -> int:
                    r = await http.get(url + "/Sessions")
                    r.raise_for_status()
                    return read_dicts(json.loads(r.content))

                return await tasks_loop(await checked_async(get), seconds, 64)

        return asyncio.run(main())
    http = httpx.Client(headers=HEADERS, limits=httpx.Limits(max_connections=8, max_keepalive_connections=8))

    def get() -> int:
        r = http.get(url + "/Sessions")
        r.raise_for_status()
        return read_dicts(json.loads(r.content))

    def post() -> None:
        http.post(f"{url}/Sessions/{SESSION}/Playing/Pause").raise_for_status()

    checked(get)
    if case == "get":
        return sync_loop(get, seconds, calls)
    if case == "post":
        return sync_loop(post, seconds, calls)
    if case == "threads8":
        return threads_loop(lambda: get, seconds)
    raise KeyError(case)


def pycurl_case(decoder: str) -> Callable[[str, str, float, int | None], float]:
    def run(case: str, url: str, seconds: float, calls: int | None) -> float:
        import pycurl

        from msgspec_models import SESSIONS_DECODER

        def make_call(get: bool) -> Call:
            """A handle per thread (a pycurl handle is not shared between threads)."""
            h = pycurl.Curl()
            chunks: list[bytes] = []
            h.setopt(pycurl.HTTPHEADER, [f"{k}: {v}" for k, v in HEADERS.items()] + ["Expect:"])
            h.setopt(pycurl.WRITEFUNCTION, chunks.append)
            h.setopt(pycurl.NOSIGNAL, 1)
            if get:
                h.setopt(pycurl.URL, url + "/Sessions")
            else:
                h.setopt(pycurl.URL, f"{url}/Sessions/{SESSION}/Playing/Pause")
                h.setopt(pycurl.POSTFIELDS, "")

            def call() -> int:
                chunks.clear()
                h.perform()
                status = h.getinfo(pycurl.RESPONSE_CODE)
                if not 200 <= status < 300:
                    raise RuntimeError(f"HTTP {status}")
                if decoder == "msgspec" and get:
                    return read_attrs(SESSIONS_DECODER.decode(b"".join(chunks)))
                return len(chunks)

            return call

        if decoder == "msgspec":
            checked(make_call(True))
        if case == "get":
            return sync_loop(make_call(True), seconds, calls)
        if case == "post":
            return sync_loop(make_call(False), seconds, calls)
        if case == "threads8":
            return threads_loop(lambda: make_call(True), seconds)
        raise KeyError(case)

    return run


def api_client_case(case: str, url: str, seconds: float, calls: int | None) -> float:
    import asyncio

    from jellyfin_api_client import AuthenticatedClient
    from jellyfin_api_client.api.session import get_sessions, send_playstate_command
    from jellyfin_api_client.models import PlaystateCommand

    auth = AUTH.removeprefix("MediaBrowser ")
    client = AuthenticatedClient(base_url=url, token=auth, prefix="MediaBrowser")
    if case == "tasks64":

        async def main() -> float:
            async def get() -> int:
                return read_attrs(await get_sessions.asyncio(client=client))

            return await tasks_loop(await checked_async(get), seconds, 64)

        return asyncio.run(main())
    get = checked(lambda: read_attrs(get_sessions.sync(client=client)))
    if case == "get":
        return sync_loop(get, seconds, calls)
    if case == "post":
        return sync_loop(
            lambda: send_playstate_command.sync_detailed(SESSION, PlaystateCommand.PAUSE, client=client), seconds, calls
        )
    if case == "threads8":
        return threads_loop(lambda: get, seconds)
    raise KeyError(case)


def apiclient_python_case(case: str, url: str, seconds: float, calls: int | None) -> float:
    from jellyfin_apiclient_python import JellyfinClient

    client = JellyfinClient()
    client.config.app("bench", "1", "bench", "bench-requests")
    client.config.data.update({"auth.server": url, "auth.token": TOKEN, "auth.user_id": USER, "auth.ssl": False})
    api = client.jellyfin
    get = checked(lambda: read_dicts(api.get_sessions()))
    if case == "get":
        return sync_loop(get, seconds, calls)
    if case == "post":
        return sync_loop(lambda: api.remote_pause(SESSION), seconds, calls)
    if case == "threads8":
        return threads_loop(lambda: get, seconds)
    raise KeyError(case)


def raw_case(use_asyncio: bool) -> Callable[[str, str, float, int | None], float]:
    """No client at all: the request's bytes written to a socket and the response read whole
    (headers, then Content-Length bytes), undecoded; blocking, or with asyncio's own socket
    calls. Their ratio is what asyncio itself costs per awaited round trip on this machine:
    the ceiling of `asyncio / blocking` for any client (one that adds nothing to either)."""

    def run(case: str, url: str, seconds: float, calls: int | None) -> float:
        import asyncio
        import socket as sockets
        from urllib.parse import urlsplit

        where = urlsplit(url)
        path = "/Sessions" if case == "get" else f"/Sessions/{SESSION}/Playing/Pause"
        method = "GET" if case == "get" else "POST"
        request = (
            f"{method} {path} HTTP/1.1\r\nHost: {where.netloc}\r\n"
            f'Authorization: MediaBrowser Token="{TOKEN}"\r\nContent-Length: 0\r\n\r\n'
        ).encode()
        conn = sockets.create_connection((where.hostname, where.port))
        conn.setsockopt(sockets.IPPROTO_TCP, sockets.TCP_NODELAY, 1)

        def complete(buf: bytes) -> bool:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                return False
            head = buf[:end].lower()
            at = head.find(b"content-length:")
            length = int(head[at + 15 :].split(b"\r\n")[0]) if at >= 0 else 0
            return len(buf) >= end + 4 + length

        def call() -> None:
            conn.sendall(request)
            buf = b""
            while not complete(buf):
                buf += conn.recv(65536)

        if not use_asyncio:
            return sync_loop(call, seconds, calls)

        async def main() -> float:
            loop = asyncio.get_running_loop()
            conn.setblocking(False)

            async def acall() -> None:
                await loop.sock_sendall(conn, request)
                buf = b""
                while not complete(buf):
                    buf += await loop.sock_recv(conn, 65536)

            return await async_loop(acall, seconds, calls)

        return asyncio.run(main())

    return run


# name -> (function, scenarios, import statement, what it is)
PY_CLIENTS: dict[str, tuple[Callable[[str, str, float, int | None], float], list[str], str]] = {
    "sessionlink": (sessionlink_case, ["get", "post", "threads8"], "import sessionlink"),
    "sessionlink asyncio": (sessionlink_asyncio_case, ["get", "post", "tasks64"], "import sessionlink"),
    "aiohttp+msgspec": (aiohttp_case("msgspec"), ["get", "threads8", "tasks64"], "import aiohttp, msgspec_models"),
    "aiohttp+json.loads": (aiohttp_case("json"), ["get", "post", "threads8", "tasks64"], "import aiohttp, json"),
    "pycurl+msgspec": (pycurl_case("msgspec"), ["get", "threads8"], "import pycurl, msgspec_models"),
    "pycurl (no decoding)": (pycurl_case("none"), ["get", "post"], "import pycurl"),
    "httpx+json.loads": (httpx_case, ["get", "post", "threads8", "tasks64"], "import httpx, json"),
    "jellyfin-api-client": (
        api_client_case,
        ["get", "post", "threads8", "tasks64"],
        "import jellyfin_api_client.api.session.get_sessions",
    ),
    "jellyfin-apiclient-python": (apiclient_python_case, ["get", "post", "threads8"], "import jellyfin_apiclient_python"),
    "raw socket": (raw_case(False), ["get", "post"], "import socket"),
    "raw socket asyncio": (raw_case(True), ["get", "post"], "import asyncio, socket"),
}
LIBCURL = "libcurl C loop (no decoding)"
WRK = "wrk (no decoding; 1/1/8/64 conns)"
RUST = "Rust core (bench-core)"
EXTERNAL = {LIBCURL: ["get", "post"], WRK: ["get", "post", "threads8", "tasks64"], RUST: ["get", "post", "threads8", "tasks64"]}
NOTES = {
    "aiohttp+msgspec": "(c) is 8 asyncio tasks",
    "aiohttp+json.loads": "(c) is 8 asyncio tasks",
    "httpx+json.loads": "(d) is httpx.AsyncClient",
    "jellyfin-api-client": "(d) is its asyncio API",
    "sessionlink": "JellyfinClient (blocking)",
    "sessionlink asyncio": "AsyncJellyfinClient, one call awaited after another in (a)/(b)",
    "raw socket": "request bytes written, response read whole; no client, no decoding",
    "raw socket asyncio": "the same with loop.sock_sendall/sock_recv: asyncio's own cost",
    RUST: "(c)/(d) are 8/64 tokio tasks",
}


def rss_kb() -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def child(argv: list[str]) -> None:
    what, client, case, url, value = argv
    fn = PY_CLIENTS[client][0]
    if what == "case":
        print(json.dumps({"calls_per_s": fn(case, url, float(value), None)}))
    elif what == "rss":
        fn("get", url, 0.0, int(value))
        print(json.dumps({"rss_kb": rss_kb()}))


# ---------------------------------------------------------------- orchestration


def in_child(*args: str) -> dict[str, Any]:
    try:
        out = subprocess.run(
            [sys.executable, __file__, "--child", *args], capture_output=True, text=True, timeout=300, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": "timed out"}
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr.strip() else f"exit {out.returncode}"}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def run_tool(args: list[str], timeout: float) -> str:
    out = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"{Path(args[0]).name} failed (exit {out.returncode}): {out.stderr.strip()[-300:]}")
    return out.stdout


def rust_core(url: str, seconds: float) -> dict[str, float]:
    names = {
        "get_sessions_sequential": "get",
        "playstate_sequential": "post",
        "get_sessions_8_tasks": "threads8",
        "get_sessions_64_tasks": "tasks64",
    }
    out = run_tool([str(BENCH_CORE), url, str(seconds), *names], 300)
    results = {}
    for line in out.splitlines():
        row = json.loads(line)
        if row["case"] in names:
            results[names[row["case"]]] = float(row["calls_per_sec"])
    return results


def libcurl(case: str, url: str, seconds: float) -> float:
    if case == "get":
        return float(run_tool([str(CURL_LOOP), "GET", url + "/Sessions", str(seconds)], 120))
    return float(run_tool([str(CURL_LOOP), "POST", f"{url}/Sessions/{SESSION}/Playing/Pause", str(seconds)], 120))


def wrk(case: str, url: str, seconds: float, tmp: Path) -> float:
    conns = {"get": 1, "post": 1, "threads8": 8, "tasks64": 64}[case]
    args = ["wrk", "-t1", f"-c{conns}", f"-d{max(1, round(seconds))}s", "-H", f"Authorization: {AUTH}"]
    target = url + "/Sessions"
    if case == "post":
        script = tmp / "post.lua"
        script.write_text('wrk.method = "POST"\nwrk.body = ""\n')
        args += ["-s", str(script)]
        target = f"{url}/Sessions/{SESSION}/Playing/Pause"
    out = run_tool([*args, target], 120)
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError("wrk saw errors: " + out.strip().replace("\n", " | "))
    match = re.search(r"Requests/sec:\s*([0-9.]+)", out)
    if not match:
        raise RuntimeError("wrk printed no rate: " + out)
    return float(match.group(1))


def import_ms(statement: str, runs: int = 7) -> float:
    code = (
        f"import sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); import time; "
        f"t = time.perf_counter(); {statement}; print(time.perf_counter() - t)"
    )
    times = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        times.append(float(out.stdout) * 1000)
    return statistics.median(times)


def summary_of(script: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    """Runs a benchmark script that writes its figures as JSON to $SUMMARY; its own report
    goes to this output."""
    with tempfile.TemporaryDirectory(prefix="sessionlink-bench-summary-") as tmp:
        path = Path(tmp) / "summary.json"
        print(f"\n$ {' '.join(script)}", flush=True)
        try:
            subprocess.run(script, cwd=REPO, env={**os.environ, **env, "SUMMARY": str(path)}, timeout=timeout, check=True)
            return dict(json.loads(path.read_text()))
        except (subprocess.SubprocessError, OSError, ValueError) as e:
            print(f"  failed: {e}", flush=True)
            return {}


def decode_and_memory() -> list[tuple[str, float, float]]:
    """The two targets that are not rates, from their own scripts run now (lower is better):
    µs per decode of the fixture, sessionlink's lossless models (Rust) / msgspec typed Structs
    of the same typed fields (bench/decode/run.sh, one run alternating both on the same
    bytes), and the Python client's peak RSS growth / body for the 50 MB session lists
    (bench/memory/run.sh)."""
    nan = float("nan")
    decode = summary_of(["bash", "bench/decode/run.sh", "5", "3"], {}, 1800)
    memory = summary_of(["bash", "bench/memory/run.sh", "1"], {"MB": "50"}, 3600)
    return [
        ("decode: lossless (Rust) / msgspec, µs", decode.get("sessionlink_over_msgspec", nan), 1.0),
        ("memory: growth / body, 50 MB compact list", memory.get("compact", nan), 3.0),
        ("memory: growth / body, 50 MB fixture-shaped", memory.get("fixture", nan), 3.0),
    ]


SCENARIOS = [("get", "(a) GET seq"), ("post", "(b) POST seq"), ("threads8", "(c) 8 threads"), ("tasks64", "(d) 64 tasks")]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=1.5, help="duration of each case in a round (default 1.5)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds; figures are medians (default 5)")
    parser.add_argument("--rss-calls", type=int, default=2000, help="GETs before RSS is read (default 2000)")
    parser.add_argument("--only", default="", help="comma-separated clients to run (default: all)")
    parser.add_argument(
        "--no-decode-memory",
        action="store_true",
        help="skip the decode (bench/decode/run.sh) and memory (bench/memory/run.sh) ratios of the table",
    )
    args = parser.parse_args()
    for needed in (BODY, BENCH_CORE, CURL_LOOP):
        if not needed.exists():
            raise SystemExit(f"missing {needed}: run `bash bench/python/setup.sh` first")
    if not shutil.which("wrk"):
        raise SystemExit("missing wrk: run `bash bench/python/setup.sh` first")
    only = {c.strip() for c in args.only.split(",") if c.strip()}

    jobs: list[tuple[str, str]] = [(c, s) for c, (_, cases, _) in PY_CLIENTS.items() for s in cases]
    jobs += [(c, s) for c, cases in EXTERNAL.items() for s in cases if c != RUST]
    jobs.append((RUST, "all"))
    if only:
        jobs = [j for j in jobs if j[0] in only or j[0] == RUST]
    samples: dict[str, dict[str, list[float]]] = {}
    by_round: list[dict[str, dict[str, float]]] = []
    errors: list[str] = []
    load_before = os.getloadavg()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sessionlink-bench-") as tmp_name:
        tmp = Path(tmp_name)
        nginx, url = start_nginx(tmp)
        try:
            print(
                f"nginx at {url}, serving {BODY.name} ({BODY.stat().st_size:,} bytes); {len(jobs)} cases x "
                f"{args.rounds} rounds of {args.seconds:g} s, order rotated per round, medians; "
                f"load average {load_before[0]:.2f} on {os.cpu_count()} CPUs\n",
                flush=True,
            )
            for round_no in range(args.rounds):
                by_round.append({})
                print(f"round {round_no + 1}/{args.rounds}", flush=True)
                shift = (round_no * 7) % len(jobs)
                for client, case in jobs[shift:] + jobs[:shift]:
                    try:
                        if client == RUST:
                            for c, rate in rust_core(url, args.seconds).items():
                                samples.setdefault(client, {}).setdefault(c, []).append(rate)
                                by_round[-1].setdefault(client, {})[c] = rate
                            continue
                        if client == LIBCURL:
                            rate = libcurl(case, url, args.seconds)
                        elif client == WRK:
                            rate = wrk(case, url, args.seconds, tmp)
                        else:
                            result = in_child("case", client, case, url, str(args.seconds))
                            if "error" in result:
                                raise RuntimeError(result["error"])
                            rate = float(result["calls_per_s"])
                        samples.setdefault(client, {}).setdefault(case, []).append(rate)
                        by_round[-1].setdefault(client, {})[case] = rate
                    except Exception as e:  # noqa: BLE001 - a failing peer is reported, the run goes on
                        errors.append(f"{client} {case}: {e}")
                        print(f"  {client} {case}: {e}", flush=True)

            print(f"\nimport time (median of 7 fresh interpreters) and RSS after {args.rss_calls:,} sequential GETs:", flush=True)
            imports: dict[str, float] = {}
            rss: dict[str, float] = {}
            for client, (_, _, statement) in PY_CLIENTS.items():
                # The raw sockets are a measure of asyncio, not a client to compare with.
                if (only and client not in only) or client.startswith("raw socket"):
                    continue
                imports[client] = import_ms(statement)
                rss[client] = in_child("rss", client, "get", url, str(args.rss_calls)).get("rss_kb", float("nan")) / 1024
                print(f"  {client:28} import {imports[client]:7.1f} ms   RSS {rss[client]:7.1f} MiB", flush=True)
        finally:
            nginx.terminate()
            nginx.wait(timeout=10)

    extra_targets: list[tuple[str, float, float]] = []
    if not args.no_decode_memory:
        extra_targets = decode_and_memory()

    rates = {c: {case: statistics.median(v) for case, v in cases.items()} for c, cases in samples.items()}
    load_after = os.getloadavg()
    print(
        f"\ncalls/s, median of {args.rounds} rounds ({time.perf_counter() - started:.0f} s in all; "
        f"load average {load_before[0]:.2f} before, {load_after[0]:.2f} after)"
    )
    print(f"{'client':34} " + " ".join(f"{title:>13}" for _, title in SCENARIOS))
    for client in [*PY_CLIENTS, *EXTERNAL]:
        if client not in rates:
            continue
        r = rates[client]
        cells = [f"{r[c]:>13,.0f}" if c in r else f"{'-':>13}" for c, _ in SCENARIOS]
        print(f"{client:34} " + " ".join(cells) + (f"   {NOTES[client]}" if client in NOTES else ""))

    def ratio(a: str, case_a: str, b: str, case_b: str | None = None) -> float:
        x = rates.get(a, {}).get(case_a)
        y = rates.get(b, {}).get(case_b or case_a)
        return x / y if x and y else float("nan")

    def round_ratio(a: str, case_a: str, b: str, case_b: str | None = None) -> float:
        """The median over rounds of the ratio within each round (both sides measured
        minutes apart at most, under the same load)."""
        values = [
            r[a][case_a] / r[b][case_b or case_a]
            for r in by_round
            if r.get(a, {}).get(case_a) and r.get(b, {}).get(case_b or case_a)
        ]
        return statistics.median(values) if values else float("nan")

    s, sa = "sessionlink", "sessionlink asyncio"
    # (name, a, case_a, b, case_b, target, issue): ratios of calls/s, higher is better.
    targets = [
        ("(a) GET: blocking / aiohttp+msgspec", s, "get", "aiohttp+msgspec", "get", 2.0, 19),
        ("(a) GET: asyncio / aiohttp+msgspec", sa, "get", "aiohttp+msgspec", "get", 1.5, 19),
        ("(a) GET: asyncio / blocking", sa, "get", s, "get", 0.9, 19),
        ("(a) GET: blocking / Rust core", s, "get", RUST, "get", 0.95, 10),
        ("(b) POST: asyncio / blocking", sa, "post", s, "post", 0.9, 19),
        ("(b) POST: blocking / libcurl C loop", s, "post", LIBCURL, "post", 0.95, 10),
        ("(c) 8 threads: blocking / aiohttp+msgspec", s, "threads8", "aiohttp+msgspec", "threads8", 1.5, 10),
        ("(d) 64 tasks: asyncio / aiohttp+msgspec", sa, "tasks64", "aiohttp+msgspec", "tasks64", 1.5, 10),
    ]
    print("\ntargets (issues 10 and 19): ratio of calls/s, higher is better; medians of this run, and the median")
    print("of the ratios within each round (the verdict uses the latter: both sides under the same load):")
    print(f"  {'':46} {'medians':>8} {'rounds':>8}")
    for name, a, ca, b, cb, target, issue in targets:
        value, per_round = ratio(a, ca, b, cb), round_ratio(a, ca, b, cb)
        if per_round != per_round:  # NaN: a side is missing
            verdict = "NOT MEASURED"
        else:
            verdict = "met" if per_round >= target else f"MISSED (by {(1 - per_round / target) * 100:.0f}%)"
        print(f"  {name:46} {value:7.2f}x {per_round:7.2f}x   target >= {target}x (#{issue})   {verdict}")
    for name, value, target in extra_targets:
        if value != value:
            verdict = "NOT MEASURED"
        else:
            verdict = "met" if value <= target else f"MISSED (by {(value / target - 1) * 100:.0f}%)"
        print(f"  {name:46} {value:7.2f}x {'':8}   target <= {target}x (#19)   {verdict}")
    info = [
        ("(a) sessionlink / pycurl+msgspec", ratio(s, "get", "pycurl+msgspec")),
        ("(a) sessionlink / aiohttp+json.loads", ratio(s, "get", "aiohttp+json.loads")),
        ("(a) sessionlink / httpx+json.loads", ratio(s, "get", "httpx+json.loads")),
        ("(a) sessionlink / jellyfin-api-client", ratio(s, "get", "jellyfin-api-client")),
        ("(a) sessionlink / libcurl C loop (no decoding)", ratio(s, "get", LIBCURL)),
        ("(a) Rust core / libcurl C loop (no decoding)", ratio(RUST, "get", LIBCURL)),
        ("(a) libcurl C loop / wrk 1 conn (server limit)", ratio(LIBCURL, "get", WRK)),
        ("(b) sessionlink / pycurl (no decoding)", ratio(s, "post", "pycurl (no decoding)")),
        ("(b) sessionlink / Rust core", ratio(s, "post", RUST)),
        ("(b) libcurl C loop / wrk 1 conn (server limit)", ratio(LIBCURL, "post", WRK)),
        ("(c) sessionlink / pycurl+msgspec (8 threads)", ratio(s, "threads8", "pycurl+msgspec")),
        ("(c) sessionlink / Rust core (8 tasks)", ratio(s, "threads8", RUST)),
        ("(c) sessionlink 8 threads / own sequential GET", ratio(s, "threads8", s, "get")),
        ("(d) sessionlink asyncio / aiohttp+json.loads", ratio(sa, "tasks64", "aiohttp+json.loads")),
        ("(d) sessionlink asyncio / Rust core (64 tasks)", ratio(sa, "tasks64", RUST)),
        ("(a) sessionlink asyncio / Rust core", ratio(sa, "get", RUST)),
        ("(b) sessionlink asyncio / Rust core", ratio(sa, "post", RUST)),
        # asyncio's own cost per awaited round trip: the ceiling of `asyncio / blocking`.
        ("(a) raw socket: asyncio / blocking", round_ratio("raw socket asyncio", "get", "raw socket", "get")),
        ("(b) raw socket: asyncio / blocking", round_ratio("raw socket asyncio", "post", "raw socket", "post")),
    ]
    print("\nother ratios (information):")
    for name, value in info:
        print(f"  {name:50} {value:6.2f}x")
    if imports:
        print("\nimport time and RSS:")
        lean = {k: v for k, v in rss.items() if not k.startswith(s) and v == v}
        if s in imports:
            print(f"  import sessionlink {imports[s]:.1f} ms; fastest peer import {min(v for k, v in imports.items() if not k.startswith(s)):.1f} ms")
        if s in rss and lean:
            leanest = min(lean, key=lean.__getitem__)
            print(f"  RSS sessionlink {rss[s]:.1f} MiB; leanest peer {leanest} {lean[leanest]:.1f} MiB")
    if errors:
        print(f"\n{len(errors)} failed cases (not in the medians):")
        for e in errors:
            print("  " + e)


if __name__ == "__main__":
    main()
