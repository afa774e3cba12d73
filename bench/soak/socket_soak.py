"""The long socket soak (bench/soak/socket-soak.sh; a benchmark, not a test): one controllable
session per language (Rust, Python, C: each a separate process printing its events) keeps its
socket open against the emulator binary for --minutes while faults hit the sockets in turn:
abrupt drops, server restarts, stalls (a hung server), revoked tokens (restored a few seconds
later) and garbage frames. A controller sends a DisplayMessage command to each session every
--command-every seconds throughout.

Reported at the end:
- commands sent while the target's socket was connected (open at the emulator before and
  after the send, the send accepted, no stall of that socket in progress) versus received by
  the client (target: none lost), and the commands sent in other states, for information;
- reconnect times (from the client's "disconnected" to its "connected"), median and max, per
  language (revocations apart: those can only end once the token is restored);
- RSS and open file descriptors of each client process over time (target: flat after the
  warm-up, judged as bench/soak/soak.py judges them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import sessionlink
from soak import Emulator, status_kb

LANGUAGES = ("rust", "python", "c")
FAULTS = ("drop", "garbage", "stall", "restart", "garbage", "revoke")
GARBAGE = (
    "not JSON at all",
    "{}",
    '{"MessageType":""}',
    '{"MessageType":"GeneralCommand","Data":"not an object"}',
    '{"MessageType":"Playstate","Data":{"Command":42}}',
    "[1,2,3]",
    '{"MessageType":"NoSuchKind","Data":{"x":[1,{"y":null}]}}',
    "\u0000\u00ff\ufffd",
)


class Client:
    """One language's client process and what it printed, stamped on arrival."""

    def __init__(self, language: str, command: list[str], url: str, device: str, token: str, session: str) -> None:
        self.language, self.device, self.token, self.session = language, device, token, session
        env = dict(os.environ, SOAK_TOKEN=token)
        self.proc = subprocess.Popen([*command, url, device], stdout=subprocess.PIPE, text=True, env=env)
        self.events: list[tuple[float, dict]] = []
        self.lock = threading.Lock()
        self.connected = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout
        for line in self.proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                event = {"e": "unparsable", "line": line[:200]}
            with self.lock:
                self.events.append((time.monotonic(), event))
                if event["e"] == "connected":
                    self.connected = True
                elif event["e"] in ("disconnected", "ended"):
                    self.connected = False

    def sample(self) -> tuple[float, int]:
        pid = str(self.proc.pid)
        return status_kb("VmRSS:", pid) / 1024, len(os.listdir(f"/proc/{pid}/fd"))


