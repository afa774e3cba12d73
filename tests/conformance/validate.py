"""Validates the exchange logs the test suites' emulators wrote against the contracts, and
derives the coverage report from them.

    python validate.py --log rust=DIR --log python=DIR --log c=DIR

Each DIR holds the `exchanges-*.json` files the emulators of one language's suite wrote as they
stopped (SESSIONLINK_EXCHANGE_LOG, set per suite by scripts/test.sh), and `websocket-*.json`
beside them for the emulators that had session WebSocket traffic. Every request and every
response is validated (faults injected by a test excepted), and so is every WebSocket message
sent and received, against the contract's `OutboundWebSocketMessage` / `InboundWebSocketMessage`
schemas through their discriminator (websocket.py; messages injected by a test excepted).
Exits 1 on any finding, when a log directory is missing or empty, when a language's log lacks
a success answer for an operation of contracts.SDK_OPERATIONS, when some parameter or enum
value of those operations is sent by no suite at all, and when a message kind of
REQUIRED_SOCKET_KINDS is seen in no suite.
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contracts  # noqa: E402
from exchanges import Checker, Coverage, Exchange, Key, _enum_of, _resolve  # noqa: E402
from websocket import SocketChecker, SocketLog  # noqa: E402

# The WebSocket message kinds the SDK sends or handles, by direction: each must appear, valid,
# in every language's log (jellyfin-notes.md §5: what a controllable client and a session
# watcher exchange with the server), so that no language's socket goes unchecked.
REQUIRED_SOCKET_KINDS = {
    "sent": ["ForceKeepAlive", "KeepAlive", "Play", "Playstate", "GeneralCommand", "Sessions", "ServerRestarting"],
    "received": ["KeepAlive", "SessionsStart", "SessionsStop"],
}


def universe(contract: contracts.Contract, op_id: str) -> set[str]:
    """Every parameter an operation declares (path, query, header) and every top-level property
    of its request body; the security header is checked separately."""
    _, _, op, path_params = contract.operations[op_id]
    names = {_resolve(contract, p)["name"] for p in path_params + op.get("parameters", [])}
    body = op.get("requestBody")
    if body:
        names.add("body")
        schema = _resolve(contract, next(iter(body["content"].values()))["schema"])
        for sub in [schema] + [_resolve(contract, s) for s in schema.get("allOf", [])]:
            names.update(f"body.{k}" for k in sub.get("properties", {}))
    return names


def enum_universe(loaded: dict[str, contracts.Contract]) -> dict[Key, set[str]]:
    """Every enum-valued path or query parameter of the SDK's operations, with its values."""
    out: dict[Key, set[str]] = {}
    for op_id, api in contracts.SDK_OPERATIONS.items():
        contract = loaded[api]
        _, _, op, path_params = contract.operations[op_id]
        for p in (_resolve(contract, q) for q in path_params + op.get("parameters", [])):
            values = _enum_of(contract, p["schema"].get("items", p["schema"]))
            if values:
                out[(op_id, p["name"])] = set(values)
    return out


def read_logs(source: str, directory: Path) -> dict[str, list[Exchange]]:
    """The logs of one suite; a missing or empty directory is an error, never a skip."""
    if not directory.is_dir():
        raise SystemExit(f"conformance: no exchange-log directory for {source} at {directory}: the {source} suite "
                         f"did not run with SESSIONLINK_EXCHANGE_LOG={directory} (scripts/test.sh runs it so)")
    logs = sorted(directory.glob("exchanges-*.json"))
    if not logs:
        raise SystemExit(f"conformance: {directory} holds no exchanges-*.json: no emulator of the {source} suite "
                         f"stopped cleanly with SESSIONLINK_EXCHANGE_LOG set")
    return {log.name: json.loads(log.read_text(encoding="utf-8")) for log in logs}


def read_socket_logs(directory: Path) -> dict[str, SocketLog]:
    """The WebSocket logs of one suite (none when its emulators saw no socket)."""
    return {log.name: json.loads(log.read_text(encoding="utf-8")) for log in sorted(directory.glob("websocket-*.json"))}


def socket_failures(sockets: SocketChecker, sources: list[str], socket_logs: dict[str, dict[str, SocketLog]]) -> list[str]:
    """Each language's own socket log holds every required kind: a language whose suite left
    no socket log, or one without some kind, fails (another language's log does not count)."""
    failures = []
    for source in sources:
        if not socket_logs[source]:
            failures.append(f"[{source}] no websocket-*.json: the {source} suite's sockets were not logged")
            continue
        for direction, kinds in REQUIRED_SOCKET_KINDS.items():
            missing = [k for k in kinds if k not in sockets.coverage.kinds[source][direction]]
            if missing:
                failures.append(f"[{source}] WebSocket {direction} kinds its suite never exchanged: {', '.join(missing)}")
    return failures


