"""Where the instructions of one call go, for bench/transport/run.sh (not a test).

    python bench/transport/attribute.py callgrind SMALL.out N_SMALL LARGE.out N_LARGE
        Self instructions (Ir) per call, grouped (hyper/http, tokio, rustls, sessionlink,
        serde, allocation, memcpy, libc syscall wrappers, libcurl, dynamic loader, other),
        as the difference of two runs of N_SMALL and N_LARGE calls, so that start-up and
        warm-up cancel out. Prints a JSON object {"total": .., "groups": {..}, "top": [..]}.
    python bench/transport/attribute.py strace SMALL.txt N_SMALL LARGE.txt N_LARGE
        System calls per call by name (strace -c -f), the same difference.
    python bench/transport/attribute.py perf SMALL.csv N_SMALL LARGE.csv N_LARGE
        perf stat software events per call (task-clock in µs, context switches, ...).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import defaultdict

# First match wins; matched against "file:function [object]" as callgrind_annotate prints it.
GROUPS = [
    ("rustls/ring (TLS)", r"rustls|\bring::|ring_core"),
    ("hyper/http/httparse", r"hyper|httparse|\bhttp::|http_body|h1::"),
    ("tokio/mio (runtime, wake-ups)", r"tokio|\bmio::|futures_|parking_lot|std::thread::park|std::sys::.*futex|crossbeam"),
    ("sessionlink (client, transport)", r"sessionlink"),
    ("serde/serde_json", r"serde"),
    ("allocation (malloc/free)", r"malloc|_int_free|\bfree\b|cfree|realloc|calloc|tcache|__rust_alloc|__rust_dealloc|__rdl_|__rg_|alloc::alloc|\bmi_|_mi_|memalign|unlink_chunk"),
    ("memcpy/memmove/memset", r"mem(cpy|move|set|cmp)|__memcpy|__memmove|__memset"),
    ("libcurl", r"libcurl|Curl_|\bcurl_"),
    ("libc syscall wrappers and other libc", r"libc\.so|libpthread"),
    ("dynamic loader (start-up)", r"ld-linux|/elf/|dl-"),
    ("std/core (formatting, strings, ...)", r"\bstd::|\bcore::|alloc::"),
]
LINE = re.compile(r"^\s*([\d,]+)\s+(?:\(\s*[\d.]+%\)\s+)?(.+?)\s*$")


def callgrind_functions(path: str) -> tuple[int, dict[str, int]]:
    out = subprocess.run(
        ["callgrind_annotate", "--inclusive=no", "--threshold=100", "--auto=no", path],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    total, functions = 0, {}
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        ir, name = int(m.group(1).replace(",", "")), m.group(2)
        if name.startswith("PROGRAM TOTALS"):
            total = ir
        elif ":" in name:
            functions[name] = functions.get(name, 0) + ir
    return total, functions


def group_of(name: str) -> str:
    for group, pattern in GROUPS:
        if re.search(pattern, name):
            return group
    return "other"


def short(name: str) -> str:
    fn = name.split(":", 1)[1] if ":" in name else name
    obj = re.search(r"\[(.+)\]$", name)
    fn = re.sub(r"\s*\[.+\]$", "", fn)
    return f"{fn[:90]} [{obj.group(1).rsplit('/', 1)[-1]}]" if obj else fn[:90]


def callgrind(small: str, n_small: int, large: str, n_large: int) -> dict:
    t1, f1 = callgrind_functions(small)
    t2, f2 = callgrind_functions(large)
    calls = n_large - n_small
    per_fn = {k: (f2.get(k, 0) - f1.get(k, 0)) / calls for k in set(f1) | set(f2)}
    groups: dict[str, float] = defaultdict(float)
    for name, ir in per_fn.items():
        groups[group_of(name)] += ir
    top = sorted(per_fn.items(), key=lambda kv: -kv[1])[:15]
    return {
        "total": (t2 - t1) / calls,
        "groups": dict(sorted(groups.items(), key=lambda kv: -kv[1])),
        "top": [[short(k), v, group_of(k)] for k, v in top],
    }


def strace_counts(path: str) -> dict[str, int]:
    counts = {}
    for line in open(path):
        parts = line.split()
        # % time, seconds, usecs/call, calls, [errors], syscall
        if len(parts) >= 5 and parts[0][0].isdigit() and parts[-1] != "total":
            counts[parts[-1]] = int(parts[3])
    return counts


def strace(small: str, n_small: int, large: str, n_large: int) -> dict:
    c1, c2 = strace_counts(small), strace_counts(large)
    calls = n_large - n_small
    per = {k: (c2.get(k, 0) - c1.get(k, 0)) / calls for k in set(c1) | set(c2)}
    per = {k: v for k, v in sorted(per.items(), key=lambda kv: -kv[1]) if v >= 0.05}
    return {"total": sum(per.values()), "syscalls": per}


def perf_counts(path: str) -> dict[str, float]:
    counts = {}
    for line in open(path):
        parts = line.strip().split(",")
        if len(parts) >= 3 and parts[0] and parts[0][0].isdigit():
            counts[parts[2]] = float(parts[0])
    return counts


def perf(small: str, n_small: int, large: str, n_large: int) -> dict:
    c1, c2 = perf_counts(small), perf_counts(large)
    calls = n_large - n_small
    out = {k: (c2[k] - c1.get(k, 0)) / calls for k in c2}
    if "task-clock" in out:
        out["cpu_us"] = out.pop("task-clock") * 1000  # msec -> µs
    return out


if __name__ == "__main__":
    kind, small, n_small, large, n_large = sys.argv[1:6]
    fn = {"callgrind": callgrind, "strace": strace, "perf": perf}[kind]
    print(json.dumps(fn(small, int(n_small), large, int(n_large))))