def reconnect_times(events: list[tuple[float, dict]], revoked: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """(ordinary, during revocation) gaps from a disconnection to the next connection."""
    ordinary, during = [], []
    down = None
    for t, event in events:
        if event["e"] in ("disconnected", "ended") and down is None:
            down = t
        elif event["e"] == "connected" and down is not None:
            (during if any(a <= down <= b for a, b in revoked) else ordinary).append(t - down)
            down = None
    return ordinary, during


def count_received(events: list[tuple[float, dict]], sent: set[str]) -> tuple[list[str], int]:
    """The driver's command texts the client printed, in order (a text twice is a duplicate),
    and how many other GeneralCommand frames it saw: the injected garbage, whose kind is
    GeneralCommand but which is no command of ours (counting those as commands once showed
    as duplicates)."""
    texts = [e.get("text") for _, e in events if e["e"] == "command"]
    ours = [t for t in texts if t in sent]
    others = sum(1 for _, e in events if e["e"] == "not_a_command") + len(texts) - len(ours)
    return ours, others


def flat(samples: list[tuple[float, float, int]]) -> str:
    warm = max(1, len(samples) // 3)
    steady = samples[warm - 1:]
    if len(steady) < 2:
        return "too short to judge"
    (t0, rss0, fd0), (t1, rss1, fd1) = steady[0], steady[-1]
    rss_flat = (rss1 - rss0) < max(0.10 * rss0, 8.0)
    fds_flat = fd1 <= fd0 + 8 and max(s[2] for s in steady) <= fd0 + 16
    return (f"RSS {rss0:.1f} -> {rss1:.1f} MiB (max {max(s[1] for s in steady):.1f}) "
            f"{'flat' if rss_flat else 'GROWING'}; fds {fd0} -> {fd1} (max {max(s[2] for s in steady)}) "
            f"{'flat' if fds_flat else 'GROWING'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--emulator", required=True)
    parser.add_argument("--rust", required=True, help="the soak-socket binary")
    parser.add_argument("--c", required=True, help="the C socket_client binary")
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--command-every", type=float, default=0.5)
    parser.add_argument("--fault-every", type=float, default=20)
    parser.add_argument("--interval", type=float, default=30, help="seconds between RSS/fd samples")
    parser.add_argument("--keepalive", type=int, default=4, help="the emulator's keep-alive period (s)")
    parser.add_argument("--report", type=Path, default=Path("target/soak/socket-soak.json"))
    parser.add_argument("--faults", default=",".join(dict.fromkeys(FAULTS)),
                        help="the kinds of fault to inject, comma-separated (a focused run: --faults garbage)")
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help="the clients to run, comma-separated (a focused run: --languages c)")
    args = parser.parse_args()
    kinds = [k for k in FAULTS if k in args.faults.split(",")]
    languages = [lang for lang in LANGUAGES if lang in args.languages.split(",")]
    unknown = set(args.faults.split(",")) - set(FAULTS) | set(args.languages.split(",")) - set(LANGUAGES)
    if unknown or not kinds or not languages:
        parser.error(f"--faults takes some of {sorted(set(FAULTS))}, --languages some of {list(LANGUAGES)}")

    emu = Emulator(args.emulator)
    emu.command(f"keepalive_seconds {args.keepalive}")
    fixtures = emu.fixtures
    commands = {"rust": [args.rust], "python": [sys.executable, str(Path(__file__).with_name("socket_client.py"))],
                "c": [args.c]}
    clients = {}
    for language in languages:
        device = f"soak-{language}"
        with sessionlink.JellyfinClient(emu.url, device_name=device, device_id=device) as login:
            result = login.authenticate_by_name(fixtures["user"], fixtures["user_password"])
        assert result.access_token and result.session_info and result.session_info.id
        clients[language] = Client(language, commands[language], emu.url, device, result.access_token,
                                   result.session_info.id)
    for client in clients.values():
        answer = emu.command(f"wait_sockets {client.session} 1 60000")
        assert isinstance(answer, dict) and answer.get("ok"), f"{client.language}: no socket: {answer}"
    controller = sessionlink.JellyfinClient(emu.url, device_name="soak controller", device_id="soak-controller")
    controller.authenticate_by_name(fixtures["admin_user"], fixtures["admin_password"])

    start = time.monotonic()
    deadline = start + args.minutes * 60
    sent: list[dict] = []
    faults: list[dict] = []
    stalls: dict[str, list[tuple[float, float]]] = {lang: [] for lang in languages}
    revoked: dict[str, list[tuple[float, float]]] = {lang: [] for lang in languages}
    samples: dict[str, list[tuple[float, float, int]]] = {lang: [] for lang in languages}
    pending_restore: list[tuple[float, Client]] = []
    n = 0
    next_fault, next_sample, fault_index = start + args.fault_every, start, 0
    while time.monotonic() < deadline:
        now = time.monotonic()
        for when, client in [p for p in pending_restore if p[0] <= now]:
            emu.command(f"restore {client.token}")
            revoked[client.language][-1] = (revoked[client.language][-1][0], now)
            pending_restore.remove((when, client))
        if now >= next_sample:
            for language, client in clients.items():
                rss, fds = client.sample()
                samples[language].append((now - start, rss, fds))
            next_sample += args.interval
        if now >= next_fault:
            # Each kind of fault hits each language in turn.
            kind = kinds[(fault_index // len(languages)) % len(kinds)]
            target = clients[languages[fault_index % len(languages)]]
            fault_index += 1
            next_fault += args.fault_every
            if kind == "drop":
                emu.command(f"drop_session_sockets {target.session}")
            elif kind == "garbage":
                for text in GARBAGE:
                    emu.command(f"socket_send_text {target.session} {text}")
            elif kind == "stall":
                # Longer than 1.5 keep-alive periods: the client must give up on it and reconnect.
                pause = 3 * args.keepalive
                emu.command(f"stall_sockets {target.session} {pause * 1000}")
                stalls[target.language].append((now, now + pause))
            elif kind == "restart":
                emu.command("restart 3000")
            elif kind == "revoke":
                emu.command(f"revoke {target.token}")
                emu.command(f"drop_session_sockets {target.session}")
                revoked[target.language].append((now, now + 3600))
                pending_restore.append((now + 5, target))
            faults.append({"t": round(now - start, 1), "kind": kind,
                           "target": "all" if kind == "restart" else target.language})
        n += 1
        for language, client in clients.items():
            text = f"soak-{language}-{n}"
            before = emu.command(f"sockets {client.session}")
            t = time.monotonic()
            try:
                controller.send_message_command(client.session, text)
                accepted = True
            except sessionlink.Error as e:
                accepted = False
                error = type(e).__name__
            after = emu.command(f"sockets {client.session}")
            stalled = any(a - 1 <= t <= b + 2 * args.keepalive for a, b in stalls[language])
            connected = bool(before) and bool(after) and accepted and not stalled
            sent.append({"t": t, "language": language, "text": text, "connected": connected, "accepted": accepted,
                         "stalled": stalled, **({} if accepted else {"error": error})})
        time.sleep(args.command_every)

    # Let the last commands arrive: every client answers a final command first.
    for language, client in clients.items():
        emu.command(f"wait_sockets {client.session} 1 60000")
    time.sleep(2 * args.keepalive)
    for client in clients.values():
        client.proc.terminate()
        client.proc.wait(timeout=30)
    emu.close()

    report: dict = {"minutes": args.minutes, "faults": {}, "languages": {}}
    for fault in faults:
        report["faults"][fault["kind"]] = report["faults"].get(fault["kind"], 0) + 1
    print(f"socket soak: {args.minutes:g} min, {len(faults)} faults "
          f"({', '.join(f'{k} {v}' for k, v in sorted(report['faults'].items()))}), "
          f"a command to each session every {args.command_every:g} s")
    for language, client in clients.items():
        mine = [s for s in sent if s["language"] == language]
        received, not_commands = count_received(client.events, {s["text"] for s in mine})
        got = set(received)
        connected = [s for s in mine if s["connected"]]
        lost = [s for s in connected if s["text"] not in got]
        other_got = sum(1 for s in mine if not s["connected"] and s["text"] in got)
        ordinary, during = reconnect_times(client.events, revoked[language])
        unparsable = sum(1 for _, e in client.events if e["e"] == "unparsable")
        entry = {
            "sent": len(mine), "sent_while_connected": len(connected), "received_of_those": len(connected) - len(lost),
            "lost": [s["text"] for s in lost], "duplicates": len(received) - len(got),
            "not_commands": not_commands,
            "sent_otherwise": len(mine) - len(connected), "received_otherwise": other_got,
            "reconnects": len(ordinary), "reconnect_median_s": statistics.median(ordinary) if ordinary else None,
            "reconnect_max_s": max(ordinary) if ordinary else None,
            "after_revocation_s": during, "samples": samples[language], "unparsable_lines": unparsable,
        }
        report["languages"][language] = entry
        print(f"{language:>6}: sent while connected {len(connected)}, received {len(connected) - len(lost)}, "
              f"lost {len(lost)}{' ' + str(entry['lost'][:5]) if lost else ''}, duplicates {entry['duplicates']}, "
              f"garbage frames seen {not_commands}; "
              f"other states: sent {entry['sent_otherwise']}, received {other_got}")
        if ordinary:
            print(f"{'':>6}  reconnects {len(ordinary)}: median {statistics.median(ordinary):.2f} s, "
                  f"max {max(ordinary):.2f} s; after a revocation (restored 5 s later): "
                  + ", ".join(f"{d:.1f} s" for d in during))
        print(f"{'':>6}  {flat(samples[language])}")
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(json.dumps(report, indent=1))
    print(f"report: {args.report}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
