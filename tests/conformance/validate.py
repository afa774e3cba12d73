"""Validates captured exchanges against the contracts and prints the coverage report.

    python validate.py --capture rust=rust.json [--capture python=py.json] [--capture c=c.json]
                       [--require rust,python,c]

Exits 1 on any finding, and when a required capture misses an operation (or, for the Rust
capture, which drives every optional parameter, any parameter or enum value).
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib.metadata import version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import contracts  # noqa: E402
from exchanges import Checker, _enum_of, _resolve  # noqa: E402


def universe(contract: contracts.Contract, op_id: str) -> set[str]:
    """Every parameter an operation declares (path, query, header) and every top-level property
    of its request body; the security header is checked separately."""
    method, path, op, path_params = contract.operations[op_id]
    names = {_resolve(contract, p)["name"] for p in path_params + op.get("parameters", [])}
    body = op.get("requestBody")
    if body:
        names.add("body")
        schema = _resolve(contract, next(iter(body["content"].values()))["schema"])
        for sub in [schema] + [_resolve(contract, s) for s in schema.get("allOf", [])]:
            names.update(f"body.{k}" for k in sub.get("properties", {}))
    return names


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--capture", action="append", default=[], help="SOURCE=FILE")
    parser.add_argument("--require", default="rust", help="comma-separated sources that must cover every operation")
    parser.add_argument("--skipped", action="append", default=[], help="SOURCE=REASON, reported as not run")
    parser.add_argument("--responses", action="append", default=[],
                        help="SOURCE=DIR of exchange logs written by the test suites' emulators; responses only")
    args = parser.parse_args()

    problems = contracts.check_documents()
    jellyfin, g4 = contracts.load_jellyfin(), contracts.load_g4()
    checker = Checker({"Jellyfin": jellyfin, "G4": g4})
    sources = []
    for item in args.capture:
        source, _, path = item.partition("=")
        capture = json.loads(Path(path).read_text())
        capture["source"] = source
        sources.append(source)
        checker.check_capture(capture)
    response_sources = []
    for item in args.responses:
        source, _, directory = item.partition("=")
        logs = sorted(Path(directory).glob("*.json"))
        if not logs:
            print(f"  note: no exchange logs in {directory}; responses of the test suites not checked")
            continue
        response_sources.append((source, len(logs)))
        for log in logs:
            checker.check_responses(source, json.loads(log.read_text()))
    cov = checker.coverage
    failures = list(checker.findings)

    expected_ops = [(jellyfin, op) for op in contracts.JELLYFIN_OPERATIONS] + [(g4, op) for op in contracts.G4_OPERATIONS]
    login = (jellyfin, contracts.JELLYFIN_LOGIN)

    print("== Conformance report")
    print(f"validator: openapi-core {version('openapi-core')} (openapi-schema-validator {version('openapi-schema-validator')}, "
          f"jsonschema {version('jsonschema')}); documents checked by openapi-spec-validator {version('openapi-spec-validator')}")
    print("Authorization: jellyfin-notes.md §4.2 grammar, parsed as the server does (tests/conformance/auth_header.py)")
    for p in problems:
        print(f"  note: the contract document itself does not validate: {p[:300]}")
    print(f"exchanges validated (request and response): " + ", ".join(f"{s} {cov.exchanges[s]}" for s in sources))
    for source, count in response_sources:
        print(f"responses of the test suites validated: {cov.exchanges[source]} from {count} emulator runs "
              f"({cov.injected[source]} injected faults and {cov.unrouted[source]} requests to routes outside the "
              f"contracts left out)")
    if checker.outside:
        print(f"requests deliberately outside the contract, each rejected by the validator as expected: {len(checker.outside)}")
        for line in checker.outside:
            print(f"  - {line}")
    for source in sources:
        covered = [op for _, op in expected_ops if source in cov.operations.get(op, set())]
        has_login = source in cov.operations.get(login[1], set())
        print(f"operations [{source}]: {len(covered)}/{len(expected_ops)} covered (+ login {int(has_login)}/1)"
              f"  [Jellyfin {sum(op in covered for op in contracts.JELLYFIN_OPERATIONS)}/16, "
              f"G4 {sum(op in covered for op in contracts.G4_OPERATIONS)}/5]")
        missing = [op for _, op in expected_ops if op not in covered] + ([] if has_login else [login[1]])
        if missing:
            print(f"  not covered: {', '.join(missing)}")
            if source in args.require.split(","):
                failures.append(f"[{source}] operations not covered: {', '.join(missing)}")
    for item in args.skipped:
        source, _, reason = item.partition("=")
        print(f"operations [{source}]: SKIPPED — {reason}")

    # Parameters and enum values: the Rust capture drives all of them.
    total = seen = 0
    missing_params = []
    for contract, op in expected_ops + [login]:
        names = universe(contract, op)
        got = names & cov.params.get(op, set())
        total += len(names)
        seen += len(got)
        missing_params += [f"{op}.{n}" for n in sorted(names - got)]
    print(f"parameters [rust] (path, query, header, body fields): {seen}/{total} covered")
    if missing_params:
        print(f"  not covered: {', '.join(missing_params)}")
        failures.append(f"[rust] parameters not covered: {', '.join(missing_params)}")
    enum_lines = []
    for contract, op in expected_ops:
        method, path, spec_op, path_params = contract.operations[op]
        for p in (_resolve(contract, q) for q in path_params + spec_op.get("parameters", [])):
            values = _enum_of(contract, p["schema"].get("items", p["schema"]))
            if values:
                got = cov.enum_values.get((op, p["name"]), set())
                enum_lines.append(f"{op}.{p['name']} {len(got & set(values))}/{len(values)}")
                if set(values) - got:
                    failures.append(f"[rust] {op}.{p['name']} values never sent: {sorted(set(values) - got)}")
    print(f"enum values sent: {'; '.join(enum_lines)}")
    print("statuses seen: " + "; ".join(f"{op} {sorted(cov.statuses.get(op, []))}" for _, op in expected_ops + [login]))
    print(f"schemas seen in validated bodies: {len(cov.schemas)}: {', '.join(sorted(cov.schemas))}")
    print("allowances (where the document is not what the server does):")
    next(a for a in jellyfin.allowances if a.ident == "jellyfin-guid-n").applied = contracts.GUID_N_SEEN[0]
    for c in (jellyfin, g4):
        for a in c.allowances:
            print(f"  - {a.ident} ({a.applied} {'values' if a.ident == 'jellyfin-guid-n' else 'places'}): {a.what} — evidence: {a.evidence}")

    if failures:
        print(f"\n== {len(failures)} conformance failure(s):")
        for f in failures:
            print(f"  {f}")
        return 1
    print("== conformance: every captured request and response matches the contracts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