def coverage_report(cov: Coverage, sources: list[str], loaded: dict[str, contracts.Contract]) -> list[str]:
    """Prints the per-language coverage and returns the failures."""
    failures = []
    ops = list(contracts.SDK_OPERATIONS)
    for source in sources:
        missing = [op for op in ops if op not in cov.succeeded[source]]
        print(f"operations answered with success [{source}]: {len(ops) - len(missing)}/{len(ops)}")
        if missing:
            print(f"  never answered with success: {', '.join(missing)}")
            failures.append(f"[{source}] operations never answered with success in the {source} log: {', '.join(missing)}")

    params = {op: universe(loaded[api], op) for op, api in contracts.SDK_OPERATIONS.items()}
    total = sum(len(names) for names in params.values())
    union: dict[str, set[str]] = {op: set() for op in params}
    for source in sources:
        seen = {op: names & cov.params[source][op] for op, names in params.items()}
        for op in params:
            union[op] |= seen[op]
        not_sent = [f"{op}.{n}" for op, names in params.items() for n in sorted(names - seen[op])]
        print(f"parameters [{source}] (path, query, header, body fields): {total - len(not_sent)}/{total}"
              + (f"; not sent: {', '.join(not_sent)}" if not_sent else ""))
    nobody = [f"{op}.{n}" for op, names in params.items() for n in sorted(names - union[op])]
    print(f"parameters [all languages]: {total - len(nobody)}/{total}")
    if nobody:
        failures.append(f"parameters no suite sends: {', '.join(nobody)}")

    for (op, name), values in enum_universe(loaded).items():
        per_source = {s: cov.enum_values[s][(op, name)] & values for s in sources}
        everyone = set().union(*per_source.values())
        print(f"enum values {op}.{name}: " + ", ".join(f"{s} {len(v)}/{len(values)}" for s, v in per_source.items())
              + f"; all languages {len(everyone)}/{len(values)}")
        if values - everyone:
            failures.append(f"{op}.{name} values no suite sends: {', '.join(sorted(values - everyone))}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--log", action="append", required=True, metavar="SOURCE=DIR",
                        help="a language and the directory its suite's emulators wrote their exchanges to")
    parser.add_argument("--no-coverage", action="store_true",
                        help="check the exchanges only, not the coverage (scripts/mutants.sh re-checks one suite)")
    args = parser.parse_args()

    logs: dict[str, dict[str, list[Exchange]]] = {}
    socket_logs: dict[str, dict[str, SocketLog]] = {}
    for item in args.log:
        source, sep, directory = item.partition("=")
        if not sep or not source or not directory:
            parser.error(f"--log takes SOURCE=DIR, got {item!r}")
        logs[source] = read_logs(source, Path(directory))
        socket_logs[source] = read_socket_logs(Path(directory))

    problems = contracts.check_documents()
    loaded = {"Jellyfin": contracts.load_jellyfin(), "G4": contracts.load_g4()}
    checker = Checker(loaded)
    for source, runs in logs.items():
        for name, exchanges in runs.items():
            checker.check_log(source, exchanges, name)
    sockets = SocketChecker(loaded["Jellyfin"])
    for source, socket_runs in socket_logs.items():
        for socket_log_name, socket_log in socket_runs.items():
            sockets.check_log(source, socket_log, socket_log_name)
    sources = list(logs)
    cov = checker.coverage
    failures = list(checker.findings) + sockets.findings

    print("== Conformance report")
    print(f"validator: openapi-core {version('openapi-core')} (openapi-schema-validator {version('openapi-schema-validator')}, "
          f"jsonschema {version('jsonschema')}); documents checked by openapi-spec-validator {version('openapi-spec-validator')}")
    print("Authorization: jellyfin-notes.md §4.2 grammar, parsed as the server does (tests/conformance/auth_header.py)")
    for p in problems:
        print(f"  note: the contract document itself does not validate: {p[:300]}")
    for source in sources:
        print(f"exchanges validated (request and response) [{source}]: {cov.exchanges[source]} from {len(logs[source])} "
              f"emulator runs ({cov.injected[source]} injected faults left out)")
    for source in sources:
        if cov.refused[source]:
            print(f"requests outside the contract [{source}], each refused as the server refuses it: {len(cov.refused[source])}")
            for line in cov.refused[source]:
                print(f"  - {line}")
    sockets.report(sources)
    if not args.no_coverage:
        failures += coverage_report(cov, sources, loaded)
        failures += socket_failures(sockets, sources, socket_logs)
    print("statuses seen: " + "; ".join(f"{op} {sorted(cov.statuses.get(op, []))}" for op in contracts.SDK_OPERATIONS))
    print(f"schemas seen in validated bodies: {len(cov.schemas)}: {', '.join(sorted(cov.schemas))}")
    print("allowances (where the document is not what the server does):")
    jellyfin = loaded["Jellyfin"]
    next(a for a in jellyfin.allowances if a.ident == "jellyfin-guid-n").applied = contracts.GUID_N_SEEN[0]
    for c in loaded.values():
        for a in c.allowances:
            print(f"  - {a.ident} ({a.applied} {'values' if a.ident == 'jellyfin-guid-n' else 'places'}): {a.what} — evidence: {a.evidence}")

    if failures:
        print(f"\n== {len(failures)} conformance failure(s):")
        for f in failures:
            print(f"  {f}")
        return 1
    print("== conformance: every logged request, response and WebSocket message matches the contracts, and every "
          "operation, parameter, enum value and required message kind is covered")
    return 0


if __name__ == "__main__":
    sys.exit(main())
